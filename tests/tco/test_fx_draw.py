"""An uncertain fx rate (decision.md §4): drawn once per path and common to every vendor in that
currency; it scales the amounts in the vendor's currency, never the scenario's own amounts."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from crmselect.io.loader import load_selection
from crmselect.tco import simulate_tco

FEATURES = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "vendors" / "features.yaml"

VENDOR = """kind: vendor
id: {id}
name: {id}
currency: USD
prices_as_of: "2026-06"
price_confidence: vendor
plans:
  - {{name: Only, per_seat_month: {price}, features: {{contacts: native}}}}
"""

CARD = """kind: scorecard
title: fx only
currency: EUR
fx: {USD: {dist: uniform, low: 0.8, high: 1.0}}
fx_as_of: 2026-11-30
vendors: [one, two]
categories:
  functionality: {weight: 1}
requirements:
  - {id: R1, title: Contacts, category: functionality, priority: must, feature: contacts}
scenario:
  years: 1
  seats: [100]
  internal: {admin_fte: 1, fte_cost_year: 50000}
"""


@pytest.fixture
def result(tmp_path: Path):
    (tmp_path / "vendors").mkdir()
    shutil.copy(FEATURES, tmp_path / "vendors" / "features.yaml")
    for vid, price in (("one", 10), ("two", 12)):
        text = VENDOR.format(id=vid, price=price)
        (tmp_path / "vendors" / f"{vid}.yaml").write_text(text, "utf-8")
    (tmp_path / "scorecard.yaml").write_text(CARD, "utf-8")
    selection = load_selection(tmp_path / "scorecard.yaml", tmp_path / "vendors")
    return simulate_tco(selection, simulations=20_000, seed=3)


def test_deterministic_total_uses_the_point_rate(result) -> None:
    # midpoint 0.9 EUR per USD: 12 * 100 users * 10 USD * 0.9 + 50,000 EUR of staff
    assert result.vendor("one").total == pytest.approx(12 * 100 * 10 * 0.9 + 50_000)


def test_rate_drawn_per_path_scales_only_the_vendor_currency(result) -> None:
    one = result.vendor("one").simulation
    # total = 12,000 USD * rate + 50,000 EUR; rate uniform 0.8..1.0: P10 0.82, P90 0.98
    assert one.p10 == pytest.approx(12_000 * 0.82 + 50_000, rel=0.002)
    assert one.p90 == pytest.approx(12_000 * 0.98 + 50_000, rel=0.002)


def test_rate_is_common_to_every_vendor_on_a_path(result) -> None:
    paths = result.paths
    one, two = paths.totals[:, 0] - 50_000, paths.totals[:, 1] - 50_000
    # the same draw on every path: two costs 1.2 times one on each path
    assert np.allclose(two / one, 1.2)
    assert result.p_cheaper["one"]["two"] == 1.0


def test_tornado_names_the_rate(result) -> None:
    bars = {bar.input: bar for bar in result.vendor("one").tornado}
    assert "fx.USD" in bars
    assert bars["fx.USD"].total_low == pytest.approx(12_000 * 0.8 + 50_000)
