"""Shortlisting (workflow.md §4) and the default scorecard (§5), through the real entry point."""

from __future__ import annotations

import json
import shutil

import pytest

from crmselect.cli import app
from tests.conftest import FIXTURES


@pytest.fixture
def selection(tmp_path, monkeypatch):
    """The hand-computed selection in a folder of its own, as the current folder."""
    folder = tmp_path / "sel"
    shutil.copytree(FIXTURES / "handcalc", folder)
    monkeypatch.chdir(folder)
    return folder


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_eliminating_a_scored_vendor_warns_once_per_file(runner, selection) -> None:
    card = selection / "scorecard.yaml"
    _edit(card, "vendors: [cat, ann, bob]", "vendors: [cat, ann]")
    (selection / "scores" / "e2.yaml").write_text(
        "kind: scores\nevaluator: e2\nscores:\n  bob: {F1: 3, F2: 2}\n  ann: {F1: 4}\n",
        encoding="utf-8",
    )
    removed = runner.invoke(app, ["validate"])
    assert removed.exit_code == 1
    assert (
        "scores/e1.yaml:4:3: scores.bob: vendor 'bob' is not compared in the scorecard; if the "
        "committee dropped it, record it in the scorecard under eliminated: {vendor: bob, "
        "stage: ..., reason: ...}" in removed.stderr
    )

    card.write_text(
        card.read_text(encoding="utf-8")
        + "eliminated:\n  - {vendor: bob, stage: demo, reason: no webhooks, date: 2026-05-02}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: scores/e1.yaml:4:3: scores.bob: scores for vendor 'bob' are ignored: "
        "eliminated at the demo stage on 2026-05-02",
        "warning: scores/e2.yaml:4:3: scores.bob: scores for vendor 'bob' are ignored: "
        "eliminated at the demo stage on 2026-05-02",
    ]

    report = runner.invoke(app, ["report", "-o", "r.md", "--simulations", "0", "-q"])
    assert report.exit_code == 0, report.stderr
    text = (selection / "r.md").read_text(encoding="utf-8")
    assert "| bob | demo | no webhooks | 2026-05-02 |" in text


def test_a_typo_is_still_an_error_with_a_did_you_mean(runner, selection) -> None:
    (selection / "scores" / "e2.yaml").write_text(
        "kind: scores\nevaluator: e2\nscores:\n  anne: {F1: 3}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert (
        "vendor 'anne' is not compared in the scorecard; did you mean 'ann'? If the committee "
        "dropped it, record it in the scorecard under eliminated: {vendor: anne" in result.stderr
    )


def test_retiring_a_scored_requirement_warns_and_drops_its_scores(runner, selection) -> None:
    card = selection / "scorecard.yaml"
    _edit(
        card,
        "  - {id: F2, title: Pipeline, category: functionality, priority: nice, importance: 1, "
        "feature: pipeline}\n",
        "",
    )
    removed = runner.invoke(app, ["validate"])
    assert removed.exit_code == 1
    assert "unknown requirement 'F2'" in removed.stderr
    assert "record it in the scorecard under retired: {requirement: F2, reason: ...}" in (
        removed.stderr
    )
    card.write_text(
        card.read_text(encoding="utf-8")
        + "retired:\n  - {requirement: F2, reason: every vendor has it}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: scores/e1.yaml:4:9: scores.bob.F2: scores for requirement 'F2' are ignored: "
        "retired (every vendor has it)" in result.stderr
    )
    scored = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "10"])
    assert scored.exit_code == 0, scored.stderr
    data = json.loads(scored.stdout)
    assert [r["id"] for r in data["requirements"]] == ["F1", "I1", "I2", "S1"]


def test_a_vendor_both_compared_and_eliminated_is_an_error(runner, selection) -> None:
    card = selection / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8")
        + "eliminated:\n  - {vendor: bob, stage: demo, reason: slow}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "vendor 'bob' is both compared (vendors:) and eliminated" in result.stderr


def test_scores_from_matching_nothing_yet_is_a_warning(runner, selection) -> None:
    shutil.rmtree(selection / "scores")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: scorecard.yaml:17:15: scores_from[0]: 'scores/*.yaml' matches no file yet "
        "(no score files so far)" in result.stderr
    )


def test_score_uses_the_scorecard_in_the_current_folder(runner, selection) -> None:
    result = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "10"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["scorecard"] == "Hand-computed selection"
    assert "bundled example" not in result.stderr
