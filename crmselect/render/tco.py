"""Renderers of a :class:`TcoResult`: terminal tables, JSON, CSV and Markdown.

Displayed money is rounded to whole units; every displayed table adds up: the parts are
rounded first and each total is the sum of the rounded parts shown.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from crmselect.render import workflow
from crmselect.render.common import (
    ROWS_ROUNDED,
    RoundedTable,
    csv_cell,
    group_warnings,
    md_cell,
    money,
    pct,
    rounded_table,
    thousands,
    to_json,
)
from crmselect.tco.lines import LINES
from crmselect.tco.result import TcoResult, VendorTco

ROUNDING_NOTE = "Amounts rounded to whole units; totals are exact."
THOUSANDS_NOTE = "Thousands (k), rounded; totals are exact."
CHECK_WORDS = {
    "software_share": "software within its share of the budget",
    "services_share": "services within their share of the budget",
    "total_share": "software + services within the budget less contingency",
    "p90_covered": "contingency covers the P90 total",
}
"""Budget checks in words, for people (the JSON keeps the ids)."""


def cost_rows(vendor: VendorTco) -> dict[str, list[float]]:
    """Cost line -> yearly amounts, in the order of ``LINES``."""
    return {line: list(vendor.costs[line]) for line in LINES}


def rounding_note(table: RoundedTable, note: str) -> str:
    """The note under a rounded table, saying when its rows do not add up to the totals."""
    return note if table.adds_up else f"{note} {ROWS_ROUNDED[0].upper()}{ROWS_ROUNDED[1:]}."


def _int(value: int) -> str:
    return f"{value:,}"


def check_lines(vendor: VendorTco, currency: str) -> list[str]:
    """Each budget check in words: ``services within their share of the budget: over by 1,234``."""
    return [
        f"{CHECK_WORDS.get(c.name, c.name)}: "
        + ("yes" if c.ok else f"over by {money(c.excess, currency)}")
        for c in vendor.budget.checks
    ]


def _verdict(vendor: VendorTco, currency: str) -> list[str]:
    b = vendor.budget
    return [
        f"software {money(b.software, currency)}, services {money(b.services, currency)}; "
        f"{b.over} is over its 5:3 share",
        f"recommended budget {money(b.recommended, currency)}, "
        f"contingency {money(b.contingency, currency)}",
        *check_lines(vendor, currency),
    ]


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
            rates = "; ".join(str(f) for f in a.fx)
            lines.append(
                f"fx: {rates}"
                + (f" (as of {a.fx_as_of})" if a.fx_as_of else " (no date given: set fx_as_of)")
            )
        lines += [f"override: {o}" for o in a.overrides]
    return lines


def look_at(vendor: VendorTco, currency: str) -> str:
    """One line of what to look at for a vendor: failed budget checks, forced upgrades,
    years no plan admits, a likely forced upgrade; "nothing flagged" otherwise."""
    items = [
        f"{CHECK_WORDS.get(c.name, c.name)}: over by {money(c.excess, currency)}"
        for c in vendor.budget.checks
        if not c.ok
    ]
    items += [
        f"forced upgrade in year {u.year} ({u.from_plan} -> {u.to_plan})"
        for u in vendor.forced_upgrades
    ]
    if vendor.no_plan_years:
        items.append(f"no plan admits the users in year {vendor.no_plan_years[0]}")
    sim = vendor.simulation
    if sim is not None and sim.p_forced_upgrade >= 0.1 and not vendor.forced_upgrades:
        items.append(f"seat growth forces an upgrade on {pct(sim.p_forced_upgrade)} of paths")
    return "; ".join(items) if items else "nothing flagged"


def _cost_table(vendor: VendorTco, result: TcoResult) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    years = range(1, result.years + 1)
    title = Text(f"{vendor.name} ({vendor.id}), thousands of {result.currency}")
    table = Table(title=title, title_justify="left")
    table.add_column("line", no_wrap=True, min_width=14)
    rounded = rounded_table(cost_rows(vendor), unit=1000)
    for index, label in enumerate([*(f"Y{y}" for y in years), "total"]):
        cells = [*(r[index] for r in rounded.rows.values()), rounded.totals[index]]
        widest = max(len(_int(v)) for v in cells)
        table.add_column(label, justify="right", no_wrap=True, min_width=max(widest, 3))
    table.add_row("users", *[_int(n) for n in vendor.seats_by_year], "")
    for line, row in rounded.rows.items():
        table.add_row(line, *[_int(v) for v in row])
    table.add_row(Text("total", style="bold"), *[_int(v) for v in rounded.totals], end_section=True)
    parts: list[Any] = [table, Text(f"  {rounding_note(rounded, THOUSANDS_NOTE)}")]
    for fact in [*_facts(vendor, result), *_verdict(vendor, result.currency)]:
        parts.append(Text(f"  {fact}"))
    parts.append(Text(""))
    return parts


def short_labels(count: int) -> list[str]:
    """A, B, ... Z, AA, AB: labels for pairwise tables, defined under the table."""
    labels = []
    for i in range(count):
        label = ""
        n = i
        while True:
            label = chr(ord("A") + n % 26) + label
            n = n // 26 - 1
            if n < 0:
                break
        labels.append(label)
    return labels


def render_table(result: TcoResult, *, detail: bool = False, notes: bool = True) -> Any:
    """The terminal view: the comparison first, one line per vendor of what to look at, then
    (``detail``) every vendor's cost lines by year. ``notes`` False leaves out the warnings
    (``-q``: the result only)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    cur = result.currency
    parts: list[Any] = []
    compare = Table(
        title=Text(f"{result.years}-year cost, thousands of {cur} (k), nominal"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=0,
    )
    names = ("plan", "total", "NPV", "P10", "P50", "P90", "P(min)", "budget")
    compare.add_column("vendor", min_width=10, ratio=2)
    for name in names:
        if name == "plan":
            compare.add_column(name, min_width=8, ratio=1)
        else:
            compare.add_column(name, justify="left" if name == "budget" else "right", no_wrap=True)
    for v in result.vendors:
        sim = v.simulation
        plans = list(dict.fromkeys(v.plan_by_year))
        plan = plans[0] + (f" -> {plans[-1]}" if len(plans) > 1 else "")
        cells: list[Text | str] = [Text(plan), thousands(v.total), thousands(v.npv)]
        if sim is None:
            cells += ["–"] * 4
        else:
            cells += [thousands(sim.p10), thousands(sim.p50), thousands(sim.p90)]
            cells.append(pct(sim.p_cheapest))
        failed = [c for c in v.budget.checks if not c.ok]
        cells.append("ok" if not failed else f"{len(failed)} over")
        compare.add_row(Text(v.name), *cells)
    parts.append(compare)
    flagged = [(v, look_at(v, cur)) for v in result.vendors]
    for v, what in flagged:
        if what != "nothing flagged":
            parts.append(Text(f"  {v.name}: {what}"))
    calm = [v.name for v, what in flagged if what == "nothing flagged"]
    if calm:
        parts.append(Text(f"  Nothing flagged for {', '.join(calm)}."))
    if result.p_cheaper is not None and len(result.vendors) > 1:
        labels = short_labels(len(result.vendors))
        parts.append(Text("P(row cheaper than column)"))
        matrix = Table(box=box.SIMPLE_HEAD)
        matrix.add_column("")
        for label in labels:
            matrix.add_column(label, justify="right")
        for label, a in zip(labels, result.vendors, strict=True):
            shares = [
                "" if a.id == b.id else pct(result.p_cheaper[a.id][b.id]) for b in result.vendors
            ]
            matrix.add_row(label, *shares)
        parts.append(matrix)
        parts.append(
            Text(
                "  "
                + "; ".join(f"{k} = {v.name}" for k, v in zip(labels, result.vendors, strict=True))
            )
        )
    if detail:
        parts.append(Text(""))
        for vendor in result.vendors:
            parts += _cost_table(vendor, result)
    mode = (
        f"{result.simulations:,} simulated paths, seed {result.seed}"
        if result.simulations
        else "deterministic model only (--simulations 0)"
    )
    tail = "" if detail else "; --detail shows each vendor's cost lines by year"
    parts.append(Text(f"{result.years} years, nominal amounts; {mode}{tail}."))
    for line in decision_lines(result):
        parts.append(Text(line, style="bold" if line.startswith("Recommended") else ""))
    for line in workflow.profile_lines(result) + workflow.rfi_cost_lines(result):
        parts.append(Text(line))
    if notes:
        for warning in group_warnings(result.warnings):
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
            row = [v.id, v.name, line, *amounts, math.fsum(amounts)]
            writer.writerow([csv_cell(x) for x in row])
        writer.writerow([csv_cell(x) for x in [v.id, v.name, "total", *v.yearly, v.total]])
        writer.writerow([csv_cell(x) for x in [v.id, v.name, "npv", *[""] * result.years, v.npv]])
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
        rounded = rounded_table(cost_rows(v))
        for line, row in rounded.rows.items():
            out.append(f"| {line} | " + " | ".join(_int(x) for x in row) + " |")
        out.append("| **total** | " + " | ".join(f"**{_int(x)}**" for x in rounded.totals) + " |")
        out += ["", rounding_note(rounded, ROUNDING_NOTE), ""]
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
    profiles = workflow.profile_lines(result) + workflow.rfi_cost_lines(result)
    if profiles:
        out += [""] + [md_cell(x) for x in profiles]
    if result.warnings:
        out += ["", "## Warnings", ""] + [
            f"- {md_cell(w)}" for w in group_warnings(result.warnings)
        ]
    return "\n".join(out) + "\n"
