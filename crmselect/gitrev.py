"""Read a selection as it was at a git revision.

``REV:path`` names a file at a revision the way git does (the path is relative to the repository
root; ``REV:./path`` is relative to the current folder). The YAML files of that revision's tree
are written to a temporary folder with ``git ls-tree`` and ``git cat-file`` (no working-tree
checkout, nothing of the repository touched), and :func:`load_selection` reads them there, so
``requirements_from`` and ``scores_from`` globs and the vendor library resolve exactly as they
did at that revision. Messages name files as ``REV:path``, never the temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

import msgspec

from crmselect._resources import bundled
from crmselect.defaults import CATALOGUE_FILE, LIBRARY_FOLDER, library_candidates
from crmselect.errors import InputError, Problem, UsageError
from crmselect.io.git import run_git
from crmselect.io.loader import YAML_SUFFIXES, display_path, load_selection
from crmselect.models.selection import Selection


class RevPath(msgspec.Struct, frozen=True):
    """A file at a git revision."""

    rev: str
    """The revision as the user wrote it (`HEAD~1`, a branch, a tag, a commit id)."""
    path: str
    """The path as written after the colon."""
    repo: Path | None = None
    """The repository; `None` for the one holding the current folder."""

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"


def parse_ref(text: str) -> RevPath | None:
    """``REV:path`` -> :class:`RevPath`; ``None`` when ``text`` is a plain path (an existing
    file, no colon, or a Windows drive such as ``C:\\x``)."""
    if Path(text).exists() or ":" not in text:
        return None
    rev, _, path = text.partition(":")
    if not rev or not path or (len(rev) == 1 and path[:1] in ("\\", "/")):
        return None
    return RevPath(rev, path)


def _git(repo: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_git(repo, *args, input=input)


def repo_root(folder: Path) -> Path:
    """The top folder of the git repository holding ``folder``."""
    result = _git(folder, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise UsageError(
            f"'{display_path(folder)}' is not in a git repository; REV:path and --rev read "
            "files from git history"
        )
    return Path(result.stdout.decode("utf-8").strip()).resolve()


def resolve_commit(repo: Path, rev: str) -> str:
    """The commit id ``rev`` names, or :class:`UsageError`."""
    if rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a revision")
    result = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if result.returncode != 0:
        raise UsageError(f"unknown revision '{rev}' in the git repository at {display_path(repo)}")
    return result.stdout.decode("ascii").strip()


def tree_files(repo: Path, commit: str) -> dict[str, str]:
    """Repository-relative path -> blob id of every regular file at ``commit``."""
    result = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit)
    if result.returncode != 0:
        raise UsageError(f"cannot list the files of {commit[:12]}")
    files = {}
    for entry in result.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, blob = meta.split()
        parts = PurePosixPath(path).parts
        if ".." in parts or path.startswith("/"):
            continue  # a crafted tree must not write outside the temporary folder
        if kind == "blob" and mode in ("100644", "100755"):  # no symlinks, no submodules
            files[path] = blob
    return files


def _write_blobs(repo: Path, blobs: dict[str, str], dest: Path) -> None:
    """Write each ``path -> blob`` below ``dest`` with one `git cat-file --batch`."""
    if not blobs:
        return
    ids = list(blobs.values())
    result = _git(repo, "cat-file", "--batch", input="".join(f"{b}\n" for b in ids).encode())
    data = result.stdout
    offset = 0
    contents: dict[str, bytes] = {}
    for blob in ids:
        end = data.index(b"\n", offset)
        header = data[offset:end].split()
        size = int(header[2])
        contents[blob] = data[end + 1 : end + 1 + size]
        offset = end + 1 + size + 1
    for path, blob in blobs.items():
        target = dest.joinpath(*PurePosixPath(path).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents[blob])


def _repo_relative(repo: Path, ref: RevPath) -> str:
    """The repository-relative POSIX path ``ref`` names (git's rules for ``./`` and ``../``)."""
    path = ref.path
    if path.startswith(("./", "../")):
        path = os.path.relpath(Path.cwd().resolve() / path, repo)
    return PurePosixPath(os.path.normpath(path).replace(os.sep, "/")).as_posix()


def _renames(repo: Path, old: str, new: str) -> list[tuple[str, str]]:
    """``(from, to)`` of every rename between two commits."""
    result = _git(repo, "diff", "-M", "--name-status", "-z", old, new)
    if result.returncode != 0:
        return []
    fields = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    pairs = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            pairs.append((fields[index + 1], fields[index + 2]))
            index += 3
        else:
            index += 2
    return pairs


def _missing_message(repo: Path, ref: RevPath, rel: str, commit: str) -> str:
    """Why ``rel`` is not at ``commit``: renamed since, removed or renamed before, or new."""
    text = f"{ref.rev}:{rel} does not exist at {ref.rev} ({commit[:12]})"
    head = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD")
    if head.returncode == 0:
        head_id = head.stdout.decode("ascii").strip()
        for before, after in _renames(repo, commit, head_id):
            if after == rel:
                return f"{text}; it was renamed since: at {ref.rev} it is {ref.rev}:{before}"
    removed = _git(repo, "log", "--format=%H", "--diff-filter=D", "-n", "1", commit, "--", rel)
    sha = removed.stdout.decode("ascii").strip() if removed.returncode == 0 else ""
    if sha:
        for before, after in _renames(repo, f"{sha}^", sha):
            if before == rel:
                return f"{text}; it was renamed to {after} in {sha[:12]}"
        return f"{text}; it was removed in {sha[:12]}"
    return f"{text}; it was added after {ref.rev}, or never existed"


def _relabel(exc: InputError, tmp: Path, rev: str) -> InputError:
    """The same problems, each naming ``REV:path`` instead of the temporary copy."""
    roots = [str(tmp) + os.sep, display_path(tmp) + os.sep]
    problems = []
    for problem in exc.problems:
        path = problem.path
        absolute = str((Path.cwd() / path).resolve())
        if absolute.startswith(roots[0]):
            path = f"{rev}:{PurePosixPath(*Path(absolute[len(roots[0]) :]).parts)}"
        message = problem.message
        for root in roots:
            message = message.replace(root, f"{rev}:")
        problems.append(Problem(path, problem.line, problem.col, problem.key, message))
    return InputError(problems)


def _vendor_candidates(tmp: Path, repo: Path, card_rel: str, vendors: Path | None) -> Path | None:
    """The vendor library for a selection read at a revision, inside the temporary copy, or
    ``None`` to leave the choice to the loader (a library outside the repository)."""
    if vendors is not None:
        given = vendors.resolve()
        if given == repo or repo in given.parents:
            return tmp / given.relative_to(repo)
        return vendors
    folder = tmp.joinpath(*PurePosixPath(card_rel).parent.parts)
    cwd = Path.cwd().resolve()
    inside = cwd == repo or repo in cwd.parents
    for candidate in library_candidates(folder, tmp / cwd.relative_to(repo) if inside else None):
        if (candidate / CATALOGUE_FILE).is_file():
            return candidate
    # The committee's vendors/ beside the scorecard, at the revision, overlays the bundled one.
    if (folder / LIBRARY_FOLDER).is_dir():
        return folder / LIBRARY_FOLDER
    # Inside the repository the working tree's own library is not the revision's: use the
    # bundled one, as a checkout of that revision would.
    return bundled("vendors") if inside else None


def load_selection_at(ref: RevPath, vendors_dir: Path | None = None) -> Selection:
    """Load the selection whose scorecard is ``ref`` as it was at ``ref.rev``.

    The vendor library is looked for as :func:`load_selection` does, but at the revision:
    ``--vendors DIR`` inside the repository is read at the revision too; outside it, as it is.
    Raises :class:`UsageError` outside a git repository, for an unknown revision or a scorecard
    missing at that revision, and :class:`InputError` (files named ``REV:path``) for invalid files.
    """
    repo = ref.repo or repo_root(Path.cwd())
    commit = resolve_commit(repo, ref.rev)
    rel = _repo_relative(repo, ref)
    if rel.startswith("../"):
        raise UsageError(f"{ref} is outside the git repository at {display_path(repo)}")
    files = tree_files(repo, commit)
    if rel not in files:
        raise UsageError(_missing_message(repo, ref, rel, commit))
    wanted = {p: b for p, b in files.items() if p.endswith(YAML_SUFFIXES) or p == rel}
    with tempfile.TemporaryDirectory(prefix="crmselect-rev-") as name:
        tmp = Path(name).resolve()
        _write_blobs(repo, wanted, tmp)
        card = tmp.joinpath(*PurePosixPath(rel).parts)
        library = _vendor_candidates(tmp, repo, rel, vendors_dir)
        if library is not None and tmp in library.parents and not library.is_dir():
            where = library.relative_to(tmp).as_posix()
            raise UsageError(f"vendor library folder {ref.rev}:{where} does not exist")
        try:
            return load_selection(card, library)
        except InputError as exc:
            raise _relabel(exc, tmp, ref.rev) from None


def load_selection_ref(text: str, vendors_dir: Path | None = None) -> tuple[Selection, str]:
    """Load a selection from a scorecard path or a ``REV:path`` reference; return it with the
    label to show for it."""
    ref = parse_ref(text)
    if ref is None:
        return load_selection(Path(text), vendors_dir), text
    return load_selection_at(ref, vendors_dir), str(ref)


def working_path_at(rev: str, scorecard: Path) -> RevPath:
    """The working-tree file ``scorecard`` as a reference at ``rev`` (for ``--rev REV``)."""
    repo = repo_root(scorecard.resolve().parent if scorecard.parent.is_dir() else Path.cwd())
    absolute = scorecard.resolve()
    if repo not in absolute.parents:
        raise UsageError(f"'{scorecard}' is not inside the git repository at {display_path(repo)}")
    return RevPath(rev, absolute.relative_to(repo).as_posix(), repo)
