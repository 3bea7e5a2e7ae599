"""The Monte Carlo run: chunks of paths through the cost kernel, paired across vendors."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec
import numpy as np

from crmselect.tco.draws import SEAT_INPUTS, ChunkDraws
from crmselect.tco.lines import cost_lines, plans_by_year, seats_by_year
from crmselect.tco.model import VendorModel

CHUNK = 50_000
"""Paths per chunk: bounds memory (a chunk's arrays are a few MB per vendor). Results depend on
it, so it is a constant, not an option."""

OnChunk = Callable[[int, int], None]
"""``on_chunk(paths_done, paths_total)``, called after every chunk."""


class SimulationRun(msgspec.Struct, frozen=True):
    """Per-path totals and NPVs, shaped (paths, vendors), and the pairwise comparisons."""

    totals: np.ndarray
    npvs: np.ndarray
    p_cheaper: np.ndarray
    """[i, j] = share of paths with total_i < total_j."""
    p_cheapest: np.ndarray
    """[i] = share of paths on which vendor i is the cheapest (ties shared equally)."""
    p_upgrade: np.ndarray
    """[i] = share of paths on which seat growth moves vendor i off the plan scoring chose."""


def simulate(
    models: Sequence[VendorModel],
    simulations: int,
    seed: int,
    on_chunk: OnChunk | None = None,
    chunk: int = CHUNK,
) -> SimulationRun:
    """Run ``simulations`` paths for every vendor with common random numbers."""
    count = len(models)
    totals = np.empty((simulations, count))
    npvs = np.empty((simulations, count))
    cheaper = np.zeros((count, count))
    cheapest = np.zeros(count)
    upgraded = np.zeros(count)
    for index, start in enumerate(range(0, simulations, chunk)):
        paths = min(chunk, simulations - start)
        draws = ChunkDraws(seed, index, paths)
        part = totals[start : start + paths]
        for v, model in enumerate(models):
            result = cost_lines(model, draws.inputs(model), paths)
            part[:, v] = result.total
            upgraded[v] += np.count_nonzero((result.plan != model.start_plan).any(axis=1))
            npvs[start : start + paths, v] = result.npv
        cheaper += (part[:, :, None] < part[:, None, :]).sum(axis=0)
        is_min = part == part.min(axis=1, keepdims=True)
        cheapest += (is_min / is_min.sum(axis=1, keepdims=True)).sum(axis=0)
        if on_chunk is not None:
            on_chunk(start + paths, simulations)
    scale = max(simulations, 1)
    return SimulationRun(totals, npvs, cheaper / scale, cheapest / scale, upgraded / scale)


def upgrade_shares(
    models: Sequence[VendorModel], simulations: int, seed: int, chunk: int = CHUNK
) -> np.ndarray:
    """[i] = share of paths on which seat growth moves vendor i off the plan scoring chose: the
    ``p_upgrade`` of :func:`simulate` from the seat paths alone (the same draws), without
    costing any path."""
    upgraded = np.zeros(len(models))
    for index, start in enumerate(range(0, simulations, chunk)):
        paths = min(chunk, simulations - start)
        draws = ChunkDraws(seed, index, paths)
        for v, model in enumerate(models):
            if np.isinf(model.max_seats[model.start_plan]):
                continue  # a plan with no seat limit: no growth moves the vendor off it
            seats = seats_by_year(model, draws.inputs(model, only=SEAT_INPUTS), paths)
            plan = plans_by_year(model, seats)
            upgraded[v] += np.count_nonzero((plan != model.start_plan).any(axis=1))
    return upgraded / max(simulations, 1)
