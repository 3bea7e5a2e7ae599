"""The vendor profile (`kind: vendor`) and the feature catalogue (`kind: features`)."""

import re
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from crmselect.models.common import (
    BUYABLE_LEVELS,
    Count,
    Currency,
    Money,
    Name,
    Seats,
    Share,
    Strict,
    SupportLevel,
    Text,
    UncertainMoney,
    UncertainUplift,
    Url,
    located_error,
)

Confidence = Literal["vendor", "third_party", "estimate"]


def _year_month(value: str) -> str:
    if not re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", value):
        raise ValueError("must be a month written YYYY-MM, such as 2026-06")
    return value


YearMonth = Annotated[str, AfterValidator(_year_month)]


class Plan(Strict):
    """One edition of a CRM, with its own prices and the features it includes."""

    name: Name
    extends: Name | None = None
    """An earlier plan whose feature table this plan inherits (nothing else)."""
    per_seat_month: Money | None = None
    """List price per seat per month, billed annually (subscription plans)."""
    perpetual_per_seat: Money | None = None
    """One-time licence price per seat (on-premise plans)."""
    maintenance_pct: Share | None = None
    """Yearly maintenance as a share of perpetual licences bought (on-premise plans)."""
    min_seats: Seats = 1
    max_seats: Seats | None = None
    """The most users the plan admits; null for no limit."""
    base_fee_year: Money = 0
    onboarding_fee: Money = 0
    price_confidence: Confidence | None = None
    support_pct_of_licence: Share | None = None
    """This plan's premium support share, where it differs from the profile's `services`
    figure (0 for a plan that includes premium support in its price)."""
    notes: Text | None = None
    features: dict[Name, SupportLevel] = {}

    @model_validator(mode="after")
    def _one_price(self) -> "Plan":
        if self.per_seat_month is None and self.perpetual_per_seat is None:
            raise ValueError("give a price: per_seat_month or perpetual_per_seat")
        if self.per_seat_month is not None and self.perpetual_per_seat is not None:
            raise located_error(
                "Plan",
                ("perpetual_per_seat",),
                "give only one of per_seat_month and perpetual_per_seat",
                self.perpetual_per_seat,
            )
        if self.maintenance_pct is not None and self.perpetual_per_seat is None:
            raise ValueError("maintenance_pct goes with perpetual_per_seat")
        if self.max_seats is not None and self.max_seats < self.min_seats:
            raise ValueError("max_seats is below min_seats")
        return self

    @property
    def perpetual(self) -> bool:
        return self.perpetual_per_seat is not None


class Addon(Strict):
    """A feature bought on top of a plan, per seat or per year."""

    name: Name
    feature: Name
    per_seat_month: Money = 0
    per_year: Money = 0
    plans: list[Name] | None = None
    """Plans it can be bought with; null for all."""

    def sold_with(self, plan_name: str) -> bool:
        """True when the add-on can be bought with the plan ``plan_name``."""
        return self.plans is None or plan_name in self.plans


class Contract(Strict):
    annual_uplift: UncertainUplift = 0.0
    """Yearly list-price escalation at renewal (range ok)."""
    uplift_cap: Share | None = None
    """A contractual cap on the uplift; null for none."""
    first_year_discount: Share = 0.0
    """0.9 means the first year costs 10% of list."""


class Services(Strict):
    implementation_days: UncertainMoney = 0
    day_rate: Money = 0
    support_pct_of_licence: Share = 0


class OnPrem(Strict):
    infrastructure_year: UncertainMoney = 0


class Sla(Strict):
    availability: Share | None = None
    response_hours: Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)] | None = None
    onsite_hours: Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)] | None = None


class Integrations(Strict):
    """What the vendor connects to. A key left out (null) means unknown, not absent."""

    rest_api: bool | None = None
    sso: list[Name] | None = None
    data_export: Literal["full", "partial", "none"] | None = None


class Limits(Strict):
    api_calls_per_day: Count | None = None
    storage_gb_per_seat: Money | None = None
    storage_gb_base: Money | None = None


class Vendor(Strict):
    """A CRM vendor's profile. Nothing in it is trusted: strings are data, URLs http(s) only."""

    kind: Literal["vendor"]
    id: Name
    name: Name
    website: Url | None = None
    deployment: Literal["saas", "on_prem", "hybrid"] = "saas"
    currency: Currency
    prices_as_of: YearMonth
    price_confidence: Confidence
    sources: list[Url] = []
    notes: Text | None = None
    plans: Annotated[list[Plan], Field(min_length=1)]
    addons: list[Addon] = []
    contract: Contract = Contract()
    services: Services = Services()
    on_prem: OnPrem | None = None
    sla: Sla = Sla()
    certifications: list[Name] = []
    """Certifications a source says the vendor holds (ISO27001, SOC2, MLPS3, ...)."""
    not_certified: list[Name] = []
    """Certifications a source says the vendor does not hold; a certification in neither list
    is unknown ("not confirmed by the profile")."""
    integrations: Integrations = Integrations()
    limits: Limits = Limits()

    @model_validator(mode="after")
    def _plans_consistent(self) -> "Vendor":
        seen: list[str] = []
        for index, plan in enumerate(self.plans):
            if plan.name in seen:
                raise located_error(
                    "Vendor", ("plans", index, "name"), f"plan '{plan.name}' is listed twice"
                )
            if plan.extends is not None and plan.extends not in seen:
                raise located_error(
                    "Vendor",
                    ("plans", index, "extends"),
                    f"plan '{plan.name}' extends '{plan.extends}', which is not an earlier plan; "
                    "list plans in upgrade order, cheapest first",
                )
            seen.append(plan.name)
        for index, addon in enumerate(self.addons):
            for position, name in enumerate(addon.plans or []):
                if name not in seen:
                    raise located_error(
                        "Vendor",
                        ("addons", index, "plans", position),
                        f"add-on '{addon.name}' names unknown plan '{name}'",
                    )
        return self

    def plan(self, name: str) -> Plan:
        """The plan called ``name``."""
        for plan in self.plans:
            if plan.name == name:
                return plan
        raise KeyError(name)

    def plan_index(self, name: str) -> int:
        return [p.name for p in self.plans].index(name)

    def features_of(self, plan_name: str) -> dict[str, str]:
        """The plan's full feature table, with what it inherits through ``extends``.

        A feature missing from the table is `unknown`, not `none` (decision.md §2): read it with
        ``table.get(feature, "unknown")``."""
        plan = self.plan(plan_name)
        table = dict(self.features_of(plan.extends)) if plan.extends else {}
        table.update(plan.features)
        return table

    def addons_with(self, plan_name: str, feature: str | None = None) -> list[Addon]:
        """The add-ons that can be bought with ``plan_name`` (those for ``feature`` when given)."""
        return [
            a
            for a in self.addons
            if a.sold_with(plan_name) and (feature is None or a.feature == feature)
        ]

    def support_levels(self, plan_name: str, features: Sequence[str]) -> list[str]:
        """Each feature's support level on the plan: `unknown` where its table does not list it,
        and `addon` where it is `none`, `roadmap` or `unknown` but an add-on for it can be bought
        with the plan."""
        table = self.features_of(plan_name)
        buyable = {a.feature for a in self.addons_with(plan_name)}
        levels = []
        for feature in features:
            level = table.get(feature, "unknown")
            levels.append("addon" if level in BUYABLE_LEVELS and feature in buyable else level)
        return levels

    def support_level(self, plan_name: str, feature: str) -> str:
        """:meth:`support_levels` of one feature."""
        return self.support_levels(plan_name, [feature])[0]

    def support_share(self, plan_name: str) -> float:
        """Premium support as a share of the licence on the plan: the plan's own share (support
        bundled in a top plan) where it states one, else the profile's."""
        own = self.plan(plan_name).support_pct_of_licence
        return self.services.support_pct_of_licence if own is None else own


class FeatureInfo(Strict):
    title: Text
    category: Name | None = None


class FeatureCatalogue(Strict):
    """`vendors/features.yaml`: the words requirement files and vendor profiles share."""

    kind: Literal["features"]
    features: dict[Name, FeatureInfo]
