"""The wheel carries the vendor library, the examples, the templates and the schemas, so the
bundled example works outside the source tree (cli.md: "Defaults that make the first run work")."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_wheel_runs_the_bundled_example_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        check=True,
        timeout=600,
    )
    (wheel,) = dist.glob("crmselect-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for bundled in (
        "crmselect/_bundled/vendors/features.yaml",
        "crmselect/_bundled/vendors/fxiaoke.yaml",
        "crmselect/_bundled/scorecards/medical-devices-cn/scorecard.yaml",
        "crmselect/_bundled/templates/report.html",
        "crmselect/_bundled/schemas/scorecard.schema.json",
    ):
        assert bundled in names

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "crmselect", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    score = run("score", "--sensitivity", "500")
    assert score.returncode == 0, score.stderr
    assert str(site) in score.stderr  # "using the bundled example <site>/crmselect/_bundled/..."
    assert "qualified" in score.stdout
    report = run("report", "-o", "report.html", "--simulations", "200", "--sensitivity", "200")
    assert report.returncode == 0, report.stderr
    assert "<html" in (elsewhere / "report.html").read_text(encoding="utf-8")
    listing = run("vendors", "list")
    assert listing.returncode == 0 and "fxiaoke" in listing.stdout
