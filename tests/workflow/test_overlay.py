"""The committee's vendors/ folder overlays the bundled library (workflow.md §3)."""

from __future__ import annotations

import json
import shutil

import pytest

from crmselect._resources import bundled
from crmselect.cli import app
from tests.conftest import FIXTURES

CUSTOM = """kind: vendor
id: acme-crm
name: Acme CRM
currency: CNY
prices_as_of: "2026-06"
price_confidence: vendor
plans:
  - name: Only
    per_seat_month: 100
    features: {contacts: native, pipeline: native, wecom: native, certificate-reminders: native}
"""


@pytest.fixture
def selection(tmp_path, monkeypatch):
    """The mini selection with no vendor library of its own, comparing two bundled vendors."""
    folder = tmp_path / "sel"
    folder.mkdir()
    text = (FIXTURES / "mini" / "scorecard.yaml").read_text(encoding="utf-8")
    text = text.replace("vendors: [alpha, beta]", "vendors: [zoho-crm, fxiaoke]")
    (folder / "scorecard.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _score(runner, *args):
    result = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "10", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_one_custom_profile_adds_to_the_bundled_library(runner, selection) -> None:
    (selection / "vendors").mkdir()
    (selection / "vendors" / "acme-crm.yaml").write_text(CUSTOM, encoding="utf-8")
    card = selection / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            "vendors: [zoho-crm, fxiaoke]", "vendors: [zoho-crm, fxiaoke, acme-crm]"
        ),
        encoding="utf-8",
    )
    data = _score(runner)
    assert sorted(v["id"] for v in data["vendors"]) == ["acme-crm", "fxiaoke", "zoho-crm"]
    assert data["profiles"] == {
        "acme-crm": "committee",
        "fxiaoke": "bundled",
        "zoho-crm": "bundled",
    }
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_a_profile_with_a_bundled_id_replaces_it(runner, selection) -> None:
    assert runner.invoke(app, ["vendors", "copy", "zoho-crm"]).exit_code == 0
    copied = selection / "vendors" / "zoho-crm.yaml"
    assert copied.read_bytes() == (bundled("vendors") / "zoho-crm.yaml").read_bytes()
    text = copied.read_text(encoding="utf-8").replace("name: Zoho CRM", "name: Zoho CRM (ours)")
    copied.write_text(text, encoding="utf-8")
    data = _score(runner)
    zoho = next(v for v in data["vendors"] if v["id"] == "zoho-crm")
    assert zoho["name"] == "Zoho CRM (ours)"
    assert data["profiles"]["zoho-crm"] == "committee"


def test_features_extra_adds_features_and_refuses_bundled_keys(runner, selection) -> None:
    (selection / "vendors").mkdir()
    extra = selection / "vendors" / "features-extra.yaml"
    extra.write_text(
        "kind: features\nfeatures:\n  gsp-audit: {title: GSP audit trail}\n",
        encoding="utf-8",
    )
    card = selection / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            "  - {id: R6,",
            "  - {id: R7, title: GSP, category: integration, priority: nice, feature: gsp-audit}\n"
            "  - {id: R6,",
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["validate"]).exit_code == 0
    extra.write_text(
        "kind: features\nfeatures:\n  gsp-audit: {title: GSP audit trail}\n"
        "  contacts: {title: Our contacts}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert (
        "vendors/features-extra.yaml:4:3: features.contacts: feature 'contacts' is already in "
        "the bundled catalogue" in result.stderr
    )
    scored = runner.invoke(app, ["score"])
    assert scored.exit_code == 1
    assert "features-extra.yaml:4:3: features.contacts:" in scored.stderr


def test_a_folder_with_its_own_catalogue_is_a_complete_library(runner, selection) -> None:
    shutil.copytree(FIXTURES / "mini" / "vendors", selection / "vendors")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "no vendor 'zoho-crm' in vendors" in result.stderr
    card = selection / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            "vendors: [zoho-crm, fxiaoke]", "vendors: [alpha, beta]"
        ),
        encoding="utf-8",
    )
    data = _score(runner)
    assert sorted(v["id"] for v in data["vendors"]) == ["alpha", "beta"]
    assert data["profiles"] == {"alpha": "committee", "beta": "committee"}


def test_vendors_new_then_check(runner, selection) -> None:
    assert runner.invoke(app, ["vendors", "new", "acme-crm"]).exit_code == 0
    again = runner.invoke(app, ["vendors", "new", "acme-crm"])
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    starter = selection / "vendors" / "acme-crm.yaml"
    invalid = runner.invoke(app, ["validate", "vendors"])
    assert invalid.exit_code == 1
    assert "give a price: per_seat_month or perpetual_per_seat" in invalid.stderr
    starter.write_text(
        starter.read_text(encoding="utf-8").replace("per_seat_month: null ", "per_seat_month: 9 "),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["validate", "vendors"]).exit_code == 0
    check = runner.invoke(app, ["vendors", "check", "-f", "json"])
    assert check.exit_code == 0, check.stderr
    rows = {row["id"]: row for row in json.loads(check.stdout)["profiles"]}
    assert rows["acme-crm"]["profile"] == "committee"
    assert rows["acme-crm"]["estimated"] == ["prices"]
    assert rows["zoho-crm"]["profile"] == "bundled"


def test_vendors_check_informs_with_exit_0_on_stale_and_broken_profiles(
    runner, selection, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")  # 2028-01-01
    (selection / "vendors").mkdir()
    (selection / "vendors" / "broken.yaml").write_text("kind: vendor\nid: broken\n")
    result = runner.invoke(app, ["vendors", "check", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)["profiles"]}
    assert rows["zoho-crm"]["stale"] is True
    assert rows["zoho-crm"]["age_months"] > 12
    assert rows["broken"]["problem"].startswith("5 problems: run crmselect validate")


def test_vendors_check_counts_the_features_each_profile_answers(runner, selection) -> None:
    """CUSTOM names four catalogue features (contacts, pipeline, wecom,
    certificate-reminders), all `native`: 4 known; the table says "4 of N"."""
    (selection / "vendors").mkdir()
    (selection / "vendors" / "acme-crm.yaml").write_text(CUSTOM, encoding="utf-8")
    (selection / "vendors" / "hazy-crm.yaml").write_text(
        CUSTOM.replace("acme-crm", "hazy-crm").replace("pipeline: native", "pipeline: unknown"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["vendors", "check", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)["profiles"]}
    catalogue = rows["acme-crm"]["features_in_catalogue"]
    assert catalogue is not None and catalogue > 50
    assert rows["acme-crm"]["features_known"] == 4
    assert rows["hazy-crm"]["features_known"] == 3  # unknown is not an answer
    assert rows["zoho-crm"]["features_known"] > 20
    table = runner.invoke(app, ["vendors", "check"])
    assert table.exit_code == 0, table.stderr
    assert f"4 of {catalogue}" in table.stdout
