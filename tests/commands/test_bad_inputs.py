"""Every file in tests/bad_inputs/ is a mistake a committee or a vendor would make.

Each goes through the real entry point (`crmselect validate PATH`) and must give exit 1, one
located line per problem (`file:line:col: key: message`), every problem at once, no traceback,
and quickly.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from crmselect.cli import app
from tests.conftest import REPO

BAD = Path(__file__).resolve().parent.parent / "bad_inputs"
CASES = yaml.safe_load((BAD / "EXPECTED.yaml").read_text(encoding="utf-8"))["cases"]


def _child_cpu_seconds() -> float:
    """CPU seconds (user + system) of every child process this test run has waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _problem_lines(stderr: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines[-1].endswith(("problem in 1 file", "problems in 1 file")), lines
    return lines[:-1]


def test_corpus_is_large_and_every_file_has_a_case() -> None:
    assert len(CASES) >= 30
    listed = {case["path"].split("/")[0] for case in CASES}
    on_disk = {p.name for p in BAD.iterdir() if p.name not in {"EXPECTED.yaml", "vendors"}}
    assert on_disk == listed


def test_the_shared_vendor_library_is_itself_valid(runner, monkeypatch) -> None:
    monkeypatch.chdir(BAD)
    result = runner.invoke(app, ["validate", "vendors"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_bad_input_is_located(case, runner, monkeypatch) -> None:
    monkeypatch.chdir(BAD)
    started = time.process_time()  # CPU, not wall clock: see test_console_script_reports_the_same
    result = runner.invoke(app, ["validate", case["path"]])
    elapsed = time.process_time() - started

    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert elapsed < 30.0  # catches a hang (say a recursive alias); speed is benchmarked
    lines = _problem_lines(result.stderr)
    assert len(lines) == len(case["problems"]), lines
    for line, expected in zip(lines, case["problems"], strict=True):
        prefix = expected["where"] + ": " + (expected["key"] + ": " if expected["key"] else "")
        assert line.startswith(prefix), (line, prefix)
        assert expected["message"] in line[len(prefix) :], line


def _scorecard_of(case: dict[str, str]) -> Path | None:
    """The scorecard a case is, or holds; None for a case that is another kind of file."""
    path = BAD / case["path"]
    card = path / "scorecard.yaml" if path.is_dir() else path
    head = card.read_bytes()[:4096] if card.is_file() else b""
    return card if b"\nkind: scorecard" in b"\n" + head else None


COMMANDS = {
    "score": ["--sensitivity", "50", "--simulations", "20"],
    "tco": ["-f", "json", "--simulations", "20"],
    "report": ["-o", "{out}/r.md", "--simulations", "20", "--sensitivity", "50"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_every_command_rejects_exactly_what_validate_rejects(
    case, command, runner, monkeypatch, tmp_path
) -> None:
    """`validate` and every command share one loading and validation path: a scorecard case
    gives the same located lines and exit 1 from `validate`, `score`, `tco` and `report` (no
    check lives in one command only); any other file is refused by each command too (it is not
    a scorecard). Nothing is written."""
    monkeypatch.chdir(BAD)
    checked = runner.invoke(app, ["validate", case["path"]])
    card = _scorecard_of(case)
    target = str((card or BAD / case["path"]).relative_to(BAD))
    options = [o.format(out=tmp_path) for o in COMMANDS[command]]
    ran = runner.invoke(app, [command, target, *options])
    assert (checked.exit_code, ran.exit_code) == (1, 1), ran.output
    assert ran.stdout == "" and "Traceback" not in ran.output
    assert list(tmp_path.iterdir()) == []
    if card is not None:
        assert ran.stderr == checked.stderr


def test_market_no_is_norway_not_false(runner, tmp_path) -> None:
    """The 1.2 core schema keeps `NO` a string: the scorecard twin of response_hours: 4:00."""
    text = (REPO / "tests/fixtures/mini/scorecard.yaml").read_text(encoding="utf-8")
    card = tmp_path / "scorecard.yaml"
    card.write_text(text.replace("market: CN", "market: NO"), encoding="utf-8")
    vendors = REPO / "tests/fixtures/mini/vendors"
    result = runner.invoke(app, ["validate", str(card), "--vendors", str(vendors)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", ["misspelt-key.yaml", "duplicate-ids/scorecard.yaml"])
def test_console_script_reports_the_same(path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    before = _child_cpu_seconds()
    result = subprocess.run(
        [sys.executable, "-m", "crmselect", "validate", path],
        cwd=BAD,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,  # a hang fails here, however loaded the machine
    )
    # CPU seconds, not wall-clock ones: an alias bomb or a quadratic parse spends them on any
    # machine, while a loaded one (a busy CI runner) only stretches the wall clock.
    assert _child_cpu_seconds() - before < 5
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    case = next(c for c in CASES if c["path"] == path)
    lines = _problem_lines(result.stderr)
    assert [line.split(": ")[0] for line in lines] == [p["where"] for p in case["problems"]]
