"""The committee's files: scorecard, requirement lists, demo scores, and the TCO scenario."""

import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import AfterValidator, BeforeValidator, Discriminator, Field, Tag, model_validator

from crmselect.models.common import (
    MAX_SEATS,
    Currency,
    Distribution,
    Money,
    Name,
    Normal,
    Seats,
    Share,
    Strict,
    SupportLevel,
    Text,
    Triangular,
    Uncertain,
    UncertainAny,
    UncertainGrowth,
    UncertainMoney,
    UncertainShare,
    Uniform,
    located_error,
    uncertain,
)
from crmselect.models.workflow import Elimination, Retirement

Priority = Literal["must", "nice"]


class Requirement(Strict):
    """One need: what it is, how much it matters, and which catalogue feature answers it."""

    id: Name
    title: Text
    category: Name
    priority: Priority
    importance: Annotated[int, Field(ge=1, le=5)] = 3
    """1..5 within its category."""
    feature: Name
    custom_cost: UncertainMoney | None = None
    """Cost to build it where a vendor offers it only as `custom` (range ok)."""
    notes: Text | None = None


def _country(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError("must be an ISO 3166-1 alpha-2 code in capitals, such as CN, DE or NO")
    return value


class Organisation(Strict):
    name: Text
    industry: Name | None = None
    market: Annotated[str, AfterValidator(_country)] | None = None
    """ISO 3166-1 alpha-2 country code, such as CN or DE."""


class Category(Strict):
    weight: Annotated[float, Field(ge=0, le=1_000_000, allow_inf_nan=False)] | None = None


def _pair_value(value: Any) -> Any:
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
        if match and int(match.group(2)):
            return int(match.group(1)) / int(match.group(2))
    return value


def _as_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _yaml_date(value: Any) -> Any:
    """YAML reads an unquoted 2026-11-30 as a date; the field wants the text as written."""
    return value.isoformat() if isinstance(value, date) else value


PairValue = Annotated[
    float, BeforeValidator(_pair_value), Field(ge=1 / 9 - 1e-9, le=9, allow_inf_nan=False)
]
Pairwise = Annotated[tuple[Name, Name, PairValue], BeforeValidator(_as_tuple)]


class DirichletPrior(Strict):
    prior: Literal["dirichlet"]
    kappa: Annotated[float, Field(gt=0, le=1_000_000, allow_inf_nan=False)] = 50.0
    """Concentration: larger keeps the draws closer to the scorecard's weights."""


class UniformPrior(Strict):
    prior: Literal["uniform"]


class OrdinalPrior(Strict):
    prior: Literal["ordinal"]
    order: Annotated[list[Name], Field(min_length=1)]
    """Every category once, most important first."""


WeightPrior = Annotated[DirichletPrior | UniformPrior | OrdinalPrior, Discriminator("prior")]


class Weighting(Strict):
    method: Literal["direct", "ahp"] = "direct"
    pairwise: list[Pairwise] = []
    """`[a, b, x]`: a is x times as important as b (1/9..9; "1/3" is accepted)."""
    allow_inconsistent: bool = False
    """Turn a consistency ratio above 0.10 from an error into a warning."""
    uncertainty: WeightPrior = DirichletPrior(prior="dirichlet")
    """What the robustness weight draws come from: dirichlet, uniform or ordinal."""
    judgments_from: list[Text] = []
    """Files of `kind: judgments`, one per committee member (method: ahp)."""
    aggregation: Literal["aij", "aip"] = "aij"
    """Group judgments: geometric mean of judgments (aij) or mean of priorities (aip)."""


class Robustness(Strict):
    fits: Literal["fixed", "evaluators"] = "fixed"
    """`evaluators`: draw demo-scored and unknown fits too, not only the weights."""


class SeatPlan(Strict):
    start: Seats
    growth: UncertainGrowth = 0.0
    """Growth per year (range ok)."""
    growth_draw: Literal["path", "year"] = "path"
    """How a simulation draws an uncertain growth: once per path and used in every year
    (`path`, the default: a fast year 2 makes a fast year 3 likely), or anew every year
    (`year`, the behaviour of release 0.1)."""


class BudgetSplit(Strict):
    software: Share = 0.5
    services: Share = 0.3
    contingency: Share = 0.2

    @model_validator(mode="after")
    def _sums_to_one(self) -> "BudgetSplit":
        if abs(self.software + self.services + self.contingency - 1) > 1e-9:
            raise ValueError("software, services and contingency must add up to 1")
        for name in ("software", "services"):
            if getattr(self, name) == 0:
                raise located_error(
                    "BudgetSplit",
                    (name,),
                    f"must be above 0: the recommended budget is {name} / its share",
                )
        return self


class Migration(Strict):
    records: UncertainMoney = 0
    dirty_share: UncertainShare = 0
    cost_per_dirty_record: UncertainMoney = 0
    fixed: UncertainMoney = 0


class Training(Strict):
    hours_per_user: UncertainMoney = 0
    hourly_cost: UncertainMoney = 0
    certification_per_person: UncertainMoney = 0
    certified_share: UncertainShare = 0
    refresher_hours_per_user_year: UncertainMoney = 0
    turnover: UncertainShare = 0


class Customization(Strict):
    per_requirement: UncertainMoney = 0
    custom_fields: UncertainMoney = 0
    per_field: UncertainMoney = 0


class IntegrationCost(Strict):
    name: Text
    cost: UncertainMoney


class Internal(Strict):
    admin_fte: UncertainMoney = 0
    fte_cost_year: UncertainMoney = 0


class Scenario(Strict):
    """The TCO inputs, in the scorecard's currency."""

    years: Annotated[int, Field(ge=1, le=30)] = 5
    seats: Annotated[
        Annotated[SeatPlan, Tag("plan")] | Annotated[list[Seats], Field(min_length=1), Tag("list")],
        Discriminator(lambda v: "list" if isinstance(v, list) else "plan"),
    ]
    """`{start, growth}` or an explicit list, one count per year."""
    discount_rate: UncertainShare = 0.10
    """Nominal rate for NPV (Forrester TEI default 10%)."""
    budget: Money | None = None
    budget_split: BudgetSplit = BudgetSplit()
    migration: Migration = Migration()
    training: Training = Training()
    customization: Customization = Customization()
    integrations: list[IntegrationCost] = []
    support_hours_per_year: UncertainMoney = 0
    support_hourly_rate: UncertainMoney = 0
    internal: Internal = Internal()

    @model_validator(mode="after")
    def _seat_list_length(self) -> "Scenario":
        if isinstance(self.seats, list) and len(self.seats) != self.years:
            raise located_error(
                "Scenario",
                ("seats",),
                f"seats lists {len(self.seats)} years but years is {self.years}; give one per year",
            )
        if isinstance(self.seats, SeatPlan):
            growth = self.seats.growth
            high = _highest(growth)
            seats = float(self.seats.start)
            for year in range(2, self.years + 1):
                seats *= 1 + high
                if seats > MAX_SEATS:
                    raise located_error(
                        "Scenario",
                        ("seats", "growth"),
                        f"users reach {seats:.2g} in year {year}; the limit is {MAX_SEATS:,}",
                    )
        return self


def _highest(value: float | Distribution) -> float:
    """The largest value a number or distribution gives (a normal's mean + 4 sd)."""
    if isinstance(value, Normal):
        return value.mean + 4 * value.sd
    if isinstance(value, Triangular):
        return value.high
    if isinstance(value, Uniform):
        return value.high
    return float(value)


def _iso_date(value: str) -> str:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date written YYYY-MM-DD, such as 2026-11-30") from None
    return value


IsoDate = Annotated[str, BeforeValidator(_yaml_date), AfterValidator(_iso_date)]

if TYPE_CHECKING:
    FxRate: TypeAlias = Uncertain
else:
    FxRate = uncertain(None, 1e6)
    """At most a million units per unit: a larger rate is a slip (and would overflow totals)."""


def _positive_fx(value: Any) -> Any:
    low = value.low if hasattr(value, "low") else value.mean if hasattr(value, "mean") else value
    if isinstance(value, int | float) and value <= 0 or low <= 0:
        raise ValueError("an exchange rate must be above 0")
    return value


class Award(Strict):
    """How the committee turns fit and cost into one recommendation (decision.md §1), declared
    before the numbers are seen."""

    rule: Literal["price_quality", "fit", "cost_per_fit"] = "price_quality"
    """`price_quality` (MEAT), `cost_per_fit` (lowest price per fit point) or `fit` (0.1)."""
    price_weight: Annotated[float, Field(gt=0, lt=1, allow_inf_nan=False)] = 0.3
    """price_quality only: the weight of the price score; quality weighs 1 - price_weight."""
    price_formula: Literal["lowest", "linear"] = "lowest"
    """price_quality only: `lowest` (P_min / P) or `linear` (2 - P / P_min, at least 0)."""
    price_basis: Literal["total", "npv"] = "total"
    """The price compared: the deterministic 5-year total or its NPV."""


class Scorecard(Strict):
    """The committee's document: needs, weights, vendors compared and the cost scenario."""

    kind: Literal["scorecard"]
    title: Text
    organisation: Organisation | None = None
    currency: Currency
    fx: dict[Currency, Annotated[FxRate, AfterValidator(_positive_fx)]] = {}
    """Units of `currency` per 1 unit of another currency (range ok: drawn once per path,
    common to every vendor)."""
    fx_as_of: IsoDate | None = None
    """The date of the fx rates, YYYY-MM-DD; every output that converts money names it."""
    vendors: Annotated[list[Name], Field(min_length=1)]
    vendor_plans: dict[Name, Name] = {}
    threshold: Share = 0.80
    must_fit: Share = 0.75
    categories: Annotated[dict[Name, Category], Field(min_length=1)]
    weighting: Weighting = Weighting()
    robustness: Robustness = Robustness()
    support_levels: dict[SupportLevel, Share] = {}
    requirements: list[Requirement] = []
    requirements_from: list[Text] = []
    scores_from: list[Text] = []
    responses_from: list[Text] = []
    """Returned RFI questionnaires (`kind: rfi-response`), paths relative to this file (globs ok)."""
    rfi_due: IsoDate | None = None
    """The date RFI answers are due, shown on the exported questionnaire."""
    eliminated: list[Elimination] = []
    """Vendors dropped from the comparison, with stage and reason (kept on record)."""
    retired: list[Retirement] = []
    """Requirements dropped, with reason (kept on record)."""
    scenario: Scenario
    overrides: dict[Name, dict[Name, UncertainAny]] = {}
    award: Award = Award()
    """The award rule (decision.md §1); default price_quality, 30% price, `lowest`, total."""

    @model_validator(mode="after")
    def _weights_given(self) -> "Scorecard":
        for index, vendor in enumerate(self.vendors):
            if vendor in self.vendors[:index]:
                raise located_error(
                    "Scorecard", ("vendors", index), f"vendor '{vendor}' is listed twice"
                )
        if self.weighting.method == "direct":
            missing = [name for name, cat in self.categories.items() if cat.weight is None]
            if missing:
                raise located_error(
                    "Scorecard",
                    ("categories", missing[0]),
                    f"categories without a weight: {', '.join(missing)} "
                    "(give each a weight, or use weighting: {method: ahp})",
                )
            if sum(cat.weight or 0 for cat in self.categories.values()) <= 0:
                raise ValueError("category weights add up to 0")
        return self


class RequirementFile(Strict):
    """A department's own requirement list."""

    kind: Literal["requirements"]
    owner: Text | None = None
    requirements: list[Requirement]


class JudgmentFile(Strict):
    """One committee member's pairwise comparisons of the categories (group AHP)."""

    kind: Literal["judgments"]
    judge: Text
    weight: Annotated[float, Field(gt=0, le=1_000_000, allow_inf_nan=False)] = 1.0
    """Relative weight of this member in the group (default equal)."""
    pairwise: list[Pairwise]
    """`[a, b, x]`: a is x times as important as b (1/9..9; "1/3" is accepted)."""


DemoScore = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]


def evaluator_key(name: str) -> str:
    """Who an evaluator is, whatever the case or spacing of the name (``Li Wei``, ``li  wei``):
    one scores file per evaluator."""
    return " ".join(name.split()).casefold()


class ScoreFile(Strict):
    """One evaluator's demo scores: vendor id -> requirement id -> 0..5."""

    kind: Literal["scores"]
    evaluator: Name
    department: Text | None = None
    scores: dict[Name, dict[Name, DemoScore]]
    notes: dict[Name, Text] = {}
