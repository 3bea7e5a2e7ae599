"""The decision's derived figures: recommendation, cost per fit point, Pareto set."""

from __future__ import annotations

import pytest

from crmselect.decision import only_vendors, pareto_set
from crmselect.errors import NotComparedError


def test_pareto_set_hand_computed():
    points = [
        ("a", 0.90, 300.0),  # best fit
        ("b", 0.70, 200.0),  # cheapest
        ("c", 0.60, 250.0),  # beaten by b on both
        ("d", 0.90, 310.0),  # beaten by a: same fit, dearer
        ("e", 0.80, 250.0),  # between a and b: on the frontier
    ]
    assert pareto_set(points) == {"a", "b", "e"}


def test_identical_vendors_are_both_on_the_frontier():
    assert pareto_set([("a", 0.5, 10.0), ("b", 0.5, 10.0)]) == {"a", "b"}


# The mini selection (tests/fixtures/mini), computed by the library. Weights 60/40; beta's
# functionality (5 + 3 + 0.75 * 2 + 5) / 15 and integration (4 + 0) / 5 give a fit of
# 0.6 * 14.5 / 15 + 0.4 * 0.8 = 0.90; alpha misses must-have R4 (custom: 0.5 < 0.75).
# Beta's 3-year total has no uncertain input: licence 50 * 12 * 100 * 0.5 (first-year
# discount) + 60 * 12 * 100 * 1.08 + 72 * 12 * 100 * 1.08^2 and 15 days at 3,000.
BETA_TOTAL = 30_000 + 77_760 + 100_776.96 + 45_000


def test_decision_figures(mini_decision):
    d = mini_decision
    assert d.recommended == "beta"
    assert d.recommended_plan == "Standard"
    assert d.cost_basis == "P50"
    assert d.figures["beta"].cost == pytest.approx(BETA_TOTAL)
    assert d.figures["beta"].cost_per_fit_point == pytest.approx(BETA_TOTAL / (100 * 0.90))
    alpha = d.tco_vendor("alpha")
    assert alpha is not None and alpha.simulation is not None
    assert d.figures["alpha"].cost == alpha.simulation.p50
    # beta fits better (0.90 against 0.82) and costs less: alpha is beaten on both
    assert alpha.simulation.p50 > BETA_TOTAL
    assert d.pareto == ("beta",)


def test_no_qualified_vendor_means_no_recommendation(monkeypatch):
    from tests.render.conftest import decision_for, with_threshold

    # a threshold of 95% fails beta's 90% too
    d = decision_for("mini", monkeypatch, edit=with_threshold(0.95))
    assert not any(v.qualified for v in d.score.vendors)
    assert d.recommended is None and d.recommended_plan is None


def test_without_simulation_the_deterministic_total_is_the_cost(monkeypatch):
    from tests.render.conftest import decision_for

    d = decision_for("mini", monkeypatch, simulations=0)
    assert d.cost_basis == "deterministic"
    assert d.figures["beta"].cost == pytest.approx(BETA_TOTAL)


def test_results_cannot_be_changed_through_the_decision(mini_decision):
    with pytest.raises(TypeError):
        mini_decision.figures["beta"] = mini_decision.figures["alpha"]  # type: ignore[index]


def test_only_vendors_keeps_scorecard_order_and_refuses_unknown(mini_decision):
    selection = only_vendors(mini_decision.selection, ["beta"])
    assert list(selection.vendors) == ["beta"]
    assert selection.scorecard.vendors == ["beta"]
    with pytest.raises(NotComparedError, match="gamma"):
        only_vendors(mini_decision.selection, ["gamma"])


def test_a_forced_upgrade_on_enough_simulated_paths_enters_the_risk_register(tmp_path):
    import shutil
    from pathlib import Path

    from crmselect.decision import decide
    from crmselect.io.loader import load_selection

    fixture = Path(__file__).resolve().parent / "fixtures" / "tco"
    shutil.copytree(fixture, tmp_path / "tco")
    card = tmp_path / "tco" / "scorecard.yaml"
    text = card.read_text(encoding="utf-8").replace(
        "  years: 5\n  seats: [50, 80, 120, 200, 300]\n",
        "  years: 4\n  seats: {start: 50, growth: {low: 0.0, mode: 0.2, high: 0.5}}\n",
    )
    card.write_text(text, encoding="utf-8")
    decision = decide(load_selection(card), seed=3, simulations=2000, draws=100)
    growco = next(v for v in decision.score.vendors if v.id == "growco")
    risks = [r for r in growco.risks if r.code == "forced-upgrade"]
    # No upgrade at the modal growth (87 users in year 4 < Starter's 100), so the risk comes
    # from the simulated paths alone.
    assert len(risks) == 1 and "of simulated paths" in risks[0].message
