"""`crmselect tco`: the five-year cost model and its simulation (tco.md)."""

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
    SimulationsOption,
    VendorsOption,
    handle_errors,
    parse_only,
    resolve_scorecard,
    root,
    show_warnings,
)
from crmselect.defaults import SEED, SIMULATIONS


class TcoFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"


@root.command()
@handle_errors
def tco(
    scorecard: ScorecardArgument = None,
    format: Annotated[
        TcoFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table, json, csv, md or xlsx (default: from the -o file's extension, else table).",
        ),
    ] = None,
    output: OutputOption = None,
    years: Annotated[
        int | None, typer.Option("--years", min=1, max=30, help="Override the scenario's horizon.")
    ] = None,
    simulations: SimulationsOption = SIMULATIONS,
    seed: SeedOption = SEED,
    only: OnlyOption = None,
    detail: Annotated[
        bool,
        typer.Option("--detail", help="Also show every vendor's cost lines by year (table)."),
    ] = False,
    vendors: VendorsOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Simulate five years of cost per vendor: yearly cost lines, NPV, forced plan upgrades,
    the 5:3:2 budget check, P10/P50/P90 and P(cheapest) from a Monte Carlo run."""
    from crmselect.console import out, progress
    from crmselect.errors import UsageError
    from crmselect.io.atomic import check_output_path, is_stdout, resolve_format, write_result
    from crmselect.io.loader import load_selection
    from crmselect.render import tco as render
    from crmselect.tco import simulate_tco

    format = resolve_format(output, format, TcoFormat.table)
    if format is TcoFormat.xlsx and output is None:
        raise UsageError("--format xlsx writes a workbook: give -o FILE.xlsx (or -o - for stdout)")
    if is_stdout(output) and format is not TcoFormat.xlsx:
        output = None
    path = resolve_scorecard(scorecard, quiet)
    selection = load_selection(path, vendors)
    if output is not None:
        check_output_path(output, selection.files)
    ids = parse_only(only)

    with progress(quiet) as bar:
        task = bar.add_task("simulating", total=max(simulations, 1))

        def on_chunk(done: int, total: int) -> None:
            bar.update(task, completed=done)

        result = simulate_tco(
            selection,
            simulations=simulations,
            seed=seed,
            vendors=ids,
            years=years,
            on_chunk=on_chunk,
        )
    from crmselect.decision import attach_decision, only_vendors
    from crmselect.scoring import score as run_score

    scored = only_vendors(selection, ids) if ids is not None else selection
    scoring = run_score(scored, seed=seed, plans=result.plan_choices)
    _, result = attach_decision(scored, scoring, result)

    if format is TcoFormat.table and output is None:
        out.print(render.render_table(result, detail=detail, notes=False))
    else:
        data: str | bytes
        match format:
            case TcoFormat.table:
                import io

                from rich.console import Console

                console = Console(record=True, width=120, file=io.StringIO())
                console.print(render.render_table(result, detail=detail))
                data = console.export_text()
            case TcoFormat.json:
                data = render.render_json(result)
            case TcoFormat.csv:
                data = render.render_csv(result)
            case TcoFormat.md:
                data = render.render_md(result)
            case TcoFormat.xlsx:
                from crmselect.render.xlsx import render_xlsx

                data = render_xlsx(result, selection)
            case _:
                assert_never(format)
        write_result(output, data, selection.files, quiet=quiet)
    # The input's own warnings (a dropped vendor still named), as validate gives them, whatever
    # the format: the cost outputs list only their own.
    show_warnings(selection.warnings, quiet=quiet)
    show_warnings(result.warnings, quiet=quiet, listed=output is None and format is TcoFormat.md)
