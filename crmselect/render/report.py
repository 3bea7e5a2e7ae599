"""The committee report in HTML and Markdown, from one :class:`~crmselect.decision.Decision`.

Both formats come from jinja2 templates in ``templates/`` (``--template-dir`` points at a
branded copy). HTML is rendered with ``autoescape=True`` and ``StrictUndefined``: every input
string is escaped; the only markup not escaped is the SVG that :mod:`crmselect.render.charts`
builds (itself escaping every text). Markdown has its own environment, without HTML
autoescape, and passes every table cell through ``md_cell``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmselect import __version__
from crmselect.decision import Decision
from crmselect.render import analysis, charts, view, workflow
from crmselect.render.appendix import appendix
from crmselect.render.common import group_warnings, md_cell, money, pct
from crmselect.sources import SOURCES

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


def _template_dir(template_dir: Path | None) -> Path:
    from crmselect._resources import bundled

    return Path(template_dir) if template_dir is not None else bundled("templates")


def summary(decision: Decision) -> dict[str, Any]:
    """The decision in one minute: who, which plan, fit, cost, robustness, what would change it."""
    currency = decision.tco.currency
    vendors = decision.score.vendors
    qualified = [v for v in vendors if v.qualified]
    out: dict[str, Any] = {
        "qualified": len(qualified),
        "compared": len(vendors),
        "close_call": decision.score.close_call,
        "break_even": view.break_even(decision),
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
                "website": view.safe_url(vendor.website),
                "deployment": vendor.deployment,
                "currency": vendor.currency,
                "prices_as_of": vendor.prices_as_of,
                "age": ages.get(v.id),
                "confidence": vendor.price_confidence.replace("_", " "),
                "notes": vendor.notes or "",
                "sources": [u for u in map(view.safe_url, vendor.sources) if u],
            }
        )
    return out


def build_context(decision: Decision, *, with_charts: bool) -> dict[str, Any]:
    """Everything the templates print, display-ready."""
    card = decision.selection.scorecard
    currency = decision.tco.currency
    costs = view.vendor_costs(decision)
    unc = view.uncertainty(decision)
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
        "matrix": view.matrix(decision),
        "weights": view.weights(decision),
        "costs": costs,
        "cost_years": costs[0]["table"]["years"] if costs else [],
        "cumulative": [
            {"name": c["name"], "amounts": [f"{x:,}" for x in c["table"]["cumulative"]]}
            for c in costs
        ],
        "uncertainty": unc,
        "risks": view.risks(decision),
        "hygiene": view.hygiene(decision),
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
        names = [n for n in view.COST_LINES if any(raw.get(n, ()))]
        names += [n for n in raw if n not in view.COST_LINES and any(raw[n])]
        series = [(n, raw[n]) for n in names]
        order = list(view.COST_LINES)
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


def _environment(template_dir: Path | None, *, html: bool) -> Any:
    """A template environment on the template folder; undefined names are an error. HTML
    autoescapes every template; Markdown does not, and its table cells go through ``md_cell``."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    # A branded copy of report.* still finds the bundled blocks it includes (analysis-*).
    folders = [_template_dir(template_dir), _template_dir(None)]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if html:
        env.filters["safe_url"] = view.safe_url
    else:
        env.filters["md_cell"] = md_cell
    return env


def render_html(decision: Decision, template_dir: Path | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG, no script)."""
    env = _environment(template_dir, html=True)
    html: str = env.get_template("report.html").render(**build_context(decision, with_charts=True))
    return html


def render_markdown(decision: Decision, template_dir: Path | None = None) -> str:
    """The report as GitHub-flavoured Markdown (charts omitted; their numbers are in tables)."""
    env = _environment(template_dir, html=False)
    text = env.get_template("report.md.j2").render(**build_context(decision, with_charts=False))
    return "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"
