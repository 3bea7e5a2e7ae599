"""Formatting shared by every renderer: money, shares, Markdown cells and stable JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import msgspec

ROWS_ROUNDED = "rows are rounded"
"""Said under a table whose rounded rows do not add up to its exact total."""


def whole(value: float, unit: float = 1) -> int:
    """The one rounding rule for money people read: half away from zero, to whole ``unit``s
    (1 for currency units, 1000 for thousands). The decimal the float prints as is rounded,
    so 0.5, 2.5 and 18,442.5 all go up, in every output alike."""
    if not math.isfinite(value):
        raise ValueError(f"cannot show {value} as an amount")
    exact = Decimal(repr(float(value))) / Decimal(repr(float(unit)))
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def money(value: float | None, currency: str = "") -> str:
    """``1234567.5`` -> ``1,234,568`` (whole units; the model itself never rounds)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return f"{whole(value):,} {currency}".strip()


def thousands(value: float | None, currency: str = "") -> str:
    """``1234567`` -> ``1,235k``: the terminal's compact amounts, same rounding rule."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return f"{whole(value, 1000):,}k {currency}".strip()


class RoundedTable(msgspec.Struct, frozen=True):
    """Rows of amounts rounded for reading, each with its exact total rounded, and the exact
    column totals rounded. ``adds_up`` is False when the rounded rows do not sum to a total
    shown: the table then says ``ROWS_ROUNDED``."""

    rows: dict[str, list[int]]
    """name -> rounded cells, then the row's exact total rounded."""
    totals: list[int]
    """Each column's exact total rounded, then the grand total."""
    adds_up: bool


def rounded_table(rows: Mapping[str, Sequence[float]], unit: float = 1) -> RoundedTable:
    """Round a table of amounts for display without hiding its exact totals."""
    out: dict[str, list[int]] = {}
    width = max((len(v) for v in rows.values()), default=0)
    columns = [0.0] * width
    adds_up = True
    for name, values in rows.items():
        cells = [whole(v, unit) for v in values]
        total = whole(math.fsum(values), unit)
        adds_up &= sum(cells) == total
        out[name] = [*cells, total]
        columns = [a + b for a, b in zip(columns, values, strict=False)]
    exact = [
        math.fsum(float(values[i]) for values in rows.values() if i < len(values))
        for i in range(width)
    ]
    totals = [whole(x, unit) for x in exact] + [whole(math.fsum(exact), unit)]
    for i, total in enumerate(totals):
        adds_up &= sum(row[i] for row in out.values()) == total
    return RoundedTable(out, totals, adds_up)


def pct(value: float | None, digits: int = 0) -> str:
    """``0.8123`` -> ``81%``."""
    if value is None:
        return "–"
    return f"{value * 100:.{digits}f}%"


def number(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


_MD_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "<": "&lt;",
        ">": "&gt;",
        "[": "\\[",
        "]": "\\]",
        "*": "\\*",
        "_": "\\_",
    }
)


def md_cell(value: Any) -> str:
    """Text safe inside a GitHub-flavoured Markdown table cell: markup inert, one line."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text.translate(_MD_SPECIAL)


def clean_number(value: float) -> float:
    """A float without binary noise for machine formats: ``21330.000000000004`` -> ``21330.0``
    (rounded to 1e-6 of the unit; amounts stay unrounded otherwise)."""
    cleaned = round(value, 6)
    return cleaned if cleaned != 0 else 0.0


_PLAIN = frozenset({str, int, bool, type(None)})
"""Leaf types the JSON encoder writes as they are (no call per leaf in :func:`_json_ready`)."""


def _json_float(value: float) -> float | msgspec.Raw:
    """``value`` through :func:`clean_number`, spelled as ``json.dumps`` spells it: msgspec
    writes ``0.00001`` and ``1e16`` where Python writes ``1e-05`` and ``1e+16``, so a float
    Python writes with an exponent goes in as its ``repr``. NaN and infinity are refused."""
    if not math.isfinite(value):
        raise ValueError(f"Out of range float values are not JSON compliant: {float(value)!r}")
    cleaned = clean_number(float(value))
    if cleaned == 0 or 1e-4 <= abs(cleaned) < 1e16:
        return cleaned
    return msgspec.Raw(repr(cleaned).encode())


def _json_key(key: Any) -> str:
    """A mapping key as ``json.dumps`` writes it (numbers, booleans and None as text)."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool | int | float):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _json_ready(data: Any) -> Any:
    """``data`` with every float cleaned (:func:`_json_float`), mappings as dicts with text
    keys and sequences as lists; strings, integers, booleans and None are kept as they are."""
    kind = type(data)
    if kind is float:
        return _json_float(data)
    if isinstance(data, dict):
        return {
            k if type(k) is str else _json_key(k): v if type(v) in _PLAIN else _json_ready(v)
            for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [v if type(v) in _PLAIN else _json_ready(v) for v in data]
    if isinstance(data, float):
        return _json_float(data)
    return data


def to_json(data: Any) -> str:
    """Stable JSON: keys in the given order, UTF-8 kept, floats without noise, a newline at
    the end, NaN and infinity refused. The text is ``json.dumps(indent=2,
    ensure_ascii=False)``'s, byte for byte; msgspec writes and indents it (the standard
    library's indenting encoder is pure Python)."""
    return msgspec.json.format(msgspec.json.encode(_json_ready(data)), indent=2).decode() + "\n"


def csv_cell(value: Any) -> str:
    """A CSV cell: numbers without float noise; text that a spreadsheet would run as a
    formula (``=``, ``+``, ``-``, ``@``, tab, CR) prefixed with ``'``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(clean_number(value))
    if isinstance(value, int):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def group_warnings(warnings: Sequence[str]) -> list[str]:
    """Warnings of the same kind in one line naming every vendor concerned: ``A: text`` and
    ``B: text`` become ``A, B: text``. Order of first appearance is kept."""
    grouped: dict[str, list[str]] = {}
    plain: list[str] = []
    for warning in warnings:
        head, sep, tail = warning.partition(": ")
        if sep and head and ":" not in head and len(head) <= 80 and " is " not in head:
            grouped.setdefault(tail, []).append(head)
            if tail not in plain:
                plain.append(tail)
        else:
            plain.append(warning)
    return [f"{', '.join(grouped[w])}: {w}" if w in grouped else w for w in plain]
