"""Monte Carlo: seeds, collapse to the deterministic model, common random numbers, tornado."""

from __future__ import annotations

from pathlib import Path

import msgspec
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmselect.models.common import Normal, Pert, Triangular, Uniform
from crmselect.tco import simulate_tco
from crmselect.tco.distributions import ends, point, sample
from tests.tco.conftest import with_scenario, with_vendor

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "tco"

UNCERTAIN = {
    "seats": {"start": 50, "growth": {"low": 0.0, "mode": 0.3, "high": 0.6}},
    "migration": {
        "records": 10000,
        "dirty_share": {"low": 0.1, "mode": 0.2, "high": 0.4},
        "cost_per_dirty_record": 5,
        "fixed": 10000,
    },  # fmt: skip
    "support_hours_per_year": {"dist": "normal", "mean": 20, "sd": 10},
}


@pytest.fixture(scope="module")
def uncertain(selection):
    varied = with_scenario(selection, **UNCERTAIN)
    return with_vendor(
        varied,
        "onprem",
        services={
            "implementation_days": {"dist": "pert", "low": 20, "mode": 30, "high": 60},
            "day_rate": 2000,
        },  # fmt: skip
    )


def test_same_seed_same_numbers_other_seed_other_numbers(uncertain):
    a = simulate_tco(uncertain, simulations=3000, seed=7)
    b = simulate_tco(uncertain, simulations=3000, seed=7)
    c = simulate_tco(uncertain, simulations=3000, seed=8)
    assert a == b
    assert a.vendors[0].simulation != c.vendors[0].simulation


def test_percentiles_ordered(uncertain):
    for v in simulate_tco(uncertain, simulations=2000).vendors:
        s = v.simulation
        assert s.p10 <= s.p50 <= s.p90
        assert s.npv_p10 <= s.npv_p50 <= s.npv_p90
    assert sum(v.simulation.p_cheapest for v in simulate_tco(uncertain, simulations=500).vendors) == pytest.approx(1)  # fmt: skip


def test_fixed_inputs_collapse_to_the_deterministic_total(selection):
    result = simulate_tco(selection, simulations=1000)
    for v in result.vendors:
        assert v.simulation.p10 == pytest.approx(v.total, rel=1e-12)
        assert v.simulation.p90 == pytest.approx(v.total, rel=1e-12)
        assert v.simulation.mean == pytest.approx(v.total, rel=1e-12)
        assert v.tornado == ()


def test_chunks_do_not_change_the_deterministic_part(uncertain):
    from crmselect.tco import montecarlo

    one = simulate_tco(uncertain, simulations=0)
    many = simulate_tco(uncertain, simulations=120_000)  # three chunks
    assert [v.total for v in one.vendors] == [v.total for v in many.vendors]
    assert many.simulations == 120_000 > montecarlo.CHUNK


def test_common_random_numbers_make_a_cheaper_twin_always_cheaper(uncertain):
    twin = msgspec.structs.replace(
        uncertain,
        vendors={
            "growco": uncertain.vendors["growco"],
            "twin": uncertain.vendors["growco"].model_copy(update={"id": "twin", "name": "Twin"}),
        },
        scenarios={"growco": uncertain.scenarios["growco"], "twin": uncertain.scenarios["growco"]},
    )
    cheaper = [
        p.model_copy(update={"per_seat_month": p.per_seat_month * 0.9})
        for p in twin.vendors["twin"].plans
    ]
    twin = with_vendor(twin, "twin", plans=[p.model_dump() for p in cheaper])
    result = simulate_tco(twin, simulations=5000)
    assert result.p_cheaper["twin"]["growco"] == 1.0
    assert result.p_cheaper["growco"]["twin"] == 0.0
    assert result.vendor("twin").simulation.p_cheapest == 1.0


def test_tornado_sorted_by_swing_with_ends(uncertain):
    result = simulate_tco(uncertain, simulations=0)
    bars = result.vendor("onprem").tornado
    names = [b.input for b in bars]
    assert set(names) == {
        "scenario.seats.growth",
        "scenario.migration.dirty_share",
        "scenario.support_hours_per_year",
        "services.implementation_days",
    }
    assert [b.swing for b in bars] == sorted((b.swing for b in bars), reverse=True)
    days = next(b for b in bars if b.input == "services.implementation_days")
    assert (days.low, days.high) == (20, 60)
    assert days.total_high - days.total_low == pytest.approx((60 - 20) * 2000)
    hours = next(b for b in bars if b.input == "scenario.support_hours_per_year")
    assert hours.low == pytest.approx(20 - 1.2815515655446004 * 10)
    assert hours.swing == pytest.approx((hours.high - hours.low) * 1400 * 5)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Triangular(low=1, mode=2, high=6), (2.0, 1.0, 6.0)),
        (Pert(dist="pert", low=1, mode=2, high=6), (2.0, 1.0, 6.0)),
        (Uniform(dist="uniform", low=1, high=3), (2.0, 1.0, 3.0)),
        (3.5, (3.5, 3.5, 3.5)),
    ],
)
def test_point_and_ends(value, expected):
    assert (point(value), *ends(value)) == expected


def test_draws_stay_in_range_and_normal_is_clipped():
    rng = np.random.default_rng(0)
    pert = sample(Pert(dist="pert", low=1, mode=2, high=6), rng, (20000,))
    assert pert.min() >= 1 and pert.max() <= 6
    assert pert.mean() == pytest.approx((1 + 4 * 2 + 6) / 6, abs=0.02)  # PERT mean, lambda 4
    tri = sample(Triangular(low=0, mode=0, high=3), rng, (3, 4))
    assert tri.shape == (3, 4) and tri.min() >= 0
    normal = sample(Normal(dist="normal", mean=1, sd=5), rng, (20000,))
    assert normal.min() == 0.0


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_hypothesis_percentiles_ordered_for_any_seed(uncertain, seed):
    for v in simulate_tco(uncertain, simulations=300, seed=seed).vendors:
        assert v.simulation.p10 <= v.simulation.p50 <= v.simulation.p90


def test_the_simulation_counts_paths_whose_growth_forces_an_upgrade(tmp_path):
    import shutil

    from crmselect.io.loader import load_selection

    shutil.copytree(FIXTURE_DIR, tmp_path / "tco")
    card = tmp_path / "tco" / "scorecard.yaml"
    text = card.read_text(encoding="utf-8")
    text = text.replace(
        "  years: 5\n  seats: [50, 80, 120, 200, 300]\n",
        "  years: 4\n  seats: {start: 50, growth: {low: 0.0, mode: 0.2, high: 0.5}}\n",
    )
    card.write_text(text, encoding="utf-8")
    selection = load_selection(card)
    result = simulate_tco(selection, simulations=4000, seed=3, vendors=["growco"])
    growco = result.vendors[0]
    # At the mode, 50 -> 60 -> 72 -> 86.4 (87 billed) stays within Starter's 100 users ...
    assert list(growco.seats_by_year) == [50, 60, 72, 87] and not growco.forced_upgrades
    # ... but faster growth crosses it on some paths (50 * 1.5^3 = 168.75 at the high end).
    share = growco.simulation.p_forced_upgrade
    assert 0.05 < share < 0.95
    assert simulate_tco(selection, simulations=0, vendors=["growco"]).vendors[0].simulation is None


def test_award_costs_match_the_full_simulation(uncertain):
    """`score` simulates only the vendors the award compares: their paths, every vendor's
    forced-upgrade odds and the deterministic figures are those of the full simulation."""
    from crmselect.tco.simulate import award_costs

    full = simulate_tco(uncertain, simulations=1500, seed=3)
    costs = award_costs(uncertain, simulations=1500, seed=3)
    alone = simulate_tco(uncertain, simulations=0).vendors
    assert [msgspec.structs.replace(v, tornado=()) for v in alone] == list(
        costs.deterministic.vendors
    )
    assert all(v.tornado for v in alone) and not any(v.tornado for v in costs.deterministic.vendors)
    odds = {v.id: v.simulation.p_forced_upgrade for v in full.vendors}
    assert costs.upgrade_odds == odds
    assert any(share > 0 for share in odds.values())  # the fixture does force upgrades
    ids = [v.id for v in full.vendors]
    some = ids[1:]
    paired = costs.paired(list(reversed(some)))
    assert paired.paths is not None and paired.paths.ids == tuple(some)
    columns = [ids.index(i) for i in some]
    assert np.array_equal(paired.paths.totals, full.paths.totals[:, columns])
    assert np.array_equal(paired.paths.npvs, full.paths.npvs[:, columns])
    assert costs.paired([]).paths is None
    assert award_costs(uncertain, simulations=0).paired(ids).paths is None
