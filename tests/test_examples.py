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
