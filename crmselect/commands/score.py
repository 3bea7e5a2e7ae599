"""`crmselect score`: the needs–function matrix, gate, ranking and robustness."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from crmselect.cli import (
    DebugOption,
    QuietOption,
    VendorsOption,
    app,
    handle_errors,
    resolve_scorecard,
)


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


@app.command()
@handle_errors
def score(
    scorecard: Annotated[
        Path | None,
        typer.Argument(help="The scorecard (default: the bundled example).", show_default=False),
    ] = None,
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="table, json, csv or md.")
    ] = ScoreFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    vendors: VendorsOption = None,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Compare only these vendor ids, comma-separated."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the weight draws.")] = 42,
    sensitivity: Annotated[
        int,
        typer.Option("--sensitivity", min=1, max=10_000_000, help="Weight draws for P(first)."),
    ] = 10_000,
    matrix: Annotated[
        bool, typer.Option("--matrix", help="Show the needs–function matrix (table, md).")
    ] = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Score vendors against the requirements: fit, must-haves, ranking and its robustness."""
    from crmselect.console import message, out
    from crmselect.io.atomic import check_output_path, write_atomic
    from crmselect.io.loader import load_selection
    from crmselect.render.score import render_score, score_renderable
    from crmselect.scoring import score as compute

    path = resolve_scorecard(scorecard, quiet)
    ids = None
    if only is not None:
        ids = [part.strip() for part in only.split(",") if part.strip()]
    selection = load_selection(path, vendors)
    if output is not None:
        check_output_path(output, selection.files)
    result = compute(selection, seed=seed, draws=sensitivity, vendors=ids)

    if output is not None:
        write_atomic(output, render_score(result, fmt.value, matrix=matrix), selection.files)
        message(f"wrote {output}", quiet=quiet)
        return
    if fmt is ScoreFormat.table:
        out.print(score_renderable(result, matrix=matrix))
        return
    sys.stdout.write(render_score(result, fmt.value, matrix=matrix))
    sys.stdout.flush()
    if fmt is ScoreFormat.csv or fmt is ScoreFormat.json:
        for warning in result.warnings:
            message(f"warning: {warning}", quiet=quiet)
