"""`crmselect init [DIR]`: scaffold a selection project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmselect.cli import DebugOption, QuietOption, app, handle_errors
from crmselect.console import message


@app.command()
@handle_errors
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="Folder to create the project in.")
    ] = Path("."),
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Scaffold a selection project: a commented scorecard, a requirements file per department,
    an example scores file, JSON Schemas for editors, and a note on keeping it in git.

    Existing files are never overwritten.
    """
    from crmselect.io.loader import display_path
    from crmselect.scaffold import scaffold

    written = scaffold(folder)
    for path in written:
        message(f"wrote {display_path(path)}", quiet=quiet)
    message(
        f"next: edit {display_path(folder / 'scorecard.yaml')}, then run "
        f"crmselect validate {display_path(folder)}",
        quiet=quiet,
    )
