"""RFI questionnaires (workflow.md §1): the requirement list as a workbook a vendor fills in,
read back into a ``kind: rfi-response`` file.

Sheets: ``Instructions`` (who asks, the deadline, the support levels, the respondent),
``Requirements`` (one row per requirement; the vendor's columns have dropdowns; the library's
claim is pre-filled and marked in ``library_claim``), ``Pricing`` (one row per plan) and
``Company`` (certifications, residency, SLA, export, API). Rows the vendor leaves empty stay
unknown, never "none".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmselect.io.locate import did_you_mean
from crmselect.models.common import Uncertain, point_value
from crmselect.models.selection import Selection
from crmselect.models.vendor import Vendor
from crmselect.models.workflow import RfiResponse, region_code
from crmselect.workflow.sheets import (
    Imported,
    SheetReader,
    decimal_range,
    dropdown,
    file_text,
    finish,
    fit_widths,
    header_row,
    instructions,
    new_workbook,
    plain,
    protect,
    unlock,
    workbook_bytes,
)
from crmselect.workflow.shortlist import Shortlist

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LEVELS = ["native", "addon", "partner", "custom", "roadmap", "none"]
LEVEL_MEANING = {
    "native": "included in the plan named, at its price",
    "addon": "bought as an add-on (give its price per seat and month)",
    "partner": "a third-party product from your marketplace",
    "custom": "must be built (give the one-off cost)",
    "roadmap": "promised, not shipped (give the date in the comment)",
    "none": "not available",
}
NEW = "new"

REQ_SHEET, PRICE_SHEET, COMPANY_SHEET, INFO_SHEET = (
    "Requirements",
    "Pricing",
    "Company",
    "Instructions",
)
REQ_FIXED = ["id", "category", "priority", "title", "description", "feature"]
REQ_ANSWER = [
    "support",
    "plan",
    "addon_price_per_seat_month",
    "one_off_cost",
    "evidence",
    "comment",
]
REQ_HEADERS = [*REQ_FIXED, *REQ_ANSWER, "library_claim"]
PRICE_HEADERS = [
    "plan",
    "per_seat_month",
    "per_seat_year",
    "currency",
    "min_seats",
    "max_seats",
    "onboarding_fee",
    "annual_uplift",
    "uplift_cap",
    "first_year_discount",
    "notes",
]
COMPANY_ROWS = [
    ("name", "Company or product name"),
    ("certifications", "Held today, comma-separated: ISO27001, SOC2, MLPS3, ..."),
    (
        "data_residency",
        "Every region customer data can be kept in, as codes, comma-separated: EU, UK, US, CN",
    ),
    ("sla_availability", "Contracted availability, as a share: 0.999 for 99.9%"),
    ("sla_response_hours", "Contracted first-response time for a severe incident, in hours"),
    ("data_export", "full, partial or none: can we take all our data out, in bulk?"),
    ("rest_api", "yes or no"),
    ("api_calls_per_day", "API calls per day included for our size"),
]
COMPANY_HEADERS = ["item", "answer", "how to answer"]
REQ_HEADER_ROW = 6
PRICE_HEADER_ROW = 5
COMPANY_HEADER_ROW = 5
INFO_RESPONDENT_ROW = 8
PRICE_ROWS = 8
"""Pricing rows offered beyond the library's plans."""


def _vendor_or_none(selection: Selection, vendor_id: str) -> Vendor | None:
    if vendor_id == NEW:
        return None
    from crmselect.errors import UsageError

    if vendor_id in selection.vendors:
        return selection.vendors[vendor_id]
    raise UsageError(
        f"'{vendor_id}' is not a compared vendor{did_you_mean(vendor_id, selection.vendors)}; "
        f"list it under vendors: first, or use --vendor new for a blank questionnaire"
    )


def export_rfi(selection: Selection, vendor_id: str) -> bytes:
    """The questionnaire for ``vendor_id`` (or a blank one for ``new``) as xlsx bytes."""
    from crmselect.scoring.plans import choose_plans

    vendor = _vendor_or_none(selection, vendor_id)
    card = selection.scorecard
    wb, info = new_workbook(INFO_SHEET)
    asker = card.organisation.name if card.organisation else card.title
    who = vendor.name if vendor else "the vendor"
    lines = [
        f"Request for information: {card.title}",
        f"From {asker}, to {who}. Please answer by {card.rfi_due}."
        if card.rfi_due
        else f"From {asker}, to {who}.",
        "How to answer: fill the shaded cells of the Requirements, Pricing and Company sheets; "
        "leave a row empty when you cannot say (empty is read as unknown, never as none).",
        "Where a row is pre-filled from our vendor library (library_claim), confirm it or "
        "correct it; evidence is a URL or a document reference.",
        "Do not rename, move or delete columns or sheets, merge cells or type formulas: the "
        "file is read back automatically and such changes are refused.",
        "Support levels:",
    ]
    lines += [f"    {level}: {LEVEL_MEANING[level]}" for level in LEVELS]
    row = instructions(info, lines, 4)
    info.cell(row=row, column=1, value="vendor")
    info.cell(row=row, column=2, value=vendor_id)
    info.cell(row=row + 1, column=1, value="respondent")
    unlock([info.cell(row=row + 1, column=2)])
    fit_widths(info, {1: 14, 2: 40})
    info.freeze_panes = None

    # Requirements ------------------------------------------------------------------------
    ws = wb.create_sheet(REQ_SHEET)
    head = [
        f"Requirements: {card.title}",
        "Choose a support level for each requirement, the plan it holds for, and give prices "
        "where it costs extra, in the currency of the Pricing sheet: addon_price_per_seat_month "
        "for an add-on, one_off_cost for a one-time fee (building a custom feature, setting up "
        "a connector).",
        "library_claim: what our library says today (pre-filled in support and plan).",
    ]
    instructions(ws, head, len(REQ_HEADERS))
    header_row(ws, REQ_HEADER_ROW, REQ_HEADERS)
    titles = {k: f.title for k, f in selection.features.features.items()}
    # The plan the vendor is scored and costed on, chosen by the one rule (choose_plans): the
    # questionnaire pre-fills the claims of that plan.
    choice = choose_plans(selection, [vendor.id])[vendor.id] if vendor is not None else None
    reqs = list(selection.requirements)
    levels = (
        vendor.support_levels(choice.plan, [r.feature for r in reqs])
        if vendor is not None and choice is not None
        else []
    )
    for offset, req in enumerate(reqs):
        r = REQ_HEADER_ROW + 1 + offset
        fixed = [
            req.id,
            req.category,
            req.priority,
            req.title,
            req.notes or titles.get(req.feature, ""),
            req.feature,
        ]
        for col, text in enumerate(fixed, start=1):
            ws.cell(row=r, column=col, value=text)
        if vendor is not None and choice is not None and levels[offset] != "unknown":
            ws.cell(row=r, column=7, value=levels[offset])
            ws.cell(row=r, column=8, value=choice.plan)
            claim = f"{levels[offset]} on {choice.plan} (library, prices {vendor.prices_as_of})"
        else:
            claim = "not stated in our library" if vendor is not None else ""
        ws.cell(row=r, column=len(REQ_HEADERS), value=claim)
        unlock(ws.cell(row=r, column=c) for c in range(7, 7 + len(REQ_ANSWER)))
    last = REQ_HEADER_ROW + max(len(reqs), 1)
    first = REQ_HEADER_ROW + 1
    dropdown(
        ws,
        LEVELS,
        f"G{first}:G{last}",
        "native, addon, partner, custom, roadmap or none; empty: cannot say",
        "Choose one of: " + ", ".join(LEVELS),
    )
    if vendor is not None:
        plans = [p.name for p in vendor.plans]
        dropdown(ws, plans, f"H{first}:H{last}", "A plan of the Pricing sheet", "Choose a plan")
    for letter in ("I", "J"):
        decimal_range(ws, f"{letter}{first}:{letter}{last}", 0, 1e9, "A non-negative amount")
    ws.freeze_panes = f"G{first}"
    finish(
        ws,
        {
            1: 8,
            2: 14,
            3: 8,
            4: 34,
            5: 36,
            6: 20,
            7: 10,
            8: 14,
            9: 14,
            10: 12,
            11: 30,
            12: 30,
            13: 36,
        },
    )

    # Pricing -----------------------------------------------------------------------------
    ps = wb.create_sheet(PRICE_SHEET)
    instructions(
        ps,
        [
            "Pricing: one row per plan, cheapest first.",
            "Give per_seat_month or per_seat_year (list price, billed annually), the currency "
            "(ISO code: USD, EUR, GBP, CNY), seat limits and fees. Shares: 0.05 for 5%.",
            "annual_uplift: yearly list-price rise at renewal; uplift_cap: the contractual cap.",
        ],
        len(PRICE_HEADERS),
    )
    header_row(ps, PRICE_HEADER_ROW, PRICE_HEADERS)
    plans_in = list(vendor.plans) if vendor is not None else []
    rows = len(plans_in) + PRICE_ROWS
    for offset in range(rows):
        r = PRICE_HEADER_ROW + 1 + offset
        if offset < len(plans_in):
            plan = plans_in[offset]
            assert vendor is not None
            contract = vendor.contract
            values: list[str | float | None] = [
                plan.name,
                plan.per_seat_month,
                None,
                vendor.currency,
                plan.min_seats,
                plan.max_seats,
                plan.onboarding_fee,
                _point(contract.annual_uplift),
                contract.uplift_cap,
                contract.first_year_discount,
                plan.notes,
            ]
            for col, value in enumerate(values, start=1):
                ps.cell(row=r, column=col, value=value)
        unlock(ps.cell(row=r, column=c) for c in range(1, len(PRICE_HEADERS) + 1))
    pfirst, plast = PRICE_HEADER_ROW + 1, PRICE_HEADER_ROW + rows
    for letter in ("B", "C", "G"):
        decimal_range(ps, f"{letter}{pfirst}:{letter}{plast}", 0, 1e9, "A non-negative amount")
    for letter in ("E", "F"):
        decimal_range(ps, f"{letter}{pfirst}:{letter}{plast}", 1, 10_000_000, "A seat count")
    decimal_range(ps, f"H{pfirst}:H{plast}", -0.5, 1, "A share: 0.05 for 5%")
    for letter in ("I", "J"):
        decimal_range(ps, f"{letter}{pfirst}:{letter}{plast}", 0, 1, "A share: 0.05 for 5%")
    ps.freeze_panes = ps.cell(row=pfirst, column=2)
    finish(ps, {1: 18, 2: 14, 3: 14, 4: 9, 5: 10, 6: 10, 7: 14, 8: 13, 9: 11, 10: 18, 11: 40})

    # Company -----------------------------------------------------------------------------
    cs = wb.create_sheet(COMPANY_SHEET)
    instructions(
        cs,
        ["Company: what you offer every customer.", "Answer in column B; leave empty if unsure."],
        3,
    )
    header_row(cs, COMPANY_HEADER_ROW, COMPANY_HEADERS)
    known = _company_values(vendor)
    for offset, (item, hint) in enumerate(COMPANY_ROWS):
        r = COMPANY_HEADER_ROW + 1 + offset
        cs.cell(row=r, column=1, value=item)
        cs.cell(row=r, column=2, value=known.get(item))
        cs.cell(row=r, column=3, value=hint)
        unlock([cs.cell(row=r, column=2)])
        if item == "data_export":
            dropdown(cs, ["full", "partial", "none"], f"B{r}", hint, "full, partial or none")
        elif item == "rest_api":
            dropdown(cs, ["yes", "no"], f"B{r}", hint, "yes or no")
        elif item == "sla_availability":
            decimal_range(cs, f"B{r}", 0, 1, "A share: 0.999 for 99.9%")
        elif item in ("sla_response_hours", "api_calls_per_day"):
            decimal_range(cs, f"B{r}", 0, 1e10, "A non-negative number")
    cs.freeze_panes = cs.cell(row=COMPANY_HEADER_ROW + 1, column=2)
    finish(cs, {1: 20, 2: 36, 3: 70})
    protect(info)
    return workbook_bytes(wb)


def _point(value: Uncertain | None) -> float | None:
    """A range's deterministic value (or a number itself), for pre-filling a single cell."""
    return None if value is None else point_value(value)


def _company_values(vendor: Vendor | None) -> dict[str, str | float | None]:
    if vendor is None:
        return {}
    values: dict[str, str | float | None] = {
        "name": vendor.name,
        "certifications": ", ".join(vendor.certifications) or None,
        "sla_availability": vendor.sla.availability,
        "sla_response_hours": vendor.sla.response_hours,
        "data_export": vendor.integrations.data_export,
        "rest_api": None
        if vendor.integrations.rest_api is None
        else ("yes" if vendor.integrations.rest_api else "no"),
        "api_calls_per_day": vendor.limits.api_calls_per_day,
    }
    return values


# ---------------------------------------------------------------------------------------------
# Import


def _find_row(ws: Worksheet, value: str, column: int = 1) -> int | None:
    for row in range(1, min(ws.max_row, 60) + 1):
        if ws.cell(row=row, column=column).value == value:
            return row
    return None


def import_rfi(
    path: Path, selection: Selection, vendor_id: str, received: dt.date
) -> Imported[RfiResponse]:
    """Read a returned questionnaire; raise :class:`InputError` with every problem located as
    ``FILE.xlsx: SHEET!CELL: column: message``."""
    reader = SheetReader(path)
    wb = reader.open([INFO_SHEET, REQ_SHEET, PRICE_SHEET, COMPANY_SHEET])
    req_ws, price_ws, company_ws, info_ws = (
        wb[REQ_SHEET],
        wb[PRICE_SHEET],
        wb[COMPANY_SHEET],
        wb[INFO_SHEET],
    )
    reader.check_merged(req_ws, REQ_HEADER_ROW)
    reader.check_merged(price_ws, PRICE_HEADER_ROW)
    reader.check_merged(company_ws, COMPANY_HEADER_ROW)
    reader.check_header(req_ws, REQ_HEADER_ROW, REQ_HEADERS)
    reader.check_header(price_ws, PRICE_HEADER_ROW, PRICE_HEADERS)
    reader.check_header(company_ws, COMPANY_HEADER_ROW, COMPANY_HEADERS)
    reader.stop_on_problems()

    respondent = None
    row = _find_row(info_ws, "respondent")
    if row is not None:
        respondent = reader.text(info_ws, info_ws.cell(row=row, column=2), "respondent")

    # Pricing first: answers may name its plans.
    library = selection.vendors.get(vendor_id)
    pricing: list[dict[str, Any]] = []
    seen_plans: dict[str, str] = {}
    currencies: set[str] = set()
    for r in range(PRICE_HEADER_ROW + 1, price_ws.max_row + 1):
        cells = {name: price_ws.cell(row=r, column=c) for c, name in enumerate(PRICE_HEADERS, 1)}
        name = reader.text(price_ws, cells["plan"], "plan")
        filled = any(cell.value not in (None, "") for key, cell in cells.items() if key != "plan")
        if name is None:
            if filled:
                reader.problem(
                    PRICE_SHEET,
                    cells["plan"].coordinate,
                    "plan",
                    "a priced row without a plan name",
                )
            continue
        if not reader.first_time(
            seen_plans, name, f"plan '{name}'", PRICE_SHEET, cells["plan"].coordinate, "plan"
        ):
            continue
        plan: dict[str, Any] = {"name": name}
        for key in ("per_seat_month", "per_seat_year", "onboarding_fee"):
            value = reader.number(price_ws, cells[key], key, low=0, high=1e9, what="an amount")
            if value is not None:
                plan[key] = plain(value)
        for key in ("min_seats", "max_seats"):
            value = reader.number(
                price_ws, cells[key], key, low=1, high=10_000_000, decimals=0, what="a seat count"
            )
            if value is not None:
                plan[key] = int(value)
        value = reader.number(
            price_ws, cells["annual_uplift"], "annual_uplift", low=-0.5, high=1, what="a share"
        )
        if value is not None:
            plan["annual_uplift"] = plain(value)
        for key in ("uplift_cap", "first_year_discount"):
            value = reader.number(
                price_ws, cells[key], key, low=0, high=1, what="a share (0.05 for 5%)"
            )
            if value is not None:
                plan[key] = plain(value)
        currency = reader.text(price_ws, cells["currency"], "currency")
        if currency is not None:
            currency = currency.upper()
            if len(currency) != 3 or not currency.isalpha():
                reader.problem(
                    PRICE_SHEET,
                    cells["currency"].coordinate,
                    "currency",
                    f"'{currency}' is not an ISO 4217 code such as USD, EUR, GBP or CNY",
                )
            else:
                plan["currency"] = currency
                currencies.add(currency)
        notes = reader.text(price_ws, cells["notes"], "notes")
        if notes:
            plan["notes"] = notes
        if "per_seat_month" in plan and "per_seat_year" in plan:
            reader.problem(
                PRICE_SHEET,
                cells["per_seat_year"].coordinate,
                "per_seat_year",
                "give per_seat_month or per_seat_year, not both",
            )
        elif ("per_seat_month" in plan or "per_seat_year" in plan) and "currency" not in plan:
            reader.problem(
                PRICE_SHEET, cells["currency"].coordinate, "currency", "give the price's currency"
            )
        pricing.append(plan)
    if len(currencies) > 1:
        reader.problem(
            PRICE_SHEET,
            f"D{PRICE_HEADER_ROW + 1}",
            "currency",
            f"one currency for all plans, please (found {', '.join(sorted(currencies))})",
        )

    # Answers.
    plan_names = list(seen_plans) + [
        p.name for p in (library.plans if library else []) if p.name not in seen_plans
    ]
    shortlist = Shortlist.of(selection.scorecard, [r.id for r in selection.requirements])
    answers: dict[str, dict[str, Any]] = {}
    seen_ids: dict[str, str] = {}
    for r in range(REQ_HEADER_ROW + 1, req_ws.max_row + 1):
        cells = {name: req_ws.cell(row=r, column=c) for c, name in enumerate(REQ_HEADERS, 1)}
        rid = reader.text(req_ws, cells["id"], "id")
        answered = any(cells[key].value not in (None, "") for key in REQ_ANSWER)
        if rid is None:
            if answered:
                reader.problem(
                    REQ_SHEET, cells["id"].coordinate, "id", "an answer without a requirement id"
                )
            continue
        where = cells["id"].coordinate
        if not reader.first_time(seen_ids, rid, f"requirement '{rid}'", REQ_SHEET, where, "id"):
            continue
        verdict = shortlist.requirement_verdict(rid, "RFI answers")
        if not reader.admits(verdict, REQ_SHEET, where, "id", warn=answered):
            continue
        support = reader.choice(req_ws, cells["support"], "support", LEVELS)
        plan_name = reader.text(req_ws, cells["plan"], "plan")
        answer: dict[str, Any] = {}
        if plan_name is not None:
            if plan_name not in plan_names:
                shown = ", ".join(plan_names) or "none yet"
                reader.problem(
                    REQ_SHEET,
                    cells["plan"].coordinate,
                    "plan",
                    f"plan '{plan_name}' is not on the Pricing sheet{did_you_mean(plan_name, plan_names)} "
                    f"(plans: {shown})",
                )
            answer["plan"] = plan_name
        for key in ("addon_price_per_seat_month", "one_off_cost"):
            value = reader.number(req_ws, cells[key], key, low=0, high=1e9, what="an amount")
            if value is not None:
                answer[key] = plain(value)
        for key in ("evidence", "comment"):
            text = reader.text(req_ws, cells[key], key)
            if text:
                answer[key] = text
        if support is None:
            if answer and cells["support"].value in (None, ""):
                reader.problem(
                    REQ_SHEET,
                    cells["support"].coordinate,
                    "support",
                    "choose a support level (the row has other answers), or clear the row",
                )
            continue
        answer["support"] = support
        answers[rid] = answer

    company: dict[str, Any] = {}
    for offset, (item, _) in enumerate(COMPANY_ROWS):
        r = COMPANY_HEADER_ROW + 1 + offset
        label = company_ws.cell(row=r, column=1).value
        cell = company_ws.cell(row=r, column=2)
        if label != item:
            reader.problem(
                COMPANY_SHEET, f"A{r}", "item", f"expected the row '{item}' here (rows moved?)"
            )
            continue
        found: str | float | int | bool | list[str] | None
        if item in ("name",):
            found = reader.text(company_ws, cell, item)
        elif item in ("certifications", "data_residency"):
            text = reader.text(company_ws, cell, item)
            found = (
                [x.strip() for x in text.replace(";", ",").split(",") if x.strip()]
                if text
                else None
            )
            if item == "data_residency" and found:
                try:
                    found = [region_code(x) for x in found]
                except ValueError as exc:
                    reader.problem(COMPANY_SHEET, cell.coordinate, item, str(exc))
                    found = None
        elif item == "sla_availability":
            found = reader.number(company_ws, cell, item, low=0, high=1, what="a share (0.999)")
        elif item == "sla_response_hours":
            found = reader.number(company_ws, cell, item, low=0, high=10_000, what="hours")
        elif item == "api_calls_per_day":
            number = reader.number(
                company_ws, cell, item, low=0, high=1e10, decimals=0, what="a count"
            )
            found = int(number) if number is not None else None
        elif item == "data_export":
            found = reader.choice(company_ws, cell, item, ["full", "partial", "none"])
        else:
            answer_text = reader.choice(company_ws, cell, item, ["yes", "no"])
            found = None if answer_text is None else answer_text == "yes"
        if found is not None:
            company[item] = plain(found) if isinstance(found, float) else found
    reader.stop_on_problems()

    data: dict[str, Any] = {
        "kind": "rfi-response",
        "vendor": vendor_id,
        "received": received.isoformat(),
    }
    if respondent:
        data["respondent"] = respondent
    data["answers"] = answers
    if pricing:
        data["pricing"] = pricing
    if company:
        data["company"] = company
    return reader.imported(RfiResponse, data)


def response_yaml(response: RfiResponse, source: str) -> str:
    """The response file's text: a schema line, where it came from, then the data."""
    comment = [
        f"Written by crmselect rfi import from {source}. Requirements left out were not",
        "answered: they stay unknown (or the library's claim), never none.",
    ]
    return file_text(response, comment, flow=False)
