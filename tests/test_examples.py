"""The bundled example selections tell the story their comments promise.

Checked through the library (`load_selection` and `score`), not through exact numbers, so
that vendor profile updates only fail these tests when they break the story."""

from pathlib import Path

import pytest

from crmselect.io.loader import load_selection, validate_paths
from crmselect.scoring import ScoreResult, score

ROOT = Path(__file__).parents[1]
MEDICAL = ROOT / "scorecards" / "medical-devices-cn" / "scorecard.yaml"
EU = ROOT / "scorecards" / "b2b-software-eu" / "scorecard.yaml"


def scored(path: Path) -> ScoreResult:
    return score(load_selection(path), draws=200)


def by_id(result: ScoreResult) -> dict:
    return {v.id: v for v in result.vendors}


@pytest.mark.parametrize("card", [MEDICAL, EU], ids=["medical", "eu"])
def test_example_validates(card):
    checked, problems = validate_paths([card.parent, ROOT / "vendors"])
    assert problems == []
    assert checked > 5


@pytest.mark.parametrize("card", [MEDICAL, EU], ids=["medical", "eu"])
def test_example_keeps_the_requirement_rules(card):
    reqs = load_selection(card).requirements
    musts = [r for r in reqs if r.priority == "must"]
    assert 20 <= len(reqs) <= 35
    assert len(musts) < len(reqs) / 2


def test_medical_both_chinese_vendors_qualify():
    vendors = by_id(scored(MEDICAL))
    for vid in ("fxiaoke", "neocrm"):
        assert vendors[vid].qualified, vendors[vid].reasons
        assert vendors[vid].fit >= 0.80
        assert vendors[vid].must_haves_met == vendors[vid].must_haves_total


def test_medical_salesforce_fails_on_wecom():
    salesforce = by_id(scored(MEDICAL))["salesforce-sales-cloud"]
    assert not salesforce.qualified
    assert "MD03" in salesforce.missing_must_haves  # 企业微信集成 WeCom integration


def test_medical_keeps_an_unverified_claim_and_a_disagreement():
    vendors = scored(MEDICAL).vendors
    assert any(v.unverified_claims for v in vendors)
    assert any(v.disagreements for v in vendors)


def test_eu_two_or_more_qualify_and_suitecrm_does_not():
    result = scored(EU)
    vendors = by_id(result)
    qualified = [v.id for v in result.vendors if v.qualified]
    assert len(qualified) >= 2
    assert not vendors["suitecrm"].qualified
    assert "S03" in vendors["freshsales"].unverified_claims  # the 'AI lead scoring' claim


def test_eu_ahp_weights_are_consistent():
    result = scored(EU)
    assert result.consistency_ratio is not None
    assert result.consistency_ratio < 0.10


US = ROOT / "scorecards" / "b2b-services-us" / "scorecard.yaml"
CHINA_ONLY = {"no-mlps3", "no-wecom-dingtalk"}
GDPR = {"gdpr-processor-terms", "eu-data-residency", "gdpr-tooling"}


def risk_codes(result: ScoreResult) -> set[str]:
    return {r.code for v in result.vendors for r in v.risks}


def test_eu_risks_are_the_gdpr_ones_not_china_s():
    result = scored(EU)
    codes = risk_codes(result)
    assert codes & GDPR and not codes & CHINA_ONLY and "no-soc2" not in codes
    assert {"salesflare", "sugarcrm"} <= {v.id for v in result.vendors}  # new library vendors


def test_eu_profiles_say_nothing_about_china():
    """The notes a European committee reads carry no China-only remarks (MLPS, WeCom)."""
    selection = load_selection(EU)
    for vendor in selection.vendors.values():
        notes = vendor.notes or ""
        assert "MLPS" not in notes and "WeCom" not in notes and "China" not in notes, vendor.id


def test_us_example_checks_soc2_and_nothing_european_or_chinese():
    checked, problems = validate_paths([US.parent, ROOT / "vendors"])
    assert problems == [] and checked >= 9
    result = scored(US)
    codes = risk_codes(result)
    assert "no-soc2" in codes and not codes & (GDPR | CHINA_ONLY)
    soc2 = {v.id for v in result.vendors if any(r.code == "no-soc2" for r in v.risks)}
    # the profiles that list a SOC 2 report are not flagged
    assert soc2.isdisjoint({"salesforce-sales-cloud", "hubspot-sales-hub", "zoho-crm", "close"})
