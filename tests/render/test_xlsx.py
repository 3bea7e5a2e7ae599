"""The workbook recalculates (pure-Python `formulas`) to the model's totals, to the cent."""

from __future__ import annotations

import warnings
import zipfile

import pytest

from crmselect.io.loader import load_selection
from crmselect.models.selection import Selection
from crmselect.render.xlsx import render_xlsx
from crmselect.tco import simulate_tco
from tests.tco.conftest import FIXTURE, with_scenario


@pytest.fixture(scope="module")
def selection() -> Selection:
    """The hand-sized TCO fixture (tests/fixtures/tco)."""
    return load_selection(FIXTURE)


def recalculated(path) -> dict[str, float]:
    import formulas

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for key, cell in solution.items():
        if "]SUMMARY'!" in key.upper():
            value = cell.value[0][0] if hasattr(cell, "value") else cell
            values[key.upper().split("!")[1]] = value
    return values


def recalculated_summary(result, chosen, tmp_path) -> dict[str, float]:
    """The workbook of ``result`` written and recalculated: its Summary cells; each vendor's
    total (column B) is checked against the model to the cent here."""
    path = tmp_path / "tco.xlsx"
    path.write_bytes(render_xlsx(result, chosen))
    cells = recalculated(path)
    for row, vendor in enumerate(result.vendors, start=2):
        assert float(cells[f"B{row}"]) == pytest.approx(vendor.total, abs=0.005)
    return cells


@pytest.mark.parametrize("budget", [3_000_000, None])
def test_workbook_totals_match_the_model_to_the_cent(selection, tmp_path, budget):
    chosen = with_scenario(selection, budget=budget)
    result = simulate_tco(chosen, simulations=200)
    cells = recalculated_summary(result, chosen, tmp_path)
    for row, vendor in enumerate(result.vendors, start=2):
        assert float(cells[f"C{row}"]) == pytest.approx(vendor.npv, abs=0.005)
        assert float(cells[f"D{row}"]) == pytest.approx(vendor.per_seat_month, abs=0.005)
        assert float(cells[f"G{row}"]) == pytest.approx(vendor.budget.recommended, abs=0.005)
        assert float(cells[f"H{row}"]) == pytest.approx(vendor.budget.contingency, abs=0.005)
        if budget is not None:
            excess = {c.name: c.excess for c in vendor.budget.checks}
            assert float(cells[f"K{row}"]) == pytest.approx(excess["total_share"], abs=0.005)
        assert float(cells[f"M{row}"]) == pytest.approx(
            max(0.0, vendor.simulation.p90 - vendor.total - vendor.budget.contingency), abs=0.005
        )


def test_cost_lines_are_formulas_over_inputs(selection):
    from io import BytesIO

    from openpyxl import load_workbook

    result = simulate_tco(selection, simulations=0)
    wb = load_workbook(BytesIO(render_xlsx(result, selection)))
    assert wb.sheetnames == ["Inputs", "growco", "onprem", "Summary", "Simulation", "Tornado"]
    licence = wb["growco"]["B11"].value
    # the price of the year's plan: CHOOSE by the plan number of row 10, itself a formula
    assert licence.startswith("=12*B5*CHOOSE(B$10,Inputs!") and "first_year" not in licence
    assert "(1-Inputs!" in licence  # the first-year discount comes from Inputs


@pytest.mark.parametrize("simulations", [0, 200])
def test_the_simulated_p90_says_it_is_a_value(selection, simulations):
    """Every Summary column recalculates after an edit except the simulated P90: its header
    says it is simulated and its note says it does not follow the inputs."""
    from io import BytesIO

    from openpyxl import load_workbook

    result = simulate_tco(selection, simulations=simulations, seed=1)
    summary = load_workbook(BytesIO(render_xlsx(result, selection)))["Summary"]
    assert summary["L1"].value == "p90 (simulated)"
    p90 = summary["L2"].value
    note = summary["L1"].comment.text
    if simulations:
        assert p90 == pytest.approx(result.vendors[0].simulation.p90, rel=1e-12)  # not a formula
        assert "200 simulated totals" in note and "does not follow edits" in note
    else:
        assert p90 is None and "no simulation was run" in note


def test_reproducible_bytes(selection, monkeypatch):
    result = simulate_tco(selection, simulations=0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = render_xlsx(result, selection)
    assert render_xlsx(result, selection) == first
    archive = zipfile.ZipFile(__import__("io").BytesIO(first))
    assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert b"2026-01-01T00:00:00Z" in archive.read("docProps/core.xml")


def test_a_plan_s_own_support_share_recalculates_too(selection, tmp_path):
    from tests.tco.conftest import with_vendor

    plans = [p.model_dump() for p in selection.vendors["growco"].plans]
    plans[2]["support_pct_of_licence"] = 0.0  # Enterprise (year 5) includes premium support
    chosen = with_vendor(selection, "growco", plans=plans)
    result = simulate_tco(chosen, simulations=0)
    recalculated_summary(result, chosen, tmp_path)


def test_seats_follow_growth_in_excel_and_cells_are_formatted(selection, tmp_path):
    """Change seats.growth on the Inputs sheet: the users, and so every cost, recalculate
    to what the model gives for that growth; money cells carry the currency; notes are words."""
    from io import BytesIO

    from openpyxl import load_workbook

    selection = with_scenario(selection, seats={"start": 50, "growth": 0.2})
    result = simulate_tco(selection, simulations=0)
    wb = load_workbook(BytesIO(render_xlsx(result, selection)))
    growco = wb["growco"]
    assert str(growco["B4"].value).startswith("=ROUNDUP(ROUND(Inputs!")
    assert growco["B11"].number_format == '#,##0 "CNY";-#,##0 "CNY"'
    assert growco.freeze_panes == "B3" and growco["A2"].font.bold
    notes = [c.value for c in wb["Inputs"]["D"] if c.value]
    assert not any("{" in n or "dist" in n for n in notes)
    from crmselect.models.common import Triangular
    from crmselect.render.xlsx import _note

    assert _note(Triangular(low=0.15, mode=0.25, high=0.35)) == (
        "triangular range 0.15 to 0.35, most likely 0.25: the most likely value is used"
    )
    row = next(c.row for c in wb["Inputs"]["B"] if c.value == "seats.growth")
    wb["Inputs"][f"C{row}"].value = 0.22
    path = tmp_path / "faster.xlsx"
    wb.save(path)
    cells = recalculated(path)
    faster = with_scenario(selection, seats={"start": 50, "growth": 0.22})
    expected = simulate_tco(faster, simulations=0).vendors[0]
    assert expected.plan_by_year == result.vendors[0].plan_by_year  # this growth moves no upgrade
    assert float(cells["B2"]) == pytest.approx(expected.total, abs=0.005)
    assert float(cells["B2"]) != pytest.approx(result.vendors[0].total, abs=1)
    assert wb["Tornado"]["B1"].value == "uncertain input"  # one row per uncertain input


def _libreoffice_summary(path, tmp_path) -> list[dict[str, str]]:
    """The Summary sheet as LibreOffice recalculates it (headless, CSV of every sheet)."""
    import csv
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path / "csv"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    text = (tmp_path / "csv" / f"{path.stem}-Summary.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.mark.slow
def test_libreoffice_recalculates_growth_and_a_price_to_the_model(selection, tmp_path):
    """Seat growth and a plan price changed on the Inputs sheet, recalculated by LibreOffice:
    the users, the plan of each year (forced upgrades at max_seats), every cost line and so the
    Summary's totals equal crmselect's own for that growth and price (was: the plans per year
    were fixed values, so an upgrade the new growth moves stayed where it was)."""
    from io import BytesIO

    from openpyxl import load_workbook

    from tests.tco.conftest import with_vendor

    fast = with_scenario(selection, seats={"start": 50, "growth": 0.5})
    result = simulate_tco(fast, simulations=0)
    growco = next(v for v in result.vendors if v.id == "growco")
    assert growco.plan_by_year == ("Starter", "Starter", "Business", "Business", "Enterprise")
    wb = load_workbook(BytesIO(render_xlsx(result, fast)))
    path = tmp_path / "as-written.xlsx"
    wb.save(path)
    for row, vendor in zip(_libreoffice_summary(path, tmp_path / "a"), result.vendors, strict=True):
        assert row["vendor"] == vendor.name
        assert float(row["total"]) == pytest.approx(vendor.total, abs=0.01)
        assert float(row["npv"]) == pytest.approx(vendor.npv, abs=0.01)

    inputs = wb["Inputs"]
    rows = {(c.value, inputs.cell(c.row, 1).value): c.row for c in inputs["B"]}
    inputs[f"C{rows[('seats.growth', 'scenario')]}"] = 0.2
    inputs[f"C{rows[('plan Starter: per_seat_month', 'vendor: growco')]}"] = 12
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    plans = [p.model_dump() for p in fast.vendors["growco"].plans]
    plans[0]["per_seat_month"] = 12
    slower = with_vendor(with_scenario(fast, seats={"start": 50, "growth": 0.2}), "growco", plans=plans)  # fmt: skip
    expected = simulate_tco(slower, simulations=0)
    moved = next(v for v in expected.vendors if v.id == "growco")
    assert moved.plan_by_year == ("Starter", "Starter", "Starter", "Starter", "Business")
    summary = _libreoffice_summary(changed, tmp_path / "b")
    for row, vendor in zip(summary, expected.vendors, strict=True):
        assert row["vendor"] == vendor.name
        assert float(row["total"]) == pytest.approx(vendor.total, abs=0.01), vendor.id
        assert float(row["npv"]) == pytest.approx(vendor.npv, abs=0.01), vendor.id
        assert float(row["software"]) == pytest.approx(vendor.budget.software, abs=0.01), vendor.id
        assert float(row["services"]) == pytest.approx(vendor.budget.services, abs=0.01), vendor.id
        budget = vendor.budget
        assert float(row["recommended budget"]) == pytest.approx(budget.recommended, abs=0.01)
        assert float(row["contingency"]) == pytest.approx(budget.contingency, abs=0.01)
    assert float(summary[0]["total"]) != pytest.approx(growco.total, abs=1)
