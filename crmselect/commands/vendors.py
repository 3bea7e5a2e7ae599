"""`crmselect vendors list|show|copy|new|check`: browse the vendor library and keep the
committee's own profiles beside it."""

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, assert_never

import typer

from crmselect.cli import DebugOption, QuietOption, VendorsOption, handle_errors, vendors_app
from crmselect.defaults import LIBRARY_FOLDER, scorecard_here


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[
    ViewFormat, typer.Option("--format", "-f", help="table (terminal) or json (stdout).")
]


def _show(format: ViewFormat, as_json: Callable[[], str], as_table: Callable[[], Any]) -> None:
    """JSON on standard output alone, or the terminal view."""
    match format:
        case ViewFormat.json:
            from crmselect.io.atomic import write_result

            write_result(None, as_json())
        case ViewFormat.table:
            from crmselect.console import out

            out.print(as_table())
        case _:
            assert_never(format)


@vendors_app.command("list")
@handle_errors
def list_vendors(
    vendors: VendorsOption = None,
    format: FormatOption = ViewFormat.table,
    debug: DebugOption = False,
) -> None:
    """Every profile in the library: plans, price range per seat-month, and how old prices are.

    Ages count months to today, or to SOURCE_DATE_EPOCH when it is set.
    """
    from crmselect.library import library_summary
    from crmselect.render.library import library_json, library_table
    from crmselect.workflow.overlay import find_library

    summary = library_summary(find_library(scorecard_here(), vendors))
    _show(format, lambda: library_json(summary), lambda: library_table(summary))


@vendors_app.command("show")
@handle_errors
def show_vendor(
    vendor_id: Annotated[str, typer.Argument(metavar="ID", help="A vendor id, such as zoho-crm.")],
    vendors: VendorsOption = None,
    format: FormatOption = ViewFormat.table,
    debug: DebugOption = False,
) -> None:
    """One profile: plans and prices, add-ons, contract, services, SLA, and the feature table."""
    from crmselect.library import vendor_detail
    from crmselect.render.library import vendor_json, vendor_view
    from crmselect.workflow.overlay import find_library

    detail = vendor_detail(find_library(scorecard_here(), vendors), vendor_id)
    _show(format, lambda: vendor_json(detail), lambda: vendor_view(detail))


OutputDirOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Folder to write the profile into (default: vendors/ in the current folder).",
    ),
]


@vendors_app.command("copy")
@handle_errors
def copy_vendor(
    vendor_id: Annotated[str, typer.Argument(metavar="ID", help="A bundled vendor id.")],
    output: OutputDirOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Copy a bundled profile, comments and schema line included, into the selection's
    vendors/ folder, where it replaces the bundled one for this selection. Never overwrites."""
    from crmselect.console import message
    from crmselect.io.loader import display_path
    from crmselect.workflow.profiles import copy_profile

    written = copy_profile(vendor_id, output or Path(LIBRARY_FOLDER))
    message(
        f"wrote {display_path(written)}: the bundled profile, now the committee's to edit; "
        "it replaces the bundled one in selections beside it",
        quiet=quiet,
    )


@vendors_app.command("new")
@handle_errors
def new_vendor(
    vendor_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new vendor's id, such as acme-crm.")
    ],
    output: OutputDirOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Write a commented starter profile for a vendor the library lacks (fill in its name,
    currency, prices and feature table; validate tells what is still missing)."""
    from crmselect.console import message
    from crmselect.io.loader import display_path
    from crmselect.workflow.profiles import new_profile

    written = new_profile(vendor_id, output or Path(LIBRARY_FOLDER))
    message(f"wrote {display_path(written)}: fill it in, then run crmselect validate", quiet=quiet)


@vendors_app.command("check")
@handle_errors
def check_vendors(
    vendors: VendorsOption = None,
    format: FormatOption = ViewFormat.table,
    debug: DebugOption = False,
) -> None:
    """Per profile: price age in months, confidence, catalogue features known (not unknown), and
    what is stale (prices over 12 months old) or estimated. Informs only: exit 0 even when
    something is stale."""
    from crmselect.render.library import check_json, check_table
    from crmselect.workflow.overlay import find_library
    from crmselect.workflow.profiles import check_library

    report = check_library(find_library(scorecard_here(), vendors))
    _show(format, lambda: check_json(report), lambda: check_table(report))
