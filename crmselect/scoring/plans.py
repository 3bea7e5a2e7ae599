"""Support levels by plan, and automatic plan choice (scoring.md §3 and §5).

Shared by scoring and TCO: the plan and add-ons chosen here are the ones that are costed.
:func:`choose_plans` chooses once per vendor; the TCO result carries the choices and scoring
reads them from there (``score(..., plans=tco.plan_choices)``) instead of choosing again.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from crmselect.models.common import BUYABLE_LEVELS, DEFAULT_FIT
from crmselect.models.scorecard import Requirement, Scenario, Scorecard
from crmselect.models.selection import Selection
from crmselect.models.vendor import Addon, Vendor


def fit_table(scorecard: Scorecard) -> dict[str, float]:
    """Support level -> fit, with the scorecard's `support_levels` overrides."""
    table = dict(DEFAULT_FIT)
    for level, fit in scorecard.support_levels.items():
        table[level] = fit
    return table


def addons_for(vendor: Vendor, plan_name: str, feature: str) -> list[Addon]:
    """Add-ons that provide ``feature`` and can be bought with ``plan_name``."""
    return vendor.addons_with(plan_name, feature)


def support_level(vendor: Vendor, plan_name: str, feature: str) -> str:
    """:meth:`Vendor.support_level` (the rule lives on the vendor model)."""
    return vendor.support_level(plan_name, feature)


def plan_levels(vendor: Vendor, plan_name: str, features: list[str]) -> list[str]:
    """:meth:`Vendor.support_levels` (the rule lives on the vendor model)."""
    return vendor.support_levels(plan_name, features)


def starting_seats(scenario: Scenario) -> int:
    """Users in year 1."""
    seats = scenario.seats
    return seats[0] if isinstance(seats, list) else seats.start


FORCING_LEVELS = frozenset({"none", "roadmap"})
"""Must-have levels that may push plan choice to a more capable plan: a source says the plan
lacks the feature. `unknown` and `custom` never force an upgrade (decision.md §2)."""


class PlanCause(msgspec.Struct, frozen=True):
    """A must-have the chosen plan does not meet by claim, with its level on that plan."""

    requirement: str
    feature: str
    level: str

    def __str__(self) -> str:
        return f"{self.requirement} {self.feature}: {self.level}"


class PlanChoice(msgspec.Struct, frozen=True):
    """The plan a vendor is scored and costed on, and the add-ons it needs."""

    plan: str
    addons: tuple[str, ...]
    """Names of the add-ons bought, in the profile's order."""
    pinned: bool
    """True when the scorecard's `vendor_plans` named the plan."""
    meets_musts: bool
    """True when the plan meets every must-have by claim (add-ons allowed)."""
    case: int = 1
    """Which rule of decision.md §2 chose the plan: 1 every must-have met by claim; 2 of the
    plans on which no must-have is `none` or `roadmap`, the first that meets the most
    must-haves by claim; 3 the most capable plan. 0 when pinned."""
    causes: tuple[PlanCause, ...] = ()
    """In cases 2 and 3 (and for a pinned plan that misses some): each must-have not met by
    claim on the chosen plan, with its level there."""


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
        if table.get(addon.feature, "unknown") not in BUYABLE_LEVELS | {"addon"}:
            continue
        if addon.sold_with(plan_name):
            names.append(addon.name)
            covered.add(addon.feature)
    return tuple(names)


def choose_plan(
    vendor: Vendor,
    requirements: tuple[Requirement, ...],
    scorecard: Scorecard,
    scenario: Scenario,
) -> PlanChoice:
    """Plan choice of decision.md §2, unless `vendor_plans` pins a plan: among the plans that
    admit the starting seats, in upgrade order, (1) the first that meets every must-have by
    claim (add-ons allowed); else (2) of the plans on which no must-have is `none` or
    `roadmap`, the first that meets the most must-haves by claim (so an `unknown` or `custom`
    must-have never forces an upgrade, but a plan that claims a must-have is preferred to one
    silent on it); else (3) the last plan."""
    fits = fit_table(scorecard)
    musts = [r for r in requirements if r.priority == "must"]
    seats = starting_seats(scenario)
    must_features = list(dict.fromkeys(r.feature for r in musts))

    found: dict[str, tuple[PlanCause, ...]] = {}

    def causes(plan_name: str) -> tuple[PlanCause, ...]:
        if plan_name not in found:
            levels = dict(
                zip(must_features, plan_levels(vendor, plan_name, must_features), strict=True)
            )
            found[plan_name] = tuple(
                PlanCause(r.id, r.feature, levels[r.feature])
                for r in musts
                if fits[levels[r.feature]] < scorecard.must_fit - 1e-9
            )
        return found[plan_name]

    def choice(plan_name: str, case: int, pinned: bool = False) -> PlanChoice:
        missing = causes(plan_name)
        return PlanChoice(
            plan_name,
            needed_addons(vendor, plan_name, requirements),
            pinned,
            not missing,
            case,
            missing,
        )

    pinned = scorecard.vendor_plans.get(vendor.id)
    if pinned is not None:
        return choice(pinned, 0, pinned=True)
    admitting = [p.name for p in vendor.plans if p.max_seats is None or seats <= p.max_seats]
    missing = {name: causes(name) for name in admitting}
    for name in admitting:
        if not missing[name]:
            return choice(name, 1)
    open_plans = [
        name for name in admitting if not any(c.level in FORCING_LEVELS for c in missing[name])
    ]
    if open_plans:
        # The most must-haves met by claim, then the cheaper (earlier) plan: a plan that claims
        # a must-have beats one that is silent on it, but silence never forces an upgrade.
        fewest = min(len(missing[name]) for name in open_plans)
        return choice(next(n for n in open_plans if len(missing[n]) == fewest), 2)
    return choice(vendor.plans[-1].name, 3)


def choose_plans(selection: Selection, ids: Sequence[str]) -> dict[str, PlanChoice]:
    """Vendor id -> its plan choice (:func:`choose_plan`), for the vendors ``ids``."""
    return {
        vid: choose_plan(
            selection.vendors[vid],
            selection.requirements,
            selection.scorecard,
            selection.scenarios[vid],
        )
        for vid in ids
    }
