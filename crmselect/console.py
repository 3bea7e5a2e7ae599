"""The terminal: one console for results (stdout), one for messages (stderr).

Colour follows rich's rules: off when ``NO_COLOR`` is set or the stream is not a terminal.
Vendor strings are data: print them through ``Text`` objects, never as markup.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

from crmselect.errors import one_line

if TYPE_CHECKING:
    from rich.console import Console

    out: Console
    err: Console


@functools.cache
def _console(stderr: bool) -> Console:
    """The results console (stdout) or the messages console (stderr), made on first use: a
    command that prints nothing through rich (``score -f json -q``) does not import it."""
    from rich.console import Console

    width = int(os.environ["CRMSELECT_WIDTH"]) if os.environ.get("CRMSELECT_WIDTH") else None
    # Neither console interprets markup or emoji codes: ``file:100:3`` must never become an
    # emoji; results never wrap softly, messages do not split.
    if stderr:
        return Console(stderr=True, highlight=False, width=width, markup=False, emoji=False)
    return Console(highlight=False, width=width, soft_wrap=False, markup=False, emoji=False)


def __getattr__(name: str) -> Any:
    """``out`` and ``err``, the two consoles, made when first imported or read."""
    if name in ("out", "err"):
        return _console(name == "err")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def message(text: str, *, quiet: bool = False, style: str | None = None) -> None:
    """A plain line on stderr (never interpreted as markup or emoji; never split)."""
    if not quiet:
        _console(True).print(
            one_line(text), style=style, markup=False, emoji=False, highlight=False, soft_wrap=True
        )


def progress(quiet: bool = False) -> Any:
    """A transient progress bar on stderr, shown only on a terminal."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=_console(True),
        transient=True,
        disable=quiet or not _console(True).is_terminal,
    )
