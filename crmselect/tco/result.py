"""The TCO result: frozen, documented data that every renderer reads (tco.md, output contract)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import msgspec
import numpy as np
from msgspec.structs import asdict

from crmselect.frozen import FrozenResult
from crmselect.scoring.plans import PlanChoice


class ForcedUpgrade(FrozenResult, frozen=True):
    """A plan change forced by the number of users."""

    year: int
    """The year (1-based) that starts on the new plan."""
    from_plan: str
    """The plan the vendor was on (for year 1: the plan scoring chose)."""
    to_plan: str
    """The plan that admits the year's users (the last plan when none does)."""


class QuotedCost(FrozenResult, frozen=True):
    """A one-off cost an RFI answer quoted, in the total because the costed plan meets the
    requirement the way the answer says (workflow.md §1)."""

    requirement: str
    support: str
    """The answered level: `custom` is costed under customization, any other under
    implementation, in year 1."""
    line: str
    amount: float
    """In the scorecard's currency (at the point fx rate; a simulated path draws the rate)."""
    source: str
    """``RFI received 2026-12-01``."""


class Check(FrozenResult, frozen=True):
    """One line of the 5:3:2 budget check."""

    name: str
    """`software_share`, `services_share`, `total_share` or `p90_covered`."""
    ok: bool
    excess: float
    """Money over the limit; 0 when ``ok``."""


class BudgetCheck(FrozenResult, frozen=True):
    """The 5:3:2 check of one vendor's deterministic total."""

    software: float
    """Licence + add-ons + support + infrastructure over the horizon."""
    services: float
    """Implementation + customization + integration + migration + training + internal."""
    recommended: float
    """B = max(software / software share, services / services share)."""
    contingency: float
    """Contingency share of the budget when one is held, else of ``recommended``."""
    over: str
    """The bucket over its share of 5:3 (`software` or `services`), the one that sets B."""
    budget: float | None
    """The committee's budget, when the scenario gives one."""
    checks: tuple[Check, ...]


class Simulation(FrozenResult, frozen=True):
    """Monte Carlo summary of one vendor's totals."""

    mean: float
    p10: float
    p50: float
    p90: float
    npv_mean: float
    npv_p10: float
    npv_p50: float
    npv_p90: float
    p_cheapest: float
    """Share of paths on which this vendor is the cheapest (ties shared)."""
    p_forced_upgrade: float
    """Share of paths on which seat growth forces a plan upgrade within the horizon."""


class TornadoBar(FrozenResult, frozen=True):
    """The total with one uncertain input at its low and high end, every other at its point."""

    input: str
    """Dotted name: scenario inputs as in the scenario, vendor inputs as in the profile."""
    low: float
    high: float
    total_low: float
    total_high: float
    swing: float
    """|total_high - total_low|."""


class VendorTco(FrozenResult, frozen=True):
    """One vendor's deterministic model, budget check, simulation and tornado."""

    id: str
    name: str
    addons: tuple[str, ...]
    """The add-ons bought with the plan scoring chose."""
    plan_by_year: tuple[str, ...]
    seats_by_year: tuple[int, ...]
    billed_by_year: tuple[int, ...]
    """max(users, the plan's min_seats)."""
    forced_upgrades: tuple[ForcedUpgrade, ...]
    no_plan_years: tuple[int, ...]
    """Years in which no plan admits the users (a risk: every seat is billed on the last plan)."""
    costs: Mapping[str, tuple[float, ...]]
    """Line name -> the yearly amounts, unrounded."""
    yearly: tuple[float, ...]
    """Sum of the lines per year."""
    total: float
    npv: float
    per_seat_month: float
    """total / sum over years of 12 * users."""
    budget: BudgetCheck
    simulation: Simulation | None
    tornado: tuple[TornadoBar, ...]
    """Sorted by swing, widest first."""
    plan_choice: PlanChoice
    """The plan choice costed (and scored: it is made once per vendor); not in the JSON."""
    quoted: tuple[QuotedCost, ...] = ()
    """One-off costs from RFI answers that the total includes."""

    def to_json_dict(self) -> dict[str, Any]:
        """The vendor item of the JSON output contract."""
        b = self.budget
        sim = self.simulation
        return {
            "id": self.id,
            "name": self.name,
            "plan_by_year": list(self.plan_by_year),
            "seats_by_year": list(self.seats_by_year),
            "forced_upgrades": [
                {"year": u.year, "from": u.from_plan, "to": u.to_plan} for u in self.forced_upgrades
            ],
            "costs": {line: list(amounts) for line, amounts in self.costs.items()},
            "total": self.total,
            "npv": self.npv,
            "per_seat_month": self.per_seat_month,
            "budget": {
                "software": b.software,
                "services": b.services,
                "recommended": b.recommended,
                "contingency": b.contingency,
                "checks": [asdict(c) for c in b.checks],
            },
            "simulation": None
            if sim is None
            else {
                "mean": sim.mean,
                "p10": sim.p10,
                "p50": sim.p50,
                "p90": sim.p90,
                "npv_p50": sim.npv_p50,
                "p_cheapest": sim.p_cheapest,
                "p_forced_upgrade": sim.p_forced_upgrade,
            },
            "rfi_one_off": [asdict(q) for q in self.quoted],
        }


class PathTotals(msgspec.Struct, frozen=True, eq=False):
    """Every simulated path's total and NPV, (paths, vendors), columns in ``ids`` order: what
    the award rule pairs with weight draws (decision.md §1). Not part of any output."""

    ids: tuple[str, ...]
    totals: np.ndarray
    npvs: np.ndarray

    def __post_init__(self) -> None:
        # read-only, as every array of a result (the award reads them, nothing writes them)
        self.totals.setflags(write=False)
        self.npvs.setflags(write=False)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, PathTotals)
            and self.ids == other.ids
            and np.array_equal(self.totals, other.totals)
            and np.array_equal(self.npvs, other.npvs)
        )

    __hash__ = None  # type: ignore[assignment]


class TcoResult(FrozenResult, frozen=True):
    """The TCO of every compared vendor over the horizon, in the scorecard's currency."""

    currency: str
    years: int
    simulations: int
    seed: int
    discount_rate: float
    """The scorecard's nominal rate at its point value (per-vendor overrides apply inside)."""
    vendors: tuple[VendorTco, ...]
    p_cheaper: Mapping[str, Mapping[str, float]] | None
    """p_cheaper[a][b] = P(total_a < total_b) over the paths; None without a simulation."""
    warnings: tuple[str, ...]
    """Cost lines left at 0 for every vendor because their inputs were not estimated."""
    paths: PathTotals | None = None
    """The simulated paths (None without a simulation)."""
    award: Any = None
    """The recommendation under the scorecard's award rule (:class:`crmselect.award.Award`),
    when the command scored the vendors too; names the rule beside it."""
    notes: Mapping[str, str] = msgspec.field(default_factory=dict)
    """Vendor id -> what the total leaves out: bloat days at the vendor's day rate."""
    profiles: Mapping[str, str] = msgspec.field(default_factory=dict)
    """Vendor id -> ``bundled``, ``committee`` (the committee's own profile) or ``rfi`` (its
    RFI response alone)."""
    assumptions: Any = None
    """What the figures rest on (:class:`crmselect.assumptions.Assumptions`)."""

    @property
    def plan_choices(self) -> Mapping[str, PlanChoice]:
        """Vendor id -> its plan choice, for scoring the same plans without choosing again."""
        return MappingProxyType({v.id: v.plan_choice for v in self.vendors})

    def vendor(self, vendor_id: str) -> VendorTco:
        """The vendor with id ``vendor_id``."""
        for item in self.vendors:
            if item.id == vendor_id:
                return item
        raise KeyError(vendor_id)

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON output contract of tco.md (numbers unrounded), plus ``warnings``."""
        return {
            "currency": self.currency,
            "years": self.years,
            "simulations": self.simulations,
            "seed": self.seed,
            "vendors": [v.to_json_dict() for v in self.vendors],
            "p_cheaper": self.p_cheaper,
            "tornado": {v.id: [asdict(bar) for bar in v.tornado] for v in self.vendors},
            "warnings": list(self.warnings),
            **({"profiles": dict(self.profiles)} if self.profiles else {}),
            **({"award": self.award.to_json_dict()} if self.award is not None else {}),
            **({"notes": dict(self.notes)} if self.notes else {}),
            **(
                {"assumptions": self.assumptions.to_json_dict()}
                if self.assumptions is not None
                else {}
            ),
        }
