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


@pytest.mark.parametrize("budget", [3_000_000, None])
def test_workbook_totals_match_the_model_to_the_cent(selection, tmp_path, budget):
    chosen = with_scenario(selection, budget=budget)
    result = simulate_tco(chosen, simulations=200)
    path = tmp_path / "tco.xlsx"
    path.write_bytes(render_xlsx(result, chosen))
    cells = recalculated(path)
    for row, vendor in enumerate(result.vendors, start=2):
        assert float(cells[f"B{row}"]) == pytest.approx(vendor.total, abs=0.005)
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
    assert licence.startswith("=12*B5*Inputs!") and "first_year" not in licence
    assert "(1-Inputs!" in licence  # the first-year discount comes from Inputs


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
    path = tmp_path / "tco.xlsx"
    path.write_bytes(render_xlsx(result, chosen))
    cells = recalculated(path)
    for row, vendor in enumerate(result.vendors, start=2):
        assert float(cells[f"B{row}"]) == pytest.approx(vendor.total, abs=0.005)


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
    assert expected.plan_by_year == result.vendors[0].plan_by_year  # plans stay model values
    assert float(cells["B2"]) == pytest.approx(expected.total, abs=0.005)
    assert float(cells["B2"]) != pytest.approx(result.vendors[0].total, abs=1)
    assert wb["Tornado"]["B1"].value == "uncertain input"  # one row per uncertain input
