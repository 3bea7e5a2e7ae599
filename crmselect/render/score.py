"""Renderers of a :class:`ScoreResult`: terminal table, JSON, CSV and Markdown.

Vendor strings are data: in rich they go through ``Text``, in Markdown through ``md_cell``.
"""

from __future__ import annotations

import csv
import io
import math
from typing import TYPE_CHECKING, Any

from crmselect.render import workflow
from crmselect.render.common import csv_cell, group_warnings, md_cell, number, pct, to_json
from crmselect.scoring.result import ScoreResult, VendorScore

if TYPE_CHECKING:  # rich is imported by the table renderers only: JSON, CSV and MD need none
    from rich.console import Group, RenderableType
    from rich.table import Table
    from rich.text import Text

AWARD_CELLS = ("price", "fit", "award_score", "p_award_first", "price_to_win", "discount_needed")
"""The award table's cells after the vendor's name, in column order (terminal and Markdown)."""

LEVEL_CHAR = {
    "native": "N",
    "addon": "A",
    "partner": "P",
    "custom": "C",
    "roadmap": "R",
    "none": "·",
    "unknown": "u",
}
LEGEND = (
    "N native  A add-on  P partner  C custom  R roadmap  · none  u unknown\n"
    "0-5 demo mean score  ! claim not verified  ? committee disagrees  M must-have"
)


def _status(vendor: VendorScore, result: ScoreResult | None = None) -> str:
    if not vendor.qualified:
        return "not qualified"
    award = None if result is None else result.award
    if award is not None and award.recommended == vendor.id:
        return "recommended"
    return "qualified"


def _p_first(vendor: VendorScore) -> str:
    return "–" if vendor.p_first is None else pct(vendor.p_first)


def _plan(vendor: VendorScore, short: bool = False) -> str:
    if short and vendor.addons:
        count = len(vendor.addons)
        return f"{vendor.plan} + {count} add-on{'s' * (count != 1)}"
    return vendor.plan + (f" + {', '.join(vendor.addons)}" if vendor.addons else "")


def _fit_style(fit: float, must_fit: float) -> str:
    if fit >= must_fit - 1e-9:
        return "green"
    if fit >= 0.5 - 1e-9:
        return "yellow"
    return "red"


def ranking_table(result: ScoreResult) -> Table:
    """Rank, vendor, plan, fit, musts met, P(first), status."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(result.scorecard), title_justify="left", expand=False)
    table.add_column("#", justify="right")
    table.add_column("vendor")
    table.add_column("plan")
    table.add_column("fit", justify="right")
    table.add_column("musts", justify="right")
    table.add_column("P(first)", justify="right")
    table.add_column("status")
    for v in result.vendors:
        table.add_row(
            str(v.rank),
            Text(v.name),
            Text(_plan(v, short=True)),
            pct(v.fit, 1),
            f"{v.must_haves_met}/{v.must_haves_total}",
            _p_first(v),
            Text(_status(v, result), style="green" if v.qualified else "red"),
        )
    return table


def _cell(result: ScoreResult, i: int, j: int) -> Text:
    from rich.text import Text

    m = result.matrix
    demo = m.demo[i, j]
    char = LEVEL_CHAR[m.level(i, j)] if math.isnan(demo) else str(math.floor(demo * 5 + 0.5))
    flags = ("!" if m.unverified[i, j] else "") + ("?" if m.disagreement[i, j] else "")
    return Text(char + flags, style=_fit_style(float(m.fit[i, j]), result.must_fit))


def matrix_grid(result: ScoreResult) -> Group:
    """The needs–function matrix: one row per requirement, one narrow column per vendor
    (headed by its rank), a coloured one-character cell per support level, and a legend."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False)
    table.add_column("req")
    table.add_column("title", max_width=28, no_wrap=True, overflow="ellipsis")
    table.add_column("M")
    table.add_column("w", justify="right")
    for v in result.vendors:
        table.add_column(str(v.rank), justify="center", no_wrap=True)
    for i, req in enumerate(result.requirements):
        table.add_row(
            Text(req.id),
            Text(req.title),
            "M" if req.priority == "must" else "",
            pct(req.weight, 1),
            *(_cell(result, i, j) for j in range(len(result.vendors))),
        )
    key = Text("\n".join(f"{v.rank:>3}  {v.id}  {v.name}" for v in result.vendors))
    return Group(table, Text(LEGEND, style="dim"), key)


def _names(result: ScoreResult) -> Any:
    names = {v.id: v.name for v in result.vendors}
    return lambda vid: names.get(vid, vid)


def award_parts(result: ScoreResult) -> list[RenderableType]:
    """The recommendation under the award rule, the award table, price to win and the rule
    sensitivity (decision.md §1)."""
    from rich.table import Table
    from rich.text import Text

    from crmselect.render import award as A

    award = result.award
    if award is None:
        return []
    name = _names(result)
    parts: list[RenderableType] = [Text(A.headline(award, name, result.currency), style="bold")]
    if award.vendors:
        table = Table(box=None, pad_edge=False, padding=(0, 1), show_edge=False)
        header = f"{A.basis_label(award)} ({result.currency})"
        for column, justify in (
            ("vendor", "left"),
            (header, "right"),
            ("fit", "right"),
            ("award score", "right"),
            ("P(award)", "right"),
            ("price to win", "right"),
            ("discount", "right"),
        ):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for row in A.vendor_rows(award, name, result.currency):
            table.add_row(Text(row["vendor"]), *(row[key] for key in AWARD_CELLS))
        parts.append(table)
        robust = A.robustness_line(award, name)
        if robust:
            parts.append(Text(robust))
        if len(award.vendors) > 1:
            parts.append(Text("recommendation by award rule: " + A.sensitivity_line(award, name)))
    return parts


def score_renderable(
    result: ScoreResult, *, matrix: bool = False, warnings: bool = True
) -> RenderableType:
    """The terminal view: ranking, the award, then the matrix (optional), warnings (unless the
    command prints them to stderr) and reasons."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [ranking_table(result), *award_parts(result)]
    weights = ", ".join(f"{c} {pct(w, 1)}" for c, w in result.weights.items())
    line = f"weights ({result.method}): {weights}"
    if result.consistency_ratio is not None:
        line += f"; consistency ratio {number(result.consistency_ratio, 3)}"
    parts.append(Text(line))
    if result.close_call:
        parts.append(Text(_close_call_text(result), style="bold yellow"))
    name = _names(result)
    moves = [
        f"{cat} {be.change_pp:+.1f} pp → {name(be.winner)}"
        for cat, be in result.break_even.items()
        if be is not None
    ]
    if result.winner is not None and len([v for v in result.vendors if v.qualified]) > 1:
        label = "break-even weights"
        if result.award is not None and result.award.rule.rule != "fit":
            label += " (of the fit ranking)"
        parts.append(Text(f"{label}: " + ("; ".join(moves) or "stable")))
    if matrix:
        parts.append(matrix_grid(result))
    for warning in group_warnings(result.warnings) if warnings else ():
        parts.append(Text("warning: " + warning, style="yellow"))
    for line in workflow.claim_lines(result) + workflow.completeness_lines(result):
        parts.append(Text(line))
    for v in result.vendors:
        for reason in v.reasons:
            parts.append(Text(f"{v.name}: {reason}"))
        if v.unverified_claims:
            parts.append(Text(f"{v.name}: claims not verified: {', '.join(v.unverified_claims)}"))
        if v.unknown_claims:
            parts.append(
                Text(
                    f"{v.name}: unknown in the profile and not demonstrated (fit 0 until "
                    f"confirmed in a demo or an RFI): {', '.join(v.unknown_claims)}"
                )
            )
        if v.disagreements:
            parts.append(Text(f"{v.name}: committee disagrees on {', '.join(v.disagreements)}"))
    return Group(*parts)


def _close_call_text(result: ScoreResult) -> str:
    if result.award is not None and result.award.vendors:
        from crmselect.render.award import close_call_line

        return close_call_line(result.award, _names(result))
    return (
        "Close call: fit alone does not separate the leaders; weigh cost, risks and "
        "the break-even weights."
    )


def _award_md(result: ScoreResult) -> list[str]:
    from crmselect.render import award as A

    award = result.award
    if award is None:
        return []
    name = _names(result)
    lines = ["", md_cell(A.headline(award, name, result.currency))]
    if award.vendors:
        lines += [
            "",
            f"| vendor | {A.basis_label(award)} ({result.currency}) | fit | award score "
            "| P(award) | price to win | discount needed |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in A.vendor_rows(award, name, result.currency):
            lines.append(_md_row([row["vendor"], *(row[key] for key in AWARD_CELLS)]))
        robust = A.robustness_line(award, name)
        if robust:
            lines += ["", md_cell(robust)]
        if len(award.vendors) > 1:
            lines += ["", "| award rule | recommended |", "|---|---|"]
            lines += [
                _md_row([row["rule"], row["recommended"]])
                for row in A.sensitivity_rows(award, name)
            ]
    return lines


def render_table(result: ScoreResult, *, matrix: bool = False, width: int = 100) -> str:
    """The terminal view as plain text (for ``-o``)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    console.print(score_renderable(result, matrix=matrix))
    return buffer.getvalue()


def render_json(result: ScoreResult) -> str:
    return to_json(result.to_json_dict())


def render_csv(result: ScoreResult) -> str:
    """One row per vendor, in rank order; lists joined with ``;``; numbers unrounded."""
    cats = list(result.weights)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "rank",
            "id",
            "name",
            "qualified",
            "fit",
            *(f"category:{c}" for c in cats),
            "plan",
            "addons",
            "must_haves_met",
            "must_haves_total",
            "missing_must_haves",
            "unverified_claims",
            "bloat",
            "extra_days",
            "p_first",
            "risks",
            "reasons",
        ]
    )
    for v in result.vendors:
        row = [
            v.rank,
            v.id,
            v.name,
            v.qualified,
            v.fit,
            *(v.category_scores[c] for c in cats),
            v.plan,
            ";".join(v.addons),
            v.must_haves_met,
            v.must_haves_total,
            ";".join(v.missing_must_haves),
            ";".join(v.unverified_claims),
            v.bloat,
            v.extra_days,
            v.p_first,
            ";".join(r.code for r in v.risks),
            "; ".join(v.reasons),
        ]
        writer.writerow([csv_cell(x) for x in row])
    return buffer.getvalue()


def _md_row(cells: list[Any]) -> str:
    return "| " + " | ".join(md_cell(c) for c in cells) + " |"


def render_md(result: ScoreResult, *, matrix: bool = False) -> str:
    """GitHub-flavoured Markdown: ranking, weights, warnings, reasons, risks (and the matrix)."""
    lines = [f"# {md_cell(result.scorecard)}", ""]
    lines += [
        "| # | vendor | plan | fit | musts | P(first) | status |",
        "|---:|---|---|---:|---:|---:|---|",
    ]
    for v in result.vendors:
        lines.append(
            _md_row(
                [
                    v.rank,
                    v.name,
                    _plan(v),
                    pct(v.fit, 1),
                    f"{v.must_haves_met}/{v.must_haves_total}",
                    _p_first(v),
                    _status(v, result),
                ]
            )
        )
    lines += _award_md(result)
    lines += ["", "| category | weight |", "|---|---:|"]
    lines += [_md_row([c, pct(w, 1)]) for c, w in result.weights.items()]
    if result.consistency_ratio is not None:
        lines += ["", f"AHP consistency ratio: {number(result.consistency_ratio, 3)}"]
    if result.close_call:
        lines += ["", "**" + md_cell(_close_call_text(result)) + "**"]
    if result.warnings:
        lines += ["", "## Warnings", ""] + [
            f"- {md_cell(w)}" for w in group_warnings(result.warnings)
        ]
    record = workflow.claim_lines(result) + workflow.completeness_lines(result)
    if record:
        lines += ["", "## Sources and completeness", ""] + [f"- {md_cell(x)}" for x in record]
    reasons = [(v, r) for v in result.vendors for r in v.reasons]
    if reasons:
        lines += ["", "## Why not qualified", ""]
        lines += [f"- {md_cell(v.name)}: {md_cell(r)}" for v, r in reasons]
    lines += ["", "## Risks", "", "| vendor | risk | rule |", "|---|---|---|"]
    for v in result.vendors:
        lines += [_md_row([v.name, r.message, r.rule]) for r in v.risks]
    if matrix:
        head = ["req", "title", "M", *(v.id for v in result.vendors)]
        lines += ["", "## Needs–function matrix", "", _md_row(head)]
        lines.append("|" + "---|" * len(head))
        for i, req in enumerate(result.requirements):
            cells = [_cell(result, i, j).plain for j in range(len(result.vendors))]
            lines.append(
                _md_row([req.id, req.title, "M" if req.priority == "must" else "", *cells])
            )
        lines += ["", *(md_cell(line) for line in LEGEND.splitlines())]
    return "\n".join(lines) + "\n"
