"""Category weights (direct or AHP) and requirement weights (scoring.md §1–2).

The AHP kernel is :mod:`crmselect.models.ahp`; its consistency limit is an input rule, checked
when the selection is loaded, so here an inconsistent matrix can only be an allowed one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec
import numpy as np

from crmselect.models.ahp import (
    CR_LIMIT,
    AhpWeights,
    ahp_weights,
    inconsistency,
    matrix_ahp,
    pairwise_matrix,
)
from crmselect.models.scorecard import JudgmentFile, Requirement, Scorecard

if TYPE_CHECKING:
    from crmselect.scoring.group import GroupWeights

__all__ = [  # the AHP kernel, also importable from here
    "CR_LIMIT",
    "AhpWeights",
    "CategoryWeights",
    "ahp_weights",
    "category_weights",
    "matrix_ahp",
    "pairwise_matrix",
    "requirement_weights",
]


class CategoryWeights(msgspec.Struct, frozen=True):
    """The category weights W_c used for scoring, with how they were obtained."""

    weights: dict[str, float]
    """Category -> W_c over the categories that have requirements; sums to 1."""
    method: str
    consistency_ratio: float | None
    """AHP only."""
    lambda_max: float | None
    warnings: tuple[str, ...]
    group: GroupWeights | None = None
    """Each member's weights and the consensus, when several judges gave judgments."""


def category_weights(
    scorecard: Scorecard,
    requirements: Sequence[Requirement],
    judgments: Sequence[JudgmentFile] = (),
) -> CategoryWeights:
    """W_c by the scorecard's method; categories without a requirement are dropped and the rest
    renormalised (with a warning). An AHP consistency ratio above 0.10 is a warning here: loading
    has rejected it unless ``weighting.allow_inconsistent`` is set."""
    names = list(scorecard.categories)
    warnings: list[str] = []
    cr: float | None = None
    lam: float | None = None
    group: GroupWeights | None = None
    if scorecard.weighting.method == "ahp":
        if judgments:
            from crmselect.scoring.group import group_weights, member_warnings

            group = group_weights(
                names,
                [(j.judge, j.weight, j.pairwise) for j in judgments],
                scorecard.weighting.aggregation,
            )
            if len(judgments) > 1:
                warnings += member_warnings(group, CR_LIMIT)
            raw, cr, lam = group.weights, group.consistency_ratio, group.lambda_max
            ahp = AhpWeights(raw, lam or 0.0, cr or 0.0, group.triple)
            if len(judgments) == 1:
                group = None
        else:
            ahp = ahp_weights(names, scorecard.weighting.pairwise)
            raw, cr, lam = ahp.weights, ahp.consistency_ratio, ahp.lambda_max
        text = inconsistency(ahp)
        if text is not None:
            prefix = "the group matrix: " if judgments else ""
            warnings.append(prefix + text + " (allowed by weighting.allow_inconsistent)")
    else:
        raw = {name: float(cat.weight or 0.0) for name, cat in scorecard.categories.items()}

    used = {r.category for r in requirements}
    dropped = [name for name in names if name not in used]
    if dropped:
        warnings.append(
            f"categor{'ies' if len(dropped) > 1 else 'y'} {', '.join(dropped)} "
            "ha{} no requirement; dropped and the other weights renormalised".format(
                "ve" if len(dropped) > 1 else "s"
            )
        )
    kept = {name: raw[name] for name in names if name in used}
    total = math.fsum(kept.values())
    if total <= 0:
        # Only zero-weight categories hold requirements: fall back to equal weights.
        warnings.append("the categories that hold requirements all weigh 0; weighted equally")
        kept = dict.fromkeys(kept, 1.0)
        total = float(len(kept))
    weights = {name: value / total for name, value in kept.items()}
    return CategoryWeights(weights, scorecard.weighting.method, cr, lam, tuple(warnings), group)


def requirement_weights(
    requirements: Sequence[Requirement], weights: dict[str, float]
) -> np.ndarray:
    """``w_r = W_c(r) · importance_r / Σ importance in c(r)``, shape (requirements,); sums to 1."""
    importance = np.array([r.importance for r in requirements], dtype=float)
    cats = [r.category for r in requirements]
    totals: dict[str, float] = {}
    for cat, imp in zip(cats, importance, strict=True):
        totals[cat] = totals.get(cat, 0.0) + float(imp)
    w_c = np.array([weights.get(cat, 0.0) for cat in cats])
    denom = np.array([totals[cat] for cat in cats])
    return w_c * importance / denom
