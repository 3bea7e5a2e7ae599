"""`crmselect scoresheet export|import`: evaluator score sheets, to the evaluator and back."""

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

scoresheet_app = typer.Typer(
    help="Evaluator score sheets: export one evaluator's sheet, import it back as scores.",
    no_args_is_help=True,
)
root.add_typer(scoresheet_app, name="scoresheet")


@scoresheet_app.command("export")
@handle_errors
def export(
    scorecard: ScorecardArgument = None,
    evaluator: Annotated[
        str, typer.Option("--evaluator", help="The evaluator's name, as in their scores file.")
    ] = ...,  # type: ignore[assignment]
    department: Annotated[
        str | None, typer.Option("--department", help="The evaluator's department.")
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The sheet to write (.xlsx).")
    ] = ...,  # type: ignore[assignment]
    vendors: VendorsOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write one evaluator's score sheet: requirements as rows, compared vendors as columns,
    a 0-5 dropdown per cell (halves allowed), a notes column per vendor and the scoring guide.
    Cells already scored in the evaluator's scores file are pre-filled."""
    from crmselect.models.selection import Selection
    from crmselect.workflow.scoresheet import evaluator_file, export_scoresheet

    def build(selection: Selection) -> bytes:
        existing = evaluator_file(selection, evaluator)
        given = department or (existing.department if existing else None)
        return export_scoresheet(selection, evaluator, given, existing)

    export_sheet(scorecard, vendors, output, quiet, build)


@scoresheet_app.command("import")
@handle_errors
def import_(
    sheet: Annotated[Path, typer.Argument(help="The returned score sheet (.xlsx).")],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The scores file to write or update (scores/NAME.yaml)."
        ),
    ] = ...,  # type: ignore[assignment]
    scorecard: ScorecardOption = None,
    vendors: VendorsOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Read a returned score sheet into a kind: scores file (written, or updated keeping its
    other vendors); notes are kept, empty cells stay unscored. Every problem is located as
    FILE.xlsx: SHEET!CELL: column: message, and nothing is written."""
    from crmselect.io.loader import load_file
    from crmselect.models.selection import Selection
    from crmselect.workflow.scoresheet import import_scoresheet, one_file_per_evaluator, scores_yaml

    def read(selection: Selection) -> tuple[str, tuple[str, ...]]:
        existing = load_file(output, "scores").model if output.is_file() else None
        result = import_scoresheet(sheet, selection, existing)
        one_file_per_evaluator(selection, result.model.evaluator, output)
        return scores_yaml(result.model, sheet.name), result.warnings

    import_sheet(sheet, output, scorecard, vendors, quiet, "scores", read, updates_input=True)
