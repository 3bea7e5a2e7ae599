"""Readers for the parts of the score and TCO outputs whose exact shape the contracts leave
open (risks, warnings, break-even weights, tornado).

Each accepts the plain forms a result may reasonably print (a string, a dict with a message,
a mapping or a list) and returns one display form, so the report never depends on more of a
result than its output contract promises.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

_TEXT_KEYS = ("message", "text", "description", "title", "risk", "warning", "detail")
_RULE_KEYS = ("rule", "seed_rule", "seed", "source", "why", "basis", "code")


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = item.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def risk_items(raw: Any) -> list[tuple[str, str]]:
    """``(text, rule and its source)`` pairs from a vendor's ``risks``."""
    items: list[tuple[str, str]] = []
    for item in raw or []:
        if isinstance(item, str):
            items.append((item, ""))
        elif isinstance(item, dict):
            text = _first(item, _TEXT_KEYS) or _first(item, ("id", "name", "code"))
            rule = _first(item, _RULE_KEYS)
            items.append((text, "" if rule == text else rule))
    return items


def warnings_of(data: dict[str, Any]) -> list[str]:
    """Warning texts of a result (``warnings`` or ``hygiene``; strings or dicts)."""
    out: list[str] = []
    for key in ("hygiene", "warnings"):
        for item in data.get(key) or []:
            text = item if isinstance(item, str) else _first(item, _TEXT_KEYS)
            if text and text not in out:
                out.append(text)
    return out


def break_even_lines(raw: Any, names: dict[str, str] | None = None, limit: int = 2) -> list[str]:
    """The ``limit`` smallest weight changes that change the winner, one sentence each, then
    the stable categories in one line."""
    if not raw:
        return []
    names = names or {}
    pairs: list[tuple[str, Any]]
    if isinstance(raw, dict):
        pairs = list(raw.items())
    else:
        pairs = [
            (str(item.get("category", "")), item.get("change", item.get("points")))
            for item in raw
            if isinstance(item, dict)
        ]
    moving: list[tuple[float, str]] = []
    stable: list[str] = []
    for category, change in pairs:
        winner = ""
        if isinstance(change, dict):
            winner = str(change.get("winner") or "")
            change = change.get("change_pp", change.get("change", change.get("points")))
        if change is None or change == "stable":
            stable.append(category)
            continue
        value = float(change)
        to = f" to {names.get(winner, winner)}" if winner else ""
        moving.append(
            (
                abs(value),
                f"{category}: a change of {value:+.1f} percentage points in its weight "
                f"changes the winner{to}",
            )
        )
    lines = [line for _, line in sorted(moving, key=lambda item: item[0])[:limit]]
    if len(moving) > limit:
        more = len(moving) - limit
        lines.append(
            f"{more} more {'category needs' if more == 1 else 'categories need'} a larger change "
            "(see Weights)"
        )
    if stable:
        lines.append(f"stable (no weight from 0 to 100% changes the winner): {', '.join(stable)}")
    return lines


def tornado_rows(raw: Any, vendor_id: str) -> list[tuple[str, float, float]]:
    """``(input, total at low end, total at high end)`` for ``vendor_id``, largest swing first."""
    rows = raw.get(vendor_id) if isinstance(raw, dict) else None
    if rows is None and isinstance(raw, list):
        match = next((r for r in raw if isinstance(r, dict) and r.get("vendor") == vendor_id), None)
        rows = match.get("rows", match.get("inputs")) if match else None
    if isinstance(rows, dict):
        rows = rows.get("rows", rows.get("inputs"))
    out = []
    for item in rows or []:
        name = _first(item, ("input", "name", "label", "parameter", "path"))
        # ``total_low``/``total_high`` are totals; a bare ``low``/``high`` may be the input's
        # own range, so it is read only when no total is given
        low = item.get("total_low", item.get("low"))
        high = item.get("total_high", item.get("high"))
        if low is not None and high is not None:
            out.append((name, float(low), float(high)))
    out.sort(key=lambda row: -abs(row[2] - row[1]))
    return out


def matrix_value(given: dict[tuple[str, str], float], a: str, b: str) -> str:
    """A cell of the AHP pairwise matrix as written: 1 on the diagonal, x or 1/x elsewhere."""
    if a == b:
        return "1"
    if (a, b) in given:
        return _ratio(given[(a, b)])
    if (b, a) in given:
        return _ratio(1 / given[(b, a)])
    return "–"


def _ratio(value: float) -> str:
    frac = Fraction(value).limit_denominator(9)
    if frac.denominator == 1:
        return str(frac.numerator)
    return f"{frac.numerator}/{frac.denominator}"
