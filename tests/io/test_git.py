"""The one git runner: its environment, its errors, and the quiet variant provenance uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmselect.errors import UsageError
from crmselect.io.git import git_output, run_git, toplevel
from tests.gitutil import commit_all, init_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "repo")
    (repo / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    commit_all(repo, "first")
    return repo


def test_run_git_uses_the_c_locale_and_no_optional_locks(repo: Path) -> None:
    # A shell alias prints the environment git hands its children, which is the one it got.
    done = run_git(repo, "-c", "alias.showenv=!env", "showenv")
    lines = done.stdout.decode().splitlines()
    assert done.returncode == 0
    assert "LC_ALL=C" in lines
    assert "GIT_OPTIONAL_LOCKS=0" in lines


def test_run_git_returns_git_failures_for_the_caller_to_word(repo: Path) -> None:
    done = run_git(repo, "rev-parse", "--verify", "--quiet", "no-such-branch")
    assert done.returncode != 0
    assert done.stdout == b""


def test_missing_git_is_a_usage_error_and_quiet_for_provenance(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    with pytest.raises(UsageError, match="git is not installed"):
        run_git(repo, "status")
    assert git_output(repo, "rev-parse", "HEAD") is None
    assert toplevel(repo) is None


def test_slow_git_is_a_usage_error_naming_the_limit(repo: Path) -> None:
    with pytest.raises(UsageError, match=r"git -c took longer than 0\.5 s"):
        run_git(repo, "-c", "alias.nap=!sleep 5", "nap", timeout=0.5)
    assert git_output(repo, "-c", "alias.nap=!sleep 5", "nap", timeout=0.5) is None


def test_git_output_is_the_text_or_none(repo: Path, tmp_path: Path) -> None:
    head = git_output(repo, "rev-parse", "HEAD")
    assert head is not None and len(head.strip()) == 40
    assert git_output(repo, "rev-parse", "--verify", "--quiet", "no-such-branch") is None
    outside = tmp_path / "outside"
    outside.mkdir()
    assert git_output(outside, "rev-parse", "HEAD") is None


def test_toplevel_inside_and_outside_a_repository(repo: Path, tmp_path: Path) -> None:
    sub = repo / "deep" / "er"
    sub.mkdir(parents=True)
    assert toplevel(sub) == repo.resolve()
    outside = tmp_path / "outside"
    outside.mkdir()
    assert toplevel(outside) is None
