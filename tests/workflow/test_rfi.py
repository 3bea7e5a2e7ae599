"""RFI questionnaires (workflow.md §1): export, fill as a vendor would, import, validate, score."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
import yaml

from crmselect.cli import app
from tests.conftest import FIXTURES

REQ_HEADER = 6
PRICE_HEADER = 5


@pytest.fixture
def selection(tmp_path, monkeypatch):
    folder = tmp_path / "sel"
    shutil.copytree(FIXTURES / "handcalc", folder)
    card = folder / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            "scores_from: [scores/*.yaml]",
            "scores_from: [scores/*.yaml]\nresponses_from: [responses/*.yaml]\nrfi_due: 2026-12-20",
        ),
        encoding="utf-8",
    )
    (folder / "responses").mkdir()
    monkeypatch.chdir(folder)
    return folder


def _row(ws, rid, header=REQ_HEADER):
    for row in range(header + 1, ws.max_row + 1):
        if ws[f"A{row}"].value == rid:
            return row
    raise KeyError(rid)


def _score(runner):
    result = runner.invoke(app, ["score", "-f", "json", "--sensitivity", "10"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_questionnaire_guides_the_vendor(runner, selection) -> None:
    result = runner.invoke(app, ["rfi", "export", "--vendor", "ann", "-o", "ann.xlsx"])
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook("ann.xlsx")
    assert wb.sheetnames == ["Instructions", "Requirements", "Pricing", "Company"]
    assert "Please answer by 2026-12-20." in wb["Instructions"]["A2"].value
    ws = wb["Requirements"]
    assert [c.value for c in ws[REQ_HEADER]] == [
        "id", "category", "priority", "title", "description", "feature", "support", "plan",
        "addon_price_per_seat_month", "one_off_cost", "evidence", "comment", "library_claim",
    ]  # fmt: skip
    assert ws.freeze_panes == "G7"
    assert ws.protection.sheet and ws["A6"].protection.locked and ws["A7"].protection.locked
    assert not ws["G7"].protection.locked
    lists = {
        str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"
    }
    assert lists["G7:G11"] == '"native,addon,partner,custom,roadmap,none"'
    assert lists["H7:H11"] == '"Basic,Pro"'
    # The library's claim is pre-filled and marked (Ann is scored on Pro: the must-have I1
    # is custom on Basic).
    f1 = _row(ws, "F1")
    assert (ws[f"G{f1}"].value, ws[f"H{f1}"].value) == ("native", "Pro")
    assert ws[f"M{f1}"].value == "native on Pro (library, prices 2026-01)"
    assert ws[f"M{_row(ws, 'S1')}"].value == "not stated in our library"
    assert [c.value for c in wb["Pricing"][PRICE_HEADER + 1]][:4] == ["Basic", 10, None, "EUR"]


def test_round_trip_for_a_bundled_vendor(runner, selection) -> None:
    assert runner.invoke(app, ["rfi", "export", "--vendor", "ann", "-o", "ann.xlsx"]).exit_code == 0
    wb = openpyxl.load_workbook("ann.xlsx")
    ws = wb["Requirements"]
    s1 = _row(ws, "S1")
    ws[f"G{s1}"], ws[f"H{s1}"], ws[f"I{s1}"] = "addon", "Basic", 4
    ws[f"K{s1}"] = "https://ann.example/support"
    i2 = _row(ws, "I2")
    ws[f"G{i2}"], ws[f"H{i2}"] = "native", "Pro"  # was partner in the library
    wb["Pricing"][f"B{PRICE_HEADER + 2}"] = 18  # Pro: 20 -> 18
    wb["Instructions"]["B15"] = "Jane Roe"
    wb.save("ann-back.xlsx")

    result = runner.invoke(
        app,
        ["rfi", "import", "ann-back.xlsx", "--vendor", "ann", "-o", "responses/ann.yaml",
         "--received", "2026-12-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load((selection / "responses" / "ann.yaml").read_text(encoding="utf-8"))
    assert written["kind"] == "rfi-response" and written["received"] == "2026-12-01"
    assert written["respondent"] == "Jane Roe"
    assert written["answers"]["S1"] == {
        "support": "addon",
        "plan": "Basic",
        "addon_price_per_seat_month": 4,
        "evidence": "https://ann.example/support",
    }
    assert written["pricing"][1]["per_seat_month"] == 18
    assert runner.invoke(app, ["validate"]).exit_code == 0

    data = _score(runner)
    cells = data["matrix"]["ann"]
    assert cells["I2"]["level"] == "native"
    assert cells["I2"]["source"] == "RFI received 2026-12-01"
    assert cells["S1"]["level"] == "addon"
    assert data["matrix"]["cat"]["F1"]["source"] == "library"
    table = runner.invoke(app, ["score"])
    assert "Ann CRM: claims for F1, F2, I1, I2, S1 from the RFI received 2026-12-01" in (
        table.stdout
    )
    report = runner.invoke(app, ["report", "-o", "r.md", "--simulations", "0", "-q"])
    assert report.exit_code == 0, report.stderr
    text = (selection / "r.md").read_text(encoding="utf-8")
    assert "ᴿ claim from an RFI answer" in text
    assert "| I2 Webhooks |" in text and "native · 100% ᴿ" in text
    tco = runner.invoke(app, ["tco", "-f", "json", "--simulations", "0"])
    assert tco.exit_code == 0, tco.stderr
    ann = next(v for v in json.loads(tco.stdout)["vendors"] if v["id"] == "ann")
    # Pro at the answered 18 a seat-month, 20 seats, plus the S1 add-on at 4 (on Pro too).
    assert ann["plan_by_year"][0] == "Pro"
    assert ann["costs"]["licence"][0] == pytest.approx(18 * 12 * 20)


def test_round_trip_for_a_vendor_not_in_the_library(runner, selection) -> None:
    assert (
        runner.invoke(app, ["rfi", "export", "--vendor", "new", "-o", "blank.xlsx"]).exit_code == 0
    )
    wb = openpyxl.load_workbook("blank.xlsx")
    ws = wb["Requirements"]
    for rid, level in {"F1": "native", "F2": "native", "I1": "native", "I2": "none"}.items():
        ws[f"G{_row(ws, rid)}"] = level
        ws[f"H{_row(ws, rid)}"] = "Team"
    ps = wb["Pricing"]
    first = PRICE_HEADER + 1
    ps[f"A{first}"], ps[f"C{first}"], ps[f"D{first}"] = "Team", 240, "EUR"
    company = wb["Company"]
    company["B6"] = "Dora CRM"
    company["B7"] = "ISO27001; SOC2"
    company["B12"] = "yes"
    wb.save("dora.xlsx")
    result = runner.invoke(
        app,
        ["rfi", "import", "dora.xlsx", "--vendor", "dora", "-o", "responses/dora.yaml",
         "--received", "2026-12-02"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    card = selection / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            "vendors: [cat, ann, bob]", "vendors: [cat, ann, bob, dora]"
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["validate"]).exit_code == 0
    data = _score(runner)
    dora = next(v for v in data["vendors"] if v["id"] == "dora")
    assert dora["name"] == "Dora CRM" and dora["plan"] == "Team"
    assert data["profiles"]["dora"] == "rfi"
    cells = data["matrix"]["dora"]
    assert cells["I2"]["level"] == "none"
    assert cells["S1"]["level"] == "unknown"  # left empty: unknown, never none
    assert cells["F1"]["source"] == "RFI received 2026-12-02"
    tco = runner.invoke(app, ["tco", "-f", "json", "--simulations", "0"])
    costed = json.loads(tco.stdout)
    assert costed["profiles"]["dora"] == "rfi" and costed["profiles"]["ann"] == "committee"
    row = next(v for v in costed["vendors"] if v["id"] == "dora")
    assert row["costs"]["licence"][0] == pytest.approx(240 * 20)  # 240 a seat-year, 20 seats


def test_answers_of_an_eliminated_vendor_are_a_warning(runner, selection) -> None:
    (selection / "responses" / "bob.yaml").write_text(
        "kind: rfi-response\nvendor: bob\nreceived: '2026-11-01'\n"
        "answers: {F1: {support: native}}\n",
        encoding="utf-8",
    )
    card = selection / "scorecard.yaml"
    text = card.read_text(encoding="utf-8").replace(
        "vendors: [cat, ann, bob]", "vendors: [cat, ann]"
    )
    (selection / "scores" / "e1.yaml").unlink()
    card.write_text(text + "eliminated:\n  - {vendor: bob, stage: RFI, reason: no answers}\n")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: responses/bob.yaml:2:1: vendor: RFI answers for vendor 'bob' are ignored: "
        "eliminated at the RFI stage" in result.stderr
    )


def test_schema_rfi_response(runner) -> None:
    result = runner.invoke(app, ["schema", "rfi-response"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["properties"]["kind"]["const"] == "rfi-response"
