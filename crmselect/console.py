"""The terminal: one console for results (stdout), one for messages (stderr).

Colour follows rich's rules: off when ``NO_COLOR`` is set or the stream is not a terminal.
Vendor strings are data: print them through ``Text`` objects, never as markup.
"""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console

from crmselect.errors import one_line

_width = int(os.environ["CRMSELECT_WIDTH"]) if os.environ.get("CRMSELECT_WIDTH") else None
# Neither console interprets markup or emoji codes: ``file:100:3`` must never become an emoji.
out = Console(highlight=False, width=_width, soft_wrap=False, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, width=_width, markup=False, emoji=False)


def message(text: str, *, quiet: bool = False, style: str | None = None) -> None:
    """A plain line on stderr (never interpreted as markup or emoji; never split)."""
    if not quiet:
        err.print(
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
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
