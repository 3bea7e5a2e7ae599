"""Category weights (direct or AHP) and requirement weights (scoring.md §1–2)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from crmselect.errors import InputError, Problem
from crmselect.models.scorecard import JudgmentFile, Requirement, Scorecard

if TYPE_CHECKING:
    from crmselect.scoring.group import GroupWeights

RANDOM_INDEX: dict[int, float] = {
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
"""Saaty's random consistency index RI(n)."""

CR_LIMIT = 0.10
"""Saaty's limit on the consistency ratio."""


def random_index(n: int) -> float:
    """RI(n); 0 for n <= 2 (every 1×1 and 2×2 reciprocal matrix is consistent)."""
    if n <= 2:
        return 0.0
    return RANDOM_INDEX.get(n, RANDOM_INDEX[10])


def pairwise_matrix(names: Sequence[str], pairwise: Sequence[tuple[str, str, float]]) -> np.ndarray:
    """The reciprocal matrix A: ``A[a][b] = x``, ``A[b][a] = 1/x``, diagonal 1."""
    index = {name: i for i, name in enumerate(names)}
    matrix = np.ones((len(names), len(names)))
    for a, b, x in pairwise:
        matrix[index[a], index[b]] = x
        matrix[index[b], index[a]] = 1.0 / x
    return matrix


def most_inconsistent_triple(
    names: Sequence[str], matrix: np.ndarray
) -> tuple[str, str, str] | None:
    """The triple (a, b, c), a<b<c in written order, maximising ``|ln(A[a][b]·A[b][c]/A[a][c])|``;
    ties go to the first triple in written order. None for fewer than three categories."""
    n = len(names)
    if n < 3:
        return None
    logs = np.log(matrix)
    best, found = -1.0, (0, 1, 2)
    for a, b, c in itertools.combinations(range(n), 3):
        deviation = abs(logs[a, b] + logs[b, c] - logs[a, c])
        if deviation > best + 1e-12:
            best, found = deviation, (a, b, c)
    a, b, c = found
    return names[a], names[b], names[c]


@dataclass(frozen=True)
class AhpWeights:
    """The outcome of an AHP pairwise comparison."""

    weights: dict[str, float]
    lambda_max: float
    consistency_ratio: float
    triple: tuple[str, str, str] | None
    """The most inconsistent triple of categories."""

    def __iter__(self):  # allows ``weights, lam, cr, triple = ahp_weights(...)``
        return iter((self.weights, self.lambda_max, self.consistency_ratio, self.triple))


def ahp_weights(names: Sequence[str], pairwise: Sequence[tuple[str, str, float]]) -> AhpWeights:
    """Principal-eigenvector weights of the pairwise matrix, with λmax, CR and the most
    inconsistent triple: ``weights, lambda_max, cr, triple = ahp_weights(names, pairwise)``."""
    return matrix_ahp(names, pairwise_matrix(names, pairwise))


def matrix_ahp(names: Sequence[str], matrix: np.ndarray) -> AhpWeights:
    """:func:`ahp_weights` of a reciprocal matrix given whole (such as a group's)."""
    n = len(names)
    values, vectors = np.linalg.eig(matrix)
    top = int(np.argmax(values.real))
    vector = np.abs(vectors[:, top].real)
    vector = vector / vector.sum()
    lambda_max = float(values[top].real)
    ri = random_index(n)
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    cr = max(ci, 0.0) / ri if ri else 0.0
    weights = {name: float(w) for name, w in zip(names, vector, strict=True)}
    return AhpWeights(weights, lambda_max, cr, most_inconsistent_triple(names, matrix))


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
    group: GroupWeights | None = None
    """Each member's weights and the consensus, when several judges gave judgments."""


def _pairwise_location(
    path: Path | None, key: tuple[str, ...] = ("weighting", "pairwise")
) -> tuple[str, int, int]:
    """File, line and column of ``weighting.pairwise`` (or ``key``; line 0 when the file
    cannot be read)."""
    if path is None:
        return "scorecard", 0, 0
    from crmselect.io.loader import display_path
    from crmselect.io.yamlsafe import load_yaml_file

    name = display_path(path)
    try:
        line, col = load_yaml_file(path, name).mark(key)
    except (InputError, OSError):
        return name, 0, 0
    return name, line, col


def category_weights(
    scorecard: Scorecard,
    requirements: Sequence[Requirement],
    path: Path | None = None,
    judgments: Sequence[JudgmentFile] = (),
) -> CategoryWeights:
    """W_c by the scorecard's method; categories without a requirement are dropped and the rest
    renormalised (with a warning). An AHP consistency ratio above 0.10 raises :class:`InputError`
    located at ``weighting.pairwise`` unless ``weighting.allow_inconsistent`` is set."""
    names = list(scorecard.categories)
    warnings: list[str] = []
    cr: float | None = None
    lam: float | None = None
    group: GroupWeights | None = None
    key = ("weighting", "pairwise")
    if scorecard.weighting.method == "ahp" and judgments:
        from crmselect.scoring.group import group_weights, member_warnings

        key = ("weighting", "judgments_from")
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
    elif scorecard.weighting.method == "ahp":
        ahp = ahp_weights(names, scorecard.weighting.pairwise)
        raw, cr, lam = ahp.weights, ahp.consistency_ratio, ahp.lambda_max
    if scorecard.weighting.method == "ahp":
        if cr is not None and cr > CR_LIMIT:
            triple = " > ".join(ahp.triple) if ahp.triple else ""
            text = (
                f"{'the group matrix: ' if key[1] == 'judgments_from' else ''}"
                f"AHP consistency ratio {cr:.3f} is above {CR_LIMIT:.2f}; "
                f"the most inconsistent judgements are among {triple}"
            )
            if not scorecard.weighting.allow_inconsistent:
                file, line, col = _pairwise_location(path, key)
                raise InputError(
                    [
                        Problem(
                            file,
                            line,
                            col,
                            ".".join(key),
                            text + "; revise them or set weighting.allow_inconsistent: true",
                        )
                    ]
                )
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
