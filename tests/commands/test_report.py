"""`crmselect report` through the CLI: formats by extension, options, refusals, exit codes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app
from tests.commands.test_behaviour import run_module

MINI = Path(__file__).parent.parent / "fixtures" / "mini" / "scorecard.yaml"
ENV = {"NO_COLOR": "1", "CRMSELECT_WIDTH": "140", "SOURCE_DATE_EPOCH": "1767225600"}
runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def run(*args: str):
    return runner.invoke(app, ["report", *map(str, args)], env=ENV)


def test_markdown_and_html_by_extension(tmp_path):
    md, html = tmp_path / "r.md", tmp_path / "r.HTML"
    result = run(MINI, "-o", md, "--simulations", "300", "--sensitivity", "300")
    assert result.exit_code == 0, result.output
    assert md.read_text(encoding="utf-8").startswith("# Mini selection\n")
    assert f"wrote {md}\n" in result.stderr
    result = run(MINI, "-o", html, "--simulations", "300", "--sensitivity", "300", "--quiet")
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result.stderr == ""


def test_same_inputs_and_seed_same_bytes(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    for out in (a, b):
        assert run(MINI, "-o", out, "--simulations", "300", "--seed", "7").exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    assert "| Seed | 7 |" in a.read_text(encoding="utf-8")


def crmselect(*args: object) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: a new interpreter on ``python -m crmselect``."""
    return run_module(*map(str, args), **ENV)


@pytest.mark.parametrize("name", ["r.txt", "r.csv", "report", "r.docx"])
def test_a_name_that_says_no_report_format_is_a_usage_error(tmp_path, name):
    result = crmselect("report", MINI, "-o", tmp_path / name)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"crmselect: cannot tell the report format from '{name}': "
        "name the file .html, .htm, .md, .markdown or .pdf\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_format_report_does_not_have_is_refused_as_score_refuses_one(tmp_path):
    """The values of --format are checked as score's and tco's are: exit 2, the choices named."""
    result = crmselect("report", MINI, "-f", "docx", "-o", tmp_path / "r.html")
    assert result.returncode == 2
    assert "Invalid value for '--format' / '-f'" in result.stderr
    assert "'docx' is not one of 'html', 'md', 'pdf'" in result.stderr
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []
    score = crmselect("score", MINI, "-f", "docx")
    assert score.returncode == 2
    assert score.stderr.splitlines()[-1].replace("'table', 'json', 'csv', 'md'", "…") == (
        result.stderr.splitlines()[-1].replace("'html', 'md', 'pdf'", "…")
    )


def test_a_format_against_the_file_name_is_refused(tmp_path):
    result = crmselect("report", MINI, "-f", "md", "-o", tmp_path / "r.html")
    assert result.returncode == 2
    assert "'r.html' is named for html but the format is md" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_markdown_to_standard_output_and_a_markdown_file_named_markdown(tmp_path):
    result = crmselect("report", MINI, "-f", "md", "-o", "-", "--simulations", "100", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Mini selection\n") and result.stderr == ""
    # .markdown names Markdown here as it does for score and tco
    out = tmp_path / "r.markdown"
    result = crmselect("report", MINI, "-o", out, "--simulations", "100", "--sensitivity", "100")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Mini selection\n")


def test_output_equal_to_an_input_is_refused(tmp_path):
    folder = tmp_path / "sel"
    shutil.copytree(MINI.parent, folder)
    target = folder / "notes.md"
    target.write_text("keep\n")
    # a report named like an input: refused before anything is written
    result = run(folder / "scorecard.yaml", "-o", folder / "scorecard.yaml")
    assert result.exit_code == 2
    result = run(folder / "scorecard.yaml", "-o", folder / "vendors" / "alpha.yaml.md")
    assert result.exit_code == 0, result.output
    assert (folder / "scorecard.yaml").read_text().startswith("kind: scorecard")


def test_only_and_unknown_vendor(tmp_path):
    out = tmp_path / "r.md"
    result = run(MINI, "-o", out, "--only", "beta", "--simulations", "200")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Beta 销售" in text and "Alpha CRM" not in text
    result = run(MINI, "-o", out, "--only", "gamma")
    assert result.exit_code == 2
    assert "'gamma' is not a compared vendor (compared: alpha, beta)" in result.stderr


def test_template_dir_must_hold_the_template(tmp_path):
    result = run(MINI, "-o", tmp_path / "r.html", "--template-dir", tmp_path)
    assert result.exit_code == 2
    assert "has no report.html" in result.stderr


def test_missing_scorecard_and_missing_folder(tmp_path):
    assert run(tmp_path / "nope.yaml", "-o", tmp_path / "r.md").exit_code == 2
    assert run(MINI, "-o", tmp_path / "no" / "r.md").exit_code == 2


@pytest.mark.parametrize("kind", ["missing", "fifo"])
def test_a_scorecard_that_is_no_file_gets_the_words_of_every_command(tmp_path, kind):
    """One loading path: `report` refuses a missing scorecard or a FIFO with the same message
    as `score` and `tco` (was: "scorecard '...' does not exist" for both)."""
    card = tmp_path / "scorecard.yaml"
    if kind == "fifo":
        os.mkfifo(card)
    said = {}
    for command, extra in (("score", []), ("tco", []), ("report", ["-o", str(tmp_path / "r.md")])):
        result = runner.invoke(app, [command, str(card), *extra], env=ENV)
        assert result.exit_code == 2, result.output
        said[command] = result.stderr
    assert said["report"] == said["score"] == said["tco"]


def test_invalid_input_exit_1(tmp_path):
    bad = Path(__file__).parent.parent / "fixtures" / "xss-url" / "scorecard.yaml"
    result = run(bad, "-o", tmp_path / "r.md")
    assert result.exit_code == 1
    assert "website: must be an http:// or https:// address" in result.stderr
    assert not (tmp_path / "r.md").exists()


NONE = re.compile(r"(?<![\w-])(None|nan|NaN|inf)(?![\w-])(?! of )")


def _all_must(folder: Path) -> None:
    for path in [folder / "scorecard.yaml", *sorted((folder / "requirements").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"priority: (should|nice)", "priority: must", text), "utf-8")


def _evaluators_deleted(folder: Path) -> None:
    for path in sorted((folder / "scores").glob("*.yaml"))[1:]:
        path.unlink()  # one evaluator left: no agreement statistics, no one else's mean


def _all_scores_deleted(folder: Path) -> None:
    for path in (folder / "scores").glob("*.yaml"):
        path.unlink()  # scores_from matches nothing yet: a warning, no demo scores at all


@pytest.mark.parametrize("example", ["b2b-software-eu", "medical-devices-cn"])
@pytest.mark.parametrize("change", [_all_must, _evaluators_deleted, _all_scores_deleted])
def test_the_report_never_prints_none(tmp_path, example, change):
    """Every requirement a must-have (no vendor qualifies), or the evaluators' files deleted
    but one: the Markdown and HTML reports say "–" or words where a figure cannot be given,
    never Python's None (nor nan or inf)."""
    folder = tmp_path / example
    shutil.copytree(REPO / "scorecards" / example, folder)
    change(folder)
    for name in ("r.md", "r.html"):
        out = tmp_path / name
        result = run(folder / "scorecard.yaml", "-o", out, "--simulations", "200", "--sensitivity", "200")  # fmt: skip
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        found = [text[max(0, m.start() - 80) : m.end() + 20] for m in NONE.finditer(text)]
        assert found == [], (name, found[:3])
