"""The award rule (decision.md §1), computed by hand for three qualified vendors.

    vendor  fit   5-year total
    a       0.90  1,000,000
    b       0.85    700,000
    c       0.80    500,000

price_quality, 30% price, `lowest`:
    q = fit / 0.90           a 1          b 0.944444   c 0.888889
    p = 500,000 / P          a 0.5        b 0.714286   c 1
    s = 0.7 q + 0.3 p        a 0.85       b 0.875397   c 0.922222   -> c recommended, a best fit

Price to win (c stays the lowest price, so P_min = 500,000 and s_c = 0.922222 throughout):
    a: 0.7 + 0.3 * 500,000 / P > 0.922222  <=>  P < 150,000 / 0.222222 = 675,000; at exactly
       675,000 the scores tie and the tie goes to the higher fit, a: P* = 675,000,
       discount 1 - 675,000 / 1,000,000 = 32.5%.
    b: 0.7 * 0.944444 + 150,000 / P > 0.922222  <=>  P < 150,000 / 0.261111 = 574,468.09:
       P* = 574,468, discount 1 - 574,468 / 700,000.
"""

from __future__ import annotations

import numpy as np
import pytest

from crmselect.award import (
    Rule,
    award_scores,
    closest_to_qualifying,
    compute_award,
    p_award_first,
    price_to_win,
    winners,
)

IDS = ["a", "b", "c"]
FIT = np.array([0.90, 0.85, 0.80])
PRICE = np.array([1_000_000.0, 700_000.0, 500_000.0])
PQ = Rule("price_quality", 0.3, "lowest")


def test_award_scores_by_hand() -> None:
    s = award_scores(FIT, PRICE, 0.3, "lowest")
    assert s[0] == pytest.approx(0.7 * 1 + 0.3 * 0.5)
    assert s[1] == pytest.approx(0.7 * 0.85 / 0.90 + 0.3 * 500 / 700)
    assert s[2] == pytest.approx(0.7 * 0.80 / 0.90 + 0.3 * 1)
    assert s == pytest.approx([0.85, 0.875397, 0.922222], abs=1e-6)


def test_linear_price_scores_by_hand() -> None:
    # p = max(0, 2 - P / 500,000): a 0 (twice the lowest), b 0.6, c 1.
    s = award_scores(FIT, PRICE, 0.3, "linear")
    assert s == pytest.approx([0.7 * 1, 0.7 * 0.85 / 0.9 + 0.3 * 0.6, 0.7 * 0.8 / 0.9 + 0.3])


def test_best_fit_and_recommendation_differ() -> None:
    award = compute_award(IDS, FIT, PRICE, PQ, best_fit="a")
    assert award.recommended == "c"
    assert award.best_fit == "a"
    assert [v.id for v in award.vendors] == ["c", "b", "a"]  # award order
    c = award.vendor("c")
    assert c is not None and c.price_to_win is None and c.discount_needed is None
    assert award.margin == pytest.approx(0.922222 - 0.875397, abs=1e-6)


def test_price_to_win_by_hand_and_verified_one_unit_either_side() -> None:
    award = compute_award(IDS, FIT, PRICE, PQ, best_fit="a")
    a, b = award.vendor("a"), award.vendor("b")
    assert a is not None and b is not None
    assert a.price_to_win == 675_000
    assert a.discount_needed == pytest.approx(0.325)
    assert b.price_to_win == 574_468
    assert b.discount_needed == pytest.approx(1 - 574_468 / 700_000)
    for i, target in ((0, a.price_to_win), (1, b.price_to_win)):
        at, above = PRICE.copy(), PRICE.copy()
        at[i], above[i] = target, target + 1
        assert winners(FIT, at, PQ) == i  # recommended at P*
        assert winners(FIT, above, PQ) != i  # not one unit above


def test_price_to_win_recomputes_the_lowest_price() -> None:
    # Under `linear`, a scores 0 on price until it is cheaper than twice the lowest; a must
    # undercut c for P_min to move: s_a = 0.7 + 0.3 * max(0, 2 - P / 500,000) against
    # s_c = 0.622222 + 0.3 = 0.922222 while c is the lowest: 0.3 (2 - P / 500,000) >= 0.222222
    # <=> P <= 500,000 * (2 - 0.740741) = 629,629.6, so P* = 629,629.
    linear = Rule("price_quality", 0.3, "linear")
    assert price_to_win(FIT, PRICE, 0, linear) == 629_629
    # A vendor that cannot win at any positive price: fit 0.5 against 0.9 with 10% on price.
    fits = np.array([0.9, 0.5])
    prices = np.array([100.0, 1000.0])
    assert price_to_win(fits, prices, 1, Rule("price_quality", 0.1, "lowest")) is None


def test_cost_per_fit_rule_by_hand() -> None:
    # P / fit: a 1,111,111, b 823,529, c 625,000 -> c; a wins at P / 0.9 <= 625,000, that is
    # P <= 562,500 (a tie at exactly 562,500 goes to the higher fit).
    award = compute_award(IDS, FIT, PRICE, Rule("cost_per_fit"))
    assert award.recommended == "c"
    a = award.vendor("a")
    assert a is not None and a.award_score is None
    assert a.cost_per_fit == pytest.approx(1_000_000 / 0.9)
    assert a.price_to_win == 562_500
    # Close-call margin: the runner-up's cost per fit over the leader's, minus 1.
    assert award.margin == pytest.approx((700_000 / 0.85) / (500_000 / 0.8) - 1)


def test_fit_rule_has_no_price_to_win() -> None:
    award = compute_award(IDS, FIT, PRICE, Rule("fit"))
    assert award.recommended == "a"
    assert all(v.price_to_win is None for v in award.vendors)
    assert award.margin == pytest.approx(0.05)


def test_sensitivity_table_by_hand() -> None:
    # fit -> a; cost per fit -> c; price_quality lowest at 0.2 (a 0.9, b 0.898413, c 0.911111),
    # 0.3, 0.4 (a 0.8, c 0.933333), 0.5 -> c; linear at 0.3 (a 0.7, b 0.841111, c 0.922222) -> c.
    award = compute_award(IDS, FIT, PRICE, PQ)
    rows = [(r.rule.rule, r.rule.price_weight, r.rule.price_formula, r.recommended)
            for r in award.sensitivity]  # fmt: skip
    assert rows == [
        ("fit", None, None, "a"),
        ("cost_per_fit", None, None, "c"),
        ("price_quality", 0.2, "lowest", "c"),
        ("price_quality", 0.3, "lowest", "c"),
        ("price_quality", 0.4, "lowest", "c"),
        ("price_quality", 0.5, "lowest", "c"),
        ("price_quality", 0.3, "linear", "c"),
    ]


def test_ties_go_to_higher_fit_then_lower_price_then_id() -> None:
    fits = np.array([0.8, 0.8])
    prices = np.array([1000.0, 1000.0])
    assert winners(fits, prices, PQ) == 0  # identical: the earlier id
    # Same cost per fit, different fit: 900 / 0.9 = 800 / 0.8 = 1000 -> the higher fit.
    assert winners(np.array([0.8, 0.9]), np.array([800.0, 900.0]), Rule("cost_per_fit")) == 1
    # Same fit under the fit rule: the lower price.
    assert winners(np.array([0.8, 0.8]), np.array([900.0, 800.0]), Rule("fit")) == 1
    award = compute_award(["zeta", "alpha"], fits, prices, PQ)
    assert award.recommended == "alpha"


def test_one_qualified_vendor() -> None:
    award = compute_award(["solo"], np.array([0.85]), np.array([5000.0]), PQ, best_fit="solo")
    assert award.recommended == award.best_fit == "solo"
    assert not award.close_call
    assert award.vendors[0].p_award_first == 1.0
    assert award.vendors[0].quality_score == award.vendors[0].price_score == 1.0
    assert {row.recommended for row in award.sensitivity} == {"solo"}


class _V:
    def __init__(self, id: str, fit: float, missing: tuple[str, ...]):
        self.id, self.fit, self.missing_must_haves = id, fit, missing


def test_no_vendor_qualified_names_the_closest() -> None:
    vendors = [_V("high-fit", 0.95, ("R1",)), _V("all-musts", 0.70, ()), _V("low", 0.2, ("R1",))]
    # Meeting every must-have and missing only the threshold is closer than a higher fit that
    # misses a must-have.
    assert closest_to_qualifying(vendors) == "all-musts"
    award = compute_award([], np.zeros(0), np.zeros(0), PQ, closest="all-musts")
    assert award.recommended is None and award.best_fit is None
    assert award.closest_to_qualifying == "all-musts"
    assert award.vendors == ()
    assert not award.close_call
    data = award.to_json_dict()
    assert data["recommended"] is None and data["closest_to_qualifying"] == "all-musts"


def test_p_award_first_pairs_weight_draws_with_cost_paths() -> None:
    # One category, so every weight draw gives the same fits (0.9, 0.8). Under 30% price,
    # x (fit 0.9) wins exactly when 0.7 + 0.3 * P_min / P_x > 0.7 * 0.8 / 0.9 + 0.3 * P_min / P_y.
    # Path 1: x 1000, y 1000 -> x wins on quality. Path 2: x 2000, y 1000 -> s_x = 0.85,
    # s_y = 0.922 -> y. Paths 3 and 4 repeat 1 and 2: x recommended on half the joint draws.
    matrix = np.array([[0.9, 0.8]])
    draws = np.ones((4, 1))
    paths = np.array([[1000.0, 1000.0], [2000.0, 1000.0], [1000.0, 1000.0], [2000.0, 1000.0]])
    assert p_award_first(matrix, draws, paths, PQ) == pytest.approx([0.5, 0.5])
    # Deterministic prices with every draw (--simulations 0).
    assert p_award_first(matrix, draws, np.array([1000.0, 1000.0]), PQ) == pytest.approx([1, 0])
    award = compute_award(
        ["x", "y"],
        np.array([0.9, 0.8]),
        np.array([1000.0, 1000.0]),
        PQ,
        category_matrix=matrix,
        weight_draws=np.ones((3, 1)),
        path_prices=paths,
    )
    # N = min(3 weight draws, 4 paths) = 3: x wins paths 1 and 3.
    assert award.pairs == 3
    assert award.vendor("x").p_award_first == pytest.approx(2 / 3)  # type: ignore[union-attr]
    # s_x - s_y = 1 - 0.922222 >= 0.02 and p_award_first 0.67 >= 0.6: not a close call.
    assert not award.close_call
    award = compute_award(
        ["x", "y"],
        np.array([0.9, 0.8]),
        np.array([1000.0, 1000.0]),
        PQ,
        category_matrix=matrix,
        weight_draws=np.ones((4, 1)),
        path_prices=paths,
    )
    # Four pairs: x recommended on 2 of 4 (0.5 < 0.6): a close call although x leads by 0.078.
    assert award.close_call


def test_close_call_on_the_award_margin() -> None:
    # s_c - s_b = 0.046825 >= 0.02 and p_award_first 1 (no draws): not close.
    assert not compute_award(IDS, FIT, PRICE, PQ).close_call
    # b at 520,000: s_b = 0.661111 + 0.3 * 500 / 520 = 0.949573 > s_c -> b leads c by
    # 0.949573 - 0.922222 = 0.027351: not close; at 530,000: s_b = 0.944130, lead 0.021908;
    # at 540,000: s_b = 0.938889, lead 0.016667 < 0.02 -> close.
    prices = PRICE.copy()
    prices[1] = 540_000
    award = compute_award(IDS, FIT, prices, PQ)
    assert award.recommended == "b"
    assert award.margin == pytest.approx(0.7 * 0.85 / 0.9 + 0.3 * 500 / 540 - 0.922222, abs=1e-6)
    assert award.close_call


def test_p_award_first_uses_the_fit_draws_of_the_ranking() -> None:
    """With `fits: evaluators`, joint draw i pairs weight draw i with the ranking's fit draw i
    (analysis.md §3): under the `fit` rule p_award_first is then exactly the SMAA p_first,
    and not what the scorecard's fixed fits give."""
    import msgspec

    from crmselect._resources import example_scorecard
    from crmselect.decision import score_and_cost
    from crmselect.io.loader import load_selection
    from crmselect.models.scorecard import Award as AwardConfig

    selection = load_selection(example_scorecard())
    card = selection.scorecard.model_copy(
        update={"award": AwardConfig.model_validate({"rule": "fit"})}
    )
    selection = msgspec.structs.replace(selection, scorecard=card)
    runs = {"seed": 42, "simulations": 0, "draws": 3000}
    drawn, _ = score_and_cost(selection, **runs, fits="evaluators")
    assert drawn.robustness.fit_cells > 0 and len(drawn.award.vendors) == 2
    award = {v.id: v.p_award_first for v in drawn.award.vendors}
    assert award == drawn.robustness.p_first
    assert drawn.award.paired_fits
    fixed, _ = score_and_cost(selection, **runs)
    assert {v.id: v.p_award_first for v in fixed.award.vendors} == fixed.robustness.p_first
    assert fixed.robustness.p_first != drawn.robustness.p_first
    # Fewer cost paths than weight draws: the first N draws are the ranking's first N, whatever
    # the chunks SMAA drew in.
    draws = drawn.robustness.fit_draws
    assert draws is not None
    many = msgspec.structs.replace(draws, chunks=((0, 1000), (1000, 1000), (2000, 1000)))
    base = np.zeros((len(drawn.weights), 2))
    whole = np.concatenate([s for _, s in many.category_scores(base, 3000)])
    part = list(many.category_scores(base, 1500))
    assert [start for start, _ in part] == [0, 1000]
    assert np.array_equal(np.concatenate([s for _, s in part]), whole[:1500])
