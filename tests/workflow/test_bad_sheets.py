"""A corpus of bad returned spreadsheets: each is refused with exit 1, one located line
``FILE.xlsx: SHEET!CELL: column: message`` (or ``FILE.xlsx: message`` for a file that is not a
workbook), no traceback, and nothing written."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import openpyxl
import pytest

from crmselect.cli import app
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A selection with an exported questionnaire (for ann) and score sheet (for e1)."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("bad") / "sel"
    shutil.copytree(FIXTURES / "handcalc", folder)
    runner = CliRunner()
    card = str(folder / "scorecard.yaml")
    assert (
        runner.invoke(
            app, ["rfi", "export", card, "--vendor", "ann", "-o", str(folder / "rfi.xlsx")]
        ).exit_code
        == 0
    )
    result = runner.invoke(
        app, ["scoresheet", "export", card, "--evaluator", "e1", "-o", str(folder / "sheet.xlsx")]
    )
    assert result.exit_code == 0
    return folder


def _edit(source, target, change):
    wb = openpyxl.load_workbook(source)
    change(wb)
    wb.save(target)


def _set(sheet, cell, value):
    return lambda wb: wb[sheet].__setitem__(cell, value)


def _edited(change):
    """The exported workbook, changed as a person might and saved again."""
    return lambda source, target: _edit(source, target, change)


def _written(make):
    """Bytes that are not the workbook exported (made from its bytes or from nothing)."""
    return lambda source, target: target.write_bytes(make(source))


RFI = {
    "support-yes": (
        _set("Requirements", "G7", "Yes"),
        "Requirements!G7: support: 'Yes' is not one of native, addon, partner, custom, roadmap, none",
    ),
    "price-text": (
        _set("Pricing", "B6", "ten euros"),
        "Pricing!B6: per_seat_month: expected an amount, found text 'ten euros'",
    ),
    "renamed-header": (
        _set("Requirements", "G6", "Support level"),
        "Requirements!G6: support: header is 'Support level', expected 'support' (renamed?)",
    ),
    "deleted-column": (
        lambda wb: wb["Requirements"].delete_cols(5),
        "Requirements!E6: description: column 'description' is missing (deleted?)",
    ),
    "unknown-requirement": (
        _set("Requirements", "A7", "F9"),
        "Requirements!A7: id: unknown requirement 'F9'; if the committee dropped it, record it "
        "in the scorecard under retired: {requirement: F9, reason: ...}",
    ),
    "undefined-plan": (
        _set("Requirements", "H7", "Gold"),
        "Requirements!H7: plan: plan 'Gold' is not on the Pricing sheet",
    ),
    "formula-price": (
        _set("Pricing", "B6", "=10*2"),
        "Pricing!B6: per_seat_month: a formula where a value belongs; type the value itself",
    ),
    "merged-cells": (
        lambda wb: wb["Requirements"].merge_cells("G7:H7"),
        "Requirements!G7:H7: merged cells; unmerge them so each cell holds one value",
    ),
    "hidden-sheet": (
        lambda wb: setattr(wb.create_sheet("Notes"), "sheet_state", "hidden"),
        "Notes: hidden sheet 'Notes' is not part of the questionnaire; unhide and delete it",
    ),
    "deleted-sheet": (
        lambda wb: wb.remove(wb["Company"]),
        "Company: sheet 'Company' is missing (renamed or deleted?)",
    ),
    "currency-word": (
        _set("Pricing", "D6", "Euro"),
        "Pricing!D6: currency: 'EURO' is not an ISO 4217 code such as USD, EUR, GBP or CNY",
    ),
    "negative-addon-price": (
        _set("Requirements", "I7", -5),
        "Requirements!I7: addon_price_per_seat_month: -5 is out of range: an amount from 0 to",
    ),
}
FILES = {
    "empty": (lambda source: b"", "empty file; expected the .xlsx workbook crmselect exported"),
    "csv-renamed": (
        lambda source: b"id,support\nF1,native\n",
        "not an .xlsx workbook (CSV or text); open it in a spreadsheet program and save it",
    ),
    "password-protected": (
        lambda source: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        "password-protected or old-format (.xls) workbook",
    ),
    "corrupt-zip": (
        lambda source: source.read_bytes()[:1500],
        "corrupt .xlsx",
    ),
    "zip-without-workbook": (
        lambda source: _zip({"hello.txt": b"hi"}),
        "not an .xlsx workbook (no xl/workbook.xml)",
    ),
}
SHEETS = {
    "score-six": (
        _set("Scores", "E14", 6),
        "Scores!E14: cat: 6 is out of range: a score from 0 to 5",
    ),
    "score-minus-one": (
        _set("Scores", "E14", -1),
        "Scores!E14: cat: -1 is out of range: a score from 0 to 5",
    ),
    "score-text": (
        _set("Scores", "E14", "good"),
        "Scores!E14: cat: expected a score, found text 'good'",
    ),
    "score-two-decimals": (
        _set("Scores", "E14", 3.25),
        "Scores!E14: cat: 3.25 has more than 1 decimal",
    ),
    "score-renamed-vendor": (
        _set("Scores", "E13", "Cat CRM"),
        "Scores!E13: Cat CRM: vendor 'Cat CRM' is not compared in the scorecard",
    ),
}


def _zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _check(result, target, output, expected):
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if not re.match(r"\d+ problems? in", line)]
    assert lines, result.stderr
    prefix = f"{target.name}: "
    assert all(line.startswith(prefix) for line in lines), lines
    assert any(expected in line for line in lines), lines
    assert not output.exists()


IMPORTS = {
    "rfi": ("rfi.xlsx", ["rfi", "import", "--vendor", "ann"]),
    "scoresheet": ("sheet.xlsx", ["scoresheet", "import"]),
}
CASES = {
    **{f"rfi-{name}": ("rfi", _edited(change), why) for name, (change, why) in RFI.items()},
    **{f"file-{name}": ("rfi", _written(make), why) for name, (make, why) in FILES.items()},
    **{f"sheet-{name}": ("scoresheet", _edited(c), why) for name, (c, why) in SHEETS.items()},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_returned_sheet_is_refused(runner, exported, tmp_path, monkeypatch, case) -> None:
    command, make, expected = CASES[case]
    source, words = IMPORTS[command]
    target = exported / f"{case}.xlsx"
    make(exported / source, target)
    monkeypatch.chdir(exported)
    output = tmp_path / "out.yaml"
    result = runner.invoke(app, [*words[:2], target.name, *words[2:], "-o", str(output)])
    _check(result, target, output, expected)


def test_the_corpus_is_large_enough() -> None:
    assert len(RFI) + len(FILES) + len(SHEETS) >= 15
