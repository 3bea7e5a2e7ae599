"""The one way output reaches its destination: ``write_output``, and for a command's result
``write_result``, which also says ``wrote FILE``.

A file is written atomically (a temporary file in the target's folder, then a rename), so a
failed run leaves the old file whole and never a half-written one. ``-`` is standard output. An
output that is a symlink is written through to its target, which keeps its permissions; an
existing device or FIFO (``/dev/null``, ``/dev/stdout``) is written directly. Every refusal is a
usage error (exit 2) raised before any work: a missing or unwritable folder, a folder named as
the file, a read-only file, an output that is an input, or an extension that names another
format than the one asked for.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TypeVar

from crmselect.errors import OutputError, UsageError

STDOUT = "-"

EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".txt": "table",
}
"""What an output's extension says its format is."""


FormatT = TypeVar("FormatT", bound=Enum)


def is_stdout(output: Path | str | None) -> bool:
    """True for ``-o -``: the output is standard output."""
    return output is not None and str(output) == STDOUT


def format_from_name(output: Path | None) -> str | None:
    """The format an output's extension names, or None (no output, ``-``, unknown suffix)."""
    if output is None or is_stdout(output):
        return None
    return EXTENSIONS.get(Path(output).suffix.lower())


def check_format(output: Path | None, fmt: str, formats: Iterable[str] = ()) -> None:
    """Refuse ``-f xlsx -o tco.json``: a file named for one format holding another. The advice
    to give ``--format`` the named one comes only when it is among the command's ``formats``."""
    named = format_from_name(output)
    if named is not None and named != fmt:
        assert output is not None
        other = f" or give --format {named}" if named in formats else ""
        raise UsageError(
            f"'{Path(output).name}' is named for {named} but the format is {fmt}; "
            f"name the file {Path(output).stem}{_suffix(fmt)}{other}"
        )


def resolve_format(
    output: Path | None, given: FormatT | None, default: FormatT, *, must_name: str | None = None
) -> FormatT:
    """A command's output format: the one ``given``, else the one the ``-o`` file's extension
    names when the command has it (``default``'s enum), else ``default``; a file named for
    another format is refused (:func:`check_format`). With ``must_name`` (what the file holds,
    such as ``"report"``), a file whose extension names none of the command's formats is a usage
    error, and ``default`` is only for standard output."""
    formats = {str(member.value): member for member in type(default)}
    if given is None:
        named = formats.get(format_from_name(output) or "")
        if named is None and must_name is not None and output is not None and not is_stdout(output):
            raise UsageError(
                f"cannot tell the {must_name} format from '{Path(output).name}': "
                f"name the file {_extensions(formats)}"
            )
        given = default if named is None else named
    check_format(output, str(given.value), formats)
    return given


def _extensions(formats: Iterable[str]) -> str:
    """``.html, .htm, .md, .markdown or .pdf``: the extensions that name ``formats``."""
    names = [ext for fmt in formats for ext, named in EXTENSIONS.items() if named == fmt]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def _suffix(fmt: str) -> str:
    return {"table": ".txt", "html": ".html"}.get(fmt, f".{fmt}")


def _target(output: Path) -> Path:
    """Where bytes for ``output`` go: a symlink's final target, else the path itself."""
    return Path(os.path.realpath(output)) if output.is_symlink() else output


def check_output_path(output: Path | None, inputs: Iterable[Path] = ()) -> None:
    """Refuse, before any work, an output that cannot or must not be written."""
    if output is None or is_stdout(output):
        return
    target = _target(output)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"folder '{folder}' does not exist")
    if target.is_dir():
        raise UsageError(f"'{output}' is a folder; name a file")
    exists = target.exists()
    special = exists and not stat.S_ISREG(target.stat().st_mode)
    if exists and not os.access(target, os.W_OK):
        raise UsageError(f"cannot write '{output}': the file is read-only")
    if not special and not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write '{output}': permission denied in folder '{folder}'")
    if any(same_file(path, output) for path in inputs):
        raise UsageError(f"output '{output}' is an input file; choose another name")


def same_file(path: Path, other: Path) -> bool:
    """Whether ``path`` and ``other`` name one file: the same file on disk when both exist
    (a hard link, another spelling), else the same resolved path; ``other`` may not exist yet,
    and when it is a symlink its target is meant."""
    target = _target(other)
    try:
        if path.exists() and target.exists() and os.path.samefile(path, target):
            return True
    except OSError:
        pass
    return path.resolve() == target.resolve()


def write_output(output: Path | None, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``output`` (None or ``-``: standard output), atomically for files."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or is_stdout(output):
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    check_output_path(output, inputs)
    target = _target(output)
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        _write_direct(output, target, payload)
        return
    folder = target.parent if str(target.parent) else Path(".")
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)  # keep 0600, 0640... as the owner set it
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temp = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, OSError):
            raise _os_error(output, exc) from None
        raise


def write_result(
    output: Path | None, data: str | bytes, inputs: Iterable[Path] = (), *, quiet: bool = False
) -> None:
    """A command's result where the user asked for it: a file atomically, then ``wrote FILE``
    on standard error (unless ``quiet``); no output or ``-``, standard output alone."""
    write_output(output, data, inputs)
    if output is not None and not is_stdout(output):
        from crmselect.console import message

        message(f"wrote {output}", quiet=quiet)


def write_atomic(output: Path, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to the file ``output`` atomically (see :func:`write_output`)."""
    write_output(output, data, inputs)


def _write_direct(output: Path, target: Path, payload: bytes) -> None:
    try:
        with target.open("wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise _os_error(output, exc) from None


def _os_error(output: Path, exc: OSError) -> Exception:
    if isinstance(exc, PermissionError):
        return UsageError(f"cannot write '{output}': permission denied")
    return OutputError(f"cannot write '{output}': {exc.strerror or exc}")
