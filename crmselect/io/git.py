"""The one way crmselect runs git: no optional locks, the C locale, a timeout, and one error.

`diff REV:path` needs git and fails with a clear :class:`UsageError` when it is missing or
slow; provenance asks git quietly and records "not in git" instead (see :func:`git_output`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from crmselect.errors import UsageError

TIMEOUT = 60.0
"""Seconds a git call that a command needs may take."""


def run_git(
    folder: Path, *args: str, input: bytes | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    """``git -C folder ARGS``; :class:`UsageError` when git is not installed or too slow."""
    if shutil.which("git") is None:
        raise UsageError("git is not installed; REV:path and --rev need it")
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            input=input,
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took longer than {timeout:g} s") from None
    except OSError as exc:
        raise UsageError(f"git could not run: {exc}") from None


def git_output(folder: Path, *args: str, timeout: float = TIMEOUT) -> str | None:
    """The text git prints, or None when git is missing, slow or fails (never an error)."""
    try:
        done = run_git(folder, *args, timeout=timeout)
    except UsageError:
        return None
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def toplevel(folder: Path, timeout: float = TIMEOUT) -> Path | None:
    """The top folder of the git repository holding ``folder``; None outside one."""
    out = git_output(folder, "rev-parse", "--show-toplevel", timeout=timeout)
    return Path(out.strip()).resolve() if out and out.strip() else None
