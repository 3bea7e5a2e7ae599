"""A live workbook of the deterministic TCO: inputs as labelled cells, cost lines as formulas.

Sheets: ``Inputs`` (every scenario and vendor number at its point value), one sheet per vendor
whose yearly cost lines are formulas over ``Inputs`` (the users of each year follow seats.start
and seats.growth, the plan of each year follows the users and each plan's max_seats, as the
model's forced upgrades do, and each price is the year's plan's), ``Summary`` (totals, NPV and
the 5:3:2 check as formulas over the vendor sheets) and ``Simulation`` (percentiles as values). Finance can change an input and see the totals move. The bytes are
reproducible: fixed zip dates and document dates from the one clock, :func:`generation_time`
(``SOURCE_DATE_EPOCH`` when set, with the same error for a bad value as every command).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from typing import Any

from crmselect.dates import generation_time
from crmselect.models.common import Normal, Pert, Uncertain, Uniform, point_value
from crmselect.models.scorecard import SeatPlan
from crmselect.models.selection import Selection
from crmselect.tco.lines import LINES, SOFTWARE
from crmselect.tco.model import build_vendor_model, scenario_inputs
from crmselect.tco.result import TcoResult, VendorTco

_EPOCH_MIN = 315532800  # 1980-01-01, the earliest date a zip entry can hold


class _Inputs:
    """The Inputs sheet: appends labelled rows and remembers each value's absolute address."""

    def __init__(self, sheet: Any):
        self.sheet = sheet
        self.row = 1
        self.cells: dict[tuple[str, str], str] = {}
        sheet.append(["section", "item", "value", "note"])
        for col, width in zip("ABCD", (22, 44, 16, 50), strict=True):
            sheet.column_dimensions[col].width = width

    def add(
        self, section: str, item: str, value: float | str | None, note: str = "", text: bool = False
    ) -> str:
        """Append a row; ``text`` keeps a value from the input files (a name) from ever being
        read as a formula."""
        self.row += 1
        self.sheet.append([section, item, value, note])
        if text:
            self.sheet.cell(self.row, 3).data_type = "s"
        address = f"Inputs!$C${self.row}"
        self.cells[(section, item)] = address
        return address


def _point(value: Uncertain | None) -> float:
    return 0.0 if value is None else point_value(value)


def _note(value: Uncertain | None) -> str:
    """A distribution in words, with the value the workbook uses (never a Python repr)."""
    if value is None or isinstance(value, int | float):
        return ""
    if isinstance(value, Normal):
        return f"normal, mean {value.mean:g}, sd {value.sd:g}: the mean is used"
    if isinstance(value, Uniform):
        return f"uniform from {value.low:g} to {value.high:g}: the midpoint is used"
    kind = "PERT" if isinstance(value, Pert) else "triangular"
    return (
        f"{kind} range {value.low:g} to {value.high:g}, most likely {value.mode:g}: "
        "the most likely value is used"
    )


def _sheet_title(vendor_id: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", "_", vendor_id)[:28] or "vendor"
    title, n = base, 2
    while title.lower() in used or title.lower() in {"inputs", "summary", "simulation"}:
        title, n = f"{base[:25]}~{n}", n + 1
    used.add(title.lower())
    return title


def _write_scenario(
    inputs: _Inputs, selection: Selection, vendor_ids: list[str]
) -> dict[str, dict[str, str]]:
    """Scenario rows; a vendor's override gets its own row. Returns vid -> name -> address."""
    base = selection.scenario
    addresses: dict[str, dict[str, str]] = {}
    common: dict[str, str] = {}
    for item in scenario_inputs(base):
        common[item.name] = inputs.add("scenario", item.name, _point(item.value), _note(item.value))
    split = base.budget_split
    for key in ("software", "services", "contingency"):
        common[f"budget_split.{key}"] = inputs.add(
            "scenario", f"budget_split.{key}", getattr(split, key)
        )
    common["budget"] = inputs.add("scenario", "budget", base.budget, "blank: no budget held")
    if isinstance(base.seats, SeatPlan):
        common["seats.start"] = inputs.add(
            "scenario", "seats.start", base.seats.start, "users in year 1"
        )
    for vid in vendor_ids:
        own = dict(common)
        for item in scenario_inputs(selection.scenarios[vid]):
            base_value = next((i.value for i in scenario_inputs(base) if i.name == item.name), None)
            if item.name not in common or _point(item.value) != _point(base_value):
                own[item.name] = inputs.add(
                    f"scenario override: {vid}", item.name, _point(item.value), _note(item.value)
                )
        addresses[vid] = own
    return addresses


def _vendor_sheet(wb: Any, title: str, v: VendorTco, selection: Selection, inputs: _Inputs,
                  scen: dict[str, str], years: int) -> dict[str, str]:  # fmt: skip
    """Write one vendor's formulas; return the addresses the Summary sheet needs."""
    from openpyxl.utils import get_column_letter

    vendor = selection.vendors[v.id]
    scenario = selection.scenarios[v.id]
    quotes = selection.rfi[v.id].one_off if v.id in selection.rfi else ()
    model = build_vendor_model(
        vendor,
        selection.requirements,
        selection.scorecard,
        scenario,
        v.plan_choice,
        selection.fx(vendor.currency),
        quotes=quotes,
    )
    sec = f"vendor: {v.id}"
    fx = inputs.add(
        sec, "fx (scorecard currency per unit)", selection.fx(vendor.currency), vendor.currency
    )
    # One-off costs quoted in RFI answers, in the vendor's currency (workflow.md §1).
    quoted = {q.requirement: q.line for q in model.quoted}
    rfi_cells = {
        q.requirement: inputs.add(
            sec, f"one_off_cost {q.requirement}", q.amount, f"{vendor.currency}, {q.source}"
        )
        for q in quotes
        if q.requirement in quoted
    }
    c, s = vendor.contract, vendor.services
    uplift = inputs.add(
        sec, "contract.annual_uplift", _point(c.annual_uplift), _note(c.annual_uplift)
    )
    cap = inputs.add(sec, "contract.uplift_cap", c.uplift_cap, "blank: no cap")
    disc = inputs.add(sec, "contract.first_year_discount", c.first_year_discount)
    days = inputs.add(
        sec,
        "services.implementation_days",
        _point(s.implementation_days),
        _note(s.implementation_days),
    )
    rate = inputs.add(sec, "services.day_rate", s.day_rate, vendor.currency)
    spct = inputs.add(sec, "services.support_pct_of_licence", s.support_pct_of_licence)
    infra_value = vendor.on_prem.infrastructure_year if model.on_prem and vendor.on_prem else 0.0
    infra = inputs.add(sec, "on_prem.infrastructure_year", _point(infra_value), vendor.deployment)
    plan_cells: dict[str, dict[str, str]] = {}
    for plan in vendor.plans:
        cells = {"name": inputs.add(sec, f"plan {plan.name}: name", plan.name, text=True)}
        for key in ("per_seat_month", "perpetual_per_seat", "maintenance_pct", "min_seats",
                    "max_seats", "base_fee_year", "onboarding_fee"):  # fmt: skip
            cells[key] = inputs.add(sec, f"plan {plan.name}: {key}", getattr(plan, key))
        own = plan.support_pct_of_licence
        cells["support_pct"] = inputs.add(
            sec,
            f"plan {plan.name}: support_pct_of_licence",
            f"={spct}" if own is None else own,
            "the services figure" if own is None else "this plan's own",
        )
        plan_cells[plan.name] = cells
    addon_cells = {
        a.name: (
            inputs.add(sec, f"add-on {a.name}: per_seat_month", a.per_seat_month),
            inputs.add(sec, f"add-on {a.name}: per_year", a.per_year),
            a.feature,
        )  # fmt: skip
        for a in vendor.addons
        if a.name in model.addon_names
    }
    req_cells = []
    for rid in model.custom_requirements:
        req = next(r for r in selection.requirements if r.id == rid)
        if quoted.get(rid) == "customization":
            req_cells.append(f"{rfi_cells[rid]}*{fx}")
        elif req.custom_cost is not None:
            req_cells.append(inputs.add(sec, f"custom_cost {rid}", _point(req.custom_cost), _note(req.custom_cost)))  # fmt: skip
        else:
            req_cells.append(scen["customization.per_requirement"])

    start_plan = inputs.add(
        sec,
        "plan chosen by scoring (number)",
        model.start_plan + 1,
        f"{vendor.plans[model.start_plan].name}; a year whose users exceed its max_seats moves "
        "to the first later plan that admits them",
    )
    ws = wb.create_sheet(title)
    col = [get_column_letter(2 + y) for y in range(years)]
    tot = get_column_letter(2 + years)
    ws.column_dimensions["A"].width = 34
    ws.append([f"{v.name} ({v.id}), {selection.currency}"])
    ws.append(["year", *range(1, years + 1), "total"])
    names = [plan_cells[p.name]["name"] for p in vendor.plans]
    ws.append(["plan", *[f"=CHOOSE({k}10,{','.join(names)})" for k in col]])
    if isinstance(scenario.seats, SeatPlan) and "seats.start" in scen and "seats.growth" in scen:
        # users_y = ceil(start x (1 + growth)^(y-1)), as the model: change growth, every cost moves
        start, growth = scen["seats.start"], scen["seats.growth"]
        ws.append(
            ["users", *[f"=ROUNDUP(ROUND({start}*(1+{growth})^{y},6),0)" for y in range(years)]]
        )
    else:
        ws.append(["users", *v.seats_by_year])
    every = list(vendor.plans)

    def per_plan(y: int, value: Any) -> str:
        """The value of year ``y``'s plan: CHOOSE over every plan by the plan number (row 10);
        ``value`` gives one plan's expression (a cell, or a sum of cells, or 0)."""
        return f"CHOOSE({col[y]}$10,{','.join(str(value(p)) for p in every)})"

    def cell(key: str) -> Any:
        return lambda plan: plan_cells[plan.name][key]

    ws.append(["billed seats", *[f"=MAX({col[y]}4,{per_plan(y, cell('min_seats'))})" for y in range(years)]])  # fmt: skip
    u = f"MIN({uplift},{cap})" if c.uplift_cap is not None else uplift
    ws.append(["price index", *[f"=(1+{u})^{y}" for y in range(years)]])
    # "Is year y's plan perpetual?" as a condition; a constant when every plan is alike.
    kinds = {plan.perpetual for plan in every}
    perpetual = [
        ("TRUE" if True in kinds else "FALSE")
        if len(kinds) == 1
        else f"{per_plan(y, lambda plan: 1 if plan.perpetual else 0)}=1"
        for y in range(years)
    ]

    def when_perpetual(y: int, then: str, otherwise: str) -> str:
        if perpetual[y] in ("TRUE", "FALSE"):
            return then if perpetual[y] == "TRUE" else otherwise
        return f"IF({perpetual[y]},{then},{otherwise})"

    bought = []
    for y in range(years):
        before = f"MAX($B$5:{col[y - 1]}5)" if y else "0"
        bought.append(f"={when_perpetual(y, f'MAX(0,{col[y]}5-{before})', '0')}")
    ws.append(["perpetual seats bought", *bought])
    turnover = scen["training.turnover"]
    trained = [f"={col[0]}4"] + [
        f"=MAX(0,{col[y]}4-{col[y - 1]}4)+{turnover}*{col[y - 1]}4" for y in range(1, years)
    ]
    ws.append(["users trained", *trained])
    ws.append(["perpetual licence bought", *[f"={when_perpetual(y, f'{col[y]}11', '0')}" for y in range(years)]])  # fmt: skip
    # Row 10, the plan number: scoring's plan, kept while it admits the users, else the first
    # later plan that does, else the last plan (as the model upgrades).
    ws.append(["plan number", *[_plan_number(y, col, start_plan, every, plan_cells) for y in range(years)]])  # fmt: skip
    rows: dict[str, list[str]] = {line: [] for line in LINES}

    def needed(index: int) -> Any:
        """Year ``index`` of an add-on's cells summed over the add-ons a plan lacks natively."""

        def of(plan: Any) -> str:
            table = vendor.features_of(plan.name)
            need = [c for c in addon_cells.values() if table.get(c[2], "none") != "native"]
            return f"({'+'.join(n[index] for n in need)})" if need else "0"

        return of

    for y in range(years):
        k, cl = col[y], col[y]
        d = f"*(1-{disc})" if y == 0 else ""
        subscription = (
            f"12*{k}5*{per_plan(y, cell('per_seat_month'))}*{fx}*{k}6{d}"
            f"+{per_plan(y, cell('base_fee_year'))}*{fx}*{k}6"
        )
        perpetual_licence = f"{per_plan(y, cell('perpetual_per_seat'))}*{fx}*{k}7"
        rows["licence"].append(f"={when_perpetual(y, perpetual_licence, subscription)}")
        seat, flat = per_plan(y, needed(0)), per_plan(y, needed(1))
        rows["addons"].append(f"=(12*{k}5*{seat}*{fx}+{flat}*{fx})*{k}6")
        maint = when_perpetual(y, f"{per_plan(y, cell('maintenance_pct'))}*SUM($B$9:{k}9)", "0")
        outside = f"{scen['support_hours_per_year']}*{scen['support_hourly_rate']}"
        support = per_plan(y, cell("support_pct"))
        rows["support"].append(f"={support}*({k}11+{k}12)+{maint}+{outside}")
        rows["infrastructure"].append(f"={infra}*{fx}")
        fee = f"{per_plan(y, cell('onboarding_fee'))}*{fx}"
        setup = "".join(
            f"+{rfi_cells[rid]}*{fx}" for rid, line in quoted.items() if line == "implementation"
        )
        if y == 0:
            rows["implementation"].append(f"={days}*{rate}*{fx}{setup}+{fee}")
        else:
            rows["implementation"].append(f"=IF({k}10<>{col[y - 1]}10,{fee},0)")
        if y == 0:
            custom = "+".join([*req_cells, f"{scen['customization.custom_fields']}*{scen['customization.per_field']}"])  # fmt: skip
            integ = "+".join(scen[f"integrations[{i}]"] for i in range(len(scenario.integrations)))
            mig = f"{scen['migration.fixed']}+{scen['migration.records']}*{scen['migration.dirty_share']}*{scen['migration.cost_per_dirty_record']}"  # fmt: skip
            rows["customization"].append(f"={custom}")
            rows["integration"].append(f"={integ or 0}")
            rows["migration"].append(f"={mig}")
        else:
            for line in ("customization", "integration", "migration"):
                rows[line].append("=0")
        hc = scen["training.hourly_cost"]
        per = f"({scen['training.hours_per_user']}*{hc}+{scen['training.certified_share']}*{scen['training.certification_per_person']})"  # fmt: skip
        refresh = f"+{cl}4*{scen['training.refresher_hours_per_user_year']}*{hc}" if y else ""
        rows["training"].append(f"={k}8*{per}{refresh}")
        rows["internal"].append(f"={scen['internal.admin_fte']}*{scen['internal.fte_cost_year']}")
    for i, line in enumerate(LINES):
        r = 11 + i
        ws.append([line, *rows[line], f"=SUM(B{r}:{col[-1]}{r})"])
    last = 10 + len(LINES)
    total_row = last + 1
    ws.append(["total", *[f"=SUM({k}11:{k}{last})" for k in col], f"=SUM(B{total_row}:{col[-1]}{total_row})"])  # fmt: skip
    rate = scen["discount_rate"]
    ws.append(["discount factor", *[f"=1/(1+{rate})^{y}" for y in range(years)]])
    ws.append(["npv", f"=SUMPRODUCT(B{total_row}:{col[-1]}{total_row},B{total_row + 1}:{col[-1]}{total_row + 1})"])  # fmt: skip
    ws.append(["per seat per month", f"={tot}{total_row}/(12*SUM(B4:{col[-1]}4))"])
    software = f"SUM({tot}11:{tot}{10 + len(SOFTWARE)})"
    services = f"SUM({tot}{11 + len(SOFTWARE)}:{tot}{last})"
    ws.append(["software", f"={software}"])
    ws.append(["services", f"={services}"])
    _format_vendor_sheet(ws, years, total_row, selection.currency)
    q = f"'{title}'!"
    return {
        "total": f"{q}${tot}${total_row}",
        "npv": f"{q}$B${total_row + 2}",
        "per_seat_month": f"{q}$B${total_row + 3}",
        "software": f"{q}$B${total_row + 4}",
        "services": f"{q}$B${total_row + 5}",
    }


def _plan_number(
    y: int, col: list[str], start: str, plans: list[Any], cells: dict[str, dict[str, str]]
) -> str:
    """Year ``y``'s plan number (1 = the profile's first plan) as a formula: the previous
    year's plan (scoring's in year 1) while its max_seats admits the users (row 4), else the
    first later plan that does, else the last plan. A blank max_seats admits any number."""
    users = f"{col[y]}4"
    previous = start if y == 0 else f"{col[y - 1]}10"

    def admits(index: int) -> str:
        limit = cells[plans[index].name]["max_seats"]
        return f"IF(ISNUMBER({limit}),{users}<={limit},TRUE)"

    limits = ",".join(cells[p.name]["max_seats"] for p in plans)
    keep = f"IF(ISNUMBER(CHOOSE({previous},{limits})),{users}<=CHOOSE({previous},{limits}),TRUE)"
    later = str(len(plans))
    for index in range(len(plans) - 2, 0, -1):
        later = f"IF(AND({previous}<{index + 1},{admits(index)}),{index + 1},{later})"
    return f"=IF({keep},{previous},{later})"


def money_format(currency: str) -> str:
    """Thousands separators and the currency on every money cell; values stay unrounded."""
    return f'#,##0 "{currency}";-#,##0 "{currency}"'


def _header(ws: Any, row: int, freeze: str) -> None:
    from openpyxl.styles import Font

    for cell in ws[row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = freeze


def _format_vendor_sheet(ws: Any, years: int, total_row: int, currency: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws["A1"].font = Font(bold=True)
    _header(ws, 2, "B3")
    money = money_format(currency)
    for row in ws.iter_rows(min_row=11, max_row=total_row + 5, min_col=2, max_col=2 + years):
        for cell in row:
            cell.number_format = money
    for row in ws.iter_rows(min_row=4, max_row=9, min_col=2, max_col=1 + years):
        for cell in row:
            cell.number_format = "#,##0.00" if cell.row == 6 else "#,##0"
    for cell in ws[total_row + 1][1 : 1 + years]:
        cell.number_format = "0.0000"
    ws.cell(total_row + 3, 2).number_format = f'#,##0.00 "{currency}"'
    for cell in ws[total_row]:
        cell.font = Font(bold=True)
    for y in range(years + 1):
        ws.column_dimensions[get_column_letter(2 + y)].width = 16


def _tornado(wb: Any, result: TcoResult) -> None:
    """Each vendor's total with one uncertain input at its low and high end (values)."""
    ws = wb.create_sheet("Tornado")
    ws.append(["vendor", "uncertain input", "input low", "input high", "total at low",
               "total at high", "swing"])  # fmt: skip
    money = money_format(result.currency)
    for v in result.vendors:
        for bar in v.tornado:
            ws.append([v.name, bar.input, bar.low, bar.high, bar.total_low, bar.total_high, bar.swing])  # fmt: skip
            for cell in ws[ws.max_row][4:7]:
                cell.number_format = money
    _header(ws, 1, "A2")
    for col, width in zip("ABCDEFG", (30, 40, 12, 12, 18, 18, 16), strict=True):
        ws.column_dimensions[col].width = width


def _summary(
    wb: Any, result: TcoResult, refs: dict[str, dict[str, str]], scen: dict[str, dict[str, str]]
) -> None:
    ws = wb.create_sheet("Summary")
    head = ["vendor", "total", "npv", "per seat per month", "software", "services",
            "recommended budget", "contingency", "software excess", "services excess",
            "total excess", "p90 (simulated)", "p90 excess"]  # fmt: skip
    ws.append(head)
    from openpyxl.comments import Comment

    why = (
        f"The 90th percentile of {result.simulations:,} simulated totals, written as a value: "
        "it does not follow edits to the inputs (the other columns do). Run crmselect tco "
        "again after changing an input."
        if result.simulations
        else "Empty: no simulation was run (--simulations 0)."
    )
    ws["L1"].comment = Comment(why, "crmselect")
    ws.column_dimensions["A"].width = 30
    sim = {v.id: v.simulation for v in result.vendors}
    for i, v in enumerate(result.vendors, start=2):
        ref, s = refs[v.id], scen[v.id]
        sw_share, sv_share = s["budget_split.software"], s["budget_split.services"]
        c_share, budget = s["budget_split.contingency"], s["budget"]
        rec = f"=MAX(IF({sw_share}>0,E{i}/{sw_share},0),IF({sv_share}>0,F{i}/{sv_share},0))"
        row: list[Any] = [v.name, f"={ref['total']}", f"={ref['npv']}", f"={ref['per_seat_month']}",
                          f"={ref['software']}", f"={ref['services']}", rec,
                          f"={c_share}*IF(ISNUMBER({budget}),{budget},G{i})",
                          f'=IF(ISNUMBER({budget}),MAX(0,E{i}-{sw_share}*{budget}),"")',
                          f'=IF(ISNUMBER({budget}),MAX(0,F{i}-{sv_share}*{budget}),"")',
                          f'=IF(ISNUMBER({budget}),MAX(0,E{i}+F{i}-({sw_share}+{sv_share})*{budget}),"")']  # fmt: skip
        simulation = sim[v.id]
        p90 = simulation.p90 if simulation is not None else None
        row += [p90, f"=MAX(0,L{i}-(B{i}+H{i}))" if p90 is not None else None]
        ws.append(row)
        money = money_format(result.currency)
        for cell in ws[i][1:]:
            cell.number_format = money
        ws.cell(i, 4).number_format = f'#,##0.00 "{result.currency}"'
    _header(ws, 1, "B2")
    for index in range(2, len(head) + 1):
        from openpyxl.utils import get_column_letter

        ws.column_dimensions[get_column_letter(index)].width = 18


def _simulation(wb: Any, result: TcoResult) -> None:
    ws = wb.create_sheet("Simulation")
    ws.append([f"{result.simulations} paths, seed {result.seed}; values, not formulas"])
    ws.append(["vendor", "mean", "p10", "p50", "p90", "npv_p10", "npv_p50", "npv_p90", "p_cheapest"])  # fmt: skip
    for v in result.vendors:
        s = v.simulation
        if s is None:
            ws.append([v.name, *[None] * 8])
        else:
            ws.append([v.name, s.mean, s.p10, s.p50, s.p90, s.npv_p10, s.npv_p50, s.npv_p90, s.p_cheapest])  # fmt: skip
    if result.p_cheaper is not None:
        ws.append([])
        ws.append(["P(row cheaper than column)", *[v.id for v in result.vendors]])
        for a in result.vendors:
            ws.append([a.id, *[result.p_cheaper[a.id][b.id] for b in result.vendors]])


def _data_as_text(ws: Any) -> None:
    """Names and notes come from the input files: never let one start a formula."""
    if ws.title == "Inputs":
        cells = [c for row in ws.iter_rows() for c in (row[0], row[1], row[3])]
    elif ws.title == "Summary":
        cells = [row[0] for row in ws.iter_rows()]
    elif ws.title in ("Simulation", "Tornado"):
        cells = [c for row in ws.iter_rows() for c in row]
    else:
        cells = [ws["A1"], ws["A3"]]
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _epoch() -> int:
    """Seconds of :func:`generation_time`, no earlier than a zip entry can hold."""
    return max(int(generation_time().timestamp()), _EPOCH_MIN)


def _reproducible(data: bytes, epoch: int) -> bytes:
    """Rewrite the zip with fixed entry dates and fixed document dates."""
    stamp = datetime.fromtimestamp(epoch, UTC)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = payload.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    text = re.sub(rf"(<{tag}[^>]*>)[^<]*(</{tag}>)", rf"\g<1>{iso}\g<2>", text)
                payload = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            out.writestr(entry, payload)
    return target.getvalue()


def render_xlsx(result: TcoResult, selection: Selection) -> bytes:
    """The workbook as bytes (see the module docstring)."""
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.worksheets[0]
    sheet.title = "Inputs"
    inputs = _Inputs(sheet)
    inputs.add("general", "currency", result.currency)
    inputs.add(
        "general",
        "years",
        result.years,
        "users per year follow seats.start and seats.growth, and each year's plan the users",
    )
    ids = [v.id for v in result.vendors]
    scen = _write_scenario(inputs, selection, ids)
    refs: dict[str, dict[str, str]] = {}
    used: set[str] = set()
    for v in result.vendors:
        refs[v.id] = _vendor_sheet(
            wb, _sheet_title(v.id, used), v, selection, inputs, scen[v.id], result.years
        )
    _summary(wb, result, refs, scen)
    _simulation(wb, result)
    _tornado(wb, result)
    _header(wb["Inputs"], 1, "A2")
    for row in wb["Simulation"].iter_rows(
        min_row=3, max_row=2 + len(result.vendors), min_col=2, max_col=8
    ):
        for cell in row:
            cell.number_format = money_format(result.currency)
    for ws in wb.worksheets:
        _data_as_text(ws)
    epoch = _epoch()
    stamp = datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), epoch)
