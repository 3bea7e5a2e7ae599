"""The award rule (decision.md §1): how fit and cost become one recommendation.

Pure functions on arrays first (fit and price of K qualified candidates, in vendor-id order, with
any number of leading axes for draws), then :func:`award_for`, which reads a scoring result and a
TCO result and returns the frozen :class:`Award` every output shows.

Rules: ``price_quality`` recommends the highest ``s = (1 - w) q + w p`` with ``q = fit / max fit``
and ``p = P_min / P`` (``lowest``) or ``max(0, 2 - P / P_min)`` (``linear``); ``cost_per_fit``
the lowest ``P / fit``; ``fit`` the highest fit. Ties go to the higher fit, then the lower price,
then the vendor id (the candidates' order).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import msgspec
import numpy as np
from msgspec.structs import replace

CLOSE_MARGIN = 0.02
"""An award-score lead below this is a close call (on fit under the `fit` rule; on the
runner-up's cost per fit over the leader's, minus 1, under `cost_per_fit`)."""
CLOSE_P_AWARD = 0.6
"""A recommended vendor recommended in fewer than this share of joint draws is a close call."""
TIE = 1e-12
CHUNK = 200_000
"""Joint draws per chunk in :func:`p_award_first` (bounds memory)."""


class Rule(msgspec.Struct, frozen=True):
    """One award rule: ``price_weight`` and ``price_formula`` only for ``price_quality``."""

    rule: str
    price_weight: float | None = None
    price_formula: str | None = None

    def label(self) -> str:
        """How outputs name the rule: "price 30% / quality 70% (lowest price)"."""
        if self.rule == "fit":
            return "fit"
        if self.rule == "cost_per_fit":
            return "lowest cost per fit point"
        weight = self.price_weight or 0.0
        return (
            f"price {weight * 100:g}% / quality {(1 - weight) * 100:g}%, "
            f"{self.price_formula} price scoring"
        )

    def short(self) -> str:
        """A compact name for the sensitivity line: "fit", "cost per fit", "price 30%",
        "price 30% linear"."""
        if self.rule != "price_quality":
            return self.label() if self.rule == "fit" else "cost per fit"
        text = f"price {(self.price_weight or 0) * 100:g}%"
        return text + (" linear" if self.price_formula == "linear" else "")


SENSITIVITY_RULES: tuple[Rule, ...] = (
    Rule("fit"),
    Rule("cost_per_fit"),
    Rule("price_quality", 0.2, "lowest"),
    Rule("price_quality", 0.3, "lowest"),
    Rule("price_quality", 0.4, "lowest"),
    Rule("price_quality", 0.5, "lowest"),
    Rule("price_quality", 0.3, "linear"),
)
"""The rules of the sensitivity table, in the order it shows them."""


# ---------------------------------------------------------------------------------------------
# Kernel: arrays in, arrays out (shapes (..., K); K candidates in vendor-id order)


def quality_scores(fit: np.ndarray) -> np.ndarray:
    """``q = fit / max fit`` over the candidates (0 where every fit is 0)."""
    top = fit.max(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(top > 0, fit / np.where(top > 0, top, 1.0), 0.0)


def price_scores(price: np.ndarray, formula: str) -> np.ndarray:
    """``lowest``: ``P_min / P``; ``linear``: ``max(0, 2 - P / P_min)`` (1 at the lowest price,
    0 at twice it). A price of 0 scores 1."""
    low = price.min(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        if formula == "lowest":
            return np.where(price > 0, low / np.where(price > 0, price, 1.0), 1.0)
        if formula == "linear":
            ratio = np.where(low > 0, price / np.where(low > 0, low, 1.0), 1.0)
            return np.where(low > 0, np.maximum(0.0, 2.0 - ratio), np.where(price > 0, 0.0, 1.0))
    raise ValueError(f"unknown price formula {formula!r}")


def award_scores(fit: np.ndarray, price: np.ndarray, weight: float, formula: str) -> np.ndarray:
    """``s = (1 - price_weight) * q + price_weight * p``."""
    return (1.0 - weight) * quality_scores(fit) + weight * price_scores(price, formula)


def cost_per_fit(fit: np.ndarray, price: np.ndarray) -> np.ndarray:
    """``P / fit`` (infinite where fit is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(fit > 0, price / np.where(fit > 0, fit, 1.0), np.inf)


def merit(fit: np.ndarray, price: np.ndarray, rule: Rule) -> np.ndarray:
    """What the rule maximises: award score, minus cost per fit, or fit."""
    if rule.rule == "price_quality":
        return award_scores(fit, price, rule.price_weight or 0.0, rule.price_formula or "lowest")
    if rule.rule == "cost_per_fit":
        return -cost_per_fit(fit, price)
    if rule.rule == "fit":
        return fit
    raise ValueError(f"unknown award rule {rule.rule!r}")


def winners(fit: np.ndarray, price: np.ndarray, rule: Rule) -> np.ndarray:
    """Index of the recommended candidate along the last axis: the highest merit, ties to the
    higher fit, then the lower price, then the earlier candidate (vendor id)."""
    score = merit(fit, price, rule)
    best = score.max(axis=-1, keepdims=True)
    scale = np.where(np.isfinite(best), np.maximum(1.0, np.abs(best)), 1.0)
    tied = score >= best - TIE * scale
    top_fit = np.where(tied, fit, -np.inf).max(axis=-1, keepdims=True)
    tied &= fit >= top_fit - TIE
    low = np.where(tied, price, np.inf).min(axis=-1, keepdims=True)
    tied &= price <= low + TIE * np.maximum(1.0, np.abs(low))
    return np.argmax(tied, axis=-1)


def price_to_win(fit: np.ndarray, price: np.ndarray, u: int, rule: Rule) -> float | None:
    """The highest whole price ``P* <= P_u`` at which candidate ``u`` is recommended, everything
    else unchanged (``P_min`` recomputed); None under the `fit` rule, where ``u`` already wins,
    or where no positive price makes it win.

    Winning only gets easier as ``P_u`` falls, so bisection on whole units finds ``P*`` with
    ``u`` recommended at ``P*`` and not at ``P* + 1``."""
    if rule.rule == "fit":
        return None

    def wins(p: float) -> bool:
        trial = price.astype(float).copy()
        trial[u] = p
        return int(winners(fit, trial, rule)) == u

    current = float(price[u])
    if wins(current) or current < 1 or not wins(1.0):
        return None
    lo, hi = 1.0, current  # wins(lo), not wins(hi)
    while hi - lo > 1:
        mid = lo + max(1.0, math.floor((hi - lo) / 2))
        if wins(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _fits(
    category_matrix: np.ndarray, weight_draws: np.ndarray, chunk: int, fit_draws: Any
) -> Iterator[tuple[int, np.ndarray]]:
    """``(start, fits)`` chunk by chunk: the weight draws times the category scores, drawn
    too when ``fit_draws`` (:class:`crmselect.scoring.robustness.FitDraws`) is given."""
    n = weight_draws.shape[0]
    if fit_draws is None:
        for start in range(0, n, chunk):
            yield start, weight_draws[start : start + chunk] @ category_matrix
        return
    for start, scores in fit_draws.category_scores(category_matrix, n):
        w = weight_draws[start : start + scores.shape[0]]
        yield start, np.einsum("nc,nck->nk", w, scores)


def p_award_first(
    category_matrix: np.ndarray,
    weight_draws: np.ndarray,
    prices: np.ndarray,
    rule: Rule,
    chunk: int = CHUNK,
    fit_draws: Any = None,
) -> np.ndarray:
    """Share of joint draws in which each candidate is recommended.

    ``category_matrix`` (C, K) category scores; ``weight_draws`` (N, C); ``prices`` (N, K) paired
    cost paths, or (K,) deterministic prices used with every draw. Draw ``i`` pairs weight draw
    ``i`` with cost path ``i`` and, with ``fit_draws`` (``fits: evaluators``), with the SMAA's
    fit draw ``i`` (analysis.md §3)."""
    n, k = weight_draws.shape[0], category_matrix.shape[1]
    if k == 0 or n == 0:
        return np.zeros(k)
    if k == 1:
        return np.ones(1)
    counts = np.zeros(k, dtype=np.int64)
    for start, fit in _fits(category_matrix, weight_draws, chunk, fit_draws):
        price = prices if prices.ndim == 1 else prices[start : start + fit.shape[0]]
        # candidate-major memory: the rule's max and min over the few candidates then run
        # along rows of draws (the same numbers, far fewer steps)
        fit = np.asfortranarray(fit)
        price = np.asfortranarray(np.broadcast_to(price, fit.shape))
        counts += np.bincount(winners(fit, price, rule), minlength=k)
    return counts / n


# ---------------------------------------------------------------------------------------------
# The award of a selection


class AwardVendor(msgspec.Struct, frozen=True):
    """One qualified vendor under the award rule."""

    id: str
    price: float
    """Deterministic total over the horizon (or NPV, by ``price_basis``) in the scorecard's
    currency."""
    fit: float
    quality_score: float
    price_score: float
    """Under the scorecard's price formula."""
    award_score: float | None
    """None under the `fit` and `cost_per_fit` rules."""
    cost_per_fit: float
    """Price per unit of fit (``P / fit``)."""
    price_to_win: float | None
    discount_needed: float | None
    p_award_first: float

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "price": self.price,
            "quality_score": self.quality_score,
            "price_score": self.price_score,
            "award_score": self.award_score,
            "cost_per_fit": self.cost_per_fit,
            "price_to_win": self.price_to_win,
            "discount_needed": self.discount_needed,
            "p_award_first": self.p_award_first,
        }


class SensitivityRow(msgspec.Struct, frozen=True):
    rule: Rule
    recommended: str | None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.rule,
            "price_weight": self.rule.price_weight,
            "price_formula": self.rule.price_formula,
            "recommended": self.recommended,
        }


class Award(msgspec.Struct, frozen=True):
    """The recommendation under the scorecard's award rule, and how firm it is."""

    rule: Rule
    price_basis: str
    recommended: str | None
    best_fit: str | None
    """The qualified vendor with the highest fit (the recommendation of release 0.1)."""
    closest_to_qualifying: str | None
    """When none qualifies: the vendor closest to it (every must-have met before fit)."""
    vendors: tuple[AwardVendor, ...]
    """Qualified vendors in award order."""
    sensitivity: tuple[SensitivityRow, ...]
    close_call: bool
    margin: float | None
    """The recommended vendor's lead on the runner-up in the rule's own terms."""
    pairs: int
    """Joint draws behind ``p_award_first`` (weight draws paired with cost paths)."""
    paired_paths: bool
    """True when the draws used simulated cost paths, False for deterministic prices."""
    declared: bool = True
    """False when the scorecard has no `award:` and the default rule applies."""
    paired_fits: bool = False
    """True when the draws also drew the fits (``fits: evaluators``), as the ranking did."""
    years: int = 5
    """The horizon of the prices compared (the scenario's `years`)."""

    @property
    def runner_up(self) -> str | None:
        return self.vendors[1].id if len(self.vendors) > 1 else None

    def vendor(self, vendor_id: str) -> AwardVendor | None:
        return next((v for v in self.vendors if v.id == vendor_id), None)

    def to_json_dict(self) -> dict[str, Any]:
        pq = self.rule.rule == "price_quality"
        return {
            "rule": self.rule.rule,
            "price_weight": self.rule.price_weight if pq else None,
            "price_formula": self.rule.price_formula if pq else None,
            "price_basis": self.price_basis,
            "declared": self.declared,
            "recommended": self.recommended,
            "best_fit": self.best_fit,
            "closest_to_qualifying": self.closest_to_qualifying,
            "vendors": [v.to_json_dict() for v in self.vendors],
            "sensitivity": [row.to_json_dict() for row in self.sensitivity],
        }


def closest_to_qualifying(vendors: Sequence[Any]) -> str | None:
    """Of vendors (with ``id``, ``fit``, ``missing_must_haves``): every must-have met first,
    then the higher fit, then the vendor id."""
    if not vendors:
        return None
    best = min(vendors, key=lambda v: (bool(v.missing_must_haves), -round(v.fit, 12), v.id))
    return str(best.id)


def _margin(fit: np.ndarray, price: np.ndarray, rule: Rule, first: int, second: int) -> float:
    if rule.rule == "price_quality":
        s = merit(fit, price, rule)
        return float(s[first] - s[second])
    if rule.rule == "cost_per_fit":
        cpf = cost_per_fit(fit, price)
        return float(cpf[second] / cpf[first] - 1.0) if cpf[first] > 0 else math.inf
    return float(fit[first] - fit[second])


def compute_award(
    ids: Sequence[str],
    fit: np.ndarray,
    price: np.ndarray,
    rule: Rule,
    *,
    price_basis: str = "total",
    category_matrix: np.ndarray | None = None,
    weight_draws: np.ndarray | None = None,
    path_prices: np.ndarray | None = None,
    best_fit: str | None = None,
    closest: str | None = None,
    fit_draws: Any = None,
) -> Award:
    """The award among qualified candidates ``ids`` (any order), fits and deterministic prices.

    ``category_matrix`` (C, K) and ``weight_draws`` (N, C) give ``p_award_first``; with
    ``path_prices`` (M, K) the first min(N, M) draws are paired with cost paths, else every
    draw uses the deterministic prices; with ``fit_draws`` (the SMAA's, ``fits: evaluators``,
    columns in vendor-id order) each draw's fits are drawn as the ranking drew them."""
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    ids = [ids[i] for i in order]
    fit = np.asarray(fit, dtype=float)[order]
    price = np.asarray(price, dtype=float)[order]
    k = len(ids)
    if k == 0:
        return Award(rule, price_basis, None, None, closest, (), _sensitivity(ids, fit, price),
                     False, None, 0, False)  # fmt: skip

    if category_matrix is not None and weight_draws is not None:
        cats = np.asarray(category_matrix, dtype=float)[:, order]
        draws = weight_draws
        prices: np.ndarray = price
        paired = path_prices is not None
        if path_prices is not None:
            n = min(draws.shape[0], path_prices.shape[0])
            draws, prices = draws[:n], np.asarray(path_prices, dtype=float)[:n][:, order]
        if fit_draws is not None and tuple(fit_draws.vendors) != tuple(ids):
            raise ValueError("the fit draws are of other candidates than the award's")
        p_first = p_award_first(cats, draws, prices, rule, fit_draws=fit_draws)
        pairs = int(draws.shape[0])
    else:
        p_first = np.zeros(k)
        p_first[int(winners(fit, price, rule))] = 1.0
        pairs, paired = 0, False

    s = merit(fit, price, rule)
    q = quality_scores(fit)
    p = price_scores(price, rule.price_formula or "lowest")
    cpf = cost_per_fit(fit, price)
    ranked = sorted(range(k), key=lambda i: (-s[i], -fit[i], price[i], ids[i]))
    top = int(winners(fit, price, rule))
    ranked.remove(top)
    ranked.insert(0, top)

    items = []
    for i in ranked:
        target = None if i == top else price_to_win(fit, price, i, rule)
        items.append(
            AwardVendor(
                id=ids[i],
                price=float(price[i]),
                fit=float(fit[i]),
                quality_score=float(q[i]),
                price_score=float(p[i]),
                award_score=float(s[i]) if rule.rule == "price_quality" else None,
                cost_per_fit=float(cpf[i]),
                price_to_win=target,
                discount_needed=None
                if target is None or price[i] <= 0
                else float(1.0 - target / price[i]),
                p_award_first=float(p_first[i]),
            )
        )
    margin = _margin(fit, price, rule, top, ranked[1]) if k > 1 else None
    close = k >= 2 and (
        (margin is not None and margin < CLOSE_MARGIN) or p_first[top] < CLOSE_P_AWARD
    )
    return Award(
        rule=rule,
        price_basis=price_basis,
        recommended=ids[top],
        best_fit=best_fit,
        closest_to_qualifying=None,
        vendors=tuple(items),
        sensitivity=_sensitivity(ids, fit, price),
        close_call=bool(close),
        margin=margin,
        pairs=pairs,
        paired_paths=paired,
        paired_fits=fit_draws is not None and pairs > 0,
    )


def _sensitivity(
    ids: Sequence[str], fit: np.ndarray, price: np.ndarray
) -> tuple[SensitivityRow, ...]:
    if not len(ids):
        return tuple(SensitivityRow(rule, None) for rule in SENSITIVITY_RULES)
    return tuple(
        SensitivityRow(rule, ids[int(winners(fit, price, rule))]) for rule in SENSITIVITY_RULES
    )


def rule_of(config: Any) -> Rule:
    """The scorecard's `award:` as a :class:`Rule`."""
    if config.rule == "price_quality":
        return Rule("price_quality", float(config.price_weight), str(config.price_formula))
    return Rule(str(config.rule))


def award_for(score: Any, tco: Any, config: Any) -> Award:
    """:func:`_award_for`, stamped with the TCO's horizon so that every output names it."""
    return replace(_award_for(score, tco, config), years=int(tco.years))


def _award_for(score: Any, tco: Any, config: Any) -> Award:
    """The award of a scoring result and a TCO result of the same vendors, under the
    scorecard's `award:` ``config``. Uses the score's weight draws, its fit draws with
    ``fits: evaluators``, and the TCO's simulated paths (when kept) for ``p_award_first``."""
    rule = rule_of(config)
    basis = str(config.price_basis)
    qualified = [v for v in score.vendors if v.qualified]
    best = qualified[0].id if qualified else None
    if not qualified:
        closest = closest_to_qualifying(score.vendors)
        return compute_award([], np.zeros(0), np.zeros(0), rule, price_basis=basis,
                             closest=closest)  # fmt: skip
    by_id = {v.id: v for v in tco.vendors}
    ids = [v.id for v in qualified]
    fit = np.array([v.fit for v in qualified])
    price = np.array([by_id[i].npv if basis == "npv" else by_id[i].total for i in ids])
    cats = list(score.weights)
    matrix = np.array([[v.category_scores[c] for v in qualified] for c in cats])
    paths = getattr(tco, "paths", None)
    path_prices = None
    if paths is not None:
        columns = [paths.ids.index(i) for i in ids]
        path_prices = (paths.npvs if basis == "npv" else paths.totals)[:, columns]
    return compute_award(
        ids,
        fit,
        price,
        rule,
        price_basis=basis,
        category_matrix=matrix,
        weight_draws=score.weight_draws,
        path_prices=path_prices,
        best_fit=best,
        fit_draws=getattr(getattr(score, "robustness", None), "fit_draws", None),
    )
