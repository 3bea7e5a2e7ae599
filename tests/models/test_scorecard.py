"""The committee's files: scorecard, requirements, scenario and demo scores."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from crmselect.models import Requirement, RequirementFile, Scenario, Scorecard, ScoreFile
from crmselect.models.scorecard import BudgetSplit, SeatPlan

REQ = {
    "id": "R1",
    "title": "Contacts",
    "category": "functionality",
    "priority": "must",
    "feature": "contacts",
}
CARD: dict[str, Any] = {
    "kind": "scorecard",
    "title": "Selection",
    "currency": "CNY",
    "vendors": ["alpha", "beta"],
    "categories": {"functionality": {"weight": 60}, "integration": {"weight": 40}},
    "requirements": [REQ],
    "scenario": {"seats": {"start": 50}},
}


def card(**changes: Any) -> Scorecard:
    data = copy.deepcopy(CARD)
    data.update(changes)
    return Scorecard.model_validate(data)


def errors(model: Any, data: dict[str, Any]) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["loc"], e["msg"]) for e in info.value.errors()]


def test_defaults_follow_the_seeds() -> None:
    c = card()
    assert c.threshold == 0.80 and c.must_fit == 0.75
    assert c.weighting.method == "direct"
    s = c.scenario
    assert s.years == 5 and s.discount_rate == 0.10
    assert (s.budget_split.software, s.budget_split.services, s.budget_split.contingency) == (
        0.5,
        0.3,
        0.2,
    )
    assert s.seats == SeatPlan(start=50, growth=0.0)
    assert Requirement.model_validate(REQ).importance == 3


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"priority": "Must"}, ("priority",)),
        ({"priority": "should"}, ("priority",)),
        ({"importance": 0}, ("importance",)),
        ({"importance": 6}, ("importance",)),
        ({"importance": "5"}, ("importance",)),
        ({"id": 12}, ("id",)),
        ({"title": "a\x1bb"}, ("title",)),
        ({"custom_cost": -5}, ("custom_cost",)),
        ({"priorty": "must"}, ("priorty",)),
    ],
)
def test_requirement_rules(change: dict[str, Any], where: tuple) -> None:
    locs = [loc for loc, _ in errors(Requirement, {**REQ, **change})]
    assert where in locs


def test_a_vendor_listed_twice_is_located() -> None:
    with pytest.raises(ValidationError) as info:
        card(vendors=["alpha", "beta", "alpha"])
    (error,) = info.value.errors()
    assert error["loc"] == ("vendors", 2) and "listed twice" in error["msg"]


def test_direct_weights_must_all_be_given_and_not_all_zero() -> None:
    with pytest.raises(ValidationError) as info:
        card(categories={"functionality": {"weight": 60}, "integration": {}})
    (error,) = info.value.errors()
    assert error["loc"] == ("categories", "integration")
    with pytest.raises(ValidationError, match="add up to 0"):
        card(categories={"functionality": {"weight": 0}})


def test_ahp_weights_may_be_omitted_and_fractions_are_accepted() -> None:
    c = card(
        categories={"functionality": {}, "integration": {}},
        weighting={"method": "ahp", "pairwise": [["functionality", "integration", "1/3"]]},
    )
    assert c.weighting.pairwise == [("functionality", "integration", 1 / 3)]


@pytest.mark.parametrize("value", [10, 0.1, "1/10", "3:1", "three"])
def test_ahp_judgements_are_between_a_ninth_and_nine(value: Any) -> None:
    with pytest.raises(ValidationError):
        card(weighting={"method": "ahp", "pairwise": [["functionality", "integration", value]]})


@pytest.mark.parametrize(
    "change",
    [
        {"threshold": 80},
        {"must_fit": 1.5},
        {"currency": "rmb"},
        {"fx": {"USD": 0}},
        {"fx": {"USD": "7.1"}},
        {"vendors": []},
        {"categories": {}},
        {"organisation": {"name": "Co", "market": "cn"}},
        {"organisation": {"name": "Co", "market": False}},
        {"support_levels": {"excellent": 1}},
        {"overrides": {"alpha": {"services.day_rate": "cheap"}}},
        {"scenario": {"years": 5}},
    ],
)
def test_scorecard_field_rules(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        card(**change)


def test_market_no_is_a_country() -> None:
    assert card(organisation={"name": "Co", "market": "NO"}).organisation.market == "NO"


def scenario(**changes: Any) -> Scenario:
    return Scenario.model_validate({"seats": {"start": 50}, **changes})


def test_seat_list_needs_one_count_per_year() -> None:
    assert scenario(years=3, seats=[50, 80, 120]).seats == [50, 80, 120]
    loc, msg = errors(Scenario, {"years": 3, "seats": [50, 80]})[0]
    assert loc == ("seats",) and "seats lists 2 years but years is 3" in msg


def test_seats_report_one_error_whichever_form() -> None:
    assert [loc for loc, _ in errors(Scenario, {"seats": {"start": -50}})] == [
        ("seats", "plan", "start")
    ]
    assert [loc for loc, _ in errors(Scenario, {"years": 2, "seats": [50, 0]})] == [
        ("seats", "list", 1)
    ]
    assert len(errors(Scenario, {"seats": 50})) == 1


def test_budget_split_must_add_up_to_one() -> None:
    assert BudgetSplit(software=0.6, services=0.3, contingency=0.1).software == 0.6
    with pytest.raises(ValidationError, match="add up to 1"):
        BudgetSplit(software=0.5, services=0.3, contingency=0.3)


@pytest.mark.parametrize(
    "change",
    [
        {"years": 0},
        {"years": 31},
        {"discount_rate": 8},
        {"budget": -1},
        {"budget_split": "5:3:2"},
        {"migration": {"dirty_share": 17}},
        {"training": {"turnover": {"low": 0.1, "mode": 0.2, "high": 1.5}}},
        {"integrations": [{"name": "ERP", "cost": -1}]},
        {"support_hourly_rate": float("nan")},
        {"internal": {"admin_fte": "half"}},
        {"seats": {"start": 50, "growth": 11}},
    ],
)
def test_scenario_rules(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        scenario(**change)


def test_requirement_file_and_scores() -> None:
    assert (
        RequirementFile.model_validate({"kind": "requirements", "requirements": [REQ]}).owner
        is None
    )
    scores = {"kind": "scores", "evaluator": "Li Wei", "scores": {"alpha": {"R1": 4.5}}}
    assert ScoreFile.model_validate(scores).scores["alpha"]["R1"] == 4.5
    for bad in (6, -1, "4"):
        with pytest.raises(ValidationError):
            ScoreFile.model_validate({**scores, "scores": {"alpha": {"R1": bad}}})
    with pytest.raises(ValidationError):
        ScoreFile.model_validate({**scores, "evaluator": ""})
