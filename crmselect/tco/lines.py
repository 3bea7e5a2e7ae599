"""The cost lines of tco.md as numpy code over arrays shaped (paths, years).

One implementation serves every use: the deterministic model is one path with every input at
its point value, the tornado is a few such paths, the simulation is many drawn paths. Inputs
arrive as ``x[name]`` shaped (paths or 1, 1), or (paths or 1, years - 1) for seat growth.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec
import numpy as np

from crmselect.models.common import MAX_SEATS
from crmselect.tco.model import VendorModel, upgrade

LINES: tuple[str, ...] = (
    "licence",
    "addons",
    "support",
    "infrastructure",
    "implementation",
    "customization",
    "integration",
    "migration",
    "training",
    "internal",
)
"""The money lines, in display order (the names of the JSON output)."""
SOFTWARE: tuple[str, ...] = LINES[:4]
SERVICES: tuple[str, ...] = LINES[4:]


class Paths(msgspec.Struct, frozen=True):
    """The kernel's output for P paths of Y years."""

    seats: np.ndarray
    """Users n_y, (P, Y)."""
    plan: np.ndarray
    """Plan index p_y, (P, Y)."""
    lines: dict[str, np.ndarray]
    """Line name -> (P, Y) amounts."""
    outside_support: np.ndarray
    """The hourly support bought outside any plan, part of ``support``, (P, Y)."""
    total: np.ndarray
    """(P,)"""
    npv: np.ndarray
    """(P,)"""


def _by_year(x: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The inputs as (years or 1, paths or 1) views: the kernel works a year at a time over rows
    of paths, so a per-path input broadcasts along a long row rather than a short one."""
    return {name: a.T for name, a in x.items()}


def _seats(m: VendorModel, x: Mapping[str, np.ndarray], paths: int) -> np.ndarray:
    """:func:`seats_by_year` as (years, paths), from year-major inputs (:func:`_by_year`)."""
    if m.seat_list is not None:
        return np.broadcast_to(m.seat_list[:, None], (m.years, paths))
    growth = np.broadcast_to(x["seats.growth"], (m.years - 1, paths))
    factors = np.ones((m.years, paths))
    np.cumprod(1.0 + growth, axis=0, out=factors[1:])
    # Inputs bound the growth (scorecard validation); a normal draw's far tail is capped too.
    return np.ceil(np.round(np.minimum(m.seat_start * factors, MAX_SEATS), 6))


def _plans(m: VendorModel, seats: np.ndarray) -> tuple[np.ndarray, bool]:
    """:func:`plans_by_year` for (years, paths) seats, and whether every path keeps the start
    plan (then per-plan figures are single numbers)."""
    if seats.max(initial=0) <= m.max_seats[m.start_plan]:  # no path outgrows the plan
        return np.full(seats.shape, m.start_plan, dtype=np.intp), True
    plan = np.empty(seats.shape, dtype=np.intp)
    previous = np.full(seats.shape[1], m.start_plan, dtype=np.intp)
    for y in range(seats.shape[0]):
        previous = upgrade(previous, seats[y], m.max_seats)
        plan[y] = previous
    return plan, False


def seats_by_year(m: VendorModel, x: Mapping[str, np.ndarray], paths: int) -> np.ndarray:
    """n_y = ceil(s_y), s_1 = start, s_y = s_(y-1) (1 + g_y); or the explicit list; (P, Y).

    s_y is rounded to 6 decimals before ``ceil`` so float noise (50 * 1.2 = 60.000000000000007)
    does not bill a phantom user.
    """
    return _seats(m, _by_year(x), paths).T


def plans_by_year(m: VendorModel, seats: np.ndarray) -> np.ndarray:
    """p_y per path: scoring's plan, upgraded whenever n_y exceeds its max_seats; (P, Y)."""
    return _plans(m, seats.T)[0].T


def _powers(base: np.ndarray, exponents: np.ndarray) -> np.ndarray:
    """``base ** exponents`` for a (1, paths or 1) base and float ``exponents`` starting at 0,
    as (years, paths or 1). Year 1 is 1 (what pow gives for 0); later years call pow element by
    element, as the model always has: the exponents are spelled out per path, since numpy
    squares a row of one exponent 2 as x * x (other last bits)."""
    out = np.empty((len(exponents), base.shape[1]))
    out[0] = 1.0
    later = np.repeat(exponents[1:, None], base.shape[1], axis=1)
    np.power(base, later, out=out[1:])
    return out


def _path_sums(amounts: np.ndarray) -> np.ndarray:
    """Per-path sums of (years, paths) amounts with the bits numpy gives a (paths, years) row:
    year after year below 8 years (its plain loop), its pairwise order from 8 (on a copy)."""
    if len(amounts) >= 8:
        return np.ascontiguousarray(amounts.T).sum(axis=1)
    total = amounts[0].copy()
    for year in amounts[1:]:
        total += year
    return total


def cost_lines(m: VendorModel, x: Mapping[str, np.ndarray], paths: int) -> Paths:
    """Every cost line of tco.md for ``paths`` paths (see the module docstring for ``x``).

    The arithmetic runs on (years, paths) arrays (:func:`_by_year`); the result is viewed as
    (paths, years)."""
    years = m.years
    shape = (years, paths)
    x = _by_year(x)
    first = np.zeros((years, 1))
    first[0, 0] = 1.0
    later = 1.0 - first
    n = _seats(m, x, paths)
    p, kept = _plans(m, n)

    def per_plan(values: np.ndarray) -> np.ndarray:
        """A per-plan figure on every path and year: one number when no path changes plan."""
        return values[m.start_plan] if kept else values[p]

    billed = np.maximum(n, per_plan(m.min_seats))

    uplift = x["contract.annual_uplift"]
    if m.uplift_cap is not None:
        uplift = np.minimum(uplift, m.uplift_cap)
    index = _powers(1.0 + uplift, np.arange(years, dtype=float))

    # An uncertain fx rate scales every amount in the vendor's currency on its path.
    rate = x[m.fx_input] / m.fx if m.fx_input is not None and m.fx > 0 else 1.0
    vendor_index = index * rate
    discount = 1.0 - m.first_year_discount * first
    subscription = (
        12 * billed * per_plan(m.per_seat_month) * vendor_index * discount
        + per_plan(m.base_fee_year) * vendor_index
    )
    addons = (
        12 * billed * per_plan(m.addon_per_seat_month) + per_plan(m.addon_per_year)
    ) * vendor_index
    if m.is_perpetual.any():
        bought_before = np.zeros(shape)
        np.maximum.accumulate(billed[:-1], axis=0, out=bought_before[1:])
        perpetual = per_plan(m.perpetual_per_seat) * np.maximum(0.0, billed - bought_before) * rate
        is_perpetual = per_plan(m.is_perpetual)
        licence = np.where(is_perpetual, perpetual, subscription)
        bought = np.cumsum(np.where(is_perpetual, perpetual, 0.0), axis=0)
        maintenance = per_plan(m.maintenance_pct) * bought
    else:  # subscription plans only: no perpetual licence and no maintenance
        licence = subscription
        maintenance = 0.0
    outside = np.broadcast_to(
        x["support_hours_per_year"] * x["support_hourly_rate"] * np.ones((years, 1)), shape
    )
    support = per_plan(m.support_pct) * (licence + addons) + maintenance + outside

    infrastructure = x["on_prem.infrastructure_year"] * m.fx * rate * np.ones((years, 1))
    if kept:  # a plan is first used in year 1 only
        new_plan = first
    else:
        new_plan = np.ones(shape, dtype=bool)
        new_plan[1:] = p[1:] != p[:-1]
    # One-off costs quoted in RFI answers are in the vendor's currency: they follow its rate.
    quoted = {line: sum(q.amount for q in m.quoted if q.line == line) for line in LINES}
    implementation = (
        first * (x["services.implementation_days"] * m.day_rate + quoted["implementation"])
        + per_plan(m.onboarding_fee) * new_plan
    ) * rate

    custom = m.default_custom_count * x["customization.per_requirement"]
    for rid in m.custom_requirements:
        key = f"custom_cost.{rid}"
        if key in x:
            custom = custom + x[key]
    customization = first * (
        custom
        + x["customization.custom_fields"] * x["customization.per_field"]
        + quoted["customization"] * rate
    )

    integration_sum = sum((x[f"integrations[{i}]"] for i in range(len(m.integration_names))), 0.0)
    integration = first * integration_sum
    migration = first * (
        x["migration.fixed"]
        + x["migration.records"] * x["migration.dirty_share"] * x["migration.cost_per_dirty_record"]
    )

    trained = np.empty(shape)
    trained[0] = n[0]
    turnover = x["training.turnover"]
    trained[1:] = np.maximum(0.0, n[1:] - n[:-1]) + turnover * n[:-1]
    hourly = x["training.hourly_cost"]
    per_person = (
        x["training.hours_per_user"] * hourly
        + x["training.certified_share"] * x["training.certification_per_person"]
    )
    training = (
        trained * per_person + later * n * x["training.refresher_hours_per_user_year"] * hourly
    )
    internal = x["internal.admin_fte"] * x["internal.fte_cost_year"] * np.ones((years, 1))

    values = (
        licence, addons, support, infrastructure, implementation,
        customization, integration, migration, training, internal,
    )  # fmt: skip
    by_year = [np.broadcast_to(v, shape) for v in values]
    yearly = sum(by_year, np.zeros(shape))
    factor = _powers(1.0 + x["discount_rate"], -np.arange(years, dtype=float))
    return Paths(
        seats=np.asarray(n).T,
        plan=p.T,
        lines={name: v.T for name, v in zip(LINES, by_year, strict=True)},
        outside_support=outside.T,
        total=_path_sums(yearly),
        npv=_path_sums(yearly * factor),
    )
