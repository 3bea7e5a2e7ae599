"""Formatting shared by every renderer: money, shares, Markdown cells and stable JSON."""

from __future__ import annotations

import json
import math
from typing import Any


def money(value: float | None, currency: str = "") -> str:
    """``1234567.891`` -> ``1,234,568`` (whole units; the model itself never rounds)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.0f}"
    return f"{text} {currency}".strip()


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


def to_json(data: Any) -> str:
    """Stable JSON: keys in the given order, UTF-8 kept, a newline at the end, NaN refused."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
