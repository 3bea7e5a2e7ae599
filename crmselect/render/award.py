"""How every output words the award (decision.md §1): the recommendation with its rule, the best
fit beside it when different, price to win, and the rule-sensitivity table.

Plain data out (strings and rows), so the terminal, Markdown and the report templates share the
wording; vendor names are data and are escaped by each renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crmselect.render.common import money, number, pct


def basis_label(award: Any) -> str:
    """The price basis over the selection's own horizon: "5-year total", "3-year NPV"."""
    years = getattr(award, "years", 5)
    return f"{years}-year NPV" if award.price_basis == "npv" else f"{years}-year total"


def headline(award: Any, name: Callable[[str], str], currency: str) -> str:
    """One sentence: who is recommended under which rule, and the best fit when different;
    or, when none qualifies, that there is no recommendation and who is closest."""
    if award is None:
        return ""
    rule = award.rule.label()
    if not getattr(award, "declared", True):
        rule += " (the default: the scorecard declares no award rule)"
    if award.recommended is None:
        text = "No vendor qualifies, so there is no recommendation"
        if award.closest_to_qualifying:
            text += f"; closest to qualifying: {name(award.closest_to_qualifying)}"
        return text + f" (award rule: {rule})."
    text = f"Recommended: {name(award.recommended)}, under the award rule {rule}"
    if award.rule.rule != "fit":
        text += f", on the {basis_label(award)}"
    if award.best_fit and award.best_fit != award.recommended:
        text += f". Best fit: {name(award.best_fit)}, which the rule does not recommend"
    return text + "."


def vendor_rows(award: Any, name: Callable[[str], str], currency: str) -> list[dict[str, str]]:
    """One row per qualified vendor in award order, formatted."""
    rows = []
    for v in award.vendors:
        rows.append(
            {
                "id": v.id,
                "vendor": name(v.id),
                "price": money(v.price),
                "fit": pct(v.fit, 1),
                "award_score": number(v.award_score, 3),
                "cost_per_fit": money(v.cost_per_fit / 100),
                "p_award_first": pct(v.p_award_first),
                "price_to_win": "–" if v.price_to_win is None else money(v.price_to_win),
                "discount_needed": "–" if v.discount_needed is None else pct(v.discount_needed, 1),
                "recommended": "yes" if v.id == award.recommended else "",
            }
        )
    return rows


def price_to_win_lines(award: Any, name: Callable[[str], str], currency: str) -> list[str]:
    """ "X would be recommended at 2,981,454 CNY or less (26.4% off its 4,050,902 CNY)"."""
    lines = []
    for v in award.vendors:
        if v.id == award.recommended:
            continue
        if v.price_to_win is None:
            if award.rule.rule != "fit":
                lines.append(f"{name(v.id)}: no price makes it the recommendation")
            continue
        lines.append(
            f"{name(v.id)} would be recommended at {money(v.price_to_win, currency)} or less "
            f"({pct(v.discount_needed, 1)} off its {money(v.price, currency)})"
        )
    return lines


def sensitivity_rows(award: Any, name: Callable[[str], str]) -> list[dict[str, str]]:
    return [
        {
            "rule": row.rule.label(),
            "recommended": "no recommendation"
            if row.recommended is None
            else name(row.recommended),
            "current": "yes"
            if row.rule.rule == award.rule.rule
            and (
                award.rule.rule != "price_quality"
                or (
                    row.rule.price_weight == award.rule.price_weight
                    and row.rule.price_formula == award.rule.price_formula
                )
            )
            else "",
        }
        for row in award.sensitivity
    ]


def robustness_line(award: Any, name: Callable[[str], str]) -> str:
    """How firm the recommendation is: its share of joint draws and the pairing behind it."""
    if award.recommended is None or not award.vendors:
        return ""
    top = award.vendors[0]
    if len(award.vendors) == 1:
        return f"{name(top.id)} is the only qualified vendor."
    draws = "weight and fit draws" if getattr(award, "paired_fits", False) else "weight draws"
    paired = (
        f"{draws} paired with simulated cost paths"
        if award.paired_paths
        else f"{draws} at the deterministic prices"
    )
    return (
        f"{name(top.id)} is recommended in {pct(top.p_award_first)} of {award.pairs:,} "
        f"joint draws ({paired})."
    )


def close_call_line(award: Any, name: Callable[[str], str]) -> str:
    if not award.close_call:
        return ""
    return (
        "Close call: the award rule does not separate the leaders clearly "
        f"({name(award.vendors[0].id)} ahead of {name(award.vendors[1].id)}); "
        "weigh risks, price to win and the rule sensitivity."
    )


def sensitivity_line(award: Any, name: Callable[[str], str]) -> str:
    """The sensitivity table in one line, rules grouped by the vendor they recommend:
    "fit → A; cost per fit, price 20%, price 30% … → B"."""
    groups: dict[str, list[str]] = {}
    for row in award.sensitivity:
        who = "no recommendation" if row.recommended is None else name(row.recommended)
        groups.setdefault(who, []).append(row.rule.short())
    return "; ".join(f"{', '.join(rules)} → {who}" for who, rules in groups.items())
