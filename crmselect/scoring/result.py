"""The result of `crmselect score`: frozen, documented, one object for every output format."""

from __future__ import annotations

from typing import Any

import msgspec
import numpy as np

from crmselect.frozen import FrozenResult
from crmselect.models.common import SUPPORT_LEVELS
from crmselect.models.workflow import RfiFacts
from crmselect.scoring.agreement import Agreement
from crmselect.scoring.group import GroupWeights
from crmselect.scoring.next_checks import Check
from crmselect.scoring.robustness import Robustness


class Risk(msgspec.Struct, frozen=True):
    """One entry of a vendor's risk register (scoring.md §9)."""

    code: str
    """Stable identifier, such as ``sla-availability``."""
    message: str
    """What is wrong, in plain words."""
    rule: str
    """The rule it comes from, citing its source article, such as "class-A systems 99.9% [E]"."""

    def to_json_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "rule": self.rule}

    def __str__(self) -> str:
        return f"{self.message} ({self.rule})"


class BreakEven(msgspec.Struct, frozen=True):
    """Where a category's weight changes the winner."""

    weight: float
    """The category weight (0..1) at which the winner changes."""
    change_pp: float
    """``weight - W_c`` in percentage points (signed)."""
    winner: str
    """The vendor id that wins beyond that weight."""


class RequirementInfo(msgspec.Struct, frozen=True):
    """One row of the needs–function matrix."""

    id: str
    title: str
    category: str
    priority: str
    feature: str
    weight: float
    """w_r; the weights sum to 1."""


class Matrix(msgspec.Struct, frozen=True):
    """The needs–function matrix, requirements × vendors (vendors in rank order).

    Arrays are read-only; ``demo`` is NaN where nobody scored the cell."""

    levels: np.ndarray
    """Support level codes, indices into ``SUPPORT_LEVELS``, (R, V)."""
    claimed: np.ndarray
    """Fit by the vendor's claim, (R, V)."""
    demo: np.ndarray
    """Mean demo score / 5, NaN where not scored, (R, V)."""
    fit: np.ndarray
    """Fit used for scoring, (R, V)."""
    unverified: np.ndarray
    """Claim not verified by the demo, bool (R, V)."""
    disagreement: np.ndarray
    """Committee disagrees, bool (R, V)."""

    def level(self, i: int, j: int) -> str:
        """The support level name of requirement ``i`` for vendor ``j``."""
        return SUPPORT_LEVELS[int(self.levels[i, j])]


class VendorScore(FrozenResult, frozen=True):
    """One vendor's place in the ranking and why."""

    id: str
    name: str
    rank: int
    """1 is best; qualified vendors come first."""
    qualified: bool
    """Every must-have met and fit at or above the threshold."""
    fit: float
    """Fit score, 0..1."""
    category_scores: dict[str, float]
    """Category -> score, 0..1."""
    plan: str
    """The plan scored (and costed)."""
    addons: tuple[str, ...]
    """Add-ons the plan needs for any requirement."""
    plan_pinned: bool
    """The scorecard's `vendor_plans` named the plan."""
    must_haves_met: int
    must_haves_total: int
    missing_must_haves: tuple[str, ...]
    """Ids of must-haves not met."""
    unverified_claims: tuple[str, ...]
    """Requirement ids whose claim the demo did not verify."""
    disagreements: tuple[str, ...]
    """Requirement ids where the committee's scores spread by 3 or more."""
    bloat: float
    """Share of the plan's native features no requirement asks for."""
    extra_days: int
    """Working days of implementation the bloat adds (15 per 10%)."""
    p_first: float | None
    """Probability of ranking first among qualified vendors under weight uncertainty."""
    risks: tuple[Risk, ...]
    reasons: tuple[str, ...]
    """Why the vendor does not qualify (empty when it does)."""
    unknown_claims: tuple[str, ...] = ()
    """Requirement ids whose fit rests on an `unknown` level (the profile is silent) with no
    demo score: confirm them in a demo or an RFI (decision.md §2)."""

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "rank": self.rank,
            "qualified": self.qualified,
            "fit": self.fit,
            "category_scores": dict(self.category_scores),
            "plan": self.plan,
            "plan_pinned": self.plan_pinned,
            "addons": list(self.addons),
            "must_haves_met": self.must_haves_met,
            "must_haves_total": self.must_haves_total,
            "missing_must_haves": list(self.missing_must_haves),
            "unverified_claims": list(self.unverified_claims),
            "unknown_claims": list(self.unknown_claims),
            "disagreements": list(self.disagreements),
            "bloat": self.bloat,
            "extra_days": self.extra_days,
            "p_first": self.p_first,
            "risks": [risk.to_json_dict() for risk in self.risks],
            "reasons": list(self.reasons),
        }


class ScoreResult(FrozenResult, frozen=True):
    """Everything `crmselect score` reports."""

    scorecard: str
    """The scorecard's title."""
    currency: str
    method: str
    """`direct` or `ahp`."""
    weights: dict[str, float]
    """Category -> W_c (categories with requirements only); sums to 1."""
    consistency_ratio: float | None
    """AHP consistency ratio; None for direct weights."""
    threshold: float
    must_fit: float
    vendors: tuple[VendorScore, ...]
    """In rank order."""
    close_call: bool
    """The recommendation is not firm (decision.md §1: judged on the award once costs are known;
    on fit alone before)."""
    warnings: tuple[str, ...]
    seed: int
    draws: int
    """Weight draws of the robustness simulation."""
    kappa: float | None
    """Dirichlet concentration of the weight draws; None under a uniform or ordinal prior."""
    break_even: dict[str, BreakEven | None]
    """Category -> where its weight changes the winner; None for stable."""
    requirements: tuple[RequirementInfo, ...]
    matrix: Matrix
    robustness: Robustness | None = None
    """SMAA-2 over the qualified vendors (analysis.md §2)."""
    group_weights: GroupWeights | None = None
    """Each member's weights and the consensus; None with fewer than two judges."""
    profiles: dict[str, str] = msgspec.field(default_factory=dict)
    """Vendor id -> ``bundled`` or ``committee`` (the committee's own profile)."""
    completeness: Any = None
    """Who has not scored which must-haves (``crmselect.scoring.completeness``); None
    before any score file exists."""
    claims: dict[str, dict[str, str]] = msgspec.field(default_factory=dict)
    """Vendor id -> requirement id -> where a claim that is not the profile's came from
    (``RFI received 2026-12-01``); a cell not listed rests on the profile."""
    rfi: dict[str, RfiFacts] = msgspec.field(default_factory=dict)
    """Vendor id -> what its RFI responses state beyond support levels (one-off costs quoted,
    hosting regions), each with its source."""
    agreement: Agreement | None = None
    """How far the evaluators' demo scores agree; None when nobody scored."""
    weight_draws: np.ndarray | None = None
    """The (N, C) category-weight draws behind ``p_first``, columns in ``weights`` order; the
    award rule pairs draw i with cost path i."""
    award: Any = None
    """The recommendation under the scorecard's award rule (:class:`crmselect.award.Award`),
    once costs are known; None for fit alone."""
    next_checks: tuple[Check, ...] | None = None
    """The unchecked cells that could change the recommendation, decisive first (analysis.md
    §6); None until the award is known."""
    assumptions: Any = None
    """What the award's figures rest on (:class:`crmselect.assumptions.Assumptions`)."""

    def vendor(self, vendor_id: str) -> VendorScore:
        for vendor in self.vendors:
            if vendor.id == vendor_id:
                return vendor
        raise KeyError(vendor_id)

    @property
    def winner(self) -> VendorScore | None:
        """The top qualified vendor by fit, if any."""
        return self.vendors[0] if self.vendors and self.vendors[0].qualified else None

    @property
    def recommended(self) -> VendorScore | None:
        """The vendor the award rule recommends (the best fit while no award is attached)."""
        if self.award is None:
            return self.winner
        return None if self.award.recommended is None else self.vendor(self.award.recommended)

    def to_json_dict(self, *, matrix: bool = True) -> dict[str, Any]:
        """The output contract of scoring.md (plus detail); numbers unrounded."""
        data: dict[str, Any] = {
            "scorecard": self.scorecard,
            "currency": self.currency,
            "method": self.method,
            "weights": dict(self.weights),
            "consistency_ratio": self.consistency_ratio,
            "threshold": self.threshold,
            "must_fit": self.must_fit,
            "close_call": self.close_call,
            "seed": self.seed,
            "sensitivity_draws": self.draws,
            "kappa": self.kappa,
            "vendors": [vendor.to_json_dict() for vendor in self.vendors],
            "award": None if self.award is None else self.award.to_json_dict(),
            "assumptions": None if self.assumptions is None else self.assumptions.to_json_dict(),
            "break_even": {
                cat: None
                if be is None
                else {"weight": be.weight, "change_pp": be.change_pp, "winner": be.winner}
                for cat, be in self.break_even.items()
            },
            "robustness": None if self.robustness is None else self.robustness.to_json_dict(),
            "next_checks": None
            if self.next_checks is None
            else [check.to_json_dict() for check in self.next_checks],
            "group_weights": None
            if self.group_weights is None
            else self.group_weights.to_json_dict(),
            "agreement": None if self.agreement is None else self.agreement.to_json_dict(),
            "warnings": list(self.warnings),
            "profiles": dict(self.profiles),
            "rfi": {
                vid: {
                    "one_off": [msgspec.structs.asdict(q) for q in facts.one_off],
                    "residency": None
                    if facts.residency is None
                    else {
                        "regions": list(facts.residency.regions),
                        "source": facts.residency.source,
                    },
                }
                for vid, facts in self.rfi.items()
            },
            "completeness": self.completeness.to_json_dict() if self.completeness else None,
            "requirements": [
                {
                    "id": r.id,
                    "title": r.title,
                    "category": r.category,
                    "priority": r.priority,
                    "feature": r.feature,
                    "weight": r.weight,
                }
                for r in self.requirements
            ],
        }
        if matrix:
            m = self.matrix
            cells: dict[str, dict[str, Any]] = {}
            for j, vendor in enumerate(self.vendors):
                cells[vendor.id] = {
                    r.id: {
                        "level": SUPPORT_LEVELS[m.levels[i, j]],
                        "claimed": float(m.claimed[i, j]),
                        "demo": None if np.isnan(m.demo[i, j]) else float(m.demo[i, j]),
                        "fit": float(m.fit[i, j]),
                        "source": self.claims.get(vendor.id, {}).get(r.id, "library"),
                    }
                    for i, r in enumerate(self.requirements)
                }
            data["matrix"] = cells
        return data
