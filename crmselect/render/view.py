"""The report's content as plain, display-ready data: one view feeds HTML and Markdown.

Every section the templates print is built here (:func:`build_context` gathers them), from the
decision's result objects; :mod:`crmselect.render.report` only renders. Numbers are formatted
here, once, so both formats agree; the templates only lay them out.
Every table that shows totals adds up as displayed: parts are rounded first and totals are the
sums of the rounded parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from crmselect import __version__
from crmselect.decision import Decision
from crmselect.render import analysis, charts, workflow
from crmselect.render.appendix import appendix
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
from crmselect.sources import SOURCES
from crmselect.tco.lines import LINES

COST_LINES = LINES

CHECK_NAMES = {
    "software_share": "Software within its share of the budget",
    "services_share": "Services within their share of the budget",
    "total_share": "Software + services within budget less contingency",
    "p90_covered": "Contingency covers the P90 total",
}

SECTIONS = (
    ("summary", "Decision summary"),
    ("assumptions", "Assumptions"),
    ("ranking", "Ranking and value for money"),
    ("matrix", "Needs–function matrix"),
    ("weights", "Weights"),
    ("cost", "Five-year cost"),
    ("uncertainty", "Uncertainty"),
    ("risks", "Risk register"),
    ("hygiene", "Requirement hygiene"),
    ("provenance", "Provenance and sign-off"),
    ("appendix", "Appendix"),
)


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


def summary(decision: Decision) -> dict[str, Any]:
    """The decision in one minute: who, which plan, fit, cost, robustness, what would change it."""
    currency = decision.tco.currency
    vendors = decision.score.vendors
    qualified = [v for v in vendors if v.qualified]
    out: dict[str, Any] = {
        "qualified": len(qualified),
        "compared": len(vendors),
        "close_call": decision.score.close_call,
        "break_even": break_even(decision),
        "recommended": None,
        "closest": None,
        "runner_up": qualified[1].name if len(qualified) > 1 else None,
        "threshold": pct(decision.selection.scorecard.threshold),
        "discount_rate": pct(_point(decision.selection.scenario.discount_rate), 1),
        "break_even_title": "What would change the choice",
    }
    out["award"] = award_view(decision)
    if out["award"] is not None:
        out["runner_up"] = out["award"]["runner_up"]
    award = decision.score.award
    if award is not None and award.rule.rule != "fit":
        # Break-even weights move the fit ranking; under a price rule they name the best fit.
        out["break_even"] = [
            line.replace("changes the winner", "changes the best fit") for line in out["break_even"]
        ]
        out["break_even_title"] = "What would change the best fit (category weights)"
    lines = out["break_even"]
    if len(lines) == 1 and lines[0].startswith("stable"):
        out["break_even"] = ["Stable: no change of a single category weight changes the result."]
    if decision.recommended is None:
        out["break_even"] = []
        if vendors:
            closest = out["award"]["closest"] if out["award"] else None
            best = next((v for v in vendors if v.id == closest), vendors[0])
            t = decision.tco_vendor(best.id)
            out["closest"] = {
                "name": best.name,
                "fit": pct(best.fit, 1),
                "reasons": "; ".join(best.reasons),
                "total": money(t.total if t else None, currency),
            }
        return out
    s = decision.score.vendor(decision.recommended)
    t = decision.tco_vendor(decision.recommended)
    sim = t.simulation if t else None
    fig = decision.figures[decision.recommended]
    out["recommended"] = {
        "name": s.name,
        "plan": s.plan,
        "addons": ", ".join(s.addons) or "none",
        "fit": pct(s.fit, 1),
        "total": money(t.total if t else None, currency),
        "npv": money(t.npv if t else None, currency),
        "p50": money(sim.p50, currency) if sim else None,
        "p90": money(sim.p90, currency) if sim else None,
        "p_first": pct(s.p_first),
        "p_award": out["award"]["p_award"] if out["award"] else None,
        "p_cheapest": pct(sim.p_cheapest) if sim else None,
        "per_point": money(fig.cost_per_fit_point, currency),
        "pareto": fig.pareto,
    }
    return out


def award_view(decision: Decision) -> dict[str, Any] | None:
    """The award (decision.md §1) for the templates: rule, best fit when different, the award
    table with price to win, and the rule sensitivity; None when scoring carried no award."""
    from crmselect.render import award as A

    award = decision.score.award
    if award is None:
        return None
    names = {v.id: v.name for v in decision.score.vendors}
    fits = {v.id: v.fit for v in decision.score.vendors}

    def name(vid: str) -> str:
        return names.get(vid, vid)

    currency = decision.tco.currency
    top = award.vendor(award.recommended) if award.recommended else None
    return {
        "rule": award.rule.label(),
        "declared": award.declared,
        "basis": A.basis_label(award),
        "headline": A.headline(award, name, currency),
        "best_fit": None
        if award.best_fit in (None, award.recommended)
        else {"name": name(award.best_fit), "fit": pct(fits[award.best_fit], 1)},
        "runner_up": name(award.runner_up) if award.runner_up else None,
        "closest": award.closest_to_qualifying,
        "p_award": pct(top.p_award_first) if top else None,
        "robustness": A.robustness_line(award, name),
        "close_call": A.close_call_line(award, name),
        "vendors": A.vendor_rows(award, name, currency),
        "price_to_win": A.price_to_win_lines(award, name, currency),
        "sensitivity": A.sensitivity_rows(award, name),
        "show_score": award.rule.rule == "price_quality",
    }


def assumptions_view(decision: Decision) -> dict[str, Any] | None:
    """The *Assumptions* section (decision.md §4): rates, budget, seats, horizon, rule, inputs,
    overrides, lines not estimated, simulation size and seed; None without assumptions."""
    from crmselect.assumptions import text_of

    a = decision.score.assumptions
    if a is None:
        return None
    cur = a.currency
    growth = None
    if a.seat_growth is not None:
        draw = (
            "one draw per simulated path, used in every year"
            if a.growth_draw == "path"
            else "drawn anew for every year"
        )
        growth = f"{text_of(a.seat_growth, percent=True)} a year ({draw})"
    split = a.budget_split
    return {
        "currency": cur,
        "fx": [str(f) for f in a.fx],
        "conversion": a.conversion,
        "fx_as_of": a.fx_as_of,
        "budget": money(a.budget, cur) if a.budget is not None else None,
        "split": f"software {pct(split['software'])}, services {pct(split['services'])}, "
        f"contingency {pct(split['contingency'])}",
        "seats": [{"year": y, "users": f"{n:,}"} for y, n in enumerate(a.seats_by_year, 1)],
        "growth": growth,
        "years": a.years,
        "discount_rate": text_of(a.discount_rate, percent=True),
        "rule": a.award["text"]
        + (
            ""
            if a.award["rule"] == "fit"
            else f", on the {a.years}-year "
            + ("NPV" if a.award["price_basis"] == "npv" else "total")
        )
        + ("" if a.award.get("declared", True) else " (the default: no award rule declared)"),
        "inputs": [{"name": k, "value": text_of(v)} for k, v in a.inputs.items()],
        "overrides": [str(o) for o in a.overrides],
        "not_estimated": group_warnings(a.not_estimated),
        "simulations": f"{a.simulations:,}" if a.simulations else "none (deterministic model)",
        "weight_draws": f"{a.weight_draws:,}" if a.weight_draws else "–",
        "seed": a.seed,
        "bloat": list(decision.tco.notes.values()),
    }


def _point(value: Any) -> float:
    from crmselect.models.common import point_value

    return float(point_value(value))


def ranking(decision: Decision) -> list[dict[str, Any]]:
    rows = []
    for v in decision.score.vendors:
        t = decision.tco_vendor(v.id)
        sim = t.simulation if t else None
        fig = decision.figures[v.id]
        rows.append(
            {
                "id": v.id,
                "rank": v.rank,
                "name": v.name,
                "qualified": v.qualified,
                "reasons": list(v.reasons),
                "fit": pct(v.fit, 1),
                "categories": [pct(x) for x in v.category_scores.values()],
                "plan": v.plan,
                "addons": ", ".join(v.addons),
                "must": f"{v.must_haves_met}/{v.must_haves_total}",
                "total": money(t.total if t else None),
                "p50": money(sim.p50) if sim else "–",
                "p90": money(sim.p90) if sim else "–",
                "per_point": money(fig.cost_per_fit_point),
                "pareto": fig.pareto,
                "p_first": pct(v.p_first),
                "bloat": pct(v.bloat),
                "extra_days": v.extra_days,
            }
        )
    return rows


def vendor_info(decision: Decision) -> list[dict[str, Any]]:
    ages = {a.vendor: a.months for a in decision.provenance.price_ages}
    out = []
    for v in decision.score.vendors:
        vendor = decision.selection.vendors[v.id]
        out.append(
            {
                "name": vendor.name,
                "website": safe_url(vendor.website),
                "deployment": vendor.deployment,
                "currency": vendor.currency,
                "prices_as_of": vendor.prices_as_of,
                "age": ages.get(v.id),
                "confidence": vendor.price_confidence.replace("_", " "),
                "notes": vendor.notes or "",
                "sources": [u for u in map(safe_url, vendor.sources) if u],
            }
        )
    return out


def build_context(decision: Decision, *, with_charts: bool) -> dict[str, Any]:
    """Everything the templates print, display-ready."""
    card = decision.selection.scorecard
    currency = decision.tco.currency
    costs = vendor_costs(decision)
    unc = uncertainty(decision)
    context: dict[str, Any] = {
        "title": card.title,
        "organisation": card.organisation.name if card.organisation else "",
        "currency": currency,
        "years": decision.tco.years,
        "sections": SECTIONS,
        "summary": summary(decision),
        "assumptions": assumptions_view(decision),
        "unknown_claims": [
            {"name": v.name, "ids": ", ".join(v.unknown_claims)}
            for v in decision.score.vendors
            if v.unknown_claims
        ],
        "categories": list(decision.score.weights),
        "ranking": ranking(decision),
        "cost_basis": decision.cost_basis,
        "vendor_info": vendor_info(decision),
        "shortlisting": workflow.shortlisting(decision.selection, decision.score, decision.tco),
        "matrix": matrix(decision),
        "weights": weights(decision),
        "costs": costs,
        "cost_years": costs[0]["table"]["years"] if costs else [],
        "cumulative": [
            {"name": c["name"], "amounts": [f"{x:,}" for x in c["table"]["cumulative"]]}
            for c in costs
        ],
        "uncertainty": unc,
        "risks": risks(decision),
        "hygiene": hygiene(decision),
        "sources": SOURCES,
        "appendix": appendix(decision),
        "provenance": decision.provenance,
        "version": __version__,
        "charts": _charts(decision, costs, unc) if with_charts else {},
        "analysis": analysis.build(decision, with_charts=with_charts),
    }
    return context


def _charts(decision: Decision, costs: list[dict[str, Any]], unc: dict[str, Any]) -> dict[str, Any]:
    from markupsafe import Markup

    currency = decision.tco.currency
    points = []
    for v in decision.score.vendors:
        t = decision.tco_vendor(v.id)
        if t is None:
            continue
        sim = t.simulation
        fig = decision.figures[v.id]
        mid = fig.cost if fig.cost is not None else t.total
        points.append(
            charts.ValuePoint(
                v.name,
                v.fit,
                sim.p10 if sim else mid,
                mid,
                sim.p90 if sim else mid,
                fig.pareto,
                v.qualified,
            )
        )
    years = costs[0]["table"]["years"] if costs else []
    out: dict[str, Any] = {
        "value": Markup(charts.value_chart(points, currency)),
        "categories": Markup(
            charts.grouped_bars(
                "Category scores",
                list(decision.score.weights),
                [(v.name, list(v.category_scores.values())) for v in decision.score.vendors],
                "categories",
            )
        ),
        "stacked": {},
        "cumulative": Markup(
            charts.line_chart(
                f"Cumulative cost ({currency})",
                years,
                [(c["name"], c["table"]["cumulative"]) for c in costs],
                currency,
                "cumulative",
            )
        ),
        "distribution": Markup(
            charts.box_chart(
                f"Distribution of the {decision.tco.years}-year total ({currency})",
                [(r["name"], *r["values"]) for r in unc["rows"]],
                currency,
                "distribution",
                [r["cover_value"] for r in unc["rows"]],
            )
        ),
        "tornado": Markup(
            charts.tornado_chart(
                f"What moves {unc['tornado_vendor']}'s total",
                unc["tornado_base"],
                [(r["input"], *r["values"]) for r in unc["tornado"]],
                currency,
                "tornado",
            )
        ),
    }
    for index, c in enumerate(costs):
        raw = decision.tco.vendor(c["id"]).costs
        names = [n for n in COST_LINES if any(raw.get(n, ()))]
        names += [n for n in raw if n not in COST_LINES and any(raw[n])]
        series = [(n, raw[n]) for n in names]
        order = list(COST_LINES)
        palette = [order.index(n) if n in order else len(order) + i for i, n in enumerate(names)]
        out["stacked"][c["id"]] = Markup(
            charts.stacked_bars(
                f"{c['name']}: cost by year ({currency})",
                c["table"]["years"],
                series,
                currency,
                f"stacked-{index}",
                palette,
            )
        )
    return out
