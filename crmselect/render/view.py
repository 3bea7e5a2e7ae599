"""The report's content as plain, display-ready data: one view feeds HTML and Markdown.

Numbers are formatted here, once, so both formats agree; the templates only lay them out.
Every table that shows totals adds up as displayed: parts are rounded first and totals are the
sums of the rounded parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from crmselect.decision import Decision
from crmselect.render.common import (
    ROWS_ROUNDED,
    group_warnings,
    money,
    pct,
    rounded_table,
    whole,
)
from crmselect.render.shapes import (
    break_even_lines,
    matrix_value,
    risk_items,
    tornado_rows,
    unique,
)
from crmselect.tco.lines import LINES

COST_LINES = LINES

CHECK_NAMES = {
    "software_share": "Software within its share of the budget",
    "services_share": "Services within their share of the budget",
    "total_share": "Software + services within budget less contingency",
    "p90_covered": "Contingency covers the P90 total",
}


def fmt_int(value: int | float) -> str:
    return f"{whole(value):,}"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), else None (the loader already refuses others)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def fit_class(fit: float | None) -> str:
    """CSS class of a matrix cell by its fit."""
    if fit is None:
        return "na"
    if fit >= 0.75:
        return "good"
    if fit >= 0.5:
        return "part"
    if fit > 0:
        return "weak"
    return "none"


def cost_table(costs: Mapping[str, Sequence[float]], years: int) -> dict[str, Any]:
    """Rows of cost lines by year, rounded, with the exact row, column and grand totals
    (rounded); ``note`` says "rows are rounded" when the rows do not add up to them."""
    names = [n for n in COST_LINES if n in costs] + [n for n in costs if n not in COST_LINES]
    table = rounded_table({name: list(costs[name][:years]) for name in names})
    rows = [
        {"line": name, "cells": [f"{c:,}" for c in cells[:-1]], "total": f"{cells[-1]:,}"}
        for name, cells in table.rows.items()
    ]
    exact = [sum(costs[name][y] for name in names) for y in range(years)]
    return {
        "years": [f"Year {y}" for y in range(1, years + 1)],
        "rows": rows,
        "totals": [f"{c:,}" for c in table.totals[:-1]],
        "grand": f"{table.totals[-1]:,}",
        "grand_value": table.totals[-1],
        "cumulative": [whole(sum(exact[: i + 1])) for i in range(years)],
        "note": "" if table.adds_up else ROWS_ROUNDED,
    }


def claim_source(decision: Decision, vendor_id: str, requirement_id: str) -> str:
    """Where a claim that is not the profile's came from (``RFI received …``); "" for the
    profile's own."""
    source = decision.score.claims.get(vendor_id, {}).get(requirement_id, "library")
    return "" if source == "library" else source


def matrix(decision: Decision) -> dict[str, Any]:
    """The needs–function matrix grouped by category, vendors in rank order; each cell as the
    scoring result's matrix gives it (level, fit, demo mean)."""
    selection = decision.selection
    result = decision.score
    m = result.matrix
    rows_of = {r.id: i for i, r in enumerate(result.requirements)}
    vendors = result.vendors
    groups = []
    for category in selection.scorecard.categories:
        rows = []
        for req in (r for r in selection.requirements if r.category == category):
            cells = []
            for j, v in enumerate(vendors):
                i = rows_of.get(req.id)
                if i is None:
                    cells.append(
                        {
                            "level": "–",
                            "fit": "–",
                            "cls": "na",
                            "verified": False,
                            "demo": "",
                            "unverified": False,
                            "disagree": False,
                            "missing": False,
                            "rfi": "",
                        }
                    )
                    continue
                demo = None if np.isnan(m.demo[i, j]) else float(m.demo[i, j])
                fit = float(m.fit[i, j])
                cells.append(
                    {
                        "level": m.level(i, j),
                        "fit": pct(fit),
                        "cls": fit_class(fit),
                        "verified": demo is not None,
                        "demo": f"{demo * 5:.1f}/5" if demo is not None else "",
                        "unverified": req.id in v.unverified_claims,
                        "disagree": req.id in v.disagreements,
                        "missing": req.id in v.missing_must_haves,
                        "rfi": claim_source(decision, v.id, req.id),
                    }
                )
            rows.append(
                {
                    "id": req.id,
                    "title": req.title,
                    "must": req.priority == "must",
                    "importance": req.importance,
                    "cells": cells,
                }
            )
        if rows:
            groups.append({"category": category, "rows": rows})
    rfi = any(claim_source(decision, v.id, r.id) for v in vendors for r in result.requirements)
    return {"vendors": [v.name for v in vendors], "groups": groups, "rfi": rfi}


def weights(decision: Decision) -> dict[str, Any]:
    card = decision.selection.scorecard
    result = decision.score
    rows = [{"category": c, "weight": pct(w, 1)} for c, w in result.weights.items()]
    names = {v.id: v.name for v in result.vendors}
    view: dict[str, Any] = {
        "method": card.weighting.method,
        "rows": rows,
        "ahp": None,
        "break_even": break_even_lines(result.break_even, names, limit=len(rows)),
    }
    if card.weighting.method == "ahp" and not card.weighting.judgments_from:
        # (with members' judgment files the group matrix is shown by analysis-weights)
        categories = list(card.categories)
        given = {(a, b): x for a, b, x in card.weighting.pairwise}
        table = []
        for a in categories:
            cells = [matrix_value(given, a, b) for b in categories]
            table.append({"category": a, "cells": cells})
        cr = result.consistency_ratio
        view["ahp"] = {
            "names": categories,
            "rows": table,
            "cr": "–" if cr is None else f"{cr:.3f}",
            "cr_ok": cr is None or cr <= 0.10,
        }
    return view


def vendor_costs(decision: Decision) -> list[dict[str, Any]]:
    out = []
    for v in decision.score.vendors:
        t = decision.tco_vendor(v.id)
        if t is None:
            continue
        years = len(t.seats_by_year)
        table = cost_table(t.costs, years)
        budget = t.budget
        checks = [
            {"name": CHECK_NAMES.get(c.name, c.name), "ok": c.ok, "excess": money(c.excess)}
            for c in budget.checks
        ]
        software, services = budget.software, budget.services
        total = software + services
        out.append(
            {
                "id": v.id,
                "name": v.name,
                "plans": " → ".join(dict.fromkeys(t.plan_by_year)),
                "plan_by_year": list(t.plan_by_year),
                "seats_by_year": [f"{s:,}" for s in t.seats_by_year],
                "table": table,
                "upgrades": [
                    {"year": u.year, "from": u.from_plan, "to": u.to_plan}
                    for u in t.forced_upgrades
                ],
                "software": money(software),
                "services": money(services),
                "ratio": f"{software / total * 10:.1f} : {services / total * 10:.1f}"
                if total
                else "–",
                "recommended_budget": money(budget.recommended),
                "contingency": money(budget.contingency),
                "checks": checks,
                "npv": money(t.npv),
                "per_seat_month": money(t.per_seat_month),
            }
        )
    return out


def p_cheaper(decision: Decision) -> dict[str, Any] | None:
    raw = decision.tco.p_cheaper
    if not raw:
        return None
    vendors = decision.tco.vendors
    rows = []
    for a in vendors:
        cells = [
            "–" if a.id == b.id or raw[a.id].get(b.id) is None else pct(raw[a.id][b.id])
            for b in vendors
        ]
        rows.append({"name": a.name, "cells": cells})
    return {"names": [v.name for v in vendors], "rows": rows}


def uncertainty(decision: Decision) -> dict[str, Any]:
    rows = []
    for v in decision.score.vendors:
        t = decision.tco_vendor(v.id)
        if t is None or t.simulation is None:
            continue
        sim = t.simulation
        cover = t.total + t.budget.contingency
        rows.append(
            {
                "id": v.id,
                "name": v.name,
                "p10": money(sim.p10),
                "p50": money(sim.p50),
                "p90": money(sim.p90),
                "mean": money(sim.mean),
                "npv_p50": money(sim.npv_p50),
                "p_cheapest": pct(sim.p_cheapest),
                "cover": money(cover),
                "covered": sim.p90 <= cover + 1e-9,
                "values": (sim.p10, sim.p50, sim.p90),
                "cover_value": cover,
            }
        )
    vendors = decision.score.vendors
    leader = decision.recommended or (vendors[0].id if vendors else None)
    lead_tco = decision.tco_vendor(leader) if leader else None
    tornado = tornado_rows(lead_tco.tornado) if lead_tco else []
    return {
        "simulations": f"{decision.tco.simulations:,}",
        "rows": rows,
        "p_cheaper": p_cheaper(decision),
        "tornado_vendor": lead_tco.name if lead_tco else "",
        "tornado_base": lead_tco.total if lead_tco else 0.0,
        "tornado": [
            {
                "input": name,
                "low": money(lo),
                "high": money(hi),
                "swing": money(abs(hi - lo)),
                "values": (lo, hi),
            }
            for name, lo, hi in tornado
        ],
    }


def risks(decision: Decision) -> list[dict[str, Any]]:
    return [
        {"name": v.name, "risks": [{"text": a, "rule": b} for a, b in risk_items(v.risks)]}
        for v in decision.score.vendors
    ]


def hygiene(decision: Decision) -> list[str]:
    return group_warnings(unique(decision.score.warnings) + unique(decision.tco.warnings))


def break_even(decision: Decision) -> list[str]:
    names = {v.id: v.name for v in decision.score.vendors}
    return break_even_lines(decision.score.break_even, names)
