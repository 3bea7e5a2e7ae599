"""`crmselect vendors list` on the bundled library, as a user at an 80-column terminal sees it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LIBRARY = Path(__file__).resolve().parents[2] / "vendors"


def run(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {"COLUMNS": str(columns), "SOURCE_DATE_EPOCH": "1796601600", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "crmselect", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_list_of_twenty_vendors_fits_80_columns() -> None:
    result = run("vendors", "list", "--vendors", str(LIBRARY))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    ids = {p.stem for p in LIBRARY.glob("*.yaml")} - {"features"}
    assert len(ids) >= 20
    assert all(any(line.startswith(f"│ {vid} ") for line in lines) for vid in ids)


def test_the_json_list_reports_features_known_per_profile() -> None:
    result = run("vendors", "list", "--vendors", str(LIBRARY), "--format", "json")
    assert result.returncode == 0, result.stderr
    vendors = json.loads(result.stdout)["vendors"]
    assert len(vendors) >= 20
    assert all(v["features_known"] > 0 for v in vendors)
