"""`crmselect rfi export|import`: RFI questionnaires, to a vendor and back."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from crmselect.cli import (
    DebugOption,
    QuietOption,
    ScorecardArgument,
    VendorsOption,
    handle_errors,
    root,
)
from crmselect.commands.sheets import ScorecardOption, export_sheet, import_sheet

rfi_app = typer.Typer(
    help="RFI questionnaires: export one for a vendor, import the returned one as a response.",
    no_args_is_help=True,
)
root.add_typer(rfi_app, name="rfi")


@rfi_app.command("export")
@handle_errors
def export(
    scorecard: ScorecardArgument = None,
    vendor: Annotated[
        str,
        typer.Option("--vendor", help="A compared vendor's id, or new for a blank questionnaire."),
    ] = ...,  # type: ignore[assignment]
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The questionnaire to write (.xlsx).")
    ] = ...,  # type: ignore[assignment]
    vendors: VendorsOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write the RFI questionnaire for one vendor: instructions (and the rfi_due deadline),
    the requirements with support, plan and price columns (the library's claims pre-filled),
    the pricing sheet and the company sheet, each with dropdowns and locked headers."""
    from crmselect.workflow.rfi import export_rfi

    export_sheet(scorecard, vendors, output, quiet, lambda selection: export_rfi(selection, vendor))


@rfi_app.command("import")
@handle_errors
def import_(
    sheet: Annotated[Path, typer.Argument(help="The returned questionnaire (.xlsx).")],
    vendor: Annotated[
        str, typer.Option("--vendor", help="The vendor id the answers are for.")
    ] = ...,  # type: ignore[assignment]
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The response file to write (responses/ID.yaml).")
    ] = ...,  # type: ignore[assignment]
    received: Annotated[
        str | None,
        typer.Option(
            "--received", help="The date the answers arrived, YYYY-MM-DD (default: today)."
        ),
    ] = None,
    scorecard: ScorecardOption = None,
    vendors: VendorsOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Read a returned questionnaire into a kind: rfi-response file. Rows the vendor left
    empty stay unknown. Every problem is located as FILE.xlsx: SHEET!CELL: column: message,
    and nothing is written."""
    from crmselect.dates import generation_time
    from crmselect.errors import UsageError
    from crmselect.models.common import _name
    from crmselect.models.selection import Selection
    from crmselect.workflow.rfi import import_rfi, response_yaml

    try:
        _name(vendor)
    except ValueError as exc:
        raise UsageError(f"--vendor '{vendor}' {exc}") from None
    if received is None:
        day = generation_time().date()
    else:
        try:
            day = dt.date.fromisoformat(received)
        except ValueError:
            raise UsageError(f"--received '{received}' is not a date written YYYY-MM-DD") from None

    def read(selection: Selection) -> tuple[str, tuple[str, ...]]:
        result = import_rfi(sheet, selection, vendor, day)
        return response_yaml(result.model, sheet.name), result.warnings

    import_sheet(sheet, output, scorecard, vendors, quiet, "rfi-response", read)
