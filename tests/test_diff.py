"""`crmselect diff` on a real git history of the mini selection.

The history (each commit one kind of change), with the fits worked out by hand from
scoring.md (fit = sum of W_c * importance / sum of importance in c * level fit):

0. the mini fixture. W = functionality 0.6 (R1 5, R2 3, R3 2, R4 5), integration 0.4 (R5 4, R6 1).
   beta (Standard): 0.6 * (5 + 3 + 0.75 * 2 + 5) / 15 + 0.4 * 4 / 5 = 0.90, qualified.
   alpha: no plan meets must-have R4 (custom, 0.5 < 0.75): last plan Pro,
   0.6 * (5 + 3 + 2 + 0.5 * 5) / 15 + 0.4 = 0.90, not qualified.
1. requirements: R4 must -> nice, R7 (ticketing, nice, 3) added, R6 removed. Alpha's musts are
   now met on Basic (WeCom by add-on), which lacks forecasting and ticketing:
   alpha 0.6 * (5 + 3 + 0 + 2.5 + 0) / 18 + 0.4 = 0.75 (below 0.80, still not qualified);
   beta 0.6 * (5 + 3 + 1.5 + 5 + 0) / 18 + 0.4 = 0.8833.
2. weights: functionality 60 -> 20 (shares 1/3, 2/3): alpha 10.5 / 18 / 3 + 2 / 3 = 0.8611,
   qualifies; beta 14.5 / 18 / 3 + 2 / 3 = 0.9352.
3. vendors: beta 100 -> 120 a seat-month; alpha gains an Enterprise plan and a 20% first-year
   discount.
4. demo scores: evaluator ana gives beta 2/5 on R1: a must-have missed (0.4 < 0.75), beta loses
   qualification and alpha becomes the recommended vendor.
5. R7 moves to requirements/support.yaml (requirements_from): no change at all.
6. the scorecard is renamed selection.yaml.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app
from crmselect.diff import diff_selections
from crmselect.gitrev import RevPath, load_selection_at, parse_ref
from crmselect.io.loader import load_selection
from tests.gitutil import commit_all, copy_mini, git, init_repo

CARD = "scorecards/mini/scorecard.yaml"
RENAMED = "scorecards/mini/selection.yaml"
R4_MUST = (
    "  - {id: R4, title: Certificate reminders, category: functionality, priority: must, "
    "importance: 5, feature: certificate-reminders, custom_cost: 20000}"
)
R6 = "  - {id: R6, title: REST API, category: integration, priority: nice, importance: 1, feature: rest-api}\n"
R7 = "{id: R7, title: Tickets, category: functionality, priority: nice, importance: 3, feature: ticketing}"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Build the history above; return commit ids by step name (and the repo path)."""
    repo = init_repo(tmp_path_factory.mktemp("sel") / "selection")
    card = copy_mini(repo)
    commits = {"repo": str(repo), "base": commit_all(repo, "Mini selection")}

    _edit(card, R4_MUST, R4_MUST.replace("priority: must", "priority: nice"))
    _edit(card, R6, f"  - {R7}\n")
    commits["requirements"] = commit_all(repo, "R4 becomes nice to have; tickets instead of API")

    _edit(card, "functionality: {weight: 60}", "functionality: {weight: 20}")
    commits["weights"] = commit_all(repo, "Integration matters most")

    _edit(repo / "vendors" / "beta.yaml", "per_seat_month: 100", "per_seat_month: 120")
    alpha = repo / "vendors" / "alpha.yaml"
    _edit(
        alpha,
        "addons:",
        "  - name: Enterprise\n    extends: Pro\n    per_seat_month: 40\naddons:",
    )
    _edit(alpha, "first_year_discount: 0.0", "first_year_discount: 0.2")
    commits["vendors"] = commit_all(repo, "New prices")

    (repo / "scorecards" / "mini" / "scores").mkdir()
    (repo / "scorecards" / "mini" / "scores" / "ana.yaml").write_text(
        "kind: scores\nevaluator: ana\nscores:\n  beta: {R1: 2}\n", encoding="utf-8"
    )
    _edit(card, "scenario:", "scores_from: [scores/*.yaml]\nscenario:")
    commits["scores"] = commit_all(repo, "Demo scores")

    _edit(card, f"  - {R7}\n", "")
    _edit(card, "scores_from:", "requirements_from: [requirements/*.yaml]\nscores_from:")
    (repo / "scorecards" / "mini" / "requirements").mkdir()
    (repo / "scorecards" / "mini" / "requirements" / "support.yaml").write_text(
        f"kind: requirements\nowner: Support\nrequirements:\n  - {R7}\n", encoding="utf-8"
    )
    commits["moved"] = commit_all(repo, "Support owns its requirements")

    git(repo, "mv", CARD, RENAMED)
    commits["renamed"] = commit_all(repo, "Rename the scorecard")
    return commits


@pytest.fixture
def in_repo(history: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = Path(history["repo"])
    monkeypatch.chdir(repo)
    return repo


def _at(history: dict[str, str], step: str, path: str = CARD):
    return load_selection_at(RevPath(history[step], path))


def _diff(history: dict[str, str], old: str, new: str, path: str = CARD):
    return diff_selections(_at(history, old, path), _at(history, new, path), seed=1)


def _effect(diff, vendor_id: str):
    return next(e for e in diff.effects if e.id == vendor_id)


def test_parse_ref() -> None:
    assert parse_ref("HEAD~1:scorecards/x.yaml") == RevPath("HEAD~1", "scorecards/x.yaml")
    assert parse_ref("plain.yaml") is None
    assert parse_ref("C:\\x\\scorecard.yaml") is None
    assert parse_ref(":x") is None


def test_reading_the_base_revision_gives_the_fixture(in_repo: Path, history) -> None:
    at_rev = _at(history, "base")
    fixture = load_selection(Path(__file__).parent / "fixtures" / "mini" / "scorecard.yaml")
    assert at_rev.scorecard == fixture.scorecard
    assert at_rev.requirements == fixture.requirements
    assert at_rev.vendors == fixture.vendors


def test_requirement_changes(in_repo: Path, history) -> None:
    diff = _diff(history, "base", "requirements")
    by_id = {r.id: r for r in diff.requirements}
    assert [(r.id, r.status) for r in diff.requirements] == [
        ("R4", "changed"),
        ("R7", "added"),
        ("R6", "removed"),
    ]
    assert [(c.field, c.old, c.new) for c in by_id["R4"].changes] == [("priority", "must", "nice")]
    assert diff.weights == () and diff.vendors == () and diff.scores == ()
    alpha, beta = _effect(diff, "alpha"), _effect(diff, "beta")
    # R4 (certificate reminders) is `custom` on every plan, which never forces an upgrade
    # (decision.md §2): alpha stays on Basic, where forecasting is `none` (fit 0).
    assert alpha.old_fit == pytest.approx(0.6 * (5 + 3 + 0 + 0.5 * 5) / 15 + 0.4)
    assert alpha.new_fit == pytest.approx(0.6 * (5 + 3 + 0 + 0.5 * 5 + 0) / 18 + 0.4)
    assert (alpha.old_plan, alpha.new_plan) == ("Basic", "Basic")
    assert alpha.qualification == "same" and alpha.new_qualified is False
    assert any("R4" in reason for reason in alpha.old_reasons)
    assert any("below the threshold" in reason for reason in alpha.new_reasons)
    assert beta.new_fit == pytest.approx(0.6 * (5 + 3 + 0.75 * 2 + 5 + 0) / 18 + 0.4)
    assert diff.old_recommended == diff.new_recommended == "beta"
    assert not diff.recommendation_changed


def test_weight_change_qualifies_alpha(in_repo: Path, history) -> None:
    diff = _diff(history, "requirements", "weights")
    assert diff.requirements == ()
    functionality = next(w for w in diff.weights if w.category == "functionality")
    assert (functionality.old_weight, functionality.new_weight) == (60, 20)
    assert functionality.old_share == pytest.approx(60 / 100)
    assert functionality.new_share == pytest.approx(20 / 60)
    integration = next(w for w in diff.weights if w.category == "integration")
    assert (integration.old_weight, integration.new_weight) == (40, 40)
    assert integration.new_share == pytest.approx(40 / 60)
    alpha = _effect(diff, "alpha")
    assert alpha.new_fit == pytest.approx(10.5 / 18 / 3 + 2 / 3)
    assert alpha.qualification == "gained" and alpha.new_reasons == ()
    assert _effect(diff, "beta").new_fit == pytest.approx(14.5 / 18 / 3 + 2 / 3)
    assert diff.new_ranking == ("beta", "alpha")
    assert diff.new_recommended == "beta" and not diff.recommendation_changed


def test_vendor_price_and_plan_changes(in_repo: Path, history) -> None:
    diff = _diff(history, "weights", "vendors")
    changes = {v.id: {c.field: (c.old, c.new) for c in v.changes} for v in diff.vendors}
    assert changes["beta"] == {"plans.Standard.per_seat_month": (100, 120)}
    assert changes["alpha"] == {
        "contract.first_year_discount": (0.0, 0.2),
        "plans.Enterprise": (None, "40 USD/seat/month"),
    }
    beta, alpha = _effect(diff, "beta"), _effect(diff, "alpha")
    # Beta: seats 50, 60, 72 (growth 20%), uplift 8%, first year at half price.
    seat_months = 12 * (50 * 0.5 + 60 * 1.08 + 72 * 1.08**2)
    assert beta.new_tco - beta.old_tco == pytest.approx(seat_months * (120 - 100))
    # Alpha: 20% off the first year's licence (Basic, 50 seats, 10 USD at 7 CNY), and the
    # 10% support that is charged on it.
    assert alpha.new_tco - alpha.old_tco == pytest.approx(-(12 * 50 * 10 * 0.2 * 7.0) * 1.1)
    assert beta.old_fit == beta.new_fit and alpha.old_fit == alpha.new_fit
    assert not diff.recommendation_changed


def test_demo_scores_change_the_recommendation(in_repo: Path, history) -> None:
    diff = _diff(history, "vendors", "scores")
    assert [(s.evaluator, s.vendor, s.requirement, s.old, s.new) for s in diff.scores] == [
        ("ana", "beta", "R1", None, 2.0)
    ]
    assert [c.field for c in diff.settings] == []  # scores_from is not a setting
    beta = _effect(diff, "beta")
    assert beta.qualification == "lost"
    assert any("R1" in reason for reason in beta.new_reasons)
    assert beta.new_fit == pytest.approx((2 * 5 / 5 + 3 + 1.5 + 5) / 18 / 3 + 2 / 3)
    assert diff.new_ranking == ("alpha", "beta")
    assert (diff.old_recommended, diff.new_recommended) == ("beta", "alpha")
    assert diff.recommendation_changed


def test_moving_a_requirement_to_its_own_file_changes_nothing(in_repo: Path, history) -> None:
    diff = _diff(history, "scores", "moved")
    assert not diff.has_input_changes
    assert all(e.old_fit == e.new_fit and e.old_tco == e.new_tco for e in diff.effects)


def test_renamed_scorecard_compared_under_both_names(in_repo: Path, history) -> None:
    old = _at(history, "moved", CARD)
    new = _at(history, "renamed", RENAMED)
    assert not diff_selections(old, new, seed=1).has_input_changes


# ---------------------------------------------------------------------------------------------
# Through the command line

runner = CliRunner()


def test_cli_markdown_between_two_revisions(in_repo: Path, history) -> None:
    old, new = f"{history['vendors']}:{CARD}", f"{history['scores']}:{CARD}"
    result = runner.invoke(app, ["diff", old, new, "--format", "md"])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert (
        "**Recommended vendor changed: Beta 销售 → Alpha CRM (award rule: price 30% / quality 70%, lowest price scoring"
        in text
    )
    assert "| Beta 销售 | 1 → 2 | yes → no |" in text
    assert "Beta 销售 no longer qualifies" in text
    assert "| ana | beta | R1 | – | 2 |" in text
    assert result.stderr == ""


def test_cli_json_is_the_diff(in_repo: Path, history) -> None:
    old, new = f"{history['base']}:{CARD}", f"{history['requirements']}:{CARD}"
    result = runner.invoke(app, ["diff", old, new, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old_label"] == old and data["new_label"] == new
    assert [r["id"] for r in data["requirements"]] == ["R4", "R7", "R6"]
    assert data["old_recommended"] == data["new_recommended"] == "beta"
    assert {e["id"]: e["new_plan"] for e in data["effects"]} == {
        "beta": "Standard",
        "alpha": "Basic",
    }


def test_cli_rev_against_the_working_tree(in_repo: Path, history) -> None:
    card = in_repo / RENAMED
    text = card.read_text(encoding="utf-8")
    try:
        _edit(card, "kind: scorecard", "kind: scorecard\nthreshold: 0.9")
        result = runner.invoke(app, ["diff", "--rev", "HEAD", RENAMED, "-f", "md"])
    finally:
        card.write_text(text, encoding="utf-8")
    assert result.exit_code == 0, result.stderr
    assert f"HEAD:{RENAMED} → {RENAMED}" in result.stdout.replace("\\_", "_")
    assert "| threshold | 0.8 | 0.9 |" in result.stdout
    # Alpha's 0.8611 is below 0.9 now.
    assert "Alpha CRM no longer qualifies" in result.stdout


def test_cli_table_and_output_file(in_repo: Path, history, tmp_path: Path) -> None:
    old, new = f"{history['weights']}:{CARD}", f"{history['vendors']}:{CARD}"
    target = tmp_path / "diff.txt"
    result = runner.invoke(app, ["diff", old, new, "-o", str(target), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    text = target.read_text(encoding="utf-8")
    assert "plans.Standard.per_seat_month" in text
    assert "Recommended vendor unchanged: Beta 销售" in text


def test_cli_renamed_file_is_a_clear_usage_error(in_repo: Path, history) -> None:
    result = runner.invoke(app, ["diff", f"{history['moved']}:{RENAMED}", f"HEAD:{RENAMED}"])
    assert result.exit_code == 2
    assert f"{history['moved']}:{RENAMED} does not exist" in result.stderr
    assert f"it was renamed since: at {history['moved']} it is" in result.stderr
    assert CARD in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_removed_file_is_a_clear_usage_error(in_repo: Path, history) -> None:
    result = runner.invoke(app, ["diff", f"HEAD:{CARD}", RENAMED])
    assert result.exit_code == 2
    assert f"HEAD:{CARD} does not exist at HEAD" in result.stderr
    assert f"renamed to {RENAMED}" in result.stderr


def test_cli_invalid_file_at_a_revision_is_located_by_rev_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "broken")
    copy_mini(repo)
    commit_all(repo, "good")
    _edit(repo / "vendors" / "beta.yaml", "per_seat_month: 100", "per_seat_month: -1")
    commit_all(repo, "bad")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", f"HEAD~1:{CARD}", f"HEAD:{CARD}"])
    assert result.exit_code == 1
    assert "HEAD:vendors/beta.yaml:11:21: plans[0].per_seat_month:" in result.stderr
    assert "crmselect-rev-" not in result.stderr and "Traceback" not in result.stderr


def test_cli_inconsistent_ahp_at_a_revision_is_located_by_rev_path_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "ahp")
    card = copy_mini(repo)
    commit_all(repo, "good")
    weights = "  functionality: {weight: 60}\n  integration: {weight: 40}\n"
    _edit(
        card,
        weights,
        "  functionality: {}\n  integration: {}\n  service: {}\n"
        "weighting:\n  method: ahp\n  pairwise:\n"
        "    - [functionality, integration, 9]\n    - [integration, service, 9]\n"
        "    - [service, functionality, 9]\n",
    )
    commit_all(repo, "circular judgments")
    line = (
        card.read_text(encoding="utf-8").splitlines().index("    - [functionality, integration, 9]")
    )
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", f"HEAD~1:{CARD}", f"HEAD:{CARD}"])
    assert result.exit_code == 1
    where = f"HEAD:{CARD}:{line + 1}:5: weighting.pairwise: AHP consistency ratio 6.130"
    assert where in result.stderr
    assert "crmselect-rev-" not in result.stderr and "Traceback" not in result.stderr
    # the working tree and the pre-commit hook's `validate` say the same
    checked = runner.invoke(app, ["validate", CARD])
    assert checked.exit_code == 1 and f"{CARD}:{line + 1}:5: weighting.pairwise" in checked.stderr


def test_cli_unknown_revision(in_repo: Path) -> None:
    result = runner.invoke(app, ["diff", f"nosuchbranch:{CARD}", RENAMED])
    assert result.exit_code == 2
    assert "unknown revision 'nosuchbranch'" in result.stderr


def test_cli_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = runner.invoke(app, ["diff", f"HEAD:{CARD}", f"HEAD~1:{CARD}"])
    assert result.exit_code == 2
    assert "not in a git repository" in result.stderr


def test_cli_needs_two_versions(in_repo: Path) -> None:
    result = runner.invoke(app, ["diff", RENAMED])
    assert result.exit_code == 2
    assert "give OLD and NEW" in result.stderr
