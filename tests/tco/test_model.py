"""A whole five-year case, totals, NPV, per-seat price and the 5:3:2 check, by hand."""

from __future__ import annotations

import pytest

from crmselect.errors import NotComparedError, UsageError
from crmselect.tco import simulate_tco
from tests.tco.conftest import with_scenario

FX = 7.0


def growco_by_hand() -> list[float]:
    n = [50, 80, 120, 200, 300]
    k = [1.05**y for y in range(5)]
    price = [10, 10, 25, 25, 40]
    licence = [12 * n[y] * price[y] * FX * k[y] for y in range(5)]
    licence[0] *= 1 - 0.9
    addons = [(12 * n[y] * 2 * FX + 100 * FX) * k[y] for y in range(4)] + [0.0]
    support = [0.1 * (licence[y] + addons[y]) + 20 * 1400 for y in range(5)]
    implementation = [10 * 800 * FX, 0, 500 * FX, 0, 1000 * FX]
    one_time = (30000 + 10 * 3000) + 80000 + (10000 + 10000 * 0.2 * 5)
    trained = [50, 30 + 5, 40 + 8, 80 + 12, 100 + 20]
    training = [trained[y] * (10 * 100 + 0.1 * 2000) + (y > 0) * n[y] * 2 * 100 for y in range(5)]
    internal = 0.5 * 200000
    return [
        licence[y]
        + addons[y]
        + support[y]
        + implementation[y]
        + (one_time if y == 0 else 0)
        + training[y]
        + internal
        for y in range(5)
    ]


def test_whole_five_year_case(selection):
    growco = simulate_tco(selection, simulations=0).vendor("growco")
    yearly = growco_by_hand()
    assert growco.yearly == pytest.approx(yearly, rel=1e-12)
    assert growco.total == pytest.approx(sum(yearly), rel=1e-12)
    assert growco.npv == pytest.approx(sum(c / 1.1**y for y, c in enumerate(yearly)), rel=1e-12)
    assert growco.per_seat_month == pytest.approx(sum(yearly) / (12 * (50 + 80 + 120 + 200 + 300)))


def test_budget_check_with_a_budget(selection):
    growco = simulate_tco(selection, simulations=0).vendor("growco")
    software = sum(
        sum(growco.costs[line]) for line in ("licence", "addons", "support", "infrastructure")
    )
    services = growco.total - software
    b = growco.budget
    assert b.software == pytest.approx(software)
    assert b.services == pytest.approx(services)
    assert b.recommended == pytest.approx(max(software / 0.5, services / 0.3))
    assert b.contingency == pytest.approx(0.2 * 3_000_000)
    checks = {c.name: c for c in b.checks}
    assert set(checks) == {"software_share", "services_share", "total_share"}
    assert checks["software_share"].excess == pytest.approx(max(0, software - 1_500_000))
    assert checks["services_share"].excess == pytest.approx(max(0, services - 900_000))
    assert checks["total_share"].excess == pytest.approx(max(0, software + services - 2_400_000))
    assert checks["total_share"].ok is (software + services <= 2_400_000)


def test_budget_check_without_a_budget_and_with_a_simulation(selection):
    nobudget = with_scenario(selection, budget=None)
    result = simulate_tco(nobudget, simulations=200, seed=1)
    for v in result.vendors:
        b = v.budget
        assert b.contingency == pytest.approx(0.2 * b.recommended)
        (check,) = b.checks
        assert check.name == "p90_covered"
        assert check.excess == pytest.approx(max(0, v.simulation.p90 - (v.total + b.contingency)))


def test_years_override_and_seat_list_mismatch(selection):
    with pytest.raises(UsageError, match="lists seats for 5 years"):
        simulate_tco(selection, simulations=0, years=3)
    grown = with_scenario(selection, seats={"start": 50, "growth": 0.1})
    assert simulate_tco(grown, simulations=0, years=7).years == 7


def test_unknown_vendor_in_only(selection):
    with pytest.raises(
        NotComparedError, match="'growc' is not a compared vendor; did you mean 'growco'"
    ):
        simulate_tco(selection, simulations=0, vendors=["growc"])


def test_warnings_name_the_seed_figures(selection):
    bare = with_scenario(
        selection,
        migration={},
        training={},
        customization={},
        integrations=[],
        support_hours_per_year=0,
        internal={},
    )
    warnings = simulate_tco(bare, simulations=0).warnings
    text = "\n".join(warnings)
    assert "3,000 CNY per custom field" not in text  # R2/R3 custom costs keep customization > 0
    for phrase in ("migration is 0", "2,000 CNY per certified person", "$200 an hour", "internal is 0", "integration is 0"):  # fmt: skip
        assert phrase in text
    assert simulate_tco(selection, simulations=0).warnings == ()


def test_json_contract_keys(selection):
    data = simulate_tco(selection, simulations=100).to_json_dict()
    assert list(data) == ["currency", "years", "simulations", "seed", "vendors", "p_cheaper", "tornado", "warnings", "profiles"]  # fmt: skip
    item = data["vendors"][0]
    assert list(item) == ["id", "name", "plan_by_year", "seats_by_year", "forced_upgrades", "costs", "total", "npv", "per_seat_month", "budget", "simulation", "rfi_one_off"]  # fmt: skip
    assert list(item["costs"]) == ["licence", "addons", "support", "infrastructure", "implementation", "customization", "integration", "migration", "training", "internal"]  # fmt: skip
    assert item["forced_upgrades"][0] == {"year": 3, "from": "Starter", "to": "Business"}
    assert list(item["budget"]) == ["software", "services", "recommended", "contingency", "checks"]
    assert list(item["simulation"]) == ["mean", "p10", "p50", "p90", "npv_p50", "p_cheapest", "p_forced_upgrade"]  # fmt: skip
    assert simulate_tco(selection, simulations=0).to_json_dict()["vendors"][0]["simulation"] is None
