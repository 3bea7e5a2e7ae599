"""The report's decision analytics, display-ready: SMAA-2 robustness, group weights, evaluator
agreement and the checks to make before deciding (analysis.md). One view for HTML and Markdown;
the templates include it as self-contained blocks (``analysis-*.j2``).
"""

from __future__ import annotations

from typing import Any

from crmselect.render.common import number, pct

FITS_TEXT = {
    "fixed": "the fits as scored",
    "evaluators": "the fits drawn too: each demo-scored cell resampled from its evaluators' "
    "scores, each unknown claim drawn from 0 to 100%",
}


def _names(result: Any) -> dict[str, str]:
    return {v.id: v.name for v in result.vendors}


def robustness(result: Any) -> dict[str, Any] | None:
    """Rank acceptability, holistic acceptability, central weights and confidence factors of
    the qualified vendors (in rank order), the pairwise winning table and the compromise."""
    rob = getattr(result, "robustness", None)
    if rob is None or not rob.vendors:
        return None
    names = _names(result)
    order = [v.id for v in result.vendors if v.id in rob.rank_acceptability]
    categories = list(result.weights)
    rows = []
    for vid in order:
        central = rob.central_weights[vid]
        rows.append(
            {
                "id": vid,
                "name": names[vid],
                "ranks": [pct(x) for x in rob.rank_acceptability[vid]],
                "shares": list(rob.rank_acceptability[vid]),
                "holistic": pct(rob.holistic_acceptability[vid]),
                "confidence": pct(rob.confidence_factor[vid]),
                "central": [pct(central[c]) if central else "–" for c in categories],
            }
        )
    compromise = rob.compromise
    leader = max(order, key=lambda v: (rob.p_first[v], -order.index(v)))
    return {
        "prior": rob.prior.describe(),
        "fits": FITS_TEXT.get(rob.fits, rob.fits),
        "draws": f"{rob.draws:,}",
        "ranks": [f"Rank {r + 1}" for r in range(len(order))],
        "categories": categories,
        "rows": rows,
        "pairwise": {
            "names": [names[v] for v in order],
            "rows": [
                {
                    "name": names[v],
                    "cells": ["–" if u == v else pct(rob.pairwise_winning[v][u]) for u in order],
                }
                for v in order
            ],
        }
        if len(order) > 1
        else None,
        "compromise": None
        if compromise is None
        else (
            f"{names[compromise]} is the compromise candidate: it has the highest holistic "
            f"acceptability ({pct(rob.holistic_acceptability[compromise])}), though "
            f"{names[leader]} ranks first more often "
            f"({pct(rob.p_first[leader])} against {pct(rob.p_first[compromise])})."
        ),
    }


def group(result: Any) -> dict[str, Any] | None:
    """Each member's weights and consistency, the group's weights and the consensus."""
    g = getattr(result, "group_weights", None)
    if g is None:
        return None
    categories = list(g.weights)
    judges = [
        {
            "judge": j.judge,
            "share": pct(j.weight),
            "weights": [pct(j.weights[c], 1) for c in categories],
            "cr": number(j.consistency_ratio, 3),
            "cr_ok": j.consistency_ratio <= 0.10,
        }
        for j in g.judges
    ]
    matrix = None
    if g.matrix is not None:
        matrix = {  # rows and columns in the scorecard's category order, as g.weights
            "names": categories,
            "rows": [
                {"category": a, "cells": [_ratio(x) for x in row]}
                for a, row in zip(categories, g.matrix, strict=True)
            ],
            "cr": number(g.consistency_ratio, 3),
            "cr_ok": (g.consistency_ratio or 0.0) <= 0.10,
        }
    return {
        "matrix": matrix,
        "aggregation": "geometric mean of the members' judgments (AIJ)"
        if g.aggregation == "aij"
        else "weighted mean of the members' priorities (AIP)",
        "categories": categories,
        "judges": judges,
        "group": [pct(g.weights[c], 1) for c in categories],
        "consensus": pct(g.consensus),
        "band": g.band,
    }


def _ratio(value: float) -> str:
    """A group judgment: 2.88, or 1/2.88 below 1."""
    if abs(value - 1.0) < 5e-3:
        return "1"
    return f"{value:.2f}" if value > 1 else f"1/{1 / value:.2f}"


def agreement(result: Any) -> dict[str, Any] | None:
    """ICC, Kendall's W, each evaluator's lean and the disagreements with who said what."""
    a = getattr(result, "agreement", None)
    if a is None:
        return None
    names = _names(result)
    titles = {r.id: r.title for r in result.requirements}
    return {
        "complete_cells": a.complete_cells,
        "icc2_1": number(a.icc2_1, 2),
        "icc2_k": number(a.icc2_k, 2),
        "band": a.band or "–",
        "kendall_w": number(a.kendall_w, 2),
        "computed": a.icc2_1 is not None or a.kendall_w is not None,
        "evaluators": [
            {
                "name": e.evaluator,
                "scored": e.scored,
                "missing": e.missing_must_haves,
                "mean": number(e.mean_score, 1),
                "lean": "–" if e.lean is None else f"{e.lean:+.1f}",
                "reading": e.reading or "",
            }
            for e in a.evaluators
        ],
        "disagreements": [
            {
                "vendor": names.get(d.vendor, d.vendor),
                "requirement": f"{d.requirement} {titles.get(d.requirement, '')}".strip(),
                "scores": "; ".join(f"{who}: {score:g}" for who, score in d.scores.items()),
                "notes": "; ".join(f"{who}: {text}" for who, text in d.notes.items()),
            }
            for d in a.disagreements
        ],
    }


def _instead(vendor_id: str | None, names: dict[str, str]) -> str:
    if vendor_id is None:
        return "no vendor qualifies"
    return f"{names.get(vendor_id, vendor_id)} is recommended instead"


def check_sentence(check: Any, recommended: str | None, names: dict[str, str], title: str) -> str:
    """One decisive check in words, e.g. "Confirm in a demo that Zoho CRM meets S04 (offline
    mobile): if it does not, Pipedrive is recommended instead." """
    who = names.get(check.vendor, check.vendor)
    what = f"{check.requirement} ({title})" if title else check.requirement
    if check.basis == "disagreement":
        return (
            f"Settle the evaluators' disagreement on {who} for {what}: if it falls short, "
            f"{_outcome(check.if_0, recommended, names)}; if it fully meets it, "
            f"{_outcome(check.if_1, recommended, names)}."
        )
    parts = []
    if check.if_0 != recommended:
        parts.append(f"if it does not, {_instead(check.if_0, names)}")
    if check.if_1 != recommended:
        parts.append(f"if it does, {_instead(check.if_1, names)}")
    verb = "Confirm in a demo that" if check.if_0 != recommended else "Check in a demo whether"
    return f"{verb} {who} meets {what}: " + "; ".join(parts) + "."


def _outcome(vendor_id: str | None, recommended: str | None, names: dict[str, str]) -> str:
    if vendor_id == recommended:
        return "the recommendation stands"
    return _instead(vendor_id, names)


def checks(result: Any) -> dict[str, Any] | None:
    """The decisive checks as sentences ("Check before deciding"), and how many were tested."""
    found = getattr(result, "next_checks", None)
    if found is None:
        return None
    award = getattr(result, "award", None)
    recommended = award.recommended if award is not None else None
    names = _names(result)
    titles = {r.id: r.title for r in result.requirements}
    decisive = [c for c in found if c.decisive]
    return {
        "tested": len(found),
        "sentences": [
            check_sentence(c, recommended, names, titles.get(c.requirement, "")) for c in decisive
        ],
    }


def build(decision: Any, *, with_charts: bool) -> dict[str, Any]:
    """Everything the ``analysis-*`` template blocks print."""
    result = decision.score
    rob = robustness(result)
    out: dict[str, Any] = {
        "robustness": rob,
        "group": group(result),
        "agreement": agreement(result),
        "checks": checks(result),
        "chart": None,
    }
    if with_charts and rob is not None:
        from markupsafe import Markup

        from crmselect.render.charts import rank_acceptability_chart

        out["chart"] = Markup(
            rank_acceptability_chart(
                "Rank acceptability",
                [(r["name"], r["shares"]) for r in rob["rows"]],
                "rank-acceptability",
            )
        )
    return out
