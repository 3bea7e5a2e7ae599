"""SMAA-2 and the weight priors against results integrated by hand over the simplex.

The case: three categories, weights w = (w1, w2, w3) on the simplex, three vendors with
category scores A = (1, 0, 0), B = (0, 1, 0), C = (1/2, 1/2, 1/2); so fit(A) = w1, fit(B) = w2,
fit(C) = 1/2.

Uniform prior (area shares of the simplex):
- A first iff w1 > 1/2: the corner triangle of side 1/2, share (1/2)^2 = 1/4; B likewise 1/4;
  C first in the rest, 1 - 1/4 - 1/4 = 1/2.
- A last iff w1 < w2 and w1 < 1/2; w1 < w2 already forces w1 < 1/2, so 1/2. A second: 1/4.
- C is never last (it is below A only when w1 > 1/2, and then w2 < 1/2): C second 1/2.
- Central weights are centroids: A wins on the triangle (1,0,0), (1/2,1/2,0), (1/2,0,1/2),
  centroid (2/3, 1/6, 1/6); C's region is the simplex less two such corners:
  2·[(1/3,1/3,1/3) − (2/3,1/6,1/6)/4 − (1/6,2/3,1/6)/4] = (1/4, 1/4, 1/2).
- Holistic (α = 1, 1/2, 0): A = 1/4 + 1/8 = 3/8, C = 1/2 + 1/4 = 3/4.
- Pairwise: P(w1 > w2) = 1/2; P(w1 > 1/2) = 1/4.

Ordinal prior w1 >= w2 >= w3: the region is 1/6 of the simplex. A first iff w1 > 1/2, and in
that corner w2 >= w3 is half of it: (1/8)/(1/6) = 3/4; C first 1/4; B is always last
(w2 <= 1/2 and w2 <= w1). A's central weights: centroid of (1,0,0), (1/2,1/2,0), (1/2,1/4,1/4)
= (2/3, 1/4, 1/12).
"""

from __future__ import annotations

import numpy as np
import pytest

from crmselect.scoring.priors import WeightPrior, weight_draws
from crmselect.scoring.smaa import build_sampler, holistic, smaa2

N = 10_000
# Monte Carlo tolerance: 4 standard errors of a share near 1/2 at 10,000 draws.
TOL = 4 * (0.25 / N) ** 0.5  # 0.02
S = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [0.0, 0.0, 0.5]])  # (C, K): A, B, C
CATS = ["c1", "c2", "c3"]


def draws(prior: WeightPrior, seed: int = 1) -> np.ndarray:
    return weight_draws(prior, np.full(3, 1 / 3), CATS, N, np.random.default_rng(seed))


def test_uniform_prior_rank_acceptability_matches_the_integrals() -> None:
    result = smaa2(S, draws(WeightPrior("uniform")))
    expected = np.array(
        [
            [1 / 4, 1 / 4, 1 / 2],  # A
            [1 / 4, 1 / 4, 1 / 2],  # B
            [1 / 2, 1 / 2, 0.0],  # C
        ]
    )
    assert np.abs(result.rank_acceptability - expected).max() < TOL
    assert np.allclose(result.rank_acceptability.sum(axis=1), 1.0)
    assert np.allclose(result.rank_acceptability.sum(axis=0), 1.0)
    assert np.abs(result.holistic - [3 / 8, 3 / 8, 3 / 4]).max() < TOL
    assert abs(result.pairwise[0, 1] - 1 / 2) < TOL
    assert abs(result.pairwise[0, 2] - 1 / 4) < TOL
    assert abs(result.pairwise[2, 0] - 3 / 4) < TOL
    assert np.isnan(result.pairwise[0, 0])


def test_central_weights_are_the_centroids_of_the_winning_regions() -> None:
    result = smaa2(S, draws(WeightPrior("uniform")))
    # A wins only in the corner w1 > 1/2
    assert np.abs(result.central_weights[0] - [2 / 3, 1 / 6, 1 / 6]).max() < 0.01
    assert np.abs(result.central_weights[2] - [1 / 4, 1 / 4, 1 / 2]).max() < 0.01
    # with fixed fits the confidence factor is 1 or 0
    assert result.confidence.tolist() == [1.0, 1.0, 1.0]


def test_a_vendor_never_first_has_no_central_weights() -> None:
    # D = (0.3, 0.3, 0.3) scores 0.3 < max(w) >= 1/3 always: never first
    s = np.array([[1.0, 0.0, 0.0, 0.3], [0.0, 1.0, 0.0, 0.3], [0.0, 0.0, 1.0, 0.3]])
    result = smaa2(s, draws(WeightPrior("uniform")))
    assert result.rank_acceptability[3, 0] == 0.0
    assert np.isnan(result.central_weights[3]).all()
    assert np.isnan(result.confidence[3])


def test_ordinal_prior_on_the_same_case() -> None:
    w = draws(WeightPrior("ordinal", order=("c1", "c2", "c3")))
    assert (w[:, 0] >= w[:, 1]).all() and (w[:, 1] >= w[:, 2]).all()
    result = smaa2(S, w)
    assert abs(result.rank_acceptability[0, 0] - 3 / 4) < TOL
    assert abs(result.rank_acceptability[2, 0] - 1 / 4) < TOL
    assert result.rank_acceptability[1].tolist() == [0.0, 0.0, 1.0]
    assert np.abs(result.central_weights[0] - [2 / 3, 1 / 4, 1 / 12]).max() < 0.01


def test_ordinal_order_maps_onto_the_named_categories() -> None:
    w = weight_draws(
        WeightPrior("ordinal", order=("c3", "c1", "c2")),
        np.full(3, 1 / 3),
        CATS,
        1000,
        np.random.default_rng(0),
    )
    assert (w[:, 2] >= w[:, 0]).all() and (w[:, 0] >= w[:, 1]).all()
    assert np.allclose(w.sum(axis=1), 1.0)


def test_uniform_prior_is_uniform_on_the_simplex() -> None:
    # marginal of one weight under Dirichlet(1,1,1): Beta(1, 2), mean 1/3, P(w1 > 1/2) = 1/4
    w = draws(WeightPrior("uniform"), seed=3)
    assert abs(w[:, 0].mean() - 1 / 3) < 0.01
    assert abs((w[:, 0] > 0.5).mean() - 1 / 4) < TOL


def test_dirichlet_prior_keeps_zero_weights_and_concentrates() -> None:
    w = weight_draws(
        WeightPrior("dirichlet", kappa=1000.0),
        np.array([0.5, 0.5, 0.0]),
        CATS,
        1000,
        np.random.default_rng(0),
    )
    assert (w[:, 2] == 0).all()
    assert abs(w[:, 0].mean() - 0.5) < 0.01 and w[:, 0].std() < 0.02


def test_ties_are_split_evenly() -> None:
    # two identical vendors: each is first in half of every draw
    s = np.array([[0.6, 0.6, 0.1], [0.2, 0.2, 0.9]])
    w = np.array([[1.0, 0.0], [0.0, 1.0]])
    result = smaa2(s, w)
    assert result.rank_acceptability.tolist() == [
        [0.25, 0.5, 0.25],
        [0.25, 0.5, 0.25],
        [0.5, 0.0, 0.5],
    ]
    assert result.pairwise[0, 1] == 0.5


def test_holistic_meta_weights() -> None:
    # alpha = (1, 1/2, 0) for m = 3; alpha = 1 for m = 1
    assert holistic(np.array([[0.2, 0.3, 0.5]])).tolist() == [0.2 + 0.15]
    assert holistic(np.array([[1.0]])).tolist() == [1.0]


def test_compromise_candidate_is_the_most_acceptable_when_not_the_most_often_first() -> None:
    # two categories, w = (t, 1 - t), t uniform on 0..1 (an even grid: exact up to 1e-5):
    # A = (1, 0) -> t; B = (0, 0.8) -> 0.8 (1 - t); C = (0.6, 0.6) -> 0.6.
    # A first for t > 0.6 (2/5); B first for t < 1/4; C first in between (7/20).
    # A last for t < 4/9 (A < B), second for 4/9 < t < 0.6 (7/45): holistic 2/5 + 7/90 = 43/90.
    # C never last (t > 0.6 puts B at 0.8·0.4 < 0.6): holistic 7/20 + 13/40 = 27/40.
    from crmselect.scoring.priors import WeightPrior
    from crmselect.scoring.robustness import _keyed

    t = (np.arange(200_000) + 0.5) / 200_000
    w = np.stack([t, 1 - t], axis=1)
    s = np.array([[1.0, 0.0, 0.6], [0.0, 0.8, 0.6]])
    result = smaa2(s, w)
    expected = np.array([[2 / 5, 7 / 45, 4 / 9], [1 / 4, 7 / 36, 5 / 9], [7 / 20, 13 / 20, 0.0]])
    assert np.abs(result.rank_acceptability - expected).max() < 1e-4
    assert np.abs(result.holistic - [43 / 90, 1 / 4 + 7 / 72, 27 / 40]).max() < 1e-4
    keyed = _keyed(result, ["a", "b", "c"], ["x", "y"], WeightPrior("uniform"), "fixed", 1, 0)
    assert keyed.compromise == "c"
    plain = _keyed(
        smaa2(S, draws(WeightPrior("uniform"))),
        ["a", "b", "c"],
        CATS,
        WeightPrior("uniform"),
        "fixed",
        N,
        0,
    )
    assert plain.compromise is None  # C is both the most often first and the most acceptable


def test_bootstrapped_fit_draws_follow_the_resampling_distribution() -> None:
    # one cell scored 0 and 5 by two evaluators: the mean of two draws with replacement is
    # 0 (1/4), 2.5 (1/2) or 5 (1/4): fit 0, 0.5, 1. Its requirement is the only one in its
    # category, so the category score is the drawn fit.
    sampler = build_sampler(
        fixed=np.array([[0.5]]),
        category=np.array([0]),
        importance=np.array([3.0]),
        unknown=np.array([[False]]),
        scores={(0, 0): [0.0, 5.0]},
        n_categories=1,
        seed=5,
    )
    drawn = 0.5 + sampler.delta(0, N)[:, 0]
    values, counts = np.unique(np.round(drawn, 12), return_counts=True)
    assert values.tolist() == [0.0, 0.5, 1.0]
    assert np.abs(counts / N - [1 / 4, 1 / 2, 1 / 4]).max() < TOL
    # the same draws again, from the same seed and start
    assert np.array_equal(sampler.delta(0, N), sampler.delta(0, N))


def test_unknown_claims_are_drawn_uniformly_and_scored_cells_are_not() -> None:
    # requirement 0 (importance 1) unknown, requirement 1 (importance 3) unanimous 4/5:
    # the category score moves by (1/4)·(U − 0), with U uniform on 0..1
    sampler = build_sampler(
        fixed=np.array([[0.0], [0.8]]),
        category=np.array([0, 0]),
        importance=np.array([1.0, 3.0]),
        unknown=np.array([[True], [False]]),
        scores={(1, 0): [4.0, 4.0]},
        n_categories=1,
        seed=0,
    )
    assert sampler.cells == 1
    delta = sampler.delta(0, N)[:, 0]
    assert delta.min() >= 0 and delta.max() <= 0.25
    assert abs(delta.mean() - 0.125) < 0.005


def test_unknown_claims_take_the_midpoints_of_an_even_grid() -> None:
    # the only requirement of its category, claimed unknown (fit 0): each draw is
    # (j + 1/2) / 65,536 for a whole j from 0 to 65,535, every j equally likely; in 16 bins of
    # 1/16 each share is 1/16 (4 standard errors at 10,000 draws: 0.0097)
    from crmselect.scoring.smaa import GRID

    sampler = build_sampler(
        fixed=np.array([[0.0]]),
        category=np.array([0]),
        importance=np.array([2.0]),
        unknown=np.array([[True]]),
        scores={},
        n_categories=1,
        seed=4,
    )
    drawn = sampler.delta(0, N)[:, 0]
    j = drawn * GRID - 0.5
    assert np.array_equal(j, np.round(j)) and j.min() >= 0 and j.max() <= GRID - 1
    shares = np.bincount((drawn * 16).astype(int), minlength=16) / N
    assert np.abs(shares - 1 / 16).max() < 4 * (1 / 16 * 15 / 16 / N) ** 0.5
    assert abs(drawn.mean() - 0.5) < 4 * (1 / 12 / N) ** 0.5


def test_confidence_factor_with_fit_draws() -> None:
    # one category; A's fit is 0.6 fixed, B's is an unknown claim drawn on 0..1:
    # A first when U < 0.6 -> confidence(A) = 0.6, confidence(B) = 0.4
    sampler = build_sampler(
        fixed=np.array([[0.6, 0.0]]),
        category=np.array([0]),
        importance=np.array([1.0]),
        unknown=np.array([[False, True]]),
        scores={},
        n_categories=1,
        seed=2,
    )
    result = smaa2(np.array([[0.6, 0.0]]), np.ones((N, 1)), sampler)
    assert abs(result.rank_acceptability[0, 0] - 0.6) < TOL
    assert abs(result.confidence[0] - 0.6) < TOL
    assert abs(result.confidence[1] - 0.4) < TOL


@pytest.mark.parametrize("chunk", [50, 2_000_000])
def test_chunking_does_not_change_the_result(chunk: int) -> None:
    w = draws(WeightPrior("uniform"), seed=9)[:2000]
    whole = smaa2(S, w)
    parts = smaa2(S, w, chunk_cells=chunk)
    assert np.allclose(whole.rank_acceptability, parts.rank_acceptability)
    assert np.allclose(whole.central_weights, parts.central_weights)


def test_three_evaluators_resample_as_a_binomial() -> None:
    # scores 0, 0, 5: the number of 5s among three draws with replacement is Binomial(3, 1/3):
    # fits 0, 1/3, 2/3, 1 with probabilities 8/27, 12/27, 6/27, 1/27
    sampler = build_sampler(
        fixed=np.array([[1 / 3]]),
        category=np.array([0]),
        importance=np.array([1.0]),
        unknown=np.array([[False]]),
        scores={(0, 0): [0.0, 0.0, 5.0]},
        n_categories=1,
        seed=11,
    )
    drawn = 1 / 3 + sampler.delta(0, N)[:, 0]
    values, counts = np.unique(np.round(drawn, 9), return_counts=True)
    assert values.tolist() == [0.0, round(1 / 3, 9), round(2 / 3, 9), 1.0]
    assert np.abs(counts / N - np.array([8, 12, 6, 1]) / 27).max() < TOL


@pytest.mark.parametrize("k", [4, 5])
def test_one_five_among_k_scores_resamples_as_a_binomial(k: int) -> None:
    # k = 4: one of the 4^4 = 256 equally likely ordered resamples is picked; k = 5 (3,125
    # ordered, 126 distinct) is one categorical draw over the distinct resamples. Either way
    # the number of 5s drawn is Binomial(k, 1/k): P(i) = C(k, i) (1/k)^i (1 - 1/k)^(k - i)
    from math import comb as choose

    from crmselect.scoring.smaa import _bootstrap_means

    scores = np.array([[0.0] * (k - 1) + [5.0]])
    means = _bootstrap_means(scores, N, np.random.default_rng(k))[:, 0]
    fives = np.round(means * k / 5).astype(int)
    shares = np.bincount(fives, minlength=k + 1) / N
    expected = np.array(
        [choose(k, i) * (1 / k) ** i * (1 - 1 / k) ** (k - i) for i in range(k + 1)]
    )
    assert np.abs(shares - expected).max() < TOL


def test_many_evaluators_resample_directly() -> None:
    # seven evaluators (1,716 distinct resamples): k indices drawn per cell; the mean of the
    # resampled means is the mean of the scores, 3
    from crmselect.scoring.smaa import _bootstrap_means

    scores = np.array([[1.0, 2.0, 3.0, 3.0, 3.0, 4.0, 5.0]])
    means = _bootstrap_means(scores, N, np.random.default_rng(0))
    assert means.shape == (N, 1)
    assert abs(means.mean() - 3.0) < 0.03
    # variance of the resampled mean: population variance / k = (10/7) / 7
    assert abs(means.var() - (10 / 7) / 7) < 0.02
