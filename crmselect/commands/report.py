"""`crmselect report`: the committee report, HTML or Markdown by the output file's extension."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, assert_never

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
    handle_errors,
    parse_only,
    root,
    show_warnings,
)
from crmselect.defaults import DRAWS, SEED, SIMULATIONS


class ReportFormat(StrEnum):
    html = "html"
    md = "md"
    pdf = "pdf"


@root.command()
@handle_errors
def report(
    scorecard: ScorecardArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Report file: .html (or .htm) for HTML, .md (or .markdown) for Markdown, "
            ".pdf for PDF; - for standard output.",
        ),
    ] = ...,  # type: ignore[assignment]
    fmt: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="html, md or pdf (default: from the file's name)."),
    ] = None,
    simulations: SimulationsOption = SIMULATIONS,
    sensitivity: SensitivityOption = DRAWS,
    seed: SeedOption = SEED,
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
    from crmselect.io.atomic import check_output_path, is_stdout, resolve_format, write_result
    from crmselect.io.loader import load_selection

    # -o - is HTML on standard output; a file's name must say html, md or pdf
    fmt = resolve_format(output, fmt, ReportFormat.html, must_name="report")
    if fmt is ReportFormat.pdf:
        from crmselect.render.pdf import require_weasyprint

        require_weasyprint()
    check_output_path(output)
    if template_dir is not None:
        name = "report.md.j2" if fmt is ReportFormat.md else "report.html"
        if not (template_dir / name).is_file():
            raise UsageError(f"template folder '{template_dir}' has no {name}")
    path = resolve_scorecard(scorecard, quiet)
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
        text: str | bytes
        match fmt:
            case ReportFormat.html:
                from crmselect.render.report import render_html

                text = render_html(decision, template_dir)
            case ReportFormat.pdf:
                from crmselect.render.pdf import render_pdf

                text = render_pdf(decision, template_dir)
            case ReportFormat.md:
                from crmselect.render.report import render_markdown

                text = render_markdown(decision, template_dir)
            case _:
                assert_never(fmt)
        bar.update(task, advance=1)
    write_result(output, text, selection.files, quiet=quiet)
    warnings = [*decision.score.warnings, *decision.tco.warnings]
    show_warnings(warnings, quiet=quiet, listed=output is None or is_stdout(output))
