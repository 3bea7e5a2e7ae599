"""`score(selection)`: models in, arrays through the kernel, a :class:`ScoreResult` out."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction

import msgspec
import numpy as np

from crmselect.dates import generation_time, year_month
from crmselect.defaults import DRAWS, SEED
from crmselect.errors import UsageError
from crmselect.models.scorecard import Requirement
from crmselect.models.selection import Selection
from crmselect.models.vendor import Vendor
from crmselect.scoring import matrix as K
from crmselect.scoring.agreement import agreement
from crmselect.scoring.completeness import completeness
from crmselect.scoring.hygiene import hygiene_warnings
from crmselect.scoring.plans import (
    PlanChoice,
    choose_plans,
    fit_table,
    plan_levels,
    starting_seats,
)
from crmselect.scoring.priors import prior_of
from crmselect.scoring.result import (
    BreakEven,
    Matrix,
    RequirementInfo,
    Risk,
    ScoreResult,
    VendorScore,
)
from crmselect.scoring.risks import vendor_risks
from crmselect.scoring.robustness import FITS, cell_scores, robustness
from crmselect.scoring.weights import category_weights, requirement_weights

CLOSE_MARGIN = 0.02
CLOSE_P_FIRST = 0.6
BLOAT_STEP = Fraction(1, 10)
DAYS_PER_STEP = 15

ExtraRisks = Callable[[Vendor, PlanChoice], Iterable[Risk]]


def default_as_of() -> str:
    """``YYYY-MM`` of ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else of today (UTC)."""
    return year_month(generation_time())


def frozen_draws(draws: np.ndarray) -> np.ndarray:
    draws.setflags(write=False)
    return draws


_UNCONFIRMED = (
    "; an unknown or custom level does not force an upgrade: confirm it in a demo or an RFI"
)


def plan_choice_warning(name: str, choice: PlanChoice) -> str:
    """The warning of decision.md §2 for a plan that does not meet every must-have by claim:
    the vendor, the plan, and each must-have that caused it with its level on that plan."""
    causes = ", ".join(str(c) for c in choice.causes)
    if choice.pinned:
        head = f"{name} is scored and costed on its pinned plan {choice.plan}"
    elif choice.case == 2:
        head = (
            f"{name} is scored and costed on {choice.plan}, the plan that meets the most "
            "must-haves by claim among those on which no must-have is none or roadmap"
        )
    else:
        head = (
            f"{name} is scored and costed on its most capable plan {choice.plan}: "
            "no plan meets every must-have by claim"
        )
    tail = _UNCONFIRMED if any(c.level in ("unknown", "custom") for c in choice.causes) else ""
    return f"{head} (not met by claim: {causes}){tail}; demo scores decide its must-haves"


_CHOSEN_BY = {
    0: "the plan the scorecard pins",
    2: "the plan that meets the most must-haves by claim among those on which no must-have is "
    "none or roadmap",
    3: "the most capable plan, as no plan meets every must-have by claim",
}


def plan_choice_warnings(chosen: Sequence[tuple[str, PlanChoice]]) -> list[str]:
    """The plan-choice warnings of several vendors as one line (report-print.md §5): each
    vendor with its plan and the must-haves it misses by claim, the explanation once. One
    vendor keeps the sentence of :func:`plan_choice_warning`."""
    chosen = [(name, choice) for name, choice in chosen if choice.causes]
    if len(chosen) <= 1:
        return [plan_choice_warning(name, choice) for name, choice in chosen]
    kinds: list[int] = []
    named = []
    for name, choice in chosen:
        kind = 0 if choice.pinned else choice.case
        kinds += [] if kind in kinds else [kind]
        how = ", pinned" if kind == 0 else ", most capable" if kind == 3 else ""
        causes = ", ".join(f"{c.requirement} {c.level}" for c in choice.causes)
        named.append(f"{name} ({choice.plan}{how}: {causes})")
    by = "; else ".join(_CHOSEN_BY[k] for k in sorted(kinds, key=[0, 2, 3].index))
    unconfirmed = any(c.level in ("unknown", "custom") for _, ch in chosen for c in ch.causes)
    return [
        f"{', '.join(named)} are scored and costed on a plan that does not meet every must-have "
        f"by claim ({by}; in brackets: the plan and each must-have not met, with its level)"
        f"{_UNCONFIRMED if unconfirmed else ''}; demo scores decide their must-haves"
    ]


def bloat_of(vendor: Vendor, plan: str, wanted: set[str]) -> tuple[float, int]:
    """Share of the plan's native features no requirement asks for, and the extra working days
    (15 per 10%, rounded half up; 0 and 0 for a plan with no native feature)."""
    native = [f for f, level in vendor.features_of(plan).items() if level == "native"]
    if not native:
        return 0.0, 0
    unused = Fraction(sum(1 for f in native if f not in wanted), len(native))
    days = math.floor(unused / BLOAT_STEP * DAYS_PER_STEP + Fraction(1, 2))
    return float(unused), int(days)


class _Demo(msgspec.Struct, frozen=True):
    sum: np.ndarray
    count: np.ndarray
    min: np.ndarray
    max: np.ndarray


def _demo_arrays(cells: dict[tuple[int, int], list[float]], shape: tuple[int, int]) -> _Demo:
    """Sum, count, min and max of the demo scores of each (requirement, vendor) cell."""
    total, count = np.zeros(shape), np.zeros(shape, dtype=np.int64)
    low, high = np.full(shape, np.inf), np.full(shape, -np.inf)
    for (i, j), values in cells.items():
        total[i, j], count[i, j] = sum(values), len(values)
        low[i, j], high[i, j] = min(values), max(values)
    return _Demo(total, count, low, high)


def _reasons(
    musts: Sequence[Requirement],
    met: np.ndarray,
    fits: np.ndarray,
    fit: float,
    threshold: float,
    must_fit: float,
    plan_note: str | None,
    silent: np.ndarray | None = None,
) -> list[str]:
    """Why a vendor does not qualify. A must-have whose fit rests on an unknown claim with no
    demo score (``silent``) says so: the profile is silent, which is not a "no"."""
    reasons = [
        f"must-have {req.id} ({req.title}) not met: "
        + (
            f"unknown in the profile, not confirmed in a demo (fit {fits[i]:.2f} "
            f"below {must_fit:.2f})"
            if silent is not None and silent[i]
            else f"fit {fits[i]:.2f} below {must_fit:.2f}"
        )
        for i, req in enumerate(musts)
        if not met[i]
    ]
    if fit < threshold - K.EPS:
        shown = f"{fit * 100:.1f}"
        if float(shown) >= threshold * 100:  # 79.96% must not read as 80.0%
            shown = f"{fit * 100:.3f}"
        reasons.append(f"fit {shown}% below the threshold {threshold * 100:g}%")
    if plan_note:
        reasons.append(plan_note)
    return reasons


def score(
    selection: Selection,
    *,
    seed: int = SEED,
    draws: int = DRAWS,
    vendors: Sequence[str] | None = None,
    kappa: float | None = None,
    fits: str | None = None,
    as_of: str | None = None,
    extra_risks: ExtraRisks | None = None,
    plans: Mapping[str, PlanChoice] | None = None,
) -> ScoreResult:
    """Score the selection's vendors (or the ``vendors`` named) on its requirements.

    ``draws`` weight vectors (from the scorecard's prior; ``kappa`` replaces a Dirichlet
    prior's concentration) test the ranking's robustness (seeded by ``seed``), with the fits
    drawn too when ``fits`` (else the scorecard's ``robustness.fits``) is ``evaluators``; ``as_of``
    (``YYYY-MM``) dates the stale-price risk; ``extra_risks(vendor, plan_choice)`` adds risks
    computed elsewhere, such as a forced upgrade from the TCO; ``plans`` are plan choices made
    already (the TCO result's ``plan_choices``), so that each vendor's plan is chosen once."""
    if draws < 1:
        raise UsageError("the number of weight draws must be at least 1")
    card = selection.scorecard
    reqs = selection.requirements
    ids = selection.vendor_ids(vendors)
    as_of = as_of or default_as_of()

    cw = category_weights(card, reqs, selection.judgments)
    cats = list(cw.weights)
    w_cat = np.array([cw.weights[c] for c in cats])
    w = requirement_weights(reqs, cw.weights)
    cat_index = np.array([cats.index(r.category) for r in reqs], dtype=np.int64)
    importance = np.array([r.importance for r in reqs], dtype=float)

    # Support levels, one vectorised column per vendor.
    features = list(dict.fromkeys(r.feature for r in reqs))
    feature_index = {f: i for i, f in enumerate(features)}
    req_feature = np.array([feature_index[r.feature] for r in reqs], dtype=np.int64)
    levels = np.empty((len(reqs), len(ids)), dtype=np.int8)
    given = dict(plans) if plans is not None else {}
    given.update(choose_plans(selection, [vid for vid in ids if vid not in given]))
    choices = [given[vid] for vid in ids]
    for j, vid in enumerate(ids):
        vendor, choice = selection.vendors[vid], choices[j]
        by_feature = np.array(
            [K.LEVEL_CODE[lv] for lv in plan_levels(vendor, choice.plan, features)], dtype=np.int8
        )
        levels[:, j] = by_feature[req_feature]

    cells = cell_scores(selection.scores, [r.id for r in reqs], ids)
    demo = _demo_arrays(cells, (len(reqs), len(ids)))
    claimed = K.claimed_fit(levels, K.level_fits(fit_table(card)))
    demo_fit = K.demo_fit(demo.sum, demo.count)
    fit = K.final_fit(claimed, demo_fit)
    unverified = K.unverified(claimed, demo_fit)
    disagree = K.disagreement(demo.count, demo.min, demo.max)
    fit_score = K.fit_scores(fit, w)
    cat_scores = K.category_scores(fit, importance, cat_index, len(cats))

    must_mask = np.array([r.priority == "must" for r in reqs], dtype=bool)
    musts = [r for r in reqs if r.priority == "must"]
    met = K.musts_met(fit, must_mask, card.must_fit)
    must_fits = fit[must_mask]

    silent = (levels == K.LEVEL_CODE["unknown"]) & (demo.count == 0)
    qualified: list[bool] = []
    reasons: list[list[str]] = []
    chosen: list[tuple[str, PlanChoice]] = []
    for j, vid in enumerate(ids):
        vendor, choice = selection.vendors[vid], choices[j]
        note = None
        max_seats = vendor.plan(choice.plan).max_seats
        chosen.append((vendor.name, choice))
        if max_seats is not None:
            start = starting_seats(selection.scenarios[vid])
            if start > max_seats:
                note = f"plan {choice.plan} admits at most {max_seats} users, not {start}"
        why = _reasons(
            musts,
            met[:, j],
            must_fits[:, j],
            float(fit_score[j]),
            card.threshold,
            card.must_fit,
            note,
            silent[must_mask, j],
        )
        qualified.append(not why)
        reasons.append(why)

    order = sorted(
        range(len(ids)), key=lambda j: (not qualified[j], -round(float(fit_score[j]), 12), ids[j])
    )

    # Robustness among qualified vendors, in vendor-id order for ties.
    candidates = np.array(sorted((j for j in range(len(ids)) if qualified[j]), key=ids.__getitem__))
    candidates = candidates.astype(np.int64)
    prior = prior_of(card.weighting.uncertainty, kappa)
    fits = fits or card.robustness.fits
    if fits not in FITS:
        raise UsageError(f"fits must be one of {', '.join(FITS)}, not {fits!r}")
    robust, drawn = robustness(
        ids=ids,
        candidates=candidates,
        categories=cats,
        w_cat=w_cat,
        category_matrix=cat_scores,
        fit=fit,
        levels=levels,
        category_index=cat_index,
        importance=importance,
        scores=cells,
        prior=prior,
        fits=fits,
        draws=draws,
        seed=seed,
        rng=np.random.default_rng(seed),
    )
    p_first = {int(c): robust.p_first[ids[int(c)]] for c in candidates}
    gaps = completeness(selection, ids)
    agreed = agreement(
        selection.scores,
        ids,
        [r.id for r in reqs],
        gaps,
        [(ids[j], reqs[i].id) for j, i in zip(*np.nonzero(disagree.T), strict=True)],
    )

    top = [j for j in order if qualified[j]]
    close = len(top) >= 2 and (
        fit_score[top[0]] - fit_score[top[1]] < CLOSE_MARGIN or p_first[top[0]] < CLOSE_P_FIRST
    )
    crossings = K.break_even(cat_scores, w_cat, candidates)
    break_even = {
        cat: None
        if hit is None
        else BreakEven(
            float(hit[0]), float((hit[0] - w_cat[k]) * 100), ids[int(candidates[hit[1]])]
        )
        for k, (cat, hit) in enumerate(zip(cats, crossings, strict=True))
    }

    wanted = set(features)
    must_ids = [r.id for r in musts]
    req_ids = [r.id for r in reqs]
    req_array = np.asarray(req_ids)
    results: list[VendorScore] = []
    for rank, j in enumerate(order, start=1):
        vid = ids[j]
        vendor, choice = selection.vendors[vid], choices[j]
        bloat, extra_days = bloat_of(vendor, choice.plan, wanted)
        extra = tuple(extra_risks(vendor, choice)) if extra_risks else ()
        results.append(
            VendorScore(
                id=vid,
                name=vendor.name,
                rank=rank,
                qualified=qualified[j],
                fit=float(fit_score[j]),
                category_scores={c: float(cat_scores[k, j]) for k, c in enumerate(cats)},
                plan=choice.plan,
                addons=choice.addons,
                plan_pinned=choice.pinned,
                must_haves_met=int(met[:, j].sum()),
                must_haves_total=len(musts),
                missing_must_haves=tuple(
                    m for m, ok in zip(must_ids, met[:, j], strict=True) if not ok
                ),
                unverified_claims=tuple(req_array[unverified[:, j]].tolist()),
                unknown_claims=tuple(req_array[silent[:, j]].tolist()),
                disagreements=tuple(req_array[disagree[:, j]].tolist()),
                bloat=bloat,
                extra_days=extra_days,
                p_first=p_first.get(j),
                risks=vendor_risks(
                    vendor, card, choice.plan, as_of=as_of, extra=extra, rfi=selection.rfi.get(vid)
                ),
                reasons=tuple(reasons[j]),
            )
        )

    cols = np.array(order, dtype=np.int64)

    def frozen(array: np.ndarray) -> np.ndarray:
        out = np.ascontiguousarray(array[:, cols]) if array.ndim == 2 else array
        out.setflags(write=False)
        return out

    warnings = [*selection.warnings, *cw.warnings, *hygiene_warnings(reqs, fit, met)]
    warnings += plan_choice_warnings(chosen)
    return ScoreResult(
        scorecard=card.title,
        currency=card.currency,
        method=cw.method,
        weights=dict(cw.weights),
        consistency_ratio=cw.consistency_ratio,
        threshold=card.threshold,
        must_fit=card.must_fit,
        vendors=tuple(results),
        close_call=bool(close),
        warnings=tuple(warnings),
        seed=seed,
        draws=draws,
        kappa=prior.kappa,
        robustness=robust,
        group_weights=cw.group,
        agreement=agreed,
        break_even=break_even,
        requirements=tuple(
            RequirementInfo(r.id, r.title, r.category, r.priority, r.feature, float(w[i]))
            for i, r in enumerate(reqs)
        ),
        weight_draws=frozen_draws(drawn),
        matrix=Matrix(
            levels=frozen(levels),
            claimed=frozen(claimed),
            demo=frozen(demo_fit),
            fit=frozen(fit),
            unverified=frozen(unverified),
            disagreement=frozen(disagree),
        ),
        profiles={vid: selection.profile_sources.get(vid, "bundled") for vid in ids},
        completeness=gaps,
        claims={
            vid: dict(selection.claim_sources[vid]) for vid in ids if vid in selection.claim_sources
        },
        rfi={vid: selection.rfi[vid] for vid in ids if vid in selection.rfi},
    )
