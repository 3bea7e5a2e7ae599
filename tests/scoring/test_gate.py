"""The must-have gate works on demo-verified fits, plan choice on claims (docs/model.md)."""

import shutil
from pathlib import Path

from crmselect.io.loader import load_selection
from crmselect.scoring import score

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def _mini_with_scores(tmp_path: Path, scores: str | None) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    card = tmp_path / "mini" / "scorecard.yaml"
    if scores is not None:
        (tmp_path / "mini" / "scores").mkdir()
        (tmp_path / "mini" / "scores" / "li.yaml").write_text(scores, encoding="utf-8")
        card.write_text(card.read_text() + "scores_from: [scores/*.yaml]\n", encoding="utf-8")
    return card


def test_a_custom_must_have_without_a_demo_fails_the_gate(tmp_path: Path) -> None:
    # alpha offers certificate reminders only as `custom` (fit 0.5 < must_fit 0.75): no plan
    # meets every must-have by claim, but `custom` does not force an upgrade (decision.md §2),
    # so it is scored on the first plan, Basic, and fails R4.
    result = score(load_selection(_mini_with_scores(tmp_path, None)), draws=100)
    alpha = next(v for v in result.vendors if v.id == "alpha")
    assert alpha.plan == "Basic"
    assert list(alpha.missing_must_haves) == ["R4"]
    assert not alpha.qualified
    assert any(
        "Alpha CRM is scored and costed on Basic" in w and "R4 certificate-reminders: custom" in w
        for w in result.warnings
    )


def test_a_demo_that_confirms_the_custom_build_passes_the_gate(tmp_path: Path) -> None:
    scores = "kind: scores\nevaluator: Li\nscores:\n  alpha: {R4: 4}\n"
    result = score(load_selection(_mini_with_scores(tmp_path, scores)), draws=100)
    alpha = next(v for v in result.vendors if v.id == "alpha")
    # R4's fit is now the demo mean 4 / 5 = 0.8 >= 0.75: every must-have is met.
    assert list(alpha.missing_must_haves) == []
    assert alpha.must_haves_met == alpha.must_haves_total == 3
    # Weighted fit on Basic: functionality 0.6 over importances 5+3+2+5 = 15, integration 0.4
    # over 4+1 = 5: contacts, pipeline, WeCom (add-on) and REST API fit 1.0, forecasting
    # (none on Basic) 0, R4 0.8, so fit = 0.6 * (5 + 3 + 0 + 5 * 0.8) / 15 + 0.4 * 5 / 5 = 0.88.
    assert alpha.plan == "Basic"
    assert abs(alpha.fit - (0.6 * (5 + 3 + 0 + 5 * 0.8) / 15 + 0.4)) < 1e-12
    assert alpha.qualified


def test_an_estimated_price_is_a_risk(tmp_path: Path) -> None:
    # beta's profile says price_confidence: estimate; alpha's prices are the vendor's own.
    result = score(load_selection(_mini_with_scores(tmp_path, None)), draws=100)
    codes = {v.id: [r.code for r in v.risks] for v in result.vendors}
    assert "estimated-price" in codes["beta"]
    assert "estimated-price" not in codes["alpha"]
