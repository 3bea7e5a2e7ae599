"""Commands that work on the files themselves: validate and schema."""

from pathlib import Path
from typing import Annotated

import typer

from crmselect.cli import (
    DebugOption,
    QuietOption,
    VendorsOption,
    handle_errors,
    root,
    show_warnings,
)
from crmselect.console import message


@root.command()
@handle_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to check (default: the current folder)."),
    ] = None,
    vendors: VendorsOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Check scorecards, requirement files, vendor profiles and score files.

    Every problem is printed as file:line:col: key: message; exit 1 if any file is invalid.
    Folders are walked for YAML files with a top-level kind: key.
    """
    from crmselect.errors import InputError
    from crmselect.io.loader import validate_paths

    warnings: list[str] = []
    checked, problems = validate_paths(paths or [Path(".")], vendors, warnings)
    show_warnings(warnings, quiet=quiet)
    if problems:
        raise InputError(problems)
    message(f"{checked} file{'s' * (checked != 1)} checked, no problems", quiet=quiet)


@root.command()
@handle_errors
def schema(
    kind: Annotated[
        str,
        typer.Argument(help="scorecard, requirements, vendor, features, scores or rfi-response."),
    ],
    debug: DebugOption = False,
) -> None:
    """Print the JSON Schema of a file kind, for editors and CI."""
    from crmselect.errors import UsageError
    from crmselect.hints import did_you_mean
    from crmselect.io.atomic import write_result
    from crmselect.models import KINDS
    from crmselect.schemas import json_schema_text

    if kind not in KINDS:
        raise UsageError(
            f"unknown kind '{kind}'; one of {', '.join(KINDS)}{did_you_mean(kind, KINDS)}"
        )
    write_result(None, json_schema_text(kind))
