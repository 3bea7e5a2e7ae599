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


def test_no_package_is_exempt_from_the_strict_check() -> None:
    """Every module of crmselect is checked: no override switches errors off or loosens the
    strict flags for a part of the package (third-party stubs may still be missing)."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    for override in config["tool"]["mypy"].get("overrides", []):
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        ours = [m for m in modules if m == "crmselect" or m.startswith("crmselect.")]
        assert not ours, f"mypy override for {ours}: {override}"
