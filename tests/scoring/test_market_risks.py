"""Market-aware risks: the GDPR checks for EU/EEA and UK buyers, SOC 2 for US buyers."""

from __future__ import annotations

import pytest

from crmselect.models.vendor import Vendor
from crmselect.scoring.market import market_risks


def vendor(
    *, certifications=(), features=None, deployment="saas", addons=(), not_certified=()
) -> Vendor:
    return Vendor.model_validate(
        {
            "kind": "vendor",
            "id": "v",
            "name": "V",
            "currency": "EUR",
            "prices_as_of": "2026-10",
            "price_confidence": "vendor",
            "deployment": deployment,
            "plans": [
                {"name": "Base", "per_seat_month": 10, "features": {"contacts": "native"}},
                {
                    "name": "Top",
                    "extends": "Base",
                    "per_seat_month": 20,
                    "features": features or {},
                },
            ],
            "addons": list(addons),
            "certifications": list(certifications),
            "not_certified": list(not_certified),
        }
    )


def codes(risks) -> set[str]:
    return {r.code for r in risks}


def test_a_silent_profile_gets_the_three_gdpr_checks_worded_as_unconfirmed() -> None:
    risks = market_risks(vendor(), "DE", "Top")
    assert codes(risks) == {"gdpr-processor-terms", "eu-data-residency", "gdpr-tooling"}
    by_code = {r.code: r for r in risks}
    assert by_code["gdpr-processor-terms"].message.startswith("GDPR processor terms")
    assert "not confirmed by the profile" in by_code["eu-data-residency"].message
    assert "not confirmed by the profile" in by_code["gdpr-tooling"].message
    assert "Art. 28" in by_code["gdpr-processor-terms"].rule


def test_a_uk_buyer_reads_uk_gdpr() -> None:
    risks = market_risks(vendor(), "GB", "Top")
    assert any(r.message.startswith("UK GDPR processor terms") for r in risks)


def test_a_profile_that_answers_every_gdpr_question_has_no_gdpr_risk() -> None:
    ok = vendor(
        certifications=["ISO27001", "GDPR"],
        features={"data-residency-eu": "native", "gdpr-tools": "native"},
    )
    assert market_risks(ok, "NL", "Top") == ()
    # the features are on Top only: on Base they are unknown again
    assert codes(market_risks(ok, "NL", "Base")) == {"eu-data-residency", "gdpr-tooling"}


def test_an_explicit_none_is_said_plainly_and_an_addon_counts() -> None:
    risks = market_risks(
        vendor(
            features={"data-residency-eu": "none", "gdpr-tools": "none"},
            addons=[{"name": "Privacy pack", "feature": "gdpr-tools", "per_year": 500}],
        ),
        "FR",
        "Top",
    )
    assert codes(risks) == {"gdpr-processor-terms", "eu-data-residency"}
    residency = next(r for r in risks if r.code == "eu-data-residency")
    assert residency.message.startswith("no EU/UK data hosting in plan Top")


def test_self_hosting_keeps_the_vendor_out_of_the_data() -> None:
    # no processor terms or data location to check with the vendor; the tooling still matters
    assert codes(market_risks(vendor(deployment="on_prem"), "DE", "Top")) == {"gdpr-tooling"}


@pytest.mark.parametrize(
    ("certifications", "expected"),
    [((), {"no-soc2"}), (["SOC 2 Type II"], set()), (["soc2"], set()), (["SOC1"], {"no-soc2"})],
)
def test_a_us_buyer_asks_for_soc2(certifications, expected) -> None:
    assert codes(market_risks(vendor(certifications=certifications), "US", "Top")) == expected


def test_soc2_said_to_be_missing_reads_no_soc2() -> None:
    (risk,) = market_risks(vendor(not_certified=["SOC 2"]), "US", "Top")
    assert risk.message == "no SOC 2 report"


@pytest.mark.parametrize("market", ["CN", "JP", None])
def test_other_markets_get_no_gdpr_or_soc2_checks(market) -> None:
    assert market_risks(vendor(), market, "Top") == ()
