"""In-memory selections for property tests: no YAML, built straight from the models."""

from pathlib import Path

import numpy as np

from crmselect.models.scorecard import Scorecard, ScoreFile
from crmselect.models.selection import Selection
from crmselect.models.vendor import FeatureCatalogue, Vendor

LEVELS = ["native", "addon", "partner", "custom", "roadmap", "none"]


def make_selection(
    *, vendors=3, requirements=8, categories=3, must_share=0.3, seed=0, levels=None, weights=None
):
    """A random but valid selection; ``levels[v][r]`` may fix every support level."""
    rng = np.random.default_rng(seed)
    cats = [f"c{i}" for i in range(categories)]
    feats = [f"f{i}" for i in range(requirements)]
    drawn = [float(x) for x in rng.integers(1, 10, categories)]
    weights = drawn if weights is None else weights
    reqs = [
        {
            "id": f"R{i:02d}",
            "title": f"Need {i}",
            "category": cats[i % categories],
            "priority": "must" if rng.random() < must_share else "nice",
            "importance": int(rng.integers(1, 6)),
            "feature": feats[i],
        }
        for i in range(requirements)
    ]
    ids = [f"v{j}" for j in range(vendors)]
    card = Scorecard.model_validate(
        {
            "kind": "scorecard",
            "title": "Generated",
            "currency": "EUR",
            "vendors": ids,
            "threshold": 0.5,
            "categories": {c: {"weight": w} for c, w in zip(cats, weights, strict=True)},
            "requirements": reqs,
            "scenario": {"seats": {"start": 10}},
        },
        strict=False,
    )
    vendor_models = {}
    for j, vid in enumerate(ids):
        row = (
            levels[j]
            if levels is not None
            else [LEVELS[k] for k in rng.integers(0, 6, requirements)]
        )
        vendor_models[vid] = Vendor.model_validate(
            {
                "kind": "vendor",
                "id": vid,
                "name": f"Vendor {j}",
                "currency": "EUR",
                "prices_as_of": "2026-01",
                "price_confidence": "vendor",
                "plans": [
                    {
                        "name": "Only",
                        "per_seat_month": 10.0,
                        "features": {
                            f: lv for f, lv in zip(feats, row, strict=True) if lv != "addon"
                        },
                    }
                ],
                "addons": [
                    {"name": f"{f} add-on", "feature": f}
                    for f, lv in zip(feats, row, strict=True)
                    if lv == "addon"
                ],
            },
            strict=False,
        )
    features = FeatureCatalogue.model_validate(
        {"kind": "features", "features": {f: {"title": f} for f in feats}}
    )
    return Selection(
        scorecard=card,
        path=Path("generated.yaml"),
        requirements=tuple(card.requirements),
        vendors=vendor_models,
        scenarios=dict.fromkeys(ids, card.scenario),
        features=features,
        scores=(),
    )


def with_scores(selection, sheets):
    """``sheets``: list of {vendor: {req: score}}."""
    from msgspec.structs import replace

    files = tuple(
        ScoreFile.model_validate(
            {"kind": "scores", "evaluator": f"e{i}", "scores": s}, strict=False
        )
        for i, s in enumerate(sheets)
    )
    return replace(selection, scores=files)
