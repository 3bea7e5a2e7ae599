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
    # meets every must-have by claim, so it is scored on its last plan, Pro, and fails R4.
    result = score(load_selection(_mini_with_scores(tmp_path, None)), draws=100)
    alpha = next(v for v in result.vendors if v.id == "alpha")
    assert alpha.plan == "Pro"
    assert list(alpha.missing_must_haves) == ["R4"]
    assert not alpha.qualified
    assert any(
        "no plan meets every must-have by claim for Alpha CRM (Pro)" in w for w in result.warnings
    )


def test_a_demo_that_confirms_the_custom_build_passes_the_gate(tmp_path: Path) -> None:
    scores = "kind: scores\nevaluator: Li\nscores:\n  alpha: {R4: 4}\n"
    result = score(load_selection(_mini_with_scores(tmp_path, scores)), draws=100)
    alpha = next(v for v in result.vendors if v.id == "alpha")
    # R4's fit is now the demo mean 4 / 5 = 0.8 >= 0.75: every must-have is met.
    assert list(alpha.missing_must_haves) == []
    assert alpha.must_haves_met == alpha.must_haves_total == 3
    # Weighted fit on Pro: functionality 0.6 over importances 5+3+2+5 = 15, integration 0.4
    # over 4+1 = 5: contacts, pipeline, forecasting, WeCom (add-on) and REST API fit 1.0,
    # R4 0.8, so fit = 0.6 * (5 + 3 + 2 + 5 * 0.8) / 15 + 0.4 * (4 + 1) / 5 = 0.96.
    assert abs(alpha.fit - (0.6 * (5 + 3 + 2 + 5 * 0.8) / 15 + 0.4)) < 1e-12
    assert alpha.qualified
