"""Where a report's numbers come from: inputs with their hashes and git state, seed, draws,
price ages and the generation time.

A committee files the report with its minutes; provenance lets anyone later check that the
files in the repository are the ones the report was computed from. The generation time honours
``SOURCE_DATE_EPOCH`` (reproducible builds), so the same inputs and seed give the same report.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

import msgspec

from crmselect import __version__
from crmselect.dates import generation_time, months_between
from crmselect.io.git import git_output, toplevel

GIT_TIMEOUT = 5.0
"""Seconds a git call may take before provenance gives up on git (never an error)."""


class InputFile(msgspec.Struct, frozen=True):
    """One input file as it was read."""

    path: str
    """Relative to its git repository's root, else to the current folder (``/`` separators)."""
    sha256: str
    """Hex SHA-256 of the file's bytes."""
    commit: str | None = None
    """``HEAD`` of the git repository holding the file; None outside git or without git."""
    clean: bool | None = None
    """True when git reports no change (nor untracked state) for the file; None outside git."""
    origin: str = "git"
    """``git`` (in a repository, tracked or not), ``ignored`` (in a repository that ignores
    it), ``bundled`` (shipped inside the crmselect package) or ``none`` (no repository)."""


class RepoState(msgspec.Struct, frozen=True):
    """A git repository that holds some of the inputs."""

    name: str
    """The repository folder's name (not its absolute path, so reports stay portable)."""
    commit: str
    clean: bool
    """True when none of the inputs in this repository has uncommitted changes."""
    files: int
    """How many inputs it holds."""


class PriceAge(msgspec.Struct, frozen=True):
    """How old a vendor's prices are when the report is generated."""

    vendor: str
    prices_as_of: str
    """``YYYY-MM`` as written in the profile."""
    months: int
    """Whole months between ``prices_as_of`` and the generation date (0 for the same month)."""


class Provenance(msgspec.Struct, frozen=True):
    """Everything needed to trace a report back to its inputs and reproduce it."""

    version: str
    """crmselect version that generated the report."""
    generated_at: str
    """UTC timestamp, ISO 8601 with ``Z``; from ``SOURCE_DATE_EPOCH`` when it is set."""
    seed: int
    simulations: int
    """Cost paths of the TCO simulation."""
    draws: int
    """Weight draws of the ranking's robustness check."""
    files: tuple[InputFile, ...]
    repos: tuple[RepoState, ...]
    price_ages: tuple[PriceAge, ...]

    @property
    def clean(self) -> bool | None:
        """True when every input in git is committed; None when no input is in git."""
        if not self.repos:
            return None
        return all(repo.clean for repo in self.repos)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _git(args: list[str], cwd: Path) -> str | None:
    """Output of a git command, or None when git is missing, slow or fails."""
    return git_output(cwd, *args, timeout=GIT_TIMEOUT)


def _repo_root(folder: Path, cache: dict[Path, Path | None]) -> Path | None:
    if folder not in cache:
        cache[folder] = toplevel(folder, timeout=GIT_TIMEOUT)
    return cache[folder]


def _display(path: Path, root: Path | None) -> str:
    base = root if root is not None else Path.cwd().resolve()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        pass
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def inspect_files(
    paths: Iterable[Path], *, use_git: bool = True
) -> tuple[tuple[InputFile, ...], tuple[RepoState, ...]]:
    """Hash every file and, where it lies in a git repository, record the commit and whether
    the file is clean. One ``git status`` per repository; git absent or failing is no error."""
    resolved = [Path(p).resolve() for p in paths]
    roots: dict[Path, Path | None] = {}
    by_repo: dict[Path, list[Path]] = {}
    file_root: dict[Path, Path | None] = {}
    bundled_root = (Path(__file__).resolve().parent / "_bundled").resolve()
    bundled = {p for p in resolved if p.is_relative_to(bundled_root)}
    for path in resolved:
        root = _repo_root(path.parent, roots) if use_git and path not in bundled else None
        file_root[path] = root
        if root is not None:
            by_repo.setdefault(root, []).append(path)

    commits: dict[Path, str] = {}
    dirty: dict[Path, set[Path]] = {}
    ignored: set[Path] = set()
    for root, members in list(by_repo.items()):
        head = _git(["rev-parse", "HEAD"], root)
        status = _git(
            [
                "status",
                "--porcelain",
                "-z",
                "--untracked-files=all",
                "--ignored",
                "--",
                *map(str, members),
            ],
            root,
        )
        if head is None or status is None:
            continue
        entries = [e for e in status.split("\0") if len(e) > 3]
        # A file git ignores is not "committed, clean": it is outside version control.
        ignored |= {(root / e[3:]).resolve() for e in entries if e.startswith("!! ")}
        members = [m for m in members if m not in ignored]
        by_repo[root] = members
        if not members:
            continue
        commits[root] = head.strip()
        changed = {(root / e[3:]).resolve() for e in entries if not e.startswith("!! ")}
        dirty[root] = {m for m in members if m in changed}

    files = []
    for path in resolved:
        root = file_root[path]
        in_git = root is not None and root in commits and path not in ignored
        if path in bundled:
            origin = "bundled"
        elif path in ignored:
            origin = "ignored"
        else:
            origin = "git" if in_git else "none"
        files.append(
            InputFile(
                path=_display(path, root if in_git else None)
                if path not in bundled
                else "crmselect/" + path.relative_to(bundled_root).as_posix(),
                sha256=sha256_of(path),
                commit=commits[root] if in_git and root else None,
                clean=(path not in dirty[root]) if in_git and root else None,
                origin=origin,
            )
        )
    repos = tuple(
        RepoState(root.name, commits[root], not dirty[root], len(by_repo[root]))
        for root in by_repo
        if root in commits
    )
    return tuple(files), repos


def collect(
    selection: object,
    *,
    seed: int,
    simulations: int,
    draws: int,
    environ: Mapping[str, str] | None = None,
    use_git: bool = True,
    when: datetime | None = None,
) -> Provenance:
    """The provenance of a report on ``selection`` (a :class:`~crmselect.models.Selection`),
    generated at ``when`` (default: :func:`generation_time` of ``environ``)."""
    when = when if when is not None else generation_time(environ)
    files, repos = inspect_files(getattr(selection, "files", ()), use_git=use_git)
    vendors = getattr(selection, "vendors", {})
    ages = tuple(
        PriceAge(vid, v.prices_as_of, months_between(v.prices_as_of, when))
        for vid, v in vendors.items()
    )
    return Provenance(
        version=__version__,
        generated_at=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        seed=seed,
        simulations=simulations,
        draws=draws,
        files=files,
        repos=repos,
        price_ages=ages,
    )
