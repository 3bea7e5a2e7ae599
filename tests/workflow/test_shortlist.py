"""Shortlisting (workflow.md §4) and the default scorecard (§5), through the real entry point."""

from __future__ import annotations

import json
import shutil

import pytest

from crmselect.cli import app


@pytest.fixture
def selection(handcalc):
    return handcalc


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


def _eliminate_bob(card, extra: str = "") -> None:
    _edit(card, "vendors: [cat, ann, bob]", "vendors: [cat, ann]")
    card.write_text(
        card.read_text(encoding="utf-8")
        + "eliminated:\n  - {vendor: bob, stage: demo, reason: no webhooks}\n"
        + extra,
        encoding="utf-8",
    )


def test_pinned_plans_and_overrides_of_an_eliminated_vendor_warn_once(runner, selection) -> None:
    """vendor_plans and overrides that still name an eliminated vendor: one warning line for
    the scorecard, the same in validate and in every command."""
    for name in ("e1.yaml", "e2.yaml"):
        (selection / "scores" / name).unlink()
    card = selection / "scorecard.yaml"
    _eliminate_bob(
        card,
        "vendor_plans: {bob: Pro, ann: Pro}\n"
        "overrides:\n  bob: {services.day_rate: 900}\n  ann: {services.day_rate: 800}\n",
    )
    expected = (
        "warning: scorecard.yaml:22:16: vendor_plans.bob: vendor_plans and overrides for vendor "
        "'bob' are ignored: eliminated at the demo stage"
    )
    for args in (
        ["validate"],
        ["score", "--sensitivity", "10"],
        ["tco", "--simulations", "0"],
        ["tco", "-f", "md", "--simulations", "0"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)
        warnings = [line for line in result.stderr.splitlines() if "'bob'" in line]
        assert warnings == [expected], (args, result.stderr)
    result = runner.invoke(app, ["report", "-o", "r.md", "--simulations", "0"])
    assert result.exit_code == 0, result.stderr
    text = (selection / "r.md").read_text(encoding="utf-8")
    assert text.count("for vendor 'bob' are ignored: eliminated at the demo stage") == 1


def test_a_pinned_plan_or_override_for_an_unknown_vendor_stays_an_error(runner, selection) -> None:
    card = selection / "scorecard.yaml"
    _eliminate_bob(card, "vendor_plans: {anne: Pro}\noverrides:\n  bobb: {services.day_rate: 1}\n")
    for name in ("e1.yaml", "e2.yaml"):
        (selection / "scores" / name).unlink()
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert (
        "scorecard.yaml:22:16: vendor_plans.anne: vendor 'anne' is not compared in the "
        "scorecard; did you mean 'ann'? If the committee dropped it, record it in the scorecard "
        "under eliminated: {vendor: anne, stage: ..., reason: ...} (or list it under vendors: "
        "to compare it)" in result.stderr
    )
    assert (
        "scorecard.yaml:24:3: overrides.bobb: vendor 'bobb' is not compared in the scorecard; "
        "did you mean 'bob'? If the committee dropped it" in result.stderr
    )
    score = runner.invoke(app, ["score"])
    assert score.exit_code == 1 and "vendor_plans.anne" in score.stderr


def test_a_score_sheet_naming_dropped_ids_follows_the_same_rules(runner, selection) -> None:
    """The returned score sheet: an eliminated vendor's column and a retired requirement's row
    are warnings; an unknown vendor column is an error with the hint to record it."""
    import openpyxl

    for name in ("e1.yaml", "e2.yaml"):
        (selection / "scores" / name).unlink()
    exported = runner.invoke(app, ["scoresheet", "export", "--evaluator", "Eve", "-o", "eve.xlsx"])
    assert exported.exit_code == 0, exported.stderr
    card = selection / "scorecard.yaml"
    _edit(card, "  - {id: S1,", "  - {id: S9,")
    _eliminate_bob(card, "retired:\n  - {requirement: S1, reason: all have it}\n")
    wb = openpyxl.load_workbook("eve.xlsx")
    ws = wb["Scores"]
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "id")
    cols = {ws.cell(row=header, column=c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(row=r, column=1).value: r for r in range(header + 1, ws.max_row + 1)}
    ws.cell(row=rows["F1"], column=cols["bob"], value=4)
    ws.cell(row=rows["S1"], column=cols["ann"], value=3)
    ws.cell(row=rows["F1"], column=cols["ann"], value=5)
    wb.save("eve-back.xlsx")
    result = runner.invoke(app, ["scoresheet", "import", "eve-back.xlsx", "-o", "scores/eve.yaml"])
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert any("scores for vendor 'bob' are ignored: eliminated at the demo stage" in line
               for line in lines), lines  # fmt: skip
    assert any("scores for requirement 'S1' are ignored: retired (all have it)" in line
               for line in lines), lines  # fmt: skip

    ws.cell(row=header, column=cols["bob"], value="bobb")
    ws.cell(row=header, column=cols["bob"] + 1, value="bobb notes")
    wb.save("eve-typo.xlsx")
    result = runner.invoke(app, ["scoresheet", "import", "eve-typo.xlsx", "-o", "scores/x.yaml"])
    assert result.exit_code == 1
    assert "vendor 'bobb' is not compared in the scorecard; did you mean 'bob'? If the " in (
        result.stderr
    )
    assert not (selection / "scores" / "x.yaml").exists()
