"""Input arrays for the kernel: point values, tornado ends, and seeded Monte Carlo draws.

Common random numbers: every input draws from its own stream, seeded by (seed, chunk, input
name) for scenario-level inputs and (seed, chunk, vendor id, input name) for vendor-level ones.
Vendors therefore see the same seat growth, migration, training, integration and support draws
on a path, and a vendor's draws do not depend on which other vendors are compared.
"""

from __future__ import annotations

import zlib

import msgspec
import numpy as np

from crmselect.tco.distributions import ends, point, sample
from crmselect.tco.model import Input, VendorModel

SEAT_INPUTS = frozenset({"seats.growth"})
"""The inputs the seat paths read (:func:`crmselect.tco.lines.seats_by_year`)."""


def _width(m: VendorModel, item: Input) -> int:
    return m.years - 1 if item.per_year else 1


def point_inputs(m: VendorModel) -> dict[str, np.ndarray]:
    """One path with every input at its point value."""
    return {i.name: np.full((1, _width(m, i)), point(i.value)) for i in m.inputs}


class TornadoBatch(msgspec.Struct, frozen=True):
    """Path 0 is the deterministic model; paths 2i+1 and 2i+2 put ``inputs[i]`` at its ends."""

    x: dict[str, np.ndarray]
    inputs: tuple[Input, ...]
    ends: tuple[tuple[float, float], ...]

    @property
    def paths(self) -> int:
        return 1 + 2 * len(self.inputs)


def tornado_batch(m: VendorModel) -> TornadoBatch:
    """The deterministic run and each uncertain input at its low and high end, as one batch.

    The discount rate moves NPV only, never the total, so it has no bar.
    """
    varied = tuple(i for i in m.inputs if i.uncertain and i.name != "discount_rate")
    paths = 1 + 2 * len(varied)
    x = {i.name: np.full((paths, _width(m, i)), point(i.value)) for i in m.inputs}
    limits = []
    for k, item in enumerate(varied):
        low, high = ends(item.value, floor=item.floor, ceiling=item.ceiling)
        x[item.name][2 * k + 1] = low
        x[item.name][2 * k + 2] = high
        limits.append((low, high))
    return TornadoBatch(x, varied, tuple(limits))


def _stream(*parts: int | str) -> np.random.Generator:
    words = [p if isinstance(p, int) else zlib.crc32(p.encode("utf-8")) for p in parts]
    return np.random.default_rng(np.random.SeedSequence(words))


class ChunkDraws:
    """Draws for one chunk of paths; scenario-level draws are cached and shared by vendors."""

    def __init__(self, seed: int, chunk: int, paths: int):
        self.seed, self.chunk, self.paths = seed, chunk, paths
        self._shared: dict[tuple[str, object], np.ndarray] = {}

    def _draw(self, m: VendorModel, item: Input) -> np.ndarray:
        if not item.uncertain:
            return np.full((1, _width(m, item)), point(item.value))
        shape = (self.paths, _width(m, item))
        if item.level == "scenario":
            key = (item.name, item.value)
            if key not in self._shared:
                rng = _stream(self.seed, self.chunk, item.name)
                self._shared[key] = sample(
                    item.value, rng, shape, floor=item.floor, ceiling=item.ceiling
                )
            return self._shared[key]
        rng = _stream(self.seed, self.chunk, m.id, item.name)
        return sample(item.value, rng, shape, floor=item.floor, ceiling=item.ceiling)

    def inputs(self, m: VendorModel, only: frozenset[str] | None = None) -> dict[str, np.ndarray]:
        """``x`` for the kernel: drawn arrays for uncertain inputs, (1, w) for fixed ones; with
        ``only``, just those inputs (each input has its own stream, so its draws are the same)."""
        return {
            item.name: self._draw(m, item) for item in m.inputs if only is None or item.name in only
        }
