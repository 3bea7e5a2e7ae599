"""What the spreadsheet commands (`rfi`, `scoresheet`) share: the ``--scorecard`` option of
an import, and the one way a sheet goes out and a returned one comes back in (arguments
checked and the output refused before any work, the file written atomically, ``wrote FILE``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from crmselect.models.selection import Selection

ScorecardOption = Annotated[
    Path | None,
    typer.Option(
        "--scorecard",
        help="The scorecard the sheet belongs to (default: ./scorecard.yaml).",
    ),
]


def export_sheet(
    scorecard: Path | None,
    vendors: Path | None,
    output: Path,
    quiet: bool,
    build: Callable[[Selection], bytes],
) -> None:
    """Write the workbook ``build`` makes from the selection to ``output`` (an .xlsx name),
    never over one of the selection's files."""
    from crmselect.cli import resolve_scorecard
    from crmselect.errors import UsageError
    from crmselect.io.atomic import check_output_path, write_result
    from crmselect.io.loader import load_selection

    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"name the sheet .xlsx, not '{output.name}'")
    selection = load_selection(resolve_scorecard(scorecard, quiet), vendors)
    check_output_path(output, selection.files)
    write_result(output, build(selection), selection.files, quiet=quiet)


def import_sheet(
    sheet: Path,
    output: Path,
    scorecard: Path | None,
    vendors: Path | None,
    quiet: bool,
    kind: str,
    read: Callable[[Selection], tuple[str, tuple[str, ...]]],
    *,
    updates_input: bool = False,
) -> None:
    """Write the file of ``kind`` that ``read`` makes of the returned ``sheet`` (its text and
    located warnings) to ``output``, after validating it as that kind: nothing is written when
    anything is wrong. The output is never the sheet or the scorecard; with ``updates_input``
    it may be another file of the selection that it replaces (a scores file brought up to
    date), else never one of the selection's files."""
    from crmselect.cli import show_warnings
    from crmselect.io.atomic import check_output_path, write_result
    from crmselect.io.loader import display_path, load_selection, validate_document
    from crmselect.io.yamlsafe import load_yaml_text

    selection = load_selection(_scorecard_here(scorecard), vendors)
    inputs = [sheet, selection.path] if updates_input else [sheet, *selection.files]
    check_output_path(output, inputs)
    text, warnings = read(selection)
    validate_document(load_yaml_text(text, display_path(output)), kind)
    write_result(output, text, inputs, quiet=quiet)
    show_warnings(warnings, quiet=quiet)


def _scorecard_here(scorecard: Path | None) -> Path:
    """The scorecard given, else ./scorecard.yaml; importing needs the committee's own."""
    from crmselect.defaults import SCORECARD_FILE
    from crmselect.errors import UsageError

    path = scorecard or Path(SCORECARD_FILE)
    if not path.is_file():
        raise UsageError(
            f"no scorecard '{path}': run this in the selection's folder or give --scorecard"
        )
    return path
