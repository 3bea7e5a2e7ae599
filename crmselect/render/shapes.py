"""Display forms of the parts of a result that read as sentences or ratios: the risk register,
warnings, break-even weights, the tornado and the AHP matrix's cells."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from crmselect.scoring.result import BreakEven, Risk
from crmselect.tco.result import TornadoBar


def risk_items(risks: Sequence[Risk]) -> list[tuple[str, str]]:
    """``(text, rule and its source)`` pairs of a vendor's risk register; the rule is left
    out where it only repeats the text."""
    return [(r.message, "" if r.rule == r.message else r.rule) for r in risks]


def unique(texts: Iterable[str]) -> list[str]:
    """The texts in order, each once, without empty ones."""
    return [text for text in dict.fromkeys(texts) if text]


def break_even_lines(
    break_even: Mapping[str, BreakEven | None], names: Mapping[str, str], limit: int = 2
) -> list[str]:
    """The ``limit`` smallest weight changes that change the winner, one sentence each, then
    the stable categories in one line."""
    moving: list[tuple[float, str]] = []
    stable: list[str] = []
    for category, point in break_even.items():
        if point is None:
            stable.append(category)
            continue
        to = f" to {names.get(point.winner, point.winner)}" if point.winner else ""
        moving.append(
            (
                abs(point.change_pp),
                f"{category}: a change of {point.change_pp:+.1f} percentage points in its "
                f"weight changes the winner{to}",
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


def tornado_rows(bars: Sequence[TornadoBar]) -> list[tuple[str, float, float]]:
    """``(input, total at low end, total at high end)``, largest swing first."""
    rows = [(bar.input, bar.total_low, bar.total_high) for bar in bars]
    rows.sort(key=lambda row: -abs(row[2] - row[1]))
    return rows


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
