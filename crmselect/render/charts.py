"""Charts as inline SVG: pure functions from plain numbers to an SVG string.

No script, no external resource, every text through :func:`html.escape`, coordinates with a
fixed number of decimals so that the same numbers give the same bytes. Each chart carries
``role="img"``, a ``<title>`` and a ``<desc>``; reports also print its numbers as a table.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from html import escape

import msgspec

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
"""Fixed series colours (Tableau 10), in order."""
INK = "#1f2933"
MUTED = "#6b7785"
GRID = "#e3e7ec"
FONT = 'system-ui, "Noto Sans CJK SC", sans-serif'


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def f(value: float) -> str:
    """A coordinate with one decimal, no ``-0.0``."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def e(text: object) -> str:
    return escape(str(text), quote=True)


def short(text: str, limit: int = 24) -> str:
    """A label cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compact(value: float, digits: int = 3) -> str:
    """Axis money: ``1250000`` -> ``1.25M``, ``350000`` -> ``350k`` (``digits`` significant)."""
    size = abs(value)
    if size >= 1e9:
        return f"{value / 1e9:.{digits}g}B"
    if size >= 1e6:
        return f"{value / 1e6:.{digits}g}M"
    if size >= 1e3:
        return f"{value / 1e3:.{digits}g}k"
    return f"{value:.{digits}g}"


def tick_labels(ticks: Sequence[float], fmt: Callable[[float], str]) -> list[str]:
    """Each tick's label; compact money gets as many digits as it takes for no two ticks to
    read alike (418,000 and 418,400 are "418k" and "418.4k", not "418k" twice)."""
    labels = [fmt(t) for t in ticks]
    if fmt is compact:
        digits = 3
        while len(set(labels)) < len(labels) and digits < 15:
            digits += 1
            labels = [compact(t, digits) for t in ticks]
    return labels


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``[low, high]`` (about ``count`` of them)."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        high = low + 1.0
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = [round(start, 10)]
    while ticks[-1] < high - step * 1e-9:
        ticks.append(round(start + step * len(ticks), 10))
    if len(ticks) == 1:
        ticks.append(round(start + step, 10))
    return ticks


class _Svg(msgspec.Struct):
    """A small SVG builder; ``parts`` are already escaped."""

    width: int
    height: int
    title: str
    desc: str
    chart_id: str
    parts: list[str] = msgspec.field(default_factory=list)

    def add(self, part: str) -> None:
        self.parts.append(part)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        anchor: str = "start",
        size: int = 12,
        fill: str = INK,
        weight: str = "normal",
        rotate: bool = False,
    ) -> None:
        transform = f' transform="rotate(-90 {f(x)} {f(y)})"' if rotate else ""
        bold = ' font-weight="bold"' if weight == "bold" else ""
        self.add(
            f'<text x="{f(x)}" y="{f(y)}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{fill}"{bold}{transform}>{e(text)}</text>'
        )

    def rect(self, x: float, y: float, w: float, h: float, fill: str, label: str = "") -> None:
        tip = f"<title>{e(label)}</title>" if label else ""
        self.add(
            f'<rect x="{f(x)}" y="{f(y)}" width="{f(max(w, 0))}" height="{f(max(h, 0))}" '
            f'fill="{fill}">{tip}</rect>'
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1
    ) -> None:
        self.add(
            f'<line x1="{f(x1)}" y1="{f(y1)}" x2="{f(x2)}" y2="{f(y2)}" stroke="{stroke}" '
            f'stroke-width="{f(width)}"/>'
        )

    def render(self) -> str:
        cid = e(self.chart_id)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {self.width} '
            f'{self.height}" width="{self.width}" height="{self.height}" role="img" '
            f'aria-labelledby="{cid}-t {cid}-d" font-family="{e(FONT)}">'
            f'<title id="{cid}-t">{e(self.title)}</title><desc id="{cid}-d">{e(self.desc)}</desc>'
        )
        return head + "".join(self.parts) + "</svg>"


class _Axis(msgspec.Struct, frozen=True):
    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def _x_axis(
    svg: _Svg,
    ticks: list[float],
    axis: _Axis,
    top: float,
    bottom: float,
    fmt: Callable[[float], str],
) -> None:
    for tick, label in zip(ticks, tick_labels(ticks, fmt), strict=True):
        x = axis(tick)
        svg.line(x, top, x, bottom, GRID)
        svg.text(x, bottom + 16, label, anchor="middle", size=11, fill=MUTED)


def _y_axis(
    svg: _Svg,
    ticks: list[float],
    axis: _Axis,
    left: float,
    right: float,
    fmt: Callable[[float], str],
) -> None:
    for tick, label in zip(ticks, tick_labels(ticks, fmt), strict=True):
        y = axis(tick)
        svg.line(left, y, right, y, GRID)
        svg.text(left - 6, y + 4, label, anchor="end", size=11, fill=MUTED)


def text_width(text: str, size: float = 11) -> float:
    """Estimated width in pixels of ``text`` at ``size``: CJK and other wide characters take
    about a full em, others a little over half."""
    return sum(
        size if unicodedata.east_asian_width(ch) in ("W", "F") else size * 0.6 for ch in text
    )


def _legend(
    svg: _Svg,
    names: Sequence[str],
    x: float,
    y: float,
    width: float,
    colours: Sequence[int] | None = None,
) -> None:
    cx, cy = x, y
    for position, name in enumerate(names):
        index = colours[position] if colours else position
        label = short(name, 22)
        step = 22 + text_width(label)
        if cx + step > x + width and cx > x:
            cx, cy = x, cy + 18
        svg.rect(cx, cy - 10, 12, 12, colour(index))
        svg.text(cx + 16, cy, label, size=11)
        cx += step


def _empty(title: str, chart_id: str) -> str:
    svg = _Svg(640, 80, title, "No data to chart.", chart_id)
    svg.text(320, 45, "No data", anchor="middle", fill=MUTED)
    return svg.render()


class ValuePoint(msgspec.Struct, frozen=True):
    """One vendor in the value chart."""

    label: str
    fit: float
    """0..1"""
    p10: float
    p50: float
    p90: float
    pareto: bool
    qualified: bool


def value_chart(points: Sequence[ValuePoint], currency: str, chart_id: str = "value") -> str:
    """Fit (y) against 5-year P50 total (x) with a P10–P90 bar; Pareto vendors drawn filled."""
    title = f"Fit against total cost ({currency}, P50 with P10–P90)"
    if not points:
        return _empty(title, chart_id)
    svg = _Svg(
        720,
        420,
        title,
        "Each vendor is a point: right is dearer, up fits better. Filled diamonds are vendors "
        "that no other vendor beats on both fit and cost.",
        chart_id,
    )
    left, right, top, bottom = 80, 690, 20, 360
    xt = nice_ticks(min(p.p10 for p in points), max(p.p90 for p in points))
    yt = nice_ticks(
        max(0.0, min(p.fit for p in points) - 0.05) * 100,
        min(1.0, max(p.fit for p in points)) * 100,
    )
    xa = _Axis(xt[0], xt[-1], left, right)
    ya = _Axis(yt[0], yt[-1], bottom, top)
    _x_axis(svg, xt, xa, top, bottom, compact)
    _y_axis(svg, yt, ya, left, right, lambda v: f"{v:.0f}%")
    svg.text((left + right) / 2, 395, f"Total cost, {currency} (P50; bar P10–P90)", anchor="middle")
    svg.text(18, (top + bottom) / 2, "Fit score", anchor="middle", rotate=True)
    front = sorted((p for p in points if p.pareto), key=lambda p: p.p50)
    if len(front) > 1:
        path = " ".join(f"{f(xa(p.p50))},{f(ya(p.fit * 100))}" for p in front)
        svg.add(f'<polyline points="{path}" fill="none" stroke="{MUTED}" stroke-dasharray="4 3"/>')
    for index, p in enumerate(points):
        x, y = xa(p.p50), ya(p.fit * 100)
        c = colour(index)
        svg.line(xa(p.p10), y, xa(p.p90), y, c, 2)
        svg.line(xa(p.p10), y - 5, xa(p.p10), y + 5, c, 2)
        svg.line(xa(p.p90), y - 5, xa(p.p90), y + 5, c, 2)
        tip = f"{p.label}: fit {p.fit * 100:.1f}%, P50 {compact(p.p50)} {currency}"
        if p.pareto:
            svg.add(
                f'<path d="M{f(x)},{f(y - 8)} L{f(x + 8)},{f(y)} L{f(x)},{f(y + 8)} '
                f'L{f(x - 8)},{f(y)} Z" fill="{c}" stroke="{INK}"><title>{e(tip)}</title></path>'
            )
        else:
            svg.add(
                f'<circle cx="{f(x)}" cy="{f(y)}" r="6" fill="#fff" stroke="{c}" '
                f'stroke-width="2.5"><title>{e(tip)}</title></circle>'
            )
    markers = [(xa(p.p50), ya(p.fit * 100)) for p in points]
    labels = [
        (
            x,
            y,
            short(p.label, 40) + ("" if p.qualified else " (not qualified)"),
            p.pareto,
        )
        for (x, y), p in zip(markers, points, strict=True)
    ]
    whiskers = [
        (xa(p.p10), y - 5, xa(p.p90) - xa(p.p10), 10)
        for (_, y), p in zip(markers, points, strict=True)
    ]
    for label in place_labels(labels, (left, top, 716, bottom), whiskers):
        if label.leader:
            svg.line(label.px, label.py, label.lx, label.ly, MUTED, 0.8)
        bold = ' font-weight="bold"' if label.bold else ""
        svg.add(
            f'<text class="point-label" x="{f(label.x)}" y="{f(label.y)}" '
            f'text-anchor="{label.anchor}" font-size="{LABEL_SIZE}" fill="{INK}"{bold}>'
            f"{e(label.text)}</text>"
        )
    return svg.render()


class PlacedLabel(msgspec.Struct, frozen=True):
    """A chart label where it was placed, its box, and the leader line to its point."""

    text: str
    bold: bool
    x: float
    y: float
    """Baseline of the text."""
    anchor: str
    box: tuple[float, float, float, float]
    """(left, top, width, height) of the text, estimated by :func:`text_width`."""
    px: float
    py: float
    leader: bool
    lx: float
    ly: float


LABEL_SIZE = 11
LABEL_HEIGHT = 14.0


def label_box(
    x: float, y: float, text: str, anchor: str, bold: bool
) -> tuple[float, float, float, float]:
    """The box a label's text occupies (bold text is about 8% wider)."""
    width = text_width(text, LABEL_SIZE) * (1.08 if bold else 1.0)
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return (left, y - LABEL_SIZE, width, LABEL_HEIGHT)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def place_labels(
    labels: Sequence[tuple[float, float, str, bool]],
    bounds: tuple[float, float, float, float],
    obstacles: Sequence[tuple[float, float, float, float]] = (),
) -> list[PlacedLabel]:
    """Place each point's label beside it where it overlaps no other label and no marker:
    right, left, above or below the point first, then further away with a leader line. Labels
    are never cut: a label that would leave the plot goes to the other side."""
    left, top, right, bottom = bounds
    markers = [(x - 9, y - 9, 18, 18) for x, y, _, _ in labels]
    placed: list[PlacedLabel] = []
    for index, (px, py, text, bold) in sorted(
        enumerate(labels), key=lambda item: (item[1][1], item[1][0])
    ):
        near = [
            (px + 12, py + 4, "start"),
            (px - 12, py + 4, "end"),
            (px + 10, py - 10, "start"),
            (px - 10, py - 10, "end"),
            (px + 10, py + 20, "start"),
            (px - 10, py + 20, "end"),
        ]
        far = [
            (px + dx, py + 4 + sign * step * LABEL_HEIGHT, anchor)
            for step in range(2, 25)
            for sign in (1, -1)
            for dx, anchor in ((24, "start"), (-24, "end"))
        ]
        others = [m for j, m in enumerate(markers) if j != index]
        chosen = None
        for x, y, anchor in [*near, *far]:
            box = label_box(x, y, text, anchor, bold)
            inside = (
                box[0] >= 2
                and box[0] + box[2] <= right
                and box[1] >= 2
                and box[1] + box[3] <= bottom + 30
            )
            if not inside:
                continue
            if any(_overlap(box, p.box) for p in placed) or any(_overlap(box, m) for m in others):
                continue
            if any(_overlap(box, o) for o in obstacles):
                continue
            chosen = (x, y, anchor, box)
            break
        if chosen is None:  # nowhere free: stack below the lowest label, with a leader
            lowest = max((p.box[1] + p.box[3] for p in placed), default=py)
            x, y, anchor = px + 24, lowest + LABEL_SIZE + 2, "start"
            chosen = (x, y, anchor, label_box(x, y, text, anchor, bold))
        x, y, anchor, box = chosen
        leader = abs(y - 4 - py) > LABEL_HEIGHT * 1.5
        lx = box[0] if anchor == "start" else box[0] + box[2]
        placed.append(PlacedLabel(text, bold, x, y, anchor, box, px, py, leader, lx, y - 4))
    del left, top
    return placed


def stacked_bars(
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    currency: str,
    chart_id: str,
    colours: Sequence[int] | None = None,
) -> str:
    """Bars per ``x_labels`` stacking each series' (non-negative) values, with a legend;
    ``colours`` gives each series' palette index (so a cost line keeps its colour across
    charts)."""
    if not x_labels or not series:
        return _empty(title, chart_id)
    names = [name for name, _ in series]
    totals = [sum(max(values[i], 0.0) for _, values in series) for i in range(len(x_labels))]
    svg = _Svg(720, 340, title, f"Cost by year and cost line, {currency}.", chart_id)
    left, right, top, bottom = 80, 700, 54, 300
    _legend(svg, names, left, 16, right - left, colours)
    yt = nice_ticks(0, max(totals) or 1.0)
    ya = _Axis(yt[0], yt[-1], bottom, top)
    _y_axis(svg, yt, ya, left, right, compact)
    slot = (right - left) / len(x_labels)
    width = min(slot * 0.6, 70)
    for i, label in enumerate(x_labels):
        x = left + slot * i + (slot - width) / 2
        base = 0.0
        for index, (name, values) in enumerate(series):
            value = max(values[i], 0.0)
            if value <= 0:
                continue
            y_top, y_bottom = ya(base + value), ya(base)
            fill = colour(colours[index] if colours else index)
            svg.rect(x, y_top, width, y_bottom - y_top, fill, f"{name}: {compact(value)}")
            base += value
        svg.text(x + width / 2, bottom + 16, label, anchor="middle", size=11, fill=MUTED)
        svg.text(x + width / 2, ya(base) - 4, compact(totals[i]), anchor="middle", size=10)
    svg.text(16, (top + bottom) / 2, currency, anchor="middle", rotate=True, size=11)
    return svg.render()


def line_chart(
    title: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    currency: str,
    chart_id: str,
) -> str:
    """One line per series over ``x_labels`` (cumulative cost curves)."""
    if not x_labels or not series:
        return _empty(title, chart_id)
    svg = _Svg(
        720, 360, title, f"Cumulative cost by year, {currency}, one line per vendor.", chart_id
    )
    left, right, top, bottom = 80, 690, 54, 320
    _legend(svg, [n for n, _ in series], left, 16, right - left)
    high = max(max(values) for _, values in series)
    yt = nice_ticks(0, high or 1.0)
    ya = _Axis(yt[0], yt[-1], bottom, top)
    xa = _Axis(0, max(len(x_labels) - 1, 1), left + 20, right - 20)
    _y_axis(svg, yt, ya, left, right, compact)
    for i, label in enumerate(x_labels):
        svg.text(xa(i), bottom + 16, label, anchor="middle", size=11, fill=MUTED)
    for index, (name, values) in enumerate(series):
        c = colour(index)
        path = " ".join(f"{f(xa(i))},{f(ya(v))}" for i, v in enumerate(values))
        svg.add(
            f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="2.5">'
            f"<title>{e(name)}</title></polyline>"
        )
        for i, v in enumerate(values):
            svg.add(f'<circle cx="{f(xa(i))}" cy="{f(ya(v))}" r="3" fill="{c}"/>')
    svg.text(16, (top + bottom) / 2, currency, anchor="middle", rotate=True, size=11)
    return svg.render()


def box_chart(
    title: str,
    rows: Sequence[tuple[str, float, float, float]],
    currency: str,
    chart_id: str,
    marks: Sequence[float | None] = (),
) -> str:
    """Per row a P10–P90 box with its P50 line; ``marks`` (optional, per row) draw a tick for
    the deterministic total plus contingency."""
    if not rows:
        return _empty(title, chart_id)
    height = 70 + 34 * len(rows)
    svg = _Svg(
        720, height, title, f"P10, P50 and P90 of each vendor's total, {currency}.", chart_id
    )
    left, right, top = 190, 690, 16
    bottom = height - 40
    values = [v for _, lo, mid, hi in rows for v in (lo, mid, hi)]
    values += [m for m in marks if m is not None]
    xt = nice_ticks(min(values), max(values))
    xa = _Axis(xt[0], xt[-1], left, right)
    _x_axis(svg, xt, xa, top, bottom, compact)
    for i, (label, lo, mid, hi) in enumerate(rows):
        y = top + 10 + 34 * i
        c = colour(i)
        svg.text(left - 8, y + 15, short(label, 26), anchor="end", size=12)
        svg.rect(xa(lo), y + 4, xa(hi) - xa(lo), 16, c, f"P10 {compact(lo)}, P90 {compact(hi)}")
        svg.line(xa(mid), y, xa(mid), y + 24, INK, 2.5)
        mark = marks[i] if i < len(marks) else None
        if mark is not None:
            m = xa(mark)
            svg.add(
                f'<path d="M{f(m)},{f(y)} L{f(m + 5)},{f(y - 6)} L{f(m - 5)},{f(y - 6)} Z" '
                f'fill="{INK}"><title>total + contingency {e(compact(mark))}</title></path>'
            )
    svg.text((left + right) / 2, height - 8, f"Total cost, {currency}", anchor="middle", size=11)
    return svg.render()


def tornado_chart(
    title: str,
    base: float,
    rows: Sequence[tuple[str, float, float]],
    currency: str,
    chart_id: str,
) -> str:
    """Per uncertain input, a bar from the total at its low end to the total at its high end,
    around the deterministic ``base`` total; rows in the order given (largest swing first)."""
    if not rows:
        return _empty(title, chart_id)
    height = 70 + 28 * len(rows)
    svg = _Svg(
        720,
        height,
        title,
        f"Effect of each uncertain input on the total, {currency}.",
        chart_id,
    )
    left, right, top = 230, 690, 16
    bottom = height - 40
    values = [base] + [v for _, lo, hi in rows for v in (lo, hi)]
    xt = nice_ticks(min(values), max(values))
    xa = _Axis(xt[0], xt[-1], left, right)
    _x_axis(svg, xt, xa, top, bottom, compact)
    for i, (label, lo, hi) in enumerate(rows):
        y = top + 8 + 28 * i
        svg.text(left - 8, y + 13, short(label, 32), anchor="end", size=11)
        a, b = sorted((lo, hi))
        svg.rect(xa(a), y + 2, xa(min(b, base)) - xa(a), 16, PALETTE[0], f"{label}: {compact(a)}")
        if b > base:
            svg.rect(
                xa(max(a, base)),
                y + 2,
                xa(b) - xa(max(a, base)),
                16,
                PALETTE[1],
                f"{label}: {compact(b)}",
            )
    svg.line(xa(base), top, xa(base), bottom, INK, 1.5)
    svg.text(xa(base), bottom + 30, f"base {compact(base)} {currency}", anchor="middle", size=11)
    return svg.render()


def grouped_bars(
    title: str,
    groups: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    chart_id: str,
) -> str:
    """Horizontal bars of shares (0..1): one group per ``groups`` entry, one bar per series."""
    if not groups or not series:
        return _empty(title, chart_id)
    n = len(series)
    group_h = 10 + 12 * n
    height = 80 + group_h * len(groups)
    svg = _Svg(720, height, title, "Category scores of each vendor, 0 to 100%.", chart_id)
    left, right = 170, 690
    top = 44
    bottom = height - 30
    _legend(svg, [name for name, _ in series], 20, 16, 680)
    xa = _Axis(0, 100, left, right)
    _x_axis(svg, [0, 20, 40, 60, 80, 100], xa, top, bottom, lambda v: f"{v:.0f}%")
    for g, group in enumerate(groups):
        y0 = top + 6 + group_h * g
        svg.text(left - 8, y0 + group_h / 2, short(group, 22), anchor="end", size=12)
        for s, (name, values) in enumerate(series):
            value = max(0.0, min(1.0, values[g])) * 100
            svg.rect(left, y0 + 12 * s, xa(value) - left, 10, colour(s), f"{name}: {value:.0f}%")
    return svg.render()


def rank_acceptability_chart(
    title: str, rows: Sequence[tuple[str, Sequence[float]]], chart_id: str
) -> str:
    """One horizontal bar per vendor, stacked by the share of draws at rank 1, 2, …, m (SMAA-2
    rank acceptability); segments of 8% or more carry their percentage."""
    if not rows:
        return _empty(title, chart_id)
    m = len(rows[0][1])
    height = 84 + 30 * len(rows)
    svg = _Svg(
        720,
        height,
        title,
        "Share of the draws in which each vendor takes each rank, 0 to 100%.",
        chart_id,
    )
    left, right, top = 170, 690, 44
    bottom = height - 30
    _legend(svg, [f"Rank {r + 1}" for r in range(m)], left, 16, right - left)
    xa = _Axis(0, 100, left, right)
    _x_axis(svg, [0, 20, 40, 60, 80, 100], xa, top, bottom, lambda v: f"{v:.0f}%")
    for i, (name, shares) in enumerate(rows):
        y = top + 8 + 30 * i
        svg.text(left - 8, y + 14, short(name, 22), anchor="end", size=12)
        base = 0.0
        for r, share in enumerate(shares):
            value = max(0.0, float(share)) * 100
            if value <= 0:
                continue
            x0, x1 = xa(base), xa(min(base + value, 100.0))
            svg.rect(x0, y, x1 - x0, 20, colour(r), f"{name}: rank {r + 1} in {value:.0f}%")
            if value >= 8:
                svg.text((x0 + x1) / 2, y + 14, f"{value:.0f}%", anchor="middle", size=10, fill=INK)
            base += value
    return svg.render()
