"""The report's appendix (report-print.md §2): long material after the sign-off.

The vendor-profile notes, the evaluators' notes by vendor, the requirements' notes, each
evaluator's demo scores and the full input listing move here, so that the body stays short
enough for the decision summary, assumptions, ranking and matrix to fill the first pages.
"""

from __future__ import annotations

from typing import Any

from crmselect.sources import SOURCES


def _score(value: float) -> str:
    return f"{value:g}"


def appendix(decision: Any) -> dict[str, Any]:
    """Display-ready appendix material from a decision's selection."""
    selection = decision.selection
    names = {vid: v.name for vid, v in selection.vendors.items()}
    compared = [vid for vid in selection.vendors]
    notes = [
        {"name": v.name, "notes": v.notes}
        for v in (selection.vendors[vid] for vid in compared)
        if v.notes
    ]
    by_vendor: dict[str, list[dict[str, str]]] = {}
    for sheet in selection.scores:
        who = sheet.evaluator + (f" ({sheet.department})" if sheet.department else "")
        for vendor_id, text in sheet.notes.items():
            by_vendor.setdefault(vendor_id, []).append({"who": who, "text": text})
    evaluator_notes = [
        {"name": names.get(vid, vid), "notes": by_vendor[vid]}
        for vid in [*compared, *sorted(set(by_vendor) - set(compared))]
        if vid in by_vendor
    ]
    requirement_notes = [
        {"id": r.id, "title": r.title, "notes": r.notes} for r in selection.requirements if r.notes
    ]
    titles = {r.id: r.title for r in selection.requirements}
    scores = []
    for sheet in selection.scores:
        vendors = [vid for vid in compared if vid in sheet.scores] + [
            vid for vid in sheet.scores if vid not in compared
        ]
        req_ids = [
            r.id for r in selection.requirements if any(r.id in sheet.scores[v] for v in vendors)
        ]
        rows = [
            {
                "id": rid,
                "title": titles.get(rid, ""),
                "cells": [
                    _score(sheet.scores[v][rid]) if rid in sheet.scores[v] else "–" for v in vendors
                ],
            }
            for rid in req_ids
        ]
        scores.append(
            {
                "evaluator": sheet.evaluator,
                "department": sheet.department or "",
                "vendors": [names.get(v, v) for v in vendors],
                "rows": rows,
            }
        )
    return {
        "vendor_notes": notes,
        "evaluator_notes": evaluator_notes,
        "requirement_notes": requirement_notes,
        "scores": scores,
        "sources": SOURCES,
    }
