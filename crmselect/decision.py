"""The decision: score + TCO + provenance, and the few figures a committee derives from them.

Nothing is computed twice: every number comes from the frozen scoring result and TCO result
(the objects the JSON outputs print). This module only combines them: the recommended vendor,
cost per fit point, and the Pareto set of vendors that no other vendor beats on both fit and
cost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from crmselect.frozen import FrozenDict
from crmselect.models.selection import Selection

if TYPE_CHECKING:  # the report needs provenance, `score` does not: imported where used
    from crmselect.provenance import Provenance
    from crmselect.scoring.result import ScoreResult
    from crmselect.tco.result import TcoResult, VendorTco


class VendorFigures(msgspec.Struct, frozen=True):
    """What the decision derives for one vendor."""

    id: str
    cost: float | None
    """5-year P50 total (the deterministic total when no simulation ran)."""
    cost_per_fit_point: float | None
    """``cost / (100 * fit)``: money per point of fit; None when fit is 0 or cost unknown."""
    pareto: bool
    """No other vendor has both a fit at least as good and a cost at least as low (one strictly)."""


class Decision(msgspec.Struct, frozen=True):
    """Everything the committee report shows, from two results and their provenance."""

    selection: Selection
    score: ScoreResult
    """The scoring result (``crmselect.scoring.score``), with its award attached."""
    tco: TcoResult
    """The TCO result (``crmselect.tco.simulate_tco``)."""
    provenance: Provenance
    recommended: str | None
    """Id of the vendor the award rule recommends; None when no vendor qualifies."""
    recommended_plan: str | None
    figures: Mapping[str, VendorFigures]
    """Vendor id -> derived figures, in rank order."""
    cost_basis: str
    """``"P50"`` with a simulation, ``"deterministic"`` without one."""

    @property
    def pareto(self) -> tuple[str, ...]:
        """Vendor ids no other vendor beats on both fit and cost, in rank order."""
        return tuple(vid for vid, fig in self.figures.items() if fig.pareto)

    def tco_vendor(self, vendor_id: str) -> VendorTco | None:
        """The vendor's TCO; None when it was not costed."""
        return next((v for v in self.tco.vendors if v.id == vendor_id), None)


def pareto_set(points: Sequence[tuple[str, float, float]]) -> set[str]:
    """Ids of ``(id, fit, cost)`` points that no other point dominates (fit >=, cost <=, and
    one of them strictly)."""
    front = set()
    for vid, fit, cost in points:
        beaten = any(
            (f2 >= fit and c2 <= cost) and (f2 > fit or c2 < cost)
            for other, f2, c2 in points
            if other != vid
        )
        if not beaten:
            front.add(vid)
    return front


def vendor_cost(tco_vendor: VendorTco | None) -> tuple[float | None, str]:
    """The cost the decision compares: P50 of the simulation, else the deterministic total."""
    if tco_vendor is None:
        return None, "deterministic"
    if tco_vendor.simulation is not None:
        return tco_vendor.simulation.p50, "P50"
    return tco_vendor.total, "deterministic"


def build_decision(
    selection: Selection, score: ScoreResult, tco: TcoResult, provenance: Provenance
) -> Decision:
    """Combine finished results into a :class:`Decision` (no computation of its own)."""
    tco_by_id = {v.id: v for v in tco.vendors}
    costs: dict[str, float | None] = {}
    basis = "deterministic"
    for vendor in score.vendors:
        costs[vendor.id], basis_v = vendor_cost(tco_by_id.get(vendor.id))
        if basis_v == "P50":
            basis = "P50"
    fits = {v.id: v.fit for v in score.vendors}
    front = pareto_set([(vid, fits[vid], c) for vid, c in costs.items() if c is not None])
    figures = {}
    for vid, cost in costs.items():
        fit = fits[vid]
        per_point = cost / (100 * fit) if cost is not None and fit > 0 else None
        figures[vid] = VendorFigures(vid, cost, per_point, vid in front)
    leader = score.recommended  # the award's choice; fit alone before costs are known
    return Decision(
        selection=selection,
        score=score,
        tco=tco,
        provenance=provenance,
        recommended=leader.id if leader else None,
        recommended_plan=leader.plan if leader else None,
        figures=FrozenDict(figures),
        cost_basis=basis,
    )


def decide(
    selection: Selection,
    *,
    seed: int,
    simulations: int,
    draws: int,
    vendors: Sequence[str] | None = None,
    on_progress: Any = None,
) -> Decision:
    """Cost and score ``selection`` (optionally only the ``vendors`` ids) and combine the two.

    The TCO runs first so that the risk register can list the plan upgrades it forces (scoring
    takes them as extra risks). ``on_progress(step)`` is called with ``"tco"``, ``"score"`` and
    ``"provenance"`` as each part starts, for a progress display.
    """
    from crmselect.dates import generation_time
    from crmselect.provenance import collect

    ids = list(vendors) if vendors is not None else None
    if ids is not None:
        selection = only_vendors(selection, ids)
    when = generation_time()
    score_result, tco_result = score_and_cost(
        selection,
        seed=seed,
        simulations=simulations,
        draws=draws,
        as_of=when.strftime("%Y-%m"),
        on_progress=on_progress,
    )
    if on_progress:
        on_progress("provenance")
    provenance = collect(selection, seed=seed, simulations=simulations, draws=draws, when=when)
    return build_decision(selection, score_result, tco_result, provenance)


def score_and_cost(
    selection: Selection,
    *,
    seed: int,
    simulations: int,
    draws: int,
    as_of: str | None = None,
    fits: str | None = None,
    on_progress: Any = None,
    award_only: bool = False,
) -> tuple[ScoreResult, TcoResult]:
    """Cost, then score, then apply the award rule: the scoring result carries its ``award``
    (decision.md §1) and the close call judged on it; returns ``(score, tco)``.

    The TCO runs first so that the risk register can list the plan upgrades it forces (scoring
    takes them as extra risks); its simulated paths are paired with the weight draws. With
    ``award_only`` (what `score` prints) only the qualified vendors' cost paths are simulated
    and the TCO result has no simulation summaries: the score result is the same."""
    from crmselect.scoring import score as run_score
    from crmselect.scoring.risks import (
        SIMULATED_UPGRADE_RISK,
        forced_upgrade_risk,
        simulated_upgrade_risk,
    )

    if on_progress:
        on_progress("tco")
    if award_only:
        from crmselect.tco.simulate import award_costs

        costs = award_costs(selection, simulations=simulations, seed=seed)
        tco_result = costs.deterministic
        upgrade_odds = costs.upgrade_odds
    else:
        from crmselect.tco import simulate_tco

        tco_result = simulate_tco(selection, simulations=simulations, seed=seed)
        upgrade_odds = {
            v.id: v.simulation.p_forced_upgrade
            for v in tco_result.vendors
            if v.simulation is not None
        }
    upgrades = {v.id: v.forced_upgrades for v in tco_result.vendors}
    years = tco_result.years

    def extra_risks(vendor: Any, choice: Any) -> list[Any]:
        found = upgrades.get(vendor.id, ())
        if found:
            return [forced_upgrade_risk(vendor, up.year, up.to_plan) for up in found]
        odds = upgrade_odds.get(vendor.id, 0.0)
        if odds >= SIMULATED_UPGRADE_RISK:
            return [simulated_upgrade_risk(vendor, odds, years)]
        return []

    if on_progress:
        on_progress("score")
    score_result = run_score(
        selection,
        seed=seed,
        draws=draws,
        as_of=as_of,
        fits=fits,
        extra_risks=extra_risks,
        plans=tco_result.plan_choices,
    )
    if award_only:
        tco_result = costs.paired([v.id for v in score_result.vendors if v.qualified])
    return attach_decision(selection, score_result, tco_result)


def attach_decision(
    selection: Selection, score_result: ScoreResult, tco_result: TcoResult
) -> tuple[ScoreResult, TcoResult]:
    """Both results with the award (decision.md §1), the assumptions (§4) and the bloat notes
    attached; the score's close call is judged on the award."""
    from crmselect.assumptions import bloat_cost, bloat_note, build_assumptions
    from crmselect.award import award_for
    from crmselect.scoring.next_checks import award_recommender, checks_for

    award = award_for(score_result, tco_result, selection.scorecard.award)
    if "award" not in selection.scorecard.model_fields_set:
        award = msgspec.structs.replace(award, declared=False)
    checks = checks_for(
        selection, score_result, award_recommender(award, tco_result, score_result.vendors)
    )
    assumptions = build_assumptions(selection, tco_result, weight_draws=score_result.draws)
    notes = {}
    for v in score_result.vendors:
        vendor = selection.vendors[v.id]
        cost = bloat_cost(vendor, v.extra_days, selection.fx(vendor.currency))
        note = bloat_note(v.name, v.extra_days, cost, selection.currency)
        if note:
            notes[v.id] = note
    score_result = msgspec.structs.replace(
        score_result,
        award=award,
        close_call=award.close_call,
        assumptions=assumptions,
        next_checks=checks,
    )
    tco_result = msgspec.structs.replace(
        tco_result, award=award, assumptions=assumptions, notes=notes
    )
    return score_result, tco_result


def only_vendors(selection: Selection, ids: Sequence[str]) -> Selection:
    """The selection restricted to ``ids`` (in the scorecard's order); unknown ids are a
    usage error naming them."""
    keep = selection.vendor_ids(ids)
    scorecard = selection.scorecard.model_copy(update={"vendors": keep})
    return msgspec.structs.replace(
        selection,
        scorecard=scorecard,
        vendors={vid: selection.vendors[vid] for vid in keep},
        scenarios={vid: s for vid, s in selection.scenarios.items() if vid in keep},
        applied_overrides=tuple(o for o in selection.applied_overrides if o.vendor in keep),
    )
