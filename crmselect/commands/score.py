"""`crmselect score`: the needs–function matrix, gate, ranking and robustness."""

import sys
from enum import StrEnum
from typing import Annotated

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
    app,
    handle_errors,
    parse_only,
    resolve_scorecard,
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


@app.command()
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
    from crmselect.console import message
    from crmselect.decision import only_vendors, score_and_cost
    from crmselect.io.atomic import (
        check_output_path,
        is_stdout,
        resolve_format,
        write_atomic,
    )
    from crmselect.io.loader import load_selection
    from crmselect.render.score import render_score, score_renderable

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

    if output is not None:
        write_atomic(output, render_score(result, fmt.value, matrix=matrix), selection.files)
        message(f"wrote {output}", quiet=quiet)
        return
    from crmselect.render.common import group_warnings

    if fmt is ScoreFormat.table:
        from crmselect.console import out

        out.print(score_renderable(result, matrix=matrix, warnings=False))
        for warning in group_warnings(result.warnings):
            message(f"warning: {warning}", quiet=quiet)
        return
    sys.stdout.write(render_score(result, fmt.value, matrix=matrix))
    sys.stdout.flush()
    if fmt is ScoreFormat.csv or fmt is ScoreFormat.json:
        for warning in group_warnings(result.warnings):
            message(f"warning: {warning}", quiet=quiet)
