"""What the spreadsheet commands share (rfi and scoresheet): a sheet is named .xlsx, an import
needs the committee's scorecard, and an output that must not be written is refused before any
work, with exit 2 and nothing written; a good run says ``wrote FILE``."""

from __future__ import annotations

import shutil

import pytest

from crmselect.cli import app
from tests.conftest import FIXTURES

EXPORTS = {
    "rfi": ["rfi", "export", "--vendor", "ann"],
    "scoresheet": ["scoresheet", "export", "--evaluator", "e1"],
}
IMPORTS = {
    "rfi": ["rfi", "import", "back.xlsx", "--vendor", "ann"],
    "scoresheet": ["scoresheet", "import", "back.xlsx"],
}


@pytest.fixture
def selection(tmp_path, monkeypatch):
    folder = tmp_path / "sel"
    shutil.copytree(FIXTURES / "handcalc", folder)
    (folder / "responses").mkdir()
    monkeypatch.chdir(folder)
    return folder


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("command", list(EXPORTS))
def test_export_names_the_sheet_xlsx_and_says_what_it_wrote(runner, selection, command) -> None:
    before = _files(selection)
    refused = runner.invoke(app, [*EXPORTS[command], "-o", "sheet.csv"])
    assert refused.exit_code == 2
    assert refused.stderr == "crmselect: name the sheet .xlsx, not 'sheet.csv'\n"
    assert _files(selection) == before
    done = runner.invoke(app, [*EXPORTS[command], "-o", "sheet.XLSX"])
    assert done.exit_code == 0, done.stderr
    assert done.stderr == "wrote sheet.XLSX\n"
    assert (selection / "sheet.XLSX").read_bytes().startswith(b"PK")
    quiet = runner.invoke(app, [*EXPORTS[command], "-o", "again.xlsx", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


@pytest.mark.parametrize("command", list(IMPORTS))
def test_import_needs_the_committees_scorecard(runner, selection, command) -> None:
    assert runner.invoke(app, [*EXPORTS[command], "-o", "back.xlsx"]).exit_code == 0
    result = runner.invoke(
        app, [*IMPORTS[command], "-o", "out.yaml", "--scorecard", "elsewhere.yaml"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "crmselect: no scorecard 'elsewhere.yaml': run this in the selection's folder "
        "or give --scorecard\n"
    )
    assert not (selection / "out.yaml").exists()


@pytest.mark.parametrize(
    ("command", "output", "refused"),
    [
        ("rfi", "back.xlsx", True),
        ("rfi", "scorecard.yaml", True),
        ("rfi", "scores/e1.yaml", True),  # a response file never replaces another input
        ("rfi", "responses/ann.yaml", False),
        ("scoresheet", "back.xlsx", True),
        ("scoresheet", "scorecard.yaml", True),
        ("scoresheet", "scores/e1.yaml", False),  # the evaluator's scores, brought up to date
    ],
)
def test_import_never_writes_over_its_inputs(runner, selection, command, output, refused) -> None:
    assert runner.invoke(app, [*EXPORTS[command], "-o", "back.xlsx"]).exit_code == 0
    before = _files(selection)
    result = runner.invoke(app, [*IMPORTS[command], "-o", output])
    if refused:
        assert result.exit_code == 2
        assert (
            result.stderr == f"crmselect: output '{output}' is an input file; choose another name\n"
        )
        assert _files(selection) == before
    else:
        assert result.exit_code == 0, result.stderr
        assert result.stderr == f"wrote {output}\n"
        assert (
            (selection / output)
            .read_text(encoding="utf-8")
            .startswith("# yaml-language-server: $schema=../schemas/")
        )
