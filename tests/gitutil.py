"""A real git repository for tests: subprocess git with a fixed identity and dates."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini"

GIT_ENV = {
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; return its standard output."""
    env = {**os.environ, **GIT_ENV, "HOME": str(repo.parent)}
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def init_repo(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "commit.gpgsign", "false")
    return repo


def commit_all(repo: Path, message: str) -> str:
    """Stage everything and commit; return the commit id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def copy_mini(repo: Path) -> Path:
    """Lay the mini fixture out as a selection repository; return the scorecard's path.

    ``scorecards/mini/scorecard.yaml`` and the vendor library in ``vendors/``.
    """
    card = repo / "scorecards" / "mini" / "scorecard.yaml"
    card.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURE / "scorecard.yaml", card)
    shutil.copytree(FIXTURE / "vendors", repo / "vendors", dirs_exist_ok=True)
    return card
