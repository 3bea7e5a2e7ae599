"""Turn a vendor, its plan choice and its scenario into arrays the cost kernel reads.

Everything fixed (prices, seat limits, which add-ons each plan needs) becomes a per-plan vector,
already converted to the scorecard's currency; everything that may be uncertain becomes a named
:class:`Input`, so the deterministic model, the simulation and the tornado all feed the same
kernel (:func:`crmselect.tco.lines.cost_lines`) with arrays of different lengths.
"""

from __future__ import annotations

import msgspec
import numpy as np

from crmselect.models.common import Uncertain, is_uncertain, point_value
from crmselect.models.scorecard import Requirement, Scenario, Scorecard, SeatPlan
from crmselect.models.vendor import Vendor
from crmselect.models.workflow import OneOffQuote
from crmselect.scoring.plans import PlanChoice
from crmselect.tco.result import QuotedCost


class Input(msgspec.Struct, frozen=True):
    """One number of the model that a path may draw: scenario-level ones are shared by every
    vendor on a path (common random numbers), vendor-level ones are drawn per vendor."""

    name: str
    value: Uncertain
    level: str
    """``scenario`` or ``vendor``."""
    floor: float | None = 0.0
    ceiling: float | None = None
    per_year: bool = False
    """Drawn anew for every year after the first (seat growth under `growth_draw: year`); else
    one draw per path, used in every year."""

    @property
    def uncertain(self) -> bool:
        return is_uncertain(self.value)


class VendorModel(msgspec.Struct, frozen=True, eq=False):
    """The fixed part of one vendor's cost model; money in the scorecard's currency."""

    id: str
    name: str
    years: int
    plan_names: tuple[str, ...]
    start_plan: int
    """Index of the plan scoring chose (before any year-1 upgrade)."""
    per_seat_month: np.ndarray
    perpetual_per_seat: np.ndarray
    is_perpetual: np.ndarray
    maintenance_pct: np.ndarray
    min_seats: np.ndarray
    max_seats: np.ndarray
    """inf where the plan has no limit."""
    base_fee_year: np.ndarray
    onboarding_fee: np.ndarray
    addon_per_seat_month: np.ndarray
    """Per plan: the monthly seat price of the chosen add-ons that plan still needs."""
    addon_per_year: np.ndarray
    addon_names: tuple[str, ...]
    uplift_cap: float | None
    first_year_discount: float
    day_rate: float
    support_pct: np.ndarray
    """Per plan: premium support as a share of licence + add-ons."""
    fx: float
    on_prem: bool
    infrastructure_unestimated: bool
    unpriced_addons: tuple[str, ...]
    """Features a requirement needs that the year-1 plan offers as `addon` with no priced
    add-on in the profile: bought, but not in the total."""
    """On premise with no infrastructure figure (or hybrid with no on_prem block at all)."""
    seat_list: np.ndarray | None
    """The explicit seat counts, or None when seats grow from ``seats.start``."""
    seat_start: int
    custom_requirements: tuple[str, ...]
    """Requirement ids met only by `custom` on the year-1 plan."""
    default_custom_count: int
    """How many of those take `customization.per_requirement` (no own `custom_cost`)."""
    integration_names: tuple[str, ...]
    inputs: tuple[Input, ...]
    plan_choice: PlanChoice
    """The plan choice the model costs (made once per vendor; scoring reads the same)."""
    quoted: tuple[QuotedCost, ...] = ()
    """One-off costs quoted in RFI answers that apply on the year-1 plan (scorecard currency)."""
    fx_input: str | None = None
    """Name of the uncertain fx rate input (``fx.USD``), drawn once per path and shared by every
    vendor in that currency; None for the scorecard's own currency. Amounts above are converted
    at ``fx``; a path scales the vendor-currency lines by its rate over ``fx``."""


def upgrade(previous: np.ndarray, seats: np.ndarray, max_seats: np.ndarray) -> np.ndarray:
    """Plan index per path for a year: keep ``previous`` while it admits ``seats``, else the
    first later plan that does, else the last plan (the vendor has no plan for that many)."""
    last = len(max_seats) - 1
    fits = seats <= max_seats[previous]
    admits = seats[:, None] <= max_seats[None, :]
    later = np.arange(len(max_seats))[None, :] > previous[:, None]
    candidates = admits & later
    first = candidates.argmax(axis=1)
    return np.where(fits, previous, np.where(candidates.any(axis=1), first, last))


def scenario_inputs(scenario: Scenario) -> list[Input]:
    """The scenario's numbers as named inputs, in the order the workbook lists them."""
    s = scenario
    items: list[Input] = []
    if isinstance(s.seats, SeatPlan):
        per_year = s.seats.growth_draw == "year"
        items.append(Input("seats.growth", s.seats.growth, "scenario", -0.9, None, per_year))
    share = {"dirty_share", "certified_share", "turnover"}
    for group in ("migration", "training", "customization", "internal"):
        for key, value in getattr(s, group):
            ceiling = 1.0 if key in share else None
            items.append(Input(f"{group}.{key}", value, "scenario", 0.0, ceiling))
    for i, integration in enumerate(s.integrations):
        items.append(Input(f"integrations[{i}]", integration.cost, "scenario"))
    items.append(Input("support_hours_per_year", s.support_hours_per_year, "scenario"))
    items.append(Input("support_hourly_rate", s.support_hourly_rate, "scenario"))
    items.append(Input("discount_rate", s.discount_rate, "scenario", 0.0, 1.0))
    return items


def build_vendor_model(
    vendor: Vendor,
    requirements: tuple[Requirement, ...],
    scorecard: Scorecard,
    scenario: Scenario,
    choice: PlanChoice,
    fx: float,
    fx_value: Uncertain | None = None,
    quotes: tuple[OneOffQuote, ...] = (),
) -> VendorModel:
    """The arrays and inputs of one vendor on the plan chosen for it (scoring and costing use
    the same ``choice``); ``fx_value`` is the scorecard's rate for the vendor's currency as
    written (a range is simulated); ``quotes`` are the one-off costs its RFI answers give (in
    the vendor's currency)."""
    plans = vendor.plans
    names = tuple(p.name for p in plans)
    start = names.index(choice.plan)
    max_seats = np.array([np.inf if p.max_seats is None else p.max_seats for p in plans], float)
    seat_list = np.array(scenario.seats, float) if isinstance(scenario.seats, list) else None
    seat_start = int(
        scenario.seats[0] if isinstance(scenario.seats, list) else scenario.seats.start
    )
    year1_plan = names[int(upgrade(np.array([start]), np.array([seat_start]), max_seats)[0])]

    chosen = [a for a in vendor.addons if a.name in choice.addons]
    year1_table = vendor.features_of(year1_plan)
    priced = {a.feature for a in vendor.addons_with(year1_plan)}
    if vendor.support_share(year1_plan) > 0:
        priced.add("premium-support")  # priced as a share of the licence
    unpriced = tuple(
        dict.fromkeys(
            r.feature
            for r in requirements
            if year1_table.get(r.feature) == "addon" and r.feature not in priced
        )
    )
    addon_seat = np.zeros(len(plans))
    addon_year = np.zeros(len(plans))
    for k, plan in enumerate(plans):
        table = vendor.features_of(plan.name)
        for addon in chosen:
            if table.get(addon.feature, "none") != "native":
                addon_seat[k] += addon.per_seat_month * fx
                addon_year[k] += addon.per_year * fx

    inputs = scenario_inputs(scenario)
    contract, services = vendor.contract, vendor.services
    inputs.append(Input("contract.annual_uplift", contract.annual_uplift, "vendor", -0.5, 1.0))
    inputs.append(Input("services.implementation_days", services.implementation_days, "vendor"))
    on_prem = vendor.deployment in ("on_prem", "hybrid") and vendor.on_prem is not None
    infra = vendor.on_prem.infrastructure_year if vendor.on_prem is not None else 0.0
    inputs.append(Input("on_prem.infrastructure_year", infra if on_prem else 0.0, "vendor"))
    unestimated = (vendor.deployment == "on_prem" and point_value(infra) == 0) or (
        vendor.deployment == "hybrid" and vendor.on_prem is None
    )

    fx_input = None
    if fx_value is not None and vendor.currency != scorecard.currency:
        fx_input = f"fx.{vendor.currency}"
        inputs.append(Input(fx_input, fx_value, "scenario", 1e-9))

    quoted = quoted_costs(vendor, year1_plan, requirements, quotes, fx)
    by_quote = {q.requirement for q in quoted if q.line == "customization"}
    levels = vendor.support_levels(year1_plan, [r.feature for r in requirements])  # one lookup
    custom = [r for r, level in zip(requirements, levels, strict=True) if level == "custom"]
    for r in custom:
        if r.custom_cost is not None and r.id not in by_quote:
            inputs.append(Input(f"custom_cost.{r.id}", r.custom_cost, "vendor"))

    def vec(attr: str, scale: float = fx) -> np.ndarray:
        return np.array([(getattr(p, attr) or 0.0) * scale for p in plans], float)

    return VendorModel(
        id=vendor.id,
        name=vendor.name,
        years=scenario.years,
        plan_names=names,
        start_plan=start,
        per_seat_month=vec("per_seat_month"),
        perpetual_per_seat=vec("perpetual_per_seat"),
        is_perpetual=np.array([p.perpetual for p in plans]),
        maintenance_pct=vec("maintenance_pct", 1.0),
        min_seats=vec("min_seats", 1.0),
        max_seats=max_seats,
        base_fee_year=vec("base_fee_year"),
        onboarding_fee=vec("onboarding_fee"),
        addon_per_seat_month=addon_seat,
        addon_per_year=addon_year,
        addon_names=tuple(a.name for a in chosen),
        uplift_cap=contract.uplift_cap,
        first_year_discount=contract.first_year_discount,
        day_rate=services.day_rate * fx,
        support_pct=np.array(
            [vendor.support_share(p.name) for p in plans],
            float,
        ),
        fx=fx,
        on_prem=on_prem,
        infrastructure_unestimated=unestimated,
        unpriced_addons=unpriced,
        seat_list=seat_list,
        seat_start=seat_start,
        custom_requirements=tuple(r.id for r in custom),
        default_custom_count=sum(
            1 for r in custom if r.custom_cost is None and r.id not in by_quote
        ),
        quoted=quoted,
        integration_names=tuple(i.name for i in scenario.integrations),
        inputs=tuple(inputs),
        plan_choice=choice,
        fx_input=fx_input,
    )


MET_LEVELS = ("native", "addon", "partner", "custom")
"""Levels at which a plan delivers a requirement (bought, partnered or built)."""


def quoted_costs(
    vendor: Vendor,
    plan: str,
    requirements: tuple[Requirement, ...],
    quotes: tuple[OneOffQuote, ...],
    fx: float,
) -> tuple[QuotedCost, ...]:
    """The RFI's one-off quotes that the cost of ``plan`` includes: a quote is paid where the
    plan meets its requirement at the answered level (a `custom` build replaces the
    requirement's `custom_cost`, under customization; any other level's one-off fee, such as
    setting up a connector, is implementation). A quote for a level the plan does not use, or
    for a requirement the plan does not deliver (none, roadmap), is not paid."""
    by_id = {r.id: r for r in requirements}
    costed = []
    for quote in quotes:
        req = by_id.get(quote.requirement)
        if req is None:
            continue
        level = vendor.support_level(plan, req.feature)
        if level != quote.support or level not in MET_LEVELS:
            continue
        line = "customization" if level == "custom" else "implementation"
        costed.append(
            QuotedCost(
                requirement=quote.requirement,
                support=level,
                line=line,
                amount=quote.amount * fx,
                source=quote.source,
            )
        )
    return tuple(costed)
