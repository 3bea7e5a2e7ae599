"""`crmselect vendors list` and `crmselect vendors show ID`: browse the vendor library."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from crmselect.cli import DebugOption, VendorsOption, handle_errors, vendors_app


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[
    ViewFormat, typer.Option("--format", "-f", help="table (terminal) or json (stdout).")
]


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
    from crmselect._resources import find_vendors_dir
    from crmselect.console import out
    from crmselect.library import library_summary
    from crmselect.render.library import library_json, library_table

    summary = library_summary(find_vendors_dir(None, vendors))
    if format is ViewFormat.json:
        sys.stdout.write(library_json(summary))
    else:
        out.print(library_table(summary))


@vendors_app.command("show")
@handle_errors
def show_vendor(
    vendor_id: Annotated[str, typer.Argument(metavar="ID", help="A vendor id, such as zoho-crm.")],
    vendors: VendorsOption = None,
    format: FormatOption = ViewFormat.table,
    debug: DebugOption = False,
) -> None:
    """One profile: plans and prices, add-ons, contract, services, SLA, and the feature table."""
    from crmselect._resources import find_vendors_dir
    from crmselect.console import out
    from crmselect.library import vendor_detail
    from crmselect.render.library import vendor_json, vendor_view

    detail = vendor_detail(find_vendors_dir(None, vendors), vendor_id)
    if format is ViewFormat.json:
        sys.stdout.write(vendor_json(detail))
    else:
        out.print(vendor_view(detail))
