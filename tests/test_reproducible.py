"""Same inputs and seed, same output, byte for byte: from another folder, in another time zone.

Each command runs twice in a fresh process, on the same selection copied into two different
folders (named by the same relative path), once with TZ=UTC and once with TZ=Asia/Shanghai,
both with SOURCE_DATE_EPOCH=1767225600 (2026-01-01), and the outputs are compared as bytes.
Reports must show SOURCE_DATE_EPOCH as their generated stamp.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crmselect.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini"
EPOCH = "1767225600"

# (command, arguments, output file or None for stdout). `sel/` is the copied selection.
CASES = [
    (
        "score",
        ["sel/scorecard.yaml", "--format", "json", "--sensitivity", "200", "--seed", "7"],
        None,
    ),
    ("score", ["sel/scorecard.yaml", "--format", "md", "--sensitivity", "200"], None),
    ("score", ["--format", "json", "--sensitivity", "200"], None),  # the bundled example
    (
        "tco",
        ["sel/scorecard.yaml", "--format", "json", "--simulations", "300", "--seed", "7"],
        None,
    ),
    ("tco", ["sel/scorecard.yaml", "--format", "csv", "--simulations", "300"], None),
    ("tco", ["sel/scorecard.yaml", "--format", "md", "--simulations", "300"], None),
    (
        "tco",
        ["sel/scorecard.yaml", "-f", "xlsx", "-o", "tco.xlsx", "--simulations", "300"],
        "tco.xlsx",
    ),
    ("tco", ["--format", "json", "--simulations", "300"], None),  # the bundled example
    (
        "report",
        ["sel/scorecard.yaml", "-o", "report.html", "--simulations", "300", "--sensitivity", "200"],
        "report.html",
    ),
    (
        "report",
        ["sel/scorecard.yaml", "-o", "report.md", "--simulations", "300", "--sensitivity", "200"],
        "report.md",
    ),
    (
        "report",
        ["-o", "example.html", "--simulations", "300", "--sensitivity", "200"],
        "example.html",
    ),  # the bundled example: CJK names, six vendors
    ("diff", ["sel/scorecard.yaml", "sel2/scorecard.yaml", "--format", "json"], None),
    ("diff", ["sel/scorecard.yaml", "sel2/scorecard.yaml", "--format", "md"], None),
    ("diff", ["sel/scorecard.yaml", "sel2/scorecard.yaml"], None),
]


def _registered(command: str) -> bool:
    return any(
        (info.name or (info.callback.__name__ if info.callback else "")) == command
        for info in app.registered_commands
    )


def _workspace(folder: Path) -> Path:
    """The mini selection as `sel/`, and a changed copy as `sel2/`, below ``folder``."""
    folder.mkdir(parents=True)
    shutil.copytree(FIXTURE, folder / "sel")
    shutil.copytree(FIXTURE, folder / "sel2")
    card = folder / "sel2" / "scorecard.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("{weight: 60}", "{weight: 30}"), encoding="utf-8")
    beta = folder / "sel2" / "vendors" / "beta.yaml"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(text.replace("per_seat_month: 100", "per_seat_month: 120"), encoding="utf-8")
    return folder


def _run(folder: Path, command: str, args: list[str], output: str | None, tz: str) -> bytes:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SOURCE_DATE_EPOCH": EPOCH,
        "TZ": tz,
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    result = subprocess.run(
        [sys.executable, "-m", "crmselect", command, *args],
        cwd=folder,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    if output is None:
        return result.stdout
    return (folder / output).read_bytes()


@pytest.mark.parametrize(
    ("command", "args", "output"),
    CASES,
    ids=[f"{c}-{'-'.join(a[:3])}" for c, a, _ in CASES],
)
def test_output_is_byte_identical(
    tmp_path: Path, command: str, args: list[str], output: str | None
) -> None:
    assert _registered(command), f"crmselect {command} is not registered"
    first = _run(_workspace(tmp_path / "a"), command, args, output, "UTC")
    second = _run(_workspace(tmp_path / "x" / "y" / "b"), command, args, output, "Asia/Shanghai")
    assert first, "no output"
    assert first == second
    if output and output.endswith((".html", ".md")):
        assert b"2026-01-01T00:00:00Z" in first  # the stamp is SOURCE_DATE_EPOCH, in UTC
