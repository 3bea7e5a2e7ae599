"""Group weights from several members' pairwise judgments (analysis.md §4).

- ``aij``: the group matrix is the weighted geometric mean of the members' matrices,
  ``a_ij = Π_k a_ij,k ^ w_k`` (member weights normalised), then AHP as for one matrix;
- ``aip``: each member's eigenvector priorities, averaged with the member weights.

Consensus is AHP-OS's relative homogeneity S* over the members' priorities (unweighted).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from crmselect.frozen import FrozenResult
from crmselect.models.ahp import CR_LIMIT, AhpWeights, matrix_ahp, pairwise_matrix

SCALE_MAX = 9
"""M, the largest value of the fundamental AHP scale."""
BANDS = ((0.5, "very low"), (0.65, "low"), (0.75, "moderate"), (0.85, "high"))
"""Upper bounds (exclusive) of the consensus bands; 0.85 and above is very high."""


def aggregate_judgments(matrices: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(M, n, n) member matrices and (M,) relative weights -> the weighted geometric mean
    matrix (n, n); it is reciprocal when each member's matrix is."""
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    return np.exp(np.tensordot(w, np.log(matrices), axes=1))


def entropy(p: np.ndarray) -> np.ndarray:
    """Shannon entropy ``-Σ p ln p`` over the last axis (0 ln 0 = 0)."""
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return -terms.sum(axis=-1)


def consensus(priorities: np.ndarray, scale_max: int = SCALE_MAX) -> float:
    """AHP-OS relative homogeneity S* of (M, n) member priorities, 0 (none) .. 1 (identical).

    ``H_alpha_min`` is the entropy of a member who rates one criterion M times as important as
    every other; S* is 0 when the members are as diverse as that allows, 1 when identical."""
    p = np.asarray(priorities, dtype=float)
    n = p.shape[1]
    m = float(scale_max)
    h_alpha = float(entropy(p).mean())
    h_gamma = float(entropy(p.mean(axis=0)))
    h_beta = h_gamma - h_alpha
    big, small = m / (n + m - 1), 1.0 / (n + m - 1)
    h_alpha_min = -big * math.log(big) - (n - 1) * small * math.log(small)
    cor = n / math.exp(h_alpha_min)
    s_star = (1.0 / math.exp(h_beta) - 1.0 / cor) / (1.0 - 1.0 / cor)
    return float(min(1.0, max(0.0, s_star)))


def band(value: float) -> str:
    """The consensus band of S*: very low, low, moderate, high or very high."""
    for upper, name in BANDS:
        if value < upper - 1e-12:
            return name
    return "very high"


class Judge(FrozenResult, frozen=True):
    """One member's view."""

    judge: str
    weight: float
    """The member's weight in the group, normalised to sum 1."""
    weights: dict[str, float]
    """Category -> the member's own eigenvector weight."""
    consistency_ratio: float
    triple: tuple[str, str, str] | None
    """The member's most inconsistent triple of categories."""

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "judge": self.judge,
            "weight": self.weight,
            "weights": dict(self.weights),
            "consistency_ratio": self.consistency_ratio,
        }


class GroupWeights(FrozenResult, frozen=True):
    """The group's category weights and how far its members agree (JSON key ``group_weights``)."""

    aggregation: str
    """``aij`` or ``aip``."""
    judges: tuple[Judge, ...]
    weights: dict[str, float]
    """Category -> the group's weight (before categories without requirements are dropped)."""
    consistency_ratio: float | None
    """CR of the group matrix (aij); None for aip."""
    lambda_max: float | None
    triple: tuple[str, str, str] | None
    """The group matrix's most inconsistent triple (aij)."""
    consensus: float
    """S*, 0..1."""
    matrix: tuple[tuple[float, ...], ...] | None
    """The group matrix (aij), rows and columns in the scorecard's category order."""

    @property
    def band(self) -> str:
        return band(self.consensus)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "aggregation": self.aggregation,
            "judges": [j.to_json_dict() for j in self.judges],
            "weights": dict(self.weights),
            "consistency_ratio": self.consistency_ratio,
            "consensus": self.consensus,
            "band": self.band,
        }


def group_weights(
    names: Sequence[str],
    members: Sequence[tuple[str, float, Sequence[tuple[str, str, float]]]],
    aggregation: str = "aij",
) -> GroupWeights:
    """The group's weights from ``members`` = (judge, relative weight, pairwise) each."""
    matrices = np.stack([pairwise_matrix(names, pairs) for _, _, pairs in members])
    raw = np.array([float(w) for _, w, _ in members])
    shares = raw / raw.sum()
    own: list[AhpWeights] = [matrix_ahp(names, m) for m in matrices]
    judges = tuple(
        Judge(name, float(share), dict(a.weights), float(a.consistency_ratio), a.triple)
        for (name, _, _), share, a in zip(members, shares, own, strict=True)
    )
    priorities = np.array([[a.weights[c] for c in names] for a in own])
    if aggregation == "aip":
        mean = shares @ priorities
        mean = mean / mean.sum()
        weights = {c: float(x) for c, x in zip(names, mean, strict=True)}
        cr = lam = None
        triple = None
        group_matrix = None
    else:
        group = aggregate_judgments(matrices, shares)
        result = matrix_ahp(names, group)
        weights, cr, lam, triple = (
            dict(result.weights),
            float(result.consistency_ratio),
            float(result.lambda_max),
            result.triple,
        )
        group_matrix = tuple(tuple(float(x) for x in row) for row in group)
    return GroupWeights(
        aggregation=aggregation,
        judges=judges,
        weights=weights,
        consistency_ratio=cr,
        lambda_max=lam,
        triple=triple,
        consensus=consensus(priorities),
        matrix=group_matrix,
    )


def member_warnings(group: GroupWeights, limit: float) -> list[str]:
    """One warning per member whose own consistency ratio is above ``limit``."""
    return [
        f"judge {j.judge}: consistency ratio {j.consistency_ratio:.3f} is above {limit:.2f}; "
        f"the most inconsistent judgements are among {' > '.join(j.triple or ())}"
        for j in group.judges
        if j.consistency_ratio > limit
    ]


def judgment_warnings(selection: Any) -> list[str]:
    """The member warnings of a selection's judgment files (for `validate`)."""
    card = selection.scorecard
    group = group_weights(
        list(card.categories),
        [(j.judge, j.weight, j.pairwise) for j in selection.judgments],
        card.weighting.aggregation,
    )
    return member_warnings(group, CR_LIMIT)
