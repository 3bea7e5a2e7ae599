"""Renderers of a :class:`TcoResult`: terminal tables, JSON, CSV and Markdown.

Displayed money is rounded to whole units; every displayed table adds up: the parts are
rounded first and each total is the sum of the rounded parts shown.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from crmselect.render.common import md_cell, money, pct, to_json
from crmselect.tco.lines import LINES
from crmselect.tco.result import TcoResult, VendorTco

ROUNDING_NOTE = "Figures rounded to whole units; totals are sums of the rounded figures."
THOUSANDS_NOTE = "Thousands, rounded; totals are sums of the rounded figures."


def rounded_table(vendor: VendorTco, unit: float = 1) -> tuple[dict[str, list[int]], list[int]]:
    """Line -> yearly amounts rounded to whole ``unit``s plus the row total, and the column
    totals (same shape): every total is the sum of the rounded parts shown."""
    rows: dict[str, list[int]] = {}
    for line in LINES:
        parts = [round(a / unit) for a in vendor.costs[line]]
        rows[line] = [*parts, sum(parts)]
    columns = [sum(row[i] for row in rows.values()) for i in range(len(vendor.yearly) + 1)]
    return rows, columns


def _int(value: int) -> str:
    return f"{value:,}"


def _verdict(vendor: VendorTco, currency: str) -> list[str]:
    b = vendor.budget
    lines = [
        f"software {money(b.software, currency)}, services {money(b.services, currency)}; "
        f"{b.over} is over its 5:3 share",
        f"recommended budget {money(b.recommended, currency)}, "
        f"contingency {money(b.contingency, currency)}",
    ]
    for check in b.checks:
        state = "ok" if check.ok else f"over by {money(check.excess, currency)}"
        lines.append(f"{check.name}: {state}")
    return lines


def _facts(vendor: VendorTco, result: TcoResult) -> list[str]:
    cur = result.currency
    plans = list(dict.fromkeys(vendor.plan_by_year))
    facts = [
        "plan: "
        + " -> ".join(plans)
        + (f" (add-ons: {', '.join(vendor.addons)})" if vendor.addons else ""),
        f"NPV at {pct(result.discount_rate, 1)} (nominal): {money(vendor.npv, cur)}; "
        f"per seat per month: {vendor.per_seat_month:,.2f} {cur}",
    ]
    sim = vendor.simulation
    if sim is not None:
        facts.append(
            f"simulated total P10 {money(sim.p10, cur)}, P50 {money(sim.p50, cur)}, "
            f"P90 {money(sim.p90, cur)}; P(cheapest) {pct(sim.p_cheapest)}"
        )
        if sim.p_forced_upgrade > 0:
            facts.append(
                f"seat growth forces a plan upgrade on {pct(sim.p_forced_upgrade)} of the "
                "simulated paths"
            )
    for up in vendor.forced_upgrades:
        facts.append(f"forced upgrade in year {up.year}: {up.from_plan} -> {up.to_plan}")
    if vendor.id in result.notes:
        facts.append(result.notes[vendor.id].removeprefix(f"{vendor.name}: "))
    if vendor.no_plan_years:
        years = ", ".join(str(y) for y in vendor.no_plan_years)
        facts.append(f"no plan admits the users in year {years}: every seat billed")
    return facts


def decision_lines(result: TcoResult) -> list[str]:
    """The award's recommendation with its rule, and the rates and overrides the figures rest
    on (decision.md §1, §4)."""
    from crmselect.render import award as A

    lines = []
    names = {v.id: v.name for v in result.vendors}
    if result.award is not None:
        lines.append(A.headline(result.award, lambda vid: names.get(vid, vid), result.currency))
        lines += A.price_to_win_lines(
            result.award, lambda vid: names.get(vid, vid), result.currency
        )
    a = result.assumptions
    if a is not None:
        if a.fx:
            rates = "; ".join(str(f) + f" {a.currency}" for f in a.fx)
            lines.append(
                f"fx: {rates}"
                + (f" (as of {a.fx_as_of})" if a.fx_as_of else " (no date given: set fx_as_of)")
            )
        lines += [f"override: {o}" for o in a.overrides]
    return lines


def _thousands(value: float) -> str:
    return f"{value / 1000:,.0f}k"


def render_table(result: TcoResult) -> Any:
    """A rich renderable: a table per vendor, then the comparison panel and warnings."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    years = range(1, result.years + 1)
    for vendor in result.vendors:
        title = Text(f"{vendor.name} ({vendor.id}), thousands of {result.currency}")
        table = Table(title=title, title_justify="left")
        table.add_column("line", no_wrap=True, min_width=14)
        rows, columns = rounded_table(vendor, unit=1000)
        for index, label in enumerate([*(f"Y{y}" for y in years), "total"]):
            widest = max(len(_int(v)) for v in [*(r[index] for r in rows.values()), columns[index]])
            table.add_column(label, justify="right", no_wrap=True, min_width=max(widest, 3))
        table.add_row("users", *[_int(n) for n in vendor.seats_by_year], "")
        for line, row in rows.items():
            table.add_row(line, *[_int(v) for v in row])
        table.add_row(Text("total", style="bold"), *[_int(v) for v in columns], end_section=True)
        parts.append(table)
        parts.append(Text(f"  {THOUSANDS_NOTE}"))
        for fact in [*_facts(vendor, result), *_verdict(vendor, result.currency)]:
            parts.append(Text(f"  {fact}"))
        parts.append(Text(""))

    compare = Table(
        title=Text(f"Comparison, thousands of {result.currency}"),
        title_justify="left",
    )
    rows = []
    for v in result.vendors:
        sim = v.simulation
        cells = [_thousands(v.total), _thousands(v.npv)]
        if sim is None:
            cells += ["–"] * 4
        else:
            cells += [_thousands(sim.p10), _thousands(sim.p50), _thousands(sim.p90)]
            cells.append(pct(sim.p_cheapest))
        rows.append((v, cells))
    names = ("total", "NPV", "P10", "P50", "P90", "cheapest")
    compare.add_column("vendor", ratio=1, min_width=10)
    for index, name in enumerate(names):
        widest = max([len(name.split()[-1]), *(len(cells[index]) for _, cells in rows)])
        compare.add_column(name, justify="right", no_wrap=True, min_width=widest)
    for v, cells in rows:
        compare.add_row(Text(v.name), *cells)
    parts.append(compare)
    if result.p_cheaper is not None:
        matrix = Table(title=Text("P(row cheaper than column)"), title_justify="left")
        matrix.add_column("")
        for v in result.vendors:
            matrix.add_column(Text(v.id), justify="right")
        for a in result.vendors:
            cells = [
                "" if a.id == b.id else pct(result.p_cheaper[a.id][b.id]) for b in result.vendors
            ]
            matrix.add_row(Text(a.id), *cells)
        parts.append(matrix)
    mode = (
        f"{result.simulations:,} simulated paths, seed {result.seed}"
        if result.simulations
        else "deterministic model only (--simulations 0)"
    )
    parts.append(Text(f"{result.years} years, nominal amounts; {mode}."))
    for line in decision_lines(result):
        parts.append(Text(line, style="bold" if line.startswith("Recommended") else ""))
    for warning in result.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    return Group(*parts)


def render_json(result: TcoResult) -> str:
    """The JSON output contract, numbers unrounded."""
    return to_json(result.to_json_dict())


def render_csv(result: TcoResult) -> str:
    """One row per vendor and cost line, yearly amounts unrounded, then each vendor's total
    and NPV rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    years = [f"year_{y}" for y in range(1, result.years + 1)]
    writer.writerow(["vendor_id", "vendor", "line", *years, "total"])
    for v in result.vendors:
        for line in LINES:
            amounts = v.costs[line]
            writer.writerow([v.id, v.name, line, *map(repr, amounts), repr(sum(amounts))])
        writer.writerow([v.id, v.name, "total", *map(repr, v.yearly), repr(v.total)])
        writer.writerow([v.id, v.name, "npv", *[""] * result.years, repr(v.npv)])
    return buffer.getvalue()


def render_md(result: TcoResult) -> str:
    """GitHub-flavoured Markdown: a cost table per vendor, the comparison and the warnings."""
    cur = result.currency
    out = [f"# Total cost of ownership, {result.years} years ({md_cell(cur)})", ""]
    header = "| line | " + " | ".join(f"Y{y}" for y in range(1, result.years + 1)) + " | total |"
    rule = "|---|" + "---:|" * (result.years + 1)
    for v in result.vendors:
        out += [f"## {md_cell(v.name)} (`{md_cell(v.id)}`)", "", header, rule]
        out.append("| plan | " + " | ".join(md_cell(p) for p in v.plan_by_year) + " |  |")
        out.append("| users | " + " | ".join(_int(n) for n in v.seats_by_year) + " |  |")
        rows, columns = rounded_table(v)
        for line, row in rows.items():
            out.append(f"| {line} | " + " | ".join(_int(x) for x in row) + " |")
        out.append("| **total** | " + " | ".join(f"**{_int(x)}**" for x in columns) + " |")
        out += ["", ROUNDING_NOTE, ""]
        out += [f"- {md_cell(f)}" for f in [*_facts(v, result), *_verdict(v, cur)]]
        out.append("")
    out += [
        "## Comparison",
        "",
        "| vendor | total | NPV | per seat/month | P10 | P50 | P90 | P(cheapest) |",
    ]
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for v in result.vendors:
        sim = v.simulation
        tail = (
            ["–"] * 4
            if sim is None
            else [money(sim.p10), money(sim.p50), money(sim.p90), pct(sim.p_cheapest)]
        )
        cells = [md_cell(v.name), money(v.total), money(v.npv), f"{v.per_seat_month:,.2f}", *tail]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    if result.simulations:
        out.append(f"{result.simulations:,} simulated paths, seed {result.seed}; nominal amounts.")
    else:
        out.append("Deterministic model only; nominal amounts.")
    decision = decision_lines(result)
    if decision:
        out += ["", "## Recommendation and assumptions", ""] + [f"- {md_cell(x)}" for x in decision]
    if result.warnings:
        out += ["", "## Warnings", ""] + [f"- {md_cell(w)}" for w in result.warnings]
    return "\n".join(out) + "\n"
