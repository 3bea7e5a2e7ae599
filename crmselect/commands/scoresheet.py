"""`crmselect scoresheet export|import`: evaluator score sheets, to the evaluator and back."""

from pathlib import Path
from typing import Annotated

import typer

from crmselect.cli import (
    DebugOption,
    QuietOption,
    ScorecardArgument,
    VendorsOption,
    app,
    handle_errors,
)
from crmselect.console import message

scoresheet_app = typer.Typer(
    help="Evaluator score sheets: export one evaluator's sheet, import it back as scores.",
    no_args_is_help=True,
)
app.add_typer(scoresheet_app, name="scoresheet")

ScorecardOption = Annotated[
    Path | None,
    typer.Option(
        "--scorecard",
        help="The scorecard the sheet belongs to (default: ./scorecard.yaml).",
    ),
]


def scorecard_here(scorecard: Path | None) -> Path:
    """The scorecard given, else ./scorecard.yaml; importing needs the committee's own."""
    from crmselect.defaults import SCORECARD_FILE
    from crmselect.errors import UsageError

    path = scorecard or Path(SCORECARD_FILE)
    if not path.is_file():
        raise UsageError(
            f"no scorecard '{path}': run this in the selection's folder or give --scorecard"
        )
    return path


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
    from crmselect.cli import resolve_scorecard
    from crmselect.io.atomic import check_output_path, write_result
    from crmselect.io.loader import load_selection
    from crmselect.workflow.scoresheet import evaluator_file, export_scoresheet

    xlsx_name(output)
    selection = load_selection(resolve_scorecard(scorecard, quiet), vendors)
    check_output_path(output, selection.files)
    existing = evaluator_file(selection, evaluator)
    data = export_scoresheet(
        selection, evaluator, department or (existing.department if existing else None), existing
    )
    write_result(output, data, selection.files, quiet=quiet)


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
    from crmselect.io.atomic import check_output_path, write_result
    from crmselect.io.loader import display_path, load_file, load_selection, validate_document
    from crmselect.io.yamlsafe import load_yaml_text
    from crmselect.workflow.scoresheet import import_scoresheet, scores_yaml

    selection = load_selection(scorecard_here(scorecard), vendors)
    check_output_path(output, [sheet, selection.path])
    existing = load_file(output, "scores").model if output.is_file() else None
    result = import_scoresheet(sheet, selection, existing)
    text = scores_yaml(result.scores, sheet.name)
    validate_document(load_yaml_text(text, display_path(output)), "scores")
    for warning in result.warnings:
        message(f"warning: {warning}", quiet=quiet)
    write_result(output, text, [sheet], quiet=quiet)


def xlsx_name(output: Path) -> None:
    from crmselect.errors import UsageError

    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"name the sheet .xlsx, not '{output.name}'")
