"""The AHP kernel (scoring.md §1): pairwise matrix, principal-eigenvector weights, consistency.

Pure NumPy on the scorecard's judgments, so that loading can reject an inconsistent matrix
(every command and `validate` alike) and scoring can weigh with it.
"""

import itertools
from collections.abc import Sequence

import msgspec
import numpy as np

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


class AhpWeights(msgspec.Struct, frozen=True):
    """The outcome of an AHP pairwise comparison."""

    weights: dict[str, float]
    lambda_max: float
    consistency_ratio: float
    triple: tuple[str, str, str] | None
    """The most inconsistent triple of categories."""


def ahp_weights(names: Sequence[str], pairwise: Sequence[tuple[str, str, float]]) -> AhpWeights:
    """Principal-eigenvector weights of the pairwise matrix, with λmax, CR and the most
    inconsistent triple."""
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


def inconsistency(ahp: AhpWeights) -> str | None:
    """The message for a consistency ratio above :data:`CR_LIMIT`, else None."""
    if ahp.consistency_ratio <= CR_LIMIT:
        return None
    triple = " > ".join(ahp.triple) if ahp.triple else ""
    return (
        f"AHP consistency ratio {ahp.consistency_ratio:.3f} is above {CR_LIMIT:.2f}; "
        f"the most inconsistent judgements are among {triple}"
    )
