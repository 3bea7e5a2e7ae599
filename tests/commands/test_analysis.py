"""Decision analytics through the real entry point: priors, SMAA-2, fit draws, group weights."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app

HANDCALC = Path(__file__).parents[1] / "fixtures" / "handcalc"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "CRMSELECT_WIDTH": "100"})


@pytest.fixture
def selection(tmp_path: Path) -> Path:
    """The hand-computed selection copied, so each test may edit its scorecard."""
    folder = tmp_path / "sel"
    shutil.copytree(HANDCALC, folder)
    return folder


def edit(folder: Path, old: str, new: str) -> Path:
    card = folder / "scorecard.yaml"
    text = card.read_text(encoding="utf-8")
    assert old in text
    card.write_text(text.replace(old, new), encoding="utf-8")
    return card


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def group_ahp(folder: Path) -> Path:
    """The scorecard weighted by the members' judgment files in weights/."""
    return edit(
        folder,
        "scores_from:",
        "weighting:\n  method: ahp\n  judgments_from: [weights/*.yaml]\nscores_from:",
    )


def judgments(folder: Path, judge: str, pairs: str, extra: str = "") -> None:
    """weights/<judge>.yaml: ``pairs`` one ``a, b, x`` per line, listed from line 4 (line 5
    with an ``extra`` line such as ``weight: 2``), each at column 3."""
    rows = "".join(f"  - [{pair.strip()}]\n" for pair in pairs.strip().splitlines())
    head = f"kind: judgments\njudge: {judge}\n" + (f"{extra}\n" if extra else "")
    write(folder / "weights" / f"{judge.lower()}.yaml", f"{head}pairwise:\n{rows}")


def test_robustness_keys_in_json(selection: Path) -> None:
    result = run("score", str(selection / "scorecard.yaml"), "-f", "json", "--sensitivity", "2000")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rob = data["robustness"]
    assert rob["prior"] == {"prior": "dirichlet", "kappa": 50.0}
    assert rob["fits"] == "fixed"
    qualified = [v["id"] for v in data["vendors"] if v["qualified"]]
    assert sorted(rob["rank_acceptability"]) == sorted(qualified)
    m = len(qualified)
    for vid, shares in rob["rank_acceptability"].items():
        assert len(shares) == m and sum(shares) == pytest.approx(1.0)
        p_first = next(v["p_first"] for v in data["vendors"] if v["id"] == vid)
        assert shares[0] == p_first
    for cf in rob["confidence_factor"].values():
        assert cf in (None, 0.0, 1.0)  # fixed fits
    assert data["group_weights"] is None


def test_uniform_and_ordinal_priors(selection: Path) -> None:
    card = edit(
        selection, "scores_from:", "weighting: {uncertainty: {prior: uniform}}\nscores_from:"
    )
    data = json.loads(run("score", str(card), "-f", "json", "--sensitivity", "500").stdout)
    assert data["robustness"]["prior"] == {"prior": "uniform"}
    assert data["kappa"] is None
    card = edit(
        selection,
        "{prior: uniform}",
        "{prior: ordinal, order: [functionality, integration, service, unused]}",
    )
    result = run("score", str(card), "-f", "json", "--sensitivity", "500")
    assert result.exit_code == 0, result.output
    prior = json.loads(result.stdout)["robustness"]["prior"]
    assert prior["order"] == ["functionality", "integration", "service", "unused"]


def test_ordinal_order_must_name_every_category_once(selection: Path) -> None:
    card = edit(
        selection,
        "scores_from:",
        "weighting:\n  uncertainty: {prior: ordinal, order: [functionality, service, service]}\n"
        "scores_from:",
    )
    result = run("validate", str(card))
    assert result.exit_code == 1
    assert "scorecard.yaml:18:65: weighting.uncertainty.order[2]:" in result.stderr
    assert "category 'service' is named twice" in result.stderr
    assert "missing: integration, unused" in result.stderr
    assert "Traceback" not in result.output


def test_fits_evaluators_draws_the_scored_cells(selection: Path) -> None:
    card = selection / "scorecard.yaml"
    fixed = json.loads(run("score", str(card), "-f", "json", "--sensitivity", "1000").stdout)
    drawn = run("score", str(card), "-f", "json", "--sensitivity", "1000", "--fits", "evaluators")
    assert drawn.exit_code == 0, drawn.output
    data = json.loads(drawn.stdout)
    assert data["robustness"]["fits"] == "evaluators"
    # bob's F2 was scored 1 and 4 (spread): drawn; S1 by one evaluator only: fixed
    bob_qualified = any(v["id"] == "bob" and v["qualified"] for v in data["vendors"])
    assert data["robustness"]["fit_cells"] == (1 if bob_qualified else 0)
    # qualification is decided once, on the scorecard's fits
    assert [v["qualified"] for v in data["vendors"]] == [v["qualified"] for v in fixed["vendors"]]
    # the scorecard may ask for it too
    edit(selection, "scores_from:", "robustness: {fits: evaluators}\nscores_from:")
    again = json.loads(run("score", str(card), "-f", "json", "--sensitivity", "1000").stdout)
    assert again["robustness"] == data["robustness"]


def test_group_judgments(selection: Path) -> None:
    card = group_ahp(selection)
    # each judge compares all four categories (unused has no requirement: dropped later)
    judgments(
        selection,
        "Ann",
        """
        functionality, integration, 2
        functionality, service, 4
        functionality, unused, 4
        integration, service, 2
        integration, unused, 2
        service, unused, 1
        """,
        "weight: 2",
    )
    judgments(
        selection,
        "Bob",
        """
        functionality, integration, 1/2
        functionality, service, 1
        functionality, unused, 1
        integration, service, 2
        integration, unused, 2
        service, unused, 1
        """,
    )
    result = run("score", str(card), "-f", "json", "--sensitivity", "500")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    group = data["group_weights"]
    assert group["aggregation"] == "aij"
    assert [j["judge"] for j in group["judges"]] == ["Ann", "Bob"]
    assert [j["weight"] for j in group["judges"]] == pytest.approx([2 / 3, 1 / 3])
    # Ann is consistent: (4, 2, 1, 1) / 8
    assert group["judges"][0]["weights"]["functionality"] == pytest.approx(0.5)
    assert group["band"] in ("very low", "low", "moderate", "high", "very high")
    assert data["method"] == "ahp"
    assert set(data["weights"]) == {"functionality", "integration", "service"}
    assert result.stderr.count("judge") == 0  # both members within CR 0.10

    checked = run("validate", str(card))
    assert checked.exit_code == 0, checked.output


def test_judgment_files_are_checked(selection: Path) -> None:
    card = group_ahp(selection)
    judgments(
        selection,
        "Ann",
        """
        functionality, integration, 12
        functionality, sevice, 4
        """,
    )
    judgments(
        selection,
        "Cy",
        """
        functionality, integration, 9
        integration, service, 9
        service, functionality, 9
        functionality, unused, 1
        integration, unused, 1
        service, unused, 1
        """,
    )
    result = run("validate", str(card))
    assert result.exit_code == 1
    err = result.stderr
    assert "weights/ann.yaml:4:" in err and "less than or equal to 9" in err
    checked = run("validate", str(selection / "weights" / "cy.yaml"), str(card))
    assert "weights/cy.yaml" not in checked.stderr.split("warning")[0]
    # an inconsistent member is a warning that names the member and their worst triple
    (selection / "weights" / "ann.yaml").unlink()
    judgments(
        selection,
        "Bob",
        """
        functionality, integration, 1
        functionality, service, 1
        functionality, unused, 1
        integration, service, 1
        integration, unused, 1
        service, unused, 1
        """,
    )
    # the group matrix of a consistent and a cyclic member is still too inconsistent: validate
    # and score refuse it alike, located at weighting.judgments_from of the scorecard
    refused = run("validate", str(card))
    scored = run("score", str(card), "-f", "json", "--sensitivity", "200")
    assert (refused.exit_code, scored.exit_code) == (1, 1), refused.output
    assert "weighting.judgments_from: the group matrix: AHP consistency ratio" in refused.stderr
    assert scored.stderr == refused.stderr and "Traceback" not in scored.output
    # allowed, it is a warning, and the member's own inconsistency is named
    edit(selection, "  method: ahp\n", "  method: ahp\n  allow_inconsistent: true\n")
    ok = run("validate", str(card))
    assert ok.exit_code == 0, ok.output
    assert "warning: judge Cy: consistency ratio" in ok.stderr
    assert "functionality > integration > service" in ok.stderr
    scored = run("score", str(card), "-f", "json", "--sensitivity", "200")
    assert scored.exit_code == 0, scored.output


def test_missing_pair_in_a_judgment_file_is_located(selection: Path) -> None:
    card = group_ahp(selection)
    judgments(
        selection,
        "Ann",
        """
        functionality, integration, 2
        functionality, service, 4
        functionality, unused, 4
        integration, service, 2
        integration, unused, 2
        integration, service, 3
        """,
    )
    result = run("validate", str(card))
    assert result.exit_code == 1
    assert "weights/ann.yaml:4:3: pairwise: the AHP pair [service, unused, x] is missing" in (
        result.stderr
    )
    assert "the pair integration/service is compared twice" in result.stderr


def test_judgments_need_ahp(selection: Path) -> None:
    card = edit(selection, "scores_from:", "weighting:\n  judgments_from: [w/*.yaml]\nscores_from:")
    result = run("validate", str(card))
    assert result.exit_code == 1
    assert "weighting.judgments_from: judgment files need method: ahp" in result.stderr
    assert "'w/*.yaml' matches no file" in result.stderr


def test_report_shows_members_weights_rank_acceptability_and_agreement(selection: Path) -> None:
    test_group_judgments(selection)  # writes two members' judgments
    card = selection / "scorecard.yaml"
    out = selection / "report.md"
    result = run(
        "report", str(card), "-o", str(out), "--simulations", "200", "--sensitivity", "500"
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    weights = text.split("## 5. Weights")[1].split("## 6.")[0]
    assert "| Ann | 67% | 50.0% |" in weights  # Ann: weight 2 of 3, functionality (4,2,1,1)/8
    assert "| **Group** | 100% |" in weights
    assert "Consensus (AHP-OS relative homogeneity S*): **" in weights
    uncertainty = text.split("## 7. Uncertainty")[1].split("## 8.")[0]
    assert (
        "| Vendor | Rank 1 | Rank 2 | Holistic acceptability | Confidence factor |" in uncertainty
    )
    assert "Central weights" in uncertainty
    assert "| e1 | 2 | 6 | 1.5 | -3.0 | harsh |" in uncertainty
    assert "| Bob CRM | F2 Pipeline | e1: 1; e2: 4 |" in uncertainty
    html = selection / "report.html"
    assert run("report", str(card), "-o", str(html), "--simulations", "200").exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert 'id="rank-acceptability-t"' in page and "Each member" in page


def test_next_checks_in_json_and_in_words(selection: Path) -> None:
    # Hand-computed selection: weights functionality 0.5, integration 0.3, service 0.2
    # (unused dropped); award price_quality 30% lowest. Bob (fit 0.83, cheapest) is
    # recommended over Cat (0.9625); Ann (0.7625) misses the 0.80 threshold.
    # - Ann's S1 (premium support, w 0.2) is unknown: at 1 Ann reaches 0.9625 and, cheaper
    #   than Cat, wins: the one decisive unknown.
    # - Bob's F1 (must-have, w 4/5 · 0.5 = 0.4) is a native claim nobody scored: at 0 Bob fails
    #   a must-have and Cat is recommended.
    # - Bob's F2 (w 0.1) has scores 1 and 4: at 0 Bob falls to 0.78 < 0.80: Cat.
    card = selection / "scorecard.yaml"
    result = run("score", str(card), "-f", "json", "--sensitivity", "300")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["award"]["recommended"] == "bob"
    checks = data["next_checks"]
    decisive = [(c["vendor"], c["requirement"], c["basis"]) for c in checks if c["decisive"]]
    assert decisive == [
        ("bob", "F1", "claim"),  # w 0.4
        ("ann", "S1", "unknown"),  # w 0.2
        ("bob", "I1", "claim"),  # w 0.15
        ("bob", "I2", "claim"),  # w 0.15
        ("bob", "F2", "disagreement"),  # w 0.1
    ]
    s1 = next(c for c in checks if c["vendor"] == "ann" and c["requirement"] == "S1")
    assert (s1["fit"], s1["if_0"], s1["if_1"]) == (0.0, "bob", "ann")
    assert not any(c["decisive"] for c in checks if c["vendor"] == "cat")
    out = selection / "report.md"
    assert run("report", str(card), "-o", str(out), "--simulations", "100").exit_code == 0
    summary = out.read_text(encoding="utf-8").split("## 2.")[0]
    assert (
        "- Check in a demo whether Ann CRM meets S1 (Premium support): if it does, Ann CRM is "
        "recommended instead." in summary
    )
    assert (
        "- Confirm in a demo that Bob CRM meets F1 (Contacts): if it does not, Cat CRM is "
        "recommended instead." in summary
    )
    assert (
        "- Settle the evaluators' disagreement on Bob CRM for F2 (Pipeline): if it falls short, "
        "Cat CRM is recommended instead; if it fully meets it, the recommendation stands."
        in summary
    )
