"""Seat growth persists along a path (decision.md §3): one draw per path by default,
`growth_draw: year` for a new draw every year (release 0.1)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from crmselect.io.loader import load_selection
from crmselect.tco import simulate_tco

FEATURES = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "vendors" / "features.yaml"

VENDOR = """kind: vendor
id: flat
name: Flat CRM
currency: EUR
prices_as_of: "2026-06"
price_confidence: vendor
plans:
  - {name: Only, per_seat_month: 10, features: {contacts: native}}
"""

CARD = """kind: scorecard
title: Growth only
currency: EUR
vendors: [flat]
categories:
  functionality: {weight: 1}
requirements:
  - {id: R1, title: Contacts, category: functionality, priority: must, feature: contacts}
scenario:
  years: 5
  seats: {start: 100, growth: {low: 0.0, mode: 0.2, high: 0.4}, growth_draw: DRAW}
"""

PATHS = 20_000


def _tco(tmp_path: Path, draw: str):
    folder = tmp_path / draw
    (folder / "vendors").mkdir(parents=True)
    shutil.copy(FEATURES, folder / "vendors" / "features.yaml")
    (folder / "vendors" / "flat.yaml").write_text(VENDOR, "utf-8")
    (folder / "scorecard.yaml").write_text(CARD.replace("DRAW", draw), "utf-8")
    selection = load_selection(folder / "scorecard.yaml", folder / "vendors")
    return simulate_tco(selection, simulations=PATHS, seed=7).vendor("flat").simulation


def _direct(growth: np.ndarray) -> np.ndarray:
    """The total computed by hand: every cost line but the licence is 0, so
    total = sum over years of 12 * 10 EUR * n_y, n_y = ceil(100 * prod of (1 + g) so far)."""
    factors = np.cumprod(1.0 + growth, axis=1)
    seats = np.concatenate([np.full((growth.shape[0], 1), 100.0),
                            np.ceil(np.round(100 * factors, 6))], axis=1)  # fmt: skip
    return (12 * 10 * seats).sum(axis=1)


def test_p10_p90_match_a_direct_computation_from_one_draw_per_path(tmp_path: Path) -> None:
    sim = _tco(tmp_path, "path")
    rng = np.random.default_rng(2024)
    g = rng.triangular(0.0, 0.2, 0.4, size=(200_000, 1))
    direct = _direct(np.repeat(g, 4, axis=1))  # the same growth in years 2..5
    p10, p90 = np.percentile(direct, [10, 90])
    # Sampling error of a P10/P90 from 20,000 paths is well under 1%.
    assert sim.p10 == pytest.approx(p10, rel=0.01)
    assert sim.p90 == pytest.approx(p90, rel=0.01)
    # Sanity by hand at the mode: 100, 120, 144, 173 (172.8), 208 (207.36) users.
    assert 100 + 120 + 144 + math.ceil(172.8) + math.ceil(207.36) == 745


def test_persistent_growth_gives_a_wider_band_than_a_draw_per_year(tmp_path: Path) -> None:
    path, year = _tco(tmp_path, "path"), _tco(tmp_path, "year")
    assert path.p90 - path.p10 > 1.5 * (year.p90 - year.p10)
    rng = np.random.default_rng(2024)
    direct = _direct(rng.triangular(0.0, 0.2, 0.4, size=(200_000, 4)))  # a draw every year
    assert year.p10 == pytest.approx(np.percentile(direct, 10), rel=0.01)
    assert year.p90 == pytest.approx(np.percentile(direct, 90), rel=0.01)
