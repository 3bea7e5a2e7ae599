"""`crmselect report`: the committee report, HTML or Markdown by the output file's extension."""

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
from crmselect.defaults import DRAWS, SEED, SIMULATIONS

FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".pdf": "pdf"}


def report_format(output: Path, given: str | None = None) -> str:
    """``html``, ``md`` or ``pdf``: ``given``, else from the output's extension (``-o -`` is
    HTML on standard output); a name that says another format is a usage error."""
    from crmselect.errors import UsageError
    from crmselect.io.atomic import check_format, is_stdout

    if given is not None:
        if given not in FORMATS.values():
            raise UsageError(f"unknown format '{given}'; one of html, md or pdf")
        check_format(output, given)
        return given
    if is_stdout(output):
        return "html"
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the report format from '{output.name}': name the file .html, .htm, "
            ".md or .pdf"
        )
    return fmt


@app.command()
@handle_errors
def report(
    scorecard: ScorecardArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Report file: .html (or .htm) for HTML, .md for Markdown, .pdf for PDF; "
            "- for standard output.",
        ),
    ] = ...,  # type: ignore[assignment]
    fmt: Annotated[
        str | None,
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
    from crmselect.io.atomic import check_output_path, is_stdout, write_output
    from crmselect.io.loader import load_selection

    fmt = report_format(output, fmt)
    if fmt == "pdf":
        from crmselect.render.pdf import require_weasyprint

        require_weasyprint()
    check_output_path(output)
    if template_dir is not None:
        name = "report.md.j2" if fmt == "md" else "report.html"
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
        if fmt == "html":
            from crmselect.render.report import render_html

            text = render_html(decision, template_dir)
        elif fmt == "pdf":
            from crmselect.render.pdf import render_pdf

            text = render_pdf(decision, template_dir)
        else:
            from crmselect.render.report import render_markdown

            text = render_markdown(decision, template_dir)
        bar.update(task, advance=1)
    write_output(output, text, inputs=selection.files)
    if not is_stdout(output):
        message(f"crmselect: report written to {output}", quiet=quiet)
