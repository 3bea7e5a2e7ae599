"""The only way output reaches disk: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from crmselect.errors import OutputError, UsageError


def check_output_path(output: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse an output in a missing folder, or one that is (or links to) an input file."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"folder '{folder}' does not exist")
    if output.is_dir():
        raise UsageError(f"'{output}' is a folder; name a file")
    target = output.resolve()
    for path in inputs:
        try:
            same = path.exists() and output.exists() and os.path.samefile(path, output)
        except OSError:
            same = False
        if same or path.resolve() == target:
            raise UsageError(f"output '{output}' is an input file; choose another name")


def write_atomic(output: Path, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``output`` atomically; the old file survives any failure."""
    check_output_path(output, inputs)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = output.parent if str(output.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, output)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write '{output}': {exc.strerror or exc}") from None
        raise
