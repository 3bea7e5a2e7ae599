"""Render a :class:`~crmselect.diff.SelectionDiff` as terminal tables, Markdown or JSON.

The Markdown is meant to be pasted into a pull-request comment: every cell goes through
:func:`md_cell`, since requirement titles and vendor names are data.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from crmselect.diff import FieldChange, Scalar, SelectionDiff, VendorEffect
from crmselect.render.common import md_cell, money, pct, to_json

ARROW = "→"
NOTHING = "–"


# ---------------------------------------------------------------------------------------------
# Cell texts, shared by the table and the Markdown


def value_text(value: Scalar) -> str:
    if value is None:
        return NOTHING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def change_text(change: FieldChange) -> str:
    return f"{change.field}: {value_text(change.old)} {ARROW} {value_text(change.new)}"


def _moved(old: str, new: str) -> str:
    return new if old == new else f"{old} {ARROW} {new}"


def rank_text(effect: VendorEffect) -> str:
    old = NOTHING if effect.old_rank is None else str(effect.old_rank)
    new = NOTHING if effect.new_rank is None else str(effect.new_rank)
    return _moved(old, new)


def qualified_text(effect: VendorEffect) -> str:
    def word(value: bool | None) -> str:
        return NOTHING if value is None else ("yes" if value else "no")

    return _moved(word(effect.old_qualified), word(effect.new_qualified))


def fit_text(effect: VendorEffect) -> str:
    old, new = effect.old_fit, effect.new_fit
    if old is None or new is None or abs(new - old) < 5e-5:
        return pct(new if new is not None else old, 1)
    return f"{pct(old, 1)} {ARROW} {pct(new, 1)} ({(new - old) * 100:+.1f} pp)"


def tco_text(effect: VendorEffect, same_basis: bool) -> str:
    old, new = effect.old_tco, effect.new_tco
    if old is None or new is None:
        return money(new if new is not None else old)
    if not same_basis:
        return f"{money(old)} {ARROW} {money(new)}"
    if round(old) == round(new):
        return money(new)
    return f"{money(old)} {ARROW} {money(new)} ({new - old:+,.0f})"


def plan_text(effect: VendorEffect) -> str:
    return _moved(effect.old_plan or NOTHING, effect.new_plan or NOTHING)


def weight_text(old: float | None, new: float | None) -> str:
    return _moved(value_text(old), value_text(new))


def share_text(old: float | None, new: float | None) -> str:
    return _moved(pct(old, 1), pct(new, 1))


def tco_heading(diff: SelectionDiff) -> str:
    if diff.currency != diff.old_currency or diff.years != diff.old_years:
        return (
            f"TCO ({diff.old_years} years, {diff.old_currency} {ARROW} "
            f"{diff.years} years, {diff.currency})"
        )
    return f"TCO ({diff.years} years, {diff.currency})"


def _same_basis(diff: SelectionDiff) -> bool:
    return diff.currency == diff.old_currency and diff.years == diff.old_years


def _name(diff: SelectionDiff, vendor_id: str | None) -> str:
    if vendor_id is None:
        return "none qualifies"
    for effect in diff.effects:
        if effect.id == vendor_id:
            return effect.name
    return vendor_id


def ranking_text(diff: SelectionDiff) -> str | None:
    """``Ranking: a, b → b, a`` when the order changed, else ``None``."""
    if diff.old_ranking == diff.new_ranking:
        return None
    old = ", ".join(_name(diff, v) for v in diff.old_ranking) or NOTHING
    new = ", ".join(_name(diff, v) for v in diff.new_ranking) or NOTHING
    return f"Ranking changed: {old} {ARROW} {new}"


def recommendation_text(diff: SelectionDiff) -> str:
    old, new = _name(diff, diff.old_recommended), _name(diff, diff.new_recommended)
    rule = ""
    if diff.new_rule:
        rule = f" (award rule: {diff.new_rule}"
        if diff.old_rule and diff.old_rule != diff.new_rule:
            rule = f" (award rule: {diff.old_rule} {ARROW} {diff.new_rule}"
        if diff.new_best_fit and diff.new_best_fit != diff.new_recommended:
            rule += f"; best fit: {_name(diff, diff.new_best_fit)}"
        rule += ")"
    if diff.recommendation_changed:
        return f"Recommended vendor changed: {old} {ARROW} {new}{rule}"
    return f"Recommended vendor unchanged: {new}{rule}"


def qualification_lines(diff: SelectionDiff) -> Iterator[str]:
    for effect in diff.effects:
        if effect.qualification == "lost":
            yield f"{effect.name} no longer qualifies: {'; '.join(effect.new_reasons)}"
        elif effect.qualification == "gained":
            was = "; ".join(effect.old_reasons)
            yield (
                f"{effect.name} now qualifies (before: {was})"
                if was
                else (f"{effect.name} now qualifies")
            )
        elif effect.qualification == "same" and effect.old_reasons != effect.new_reasons:
            yield f"{effect.name} still does not qualify, now because: {'; '.join(effect.new_reasons)}"
        elif effect.qualification == "added":
            yield f"{effect.name} is now compared"
        elif effect.qualification == "removed":
            yield f"{effect.name} is no longer compared"


def _requirement_rows(diff: SelectionDiff) -> list[tuple[str, str, str]]:
    rows = []
    for req in diff.requirements:
        detail = "; ".join(change_text(c) for c in req.changes) if req.changes else req.status
        rows.append((req.id, req.title, detail))
    return rows


def _vendor_rows(diff: SelectionDiff) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for vendor in diff.vendors:
        if not vendor.changes:
            rows.append((vendor.name, vendor.status, "", ""))
        for change in vendor.changes:
            what = change.field
            if change.old is None and what.startswith("plans."):
                what += " (plan added)"
            elif change.new is None and what.startswith("plans."):
                what += " (plan removed)"
            rows.append((vendor.name, what, value_text(change.old), value_text(change.new)))
    return rows


# ---------------------------------------------------------------------------------------------
# Markdown


def _md_table(header: list[str], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def diff_markdown(diff: SelectionDiff) -> str:
    """A pull-request comment: the outcome first, then each kind of change."""
    out = [f"### Selection diff: {md_cell(diff.old_label)} {ARROW} {md_cell(diff.new_label)}", ""]
    out += [f"**{md_cell(recommendation_text(diff))}**", ""]
    ranking = ranking_text(diff)
    if ranking:
        out += [md_cell(ranking), ""]
    if not diff.has_input_changes:
        out += ["No changes to requirements, weights, settings, vendors or demo scores.", ""]
    same = _same_basis(diff)
    out += ["#### Effect", ""]
    out += _md_table(
        ["Vendor", "Rank", "Qualified", "Fit", "Plan", tco_heading(diff)],
        [
            (e.name, rank_text(e), qualified_text(e), fit_text(e), plan_text(e), tco_text(e, same))
            for e in diff.effects
        ],
    )
    notes = list(qualification_lines(diff))
    if notes:
        out += [""] + [f"- {md_cell(line)}" for line in notes]
    if diff.requirements:
        out += ["", "#### Requirements", ""]
        out += _md_table(["Id", "Title", "Change"], _requirement_rows(diff))
    if diff.weights:
        out += ["", "#### Category weights", ""]
        out += _md_table(
            ["Category", "Weight", "Share"],
            [
                (
                    w.category,
                    weight_text(w.old_weight, w.new_weight),
                    share_text(w.old_share, w.new_share),
                )
                for w in diff.weights
            ],
        )
    if diff.settings:
        out += ["", "#### Scorecard settings and scenario", ""]
        out += _md_table(
            ["Setting", "Before", "After"],
            [(c.field, value_text(c.old), value_text(c.new)) for c in diff.settings],
        )
    if diff.vendors:
        out += ["", "#### Vendors", ""]
        out += _md_table(["Vendor", "Change", "Before", "After"], _vendor_rows(diff))
    if diff.scores:
        out += ["", "#### Demo scores", ""]
        out += _md_table(
            ["Evaluator", "Vendor", "Requirement", "Before", "After"],
            [
                (s.evaluator, s.vendor, s.requirement, value_text(s.old), value_text(s.new))
                for s in diff.scores
            ],
        )
    out += [
        "",
        f"<sub>Fit by crmselect score; TCO deterministic (no simulation); seed {diff.seed}.</sub>",
    ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# JSON


def diff_json(diff: SelectionDiff) -> str:
    return to_json(diff.to_json_dict())


# ---------------------------------------------------------------------------------------------
# Terminal


def diff_renderables(diff: SelectionDiff) -> list[Any]:
    """Rich renderables for the terminal; every data string is a ``Text`` (never markup)."""
    from rich.table import Table
    from rich.text import Text

    def table(title: str, header: list[str]) -> Table:
        result = Table(title=Text(title, style="bold"), title_justify="left", expand=False)
        for name in header:
            result.add_column(Text(name))
        return result

    def row(target: Table, *cells: str) -> None:
        target.add_row(*(Text(c) for c in cells))

    items: list[Any] = [
        Text(f"Selection diff: {diff.old_label} {ARROW} {diff.new_label}", style="bold"),
        Text(recommendation_text(diff), style="bold yellow" if diff.recommendation_changed else ""),
    ]
    ranking = ranking_text(diff)
    if ranking:
        items.append(Text(ranking))
    same = _same_basis(diff)
    effect = table("Effect", ["Vendor", "Rank", "Qualified", "Fit", "Plan", tco_heading(diff)])
    for e in diff.effects:
        row(
            effect,
            e.name,
            rank_text(e),
            qualified_text(e),
            fit_text(e),
            plan_text(e),
            tco_text(e, same),
        )
    items.append(effect)
    items += [Text(f"• {line}") for line in qualification_lines(diff)]
    if not diff.has_input_changes:
        items.append(Text("No changes to requirements, weights, settings, vendors or demo scores."))
    if diff.requirements:
        t = table("Requirements", ["Id", "Title", "Change"])
        for cells in _requirement_rows(diff):
            row(t, *cells)
        items.append(t)
    if diff.weights:
        t = table("Category weights", ["Category", "Weight", "Share"])
        for w in diff.weights:
            row(
                t,
                w.category,
                weight_text(w.old_weight, w.new_weight),
                share_text(w.old_share, w.new_share),
            )
        items.append(t)
    if diff.settings:
        t = table("Scorecard settings and scenario", ["Setting", "Before", "After"])
        for c in diff.settings:
            row(t, c.field, value_text(c.old), value_text(c.new))
        items.append(t)
    if diff.vendors:
        t = table("Vendors", ["Vendor", "Change", "Before", "After"])
        for vendor_cells in _vendor_rows(diff):
            row(t, *vendor_cells)
        items.append(t)
    if diff.scores:
        t = table("Demo scores", ["Evaluator", "Vendor", "Requirement", "Before", "After"])
        for s in diff.scores:
            row(t, s.evaluator, s.vendor, s.requirement, value_text(s.old), value_text(s.new))
        items.append(t)
    return items


def diff_text(diff: SelectionDiff, width: int = 120) -> str:
    """The terminal tables as plain text (for ``-o`` with the table format)."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    for item in diff_renderables(diff):
        console.print(item)
    return buffer.getvalue()
