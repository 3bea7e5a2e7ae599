"""The pre-commit hook, run the way other repositories run it: `pre-commit try-repo`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.gitutil import commit_all, copy_mini, init_repo

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_hook_definition() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "crmselect-validate"
    assert hook["entry"] == "crmselect validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["require_serial"] is True
    # every YAML file of a selection, the root scorecard.yaml that `init` writes included
    pattern = re.compile(hook["files"])
    for name in ("scorecard.yaml", "requirements/it.yml", "scores/a.yaml", "vendors/x.yaml"):
        assert pattern.search(name), name
    assert not pattern.search("SELECTION.md")


def _source_copy(target: Path) -> Path:
    """This checkout's files (tracked and new, not ignored) as a committed repository.

    Folders the wheel build force-includes but that are not here yet get a placeholder, so
    that the hook's environment can be built from any branch.
    """
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / name)
    for folder in ("vendors", "scorecards", "templates", "schemas"):
        if not (target / folder).is_dir():
            (target / folder).mkdir()
            (target / folder / ".keep").write_text("", encoding="utf-8")
    if not (target / "README.md").is_file():
        (target / "README.md").write_text("# crmselect\n", encoding="utf-8")
    init_repo(target)
    commit_all(target, "crmselect source")
    return target


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _source_copy(tmp_path_factory.mktemp("src") / "crmselect")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(selection: Path, source: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook must run from its own installed environment
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(source),
            "crmselect-validate",
            "--all-files",
        ],
        cwd=selection,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _selection_repo(path: Path) -> Path:
    init_repo(path)
    copy_mini(path)
    (path / "docs").mkdir()
    (path / "docs" / "notes.yaml").write_text("title: not a crmselect file\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_try_repo_passes_a_good_selection(
    tmp_path: Path, hook_source: Path, pre_commit_home: Path
) -> None:
    selection = _selection_repo(tmp_path / "good")
    commit_all(selection, "selection")
    result = _try_repo(selection, hook_source, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "crmselect validate" in result.stdout
    assert "Passed" in result.stdout


@pytest.mark.slow
def test_try_repo_fails_a_bad_selection_with_a_located_message(
    tmp_path: Path, hook_source: Path, pre_commit_home: Path
) -> None:
    selection = _selection_repo(tmp_path / "bad")
    beta = selection / "vendors" / "beta.yaml"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(text.replace("per_seat_month: 100", "per_seat_month: -100"), "utf-8")
    line = 1 + text.splitlines().index("    per_seat_month: 100")
    commit_all(selection, "selection with a negative price")
    result = _try_repo(selection, hook_source, pre_commit_home)
    assert result.returncode != 0
    assert "Failed" in result.stdout
    assert f"vendors/beta.yaml:{line}:" in result.stdout
    assert (
        "plans[0].per_seat_month: -100: input should be greater than or equal to 0" in result.stdout
    )
    assert "Traceback" not in result.stdout + result.stderr
