"""SMAA-2 robustness of the ranking (analysis.md §2–3): pure numpy, vectorised over draws.

Shapes: C categories, K candidates (the qualified vendors, in vendor-id order), N draws.
A candidate's fit in draw ``n`` is ``W(n) @ S(n)[:, k]`` with ``W(n)`` the n-th category-weight
draw and ``S(n)`` the (C, K) category-score matrix: fixed (``fits: fixed``) or drawn from the
evaluators' scores and the unknown claims (``fits: evaluators``, :class:`FitSampler`).
Fit draws come from a seed per chunk of draws, so the second pass (confidence factors) sees
the very same fit draws without keeping them in memory.
"""

from __future__ import annotations

from math import comb

import msgspec
import numpy as np

TIE = 1e-12
"""Fits closer than this are a tie (ties are split evenly)."""
CHUNK_CELLS = 2_000_000
"""About how many numbers one chunk of draws may hold at a time (bounds memory)."""
KEEP_BYTES = 256 * 2**20
"""Fit draws up to this size are kept for the confidence factors, not drawn twice."""


GRID = 2**16
"""An unknown claim's fit is drawn from ``GRID`` equally likely values, the midpoints
``(j + 1/2) / GRID`` (j = 0 .. GRID − 1) of an even split of 0..1: mean 1/2 exactly, variance
``(1 − GRID⁻²)/12``, steps of 1.5·10⁻⁵ (the model's finest other fit step is 0.02, a tenth of a
demo point). Sixteen raw random bits a cell (four cells from one 64-bit draw) cost a quarter of
a double-precision uniform, and need no conversion but the product with the share."""


class _Block(msgspec.Struct, frozen=True):
    """Cells drawn alike, sorted by their group (category · K + candidate)."""

    share: np.ndarray
    """(U,) the requirement's importance over its category's total importance (float32 for
    unknown claims, where the offsets use the very same rounded shares)."""
    keys: np.ndarray
    """(G,) the distinct groups, ascending."""
    starts: np.ndarray
    """(G,) where each group's cells start."""
    offset: np.ndarray
    """(G,) ``Σ share · scorecard fit`` of each group's cells (subtracted from every draw);
    for unknown claims less ``Σ share / (2·GRID)``, the half step the drawn j leaves out."""
    scores: np.ndarray | None = None
    """(U, k) demo scores for a resampled block; None for unknown claims."""

    def __post_init__(self) -> None:
        # read-only, as every array a result carries (the draws only read them)
        for array in (self.share, self.keys, self.starts, self.offset, self.scores):
            if array is not None:
                array.setflags(write=False)

    def add_to(self, out: np.ndarray, weighted: np.ndarray) -> None:
        """``out[:, group] += Σ weighted − offset`` over each group's cells, ``weighted``
        (count, U) being ``share · drawn value``."""
        out[:, self.keys] += np.add.reduceat(weighted, self.starts, axis=1) - self.offset


def _block(
    group: np.ndarray, share: np.ndarray, base: np.ndarray, scores: np.ndarray | None = None
) -> _Block:
    order = np.argsort(group, kind="stable")
    keys = group[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if keys.size else keys
    share, base = share[order], base[order]
    if scores is None:  # drawn in float32 as j / GRID: the midpoint's half step goes here
        share = share.astype(np.float32)
        base = base - 0.5 / GRID
    offset = np.add.reduceat(share * base, starts) if keys.size else np.zeros(0)
    return _Block(
        share=share,
        keys=keys[starts] if keys.size else keys,
        starts=starts,
        offset=offset,
        scores=None if scores is None else scores[order],
    )


def _unknown_weighted(share: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """(count, U) float32 ``share · j / GRID`` with j uniform on 0 .. GRID − 1: 16 raw random
    bits a cell, multiplied by the share over GRID (a power of two, so exact) in one pass."""
    cells = share.size
    even = cells + (cells & 1)
    bits = rng.bit_generator.random_raw(-(-count * even // 4)).view(np.uint16)
    drawn = bits[: count * even].reshape(count, even)[:, :cells]
    return np.multiply(drawn, share / np.float32(GRID), dtype=np.float32)


class FitSampler(msgspec.Struct, frozen=True):
    """The uncertain cells of the candidates and how each is drawn.

    A cell is a (requirement, candidate) pair. Resampled cells have demo scores from k
    evaluators that differ (each draw: the mean of k scores drawn with replacement, / 5);
    unknown cells rest on an unknown claim with no demo score (each draw: uniform on 0..1, on
    the grid of :data:`GRID`). Every cell adds ``share · (drawn fit − scorecard fit)`` to its
    category score."""

    n_categories: int
    n_candidates: int
    boot: tuple[_Block, ...]
    """One block per evaluator count k."""
    unknown: _Block
    seed: int

    @property
    def cells(self) -> int:
        return sum(b.share.size for b in self.boot) + self.unknown.share.size

    def delta(self, start: int, count: int) -> np.ndarray:
        """(count, C·K) change of the category scores in draws ``start .. start+count-1``.
        The same (start, count) always gives the same draws."""
        rng = np.random.default_rng([self.seed, 7, start])
        out = np.zeros((count, self.n_categories * self.n_candidates))
        for block in self.boot:
            assert block.scores is not None
            means = _bootstrap_means(block.scores, count, rng)
            block.add_to(out, np.multiply(means, block.share / 5.0, out=means))
        if self.unknown.share.size:
            # single precision: a group's sum carries a rounding error of about 10⁻⁷ of its
            # size, far below any difference of fits that could matter
            self.unknown.add_to(out, _unknown_weighted(self.unknown.share, count, rng))
        return out


MAX_ORDERED = 256
"""Up to this many ordered resamples (k^k: 4, 27 and 256 for 2, 3 and 4 evaluators), which are
equally likely, one uniform number picks one (no search)."""
MAX_OUTCOMES = 500
"""Up to this many distinct resamples per cell, draw the resample as one categorical number."""


def _resamples(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Every way k draws with replacement from k scores can fall: the counts (O, k) and their
    multinomial probabilities (O,)."""
    from itertools import combinations_with_replacement
    from math import factorial

    outcomes = []
    for picks in combinations_with_replacement(range(k), k):
        outcomes.append(np.bincount(picks, minlength=k))
    counts = np.array(outcomes)
    ways = np.array([factorial(k) / np.prod([factorial(int(c)) for c in row]) for row in counts])
    return counts, ways / k**k


def _ordered(k: int) -> np.ndarray:
    """(k^k, k): how often each score is drawn in each of the k^k equally likely ordered
    ways to draw k of k scores with replacement."""
    picks = np.indices((k,) * k).reshape(k, -1).T  # (k^k, k) the score drawn at each turn
    return (picks[:, :, None] == np.arange(k)).sum(axis=1)


def _pick(means: np.ndarray, pick: np.ndarray) -> np.ndarray:
    """``means[cell, pick[n, cell]]`` for (U, O) means and (count, U) picks."""
    cells, outcomes = means.shape
    pick += np.arange(0, cells * outcomes, outcomes)
    return np.take(means.ravel(), pick)


def _bootstrap_means(scores: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """(count, U): for each cell (a row of k scores), the mean of k scores drawn with
    replacement. Up to four evaluators a uniform number picks one of the k^k ordered
    resamples; with few distinct resamples each is one categorical draw over them; else the
    k indices are drawn."""
    cells, k = scores.shape
    if k**k <= MAX_ORDERED:
        means = scores @ _ordered(k).T / k  # (U, k^k)
        drawn = rng.random((count, cells))
        drawn *= k**k
        pick = drawn.astype(np.intp)
        return _pick(means, np.minimum(pick, k**k - 1, out=pick))
    if comb(2 * k - 1, k) <= MAX_OUTCOMES:
        counts, probs = _resamples(k)
        means = scores @ counts.T / k  # (U, O)
        return _pick(
            means, np.searchsorted(np.cumsum(probs)[:-1], rng.random((count, cells)), side="right")
        )
    picks = rng.integers(0, k, size=(count, cells, k))
    return np.take_along_axis(np.broadcast_to(scores, (count, cells, k)), picks, axis=2).mean(
        axis=2
    )


def build_sampler(
    fixed: np.ndarray,
    category: np.ndarray,
    importance: np.ndarray,
    unknown: np.ndarray,
    scores: dict[tuple[int, int], list[float]],
    n_categories: int,
    seed: int,
) -> FitSampler:
    """A :class:`FitSampler` for the candidates.

    ``fixed`` (R, K) are the scorecard's fits; ``category`` (R,) and ``importance`` (R,) the
    requirements' category index and importance; ``unknown`` (R, K) bool marks claims that are
    unknown; ``scores[(r, k)]`` lists the demo scores of cell (r, k) (absent when none)."""
    n_req, n_cand = fixed.shape
    totals = np.bincount(category, weights=importance, minlength=n_categories)
    share_r = importance / np.where(totals[category] > 0, totals[category], 1.0)

    def block(rr: np.ndarray, kk: np.ndarray, table: np.ndarray | None = None) -> _Block:
        return _block(category[rr] * n_cand + kk, share_r[rr], fixed[rr, kk], table)

    by_k: dict[int, list[tuple[int, int]]] = {}
    for (r, k), cell in scores.items():
        if len(cell) > 1 and max(cell) > min(cell):
            by_k.setdefault(len(cell), []).append((r, k))
    boot = []
    for k, cells in sorted(by_k.items()):
        rr = np.array([r for r, _ in cells], dtype=np.int64)
        kk = np.array([c for _, c in cells], dtype=np.int64)
        table = np.array([scores[cell] for cell in cells], dtype=float).reshape(len(cells), k)
        boot.append(block(rr, kk, table))
    open_cells = unknown.copy()
    if scores:
        scored = np.array(list(scores), dtype=np.int64).reshape(-1, 2)
        open_cells[scored[:, 0], scored[:, 1]] = False
    rr, kk = np.nonzero(open_cells)
    return FitSampler(n_categories, n_cand, tuple(boot), block(rr, kk), seed)


class Smaa(msgspec.Struct, frozen=True):
    """SMAA-2 indices of K candidates (arrays read-only)."""

    rank_acceptability: np.ndarray
    """(K, K): share of draws in which candidate k takes rank r+1."""
    central_weights: np.ndarray
    """(K, C): mean weights over the draws in which k ranks first; NaN where never first."""
    confidence: np.ndarray
    """(K,): share of fit draws in which k ranks first at its central weights; NaN where it
    has none."""
    pairwise: np.ndarray
    """(K, K): share of draws in which k has the higher fit than j (ties one half); NaN on the
    diagonal."""
    holistic: np.ndarray
    """(K,): Σ_r α_r · b_r with α_r = (m − r)/(m − 1)."""


def _ranks(fits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For (n, K) fits: how many candidates are strictly ahead of each (n, K), and how many
    are tied with it, itself included (n, K). A sort per draw; the rare draws with a tie are
    redone by comparing every pair."""
    n, k = fits.shape
    order = np.argsort(-fits, axis=1, kind="stable")
    ahead = np.empty_like(order)
    np.put_along_axis(ahead, order, np.broadcast_to(np.arange(k), (n, k)), axis=1)
    tied = np.ones((n, k), dtype=np.int64)
    ranked = np.take_along_axis(fits, order, axis=1)
    rows = np.flatnonzero((ranked[:, :-1] - ranked[:, 1:] <= TIE).any(axis=1))
    if rows.size:
        sub = fits[rows]
        beats = sub[:, :, None] > sub[:, None, :] + TIE
        ahead[rows] = beats.sum(axis=1)
        tied[rows] = k - ahead[rows] - beats.sum(axis=2)
    return ahead, tied


def _beats(fits: np.ndarray) -> np.ndarray:
    """(K, K): in how many of the (n, K) draws the row candidate's fit beats the column's."""
    beats = fits[:, :, None] > fits[:, None, :] + TIE
    return beats.view(np.uint8).sum(axis=0, dtype=np.int64)


def _first_share(scores: np.ndarray) -> np.ndarray:
    """(…, K) fits -> share of first place of each candidate (ties split evenly)."""
    top = scores.max(axis=-1, keepdims=True)
    first = scores >= top - TIE
    return first / first.sum(axis=-1, keepdims=True)


def holistic(rank_acceptability: np.ndarray) -> np.ndarray:
    """``Σ_r α_r b_r`` with linear meta-weights 1 (rank 1) down to 0 (rank m); 1 when m = 1."""
    m = rank_acceptability.shape[1]
    if m == 1:
        return rank_acceptability[:, 0].copy()
    alpha = (m - 1 - np.arange(m)) / (m - 1)
    return rank_acceptability @ alpha


def draw_chunks(
    n: int, n_cat: int, k: int, cells: int, chunk_cells: int = CHUNK_CELLS
) -> tuple[tuple[int, int], ...]:
    """The ``(start, count)`` chunks in which :func:`smaa2` takes ``n`` draws of ``k``
    candidates over ``n_cat`` categories with ``cells`` drawn fit cells (0 for fixed fits).
    Fit draws are seeded per chunk, so an analysis that pairs with them uses these chunks."""
    per_draw = k * k + (n_cat * k + cells if cells else 0)
    step = max(1, min(n, chunk_cells // max(per_draw, 1)))
    return tuple((start, min(step, n - start)) for start in range(0, n, step))


def smaa2(
    category_scores: np.ndarray,
    weights: np.ndarray,
    sampler: FitSampler | None = None,
    chunk_cells: int = CHUNK_CELLS,
) -> Smaa:
    """SMAA-2 over ``weights`` (N, C) draws and fixed ``category_scores`` (C, K), with the fit
    draws of ``sampler`` added in when given."""
    n_cat, k = category_scores.shape
    n = weights.shape[0]
    if sampler is not None and sampler.cells == 0:
        sampler = None
    if k == 0:
        empty = np.zeros((0, 0))
        return Smaa(empty, np.zeros((0, n_cat)), np.zeros(0), empty, np.zeros(0))
    spread = np.zeros((k, k + 1))
    beats = np.zeros((k, k))
    ties = np.zeros((k, k))
    first_w = np.zeros((k, n_cat))
    first_n = np.zeros(k)
    index = np.arange(k)
    keep = sampler is not None and n * n_cat * k * 8 <= KEEP_BYTES
    chunks: list[tuple[int, int, np.ndarray | None]] = []
    for start, count in draw_chunks(n, n_cat, k, sampler.cells if sampler else 0, chunk_cells):
        w = weights[start : start + count]
        if sampler is None:
            fits = w @ category_scores
        else:
            delta = sampler.delta(start, count)
            chunks.append((start, count, delta if keep else None))
            s = category_scores.reshape(1, -1) + delta
            fits = np.einsum("nc,nck->nk", w, s.reshape(count, n_cat, k))
        ahead, tied = _ranks(fits)
        win = _beats(fits)
        share = 1.0 / tied
        # each candidate spreads one draw evenly over ranks ahead+1 .. ahead+tied
        cols = np.broadcast_to(index, ahead.shape)
        spread += np.bincount(
            (cols * (k + 1) + ahead).ravel(), weights=share.ravel(), minlength=k * (k + 1)
        ).reshape(k, k + 1)
        spread -= np.bincount(
            (cols * (k + 1) + ahead + tied).ravel(), weights=share.ravel(), minlength=k * (k + 1)
        ).reshape(k, k + 1)
        beats += win
        ties += count - win - win.T
        first = np.where(ahead == 0, share, 0.0)
        first_w += first.T @ w
        first_n += first.sum(axis=0)
    rank = np.cumsum(spread, axis=1)[:, :k] / n
    pair = (beats + 0.5 * ties) / n
    np.fill_diagonal(pair, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = np.where(first_n[:, None] > 0, first_w / first_n[:, None], np.nan)
    confidence = _confidence(category_scores, central, sampler, n, chunks)
    out = Smaa(rank, central, confidence, pair, holistic(rank))
    for array in (out.rank_acceptability, out.central_weights, out.confidence, out.pairwise):
        array.setflags(write=False)
    out.holistic.setflags(write=False)
    return out


def _confidence(
    category_scores: np.ndarray,
    central: np.ndarray,
    sampler: FitSampler | None,
    n: int,
    chunks: list[tuple[int, int, np.ndarray | None]],
) -> np.ndarray:
    """Share of fit draws in which each candidate ranks first at its own central weights: the
    very fit draws of the first pass (kept, or drawn again chunk by chunk from their seeds)."""
    n_cat, k = category_scores.shape
    live = ~np.isnan(central[:, 0])
    out = np.full(k, np.nan)
    if not live.any():
        return out
    rows = np.flatnonzero(live)
    cw = central[rows]
    if sampler is None or sampler.cells == 0:
        shares = _first_share(cw @ category_scores)
        out[rows] = shares[np.arange(rows.size), rows]
        return out
    total = np.zeros(rows.size)
    for start, count, kept in chunks:
        delta = kept if kept is not None else sampler.delta(start, count)
        s = (category_scores.reshape(1, -1) + delta).reshape(count, n_cat, k)
        fits = np.einsum("vc,nck->nvk", cw, s)
        shares = _first_share(fits)
        total += shares[:, np.arange(rows.size), rows].sum(axis=0)
    out[rows] = total / n
    return out
