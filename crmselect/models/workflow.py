"""The committee's workflow records: shortlisting entries and returned RFI questionnaires."""

import datetime as dt
import re
from typing import Annotated, Literal

import msgspec
from pydantic import AfterValidator, ConfigDict, Field

from crmselect.models.common import Money, Name, Seats, Share, Strict, SupportLevel, Text


def _iso_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("must be a date written YYYY-MM-DD, such as 2026-12-01")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a calendar date") from None
    return value


def region_code(value: str) -> str:
    """A region where data can be kept, as a code: ``DE``, ``GB``, ``UK``, ``US``, ``CN``, or
    ``EU``, ``EEA``; upper case. A name (``Germany``, ``Frankfurt``) is refused, never guessed."""
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}|EEA", code):
        raise ValueError(
            f"'{value.strip()}' is not a region code; write two-letter country codes "
            "(DE, GB, US, CN) or EU, EEA"
        )
    return code


RegionCode = Annotated[str, AfterValidator(region_code)]

IsoDate = Annotated[str, AfterValidator(_iso_date)]
"""A calendar date written YYYY-MM-DD (kept as text: YAML 1.2 reads it as a string)."""

ON_FIRST_USE = ConfigDict(defer_build=True)
"""For the RFI models: their validators are built when a response is first read, so commands
on a selection without RFI responses (most `score` runs) do not pay for building them."""


class Elimination(Strict):
    """A vendor the committee dropped, kept on record (workflow.md §4)."""

    vendor: Name
    stage: Text
    """Where it was dropped: "long list", "RFI", "demo", ..."""
    reason: Text
    date: IsoDate | None = None


class Retirement(Strict):
    """A requirement the committee dropped, kept on record (workflow.md §4)."""

    requirement: Name
    reason: Text
    date: IsoDate | None = None


class Answer(Strict):
    """A vendor's answer to one requirement of an RFI questionnaire."""

    model_config = ON_FIRST_USE

    support: SupportLevel
    plan: Name | None = None
    """The plan the answer holds for; null: every plan."""
    addon_price_per_seat_month: Money | None = None
    one_off_cost: Money | None = None
    evidence: Text | None = None
    comment: Text | None = None


class PricedPlan(Strict):
    """One plan of the RFI's pricing sheet, as in a vendor profile."""

    model_config = ON_FIRST_USE

    name: Name
    per_seat_month: Money | None = None
    per_seat_year: Money | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    min_seats: Seats = 1
    max_seats: Seats | None = None
    onboarding_fee: Money = 0
    annual_uplift: Annotated[float, Field(ge=-0.5, le=1, allow_inf_nan=False)] | None = None
    uplift_cap: Share | None = None
    first_year_discount: Share | None = None
    notes: Text | None = None


class Company(Strict):
    """The RFI's company sheet: what the vendor states about itself."""

    name: Name | None = None
    certifications: list[Name] = []
    data_residency: list[RegionCode] = []
    """Every region customer data can be kept in (the complete list)."""
    sla_availability: Share | None = None
    sla_response_hours: Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)] | None = None
    data_export: Literal["full", "partial", "none"] | None = None
    rest_api: bool | None = None
    api_calls_per_day: Annotated[int, Field(ge=0, le=10**10)] | None = None


class RfiResponse(Strict):
    """A returned RFI questionnaire (`kind: rfi-response`), written by `crmselect rfi import`."""

    model_config = ON_FIRST_USE

    kind: Literal["rfi-response"]
    vendor: Name
    received: IsoDate
    respondent: Text | None = None
    answers: dict[Name, Answer] = {}
    """Requirement id -> the vendor's answer; a requirement left out is unknown, not none."""
    pricing: list[PricedPlan] = []
    company: Company = Company()


class OneOffQuote(msgspec.Struct, frozen=True):
    """A one-off cost an RFI answer quotes for one requirement (building it, setting it up)."""

    requirement: str
    support: str
    """The level the answer gives: the cost is paid where the costed plan meets the
    requirement at that level (tco.md: customization for `custom`, else implementation)."""
    amount: float
    """In ``currency``, the vendor profile's (converted from the response's currency)."""
    currency: str
    source: str
    """``RFI received 2026-12-01``."""


class Residency(msgspec.Struct, frozen=True):
    """Where a vendor says customer data can be kept (the RFI's Company sheet)."""

    regions: tuple[str, ...]
    """As answered, upper case: ``EU``, ``UK``, ``US``, ``CN``, ``DE``, ..."""
    source: str


class RfiFacts(msgspec.Struct, frozen=True):
    """What a vendor's RFI responses state that its profile has no field for, each with the
    response it came from. Later responses replace earlier ones, requirement by requirement."""

    one_off: tuple[OneOffQuote, ...] = ()
    residency: Residency | None = None
    """None when no response answered the question (unknown, never "nowhere")."""
