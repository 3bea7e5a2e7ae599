"""`crmselect diff`: what changed between two versions of a selection, and its effect."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, assert_never

import typer

from crmselect.cli import (
    DebugOption,
    OutputOption,
    QuietOption,
    SeedOption,
    VendorsOption,
    handle_errors,
    root,
)
from crmselect.defaults import SEED


class DiffFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"


def _default_scorecard() -> Path:
    """The scorecard of the current folder: ./scorecard.yaml, else the only
    scorecards/*/scorecard.yaml."""
    from crmselect.defaults import SCORECARD_FILE, scorecard_here
    from crmselect.errors import UsageError

    here = scorecard_here()
    if here is not None:
        return here
    found = sorted(Path("scorecards").glob(f"*/{SCORECARD_FILE}"))
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(str(p) for p in found)
        raise UsageError(f"several scorecards here ({names}); name the one to compare")
    raise UsageError("no scorecard.yaml here; name the scorecard to compare")


@root.command()
@handle_errors
def diff(
    old: Annotated[
        str | None,
        typer.Argument(
            help="The old version: a scorecard file or REV:path (path from the repository root)."
        ),
    ] = None,
    new: Annotated[
        str | None, typer.Argument(help="The new version: a scorecard file or REV:path.")
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            help="Compare the working tree's SCORECARD (the only argument) with this revision.",
        ),
    ] = None,
    format: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table, md (for a pull request) or json "
            "(default: from the -o file's extension, else table).",
        ),
    ] = None,
    output: OutputOption = None,
    seed: SeedOption = SEED,
    vendors: VendorsOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Show what changed between two versions of a selection: requirements, weights, vendor
    prices and plans, demo scores; and what that does to the ranking, qualification, fit and
    deterministic TCO of every vendor.

    crmselect diff OLD NEW compares two scorecards, each a file or a git reference REV:path;
    crmselect diff --rev REV [SCORECARD] compares the working tree with a revision.
    """
    from crmselect.diff import diff_selections
    from crmselect.errors import UsageError
    from crmselect.gitrev import load_selection_at, load_selection_ref, working_path_at
    from crmselect.io.atomic import check_output_path, is_stdout, resolve_format, write_result
    from crmselect.io.loader import load_selection
    from crmselect.render.diff import diff_json, diff_markdown, diff_renderables, diff_text

    format = resolve_format(output, format, DiffFormat.table)
    if is_stdout(output):
        output = None
    if rev is not None:
        if new is not None:
            raise UsageError("with --rev give at most one scorecard (the working-tree file)")
        card = Path(old) if old is not None else _default_scorecard()
        if not card.is_file():
            raise UsageError(f"no such file: {card}")
        ref = working_path_at(rev, card)
        old_selection, old_label = load_selection_at(ref, vendors), str(ref)
        new_selection, new_label = load_selection(card, vendors), str(card)
    else:
        if old is None or new is None:
            raise UsageError("give OLD and NEW (files or REV:path), or --rev REV [SCORECARD]")
        old_selection, old_label = load_selection_ref(old, vendors)
        new_selection, new_label = load_selection_ref(new, vendors)

    inputs = [*old_selection.files, *new_selection.files]
    if output is not None:
        check_output_path(output, inputs)
    result = diff_selections(
        old_selection, new_selection, seed=seed, old_label=old_label, new_label=new_label
    )
    match format:
        case DiffFormat.json:
            text = diff_json(result)
        case DiffFormat.md:
            text = diff_markdown(result)
        case DiffFormat.table if output is not None:
            text = diff_text(result)
        case DiffFormat.table:
            from crmselect.console import out

            for item in diff_renderables(result):
                out.print(item)
            return
        case _:
            assert_never(format)
    write_result(output, text, inputs, quiet=quiet)
