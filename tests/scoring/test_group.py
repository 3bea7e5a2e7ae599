"""Group AHP: aggregation of judgments (aij), of priorities (aip) and AHP-OS's consensus S*."""

from __future__ import annotations

import math

import numpy as np
import pytest

from crmselect.scoring.group import aggregate_judgments, band, consensus, entropy, group_weights
from crmselect.scoring.weights import matrix_ahp

NAMES = ["a", "b", "c"]


def one_dominant(n: int, k: int, x: float) -> list[tuple[str, str, float]]:
    """Criterion k is x times as important as every other; the others are equal."""
    names = [f"c{i}" for i in range(n)]
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            value = x if i == k else (1 / x if j == k else 1.0)
            pairs.append((names[i], names[j], value))
    return pairs


@pytest.mark.parametrize(("n", "x"), [(3, 9.0), (4, 5.0), (7, 3.0)])
def test_one_criterion_x_times_all_others_weighs_x_over_x_plus_n_minus_1(n, x) -> None:
    # AHP-OS validation case: w = x / (x + n - 1), the others 1 / (x + n - 1)
    names = [f"c{i}" for i in range(n)]
    group = group_weights(names, [("solo", 1.0, one_dominant(n, 0, x))])
    assert group.weights["c0"] == pytest.approx(x / (x + n - 1), abs=1e-12)
    assert group.weights["c1"] == pytest.approx(1 / (x + n - 1), abs=1e-12)
    assert group.consistency_ratio == pytest.approx(0.0, abs=1e-12)


def test_identical_judges_have_full_consensus() -> None:
    pairs = [("a", "b", 3.0), ("a", "c", 5.0), ("b", "c", 2.0)]
    group = group_weights(NAMES, [("ann", 1.0, pairs), ("bob", 1.0, pairs), ("cy", 2.0, pairs)])
    assert group.consensus == pytest.approx(1.0, abs=1e-12)
    assert group.band == "very high"
    single = matrix_ahp(NAMES, group_weights(NAMES, [("ann", 1, pairs)]).matrix)
    assert group.weights == pytest.approx(single.weights)


@pytest.mark.parametrize("n", [3, 4, 6])
def test_n_judges_each_favouring_a_different_criterion_9_to_1_have_no_consensus(n) -> None:
    # each p_k has entropy H_alpha_min and their mean is uniform (H_gamma = ln n), so
    # exp(-H_beta) = exp(H_alpha_min) / n = 1 / cor and S* = 0
    names = [f"c{i}" for i in range(n)]
    members = [(f"j{k}", 1.0, one_dominant(n, k, 9.0)) for k in range(n)]
    group = group_weights(names, members)
    assert group.consensus == pytest.approx(0.0, abs=1e-12)
    assert group.band == "very low"
    # the group matrix is symmetric between criteria: equal weights
    assert list(group.weights.values()) == pytest.approx([1 / n] * n)


def test_consensus_formula_written_out_for_two_members() -> None:
    # p1 = (1/2, 1/4, 1/4), p2 = (1/4, 1/2, 1/4); n = 3, M = 9
    p = np.array([[0.5, 0.25, 0.25], [0.25, 0.5, 0.25]])
    h1 = -(0.5 * math.log(0.5) + 2 * 0.25 * math.log(0.25))  # 1.0397208
    h_alpha = h1
    mean = [0.375, 0.375, 0.25]
    h_gamma = -sum(x * math.log(x) for x in mean)  # 1.0821955
    h_beta = h_gamma - h_alpha
    h_min = -(9 / 11) * math.log(9 / 11) - (2 / 11) * math.log(1 / 11)
    cor = 3 / math.exp(h_min)
    expected = (math.exp(-h_beta) - 1 / cor) / (1 - 1 / cor)
    assert entropy(p[0]) == pytest.approx(h1)
    assert consensus(p) == pytest.approx(expected, abs=1e-12)
    assert round(expected, 4) == 0.8941
    assert band(expected) == "very high"


@pytest.mark.parametrize(
    ("value", "name"),
    [(0.49, "very low"), (0.5, "low"), (0.64, "low"), (0.65, "moderate"), (0.75, "high"),
     (0.849, "high"), (0.85, "very high")],
)  # fmt: skip
def test_bands(value, name) -> None:
    assert band(value) == name


def test_geometric_mean_of_judgments_published_example() -> None:
    # Saaty and Aczél's example (T. Saaty, "Decision Making for Leaders"): three people judge
    # how many times an apple is larger than an orange: 2, 3 and 4. The group judgment is the
    # geometric mean 24^(1/3) = 2.8845, and its reciprocal is the geometric mean of the
    # reciprocals (the arithmetic mean 3 fails: (1/2 + 1/3 + 1/4)/3 = 13/36, not 1/3).
    members = [(f"p{x}", 1.0, [("apple", "orange", float(x))]) for x in (2, 3, 4)]
    group = group_weights(["apple", "orange"], members)
    assert group.matrix[0][1] == pytest.approx(24 ** (1 / 3))
    assert round(group.matrix[0][1], 4) == 2.8845
    assert group.matrix[1][0] == pytest.approx(1 / 24 ** (1 / 3))
    # two criteria: w = (g, 1) / (g + 1)
    g = 24 ** (1 / 3)
    assert group.weights["apple"] == pytest.approx(g / (g + 1))
    assert round(group.weights["apple"], 4) == 0.7426


def test_weighted_aij_three_members_hand_computed() -> None:
    # members' matrices are consistent, so the weighted geometric mean is consistent too and
    # its priorities are the normalised weighted geometric means of the members' priorities.
    # A: w = (4, 2, 1)/7 ([a,b,2], [a,c,4], [b,c,2]); B: (1, 1, 1)/3; C: (1, 2, 4)/7
    # member weights 2 : 1 : 1 -> shares 1/2, 1/4, 1/4
    # a_ab = 2^(1/2) · 1^(1/4) · (1/2)^(1/4) = 2^(1/4); a_ac = 4^(1/2) · (1/4)^(1/4) = 2^(1/2);
    # a_bc = 2^(1/2) · (1/2)^(1/4) = 2^(1/4). Priorities ∝ (2^(1/2), 2^(1/4), 1).
    members = [
        ("A", 2.0, [("a", "b", 2.0), ("a", "c", 4.0), ("b", "c", 2.0)]),
        ("B", 1.0, [("a", "b", 1.0), ("a", "c", 1.0), ("b", "c", 1.0)]),
        ("C", 1.0, [("a", "b", 0.5), ("a", "c", 0.25), ("b", "c", 0.5)]),
    ]
    group = group_weights(NAMES, members)
    r = 2**0.25
    assert np.allclose(
        group.matrix, [[1, r, r * r], [1 / r, 1, r], [1 / (r * r), 1 / r, 1]], atol=1e-12
    )
    total = r * r + r + 1
    assert [group.weights[c] for c in NAMES] == pytest.approx([r * r / total, r / total, 1 / total])
    assert round(group.weights["a"], 4) == 0.3925
    assert group.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert [j.weight for j in group.judges] == [0.5, 0.25, 0.25]
    assert group.judges[0].weights["a"] == pytest.approx(4 / 7)


def test_aip_averages_the_members_priorities() -> None:
    # same members: 1/2 (4,2,1)/7 + 1/4 (1,1,1)/3 + 1/4 (1,2,4)/7
    members = [
        ("A", 2.0, [("a", "b", 2.0), ("a", "c", 4.0), ("b", "c", 2.0)]),
        ("B", 1.0, [("a", "b", 1.0), ("a", "c", 1.0), ("b", "c", 1.0)]),
        ("C", 1.0, [("a", "b", 0.5), ("a", "c", 0.25), ("b", "c", 0.5)]),
    ]
    group = group_weights(NAMES, members, "aip")
    expected = [
        4 / 14 + 1 / 12 + 1 / 28,
        2 / 14 + 1 / 12 + 2 / 28,
        1 / 14 + 1 / 12 + 4 / 28,
    ]
    assert [group.weights[c] for c in NAMES] == pytest.approx(expected)
    assert group.consistency_ratio is None and group.matrix is None


def test_aggregate_is_reciprocal() -> None:
    rng = np.random.default_rng(0)
    mats = []
    for _ in range(4):
        m = np.ones((4, 4))
        for i in range(4):
            for j in range(i + 1, 4):
                m[i, j] = float(rng.choice([1 / 9, 1 / 3, 1, 3, 7]))
                m[j, i] = 1 / m[i, j]
        mats.append(m)
    agg = aggregate_judgments(np.stack(mats), np.array([1.0, 2.0, 3.0, 4.0]))
    assert np.allclose(agg * agg.T, 1.0)
