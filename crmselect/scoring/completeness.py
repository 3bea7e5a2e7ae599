"""Who has not scored what (workflow.md §2): per evaluator, the (vendor, must-have) cells left
empty; per vendor, the must-haves that no evaluator scored."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from crmselect.frozen import FrozenResult
from crmselect.models.scorecard import ScoreFile
from crmselect.models.selection import Selection


class EvaluatorGap(msgspec.Struct, frozen=True):
    evaluator: str
    missing: int
    """Compared vendor × must-have cells this evaluator left empty."""
    total: int
    """Compared vendor × must-have cells in all."""


class Completeness(FrozenResult, frozen=True):
    """How complete the demo scores are; empty before any score file exists."""

    evaluators: tuple[EvaluatorGap, ...]
    unscored: dict[str, tuple[str, ...]]
    """Vendor id -> must-have ids that no evaluator scored (vendors with none left out)."""

    def missing(self, evaluator: str) -> int:
        """Compared vendor × must-have cells ``evaluator`` left empty (all of them for an
        evaluator with no score file)."""
        for gap in self.evaluators:
            if gap.evaluator == evaluator:
                return gap.missing
        return self.evaluators[0].total if self.evaluators else 0

    @property
    def complete(self) -> bool:
        return not self.unscored and all(e.missing == 0 for e in self.evaluators)

    def lines(self, names: dict[str, str] | None = None) -> list[str]:
        """The completeness in words, one line per evaluator or vendor with a gap."""
        names = names or {}
        out = [
            f"{e.evaluator} has not scored {e.missing} of {e.total} vendor × must-have cells"
            for e in self.evaluators
            if e.missing
        ]
        out += [
            f"no evaluator scored {names.get(vid, vid)} on must-have{'s' * (len(ids) != 1)} "
            + ", ".join(ids)
            for vid, ids in self.unscored.items()
        ]
        return out

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "evaluators": [
                {"evaluator": e.evaluator, "missing_must_haves": e.missing, "cells": e.total}
                for e in self.evaluators
            ],
            "unscored_must_haves": {vid: list(ids) for vid, ids in self.unscored.items()},
        }


def completeness(selection: Selection, vendor_ids: Sequence[str]) -> Completeness | None:
    """The completeness of the selection's demo scores over ``vendor_ids``; None when there
    is no score file yet (before the demos nothing is missing)."""
    musts = [r.id for r in selection.requirements if r.priority == "must"]
    return completeness_of(selection.scores, vendor_ids, musts)


def completeness_of(
    sheets: Sequence[ScoreFile], vendor_ids: Sequence[str], must_ids: Sequence[str]
) -> Completeness | None:
    """Who left which compared vendor × must-have cells empty: the one count of the missing
    must-haves, shown by `score` and by the evaluator agreement. An evaluator's cells are those
    of all their score files (one may split their scores over several files). None without
    score files."""
    if not sheets:
        return None
    filled: dict[str, set[tuple[str, str]]] = {}
    for sheet in sheets:
        cells = filled.setdefault(sheet.evaluator, set())
        cells.update(
            (vid, rid) for vid in vendor_ids for rid in must_ids if rid in sheet.scores.get(vid, {})
        )
    total = len(must_ids) * len(vendor_ids)
    gaps = tuple(EvaluatorGap(name, total - len(cells), total) for name, cells in filled.items())
    scored = set().union(*filled.values())
    unscored = {
        vid: tuple(rid for rid in must_ids if (vid, rid) not in scored) for vid in vendor_ids
    }
    return Completeness(gaps, {vid: ids for vid, ids in unscored.items() if ids})
