"""What to check next (analysis.md §6): the unchecked claims, unknowns and disagreements that,
once checked, could change the recommendation.

For every compared vendor and requirement whose fit rests on a claim with no demo score
(``unknown`` included) or on evaluators who disagree, qualification and the recommendation are
recomputed with that one cell's fit at 0 and at 1 (deterministic prices, the scorecard's
weights). A check is decisive when either changes the recommended vendor (which covers the
recommended vendor losing its qualification). Vectorised per vendor over its cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import msgspec
import numpy as np

EPS = 1e-9
BASES = ("unknown", "claim", "disagreement")

Recommender = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""``recommend(columns, fits)``: ``columns`` (K,) the qualified vendors' columns in vendor-id
order, ``fits`` (S, K) their fit scores in S scenarios -> (S,) index into ``columns`` of the
recommended vendor in each scenario."""


def fit_rule(columns: np.ndarray, fits: np.ndarray) -> np.ndarray:
    """The `fit` award rule: the highest fit; ties to the earlier vendor id."""
    del columns
    top = fits.max(axis=-1, keepdims=True)
    return np.argmax(fits >= top - 1e-12, axis=-1)


class Check(msgspec.Struct, frozen=True):
    """One cell whose check could matter."""

    vendor: str
    requirement: str
    basis: str
    """``unknown``, ``claim`` or ``disagreement``."""
    fit: float
    """The fit used today."""
    weight: float
    """The requirement's weight w_r."""
    decisive: bool
    if_0: str | None
    """The recommended vendor id with this cell's fit at 0 (None: no vendor qualifies)."""
    if_1: str | None
    """The same with the fit at 1."""

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "requirement": self.requirement,
            "basis": self.basis,
            "fit": self.fit,
            "decisive": self.decisive,
            "if_0": self.if_0,
            "if_1": self.if_1,
        }


def recommend_all(
    scores: np.ndarray, qualified: np.ndarray, order: np.ndarray, recommend: Recommender
) -> int | None:
    """The recommended column for one scenario (None when none qualifies)."""
    cols = order[qualified[order]]
    if cols.size == 0:
        return None
    return int(cols[int(recommend(cols, scores[cols][None, :])[0])])


def next_checks(
    *,
    ids: Sequence[str],
    req_ids: Sequence[str],
    w: np.ndarray,
    fit: np.ndarray,
    must: np.ndarray,
    must_fit: float,
    threshold: float,
    other_ok: np.ndarray,
    basis: np.ndarray,
    recommend: Recommender = fit_rule,
) -> tuple[Check, ...]:
    """The checks of every cell with a ``basis`` (R, V) code (index into :data:`BASES`, -1 for
    none), decisive first, then by w_r descending, vendor id, requirement id.

    ``fit`` (R, V), ``w`` (R,), ``must`` (R,) bool; ``other_ok`` (V,) is False for a vendor kept
    out for a reason other than its fits (a plan too small for the starting seats)."""
    n_req, n_v = fit.shape
    order = np.array(sorted(range(n_v), key=lambda j: ids[j]), dtype=np.int64)
    scores = w @ fit
    musts_ok = (fit[must] >= must_fit - EPS).all(axis=0) if must.any() else np.ones(n_v, bool)
    qualified = musts_ok & (scores >= threshold - EPS) & other_ok
    base = recommend_all(scores, qualified, order, recommend)
    checks: list[Check] = []
    for v in range(n_v):
        rows = np.flatnonzero(basis[:, v] >= 0)
        if rows.size == 0:
            continue
        # must-haves: only the changed cell can change its own status
        failing = must & (fit[:, v] < must_fit - EPS)
        others_fail = int(failing.sum()) - failing[rows].astype(int)
        outcome = []
        for value in (0.0, 1.0):
            new_score = scores[v] + w[rows] * (value - fit[rows, v])
            ok = other_ok[v] & (new_score >= threshold - EPS) & (others_fail == 0)
            ok &= ~must[rows] | (value >= must_fit - EPS)
            outcome.append(_winners(scores, qualified, order, v, new_score, ok, recommend))
        for s, r in enumerate(rows):
            if_0, if_1 = outcome[0][s], outcome[1][s]
            checks.append(
                Check(
                    vendor=ids[v],
                    requirement=req_ids[int(r)],
                    basis=BASES[int(basis[r, v])],
                    fit=float(fit[r, v]),
                    weight=float(w[r]),
                    decisive=if_0 != base or if_1 != base,
                    if_0=None if if_0 is None else ids[if_0],
                    if_1=None if if_1 is None else ids[if_1],
                )
            )
    checks.sort(key=lambda c: (not c.decisive, -c.weight, c.vendor, c.requirement))
    return tuple(checks)


def _winners(
    scores: np.ndarray,
    qualified: np.ndarray,
    order: np.ndarray,
    v: int,
    new_score: np.ndarray,
    ok: np.ndarray,
    recommend: Recommender,
) -> list[int | None]:
    """The recommended column in each scenario where only vendor ``v`` changes: its fit score
    becomes ``new_score`` (S,) and its qualification ``ok`` (S,)."""
    others = order[qualified[order] & (order != v)]
    without = (
        None if others.size == 0 else int(others[int(recommend(others, scores[others][None])[0])])
    )
    out: list[int | None] = [without] * new_score.size
    hit = np.flatnonzero(ok)
    if hit.size:
        # many cells give the same new fit score (same w_r and fit): decide each value once
        values, back = np.unique(new_score[hit], return_inverse=True)
        cols = order[(qualified[order] & (order != v)) | (order == v)]
        fits = np.repeat(scores[cols][None, :], values.size, axis=0)
        fits[:, int(np.flatnonzero(cols == v)[0])] = values
        picked = cols[recommend(cols, fits)]
        for s, p in zip(hit, picked[back.ravel()], strict=True):
            out[int(s)] = int(p)
    return out


def basis_codes(
    levels: np.ndarray, demo: np.ndarray, disagree: np.ndarray, unknown_code: int
) -> np.ndarray:
    """(R, V) basis codes: ``disagreement`` where the evaluators disagree; else ``unknown``
    (an unknown claim) or ``claim`` where nobody scored the cell; -1 where demo scores settle
    it."""
    unscored = np.isnan(demo)
    codes = np.full(levels.shape, -1, dtype=np.int64)
    codes[unscored] = BASES.index("claim")
    codes[unscored & (levels == unknown_code)] = BASES.index("unknown")
    codes[disagree] = BASES.index("disagreement")
    return codes


def checks_for(selection: Any, result: Any, recommend: Recommender = fit_rule) -> tuple[Check, ...]:
    """The checks of a scoring ``result`` of ``selection`` (vendors as the result ranks them)."""
    from crmselect.models.common import SUPPORT_LEVELS
    from crmselect.scoring.plans import starting_seats

    m = result.matrix
    ids = [v.id for v in result.vendors]
    other_ok = np.ones(len(ids), dtype=bool)
    for j, v in enumerate(result.vendors):
        vendor = selection.vendors[v.id]
        limit = vendor.plan(v.plan).max_seats
        if limit is not None and starting_seats(selection.scenarios[v.id]) > limit:
            other_ok[j] = False
    unknown = SUPPORT_LEVELS.index("unknown") if "unknown" in SUPPORT_LEVELS else -2
    return next_checks(
        ids=ids,
        req_ids=[r.id for r in result.requirements],
        w=np.array([r.weight for r in result.requirements]),
        fit=np.asarray(m.fit),
        must=np.array([r.priority == "must" for r in result.requirements], dtype=bool),
        must_fit=result.must_fit,
        threshold=result.threshold,
        other_ok=other_ok,
        basis=basis_codes(
            np.asarray(m.levels), np.asarray(m.demo), np.asarray(m.disagreement), unknown
        ),
        recommend=recommend,
    )


def award_recommender(award: Any, tco: Any, vendors: Sequence[Any]) -> Recommender:
    """The award rule as a :data:`Recommender` over ``vendors`` (the columns of
    :func:`checks_for`, the scoring result's order), with each vendor's deterministic price on
    the award's price basis."""
    from crmselect.award import winners

    by_id = {v.id: v for v in tco.vendors}
    price = np.array(
        [
            float(by_id[v.id].npv if award.price_basis == "npv" else by_id[v.id].total)
            if v.id in by_id
            else np.inf
            for v in vendors
        ]
    )

    def recommend(columns: np.ndarray, fits: np.ndarray) -> np.ndarray:
        return winners(fits, price[columns], award.rule)

    return recommend
