"""`crmselect score`: the needs–function matrix, gate, ranking and robustness."""

from enum import StrEnum
from typing import Annotated, assert_never

import typer

from crmselect.cli import (
    DebugOption,
    OnlyOption,
    OutputOption,
    QuietOption,
    ScorecardArgument,
    SeedOption,
    SensitivityOption,
    SimulationsOption,
    VendorsOption,
    handle_errors,
    parse_only,
    resolve_scorecard,
    root,
    show_warnings,
)
from crmselect.defaults import DRAWS, SEED, SIMULATIONS


class Fits(StrEnum):
    fixed = "fixed"
    evaluators = "evaluators"


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


@root.command()
@handle_errors
def score(
    scorecard: ScorecardArgument = None,
    fmt: Annotated[
        ScoreFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv or md (default: from the -o file's extension, else table).",
        ),
    ] = None,
    output: OutputOption = None,
    vendors: VendorsOption = None,
    only: OnlyOption = None,
    seed: SeedOption = SEED,
    sensitivity: SensitivityOption = DRAWS,
    simulations: SimulationsOption = SIMULATIONS,
    fits: Annotated[
        Fits | None,
        typer.Option(
            "--fits",
            help="Robustness draws the fits too (evaluators) or only the weights (fixed); "
            "default: the scorecard's robustness.fits.",
        ),
    ] = None,
    matrix: Annotated[
        bool, typer.Option("--matrix", help="Show the needs–function matrix (table, md).")
    ] = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Score vendors against the requirements and recommend one under the award rule: fit,
    must-haves, ranking, cost and the robustness of the choice."""
    from crmselect.decision import only_vendors, score_and_cost
    from crmselect.io.atomic import check_output_path, is_stdout, resolve_format, write_result
    from crmselect.io.loader import load_selection
    from crmselect.render import score as render

    fmt = resolve_format(output, fmt, ScoreFormat.table)
    if is_stdout(output):
        output = None
    path = resolve_scorecard(scorecard, quiet)
    ids = parse_only(only)
    selection = load_selection(path, vendors)
    if output is not None:
        check_output_path(output, selection.files)
    if ids is not None:
        selection = only_vendors(selection, ids)
    result, _ = score_and_cost(
        selection,
        seed=seed,
        simulations=simulations,
        draws=sensitivity,
        fits=fits.value if fits is not None else None,
        award_only=True,
    )

    if fmt is ScoreFormat.table and output is None:
        from crmselect.console import out

        out.print(render.score_renderable(result, matrix=matrix, warnings=False))
    else:
        match fmt:
            case ScoreFormat.table:
                text = render.render_table(result, matrix=matrix)
            case ScoreFormat.json:
                text = render.render_json(result)
            case ScoreFormat.csv:
                text = render.render_csv(result)
            case ScoreFormat.md:
                text = render.render_md(result, matrix=matrix)
            case _:
                assert_never(fmt)
        write_result(output, text, selection.files, quiet=quiet)
    show_warnings(result.warnings, quiet=quiet, listed=output is None and fmt is ScoreFormat.md)
