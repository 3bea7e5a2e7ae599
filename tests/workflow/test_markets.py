"""`crmselect init --market --currency` writes a starter for that market that validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from crmselect.cli import app


@pytest.mark.parametrize(
    ("market", "currency", "feature"),
    [("CN", "CNY", "data-residency-cn"), ("GB", "GBP", "gdpr-tools"), ("EU", "EUR", "gdpr-tools"),
     ("US", "USD", "audit-log")],
)  # fmt: skip
def test_each_market_starter_validates_and_scores(
    runner, tmp_path, monkeypatch, market, currency, feature
) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "sel"), "--market", market, "-q"])
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir(tmp_path / "sel")
    text = Path("scorecard.yaml").read_text(encoding="utf-8")
    card = yaml.safe_load(text)
    assert card["organisation"]["market"] == market
    assert card["currency"] == currency
    assert currency not in card["fx"]
    assert "# replace with today's rate" in text or card["fx"] == {}
    assert "# fx_as_of: YYYY-MM-DD" in text
    it = yaml.safe_load(Path("requirements/it.yaml").read_text(encoding="utf-8"))
    assert feature in [r["feature"] for r in it["requirements"]]
    validated = runner.invoke(app, ["validate"])
    assert validated.exit_code == 0, validated.stderr
    scored = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "10"])
    assert scored.exit_code == 0, scored.stderr
    assert sorted(v["id"] for v in json.loads(scored.stdout)["vendors"]) == sorted(card["vendors"])


def test_gb_money_is_converted_at_the_reference_rate(runner, tmp_path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path / "gb"), "--market", "GB"]).exit_code == 0
    card = yaml.safe_load((tmp_path / "gb" / "scorecard.yaml").read_text(encoding="utf-8"))
    # The CN starter's 1,500,000 CNY budget at 0.79 GBP / 7.10 CNY per USD, two figures.
    assert card["scenario"]["budget"] == round(1_500_000 * 0.79 / 7.10, -4)
    assert card["fx"] == {"USD": 0.79}


def test_currency_alone_picks_its_market_and_unknown_ones_are_refused(runner, tmp_path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path / "eu"), "--currency", "EUR"]).exit_code == 0
    card = yaml.safe_load((tmp_path / "eu" / "scorecard.yaml").read_text(encoding="utf-8"))
    assert card["organisation"]["market"] == "EU"
    bad = runner.invoke(app, ["init", str(tmp_path / "jp"), "--currency", "JPY"])
    assert bad.exit_code == 2
    assert "no reference rates for JPY" in bad.stderr
    assert not (tmp_path / "jp").exists()
    assert runner.invoke(app, ["init", str(tmp_path / "fr"), "--market", "FR"]).exit_code == 2


def test_init_help_lists_the_markets(runner) -> None:
    result = runner.invoke(app, ["init", "--help"])
    assert "CN, GB, EU or US" in result.stdout
