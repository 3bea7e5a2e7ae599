"""`crmselect init [DIR]`: scaffold a selection project."""

from pathlib import Path
from typing import Annotated

import typer

from crmselect.cli import DebugOption, QuietOption, handle_errors, root
from crmselect.console import message


@root.command()
@handle_errors
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="Folder to create the project in.")
    ] = Path("."),
    market: Annotated[
        str | None,
        typer.Option(
            "--market",
            help="CN, GB, EU or US: market-typical requirements (CN: WeCom, DingTalk, data in "
            "mainland China; GB/EU: GDPR export and erasure, EU/UK hosting; US: SOC 2 evidence) "
            "and vendors that sell there. Default: the CN starter in CNY.",
        ),
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            "--currency",
            help="CNY, EUR, GBP or USD: the selection's currency, with fx rates to replace "
            "(default: the market's).",
        ),
    ] = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Scaffold a selection project: a commented scorecard, a requirements file per department,
    an example scores file, JSON Schemas for editors, and a note on keeping it in git.

    Existing files are never overwritten.
    """
    from crmselect.io.loader import display_path
    from crmselect.scaffold import scaffold

    written = scaffold(folder, market, currency)
    for path in written:
        message(f"wrote {display_path(path)}", quiet=quiet)
    message(
        f"next: edit {display_path(folder / 'scorecard.yaml')}, then run "
        f"crmselect validate {display_path(folder)}",
        quiet=quiet,
    )
