"""Weight priors: what the robustness weight draws come from (analysis.md §1).

- ``dirichlet``: Dirichlet(kappa·W) around the scorecard's weights (categories weighing 0 stay 0);
- ``uniform``: no weight information, uniform on the simplex of the categories that hold
  requirements (Dirichlet with every parameter 1);
- ``ordinal``: only the order is known: a uniform draw on the simplex, sorted descending onto
  the named order, which is uniform on the part of the simplex where that order holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
import numpy as np

DEFAULT_KAPPA = 50.0


class WeightPrior(msgspec.Struct, frozen=True):
    """A prior on the category weights."""

    kind: str
    """``dirichlet``, ``uniform`` or ``ordinal``."""
    kappa: float | None = None
    """Dirichlet concentration; None for the other priors."""
    order: tuple[str, ...] = ()
    """Ordinal only: categories from the most to the least important."""

    def to_json_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"prior": self.kind}
        if self.kind == "dirichlet":
            data["kappa"] = self.kappa
        if self.kind == "ordinal":
            data["order"] = list(self.order)
        return data

    def describe(self) -> str:
        """One line for reports."""
        if self.kind == "dirichlet":
            return f"Dirichlet around the committee's weights (kappa {self.kappa:g})"
        if self.kind == "uniform":
            return "uniform: every weighting of the categories equally likely"
        return "ordinal: only the order " + " ≥ ".join(self.order) + " is assumed"


def prior_of(uncertainty: Any, kappa: float | None = None) -> WeightPrior:
    """The :class:`WeightPrior` of a scorecard's ``weighting.uncertainty`` model; ``kappa``
    (when given) replaces a Dirichlet prior's concentration."""
    kind = getattr(uncertainty, "prior", "dirichlet")
    if kind == "dirichlet":
        own = float(getattr(uncertainty, "kappa", DEFAULT_KAPPA))
        return WeightPrior("dirichlet", float(kappa) if kappa is not None else own)
    if kind == "uniform":
        return WeightPrior("uniform")
    return WeightPrior("ordinal", order=tuple(uncertainty.order))


def uniform_simplex(draws: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """(N, size) points uniform on the simplex: normalised standard exponentials."""
    if size == 1:
        return np.ones((draws, 1))
    e = rng.standard_exponential((draws, size))
    return e / e.sum(axis=1, keepdims=True)


def weight_draws(
    prior: WeightPrior,
    weights: np.ndarray,
    categories: Sequence[str],
    draws: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """(N, C) category-weight draws under ``prior``; ``weights`` (C,) are the scorecard's W_c
    of ``categories`` (those that hold requirements). Each row sums to 1."""
    n_cat = weights.size
    out = np.zeros((draws, n_cat))
    if n_cat == 0:
        return out
    if prior.kind == "dirichlet":
        live = weights > 0
        if live.sum() == 1:
            out[:, live] = 1.0
        elif live.any():
            out[:, live] = rng.dirichlet(float(prior.kappa or DEFAULT_KAPPA) * weights[live], draws)
        return out
    if prior.kind == "uniform":
        return uniform_simplex(draws, n_cat, rng)
    # ordinal: the order restricted to the categories that are scored
    position = {c: i for i, c in enumerate(categories)}
    ranked = [position[c] for c in prior.order if c in position]
    ranked += [i for i in range(n_cat) if i not in ranked]
    sorted_draw = -np.sort(-uniform_simplex(draws, n_cat, rng), axis=1)
    out[:, ranked] = sorted_draw
    return out
