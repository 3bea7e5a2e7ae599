"""mypy (configured in pyproject.toml: strict on crmselect/) finds no error.

Run here as well as in `.ci/run`, so that the suite everyone runs before merging keeps the
package type-clean."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")
