"""Each cost line of tco.md, by hand, on the fixture (seats 50, 80, 120, 200, 300; USD at 7)."""

from __future__ import annotations

import pytest

from crmselect.tco import simulate_tco
from tests.tco.conftest import with_scenario, with_vendor

FX = 7.0
N = [50, 80, 120, 200, 300]
K = [1.05**y for y in range(5)]  # annual_uplift 0.20 capped at 0.05


@pytest.fixture(scope="module")
def result(selection):
    return simulate_tco(selection, simulations=0)


def approx(values):
    return pytest.approx(values, rel=1e-12, abs=1e-9)


def test_plans_and_forced_upgrades_as_users_cross_max_seats(result):
    growco = result.vendor("growco")
    # Starter admits 100, Business 250: 120 users force Business in year 3, 300 Enterprise in 5
    assert growco.plan_by_year == ("Starter", "Starter", "Business", "Business", "Enterprise")
    assert [(u.year, u.from_plan, u.to_plan) for u in growco.forced_upgrades] == [
        (3, "Starter", "Business"),
        (5, "Business", "Enterprise"),
    ]
    assert growco.seats_by_year == tuple(N)
    assert growco.billed_by_year == tuple(N)  # Enterprise's min_seats 100 < 300


def test_licence_90_percent_first_year_discount_then_capped_uplift(result):
    expected = [
        12 * 50 * 10 * FX * (1 - 0.9),
        12 * 80 * 10 * FX * 1.05,
        12 * 120 * 25 * FX * 1.05**2,
        12 * 200 * 25 * FX * 1.05**3,
        12 * 300 * 40 * FX * 1.05**4,
    ]
    assert result.vendor("growco").costs["licence"] == approx(expected)


def test_addon_charged_only_while_the_plan_lacks_the_feature(result):
    expected = [(12 * n * 2 * FX + 100 * FX) * k for n, k in zip(N[:4], K[:4], strict=True)]
    assert result.vendor("growco").costs["addons"] == approx([*expected, 0.0])


def test_support_share_of_licence_and_addons_plus_outside_hours(result):
    growco = result.vendor("growco")
    lic, add = growco.costs["licence"], growco.costs["addons"]
    expected = [0.1 * (lic[y] + add[y]) + 20 * 1400 for y in range(5)]
    assert growco.costs["support"] == approx(expected)


def test_implementation_days_and_onboarding_fee_in_the_year_a_plan_is_first_used(result):
    expected = [10 * 800 * FX, 0, 500 * FX, 0, 1000 * FX]
    assert result.vendor("growco").costs["implementation"] == approx(expected)


def test_customization_requirement_custom_on_year1_plan_plus_fields(result):
    # growco: forecasting is `custom` on Starter, no custom_cost -> per_requirement 30,000
    assert result.vendor("growco").costs["customization"] == approx([30000 + 10 * 3000, 0, 0, 0, 0])
    # onprem: certificate reminders are `custom`, the requirement's own custom_cost 20,000
    assert result.vendor("onprem").costs["customization"] == approx([20000 + 10 * 3000, 0, 0, 0, 0])


def test_one_time_lines_in_year_one(result):
    for vendor in result.vendors:
        assert vendor.costs["integration"] == approx([80000, 0, 0, 0, 0])
        assert vendor.costs["migration"] == approx([10000 + 10000 * 0.2 * 5, 0, 0, 0, 0])
        assert vendor.costs["internal"] == approx([0.5 * 200000] * 5)


def test_training_new_users_turnover_and_refresher(result):
    per_person = 10 * 100 + 0.1 * 2000
    trained = [50, 30 + 0.1 * 50, 40 + 0.1 * 80, 80 + 0.1 * 120, 100 + 0.1 * 200]
    expected = [trained[0] * per_person] + [
        trained[y] * per_person + N[y] * 2 * 100 for y in range(1, 5)
    ]
    assert result.vendor("growco").costs["training"] == approx(expected)


def test_perpetual_on_prem_licence_maintenance_and_infrastructure(result):
    onprem = result.vendor("onprem")
    bought = [3000 * 50, 3000 * 30, 3000 * 40, 3000 * 80, 3000 * 100]
    assert onprem.costs["licence"] == approx(bought)
    cumulative = [sum(bought[: y + 1]) for y in range(5)]
    assert onprem.costs["support"] == approx([0.2 * c + 20 * 1400 for c in cumulative])
    assert onprem.costs["infrastructure"] == approx([50000] * 5)
    assert onprem.costs["implementation"] == approx([30 * 2000, 0, 0, 0, 0])


def test_perpetual_licence_not_bought_again_when_users_fall(selection):
    fewer = with_scenario(selection, seats=[50, 40, 60, 60, 55])
    onprem = simulate_tco(fewer, simulations=0, vendors=["onprem"]).vendor("onprem")
    assert onprem.costs["licence"] == approx([3000 * 50, 0, 3000 * 10, 0, 0])


def test_min_seats_billed(selection):
    small = with_scenario(selection, seats=[50, 80, 120, 200, 300])
    small = with_vendor(
        small,
        "growco",
        plans=[
            {"name": "Only", "per_seat_month": 10, "min_seats": 100, "features": {}},
        ],
        addons=[],
    )
    growco = simulate_tco(small, simulations=0, vendors=["growco"]).vendor("growco")
    assert growco.billed_by_year == (100, 100, 120, 200, 300)
    assert growco.costs["licence"][0] == pytest.approx(12 * 100 * 10 * FX * (1 - 0.9))


def test_uncapped_uplift(selection):
    uncapped = with_vendor(
        selection,
        "growco",
        contract={"annual_uplift": 0.2, "uplift_cap": None, "first_year_discount": 0.0},
    )
    growco = simulate_tco(uncapped, simulations=0, vendors=["growco"]).vendor("growco")
    assert growco.costs["licence"][1] == pytest.approx(12 * 80 * 10 * FX * 1.2)


def test_seat_growth_ceil_without_float_noise(selection):
    grown = with_scenario(selection, years=3, seats={"start": 50, "growth": 0.2})
    growco = simulate_tco(grown, simulations=0).vendor("growco")
    # 50 * 1.2 = 60.000000000000007 in floats; still 60 users, then ceil(72.0) = 72
    assert growco.seats_by_year == (50, 60, 72)


def test_no_plan_admits_the_users_is_a_risk(selection):
    big = with_scenario(selection, seats=[50, 80, 120, 200, 300])
    big = with_vendor(
        big,
        "growco",
        plans=[{"name": "Small", "per_seat_month": 10, "max_seats": 100, "features": {}}],
        addons=[],
    )
    result = simulate_tco(big, simulations=0, vendors=["growco"])
    growco = result.vendor("growco")
    assert growco.no_plan_years == (3, 4, 5)
    assert growco.costs["licence"][4] == pytest.approx(12 * 300 * 10 * FX * 1.05**4)
    assert any("no plan admits 120 users (year 3)" in w for w in result.warnings)


def test_a_plan_that_includes_premium_support_overrides_the_services_share(selection):
    # growco runs Starter (years 1-2), Business (3-4) and Enterprise (5); say Enterprise
    # includes premium support: year 5 pays no support share, years 1-4 keep the 10%.
    plans = [p.model_dump() for p in selection.vendors["growco"].plans]
    plans[2]["support_pct_of_licence"] = 0.0
    changed = with_vendor(selection, "growco", plans=plans)
    growco = simulate_tco(changed, simulations=0).vendor("growco")
    lic, add = growco.costs["licence"], growco.costs["addons"]
    expected = [0.1 * (lic[y] + add[y]) + 20 * 1400 for y in range(4)] + [20 * 1400]
    assert list(growco.plan_by_year)[4] == "Enterprise"
    assert growco.costs["support"] == approx(expected)
