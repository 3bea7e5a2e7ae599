"""`crmselect report`: the committee report, HTML or Markdown by the output file's extension."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crmselect.cli import (
    DebugOption,
    OnlyOption,
    QuietOption,
    ScorecardArgument,
    SeedOption,
    SensitivityOption,
    SimulationsOption,
    VendorsOption,
    app,
    handle_errors,
    parse_only,
)
from crmselect.console import message

FORMATS = {".html": "html", ".htm": "html", ".md": "md"}


def report_format(output: Path) -> str:
    """``html`` or ``md`` from the output's extension; anything else is a usage error."""
    from crmselect.errors import UsageError

    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the report format from '{output.name}': name the file .html, .htm or .md"
        )
    return fmt


@app.command()
@handle_errors
def report(
    scorecard: ScorecardArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Report file: .html (or .htm) for HTML, .md for Markdown."
        ),
    ] = ...,  # type: ignore[assignment]
    simulations: SimulationsOption = 10_000,
    sensitivity: SensitivityOption = 10_000,
    seed: SeedOption = 42,
    only: OnlyOption = None,
    vendors: VendorsOption = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help="Folder with report.html and report.md.j2 to use instead of the bundled ones.",
        ),
    ] = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Render the committee report: decision, ranking, matrix, cost, uncertainty, risks."""
    from crmselect.cli import resolve_scorecard
    from crmselect.console import progress
    from crmselect.decision import decide
    from crmselect.errors import UsageError
    from crmselect.io.atomic import check_output_path, write_atomic
    from crmselect.io.loader import load_selection

    fmt = report_format(output)
    check_output_path(output)
    if template_dir is not None:
        name = "report.html" if fmt == "html" else "report.md.j2"
        if not (template_dir / name).is_file():
            raise UsageError(f"template folder '{template_dir}' has no {name}")
    path = resolve_scorecard(scorecard, quiet)
    if not path.is_file():
        raise UsageError(f"scorecard '{path}' does not exist")
    selection = load_selection(path, vendors)
    ids = parse_only(only)

    with progress(quiet) as bar:
        task = bar.add_task("Report", total=4)

        def step(name: str) -> None:
            bar.update(task, description=f"Report: {name}", advance=1)

        decision = decide(
            selection,
            seed=seed,
            simulations=simulations,
            draws=sensitivity,
            vendors=ids,
            on_progress=step,
        )
        bar.update(task, description="Report: render")
        if fmt == "html":
            from crmselect.render.report import render_html

            text = render_html(decision, template_dir)
        else:
            from crmselect.render.report import render_markdown

            text = render_markdown(decision, template_dir)
        bar.update(task, advance=1)
    write_atomic(output, text, inputs=selection.files)
    message(f"crmselect: report written to {output}", quiet=quiet)
