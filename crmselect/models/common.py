"""Building blocks shared by every file kind: strict base model, safe strings, money, ranges."""

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

# C0/C1 controls (newline allowed in free text), bidi overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class Strict(BaseModel):
    """Every input model: strict types, unknown keys refused, immutable after loading.

    The string under a field documents it; `crmselect.schemas` puts it in the JSON Schema
    (pydantic's `use_attribute_docstrings` would read every class's source at import)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def located_error(
    title: str, loc: tuple[str | int, ...], message: str, value: Any = None
) -> ValidationError:
    """A validation error at ``loc`` inside the model being validated.

    A model validator's plain ``ValueError`` is located at the model itself; raising this instead
    points the user at the field that is wrong (``plans[0].extends``, ``scenario.seats``).
    """
    error = PydanticCustomError("value_error", "{message}", {"message": message})
    return ValidationError.from_exception_data(
        title, [InitErrorDetails(type=error, loc=loc, input=value)]
    )


def _text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains a control or text-direction character; remove it")
    return value


def _name(value: str) -> str:
    _text(value)
    if _ZERO_WIDTH.search(value):
        raise ValueError("contains an invisible (zero-width) character; remove it")
    if "\n" in value or "\u2028" in value or "\u2029" in value:
        raise ValueError("must be one line")
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError("must be an http:// or https:// address")
    return value


def _currency(value: str) -> str:
    from crmselect.models.iso4217 import CODES, suggestion

    if not _CURRENCY.match(value) or value not in CODES:
        near = suggestion(value)
        hint = f"; did you mean '{near}'?" if near and near != value else ""
        raise ValueError(
            f"'{value}' is not an ISO 4217 currency code (such as CNY, USD or EUR){hint}"
        )
    return value


Text = Annotated[str, AfterValidator(_text)]
"""Free text: any Unicode except control and text-direction characters."""
Name = Annotated[str, AfterValidator(_name), Field(max_length=200)]
"""An id, a name or a key: also no invisible characters, not empty."""
Url = Annotated[str, AfterValidator(_url)]
"""An http(s) address, kept as written."""
Currency = Annotated[str, AfterValidator(_currency)]
MAX_AMOUNT = 1e12
"""The largest amount, rate or count an input may hold: far above any CRM budget, far below
where five to thirty years of arithmetic on it could overflow."""
Money = Annotated[float, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
"""A non-negative, finite amount, at most MAX_AMOUNT."""
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
"""A share between 0 and 1 (0.8 means 80%)."""
MAX_SEATS = 10_000_000
Count = Annotated[int, Field(ge=0, le=MAX_SEATS)]
Seats = Annotated[int, Field(ge=1, le=MAX_SEATS)]

SupportLevel = Literal["native", "addon", "partner", "custom", "roadmap", "none", "unknown"]
SUPPORT_LEVELS: tuple[str, ...] = (
    "native",
    "addon",
    "partner",
    "custom",
    "roadmap",
    "none",
    "unknown",
)
"""Best to worst. `none`: a source says the plan lacks it; `unknown`: no source says either way
(a feature missing from a plan's table, decision.md §2)."""
DEFAULT_FIT: dict[str, float] = {
    "native": 1.0,
    "addon": 1.0,
    "partner": 0.75,
    "custom": 0.5,
    "roadmap": 0.0,
    "none": 0.0,
    "unknown": 0.0,
}
"""Fit of each support level (scoring.md §3): no credit without evidence, so `unknown` is 0."""
BUYABLE_LEVELS: frozenset[str] = frozenset({"none", "roadmap", "unknown"})
"""Levels that become `addon` where an add-on for the feature can be bought with the plan."""

_Finite = Annotated[float, Field(allow_inf_nan=False)]


class Triangular(Strict):
    """`{low, mode, high}`: a triangular distribution."""

    dist: Literal["triangular"] | None = None
    """Optional: a range without `dist` is triangular."""
    low: _Finite
    mode: _Finite
    high: _Finite

    @model_validator(mode="after")
    def _ordered(self) -> "Triangular":
        if not self.low <= self.mode <= self.high:
            raise ValueError("needs low <= mode <= high")
        return self


class Pert(Triangular):
    """`{dist: pert, low, mode, high}`: a PERT (beta) distribution."""

    dist: Literal["pert"]  # type: ignore[assignment]  # a PERT range is a triangular one, narrowed


class Uniform(Strict):
    """`{dist: uniform, low, high}`."""

    dist: Literal["uniform"]
    low: _Finite
    high: _Finite

    @model_validator(mode="after")
    def _ordered(self) -> "Uniform":
        if not self.low <= self.high:
            raise ValueError("needs low <= high")
        return self


class Normal(Strict):
    """`{dist: normal, mean, sd}`; draws of amounts that cannot be negative are clipped at 0."""

    dist: Literal["normal"]
    mean: _Finite
    sd: Annotated[float, Field(ge=0, allow_inf_nan=False)]


Distribution = Triangular | Pert | Uniform | Normal


def _uncertain_tag(value: Any) -> str:
    # Serialising calls this with the model itself: a Triangular must not be tagged "number".
    if isinstance(value, Pert):
        return "pert"
    if isinstance(value, Triangular):
        return "triangular"
    if isinstance(value, Uniform):
        return "uniform"
    if isinstance(value, Normal):
        return "normal"
    if isinstance(value, dict):
        dist = value.get("dist")
        if dist is None or dist == "triangular":
            return "triangular"
        return dist if dist in ("uniform", "normal", "pert") else "unknown"
    return "number"


class _UnknownDist(Strict):
    """Catches an unknown `dist:` so that the only error is about the name, not the other keys."""

    model_config = ConfigDict(extra="ignore")

    dist: Literal["triangular", "uniform", "normal", "pert"]


def _bounded(ge: float | None, le: float | None) -> AfterValidator:
    def check(value: Any) -> Any:
        if isinstance(value, Normal):
            points = [value.mean]
        elif isinstance(value, Triangular):
            points = [value.low, value.mode, value.high]
        elif isinstance(value, Uniform):
            points = [value.low, value.high]
        else:
            points = [value]
        for point in points:
            if ge is not None and point < ge:
                raise ValueError(f"must be at least {ge:g}")
            if le is not None and point > le:
                hint = ""
                if le <= 10 and point <= 100:  # a share or a rate written as a percentage
                    what = "shares" if le == 1 else "rates"
                    hint = f"; write {what} as decimals, {point / 100:g} for {point:g}%"
                if le == MAX_AMOUNT:
                    raise ValueError(f"{point:g} is too large; the limit is {le:,.0f}")
                raise ValueError(f"must be at most {le:g}{hint}")
        return value

    return AfterValidator(check)


def uncertain(ge: float | None = 0, le: float | None = None) -> Any:
    """A number or a distribution (*range ok* in the formats), each point within [ge, le]."""
    return Annotated[
        Annotated[_Finite, Tag("number")]
        | Annotated[Triangular, Tag("triangular")]
        | Annotated[Uniform, Tag("uniform")]
        | Annotated[Normal, Tag("normal")]
        | Annotated[Pert, Tag("pert")]
        | Annotated[_UnknownDist, Tag("unknown")],
        Discriminator(_uncertain_tag),
        _bounded(ge, le),
    ]


Uncertain: TypeAlias = "float | Distribution"

if TYPE_CHECKING:  # what a type checker sees: a number or a distribution
    UncertainMoney: TypeAlias = Uncertain
    UncertainShare: TypeAlias = Uncertain
    UncertainUplift: TypeAlias = Uncertain
    UncertainGrowth: TypeAlias = Uncertain
    UncertainAny: TypeAlias = Uncertain
else:  # what pydantic validates: the same, with its bounds
    UncertainMoney = uncertain(0, MAX_AMOUNT)
    UncertainShare = uncertain(0, 1)
    UncertainUplift = uncertain(-0.5, 1)
    UncertainGrowth = uncertain(-0.9, 10)
    UncertainAny = uncertain(None, None)


def point_value(value: float | Distribution) -> float:
    """The deterministic value: mode (triangular, PERT), midpoint (uniform), mean (normal)."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Triangular):
        return value.mode
    if isinstance(value, Uniform):
        return (value.low + value.high) / 2
    return value.mean


def is_uncertain(value: object) -> bool:
    """True when the value is a distribution rather than a fixed number."""
    return isinstance(value, Triangular | Uniform | Normal)
