"""`crmselect vendors list` and `crmselect vendors show ID` on a hand-written library."""

from __future__ import annotations

import json
import shutil

import pytest

from crmselect import console
from crmselect.cli import app
from tests.conftest import MINI

LIB = MINI / "vendors"
JUNE_2026 = "1782864000"  # 2026-07-01T00:00:00Z


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setattr(console.out, "_width", 200)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_2026)


def test_list_table(runner) -> None:
    result = runner.invoke(app, ["vendors", "list", "--vendors", str(LIB)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "│" in line]
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines]
    by_id = {row[0]: (row, cells[i + 1][0]) for i, row in enumerate(cells) if row[1]}
    alpha, alpha_detail = by_id["alpha"]
    assert alpha == ["alpha", "10–20 USD", "2026-06, 1 mo", "vendor"]
    assert alpha_detail == "Alpha CRM · saas · 2 plans"
    beta, beta_detail = by_id["beta"]
    # 2025-01 to 2026-07: 12 + 6 months.
    assert beta == ["beta", "100 CNY", "2025-01, 18 mo", "estimate"]
    assert beta_detail == "Beta 销售 · saas · 1 plan"
    assert "\x1b" not in result.stdout


def test_list_json(runner) -> None:
    result = runner.invoke(app, ["vendors", "list", "--vendors", str(LIB), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-07-01"
    assert [v["id"] for v in data["vendors"]] == ["alpha", "beta"]
    alpha = data["vendors"][0]
    assert (alpha["per_seat_month_min"], alpha["per_seat_month_max"]) == (10, 20)
    assert alpha["perpetual_per_seat_min"] is None
    assert alpha["plans"] == 2 and alpha["age_months"] == 1


def test_show_prints_every_section(runner) -> None:
    result = runner.invoke(app, ["vendors", "show", "alpha", "--vendors", str(LIB)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    for fragment in [
        "Alpha CRM",
        "https://alpha.example.com/",
        "10/seat-month",
        "20/seat-month",
        "1–60",  # Basic admits 1 to 60 users
        "1+",  # Pro has no seat limit
        "1,000",  # Pro's onboarding fee
        "WeCom connector",
        "10 / 20 / 40",  # implementation days low / mode / high
        "99.9%",
        "ISO27001",
        "saml",
        "https://alpha.example.com/pricing",
        "2026-06 (1 month old on 2026-07-01)",
    ]:
        assert fragment in text, fragment
    rows = {line.split("│")[1].strip(): line for line in text.splitlines() if "│" in line}
    # Pro extends Basic: contacts is inherited, forecasting is Pro's own, wecom is an add-on.
    assert [c.strip() for c in rows["contacts"].split("│")[2:4]] == ["native", "native"]
    assert [c.strip() for c in rows["forecasting"].split("│")[2:4]] == ["none", "native"]
    assert [c.strip() for c in rows["wecom"].split("│")[2:4]] == ["addon", "addon"]


def test_show_json(runner) -> None:
    result = runner.invoke(app, ["vendors", "show", "beta", "--vendors", str(LIB), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["vendor"]["name"] == "Beta 销售"
    assert data["features"]["forecasting"] == {"Standard": "partner"}
    assert data["age_months"] == 18


def test_show_unknown_id_suggests(runner) -> None:
    result = runner.invoke(app, ["vendors", "show", "alfa", "--vendors", str(LIB)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().endswith("did you mean 'alpha'?")
    assert "Traceback" not in result.output


def test_vendor_strings_are_never_markup(runner, tmp_path) -> None:
    lib = tmp_path / "vendors"
    shutil.copytree(LIB, lib)
    alpha = (lib / "alpha.yaml").read_text(encoding="utf-8")
    alpha = alpha.replace("name: Alpha CRM", 'name: "Evil [/bold] CRM"')
    alpha = alpha.replace("- name: Basic", '- name: "[red]Basic"').replace(
        "extends: Basic", 'extends: "[red]Basic"'
    )
    alpha = alpha.replace("plans: [Basic, Pro]", 'plans: ["[red]Basic", Pro]')
    (lib / "alpha.yaml").write_text(alpha, encoding="utf-8")
    listed = runner.invoke(app, ["vendors", "list", "--vendors", str(lib)])
    assert listed.exit_code == 0, listed.output
    assert "Evil [/bold] CRM" in listed.stdout
    shown = runner.invoke(app, ["vendors", "show", "alpha", "--vendors", str(lib)])
    assert shown.exit_code == 0, shown.output
    assert "Evil [/bold] CRM" in shown.stdout
    assert "[red]Basic" in shown.stdout


def test_an_invalid_profile_is_reported_with_its_location(runner, tmp_path) -> None:
    lib = tmp_path / "vendors"
    shutil.copytree(LIB, lib)
    beta = (lib / "beta.yaml").read_text(encoding="utf-8")
    (lib / "beta.yaml").write_text(beta.replace("per_seat_month: 100", "per_seat_month: -1"))
    result = runner.invoke(app, ["vendors", "list", "--vendors", str(lib)])
    assert result.exit_code == 1
    assert "beta.yaml:11:21: plans[0].per_seat_month:" in result.stderr


def test_a_missing_library_is_a_usage_error(runner, tmp_path) -> None:
    result = runner.invoke(app, ["vendors", "list", "--vendors", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_show_and_list_count_the_features_a_profile_answers(runner) -> None:
    # alpha answers 7 features in its plan tables (forecasting: none is an answer too) and
    # wecom through an add-on: 8 of the catalogue's 8. beta answers 5: the other 3 are unknown.
    result = runner.invoke(app, ["vendors", "show", "alpha", "--vendors", str(LIB)])
    assert result.exit_code == 0, result.output
    assert "8 of 8 catalogue features" in result.stdout
    result = runner.invoke(app, ["vendors", "show", "beta", "--vendors", str(LIB), "-f", "json"])
    data = json.loads(result.stdout)
    assert (data["features_known"], data["features_in_catalogue"]) == (5, 8)
    result = runner.invoke(app, ["vendors", "list", "--vendors", str(LIB), "-f", "json"])
    assert [v["features_known"] for v in json.loads(result.stdout)["vendors"]] == [8, 5]
