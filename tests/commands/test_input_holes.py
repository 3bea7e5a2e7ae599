"""Input holes found by the 0.1 fuzz run and committee trial: each fixed with a test that
failed before. Every run goes through the real entry point; every refusal is located."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app

REPO = Path(__file__).resolve().parents[2]
ENV = {"NO_COLOR": "1", "CRMSELECT_WIDTH": "200", "SOURCE_DATE_EPOCH": "1767225600"}
BASE = """kind: scorecard
title: t
currency: USD
vendors: [pipedrive]
categories: {core: {weight: 1}}
requirements:
  - {id: R1, title: Contacts, category: core, priority: must, feature: contacts}
"""
SEATS = "scenario:\n  seats: {start: 10}\n"


def run(*args: object, cwd: Path | None = None):
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, [str(a) for a in args], env=ENV)
    finally:
        os.chdir(old)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_recursive_alias_is_refused_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "s.yaml", "kind: scores\nevaluator: x\nscores: &a {v: *a}\n")
    done = subprocess.run(
        [sys.executable, "-m", "crmselect", "validate", str(path)]
        if (REPO / "crmselect" / "__main__.py").exists()
        else [shutil.which("crmselect") or "crmselect", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 1
    assert "s.yaml:3:9: scores: recursive alias (an anchor used inside itself)" in done.stderr
    result = run("validate", write(tmp_path, "r.yaml", "kind: requirements\na: &x [*x]\n"))
    assert result.exit_code == 1 and "r.yaml:2:4: a: recursive alias" in result.stderr


def test_line_100_keeps_its_number_and_emoji_codes_stay_literal(tmp_path: Path) -> None:
    lines = "kind: requirements\nrequirements: []\n" + "#\n" * 97 + "bogus: 1\n"
    result = run("validate", write(tmp_path, "r.yaml", lines))
    assert result.exit_code == 1
    assert "r.yaml:100:1: bogus: unknown key" in result.stderr
    card = BASE.replace("feature: contacts", 'feature: ":thumbs_up: :1234:"') + SEATS
    result = run("validate", write(tmp_path, "scorecard.yaml", card))
    assert "unknown feature ':thumbs_up: :1234:'" in result.stderr
    assert "👍" not in result.stderr and "🔢" not in result.stderr


def test_line_breaks_in_keys_and_values_are_escaped(tmp_path: Path) -> None:
    text = (
        "kind: requirements\nrequirements:\n"
        '  - {id: R1, title: t, category: core, "priority\\n": must, feature: contacts}\n'
    )
    result = run("validate", write(tmp_path, "r.yaml", text))
    assert result.exit_code == 1
    assert 'r.yaml:3:40: requirements[0]."priority\\n": unknown key' in result.stderr
    assert all(
        re.match(r"\S*r\.yaml:\d+:\d+: |\d+ problems? in", ln) for ln in result.stderr.splitlines()
    )
    text = 'kind: requirements\nrequirements:\n  - {id: "R1\\u2028", title: t, category: core, priority: must, feature: contacts}\n'
    result = run("validate", write(tmp_path, "r2.yaml", text))
    assert (
        result.exit_code == 1
        and "r2.yaml:3:10: requirements[0].id: must be one line" in result.stderr
    )


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "scenario:\n  seats: {start: 10}\n  support_hours_per_year: 10\n  support_hourly_rate: 1e308\n",
            ":11:24: scenario.support_hourly_rate: 1e+308 is too large; the limit is 1,000,000,000,000",
        ),
        (
            "scenario:\n  seats: {start: 10}\n  budget_split: {software: 1, services: 0, contingency: 0}\n",
            ":10:41: scenario.budget_split.services: must be above 0",
        ),
        (
            "scenario:\n  years: 30\n  seats: {start: 1000, growth: 3}\n",
            ":10:32: scenario.seats.growth: users reach 1.6e+07 in year 8; the limit is 10,000,000",
        ),
        (
            "fx: {EUR: 1e300}\n" + SEATS,
            ":8:11: fx.EUR: must be at most 1e+06",
        ),
        (
            SEATS + "  internal: {admin_fte: 1, fte_cost_year: 1e30}\n",
            ":10:43: scenario.internal.fte_cost_year: 1e+30 is too large",
        ),
    ],
    ids=["support-rate", "zero-share", "seat-growth", "fx", "internal"],
)
def test_amounts_that_would_overflow_are_refused_where_written(
    tmp_path: Path, extra: str, expected: str
) -> None:
    card = write(tmp_path, "scorecard.yaml", BASE + extra)
    for command in (["validate"], ["tco", "-f", "json", "--simulations", "50"]):
        result = run(*command, card)
        assert result.exit_code == 1, result.output
        assert "scorecard.yaml" + expected in result.stderr
        assert "Traceback" not in result.output and "Warning" not in result.stderr


def test_a_currency_that_is_not_iso_4217_gets_a_did_you_mean(tmp_path: Path) -> None:
    card = write(tmp_path, "scorecard.yaml", BASE.replace("USD", "RMB") + SEATS)
    result = run("validate", card)
    assert result.exit_code == 1
    assert (
        "scorecard.yaml:3:11: currency: 'RMB' is not an ISO 4217 currency code "
        "(such as CNY, USD or EUR); did you mean 'CNY'?"
    ) in result.stderr
    assert "fx" not in result.stderr


def test_non_regular_files_are_refused_unread(tmp_path: Path) -> None:
    folder = tmp_path / "sel"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / "dir.yaml").mkdir()
    result = run("validate", folder)  # a FIFO is passed over, never opened
    assert result.exit_code == 0, result.output
    for path in (folder / "pipe.yaml", Path("/dev/zero")):
        result = run("validate", path)
        assert result.exit_code == 2
        assert f"{path}: not a regular file" in result.stderr
    result = run("score", folder / "pipe.yaml")
    assert result.exit_code == 2 and "not a regular file" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# CRM selection 2026\n# (the rest was lost in a bad merge)\n", ":1:1: empty file"),
        ("---\n", "expected a mapping starting with kind:"),
        ("- kind: scorecard\n", ":1:1: expected a mapping starting with kind:"),
        ("\ufeff".encode("utf-16").decode("latin-1"), "binary file, not YAML text"),
    ],
    ids=["comments-only", "document-marker", "list", "utf-16"],
)
def test_validate_folder_reports_a_broken_scorecard(
    tmp_path: Path, text: str, expected: str
) -> None:
    folder = tmp_path / "sel"
    folder.mkdir()
    raw = text.encode("latin-1") if "binary" in expected else text.encode("utf-8")
    if "binary" in expected:
        raw = "kind: scorecard\n".encode("utf-16")
    (folder / "scorecard.yaml").write_bytes(raw)
    result = run("validate", folder)
    assert result.exit_code == 1, result.output
    assert "sel/scorecard.yaml:" in result.stderr and expected in result.stderr


def test_validate_folder_passes_over_other_tools_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "sel"
    write(folder, "compose.yml", "a: &b {x: 1}\nc:\n  <<: *b\n")
    write(folder, "ci.yml", "x: !reference [a]\n")
    write(folder, "notes.yaml", "title: not a crmselect file\n")
    result = run("validate", folder)
    assert result.exit_code == 0, result.output


def test_globs_and_vendor_ids_stay_inside_the_selection(tmp_path: Path) -> None:
    card = write(tmp_path, "scorecard.yaml", BASE + "requirements_from: [/etc/*.conf]\n" + SEATS)
    result = run("validate", card)
    assert result.exit_code == 1
    assert (
        "scorecard.yaml:8:21: requirements_from[0]: '/etc/*.conf' must be a relative pattern "
        "inside the selection folder"
    ) in result.stderr
    write(tmp_path, "secret/creds.yaml", "kind: requirements\nrequirements: []\napi_token: x\n")
    card = write(
        tmp_path, "sub/scorecard.yaml", BASE + 'requirements_from: ["../secret/*.yaml"]\n' + SEATS
    )
    result = run("score", card)
    assert result.exit_code == 1
    assert "requirements_from[0]: '../secret/*.yaml' reaches outside the selection" in result.stderr
    assert "api_token" not in result.stderr
    card = write(
        tmp_path,
        "v/scorecard.yaml",
        BASE.replace("[pipedrive]", '[pipedrive, "../secret/creds"]') + SEATS,
    )
    result = run("validate", card)
    assert result.exit_code == 1
    assert "vendors[1]: '../secret/creds' is not a vendor id" in result.stderr
    assert "api_token" not in result.stderr


def test_a_library_without_features_yaml_overlays_the_bundled_one(tmp_path: Path) -> None:
    # workflow.md §3: a folder without features.yaml is the committee's overlay, not an error.
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(REPO / "vendors" / "pipedrive.yaml", lib)
    card = write(tmp_path, "scorecard.yaml", BASE + SEATS)
    result = run("score", card, "--vendors", lib, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"pipedrive": "committee"' in result.stdout
    missing = run("score", card, "--vendors", tmp_path / "nothing")
    assert missing.exit_code == 2
    assert "vendor library folder" in missing.stderr and "does not exist" in missing.stderr


def test_overrides_of_integer_fields(tmp_path: Path) -> None:
    overrides = (
        "overrides:\n  pipedrive: {scenario.years: 5, scenario.seats.start: 20, "
        "limits.api_calls_per_day: 1000, scenario.seats.growth: 0.1}\n"
    )
    card = write(tmp_path, "scorecard.yaml", BASE + SEATS + overrides)
    result = run("tco", card, "-f", "json", "--simulations", "0")
    assert result.exit_code == 0, result.output
    assert '"seats_by_year": [\n        20,\n        22,' in result.stdout
    bad = "overrides:\n  pipedrive: {scenario.years: 40, limits.api_calls_per_day: 1.5}\n"
    result = run("validate", write(tmp_path, "bad.yaml", BASE + SEATS + bad))
    assert (
        "bad.yaml:11:31: overrides.pipedrive.scenario.years: every vendor is costed over one "
        "horizon (scenario.years: 5)" in result.stderr
    )
    assert (
        "bad.yaml:11:61: overrides.pipedrive.limits.api_calls_per_day: Input should be a valid integer"
        in result.stderr
    )


def _copy_example(tmp_path: Path, name: str = "b2b-software-eu") -> Path:
    folder = tmp_path / name
    shutil.copytree(REPO / "scorecards" / name, folder)
    return folder


def test_an_indentation_mistake_names_where_the_key_belongs(tmp_path: Path) -> None:
    folder = _copy_example(tmp_path)
    card = folder / "scorecard.yaml"
    text = card.read_text(encoding="utf-8").replace("\n  training:\n", "\n    training:\n", 1)
    card.write_text(text, encoding="utf-8")
    result = run("validate", card)
    assert result.exit_code == 1
    assert (
        "scenario.migration.training: 'training' is a key of scenario, not here; check the indentation"
        in result.stderr
    )
    assert "did you mean 'training'" not in result.stderr


def test_a_duplicate_requirement_id_does_not_cascade(tmp_path: Path) -> None:
    folder = _copy_example(tmp_path)
    sales = folder / "requirements" / "sales.yaml"
    sales.write_text(
        sales.read_text(encoding="utf-8").replace("id: S02", "id: S01"), encoding="utf-8"
    )
    result = run("validate", folder)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "duplicate requirement id 'S01'" in lines[0]
    assert len(lines) == 3, result.stderr  # the duplicate, one unknown id, the count
    assert "was the duplicate id 'S01'" in lines[1] and "did you mean 'CS02'" not in result.stderr


def test_a_missing_fx_rate_is_one_problem_naming_every_vendor(tmp_path: Path) -> None:
    card = write(
        tmp_path,
        "scorecard.yaml",
        BASE.replace("USD", "GBP").replace(
            "[pipedrive]", "[pipedrive, zoho-crm, hubspot-sales-hub]"
        )
        + SEATS,
    )
    result = run("validate", card)
    assert result.exit_code == 1
    fx = [ln for ln in result.stderr.splitlines() if "no fx rate" in ln]
    assert len(fx) == 1 and "pipedrive, zoho-crm, hubspot-sales-hub" in fx[0]


def test_dash_h_is_help_everywhere() -> None:
    for args in (
        [],
        ["score"],
        ["tco"],
        ["report"],
        ["validate"],
        ["vendors"],
        ["vendors", "show"],
        ["init"],
        ["diff"],
    ):
        result = run(*args, "-h")
        assert result.exit_code == 0, (args, result.output)
        assert "Usage:" in result.stdout


def test_vendors_show_json_prints_no_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = run("vendors", "show", "zoho-crm", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert '"annual_uplift": {' in result.stdout


def test_the_hook_and_readme_name_nothing_that_does_not_exist() -> None:
    for name in ("README.md", "docs/git-workflow.md", ".pre-commit-hooks.yaml"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert not re.search(r"rev: v\d|crmselect@v\d", text), name


def test_a_pattern_matching_something_that_is_not_a_file_is_a_located_error(
    tmp_path: Path,
) -> None:
    """A FIFO, a folder or a broken link named like a score file is never opened, and never
    silently dropped: validate and score both locate it at the pattern that matched it."""
    example = Path(__file__).resolve().parents[2] / "scorecards" / "b2b-software-eu"
    for kind in ("fifo", "folder", "broken-link"):
        folder = tmp_path / kind
        shutil.copytree(example, folder)
        odd = folder / "scores" / "zz-odd.yaml"
        if kind == "fifo":
            os.mkfifo(odd)
        elif kind == "folder":
            odd.mkdir()
        else:
            odd.symlink_to(folder / "scores" / "gone.yaml")
        said = {}
        for command in ("validate", "score"):
            result = run(command, folder / "scorecard.yaml")
            assert result.exit_code == 1, (kind, command, result.output)
            said[command] = [line for line in result.stderr.splitlines() if "zz-odd" in line]
        assert len(said["validate"]) == 1 and said["validate"] == said["score"], said
        assert "scores_from[0]: 'scores/*.yaml' matches " in said["validate"][0]
        assert "not a regular file" in said["validate"][0]


@pytest.mark.parametrize("key", ["scores_from", "responses_from"])
@pytest.mark.parametrize("pattern", ["/etc/*", "../../*.yaml"])
def test_files_that_come_later_still_stay_inside_the_selection(
    tmp_path: Path, key: str, pattern: str
) -> None:
    """A `scores_from` or `responses_from` that matches nothing yet is only a warning, but an
    absolute pattern or one that leaves the selection is an error there too (it was a warning
    "... must be a relative pattern ... yet (no score files so far)")."""
    example = Path(__file__).resolve().parents[2] / "scorecards" / "b2b-software-eu"
    folder = tmp_path / "a" / "b" / "sel"
    shutil.copytree(example, folder)
    (tmp_path / "a" / "outside.yaml").write_text("kind: scores\n", encoding="utf-8")
    card = folder / "scorecard.yaml"
    text = card.read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{key}:\n  - \S+", f"{key}:\n  - '{pattern}'", text)
    if key not in text:
        text += f"{key}:\n  - '{pattern}'\n"
    card.write_text(text, encoding="utf-8")
    for command in ("validate", "score"):
        result = run(command, card)
        assert result.exit_code == 1, (command, result.output)
        assert f"{key}[0]: '{pattern}'" in result.stderr
        assert "yet (no" not in result.stderr
