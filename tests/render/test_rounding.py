"""One rounding rule for money people read (report-print.md §4): half away from zero."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app
from crmselect.render.common import money, rounded_table, thousands, whole

REPO = Path(__file__).resolve().parents[2]
ENV = {"NO_COLOR": "1", "CRMSELECT_WIDTH": "200", "SOURCE_DATE_EPOCH": "1767225600"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.5, 1), (1.5, 2), (2.5, 3), (-2.5, -3), (18442.5, 18443), (18442.49, 18442), (16.5, 17)],
)
def test_half_away_from_zero(value: float, expected: int) -> None:
    assert whole(value) == expected


def test_money_and_thousands() -> None:
    assert money(16500.5, "GBP") == "16,501 GBP"
    assert thousands(16500) == "17k"  # 16.5 thousand goes up, never to the even 16
    assert thousands(347_600, "EUR") == "348k EUR"
    assert money(None) == "–"
    with pytest.raises(ValueError):
        whole(float("inf"))


def test_rounded_table_shows_exact_totals() -> None:
    # three staff lines of 16,500 a year shown in thousands: 17 + 17 + 17 = 51, the exact
    # total 49.5 thousand shows as 50, and the table says its rows are rounded
    table = rounded_table({"a": [16500.0], "b": [16500.0], "c": [16500.0]}, unit=1000)
    assert table.rows == {"a": [17, 17], "b": [17, 17], "c": [17, 17]}
    assert table.totals == [50, 50] and not table.adds_up
    table = rounded_table({"a": [1000.0, 2000.0], "b": [3000.0, 4000.0]})
    assert table.totals == [4000, 6000, 10000] and table.adds_up


def test_the_same_amount_reads_the_same_in_every_output(tmp_path: Path) -> None:
    card = REPO / "scorecards" / "b2b-software-eu" / "scorecard.yaml"
    runner = CliRunner()
    tco_md = runner.invoke(app, ["tco", str(card), "-f", "md", "--simulations", "0"], env=ENV)
    assert tco_md.exit_code == 0, tco_md.output
    report = tmp_path / "r.md"
    done = runner.invoke(
        app, ["report", str(card), "-o", str(report), "--simulations", "0", "-q"], env=ENV
    )
    assert done.exit_code == 0, done.output
    text = report.read_text(encoding="utf-8")

    def support_rows(md: str) -> list[str]:
        return re.findall(r"^\| support \|([^\n]*)\|$", md, flags=re.M)

    tco_rows = [" ".join(r.replace("*", "").split()) for r in support_rows(tco_md.stdout)]
    report_rows = [" ".join(r.replace("*", "").split()) for r in support_rows(text)]
    assert tco_rows and report_rows and set(report_rows) <= set(tco_rows)
