"""Vectorised draws of the uncertain numbers (formats.md, "Uncertain numbers").

A number is either a plain float or one of the distributions of :mod:`crmselect.models.common`.
:func:`sample` turns it into a float64 array of any shape; :func:`point` gives the deterministic
value; :func:`ends` gives the low and high ends used by the tornado chart.
"""

from __future__ import annotations

import numpy as np

from crmselect.models.common import Normal, Pert, Triangular, Uncertain, Uniform, point_value

PERT_LAMBDA = 4.0
"""Weight of the mode in the beta-PERT distribution (the classic 4)."""
Z90 = 1.2815515655446004
"""The standard normal's 90th percentile: P10/P90 of a normal are mean -/+ Z90 * sd."""


def point(value: Uncertain) -> float:
    """The deterministic value: mode (triangular, PERT), midpoint (uniform), mean (normal)."""
    return point_value(value)


def _clip(draws: np.ndarray, floor: float | None, ceiling: float | None) -> np.ndarray:
    if floor is not None or ceiling is not None:
        np.clip(draws, floor, ceiling, out=draws)
    return draws


def sample(
    value: Uncertain,
    rng: np.random.Generator,
    shape: int | tuple[int, ...],
    *,
    floor: float | None = 0.0,
    ceiling: float | None = None,
) -> np.ndarray:
    """``shape`` draws of ``value`` as float64; a fixed number gives a filled array.

    Normal draws are clipped to ``[floor, ceiling]`` (0 and none for amounts that cannot be
    negative); the bounded distributions already stay inside their own range.
    """
    if isinstance(value, Pert):
        width = value.high - value.low
        if width <= 0:
            return np.full(shape, value.low)
        a = 1 + PERT_LAMBDA * (value.mode - value.low) / width
        b = 1 + PERT_LAMBDA * (value.high - value.mode) / width
        return value.low + width * rng.beta(a, b, shape)
    if isinstance(value, Triangular):
        if value.high <= value.low:
            return np.full(shape, value.low)
        return rng.triangular(value.low, value.mode, value.high, shape)
    if isinstance(value, Uniform):
        return rng.uniform(value.low, value.high, shape)
    if isinstance(value, Normal):
        return _clip(rng.normal(value.mean, value.sd, shape), floor, ceiling)
    return np.full(shape, float(value))


def ends(
    value: Uncertain, *, floor: float | None = 0.0, ceiling: float | None = None
) -> tuple[float, float]:
    """The low and high ends for the tornado: the bounds of a bounded distribution, P10/P90
    of a normal (clipped like its draws)."""
    if isinstance(value, Triangular | Uniform):
        return value.low, value.high
    if isinstance(value, Normal):
        low, high = value.mean - Z90 * value.sd, value.mean + Z90 * value.sd
        lo_hi = np.clip([low, high], floor, ceiling)
        return float(lo_hi[0]), float(lo_hi[1])
    return float(value), float(value)
