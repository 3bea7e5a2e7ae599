"""The vendor profile's own rules."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from crmselect.models import Vendor
from crmselect.models.vendor import FeatureCatalogue, Plan

BASE: dict[str, Any] = {
    "kind": "vendor",
    "id": "gamma",
    "name": "Gamma CRM",
    "currency": "USD",
    "prices_as_of": "2026-06",
    "price_confidence": "vendor",
    "plans": [
        {"name": "Basic", "per_seat_month": 10, "features": {"contacts": "native"}},
        {
            "name": "Pro",
            "extends": "Basic",
            "per_seat_month": 20,
            "features": {"forecasting": "native"},
        },
    ],
}


def vendor(**changes: Any) -> Vendor:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return Vendor.model_validate(data)


def errors(**changes: Any) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as info:
        vendor(**changes)
    return [(e["loc"], e["msg"]) for e in info.value.errors()]


def plans(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [*copy.deepcopy(BASE["plans"]), *extra]


def test_the_base_profile_is_valid_with_defaults() -> None:
    v = vendor()
    assert v.deployment == "saas"
    assert v.plans[0].min_seats == 1 and v.plans[0].max_seats is None
    # Integrations left out are unknown (null), not absent.
    assert v.contract.annual_uplift == 0 and v.integrations.data_export is None
    assert v.integrations.rest_api is None


def test_extends_inherits_the_feature_table_only() -> None:
    v = vendor()
    assert v.features_of("Pro") == {"contacts": "native", "forecasting": "native"}
    assert v.features_of("Basic") == {"contacts": "native"}
    assert v.plan("Pro").per_seat_month == 20
    assert v.plan_index("Pro") == 1
    with pytest.raises(KeyError):
        v.plan("Enterprise")


def test_a_plan_overrides_what_it_inherits() -> None:
    extra = {
        "name": "Ent",
        "extends": "Pro",
        "per_seat_month": 40,
        "features": {"contacts": "custom"},
    }
    assert vendor(plans=plans(extra)).features_of("Ent") == {
        "contacts": "custom",
        "forecasting": "native",
    }


def test_extends_must_name_an_earlier_plan() -> None:
    bad = plans()
    bad[0]["extends"] = "Pro"
    ((loc, msg),) = errors(plans=bad)
    assert loc == ("plans", 0, "extends")
    assert "not an earlier plan" in msg


def test_a_plan_listed_twice() -> None:
    ((loc, msg),) = errors(plans=plans({"name": "Basic", "per_seat_month": 30}))
    assert loc == ("plans", 2, "name") and "listed twice" in msg


def test_exactly_one_kind_of_price() -> None:
    ((loc, msg),) = errors(plans=[{"name": "A", "per_seat_month": 1, "perpetual_per_seat": 900}])
    assert loc == ("plans", 0, "perpetual_per_seat") and "only one of" in msg
    ((loc, msg),) = errors(plans=[{"name": "A"}])
    assert loc == ("plans", 0) and "give a price" in msg


def test_perpetual_plans_and_maintenance() -> None:
    on_prem = vendor(
        deployment="on_prem",
        plans=[{"name": "A", "perpetual_per_seat": 900, "maintenance_pct": 0.2}],
        on_prem={"infrastructure_year": {"low": 1, "mode": 2, "high": 3}},
    )
    assert on_prem.plans[0].perpetual
    ((loc, msg),) = errors(plans=[{"name": "A", "per_seat_month": 1, "maintenance_pct": 0.2}])
    assert "maintenance_pct goes with perpetual_per_seat" in msg


def test_seat_limits() -> None:
    ((loc, msg),) = errors(
        plans=[{"name": "A", "per_seat_month": 1, "min_seats": 10, "max_seats": 5}]
    )
    assert "max_seats is below min_seats" in msg
    assert errors(plans=[{"name": "A", "per_seat_month": 1, "min_seats": 0}])
    assert errors(plans=[{"name": "A", "per_seat_month": 1, "max_seats": float("inf")}])


def test_addon_plans_must_exist() -> None:
    addon = {
        "name": "AI",
        "feature": "ai-scoring",
        "per_seat_month": 5,
        "plans": ["Pro", "Ultimate"],
    }
    ((loc, msg),) = errors(addons=[addon])
    assert loc == ("addons", 0, "plans", 1) and "unknown plan 'Ultimate'" in msg


def test_at_least_one_plan() -> None:
    assert errors(plans=[])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("prices_as_of", "2026-6"),
        ("prices_as_of", "2026-13"),
        ("prices_as_of", "June 2026"),
        ("price_confidence", "official"),
        ("deployment", "cloud"),
        ("website", "javascript:alert(1)"),
        ("sources", ["https://ok.example", "file:///etc/passwd"]),
        ("name", "Gamma \x1b[2J CRM"),
        ("currency", "usd"),
        ("sla", {"response_hours": "4:00"}),
        ("sla", {"availability": 99.9}),
        ("integrations", {"rest_api": "NO"}),
        ("integrations", {"data_export": "yes"}),
        ("contract", {"first_year_discount": 90}),
        ("contract", {"annual_uplift": 2}),
        ("services", {"day_rate": -1}),
        ("limits", {"api_calls_per_day": 2.5}),
        ("colour", "blue"),
    ],
)
def test_field_rules(field: str, value: Any) -> None:
    assert errors(**{field: value})


def test_plan_feature_levels_are_the_six_support_levels() -> None:
    with pytest.raises(ValidationError):
        Plan.model_validate({"name": "A", "per_seat_month": 1, "features": {"x": "yes"}})


def test_feature_catalogue() -> None:
    cat = FeatureCatalogue.model_validate(
        {
            "kind": "features",
            "features": {"wecom": {"title": "WeCom (企业微信)", "category": "localisation"}},
        }
    )
    assert cat.features["wecom"].category == "localisation"
    with pytest.raises(ValidationError):
        FeatureCatalogue.model_validate({"kind": "features", "features": {"x": {}}})


def test_profiles_are_frozen() -> None:
    with pytest.raises(ValidationError):
        vendor().name = "Other"  # type: ignore[misc]


def test_addon_buyability_and_support_level_on_a_plan() -> None:
    v = vendor(
        addons=[
            {
                "name": "Forecast+",
                "feature": "forecasting",
                "per_seat_month": 5,
                "plans": ["Basic"],
            },
            {"name": "WeCom link", "feature": "wecom", "per_year": 1000},
        ],
    )
    assert [a.name for a in v.addons_with("Basic")] == ["Forecast+", "WeCom link"]
    assert [a.name for a in v.addons_with("Pro")] == ["WeCom link"]
    assert [a.name for a in v.addons_with("Pro", "forecasting")] == []
    # native on Pro; bought as an add-on on Basic; unlisted but buyable; unlisted, no add-on
    assert v.support_levels("Pro", ["forecasting", "wecom", "sso"]) == [
        "native",
        "addon",
        "unknown",
    ]
    assert v.support_level("Basic", "forecasting") == "addon"
    assert v.support_level("Basic", "contacts") == "native"


def test_support_share_is_the_plans_own_else_the_profiles() -> None:
    plans = copy.deepcopy(BASE["plans"])
    plans[1]["support_pct_of_licence"] = 0.0  # support bundled in Pro
    v = vendor(plans=plans, services={"support_pct_of_licence": 0.2})
    assert v.support_share("Basic") == 0.2
    assert v.support_share("Pro") == 0.0
