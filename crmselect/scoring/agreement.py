"""Evaluator agreement (analysis.md §5): ICC(2,1), ICC(2,k), Kendall's W and each evaluator's lean.

Computed over the complete cells: the (vendor, requirement) cells that every evaluator scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
import numpy as np

from crmselect.frozen import FrozenResult
from crmselect.models.scorecard import ScoreFile
from crmselect.scoring.completeness import Completeness

LEAN_FLAG = 1.0
"""A lean of this many points or more reads as lenient (or, negative, harsh)."""


def icc2(x: np.ndarray) -> tuple[float, float] | None:
    """Shrout & Fleiss ICC(2,1) and ICC(2,k) of an (n targets, k raters) table: two-way random
    effects, absolute agreement. None when the table has no variance to share out."""
    n, k = x.shape
    grand = x.mean()
    ss_rows = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_total = ((x - grand) ** 2).sum()
    ss_err = ss_total - ss_rows - ss_cols
    msr = ss_rows / (n - 1)
    msc = ss_cols / (k - 1)
    mse = ss_err / ((n - 1) * (k - 1))
    single = msr + (k - 1) * mse + k * (msc - mse) / n
    average = msr + (msc - mse) / n
    if single <= 0 or average <= 0:
        return None
    return float((msr - mse) / single), float((msr - mse) / average)


def icc_band(value: float) -> str:
    """Koo & Li (2016): below 0.5 poor, 0.5–0.75 moderate, 0.75–0.9 good, above 0.9 excellent."""
    if value < 0.5:
        return "poor"
    if value < 0.75:
        return "moderate"
    if value <= 0.9:
        return "good"
    return "excellent"


def mean_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n of ``values`` with ties given their mean rank."""
    order = np.argsort(values, kind="stable")
    ranks = np.empty(values.size)
    sorted_values = values[order]
    start = 0
    while start < values.size:
        end = start
        while end + 1 < values.size and sorted_values[end + 1] == sorted_values[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def kendall_w(x: np.ndarray) -> float | None:
    """Kendall's coefficient of concordance of an (n items, m raters) table, tie-corrected:
    ``W = 12 S / (m² (n³ − n) − m Σ T)``, ``T = Σ (t³ − t)`` over each rater's tied groups.
    None when every rater ties everything."""
    n, m = x.shape
    ranks = np.column_stack([mean_ranks(x[:, j]) for j in range(m)])
    totals = ranks.sum(axis=1)
    s = float(((totals - totals.mean()) ** 2).sum())
    ties = 0.0
    for j in range(m):
        _, counts = np.unique(x[:, j], return_counts=True)
        ties += float((counts.astype(float) ** 3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return None
    return 12.0 * s / denominator


class EvaluatorStats(msgspec.Struct, frozen=True):
    """One evaluator's share of the demo scores."""

    evaluator: str
    scored: int
    """Cells (compared vendor × requirement) scored."""
    missing_must_haves: int
    """Compared vendor × must-have cells left empty (:meth:`Completeness.missing`, the count
    `score` shows under ``completeness``)."""
    mean_score: float | None
    lean: float | None
    """Mean of (own score − mean of the others' scores) over the cells shared with others."""

    @property
    def reading(self) -> str | None:
        """``lenient`` or ``harsh`` when the lean is a point or more, else None."""
        if self.lean is None or abs(self.lean) < LEAN_FLAG - 1e-9:
            return None
        return "lenient" if self.lean > 0 else "harsh"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "evaluator": self.evaluator,
            "scored": self.scored,
            "missing_must_haves": self.missing_must_haves,
            "mean_score": self.mean_score,
            "lean": self.lean,
        }


class Disagreement(FrozenResult, frozen=True):
    """A cell on which the evaluators disagree (scoring.md §3), with who said what."""

    vendor: str
    requirement: str
    scores: dict[str, float]
    """Evaluator -> score."""
    notes: dict[str, str]
    """Evaluator -> their note on the vendor."""

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "requirement": self.requirement,
            "scores": dict(self.scores),
            "notes": dict(self.notes),
        }


class Agreement(FrozenResult, frozen=True):
    """How far the evaluators agree (JSON key ``agreement``)."""

    evaluators: tuple[EvaluatorStats, ...]
    complete_cells: int
    """Cells every evaluator scored."""
    icc2_1: float | None
    icc2_k: float | None
    kendall_w: float | None
    disagreements: tuple[Disagreement, ...]

    @property
    def band(self) -> str | None:
        return None if self.icc2_1 is None else icc_band(self.icc2_1)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "complete_cells": self.complete_cells,
            "icc": {"icc2_1": self.icc2_1, "icc2_k": self.icc2_k, "band": self.band},
            "kendall_w": self.kendall_w,
            "evaluators": [e.to_json_dict() for e in self.evaluators],
            "disagreements": [d.to_json_dict() for d in self.disagreements],
        }


def agreement(
    sheets: Sequence[ScoreFile],
    vendor_ids: Sequence[str],
    req_ids: Sequence[str],
    gaps: Completeness | None,
    disagree: Sequence[tuple[str, str]] = (),
) -> Agreement | None:
    """The agreement of the evaluators of ``sheets`` on the compared vendors' cells; None when
    nobody scored. ``gaps`` is the completeness of the same sheets (each evaluator's missing
    must-haves are counted there, once); ``disagree`` lists the (vendor, requirement) cells of
    scoring.md §3."""
    if not sheets:
        return None
    names: list[str] = []
    table: dict[str, dict[tuple[str, str], float]] = {}
    notes: dict[str, dict[str, str]] = {}
    vendors, reqs = set(vendor_ids), set(req_ids)
    for sheet in sheets:
        if sheet.evaluator not in table:
            names.append(sheet.evaluator)
            table[sheet.evaluator] = {}
            notes[sheet.evaluator] = {}
        for vid, by_req in sheet.scores.items():
            if vid not in vendors:
                continue
            for rid, value in by_req.items():
                if rid in reqs:
                    table[sheet.evaluator][(vid, rid)] = float(value)
        notes[sheet.evaluator].update(sheet.notes)
    stats = []
    for name in names:
        own = table[name]
        diffs = []
        for cell, value in own.items():
            others = [table[o][cell] for o in names if o != name and cell in table[o]]
            if others:
                diffs.append(value - sum(others) / len(others))
        stats.append(
            EvaluatorStats(
                evaluator=name,
                scored=len(own),
                missing_must_haves=gaps.missing(name) if gaps is not None else 0,
                mean_score=float(np.mean(list(own.values()))) if own else None,
                lean=float(np.mean(diffs)) if diffs else None,
            )
        )
    v_index = {v: i for i, v in enumerate(vendor_ids)}
    r_index = {r: i for i, r in enumerate(req_ids)}
    shared = set.intersection(*(set(table[n]) for n in names))
    complete = sorted(shared, key=lambda c: (v_index[c[0]], r_index[c[1]]))
    icc = w = None
    if len(names) >= 2 and len(complete) >= 3:
        x = np.array([[table[n][c] for n in names] for c in complete])
        pair = icc2(x)
        if pair is not None:
            icc = pair
        w = kendall_w(x)
    flagged = tuple(
        Disagreement(
            vendor=v,
            requirement=r,
            scores={n: table[n][(v, r)] for n in names if (v, r) in table[n]},
            notes={n: notes[n][v] for n in names if (v, r) in table[n] and v in notes[n]},
        )
        for v, r in disagree
    )
    return Agreement(
        evaluators=tuple(stats),
        complete_cells=len(complete),
        icc2_1=None if icc is None else icc[0],
        icc2_k=None if icc is None else icc[1],
        kendall_w=w,
        disagreements=flagged,
    )
