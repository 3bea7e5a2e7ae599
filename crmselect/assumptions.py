"""What the numbers rest on (decision.md §4): fx rates and their date, budget, seat plan,
horizon and discount rate, award rule, scenario inputs with their ranges, every override applied,
cost lines not estimated, and the simulation's size and seed.

One frozen :class:`Assumptions` feeds the `assumptions` key of `score` and `tco` JSON and the
report's *Assumptions* section. Also here: bloat days at the vendor's day rate, which no total
includes.
"""

from __future__ import annotations

from typing import Any

import msgspec

from crmselect.frozen import FrozenResult
from crmselect.models.common import Normal, Pert, Triangular, Uniform, point_value


def describe(value: Any) -> dict[str, Any]:
    """An input number as data: ``{value}`` or ``{value, dist, low, mode, high}`` (``mean``,
    ``sd`` for normal); ``value`` is the deterministic point."""
    out: dict[str, Any] = {"value": float(point_value(value))}
    if isinstance(value, Pert):
        out.update(dist="pert", low=value.low, mode=value.mode, high=value.high)
    elif isinstance(value, Triangular):
        out.update(dist="triangular", low=value.low, mode=value.mode, high=value.high)
    elif isinstance(value, Uniform):
        out.update(dist="uniform", low=value.low, high=value.high)
    elif isinstance(value, Normal):
        out.update(dist="normal", mean=value.mean, sd=value.sd)
    return out


def _num(x: float) -> str:
    return f"{x:,.10g}" if abs(x) < 1e15 else f"{x:.6g}"


def _pct(x: float) -> str:
    return f"{x * 100:.10g}%"


def text_of(value: Any, percent: bool = False) -> str:
    """``0.3`` or ``0.1–0.5 (triangular, mode 0.3)``: how outputs write an input; ``percent``
    writes shares as percentages (``10%–50% (triangular, mode 30%)``)."""
    d = describe(value) if not isinstance(value, dict) else value
    _num = _pct if percent else globals()["_num"]
    dist = d.get("dist")
    if dist is None:
        return _num(d["value"])
    if dist == "normal":
        return f"normal, mean {_num(d['mean'])}, sd {_num(d['sd'])}"
    if dist == "uniform":
        return f"{_num(d['low'])}–{_num(d['high'])} (uniform)"
    return f"{_num(d['low'])}–{_num(d['high'])} ({dist}, mode {_num(d['mode'])})"


class FxRate(FrozenResult, frozen=True):
    currency: str
    """The vendor currency converted."""
    rate: dict[str, Any]
    """Units of the scorecard's currency per unit, as :func:`describe` writes it."""
    into: str = ""
    """The scorecard's currency."""

    def __str__(self) -> str:
        text = f"1 {self.currency} = {_num(self.rate['value'])} {self.into}".rstrip()
        if self.rate.get("dist"):
            text += f" (simulated: {text_of(self.rate)})"
        return text


class Override(msgspec.Struct, frozen=True):
    """One scorecard override applied to a vendor: a negotiated quote or a vendor-specific
    scenario number."""

    vendor: str
    path: str
    profile: Any
    """The value before (the profile's, or the scorecard scenario's for ``scenario.`` paths);
    None where the file left it unset."""
    used: Any

    def __str__(self) -> str:
        before = "unset" if self.profile is None else text_of(self.profile)
        return f"{self.vendor}: {self.path}: {before} -> {text_of(self.used)}"

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "path": self.path,
            "profile_value": None if self.profile is None else describe(self.profile),
            "used_value": describe(self.used),
            "text": str(self),
        }


class Assumptions(FrozenResult, frozen=True):
    """What a result rests on (decision.md §4)."""

    currency: str
    fx: tuple[FxRate, ...]
    fx_as_of: str | None
    budget: float | None
    budget_split: dict[str, float]
    years: int
    seats_by_year: tuple[int, ...]
    """Deterministic users per year (the scorecard's scenario)."""
    seat_growth: dict[str, Any] | None
    """None for an explicit seat list."""
    growth_draw: str | None
    discount_rate: dict[str, Any]
    award: dict[str, Any]
    inputs: dict[str, dict[str, Any]]
    """Scenario inputs (training, migration, customization, integrations, support, internal)."""
    overrides: tuple[Override, ...]
    not_estimated: tuple[str, ...]
    """Cost lines that are 0 for every vendor because nobody estimated them."""
    simulations: int
    weight_draws: int | None
    seed: int

    @property
    def conversion(self) -> str:
        """The exchange rates in words, or that there is none to make: "no conversion: every
        vendor prices in EUR" (an empty list of rates would read as a gap)."""
        if not self.fx:
            return f"no conversion: every vendor prices in {self.currency}"
        return "; ".join(str(f) for f in self.fx)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "fx": {f.currency: f.rate for f in self.fx},
            "conversion": self.conversion,
            "fx_as_of": self.fx_as_of,
            "budget": self.budget,
            "budget_split": dict(self.budget_split),
            "years": self.years,
            "seats_by_year": list(self.seats_by_year),
            "seat_growth": self.seat_growth,
            "growth_draw": self.growth_draw,
            "discount_rate": self.discount_rate,
            "award": dict(self.award),
            "scenario_inputs": {k: dict(v) for k, v in self.inputs.items()},
            "overrides": [o.to_json_dict() for o in self.overrides],
            "not_estimated": list(self.not_estimated),
            "simulations": self.simulations,
            "weight_draws": self.weight_draws,
            "seed": self.seed,
        }


_GROUPS = ("training", "migration", "customization", "internal")


def build_assumptions(selection: Any, tco: Any, *, weight_draws: int | None = None) -> Assumptions:
    """The assumptions of ``selection`` as costed in ``tco`` (a TcoResult)."""
    from crmselect.award import rule_of

    card = selection.scorecard
    scenario = selection.scenario
    fx = tuple(
        FxRate(code, describe(card.fx[code]), card.currency)
        for code in sorted({selection.vendors[v.id].currency for v in tco.vendors})
        if code != card.currency and code in card.fx
    )
    seats = scenario.seats
    growth = None if isinstance(seats, list) else describe(seats.growth)
    by_year: tuple[int, ...]
    if isinstance(seats, list):
        by_year = tuple(seats)
    elif tco.vendors:
        by_year = tuple(tco.vendors[0].seats_by_year)
    else:
        by_year = ()
    inputs: dict[str, dict[str, Any]] = {}
    for group in _GROUPS:
        for key, value in getattr(scenario, group):
            inputs[f"{group}.{key}"] = describe(value)
    for i, integration in enumerate(scenario.integrations):
        inputs[f"integrations[{i}] {integration.name}"] = describe(integration.cost)
    inputs["support_hours_per_year"] = describe(scenario.support_hours_per_year)
    inputs["support_hourly_rate"] = describe(scenario.support_hourly_rate)
    rule = rule_of(card.award)
    pq = rule.rule == "price_quality"
    return Assumptions(
        currency=card.currency,
        fx=fx,
        fx_as_of=card.fx_as_of,
        budget=scenario.budget,
        budget_split=dict(scenario.budget_split.model_dump()),
        years=tco.years,
        seats_by_year=by_year,
        seat_growth=growth,
        growth_draw=None if isinstance(seats, list) else seats.growth_draw,
        discount_rate=describe(scenario.discount_rate),
        award={
            "rule": rule.rule,
            "price_weight": rule.price_weight if pq else None,
            "price_formula": rule.price_formula if pq else None,
            "price_basis": card.award.price_basis,
            "text": rule.label(),
            "declared": "award" in card.model_fields_set,
        },
        inputs=inputs,
        overrides=tuple(getattr(selection, "applied_overrides", ())),
        not_estimated=tuple(tco.warnings),
        simulations=tco.simulations,
        weight_draws=weight_draws,
        seed=tco.seed,
    )


def bloat_cost(vendor: Any, extra_days: int, fx: float) -> float:
    """Extra implementation days at the vendor's day rate, in the scorecard's currency: a risk
    figure that no total includes."""
    return float(extra_days) * float(vendor.services.day_rate) * fx


def bloat_note(name: str, extra_days: int, cost: float, currency: str) -> str:
    """ "N extra days (feature bloat): not in the total; at the vendor's day rate they
    would add X"."""
    if extra_days <= 0:
        return ""
    tail = (
        f"; at the vendor's day rate they would add {cost:,.0f} {currency}"
        if cost > 0
        else "; the profile gives no day rate to price them"
    )
    return (
        f"{name}: {extra_days} extra implementation days from feature bloat are not in the "
        f"total{tail}"
    )
