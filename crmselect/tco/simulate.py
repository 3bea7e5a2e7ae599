"""`simulate_tco`: the deterministic model, budget check, tornado and Monte Carlo per vendor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec
import numpy as np
from msgspec.structs import replace

from crmselect.defaults import SEED, SIMULATIONS
from crmselect.errors import UsageError
from crmselect.models.scorecard import Scenario
from crmselect.models.selection import Selection
from crmselect.scoring.plans import PlanChoice, choose_plans
from crmselect.tco.budget import budget_check
from crmselect.tco.distributions import point
from crmselect.tco.draws import TornadoBatch, point_inputs, tornado_batch
from crmselect.tco.lines import LINES, SERVICES, SOFTWARE, Paths, cost_lines
from crmselect.tco.model import VendorModel, build_vendor_model
from crmselect.tco.montecarlo import OnChunk, SimulationRun, simulate, upgrade_shares
from crmselect.tco.result import (
    ForcedUpgrade,
    PathTotals,
    Simulation,
    TcoResult,
    TornadoBar,
    VendorTco,
)
from crmselect.tco.warnings import missing_input_warnings


def _scenario(scenario: Scenario, years: int | None) -> Scenario:
    if years is None or years == scenario.years:
        return scenario
    if isinstance(scenario.seats, list):
        raise UsageError(
            f"--years {years}, but the scenario lists seats for {len(scenario.seats)} years; "
            f"give {years} seat counts in scenario.seats or drop --years"
        )
    return scenario.model_copy(update={"years": years})


def _upgrades(m: VendorModel, plans: np.ndarray) -> tuple[ForcedUpgrade, ...]:
    names = m.plan_names
    previous = m.start_plan
    found = []
    for y, index in enumerate(plans, start=1):
        if index != previous:
            found.append(ForcedUpgrade(year=y, from_plan=names[previous], to_plan=names[index]))
        previous = int(index)
    return tuple(found)


def _bars(batch: TornadoBatch, batch_paths: Paths) -> list[TornadoBar]:
    bars = []
    ends = batch.ends
    for k, item in enumerate(batch.inputs):
        low_total = float(batch_paths.total[2 * k + 1])
        high_total = float(batch_paths.total[2 * k + 2])
        bars.append(
            TornadoBar(
                input=item.name
                if item.level == "vendor" or item.name.startswith("fx.")
                else f"scenario.{item.name}",
                low=ends[k][0],
                high=ends[k][1],
                total_low=low_total,
                total_high=high_total,
                swing=abs(high_total - low_total),
            )
        )
    bars.sort(key=lambda bar: (-bar.swing, bar.input))
    return bars


def _summary(run: SimulationRun, v: int) -> Simulation:
    totals, npvs = run.totals[:, v], run.npvs[:, v]
    t10, t50, t90 = np.percentile(totals, [10, 50, 90])
    n10, n50, n90 = np.percentile(npvs, [10, 50, 90])
    return Simulation(
        mean=float(totals.mean()),
        p10=float(t10),
        p50=float(t50),
        p90=float(t90),
        npv_mean=float(npvs.mean()),
        npv_p10=float(n10),
        npv_p50=float(n50),
        npv_p90=float(n90),
        p_cheapest=float(run.p_cheapest[v]),
        p_forced_upgrade=float(run.p_upgrade[v]),
    )


def _models(
    selection: Selection,
    ids: Sequence[str],
    years: int | None,
    plans: Mapping[str, PlanChoice] | None = None,
) -> tuple[list[VendorModel], int]:
    """The cost model of each vendor of ``ids`` and the horizon they share; each vendor's plan
    is chosen here, once, unless ``plans`` gives it."""
    choices = dict(plans) if plans is not None else {}
    choices.update(choose_plans(selection, [vid for vid in ids if vid not in choices]))
    models = [
        build_vendor_model(
            selection.vendors[vid],
            selection.requirements,
            selection.scorecard,
            _scenario(selection.scenarios[vid], years),
            choices[vid],
            selection.fx(selection.vendors[vid].currency),
            selection.scorecard.fx.get(selection.vendors[vid].currency),
            selection.rfi[vid].one_off if vid in selection.rfi else (),
        )
        for vid in ids
    ]
    horizon = _scenario(selection.scenario, years).years
    # One horizon for every vendor: the loader refuses an override of scenario.years.
    assert all(m.years == horizon for m in models), "vendors with different horizons"
    return models, horizon


def simulate_tco(
    selection: Selection,
    *,
    simulations: int = SIMULATIONS,
    seed: int = SEED,
    vendors: Sequence[str] | None = None,
    years: int | None = None,
    on_chunk: OnChunk | None = None,
    plans: Mapping[str, PlanChoice] | None = None,
) -> TcoResult:
    """The TCO of every compared vendor (or of ``vendors``) over the horizon (tco.md).

    ``simulations`` = 0 runs the deterministic model only; ``years`` overrides the scenario's
    horizon; ``plans`` are plan choices made already (else they are made here, once per
    vendor); each vendor's result carries its choice. The same inputs and ``seed`` give the
    same numbers.
    """
    if simulations < 0:
        raise UsageError("--simulations must be 0 or more")
    ids = selection.vendor_ids(vendors)
    models, horizon = _models(selection, ids, years, plans)
    run = simulate(models, simulations, seed, on_chunk) if simulations > 0 else None
    return _result(selection, models, horizon, simulations, seed, run)


def _result(
    selection: Selection,
    models: Sequence[VendorModel],
    horizon: int,
    simulations: int,
    seed: int,
    run: SimulationRun | None,
    tornado: bool = True,
) -> TcoResult:
    """The deterministic figures of every model, with the simulation's summaries when ``run``
    covers them (the same vendors, in the same order) and the tornado unless ``tornado`` is
    False (then the deterministic path alone is costed)."""
    ids = [m.id for m in models]
    scenario = selection.scenario
    results = []
    deterministic: dict[str, Paths] = {}
    for v, m in enumerate(models):
        batch = tornado_batch(m) if tornado else TornadoBatch(point_inputs(m), (), ())
        paths = cost_lines(m, batch.x, batch.paths)
        deterministic[m.id] = paths
        costs = {line: tuple(float(a) for a in paths.lines[line][0]) for line in LINES}
        total = float(paths.total[0])
        software = sum(sum(costs[line]) for line in SOFTWARE)
        services = sum(sum(costs[line]) for line in SERVICES)
        seats = paths.seats[0].astype(int)
        billed = np.maximum(seats, m.min_seats[paths.plan[0]]).astype(int)
        summary = _summary(run, v) if run is not None else None
        results.append(
            VendorTco(
                id=m.id,
                name=m.name,
                addons=m.addon_names,
                plan_by_year=tuple(m.plan_names[i] for i in paths.plan[0]),
                seats_by_year=tuple(int(n) for n in seats),
                billed_by_year=tuple(int(b) for b in billed),
                forced_upgrades=_upgrades(m, paths.plan[0]),
                no_plan_years=tuple(y + 1 for y, n in enumerate(seats) if n > m.max_seats[-1]),
                costs=costs,
                yearly=tuple(float(sum(costs[line][y] for line in LINES)) for y in range(m.years)),
                total=total,
                npv=float(paths.npv[0]),
                per_seat_month=total / float((12 * seats).sum()),
                budget=budget_check(
                    software,
                    services,
                    total,
                    selection.scenarios[m.id].budget_split,
                    selection.scenarios[m.id].budget,
                    summary.p90 if summary is not None else None,
                ),
                simulation=summary,
                tornado=tuple(_bars(batch, paths)),
                plan_choice=m.plan_choice,
                quoted=m.quoted,
            )
        )
    p_cheaper = None
    if run is not None:
        p_cheaper = {
            a: {b: float(run.p_cheaper[i, j]) for j, b in enumerate(ids)} for i, a in enumerate(ids)
        }
    return TcoResult(
        currency=selection.currency,
        years=horizon,
        simulations=simulations,
        seed=seed,
        discount_rate=point(scenario.discount_rate),
        vendors=tuple(results),
        p_cheaper=p_cheaper,
        warnings=missing_input_warnings(models, deterministic, selection.currency),
        paths=None if run is None else PathTotals(tuple(ids), run.totals, run.npvs),
        profiles={
            vid: selection.profile_sources[vid] for vid in ids if vid in selection.profile_sources
        },
    )


class AwardCosts(msgspec.Struct, frozen=True, eq=False):
    """The cost model as `score` needs it for the award rule (decision.md §1): every vendor's
    deterministic figures and the share of paths on which seat growth forces it off its plan,
    and simulated cost paths only for the vendors the award compares (:meth:`paired`).

    A vendor's draws do not depend on which other vendors are simulated (common random
    numbers are keyed by input and vendor), so its paths are those :func:`simulate_tco` gives."""

    deterministic: TcoResult
    """Every vendor's deterministic figures; no tornado, no simulation summaries, no paths;
    ``simulations`` is the number of paths :meth:`paired` simulates."""
    upgrade_odds: dict[str, float]
    """Vendor id -> share of paths with a forced upgrade; empty without a simulation."""
    models: tuple[VendorModel, ...]

    def paired(self, ids: Sequence[str]) -> TcoResult:
        """The deterministic result with the simulated paths of the vendors ``ids`` (in the
        selection's order) attached for pairing with weight draws."""
        wanted = set(ids)
        chosen = [m for m in self.models if m.id in wanted]
        result = self.deterministic
        if result.simulations == 0 or not chosen:
            return result
        run = simulate(chosen, result.simulations, result.seed)
        paths = PathTotals(tuple(m.id for m in chosen), run.totals, run.npvs)
        return replace(result, paths=paths)


def award_costs(
    selection: Selection, *, simulations: int = SIMULATIONS, seed: int = SEED
) -> AwardCosts:
    """The deterministic TCO of every compared vendor and its forced-upgrade odds over
    ``simulations`` seat paths, ready to simulate the costs of the vendors that qualify."""
    if simulations < 0:
        raise UsageError("--simulations must be 0 or more")
    models, horizon = _models(selection, selection.vendor_ids(None), None)
    result = _result(selection, models, horizon, 0, seed, None, tornado=False)
    odds: dict[str, float] = {}
    if simulations > 0:
        shares = upgrade_shares(models, simulations, seed)
        odds = {m.id: float(shares[v]) for v, m in enumerate(models)}
    return AwardCosts(replace(result, simulations=simulations), odds, tuple(models))
