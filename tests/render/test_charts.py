"""Charts: deterministic, escaped, accessible SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from crmselect.render import charts

NS = "{http://www.w3.org/2000/svg}"


def _points():
    return [
        charts.ValuePoint("A <b>", 0.9, 90.0, 100.0, 130.0, True, True),
        charts.ValuePoint("Bé 销售", 0.7, 60.0, 70.0, 95.0, True, False),
        charts.ValuePoint("C", 0.6, 80.0, 110.0, 140.0, False, False),
    ]


def test_value_chart_is_well_formed_accessible_svg():
    svg = charts.value_chart(_points(), "CNY")
    root = ET.fromstring(svg)
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    assert root.find(NS + "title").text == "Fit against total cost (CNY, P50 with P10–P90)"
    labels = [t.text for t in root.iter(NS + "text")]
    assert "A <b>" in labels  # parsed back: it was escaped in the source
    assert "Bé 销售 (not qualified)" in labels
    assert "<b>" not in svg
    # two Pareto diamonds (paths), one hollow circle
    assert len(root.findall(NS + "path")) == 2
    assert len(root.findall(NS + "circle")) == 1


def test_charts_are_deterministic():
    assert charts.value_chart(_points(), "EUR") == charts.value_chart(_points(), "EUR")
    series = [("licence", [1.0, 2.0]), ("support", [0.5, 0.25])]
    a = charts.stacked_bars("t", ["Year 1", "Year 2"], series, "EUR", "s")
    assert a == charts.stacked_bars("t", ["Year 1", "Year 2"], series, "EUR", "s")


def test_stacked_bars_heights_add_up():
    series = [("licence", [100.0, 50.0]), ("support", [100.0, 0.0])]
    root = ET.fromstring(charts.stacked_bars("t", ["Y1", "Y2"], series, "EUR", "s"))
    rects = [r for r in root.iter(NS + "rect") if r.find(NS + "title") is not None]
    heights = [float(r.get("height")) for r in rects]
    # year 1 stacks 100 + 100, year 2 shows 50: its bar is a quarter of year 1's
    assert len(heights) == 3
    assert abs((heights[0] + heights[1]) / heights[2] - 4.0) < 0.05


def test_every_chart_renders_empty_input():
    for svg in (
        charts.value_chart([], "EUR"),
        charts.stacked_bars("t", [], [], "EUR", "a"),
        charts.line_chart("t", [], [], "EUR", "b"),
        charts.box_chart("t", [], "EUR", "c"),
        charts.tornado_chart("t", 0.0, [], "EUR", "d"),
        charts.grouped_bars("t", [], [], "e"),
    ):
        assert ET.fromstring(svg).get("role") == "img"


def test_nice_ticks_cover_the_range():
    ticks = charts.nice_ticks(123.0, 987.0)
    assert ticks[0] <= 123.0 and ticks[-1] >= 987.0
    assert ticks == [100.0, 300.0, 500.0, 700.0, 900.0, 1100.0] or len(ticks) <= 8


def test_compact_money():
    assert charts.compact(1_250_000) == "1.25M"
    assert charts.compact(350_000) == "350k"
    assert charts.compact(12) == "12"


def test_tornado_and_box_chart_escape_labels():
    svg = charts.tornado_chart("t", 100.0, [("<x>", 80.0, 130.0)], "EUR", "t1")
    assert "&lt;x&gt;" in svg and "<x>" not in svg
    svg = charts.box_chart("t", [("<y>", 1.0, 2.0, 3.0)], "EUR", "b1", [3.5])
    assert "&lt;y&gt;" in svg


def test_rank_acceptability_bars_add_up_and_escape_names():
    # two vendors, three ranks; bars span 520 px (170..690) for 100%
    rows = [("A <b>", [0.5, 0.25, 0.25]), ("B 销售", [0.0, 0.75, 0.25])]
    svg = charts.rank_acceptability_chart("Rank acceptability", rows, "ra")
    root = ET.fromstring(svg)
    assert root.find(NS + "title").text == "Rank acceptability"
    labels = [t.text for t in root.iter(NS + "text")]
    assert "A <b>" in labels and "<b>" not in svg
    assert [x for x in labels if x.startswith("Rank")] == ["Rank 1", "Rank 2", "Rank 3"]
    bars = [r for r in root.iter(NS + "rect") if r.find(NS + "title") is not None]
    widths = [float(r.get("width")) for r in bars]
    # A: 260 + 130 + 130; B (no rank-1 segment): 390 + 130
    assert widths == [260.0, 130.0, 130.0, 390.0, 130.0]
    assert bars[0].find(NS + "title").text == "A <b>: rank 1 in 50%"
    assert "50%" in labels and "75%" in labels
    assert "No data" in charts.rank_acceptability_chart("t", [], "e")


def _label_boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every point label of a value chart with the box its text takes, read from the SVG."""
    import html as html_lib

    from crmselect.render.charts import LABEL_SIZE, label_box

    boxes = []
    pattern = re.compile(
        r'<text class="point-label" x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)" font-size="'
        + str(LABEL_SIZE)
        + r'" fill="[^"]*"( font-weight="bold")?>([^<]*)</text>'
    )
    for m in pattern.finditer(svg):
        text = html_lib.unescape(m.group(5))
        box = label_box(float(m.group(1)), float(m.group(2)), text, m.group(3), bool(m.group(4)))
        boxes.append((text, box))
    return boxes


def _overlaps(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.parametrize("gap", [0.0, 0.001, 0.01])
def test_labels_of_nearly_equal_vendors_never_overlap(gap: float) -> None:
    from crmselect.render.charts import ValuePoint, value_chart

    points = [
        ValuePoint("销售易 Neocrm", 0.83, 3.8e6, 4.05e6, 4.6e6, True, True),
        ValuePoint("纷享销客 Fxiaoke", 0.83 - gap, 2.8e6, 4.05e6 * (1 - gap), 3.3e6, True, True),
        ValuePoint(
            "Microsoft Dynamics 365 Sales",
            0.83 + gap,
            3.9e6,
            4.05e6 * (1 + gap),
            4.2e6,
            False,
            False,
        ),
        ValuePoint("Salesforce Sales Cloud", 0.2, 1.5e7, 1.7e7, 1.9e7, False, False),
    ]
    svg = value_chart(points, "CNY")
    boxes = _label_boxes(svg)
    assert sorted(t for t, _ in boxes) == sorted(
        [
            "销售易 Neocrm",
            "纷享销客 Fxiaoke",
            "Microsoft Dynamics 365 Sales (not qualified)",
            "Salesforce Sales Cloud (not qualified)",
        ]
    )  # full names: never cut to an ambiguous prefix
    for i, (a, box_a) in enumerate(boxes):
        assert box_a[0] >= 0 and box_a[0] + box_a[2] <= 720, a  # inside the chart
        for b, box_b in boxes[i + 1 :]:
            assert not _overlaps(box_a, box_b), (a, b)


def test_axis_ticks_of_a_narrow_cost_range_read_differently() -> None:
    """Two vendors 0.1% apart: the cost axis spans 418,000 to 419,000 in steps of 250, and
    every tick label differs (was "418k, 418k, 419k, 419k, 419k")."""
    from crmselect.render.charts import ValuePoint, compact, nice_ticks, tick_labels, value_chart

    ticks = nice_ticks(418_100.0, 418_950.0)
    assert ticks == [418_000.0, 418_200.0, 418_400.0, 418_600.0, 418_800.0, 419_000.0]
    assert tick_labels(ticks, compact) == ["418k", "418.2k", "418.4k", "418.6k", "418.8k", "419k"]
    assert tick_labels([0.0, 5e5, 1e6], compact) == ["0", "500k", "1M"]  # unchanged when distinct
    svg = value_chart(
        [
            ValuePoint("A", 1.0, 418_100.0, 418_100.0, 418_100.0, True, True),
            ValuePoint("B", 1.0, 418_950.0, 418_950.0, 418_950.0, True, False),
        ],
        "CNY",
    )
    assert "418.2k" in svg and svg.count(">418k<") == 1
