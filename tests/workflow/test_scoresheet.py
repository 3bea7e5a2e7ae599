"""Evaluator score sheets (workflow.md §2): export, fill as an evaluator would, import, score."""

from __future__ import annotations

import json
import re

import openpyxl
import pytest
import yaml

from crmselect.cli import app

HEADER = 13
FIRST = 14


@pytest.fixture
def selection(handcalc):
    (handcalc / "scores" / "e2.yaml").unlink()
    return handcalc


def _export(runner, name="e1", *extra):
    result = runner.invoke(
        app, ["scoresheet", "export", "--evaluator", name, "-o", f"{name}.xlsx", *extra]
    )
    assert result.exit_code == 0, result.stderr
    return openpyxl.load_workbook(f"{name}.xlsx")


def _column(ws, header):
    for cell in ws[HEADER]:
        if cell.value == header:
            return cell.column_letter
    raise KeyError(header)


def _row(ws, rid):
    for row in range(FIRST, ws.max_row + 1):
        if ws[f"A{row}"].value == rid:
            return row
    raise KeyError(rid)


def test_the_sheet_guides_the_evaluator(runner, selection) -> None:
    wb = _export(runner)
    ws = wb["Scores"]
    assert ws.freeze_panes == "E14"
    assert ws.protection.sheet is True
    assert [c.value for c in ws[HEADER]] == [
        "id",
        "category",
        "priority",
        "title",
        "cat",
        "notes: cat",
        "ann",
        "notes: ann",
        "bob",
        "notes: bob",
    ]
    assert ws["A13"].protection.locked and ws["A14"].protection.locked
    assert not ws["E14"].protection.locked and not ws["F14"].protection.locked
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert [str(dv.sqref) for dv in lists] == ["E14:E18", "G14:G18", "I14:I18"]
    assert lists[0].formula1 == '"0,0.5,1,1.5,2,2.5,3,3.5,4,4.5,5"'
    assert all(dv.showErrorMessage for dv in lists)
    assert "Scoring guide: 0 = absent" in ws["A4"].value
    # Pre-filled from scores/e1.yaml: bob F2 1, S1 2.
    assert ws[f"I{_row(ws, 'F2')}"].value == 1 and ws[f"I{_row(ws, 'S1')}"].value == 2


def test_round_trip_scores_equal_the_same_scores_written_as_yaml(
    runner, selection, tmp_path
) -> None:
    wb = _export(runner, "li", "--department", "sales")
    ws = wb["Scores"]
    filled = {"cat": {"F1": 4, "I1": 3.5}, "ann": {"F1": 5, "I2": 2}, "bob": {"F1": 1}}
    for vid, cells in filled.items():
        for rid, value in cells.items():
            ws[f"{_column(ws, vid)}{_row(ws, rid)}"] = value
    ws[f"{_column(ws, 'notes: cat')}{_row(ws, 'I1')}"] = "REST needs a paid tier"
    ws[f"{_column(ws, 'notes: ann')}{_row(ws, 'general')}"] = "Good demo overall"
    wb.save(selection / "li.xlsx")

    result = runner.invoke(app, ["scoresheet", "import", "li.xlsx", "-o", "scores/li.yaml"])
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load((selection / "scores" / "li.yaml").read_text(encoding="utf-8"))
    assert written == {
        "kind": "scores",
        "evaluator": "li",
        "department": "sales",
        "scores": filled,
        "notes": {"cat": "I1: REST needs a paid tier", "ann": "Good demo overall"},
    }
    assert runner.invoke(app, ["validate"]).exit_code == 0
    by_sheet = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "50"])
    assert by_sheet.exit_code == 0, by_sheet.stderr

    # The re-exported sheet carries the notes back to their cells.
    again = _export(runner, "li")["Scores"]
    assert (
        again[f"{_column(again, 'notes: cat')}{_row(again, 'I1')}"].value
        == "REST needs a paid tier"
    )

    # The same scores typed as YAML by hand give the same result.
    (selection / "scores" / "li.yaml").write_text(
        "kind: scores\nevaluator: li\nscores:\n"
        "  cat: {F1: 4, I1: 3.5}\n  ann: {F1: 5, I2: 2}\n  bob: {F1: 1}\n",
        encoding="utf-8",
    )
    by_hand = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "50"])
    assert by_hand.exit_code == 0, by_hand.stderr
    assert json.loads(by_sheet.stdout)["vendors"] == json.loads(by_hand.stdout)["vendors"]


def test_import_updates_the_file_keeping_vendors_the_sheet_lacks(runner, selection) -> None:
    (selection / "scores" / "e1.yaml").write_text(
        "kind: scores\nevaluator: e1\nscores:\n  bob: {F2: 1, S1: 2}\n  dropped: {F1: 3}\n",
        encoding="utf-8",
    )
    card = selection / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8")
        + "eliminated:\n  - {vendor: dropped, stage: long list, reason: too small}\n",
        encoding="utf-8",
    )
    wb = _export(runner)
    ws = wb["Scores"]
    ws[f"I{_row(ws, 'F2')}"] = None  # cleared: no longer scored
    ws[f"E{_row(ws, 'F1')}"] = 5
    wb.save(selection / "e1.xlsx")
    result = runner.invoke(app, ["scoresheet", "import", "e1.xlsx", "-o", "scores/e1.yaml"])
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load((selection / "scores" / "e1.yaml").read_text(encoding="utf-8"))
    assert written["scores"] == {"dropped": {"F1": 3}, "cat": {"F1": 5}, "bob": {"S1": 2}}


def test_one_file_per_evaluator_import_and_load(runner, selection) -> None:
    """An evaluator's sheet imported under a second file name is refused (nothing written),
    naming the file that holds their scores; the selection knows each scores file's path, and
    a second file written by hand for one evaluator is refused on loading."""
    from crmselect.io.loader import load_selection

    (selection / "scores" / "e1.yaml").write_text(
        "kind: scores\nevaluator: e1\nscores:\n  bob: {S1: 2}\n", encoding="utf-8"
    )
    loaded = load_selection(selection / "scorecard.yaml")
    assert [s.evaluator for s in loaded.scores] == ["e1"]
    assert loaded.score_files == (selection / "scores" / "e1.yaml",)
    _export(runner).save(selection / "e1.xlsx")
    result = runner.invoke(app, ["scoresheet", "import", "e1.xlsx", "-o", "scores/E1-new.yaml"])
    assert result.exit_code == 2
    assert "e1's scores are in scores/e1.yaml: import with -o scores/e1.yaml" in result.stderr
    assert not (selection / "scores" / "E1-new.yaml").exists()
    assert (
        runner.invoke(app, ["scoresheet", "import", "e1.xlsx", "-o", "scores/e1.yaml"]).exit_code
        == 0
    )

    (selection / "scores" / "e1-again.yaml").write_text(
        "kind: scores\nevaluator: ' E1 '\nscores:\n  bob: {S1: 4}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    # the imported file starts with a comment: its evaluator line is located where it is
    assert re.search(
        r"scores/e1\.yaml:\d+:12: evaluator: 'e1' has scores in scores/e1-again\.yaml too "
        r"\(line 2\): one file per evaluator",
        result.stderr,
    ), result.stderr


def test_completeness_in_score_and_json(runner, selection) -> None:
    result = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "10"])
    data = json.loads(result.stdout)
    # Two must-haves (F1, I1) x three vendors = 6 cells; e1 scored none of them.
    assert data["completeness"] == {
        "evaluators": [{"evaluator": "e1", "missing_must_haves": 6, "cells": 6}],
        "unscored_must_haves": {"cat": ["F1", "I1"], "ann": ["F1", "I1"], "bob": ["F1", "I1"]},
    }
    table = runner.invoke(app, ["score"])
    assert "not scored yet: e1 has not scored 6 of 6 vendor × must-have cells" in table.stdout
    assert "not scored yet: no evaluator scored Ann CRM on must-haves F1, I1" in table.stdout
