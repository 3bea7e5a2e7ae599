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


def test_decision_figures(mini_decision):
    d = mini_decision
    assert d.recommended == "alpha"
    assert d.recommended_plan == "Basic"
    assert d.cost_basis == "P50"
    assert d.figures["alpha"].cost == 315000.0
    assert d.figures["alpha"].cost_per_fit_point == pytest.approx(315000.0 / (100 * 0.8625))
    assert d.figures["beta"].cost_per_fit_point == pytest.approx(228000.0 / (100 * 0.7125))
    # alpha fits better, beta is cheaper: neither beats the other on both
    assert d.pareto == ("alpha", "beta")


def test_no_qualified_vendor_means_no_recommendation(mini_decision):
    from crmselect.decision import build_decision
    from tests.report.fakes import FakeResult, score_data, tco_data

    data = score_data()
    for vendor in data["vendors"]:
        vendor["qualified"] = False
    d = build_decision(
        mini_decision.selection, FakeResult(data), FakeResult(tco_data()), mini_decision.provenance
    )
    assert d.recommended is None and d.recommended_plan is None


def test_without_simulation_the_deterministic_total_is_the_cost(mini_decision):
    from crmselect.decision import build_decision
    from tests.report.fakes import FakeResult, score_data, tco_data

    data = tco_data()
    for vendor in data["vendors"]:
        vendor["simulation"] = None
    d = build_decision(
        mini_decision.selection,
        FakeResult(score_data()),
        FakeResult(data),
        mini_decision.provenance,
    )
    assert d.cost_basis == "deterministic"
    assert d.figures["alpha"].cost == data["vendors"][0]["total"]


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

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "tco"
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
