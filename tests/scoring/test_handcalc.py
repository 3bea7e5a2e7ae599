"""The hand-computed selection in tests/fixtures/handcalc, every number worked out here."""

from fractions import Fraction
from pathlib import Path

import pytest

from crmselect.io.loader import load_selection
from crmselect.scoring import score

FIXTURE = Path(__file__).parents[1] / "fixtures" / "handcalc" / "scorecard.yaml"


@pytest.fixture(scope="module")
def result():
    return score(load_selection(FIXTURE), seed=42, draws=4000, as_of="2026-06")


def test_weights_drop_the_empty_category(result):
    # unused (10) holds no requirement: 50, 30, 20 over 100
    assert result.weights == pytest.approx(
        {"functionality": 0.5, "integration": 0.3, "service": 0.2}
    )
    assert any("unused" in w and "dropped" in w for w in result.warnings)
    assert result.consistency_ratio is None


def test_requirement_weights(result):
    # w_r = W_c * importance / sum of importance in the category
    expected = {
        "F1": 0.5 * 4 / 5,
        "F2": 0.5 * 1 / 5,
        "I1": 0.3 * 2 / 4,
        "I2": 0.3 * 2 / 4,
        "S1": 0.2 * 3 / 3,
    }
    got = {r.id: r.weight for r in result.requirements}
    assert got == pytest.approx(expected)
    assert sum(got.values()) == pytest.approx(1.0)


def test_fits_scores_and_ranks(result):
    # cat: Team admits 10 users, 20 start -> Business; fits 1, 1, 0.75 (partner), 1, 1
    cat = 0.4 * 1 + 0.1 * 1 + 0.15 * 0.75 + 0.15 * 1 + 0.2 * 1
    # bob: F2 demo (1 + 4) / 2 / 5 = 0.5; S1 add-on 1.0 claimed, demo 2 / 5 = 0.4
    bob = 0.4 * 1 + 0.1 * 0.5 + 0.15 * 1 + 0.15 * 1 + 0.2 * 0.4
    # ann: Basic has rest-api custom (0.5 < 0.75) -> Pro; webhooks partner, no premium support
    ann = 0.4 * 1 + 0.1 * 1 + 0.15 * 1 + 0.15 * 0.75 + 0.2 * 0
    assert [v.id for v in result.vendors] == ["cat", "bob", "ann"]
    assert [v.rank for v in result.vendors] == [1, 2, 3]
    got = {v.id: v for v in result.vendors}
    assert got["cat"].fit == pytest.approx(cat)
    assert got["bob"].fit == pytest.approx(bob)
    assert got["ann"].fit == pytest.approx(ann)
    assert got["cat"].category_scores == pytest.approx(
        {"functionality": 1.0, "integration": (2 * 0.75 + 2 * 1) / 4, "service": 1.0}
    )
    assert got["bob"].category_scores == pytest.approx(
        {"functionality": (4 * 1 + 1 * 0.5) / 5, "integration": 1.0, "service": 0.4}
    )
    assert got["ann"].category_scores == pytest.approx(
        {"functionality": 1.0, "integration": (2 * 1 + 2 * 0.75) / 4, "service": 0.0}
    )


def test_qualification_and_reasons(result):
    got = {v.id: v for v in result.vendors}
    assert got["cat"].qualified and got["bob"].qualified
    assert not got["ann"].qualified
    assert got["ann"].must_haves_met == got["ann"].must_haves_total == 2
    assert got["ann"].reasons == ("fit 76.2% below the threshold 80%",)
    assert got["ann"].p_first is None


def test_plans_addons_bloat(result):
    got = {v.id: v for v in result.vendors}
    assert (got["cat"].plan, got["cat"].addons) == ("Business", ())
    assert (got["bob"].plan, got["bob"].addons) == ("Standard", ("Gold support",))
    assert got["ann"].plan == "Pro"
    # Pro native: contacts, pipeline, rest-api, ticketing, marketing-automation; 2 of 5 unused
    assert got["ann"].bloat == pytest.approx(2 / 5)
    assert got["ann"].extra_days == 15 * 4  # 0.4 / 0.10 steps of 15 days
    assert got["cat"].bloat == 0 and got["cat"].extra_days == 0


def test_flags(result):
    bob = result.vendor("bob")
    assert bob.unverified_claims == ("S1",)  # 1.0 claimed - 0.4 demo >= 0.4
    assert bob.disagreements == ("F2",)  # two evaluators, 4 - 1 = 3
    assert result.vendor("cat").unverified_claims == ()


def test_robustness(result):
    got = {v.id: v for v in result.vendors}
    assert got["cat"].p_first + got["bob"].p_first == pytest.approx(1.0)
    assert got["cat"].p_first > 0.6
    assert result.close_call is False  # 0.9625 - 0.83 >= 0.02 and P(first) >= 0.6


def test_break_even_is_exact(result):
    # Only integration moves the winner. With t the integration weight and the others rescaled
    # by (1 - t) / 0.7: cat(t) = 0.875 t + (1 - t) * (0.5 * 1 + 0.2 * 1) / 0.7,
    # bob(t) = 1.0 t + (1 - t) * (0.5 * 0.9 + 0.2 * 0.4) / 0.7; they cross where equal.
    cat_b, bob_b = Fraction(7, 10) / Fraction(7, 10), Fraction(53, 100) / Fraction(7, 10)
    t = (cat_b - bob_b) / ((1 - bob_b) - (Fraction(875, 1000) - cat_b))
    be = result.break_even["integration"]
    assert be is not None and be.winner == "bob"
    assert be.weight == pytest.approx(float(t), abs=1e-12)
    assert be.change_pp == pytest.approx(float(t - Fraction(3, 10)) * 100, abs=1e-9)
    assert result.break_even["functionality"] is None
    assert result.break_even["service"] is None


def test_risks_name_their_rule(result):
    codes = {r.code for r in result.vendor("cat").risks}
    assert codes == {
        "sla-availability",
        "lock-in",
        "discount-trap",
        "uncapped-uplift",
        "no-iso27001",
        "stale-prices",
        # market DE: the GDPR checks apply (the fixture's profiles say nothing about them)
        "gdpr-processor-terms",
        "eu-data-residency",
        "gdpr-tooling",
    }
    sla = next(r for r in result.vendor("cat").risks if r.code == "sla-availability")
    assert "99.9%" in sla.rule and "[E]" in sla.rule
    # market DE: no MLPS or WeCom checks, only the GDPR ones
    assert {r.code for r in result.vendor("ann").risks} == {
        "gdpr-processor-terms",
        "eu-data-residency",
        "gdpr-tooling",
    }


def test_matrix_cells(result):
    m = result.matrix
    bob = [v.id for v in result.vendors].index("bob")
    s1 = [r.id for r in result.requirements].index("S1")
    assert m.level(s1, bob) == "addon"
    assert m.claimed[s1, bob] == 1.0 and m.demo[s1, bob] == pytest.approx(0.4)
    assert m.unverified[s1, bob]
