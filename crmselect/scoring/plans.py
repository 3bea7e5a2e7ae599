"""Support levels by plan, and automatic plan choice (scoring.md §3 and §5).

Shared by scoring and TCO: the plan and add-ons chosen here are the ones that are costed.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmselect.models.common import DEFAULT_FIT
from crmselect.models.scorecard import Requirement, Scenario, Scorecard
from crmselect.models.vendor import Addon, Vendor


def fit_table(scorecard: Scorecard) -> dict[str, float]:
    """Support level -> fit, with the scorecard's `support_levels` overrides."""
    table = dict(DEFAULT_FIT)
    for level, fit in scorecard.support_levels.items():
        table[level] = fit
    return table


def addons_for(vendor: Vendor, plan_name: str, feature: str) -> list[Addon]:
    """Add-ons that provide ``feature`` and can be bought with ``plan_name``."""
    return [
        addon
        for addon in vendor.addons
        if addon.feature == feature and (addon.plans is None or plan_name in addon.plans)
    ]


def support_level(vendor: Vendor, plan_name: str, feature: str) -> str:
    """The plan's support level for ``feature``; `none`/`roadmap` become `addon` when an
    add-on for the feature can be bought with the plan."""
    level = vendor.features_of(plan_name).get(feature, "none")
    if level in ("none", "roadmap") and addons_for(vendor, plan_name, feature):
        return "addon"
    return level


def plan_levels(vendor: Vendor, plan_name: str, features: list[str]) -> list[str]:
    """:func:`support_level` of many features at once (the plan's table is built once)."""
    table = vendor.features_of(plan_name)
    buyable = {
        addon.feature for addon in vendor.addons if addon.plans is None or plan_name in addon.plans
    }
    levels = []
    for feature in features:
        level = table.get(feature, "none")
        if level in ("none", "roadmap") and feature in buyable:
            level = "addon"
        levels.append(level)
    return levels


def starting_seats(scenario: Scenario) -> int:
    """Users in year 1."""
    seats = scenario.seats
    return seats[0] if isinstance(seats, list) else seats.start


@dataclass(frozen=True)
class PlanChoice:
    """The plan a vendor is scored and costed on, and the add-ons it needs."""

    plan: str
    addons: tuple[str, ...]
    """Names of the add-ons bought, in the profile's order."""
    pinned: bool
    """True when the scorecard's `vendor_plans` named the plan."""
    meets_musts: bool
    """True when the plan meets every must-have by claim (add-ons allowed)."""


def needed_addons(
    vendor: Vendor, plan_name: str, requirements: tuple[Requirement, ...]
) -> tuple[str, ...]:
    """The add-ons that ``plan_name`` needs for any requirement (the plan lacks the feature
    natively and an add-on provides it)."""
    wanted = {r.feature for r in requirements}
    table = vendor.features_of(plan_name)
    names: list[str] = []
    covered: set[str] = set()
    for addon in vendor.addons:
        if addon.feature not in wanted or addon.feature in covered:
            continue
        if table.get(addon.feature, "none") not in ("none", "roadmap", "addon"):
            continue
        if addon.plans is None or plan_name in addon.plans:
            names.append(addon.name)
            covered.add(addon.feature)
    return tuple(names)


def choose_plan(
    vendor: Vendor,
    requirements: tuple[Requirement, ...],
    scorecard: Scorecard,
    scenario: Scenario,
) -> PlanChoice:
    """The first plan in upgrade order that meets every must-have by claim and admits the
    starting seats; else the last plan (the vendor then cannot qualify). A pinned plan wins."""
    fits = fit_table(scorecard)
    musts = [r for r in requirements if r.priority == "must"]
    seats = starting_seats(scenario)

    must_features = list(dict.fromkeys(r.feature for r in musts))

    def meets(plan_name: str) -> bool:
        levels = plan_levels(vendor, plan_name, must_features)
        return all(fits[level] >= scorecard.must_fit for level in levels)

    pinned = scorecard.vendor_plans.get(vendor.id)
    if pinned is not None:
        return PlanChoice(pinned, needed_addons(vendor, pinned, requirements), True, meets(pinned))
    for plan in vendor.plans:
        admits = plan.max_seats is None or seats <= plan.max_seats
        if admits and meets(plan.name):
            return PlanChoice(
                plan.name, needed_addons(vendor, plan.name, requirements), False, True
            )
    last = vendor.plans[-1].name
    return PlanChoice(last, needed_addons(vendor, last, requirements), False, meets(last))
