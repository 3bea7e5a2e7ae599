"""The *Assumptions* section and the `assumptions` JSON (decision.md §4): every fx rate with its
date, the budget, the seat plan by year, each override as `path: profile value -> used value`,
the award rule, and the note that bloat days are not costed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app
from crmselect.decision import decide
from crmselect.io.loader import load_selection
from crmselect.render.report import render_html, render_markdown

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

EXTRA = """fx_as_of: 2026-11-30
award: {rule: price_quality, price_weight: 0.4, price_formula: linear}
overrides:
  alpha: {plans.Basic.per_seat_month: 8, scenario.training.hours_per_user: 12}
"""


@pytest.fixture
def card(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    path = tmp_path / "mini" / "scorecard.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "fx: {USD: 7.0}", "fx: {USD: {low: 6.8, mode: 7.0, high: 7.3}}"
    )
    text = text.replace("  discount_rate: 0.1\n", "  discount_rate: 0.1\n  budget: 900000\n")
    path.write_text(text + EXTRA, encoding="utf-8")
    return path


def test_report_states_the_assumptions(card: Path) -> None:
    decision = decide(load_selection(card), seed=42, simulations=500, draws=500)
    md = render_markdown(decision)
    section = md.split("## 2. Assumptions")[1].split("## 3.")[0]
    assert (
        "| Exchange rate | 1 USD = 7 CNY (simulated: 6.8–7.3 (triangular, mode 7)) (as of 2026-11-30) |"
        in section
    )
    assert "| Budget | 900,000 CNY over 3 years;" in section
    # 50 users, growing 20% a year: 50, 60, 72
    assert "| Seats by year | Y1 50 · Y2 60 · Y3 72 |" in section
    assert (
        "| Award rule | price 40% / quality 60%, linear price scoring, on the 3-year total |"
        in section
    )
    assert "- alpha: plans.Basic.per\\_seat\\_month: 10 -> 8" in section
    assert "- alpha: scenario.training.hours\\_per\\_user: 0 -> 12" in section
    assert "500 cost paths, 500 weight draws, seed 42" in section
    html = render_html(decision)
    assert '<section id="assumptions">' in html
    assert "alpha: plans.Basic.per_seat_month: 10 -&gt; 8" in html


def test_score_and_tco_json_carry_the_assumptions(card: Path) -> None:
    runner = CliRunner()
    for command in ("score", "tco"):
        result = runner.invoke(
            app, [command, str(card), "-f", "json", "-q", "--simulations", "200"]
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        a = data["assumptions"]
        assert a["fx"]["USD"] == {
            "value": 7.0,
            "dist": "triangular",
            "low": 6.8,
            "mode": 7.0,
            "high": 7.3,
        }
        assert a["fx_as_of"] == "2026-11-30"
        assert a["budget"] == 900000
        assert a["seats_by_year"] == [50, 60, 72]
        assert a["growth_draw"] == "path"
        assert a["award"]["rule"] == "price_quality" and a["award"]["price_weight"] == 0.4
        texts = [o["text"] for o in a["overrides"]]
        assert "alpha: plans.Basic.per_seat_month: 10 -> 8" in texts
        assert a["simulations"] == 200 and a["seed"] == 42
        assert data["award"]["price_formula"] == "linear"


def test_a_negotiated_quote_changes_the_licence(card: Path) -> None:
    # alpha is costed on Basic at 8 USD instead of 10: year-1 licence 12 * 50 * 8 * 7.0 CNY.
    decision = decide(load_selection(card), seed=42, simulations=0, draws=100)
    alpha = decision.tco.vendor("alpha")
    assert alpha.plan_by_year[0] == "Basic"
    assert alpha.costs["licence"][0] == pytest.approx(12 * 50 * 8 * 7.0)


def test_no_conversion_is_said_not_left_empty(card: Path) -> None:
    # beta prices in CNY, the scorecard's currency: with beta alone there is no rate to state.
    result = CliRunner().invoke(
        app, ["score", str(card), "--only", "beta", "-f", "json", "-q", "--simulations", "100"]
    )
    assert result.exit_code == 0, result.output
    a = json.loads(result.stdout)["assumptions"]
    assert a["fx"] == {}
    assert a["conversion"] == "no conversion: every vendor prices in CNY"
    decision = decide(load_selection(card), seed=42, simulations=0, draws=100, vendors=["beta"])
    section = render_markdown(decision).split("## 2. Assumptions")[1].split("## 3.")[0]
    assert "| Exchange rate | no conversion: every vendor prices in CNY |" in section
    assert "<td>no conversion: every vendor prices in CNY</td>" in render_html(decision)
    # with a rate to state, `conversion` names it
    both = decide(load_selection(card), seed=42, simulations=0, draws=100)
    assert both.score.assumptions.conversion.startswith("1 USD = 7 CNY (simulated:")
