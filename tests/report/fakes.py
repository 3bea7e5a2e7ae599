"""Hand-built score and TCO results for the mini fixture, shaped as the output contracts.

They let the report be tested without running a simulation: the renderer's tests compare
what it prints with these numbers.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FakeResult:
    data: dict[str, Any]

    def to_json_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)


def score_data() -> dict[str, Any]:
    return {
        "scorecard": "Mini selection",
        "weights": {"functionality": 0.6, "integration": 0.4},
        "consistency_ratio": None,
        "close_call": False,
        "break_even": {
            "functionality": None,
            "integration": {"weight": 0.635, "change_pp": 23.5, "winner": "beta"},
        },
        "warnings": ["R6 REST API: every vendor has the same fit; it does not discriminate"],
        "vendors": [
            {
                "id": "alpha",
                "name": "Alpha CRM",
                "rank": 1,
                "qualified": True,
                "fit": 0.8625,
                "category_scores": {"functionality": 0.8333, "integration": 0.9},
                "plan": "Basic",
                "addons": ["WeCom connector"],
                "must_haves_met": 3,
                "must_haves_total": 3,
                "missing_must_haves": [],
                "unverified_claims": [],
                "bloat": 0.0,
                "extra_days": 0,
                "p_first": 1.0,
                "disagreements": [],
                "reasons": [],
                "risks": [
                    {
                        "code": "uplift-uncapped",
                        "message": "No fee cap: uplift 5% a year",
                        "rule": "Ask for a fee-cap clause [E]",
                    },
                    {
                        "code": "forced-upgrade",
                        "message": "seat growth forces an upgrade to Pro in year 3",
                        "rule": "growing from 50 to 300 users forced an enterprise upgrade [A]",
                    },
                ],
            },
            {
                "id": "beta",
                "name": "Beta 销售",
                "rank": 2,
                "qualified": False,
                "fit": 0.7125,
                "category_scores": {"functionality": 0.9375, "integration": 0.4},
                "plan": "Standard",
                "addons": [],
                "must_haves_met": 3,
                "must_haves_total": 3,
                "missing_must_haves": [],
                "unverified_claims": ["R4"],
                "bloat": 0.2,
                "extra_days": 30,
                "p_first": None,
                "disagreements": ["R3"],
                "reasons": ["fit 71.2% is below the threshold of 80%"],
                "risks": [
                    {
                        "code": "sla",
                        "message": "SLA availability 99.5% below 99.9%",
                        "rule": "[E]",
                    },
                    {"code": "no-api", "message": "No REST API", "rule": "[E]"},
                ],
            },
        ],
        "matrix": {
            "alpha": {
                "R1": _cell("native", 1.0),
                "R2": _cell("native", 1.0),
                "R3": _cell("none", 0.0),
                "R4": _cell("custom", 0.5),
                "R5": _cell("addon", 1.0),
                "R6": _cell("native", 1.0),
            },
            "beta": {
                "R1": _cell("native", 1.0),
                "R2": _cell("native", 1.0),
                "R3": _cell("partner", 0.75, demo=0.5),
                "R4": _cell("native", 1.0, demo=0.6),
                "R5": _cell("native", 1.0),
                "R6": _cell("none", 0.0),
            },
        },
    }


def _cell(level: str, claimed: float, demo: float | None = None) -> dict[str, Any]:
    return {
        "level": level,
        "claimed": claimed,
        "demo": demo,
        "fit": claimed if demo is None else demo,
    }


def _vendor(vid, name, plans, seats, costs, budget, sim):
    total = sum(sum(v) for v in costs.values())
    return {
        "id": vid,
        "name": name,
        "plan_by_year": plans,
        "seats_by_year": seats,
        "forced_upgrades": [
            {"year": y + 1, "from": plans[y - 1], "to": plans[y]}
            for y in range(1, len(plans))
            if plans[y] != plans[y - 1]
        ],
        "costs": costs,
        "total": total,
        "npv": total * 0.9,
        "per_seat_month": total / (12 * sum(seats)),
        "budget": budget,
        "simulation": sim,
    }


def tco_data() -> dict[str, Any]:
    zero = [0.0, 0.0, 0.0]
    alpha_costs = {
        "licence": [42000.4, 50400.4, 127008.4],
        "addons": [8400.0, 10584.0, 0.0],
        "support": [5040.0, 6098.4, 12700.8],
        "infrastructure": zero,
        "implementation": [20000.0, 0.0, 7000.0],
        "customization": [20000.0, 0.0, 0.0],
        "integration": zero,
        "migration": zero,
        "training": zero,
        "internal": zero,
    }
    beta_costs = {
        "licence": [30000.0, 64800.0, 83980.8],
        "addons": zero,
        "support": zero,
        "infrastructure": zero,
        "implementation": [45000.0, 0.0, 0.0],
        "customization": zero,
        "integration": zero,
        "migration": zero,
        "training": zero,
        "internal": zero,
    }
    a = _vendor(
        "alpha",
        "Alpha CRM",
        ["Basic", "Basic", "Pro"],
        [50, 60, 72],
        alpha_costs,
        {
            "software": 262232.4,
            "services": 47000.0,
            "recommended": 524464.8,
            "contingency": 104892.96,
            "checks": [{"name": "p90_covered", "ok": True, "excess": 0.0}],
        },
        {
            "mean": 320000.0,
            "p10": 290000.0,
            "p50": 315000.0,
            "p90": 360000.0,
            "npv_p50": 290000.0,
            "p_cheapest": 0.25,
        },
    )
    b = _vendor(
        "beta",
        "Beta 销售",
        ["Standard"] * 3,
        [50, 60, 72],
        beta_costs,
        {
            "software": 178780.8,
            "services": 45000.0,
            "recommended": 357561.6,
            "contingency": 71512.32,
            "checks": [{"name": "p90_covered", "ok": False, "excess": 1200.0}],
        },
        {
            "mean": 230000.0,
            "p10": 215000.0,
            "p50": 228000.0,
            "p90": 296000.0,
            "npv_p50": 205000.0,
            "p_cheapest": 0.75,
        },
    )
    return {
        "currency": "CNY",
        "years": 3,
        "simulations": 1000,
        "seed": 42,
        "warnings": ["Migration is not estimated (0): about 17% of records need cleansing"],
        "vendors": [a, b],
        "p_cheaper": {
            "alpha": {"alpha": None, "beta": 0.25},
            "beta": {"alpha": 0.75, "beta": None},
        },
        "tornado": {
            "alpha": [
                {
                    "input": "services.implementation_days",
                    "low": 10.0,
                    "high": 40.0,
                    "total_low": 299232.4,
                    "total_high": 329232.4,
                    "swing": 30000.0,
                },
                {
                    "input": "scenario.seats.growth",
                    "low": 0.1,
                    "high": 0.3,
                    "total_low": 280000.0,
                    "total_high": 350000.0,
                    "swing": 70000.0,
                },
            ],
            "beta": [],
        },
    }
