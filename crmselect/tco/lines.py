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


def seats_by_year(m: VendorModel, x: Mapping[str, np.ndarray], paths: int) -> np.ndarray:
    """n_y = ceil(s_y), s_1 = start, s_y = s_(y-1) (1 + g_y); or the explicit list.

    s_y is rounded to 6 decimals before ``ceil`` so float noise (50 * 1.2 = 60.000000000000007)
    does not bill a phantom user.
    """
    if m.seat_list is not None:
        return np.broadcast_to(m.seat_list[None, :], (paths, m.years))
    growth = np.broadcast_to(x["seats.growth"], (paths, m.years - 1))
    factors = np.ones((paths, m.years))
    np.cumprod(1.0 + growth, axis=1, out=factors[:, 1:])
    # Inputs bound the growth (scorecard validation); a normal draw's far tail is capped too.
    return np.ceil(np.round(np.minimum(m.seat_start * factors, MAX_SEATS), 6))


def plans_by_year(m: VendorModel, seats: np.ndarray) -> np.ndarray:
    """p_y per path: scoring's plan, upgraded whenever n_y exceeds its max_seats."""
    if seats.max(initial=0) <= m.max_seats[m.start_plan]:  # no path outgrows the plan
        return np.full(seats.shape, m.start_plan, dtype=np.intp)
    plan = np.empty(seats.shape, dtype=np.intp)
    previous = np.full(seats.shape[0], m.start_plan, dtype=np.intp)
    for y in range(seats.shape[1]):
        previous = upgrade(previous, seats[:, y], m.max_seats)
        plan[:, y] = previous
    return plan


def cost_lines(m: VendorModel, x: Mapping[str, np.ndarray], paths: int) -> Paths:
    """Every cost line of tco.md for ``paths`` paths (see the module docstring for ``x``)."""
    years = m.years
    shape = (paths, years)
    first = np.zeros((1, years))
    first[0, 0] = 1.0
    later = 1.0 - first
    n = seats_by_year(m, x, paths)
    p = plans_by_year(m, n)
    billed = np.maximum(n, m.min_seats[p])

    uplift = x["contract.annual_uplift"]
    if m.uplift_cap is not None:
        uplift = np.minimum(uplift, m.uplift_cap)
    index = (1.0 + uplift) ** np.arange(years)[None, :]

    # An uncertain fx rate scales every amount in the vendor's currency on its path.
    rate = x[m.fx_input] / m.fx if m.fx_input is not None and m.fx > 0 else 1.0
    vendor_index = index * rate
    discount = 1.0 - m.first_year_discount * first
    subscription = (
        12 * billed * m.per_seat_month[p] * vendor_index * discount
        + m.base_fee_year[p] * vendor_index
    )
    addons = (12 * billed * m.addon_per_seat_month[p] + m.addon_per_year[p]) * vendor_index
    if m.is_perpetual.any():
        bought_before = np.zeros(shape)
        np.maximum.accumulate(billed[:, :-1], axis=1, out=bought_before[:, 1:])
        perpetual = m.perpetual_per_seat[p] * np.maximum(0.0, billed - bought_before) * rate
        is_perpetual = m.is_perpetual[p]
        licence = np.where(is_perpetual, perpetual, subscription)
        bought = np.cumsum(np.where(is_perpetual, perpetual, 0.0), axis=1)
        maintenance = m.maintenance_pct[p] * bought
    else:  # subscription plans only: no perpetual licence and no maintenance
        licence = subscription
        maintenance = 0.0
    outside = np.broadcast_to(
        x["support_hours_per_year"] * x["support_hourly_rate"] * np.ones((1, years)), shape
    )
    support = m.support_pct[p] * (licence + addons) + maintenance + outside

    infrastructure = x["on_prem.infrastructure_year"] * m.fx * rate * np.ones((1, years))
    new_plan = np.ones(shape, dtype=bool)
    new_plan[:, 1:] = p[:, 1:] != p[:, :-1]
    # One-off costs quoted in RFI answers are in the vendor's currency: they follow its rate.
    quoted = {line: sum(q.amount for q in m.quoted if q.line == line) for line in LINES}
    implementation = (
        first * (x["services.implementation_days"] * m.day_rate + quoted["implementation"])
        + m.onboarding_fee[p] * new_plan
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
    trained[:, 0] = n[:, 0]
    turnover = x["training.turnover"]
    trained[:, 1:] = np.maximum(0.0, n[:, 1:] - n[:, :-1]) + turnover * n[:, :-1]
    hourly = x["training.hourly_cost"]
    per_person = (
        x["training.hours_per_user"] * hourly
        + x["training.certified_share"] * x["training.certification_per_person"]
    )
    training = (
        trained * per_person + later * n * x["training.refresher_hours_per_user_year"] * hourly
    )
    internal = x["internal.admin_fte"] * x["internal.fte_cost_year"] * np.ones((1, years))

    values = (
        licence, addons, support, infrastructure, implementation,
        customization, integration, migration, training, internal,
    )  # fmt: skip
    lines = {name: np.broadcast_to(v, shape) for name, v in zip(LINES, values, strict=True)}
    yearly = sum(lines.values(), np.zeros(shape))
    factor = (1.0 + x["discount_rate"]) ** -np.arange(years)[None, :]
    return Paths(
        seats=np.asarray(n),
        plan=p,
        lines=lines,
        outside_support=outside,
        total=yearly.sum(axis=1),
        npv=(yearly * factor).sum(axis=1),
    )
