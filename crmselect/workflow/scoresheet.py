"""Evaluator score sheets (workflow.md §2): one evaluator's demo scores as a spreadsheet and
back to a ``kind: scores`` file.

The sheet ``Scores`` has an instruction block with the scoring guide, the evaluator's name and
department, then one row per requirement (id, category, priority, title) and, per compared
vendor, a score column (a 0–5 dropdown, halves allowed) and a notes column. A last row holds
general notes per vendor. Per-requirement notes travel in the scores file's vendor note as lines
``R01: text`` (the file keeps one note per vendor).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from crmselect.models.scorecard import ScoreFile, evaluator_key
from crmselect.models.selection import Selection
from crmselect.workflow.sheets import (
    Imported,
    SheetReader,
    column_letter,
    dropdown,
    file_text,
    finish,
    header_row,
    instructions,
    new_workbook,
    plain,
    unlock,
    workbook_bytes,
)
from crmselect.workflow.shortlist import Shortlist

SHEET = "Scores"
FIXED = ["id", "category", "priority", "title"]
GENERAL = "general"
"""The id cell of the last row, whose notes cells hold each vendor's general note."""
CHOICES = [f"{x / 2:g}" for x in range(11)]
"""0, 0.5, 1, ..., 5: demo scores allow halves (analysis.md §5)."""
GUIDE = [
    "0 = absent: not there, or not shown",
    "1 = a poor workaround",
    "2 = works only with significant workarounds",
    "3 = works, with workarounds our people can live with",
    "4 = works as we need, minor gaps",
    "5 = works exactly as our people need it",
]
EVALUATOR_ROW = 10
DEPARTMENT_ROW = 11
HEADER_ROW = 13
FIRST_ROW = HEADER_ROW + 1
_NOTE_LINE = re.compile(r"^([^\s:]+): (.*)$")


def score_header(vendor_id: str) -> str:
    return vendor_id


def notes_header(vendor_id: str) -> str:
    return f"notes: {vendor_id}"


def split_note(note: str | None, requirement_ids: set[str]) -> tuple[str, dict[str, str]]:
    """A vendor note -> (general text, requirement id -> note), reading ``R01: text`` lines."""
    general: list[str] = []
    by_req: dict[str, str] = {}
    for line in (note or "").splitlines():
        match = _NOTE_LINE.match(line)
        if match and match.group(1) in requirement_ids:
            by_req[match.group(1)] = match.group(2)
        elif line.strip():
            general.append(line)
    return "\n".join(general), by_req


def join_note(general: str | None, by_req: dict[str, str]) -> str | None:
    lines = [general] if general else []
    lines += [f"{rid}: {text}" for rid, text in by_req.items()]
    return "\n".join(lines) or None


def export_scoresheet(
    selection: Selection,
    evaluator: str,
    department: str | None = None,
    existing: ScoreFile | None = None,
) -> bytes:
    """The evaluator's sheet as xlsx bytes, pre-filled with ``existing`` scores and notes."""
    reqs = list(selection.requirements)
    vendors = list(selection.vendors)
    ids = {r.id for r in reqs}
    wb, ws = new_workbook(SHEET)
    width = len(FIXED) + 2 * len(vendors)
    names = ", ".join(f"{selection.vendors[v].name} ({v})" for v in vendors)
    lines = [
        f"Demo scores: {selection.scorecard.title}",
        f"Score each vendor on each requirement after its demo or trial: {names}.",
        "Choose a score from the dropdown (0 to 5, halves allowed); leave a cell empty when you "
        "did not see it (empty means not scored, never 0).",
        "Scoring guide: " + "; ".join(GUIDE[:3]) + ";",
        "               " + "; ".join(GUIDE[3:]) + ".",
        "Notes: say what you saw (a workaround, a script, a missing step). Only the shaded "
        "cells can be edited; send the file back as .xlsx.",
        f"Return it to the committee; it is read with: crmselect scoresheet import FILE.xlsx "
        f"-o scores/{_slug(evaluator)}.yaml",
    ]
    instructions(ws, lines, width)
    ws.cell(row=EVALUATOR_ROW, column=1, value="evaluator")
    ws.cell(row=EVALUATOR_ROW, column=2, value=evaluator)
    ws.cell(row=DEPARTMENT_ROW, column=1, value="department")
    ws.cell(row=DEPARTMENT_ROW, column=2, value=department or "")
    unlock([ws.cell(row=EVALUATOR_ROW, column=2), ws.cell(row=DEPARTMENT_ROW, column=2)])

    headers = list(FIXED)
    for vid in vendors:
        headers += [score_header(vid), notes_header(vid)]
    header_row(ws, HEADER_ROW, headers)

    notes = {vid: split_note(existing.notes.get(vid) if existing else None, ids) for vid in vendors}
    for offset, req in enumerate(reqs):
        row = FIRST_ROW + offset
        for col, value in enumerate((req.id, req.category, req.priority, req.title), start=1):
            ws.cell(row=row, column=col, value=value)
        for k, vid in enumerate(vendors):
            score_col = len(FIXED) + 2 * k + 1
            score = existing.scores.get(vid, {}).get(req.id) if existing else None
            score_cell = ws.cell(
                row=row, column=score_col, value=plain(score) if score is not None else None
            )
            note_cell = ws.cell(row=row, column=score_col + 1, value=notes[vid][1].get(req.id))
            unlock([score_cell, note_cell])
    general_row = FIRST_ROW + len(reqs)
    ws.cell(row=general_row, column=1, value=GENERAL)
    ws.cell(row=general_row, column=4, value="General notes on each vendor (in its notes column)")
    for k, vid in enumerate(vendors):
        note_cell = ws.cell(
            row=general_row, column=len(FIXED) + 2 * k + 2, value=notes[vid][0] or None
        )
        unlock([note_cell])

    last = general_row - 1
    for k, _ in enumerate(vendors):
        letter = column_letter(len(FIXED) + 2 * k + 1)
        if reqs:
            dropdown(
                ws,
                CHOICES,
                f"{letter}{FIRST_ROW}:{letter}{last}",
                "0 (absent) to 5 (exactly as needed); halves allowed; empty: not scored",
                "Choose a score from 0 to 5 (halves allowed), or leave the cell empty.",
            )
    ws.freeze_panes = f"{column_letter(len(FIXED) + 1)}{FIRST_ROW}"
    widths = {
        1: 10,
        2: 15,
        3: 9,
        4: max(24, min(60, max((len(r.title) for r in reqs), default=10) + 2)),
    }
    for k, vid in enumerate(vendors):
        widths[len(FIXED) + 2 * k + 1] = max(9, len(vid) + 2)
        widths[len(FIXED) + 2 * k + 2] = 30
    finish(ws, widths)
    return workbook_bytes(wb)


def import_scoresheet(
    path: Path, selection: Selection, existing: ScoreFile | None = None
) -> Imported[ScoreFile]:
    """Read a returned score sheet against ``selection``; raise :class:`InputError` with every
    problem located as ``FILE.xlsx: Scores!CELL: column: message``.

    ``existing`` (the scores file being updated) keeps its vendors that the sheet does not
    have; for the sheet's vendors the sheet is the whole truth (a cleared cell is unscored)."""
    reader = SheetReader(path)
    wb = reader.open([SHEET])
    ws = wb[SHEET]
    reader.check_merged(ws, HEADER_ROW)
    header_cells = [ws.cell(row=HEADER_ROW, column=c).value for c in range(1, ws.max_column + 1)]
    vendor_cols: list[tuple[str, int]] = []
    shortlist = Shortlist.of(selection.scorecard, [r.id for r in selection.requirements])
    col = len(FIXED) + 1
    expected = list(FIXED)
    while col <= len(header_cells) and header_cells[col - 1] not in (None, ""):
        vid = str(header_cells[col - 1]).strip()
        expected += [vid, notes_header(vid)]
        where = f"{column_letter(col)}{HEADER_ROW}"
        if reader.admits(shortlist.vendor_verdict(vid, "scores"), SHEET, where, vid):
            vendor_cols.append((vid, col))
        col += 2
    if not vendor_cols and not reader.problems and not reader.warnings:
        reader.problem(
            SHEET, f"{column_letter(len(FIXED) + 1)}{HEADER_ROW}", "", "no vendor columns"
        )
    reader.check_header(ws, HEADER_ROW, expected)
    reader.stop_on_problems()

    evaluator = reader.text(ws, ws.cell(row=EVALUATOR_ROW, column=2), "evaluator")
    if ws.cell(row=EVALUATOR_ROW, column=1).value != "evaluator":
        reader.problem(
            SHEET, f"A{EVALUATOR_ROW}", "evaluator", "the evaluator row was moved or deleted"
        )
    elif not evaluator:
        reader.problem(SHEET, f"B{EVALUATOR_ROW}", "evaluator", "give the evaluator's name")
    department = reader.text(ws, ws.cell(row=DEPARTMENT_ROW, column=2), "department")

    scores: dict[str, dict[str, float]] = {vid: {} for vid, _ in vendor_cols}
    row_notes: dict[str, dict[str, str]] = {vid: {} for vid, _ in vendor_cols}
    general: dict[str, str] = {}
    seen: dict[str, str] = {}
    for row in range(FIRST_ROW, ws.max_row + 1):
        rid = reader.text(ws, ws.cell(row=row, column=1), "id")
        cells = [ws.cell(row=row, column=c).value for c in range(1, len(expected) + 1)]
        if rid is None:
            if any(v not in (None, "") for v in cells[len(FIXED) :]):
                reader.problem(SHEET, f"A{row}", "id", "a row with scores but no requirement id")
            continue
        if rid == GENERAL:
            for vid, c in vendor_cols:
                text = reader.text(ws, ws.cell(row=row, column=c + 1), notes_header(vid))
                if text:
                    general[vid] = text
            continue
        id_cell = f"A{row}"
        if not reader.first_time(
            seen, rid, f"requirement '{rid}'", SHEET, id_cell, "id", where=f"in row {row}"
        ):
            continue
        scored = any(v not in (None, "") for v in cells[len(FIXED) :])
        if not reader.admits(
            shortlist.requirement_verdict(rid, "scores"), SHEET, id_cell, "id", warn=scored
        ):
            continue
        for vid, c in vendor_cols:
            value = reader.number(
                ws,
                ws.cell(row=row, column=c),
                vid,
                low=0,
                high=5,
                decimals=1,
                what="a score",
            )
            if value is not None:
                scores[vid][rid] = plain(value)
            note = reader.text(ws, ws.cell(row=row, column=c + 1), notes_header(vid))
            if note:
                row_notes[vid][rid] = note
    reader.stop_on_problems()

    data: dict[str, Any] = {"kind": "scores", "evaluator": evaluator}
    if department:
        data["department"] = department
    kept_scores = dict(existing.scores) if existing else {}
    kept_notes = dict(existing.notes) if existing else {}
    for vid, _ in vendor_cols:
        kept_scores.pop(vid, None)
        kept_notes.pop(vid, None)
        if scores[vid]:
            kept_scores[vid] = scores[vid]
        note = join_note(general.get(vid), row_notes[vid])
        if note:
            kept_notes[vid] = note
    data["scores"] = kept_scores
    if kept_notes:
        data["notes"] = kept_notes
    return reader.imported(ScoreFile, data)


def scores_yaml(scores: ScoreFile, source: str) -> str:
    """The scores file's text: a schema line, where it came from, then the data."""
    comment = [f"Written by crmselect scoresheet import from {source}; edit here or re-import."]
    return file_text(scores, comment, flow=None)


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "evaluator"


def evaluator_file(selection: Selection, evaluator: str) -> ScoreFile | None:
    """The selection's scores file of ``evaluator``, if it has one."""
    found = evaluator_path(selection, evaluator)
    return found[0] if found else None


def evaluator_path(selection: Selection, evaluator: str) -> tuple[ScoreFile, Path | None] | None:
    """The selection's scores of ``evaluator`` (whatever the case or spacing of the name) and
    the file that holds them (None for a selection built without files), if any."""
    key = evaluator_key(evaluator)
    paths = selection.score_files or (None,) * len(selection.scores)
    for sheet, path in zip(selection.scores, paths, strict=True):
        if evaluator_key(sheet.evaluator) == key:
            return sheet, path
    return None


def one_file_per_evaluator(selection: Selection, evaluator: str, output: Path) -> None:
    """Refuse to write ``evaluator``'s scores to ``output`` when another file of the selection
    holds them: the loader would refuse both files (each score would count twice)."""
    from crmselect.errors import UsageError
    from crmselect.io.atomic import same_file
    from crmselect.io.loader import display_path

    held = evaluator_path(selection, evaluator)
    if held is not None and held[1] is not None and not same_file(held[1], output):
        where = display_path(held[1])
        raise UsageError(
            f"{evaluator}'s scores are in {where}: import with -o {where} to bring that file "
            "up to date (a second file would count every score twice)"
        )
