"""Who has not scored what (workflow.md §2): per evaluator, the (vendor, must-have) cells left
empty; per vendor, the must-haves that no evaluator scored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crmselect.frozen import freeze_fields
from crmselect.models.selection import Selection


@dataclass(frozen=True)
class EvaluatorGap:
    evaluator: str
    missing: int
    """Compared vendor × must-have cells this evaluator left empty."""
    total: int
    """Compared vendor × must-have cells in all."""


@dataclass(frozen=True)
class Completeness:
    """How complete the demo scores are; empty before any score file exists."""

    evaluators: tuple[EvaluatorGap, ...]
    unscored: dict[str, tuple[str, ...]]
    """Vendor id -> must-have ids that no evaluator scored (vendors with none left out)."""

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

    def __post_init__(self) -> None:
        freeze_fields(self)  # deeply immutable: nothing that reads the result can change it


def completeness(selection: Selection, vendor_ids: Sequence[str]) -> Completeness | None:
    """The completeness of the selection's demo scores over ``vendor_ids``; None when there
    is no score file yet (before the demos nothing is missing)."""
    if not selection.scores:
        return None
    musts = [r.id for r in selection.requirements if r.priority == "must"]
    total = len(musts) * len(vendor_ids)
    gaps = []
    scored: set[tuple[str, str]] = set()
    for sheet in selection.scores:
        filled = {
            (vid, rid) for vid in vendor_ids for rid in musts if rid in sheet.scores.get(vid, {})
        }
        scored |= filled
        gaps.append(EvaluatorGap(sheet.evaluator, total - len(filled), total))
    unscored = {vid: tuple(rid for rid in musts if (vid, rid) not in scored) for vid in vendor_ids}
    return Completeness(tuple(gaps), {vid: ids for vid, ids in unscored.items() if ids})
