"""pydantic errors -> located problems, and "did you mean" hints."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from crmselect.hints import did_you_mean
from crmselect.io.locate import field_names, problems_from_validation
from crmselect.io.yamlsafe import load_yaml_text
from crmselect.models import RequirementFile, Vendor


def test_did_you_mean_close_word() -> None:
    assert did_you_mean("priorty", ["priority", "importance"]) == "; did you mean 'priority'?"


def test_did_you_mean_ignores_case() -> None:
    assert did_you_mean("CNY", ["cny", "usd"]) == "; did you mean 'cny'?"


def test_did_you_mean_nothing_close() -> None:
    assert did_you_mean("zzz", ["priority", "importance"]) == ""
    assert did_you_mean("x", []) == ""


def test_did_you_mean_a_shortened_id() -> None:
    """`hubspot` is too short for a close match to `hubspot-sales-hub` (ratio 0.58), but it is
    the one id that starts with it; two such ids, or under three letters, suggest nothing."""
    ids = ["hubspot-sales-hub", "salesforce-sales-cloud", "zoho-crm-plus", "zoho-bigin-express"]
    assert did_you_mean("hubspot", ids) == "; did you mean 'hubspot-sales-hub'?"
    assert did_you_mean("Salesforce", ids) == "; did you mean 'salesforce-sales-cloud'?"
    assert did_you_mean("zoho", ids) == ""
    assert did_you_mean("hu", ids) == ""


def test_field_names_reach_nested_models() -> None:
    names = field_names(Vendor)
    assert {"per_seat_month", "implementation_days", "response_hours", "name"} <= names
    assert "dist" not in names


def problems(model, text: str) -> list[str]:
    doc = load_yaml_text(text, "f.yaml")
    with pytest.raises(ValidationError) as info:
        model.model_validate(doc.data)
    return sorted(str(p) for p in problems_from_validation(info.value, doc, model))


REQ = "kind: requirements\nrequirements:\n  - id: S1\n    title: Visits\n    category: usability\n"


def test_missing_key_points_at_its_parent_mapping() -> None:
    assert problems(RequirementFile, REQ + "    feature: mobile-app\n") == [
        "f.yaml:3:5: requirements[0].priority: required key is missing"
    ]


def test_unknown_key_points_at_the_key_with_a_hint() -> None:
    text = REQ + "    priority: nice\n    feature: mobile-app\n    importanse: 4\n"
    assert problems(RequirementFile, text) == [
        "f.yaml:8:5: requirements[0].importanse: unknown key; did you mean 'importance'?"
    ]


def test_wrong_value_points_at_the_value() -> None:
    text = REQ + "    priority: nice\n    feature: mobile-app\n    importance: 7\n"
    assert problems(RequirementFile, text) == [
        "f.yaml:8:17: requirements[0].importance: 7: input should be less than or equal to 5"
    ]


def test_string_field_given_a_number_asks_for_quotes() -> None:
    text = "kind: requirements\nrequirements:\n  - {id: 12, title: T, category: c, priority: nice, feature: f}\n"
    assert problems(RequirementFile, text) == [
        "f.yaml:3:10: requirements[0].id: expected text, got 12; quote it"
    ]


def test_a_list_where_a_mapping_is_expected() -> None:
    assert problems(RequirementFile, "kind: requirements\nrequirements: {a: 1}\n") == [
        "f.yaml:2:15: requirements: expected a list, got a mapping"
    ]


def test_one_problem_per_mistake_in_an_uncertain_number() -> None:
    vendor = (
        "kind: vendor\nid: v\nname: V\ncurrency: USD\nprices_as_of: '2026-06'\n"
        "price_confidence: vendor\nplans: [{name: A, per_seat_month: 1}]\n"
        "services: {implementation_days: {low: 30, mode: 20, high: 60}}\n"
    )
    assert problems(Vendor, vendor) == [
        "f.yaml:8:33: services.implementation_days: needs low <= mode <= high"
    ]


def test_unknown_distribution_names_the_choices() -> None:
    vendor = (
        "kind: vendor\nid: v\nname: V\ncurrency: USD\nprices_as_of: '2026-06'\n"
        "price_confidence: vendor\nplans: [{name: A, per_seat_month: 1}]\n"
        "services: {implementation_days: {dist: lognormal, low: 1, high: 2}}\n"
    )
    (message,) = problems(Vendor, vendor)
    assert message.startswith("f.yaml:8:")
    assert "'lognormal' is not one of triangular, uniform, normal, pert" in message
