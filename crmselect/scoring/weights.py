"""Category weights (direct or AHP) and requirement weights (scoring.md §1–2)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crmselect.models.ahp import ahp_weights, inconsistency
from crmselect.models.scorecard import Requirement, Scorecard


@dataclass(frozen=True)
class CategoryWeights:
    """The category weights W_c used for scoring, with how they were obtained."""

    weights: dict[str, float]
    """Category -> W_c over the categories that have requirements; sums to 1."""
    method: str
    consistency_ratio: float | None
    """AHP only."""
    lambda_max: float | None
    warnings: tuple[str, ...]


def category_weights(scorecard: Scorecard, requirements: Sequence[Requirement]) -> CategoryWeights:
    """W_c by the scorecard's method; categories without a requirement are dropped and the rest
    renormalised (with a warning). An AHP consistency ratio above 0.10 is a warning here: loading
    has already rejected it unless ``weighting.allow_inconsistent`` is set."""
    names = list(scorecard.categories)
    warnings: list[str] = []
    cr: float | None = None
    lam: float | None = None
    if scorecard.weighting.method == "ahp":
        ahp = ahp_weights(names, scorecard.weighting.pairwise)
        raw, cr, lam = ahp.weights, ahp.consistency_ratio, ahp.lambda_max
        text = inconsistency(ahp)
        if text is not None:
            warnings.append(text + " (allowed by weighting.allow_inconsistent)")
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
    return CategoryWeights(weights, scorecard.weighting.method, cr, lam, tuple(warnings))


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
