"""The bare numpy kernel of scoring: arrays in, arrays out, no models and no checks.

Shapes: R requirements, V vendors, C categories, N weight draws. Thresholds are compared with a
tolerance of 1e-9 so that, say, a demo mean of 3.75/5 meets a must-fit of 0.75.
"""

from __future__ import annotations

import numpy as np

from crmselect.models.common import SUPPORT_LEVELS

EPS = 1e-9
UNVERIFIED_GAP = 0.4
"""Claimed fit minus demo fit at which a claim counts as not verified."""
DISAGREEMENT_SPREAD = 3.0
"""Max minus min demo score at which the committee disagrees (with two or more evaluators)."""
LEVEL_CODE: dict[str, int] = {level: i for i, level in enumerate(SUPPORT_LEVELS)}


def level_fits(table: dict[str, float]) -> np.ndarray:
    """The fit of each support level, indexed by its code in ``SUPPORT_LEVELS``; shape (L,)."""
    return np.array([table[level] for level in SUPPORT_LEVELS], dtype=float)


def claimed_fit(levels: np.ndarray, fits: np.ndarray) -> np.ndarray:
    """Support-level codes (R, V) -> claimed fit (R, V)."""
    return fits[levels]


def demo_fit(demo_sum: np.ndarray, demo_count: np.ndarray) -> np.ndarray:
    """Mean demo score / 5 where scored, NaN elsewhere; (R, V)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(demo_count > 0, demo_sum / np.maximum(demo_count, 1) / 5.0, np.nan)


def final_fit(claimed: np.ndarray, demo: np.ndarray) -> np.ndarray:
    """Demo scores replace claims: (R, V)."""
    return np.where(np.isnan(demo), claimed, demo)


def unverified(claimed: np.ndarray, demo: np.ndarray) -> np.ndarray:
    """Claims the demo fell short of by 0.4 or more: bool (R, V)."""
    with np.errstate(invalid="ignore"):
        return ~np.isnan(demo) & (claimed - demo >= UNVERIFIED_GAP - EPS)


def disagreement(demo_count: np.ndarray, demo_min: np.ndarray, demo_max: np.ndarray) -> np.ndarray:
    """Two or more evaluators whose scores spread by 3 or more: bool (R, V)."""
    return (demo_count >= 2) & (demo_max - demo_min >= DISAGREEMENT_SPREAD - EPS)


def fit_scores(fit: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``fit_score(v) = Σ_r w_r · fit(r, v)``: (R,) @ (R, V) -> (V,)."""
    return w @ fit


def category_scores(
    fit: np.ndarray, importance: np.ndarray, category: np.ndarray, n: int
) -> np.ndarray:
    """``Σ_{r∈c} w_r·fit / W_c``, written as the importance-weighted mean within the category
    (equal where W_c > 0, and defined where W_c = 0): (R, V) -> (C, V)."""
    onehot = np.zeros((n, fit.shape[0]))
    onehot[category, np.arange(fit.shape[0])] = importance
    totals = onehot.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, (onehot @ fit) / np.where(totals > 0, totals, 1.0), 0.0)


def musts_met(fit: np.ndarray, must: np.ndarray, must_fit: float) -> np.ndarray:
    """Bool (R_must, V): which must-haves each vendor meets (``fit >= must_fit``)."""
    return fit[must] >= must_fit - EPS


def dirichlet_draws(
    weights: np.ndarray, draws: int, kappa: float, rng: np.random.Generator
) -> np.ndarray:
    """(N, C) category-weight vectors from Dirichlet(kappa·W); categories weighing 0 stay 0."""
    out = np.zeros((draws, weights.size))
    live = weights > 0
    if live.sum() == 1:
        out[:, live] = 1.0
    elif live.any():
        out[:, live] = rng.dirichlet(kappa * weights[live], size=draws)
    return out


def first_counts(scores: np.ndarray) -> np.ndarray:
    """(N, K) scores of K candidates in tie-break order -> how often each ranks first, (K,).
    ``argmax`` returns the first maximum, so ties go to the earlier candidate."""
    winners = np.argmax(scores, axis=1)
    return np.bincount(winners, minlength=scores.shape[1])


def p_first(
    category_matrix: np.ndarray, draws: np.ndarray, candidates: np.ndarray, chunk: int = 2_000_000
) -> np.ndarray:
    """Probability that each candidate ranks first among the candidates, over the weight draws.

    ``category_matrix`` (C, V), ``draws`` (N, C); ``candidates`` are vendor columns in tie-break
    order (vendor id). The fit scores of all draws are one product (N, C) @ (C, K), done in
    chunks of about ``chunk`` cells to bound memory."""
    k = candidates.size
    if k == 0:
        return np.zeros(0)
    if k == 1:
        return np.ones(1)
    sub = category_matrix[:, candidates]
    counts = np.zeros(k, dtype=np.int64)
    step = max(1, chunk // k)
    for start in range(0, draws.shape[0], step):
        counts += first_counts(draws[start : start + step] @ sub)
    return counts / draws.shape[0]


def break_even(
    category_matrix: np.ndarray, weights: np.ndarray, candidates: np.ndarray
) -> list[tuple[float, int] | None]:
    """For each category k, the weight t (0..1) nearest to W_k at which the winner among the
    candidates changes, with the new winner's candidate index, or None where no t in [0, 1] does.

    The other weights are rescaled in proportion, ``W_j·(1-t)/(1-W_k)`` (equally where they all
    weigh 0), so each candidate's fit is linear in t: ``t·a + (1-t)·b`` and every change of winner
    is an exact crossing of two lines. Candidates are in tie-break order (the earlier wins a tie).
    """
    sub = category_matrix[:, candidates]
    n_cat, k = sub.shape
    results: list[tuple[float, int] | None] = []
    if k < 2:
        return [None] * n_cat
    base = weights @ sub
    leader = int(np.argmax(base))
    for c in range(n_cat):
        others = np.delete(np.arange(n_cat), c)
        rest = weights[others]
        share = (
            rest / rest.sum() if rest.sum() > 0 else np.full(others.size, 1.0 / max(others.size, 1))
        )
        a = sub[c]  # fit when t = 1
        b = share @ sub[others] if others.size else np.zeros(k)  # fit when t = 0
        w0 = float(weights[c])
        best: tuple[float, int] | None = None
        for u in range(k):
            if u == leader:
                continue
            # d(t) = fit_u - fit_leader = d0 + t·slope
            d0 = b[u] - b[leader]
            slope = (a[u] - b[u]) - (a[leader] - b[leader])
            wins_tie = u < leader
            if abs(slope) < 1e-15:
                continue
            t = -d0 / slope
            if not -EPS <= t <= 1 + EPS:
                continue
            t = min(max(t, 0.0), 1.0)
            if not wins_tie:
                # u must pull strictly ahead: only past the crossing, and only if that is in [0, 1]
                beyond = t + (1e-12 if slope > 0 else -1e-12)
                if not 0.0 <= beyond <= 1.0:
                    continue
            if best is None or abs(t - w0) < abs(best[0] - w0) - 1e-15:
                best = (t, u)
        results.append(best)
    return results
