"""What changed between two versions of a selection, and what it does to the outcome.

:func:`diff_selections` compares two validated selections: requirements, category weights,
scorecard settings and scenario, vendor prices and plans, and demo scores; then scores both
(few weight draws: robustness is not needed to rank) and costs both with the deterministic TCO
model, and reports the ranking before and after, each vendor's change of fit, qualification
(and why) and total cost, and whether the recommended vendor changed.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from crmselect.defaults import SEED
from crmselect.models.scorecard import Requirement
from crmselect.models.selection import Selection
from crmselect.models.vendor import Plan, Vendor

Scalar = float | int | str | bool | None
Status = Literal["added", "removed", "changed"]

REQUIREMENT_FIELDS = ("title", "category", "priority", "importance", "feature", "custom_cost")
_SKIPPED_VENDOR_KEYS = ("kind", "id", "sources", "website", "notes")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class FieldChange(_Frozen):
    """One value that differs between the two versions."""

    field: str
    """Dotted path of the value, such as `plans.Pro.per_seat_month` or `scenario.seats.start`."""
    old: Scalar
    """The value before; null when it did not exist."""
    new: Scalar
    """The value after; null when it no longer exists."""


class RequirementChange(_Frozen):
    """A requirement added, removed, or changed in any of its scoring fields."""

    id: str
    title: str
    """The title after (before, for a removed requirement)."""
    status: Status
    changes: tuple[FieldChange, ...] = ()
    """Changed fields (priority, importance, category, feature, title, custom_cost)."""


class WeightChange(_Frozen):
    """A category whose weight changed, or that was added or removed."""

    category: str
    old_weight: float | None
    """The weight as written before (null with AHP or when the category is new)."""
    new_weight: float | None
    old_share: float | None
    """The normalised category weight W_c the scorer used before (0..1)."""
    new_share: float | None


class VendorChange(_Frozen):
    """A vendor added to or removed from the comparison, or whose profile changed."""

    id: str
    name: str
    status: Status
    changes: tuple[FieldChange, ...] = ()
    """Prices, plans (a whole plan added or removed shows its price as old or new), features,
    add-ons, contract and services, with the scorecard's overrides applied."""


class ScoreChange(_Frozen):
    """One demo score added, removed or changed."""

    evaluator: str
    vendor: str
    requirement: str
    old: float | None
    new: float | None


class VendorEffect(_Frozen):
    """How one vendor's outcome moved."""

    id: str
    name: str
    old_rank: int | None
    """Rank before; null when the vendor was not compared."""
    new_rank: int | None
    old_qualified: bool | None
    new_qualified: bool | None
    qualification: Literal["gained", "lost", "same", "added", "removed"]
    old_reasons: tuple[str, ...]
    """Why it did not qualify before (empty when it did)."""
    new_reasons: tuple[str, ...]
    old_fit: float | None
    new_fit: float | None
    old_plan: str | None
    new_plan: str | None
    old_tco: float | None
    """Deterministic total cost over the horizon before, in the old scorecard's currency."""
    new_tco: float | None


class SelectionDiff(_Frozen):
    """Every difference between two versions of a selection, and its effect."""

    old_label: str
    """How the old version was named (a file or `REV:path`)."""
    new_label: str
    currency: str
    """The new scorecard's currency (TCO figures are in it)."""
    old_currency: str
    years: int
    """The new scenario's horizon in years."""
    old_years: int
    requirements: tuple[RequirementChange, ...]
    weights: tuple[WeightChange, ...]
    settings: tuple[FieldChange, ...]
    """Scorecard settings and scenario: threshold, must_fit, vendor_plans, fx, scenario.*."""
    vendors: tuple[VendorChange, ...]
    scores: tuple[ScoreChange, ...]
    old_ranking: tuple[str, ...]
    """Vendor ids in rank order before."""
    new_ranking: tuple[str, ...]
    effects: tuple[VendorEffect, ...]
    """One per vendor: new rank order first, then vendors no longer compared."""
    old_recommended: str | None
    """The top qualified vendor before; null when none qualified."""
    new_recommended: str | None
    recommendation_changed: bool
    seed: int
    old_rule: str = ""
    """The award rule before, as outputs name it."""
    new_rule: str = ""
    new_best_fit: str | None = None
    """The qualified vendor with the highest fit now (shown when the rule recommends another)."""

    @property
    def has_input_changes(self) -> bool:
        return bool(
            self.requirements or self.weights or self.settings or self.vendors or self.scores
        )

    def to_json_dict(self) -> dict[str, Any]:
        """Plain data for `--format json` (numbers unrounded)."""
        return self.model_dump(mode="json")


# ---------------------------------------------------------------------------------------------
# Comparing values


def _scalar(value: Any) -> Scalar:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(str(_scalar(v)) for v in value)
    return str(value)


def flatten(data: Any, prefix: str = "") -> dict[str, Scalar]:
    """Nested mappings as ``{dotted.path: value}``; lists of scalars become one text value,
    lists of mappings are indexed (``[0]``)."""
    if isinstance(data, BaseModel):
        data = data.model_dump(exclude_none=True, warnings=False)
    if isinstance(data, dict):
        flat: dict[str, Scalar] = {}
        for key, value in data.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(data, list | tuple) and any(isinstance(v, dict | BaseModel) for v in data):
        flat = {}
        for index, value in enumerate(data):
            flat.update(flatten(value, f"{prefix}[{index}]"))
        return flat
    return {prefix: _scalar(data)}


def compare(old: dict[str, Scalar], new: dict[str, Scalar]) -> tuple[FieldChange, ...]:
    """The keys whose values differ, in the new version's order, then keys removed."""
    keys = list(new) + [k for k in old if k not in new]
    return tuple(
        FieldChange(field=k, old=old.get(k), new=new.get(k))
        for k in keys
        if old.get(k) != new.get(k)
    )


def _requirement_values(req: Requirement) -> dict[str, Scalar]:
    values = flatten({f: getattr(req, f) for f in REQUIREMENT_FIELDS if f != "custom_cost"})
    if req.custom_cost is not None:
        values.update(flatten({"custom_cost": req.custom_cost}))
    return values


def requirement_changes(old: Selection, new: Selection) -> tuple[RequirementChange, ...]:
    before = {r.id: r for r in old.requirements}
    after = {r.id: r for r in new.requirements}
    changes = []
    for rid, req in after.items():
        if rid not in before:
            changes.append(RequirementChange(id=rid, title=req.title, status="added"))
            continue
        fields = compare(_requirement_values(before[rid]), _requirement_values(req))
        if fields:
            changes.append(
                RequirementChange(id=rid, title=req.title, status="changed", changes=fields)
            )
    changes += [
        RequirementChange(id=rid, title=req.title, status="removed")
        for rid, req in before.items()
        if rid not in after
    ]
    return tuple(changes)


def weight_changes(
    old: Selection, new: Selection, old_shares: dict[str, float], new_shares: dict[str, float]
) -> tuple[WeightChange, ...]:
    before, after = old.scorecard.categories, new.scorecard.categories
    names = list(after) + [c for c in before if c not in after]
    changes = []
    for name in names:
        item = WeightChange(
            category=name,
            old_weight=before[name].weight if name in before else None,
            new_weight=after[name].weight if name in after else None,
            old_share=old_shares.get(name),
            new_share=new_shares.get(name),
        )
        if (
            name not in before
            or name not in after
            or item.old_weight != item.new_weight
            or abs((item.old_share or 0) - (item.new_share or 0)) > 1e-12
        ):
            changes.append(item)
    return tuple(changes)


def _settings_values(selection: Selection) -> dict[str, Scalar]:
    card = selection.scorecard
    return flatten(
        {
            "currency": card.currency,
            "threshold": card.threshold,
            "must_fit": card.must_fit,
            "weighting.method": card.weighting.method,
            "vendor_plans": dict(card.vendor_plans),
            "support_levels": dict(card.support_levels),
            "fx": {code: _scalar(rate) for code, rate in card.fx.items()},
            "fx_as_of": card.fx_as_of,
            "award": card.award.model_dump(),
            "scenario": card.scenario.model_dump(exclude_none=True, warnings=False),
            "overrides": {
                vendor: {path: _scalar(value) for path, value in changes.items()}
                for vendor, changes in card.overrides.items()
            },
        }
    )


def _price(plan: Plan, currency: str) -> str:
    if plan.perpetual_per_seat is not None:
        return f"{plan.perpetual_per_seat:g} {currency}/seat perpetual"
    return f"{plan.per_seat_month:g} {currency}/seat/month"


def _vendor_values(vendor: Vendor) -> dict[str, Scalar]:
    data = vendor.model_dump(exclude_none=True, warnings=False)
    for key in _SKIPPED_VENDOR_KEYS:
        data.pop(key, None)
    plans = {}
    for plan in vendor.plans:
        values = plan.model_dump(exclude_none=True, warnings=False)
        values.pop("name")
        values.pop("notes", None)
        plans[plan.name] = values
    data["plans"] = plans
    data["addons"] = {a.name: a.model_dump(exclude={"name"}, warnings=False) for a in vendor.addons}
    return flatten(data)


def vendor_changes(old: Selection, new: Selection) -> tuple[VendorChange, ...]:
    changes = []
    for vid, vendor in new.vendors.items():
        if vid not in old.vendors:
            changes.append(VendorChange(id=vid, name=vendor.name, status="added"))
            continue
        before = old.vendors[vid]
        fields = list(compare(_vendor_values(before), _vendor_values(vendor)))
        # A plan added or removed as a whole: one line with its price, not one per field.
        old_plans = {p.name: p for p in before.plans}
        new_plans = {p.name: p for p in vendor.plans}
        whole = [f"plans.{n}" for n in list(new_plans) + list(old_plans)]
        whole = [w for w in whole if (w[6:] in new_plans) != (w[6:] in old_plans)]
        fields = [f for f in fields if not any(f.field.startswith(w + ".") for w in whole)]
        for name in new_plans:
            if name not in old_plans:
                fields.append(
                    FieldChange(
                        field=f"plans.{name}",
                        old=None,
                        new=_price(new_plans[name], vendor.currency),
                    )
                )
        for name in old_plans:
            if name not in new_plans:
                fields.append(
                    FieldChange(
                        field=f"plans.{name}",
                        old=_price(old_plans[name], before.currency),
                        new=None,
                    )
                )
        if fields:
            changes.append(
                VendorChange(id=vid, name=vendor.name, status="changed", changes=tuple(fields))
            )
    changes += [
        VendorChange(id=vid, name=vendor.name, status="removed")
        for vid, vendor in old.vendors.items()
        if vid not in new.vendors
    ]
    return tuple(changes)


def _score_values(selection: Selection) -> dict[tuple[str, str, str], float]:
    values = {}
    for file in selection.scores:
        for vendor, by_req in file.scores.items():
            for req, value in by_req.items():
                values[(file.evaluator, vendor, req)] = value
    return values


def score_changes(old: Selection, new: Selection) -> tuple[ScoreChange, ...]:
    before, after = _score_values(old), _score_values(new)
    keys = list(after) + [k for k in before if k not in after]
    return tuple(
        ScoreChange(evaluator=e, vendor=v, requirement=r, old=before.get(k), new=after.get(k))
        for k in keys
        for e, v, r in [k]
        if before.get(k) != after.get(k)
    )


# ---------------------------------------------------------------------------------------------
# The effect


def _outcome(selection: Selection, seed: int) -> tuple[dict[str, Any], dict[str, float]]:
    """The score contract's dict and each vendor's deterministic total cost."""
    from crmselect.award import award_for
    from crmselect.scoring import score
    from crmselect.tco import simulate_tco

    costing = simulate_tco(selection, simulations=0, seed=seed)
    scoring = score(selection, seed=seed, draws=1, plans=costing.plan_choices)
    award = award_for(scoring, costing, selection.scorecard.award)
    scored = scoring.to_json_dict()
    scored["award"] = award.to_json_dict()
    scored["award_rule"] = award.rule.label()
    costed = costing.to_json_dict()
    return scored, {v["id"]: v["total"] for v in costed["vendors"]}


def _reasons(item: dict[str, Any], threshold: float) -> tuple[str, ...]:
    if item["qualified"]:
        return ()
    if item.get("reasons"):
        return tuple(item["reasons"])
    reasons = [f"misses must-have {rid}" for rid in item["missing_must_haves"]]
    if item["fit"] < threshold:
        reasons.append(f"fit {item['fit'] * 100:.1f}% below the threshold {threshold * 100:.0f}%")
    return tuple(reasons)


def _recommended(scored: dict[str, Any]) -> str | None:
    """The award rule's recommendation (decision.md §1), else the top qualified vendor."""
    if scored.get("award") is not None:
        return scored["award"]["recommended"]
    top = scored["vendors"][0] if scored["vendors"] else None
    return top["id"] if top and top["qualified"] else None


def diff_selections(
    old: Selection,
    new: Selection,
    *,
    seed: int = SEED,
    old_label: str = "old",
    new_label: str = "new",
) -> SelectionDiff:
    """Compare two versions of a selection and what the change does to ranking and cost."""
    old_scored, old_tco = _outcome(old, seed)
    new_scored, new_tco = _outcome(new, seed)
    before = {v["id"]: v for v in old_scored["vendors"]}
    after = {v["id"]: v for v in new_scored["vendors"]}
    old_threshold, new_threshold = old.scorecard.threshold, new.scorecard.threshold

    effects = []
    for vid in list(after) + [v for v in before if v not in after]:
        b, a = before.get(vid), after.get(vid)
        if b is None:
            status = "added"
        elif a is None:
            status = "removed"
        elif b["qualified"] == a["qualified"]:
            status = "same"
        else:
            status = "gained" if a["qualified"] else "lost"
        effects.append(
            VendorEffect(
                id=vid,
                name=(a or b or {})["name"],
                old_rank=b and b["rank"],
                new_rank=a and a["rank"],
                old_qualified=b and b["qualified"],
                new_qualified=a and a["qualified"],
                qualification=status,
                old_reasons=_reasons(b, old_threshold) if b else (),
                new_reasons=_reasons(a, new_threshold) if a else (),
                old_fit=b and b["fit"],
                new_fit=a and a["fit"],
                old_plan=b and b["plan"],
                new_plan=a and a["plan"],
                old_tco=old_tco.get(vid),
                new_tco=new_tco.get(vid),
            )
        )
    old_rec, new_rec = _recommended(old_scored), _recommended(new_scored)
    return SelectionDiff(
        old_label=old_label,
        new_label=new_label,
        currency=new.currency,
        old_currency=old.currency,
        years=new.scenario.years,
        old_years=old.scenario.years,
        requirements=requirement_changes(old, new),
        weights=weight_changes(old, new, old_scored["weights"], new_scored["weights"]),
        settings=compare(_settings_values(old), _settings_values(new)),
        vendors=vendor_changes(old, new),
        scores=score_changes(old, new),
        old_ranking=tuple(before),
        new_ranking=tuple(after),
        effects=tuple(effects),
        old_recommended=old_rec,
        new_recommended=new_rec,
        recommendation_changed=old_rec != new_rec,
        seed=seed,
        old_rule=old_scored.get("award_rule", ""),
        new_rule=new_scored.get("award_rule", ""),
        new_best_fit=(new_scored.get("award") or {}).get("best_fit"),
    )
