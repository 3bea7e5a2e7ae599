"""The `robustness` of a scoring result: SMAA-2 indices by vendor id (analysis.md §1–3).

The numbers come from :mod:`crmselect.scoring.smaa` (arrays); this module picks the candidates'
cells out of the scoring arrays, draws the weights from the scorecard's prior, and turns the
arrays into a frozen result keyed by vendor id and category.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import msgspec
import numpy as np
from msgspec.structs import replace

from crmselect.frozen import FrozenResult
from crmselect.models.common import SUPPORT_LEVELS
from crmselect.models.scorecard import ScoreFile
from crmselect.scoring.priors import WeightPrior, weight_draws
from crmselect.scoring.smaa import FitSampler, Smaa, build_sampler, draw_chunks, smaa2

FITS = ("fixed", "evaluators")


class FitDraws(msgspec.Struct, frozen=True, eq=False):
    """The fit draws of a SMAA-2 run with ``fits: evaluators``, so that another analysis
    (the award's p_award_first) pairs weight draw i with the very same fit draw i: drawn
    again, chunk by chunk, from the seeds SMAA used."""

    sampler: FitSampler
    chunks: tuple[tuple[int, int], ...]
    """The (start, count) chunks SMAA drew in (:func:`crmselect.scoring.smaa.draw_chunks`)."""
    vendors: tuple[str, ...]
    """The candidates, in column order (vendor-id order)."""

    def category_scores(self, base: np.ndarray, n: int) -> Iterator[tuple[int, np.ndarray]]:
        """``(start, scores)`` for the first ``n`` draws, chunk by chunk: ``scores``
        (count, C, K) is ``base`` (C, K), the scorecard's category scores of the candidates,
        plus the drawn change of draws ``start .. start + count - 1``."""
        n_cat, k = base.shape
        for start, count in self.chunks:
            if start >= n:
                return
            delta = self.sampler.delta(start, count)[: n - start]
            yield start, (base.reshape(1, -1) + delta).reshape(-1, n_cat, k)


class Robustness(FrozenResult, frozen=True):
    """SMAA-2 over the qualified vendors (JSON key ``robustness``)."""

    prior: WeightPrior
    fits: str
    """``fixed`` or ``evaluators``."""
    draws: int
    vendors: tuple[str, ...]
    """The qualified vendor ids the indices are about, in vendor-id order."""
    rank_acceptability: dict[str, tuple[float, ...]]
    """Vendor id -> share of draws at rank 1, 2, …, m."""
    central_weights: dict[str, dict[str, float] | None]
    """Vendor id -> category -> mean weight where the vendor ranks first; None if never first."""
    confidence_factor: dict[str, float | None]
    """Vendor id -> share of fit draws it ranks first at its central weights."""
    pairwise_winning: dict[str, dict[str, float]]
    """Vendor id -> other vendor id -> share of draws with the higher fit (ties one half)."""
    holistic_acceptability: dict[str, float]
    """Vendor id -> Σ α_r b_r with α_r = (m − r)/(m − 1)."""
    fit_cells: int
    """Cells whose fit was drawn (0 with ``fits: fixed``)."""
    fit_draws: FitDraws | None = None
    """How to draw those fits again (None with fixed fits); not part of any output."""

    @property
    def p_first(self) -> dict[str, float]:
        return {vid: shares[0] for vid, shares in self.rank_acceptability.items()}

    @property
    def compromise(self) -> str | None:
        """The vendor with the highest holistic acceptability when it is not the one most often
        first (ties by vendor id); None otherwise."""
        if len(self.vendors) < 2:
            return None
        best_first = max(self.vendors, key=lambda v: (self.p_first[v], _neg(v)))
        best_whole = max(self.vendors, key=lambda v: (self.holistic_acceptability[v], _neg(v)))
        return None if best_whole == best_first else best_whole

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "prior": self.prior.to_json_dict(),
            "fits": self.fits,
            "draws": self.draws,
            "fit_cells": self.fit_cells,
            "vendors": list(self.vendors),
            "rank_acceptability": {v: list(x) for v, x in self.rank_acceptability.items()},
            "central_weights": {
                v: None if x is None else dict(x) for v, x in self.central_weights.items()
            },
            "confidence_factor": dict(self.confidence_factor),
            "pairwise_winning": {v: dict(x) for v, x in self.pairwise_winning.items()},
            "holistic_acceptability": dict(self.holistic_acceptability),
            "compromise": self.compromise,
        }


def _neg(text: str) -> tuple[int, ...]:
    """Sort key that puts the earlier vendor id first under ``max``."""
    return tuple(-ord(ch) for ch in text)


def cell_scores(
    sheets: Sequence[ScoreFile], req_ids: Sequence[str], vendor_ids: Sequence[str]
) -> dict[tuple[int, int], list[float]]:
    """``scores[(r, v)]``: every evaluator's demo score of requirement r for vendor v (only the
    cells somebody scored): the one reading of the score files into cells, from which scoring
    takes the demo fits and the fit draws their resamples."""
    rows = {rid: i for i, rid in enumerate(req_ids)}
    cols = {vid: j for j, vid in enumerate(vendor_ids)}
    out: dict[tuple[int, int], list[float]] = {}
    for sheet in sheets:
        for vid, by_req in sheet.scores.items():
            j = cols.get(vid)
            if j is None:
                continue
            for rid, value in by_req.items():
                i = rows.get(rid)
                if i is not None:
                    out.setdefault((i, j), []).append(float(value))
    return out


def robustness(
    *,
    ids: Sequence[str],
    candidates: np.ndarray,
    categories: Sequence[str],
    w_cat: np.ndarray,
    category_matrix: np.ndarray,
    fit: np.ndarray,
    levels: np.ndarray,
    category_index: np.ndarray,
    importance: np.ndarray,
    scores: dict[tuple[int, int], list[float]],
    prior: WeightPrior,
    fits: str,
    draws: int,
    seed: int,
    rng: np.random.Generator,
) -> tuple[Robustness, np.ndarray]:
    """SMAA-2 of the ``candidates`` (vendor columns in vendor-id order) and the weight draws
    it used (N, C), which ``rng`` produced. ``scores`` are the demo scores by (requirement,
    vendor column), as :func:`cell_scores` reads them."""
    weights = weight_draws(prior, w_cat, categories, draws, rng)
    sub = category_matrix[:, candidates]
    sampler = None
    if fits == "evaluators" and candidates.size:
        column = {int(c): k for k, c in enumerate(candidates)}
        unknown_code = SUPPORT_LEVELS.index("unknown") if "unknown" in SUPPORT_LEVELS else -1
        sampler = build_sampler(
            fit[:, candidates],
            category_index,
            importance,
            levels[:, candidates] == unknown_code,
            {(r, column[j]): v for (r, j), v in scores.items() if j in column},
            len(categories),
            seed,
        )
    result = smaa2(sub, weights, sampler)
    keyed = _keyed(
        result,
        [ids[int(c)] for c in candidates],
        categories,
        prior,
        fits,
        draws,
        sampler.cells if sampler else 0,
    )
    if sampler is not None and sampler.cells:
        chunks = draw_chunks(weights.shape[0], sub.shape[0], sub.shape[1], sampler.cells)
        keyed = replace(keyed, fit_draws=FitDraws(sampler, chunks, keyed.vendors))
    return keyed, weights


def _keyed(
    sm: Smaa,
    vids: list[str],
    categories: Sequence[str],
    prior: WeightPrior,
    fits: str,
    draws: int,
    cells: int,
) -> Robustness:
    def num(x: float) -> float | None:
        return None if np.isnan(x) else float(x)

    return Robustness(
        prior=prior,
        fits=fits,
        draws=draws,
        vendors=tuple(vids),
        rank_acceptability={
            v: tuple(float(x) for x in sm.rank_acceptability[i]) for i, v in enumerate(vids)
        },
        central_weights={
            v: None
            if np.isnan(sm.central_weights[i, 0])
            else {c: float(sm.central_weights[i, k]) for k, c in enumerate(categories)}
            for i, v in enumerate(vids)
        },
        confidence_factor={v: num(sm.confidence[i]) for i, v in enumerate(vids)},
        pairwise_winning={
            v: {u: float(sm.pairwise[i, j]) for j, u in enumerate(vids) if j != i}
            for i, v in enumerate(vids)
        },
        holistic_acceptability={v: float(sm.holistic[i]) for i, v in enumerate(vids)},
        fit_cells=cells,
    )
