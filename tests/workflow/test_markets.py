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
    # The CN starter's 20,000 CNY migration project at 0.79 GBP / 7.10 CNY per USD, two figures.
    assert card["scenario"]["migration"]["fixed"] == round(20_000 * 0.79 / 7.10, -2)
    assert card["fx"] == {"USD": 0.79}


@pytest.mark.parametrize(("market", "currency"), [("CN", "CNY"), ("GB", "GBP"), ("EU", "EUR"), ("US", "USD"), (None, "CNY")])  # fmt: skip
def test_each_starter_is_sane_as_a_committee_runs_it(
    runner, tmp_path, monkeypatch, market, currency
) -> None:
    """The starter's budget rests on its own seat plan and the library's prices, the award
    rule is written out, and every command gives each input warning once."""
    args = ["init", str(tmp_path / "sel"), "-q"] + (["--market", market] if market else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir(tmp_path / "sel")
    text = Path("scorecard.yaml").read_text(encoding="utf-8")
    card = yaml.safe_load(text)
    assert card["currency"] == currency
    # decision.md's default rule, written out so that the committee sees (and may change) it.
    assert card["award"] == {
        "rule": "price_quality",
        "price_weight": 0.3,
        "price_formula": "lowest",
        "price_basis": "total",
    }
    costed = runner.invoke(app, ["tco", "-f", "json", "--simulations", "0"])
    assert costed.exit_code == 0, costed.stderr
    totals = sorted(v["total"] for v in json.loads(costed.stdout)["vendors"])
    middle = (totals[(len(totals) - 1) // 2] + totals[len(totals) // 2]) / 2
    budget = card["scenario"]["budget"]
    # The median vendor's 5-year total plus the 5:3:2 rule's 20% contingency, rounded up to
    # two significant figures: at least that, and less than 10% above it.
    assert middle / 0.8 <= budget < middle / 0.8 * 1.1
    assert budget > totals[0]
    assert f"the median 5-year total of its {len(totals)} vendors" in text
    assert f"{round(middle, -3):,.0f} {currency}" in text

    for command in (["validate"], ["score", "--sensitivity", "10"], ["tco"],
                    ["report", "-o", "report.md", "--sensitivity", "10"]):  # fmt: skip
        run = runner.invoke(
            app, [*command, "--simulations", "200"] if command[0] == "tco" else command
        )
        assert run.exit_code == 0, (command, run.stderr)
        assert run.stderr.count("matches no file yet") == 1, (command, run.stderr)
        if command[0] == "report":  # the report lists it too, once
            assert Path("report.md").read_text(encoding="utf-8").count("matches no file yet") == 1


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


def test_a_shortened_vendor_id_names_the_bundled_library_and_the_id(runner, tmp_path) -> None:
    """`hubspot` for `hubspot-sales-hub`: the message names the bundled library as such (not a
    path into the installed package) and suggests the one id that starts with it."""
    assert runner.invoke(app, ["init", str(tmp_path / "us"), "--market", "US", "-q"]).exit_code == 0
    card = tmp_path / "us" / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace(", hubspot-sales-hub,", ", hubspot,"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(card)])
    assert result.exit_code == 1
    assert (
        "vendors[1]: no vendor 'hubspot' in the bundled vendor library (crmselect vendors list); "
        "did you mean 'hubspot-sales-hub'?"
    ) in result.stderr
