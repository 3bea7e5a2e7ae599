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


@pytest.mark.parametrize("pin", [None, "ann: Basic"])
def test_the_questionnaire_asks_about_the_plan_score_and_tco_use(runner, selection, pin) -> None:
    """The pre-filled plan is the one plan choice gives the vendor everywhere: chosen (Ann on
    Pro, Basic lacking the must-have I1) or pinned by vendor_plans (Ann on Basic)."""
    if pin is not None:
        card = selection / "scorecard.yaml"
        card.write_text(card.read_text(encoding="utf-8") + f"vendor_plans: {{{pin}}}\n")
    scored = {v["id"]: v["plan"] for v in _score(runner)["vendors"]}
    assert scored["ann"] == ("Basic" if pin else "Pro")
    for vid in ("cat", "ann", "bob"):
        result = runner.invoke(app, ["rfi", "export", "--vendor", vid, "-o", f"{vid}.xlsx"])
        assert result.exit_code == 0, result.stderr
        ws = openpyxl.load_workbook(f"{vid}.xlsx")["Requirements"]
        prefilled = {ws[f"H{row}"].value for row in range(REQ_HEADER + 1, ws.max_row + 1)}
        assert prefilled - {None} == {scored[vid]}, vid


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


def _bob_questionnaire(runner, regions: str) -> None:
    """Bob answers as a vendor would: F2 (pipeline) built for 4,000, I2 (webhooks) native with a
    500 set-up fee, S1 left empty; customer data kept in ``regions``."""
    assert runner.invoke(app, ["rfi", "export", "--vendor", "bob", "-o", "bob.xlsx"]).exit_code == 0
    wb = openpyxl.load_workbook("bob.xlsx")
    ws = wb["Requirements"]
    f2, i2 = _row(ws, "F2"), _row(ws, "I2")
    ws[f"G{f2}"], ws[f"H{f2}"], ws[f"J{f2}"] = "custom", "Standard", 4000
    ws[f"G{i2}"], ws[f"H{i2}"], ws[f"J{i2}"] = "native", "Standard", 500
    wb["Company"]["B8"] = regions
    wb.save("bob-back.xlsx")
    result = runner.invoke(
        app,
        ["rfi", "import", "bob-back.xlsx", "--vendor", "bob", "-o", "responses/bob.yaml",
         "--received", "2026-12-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def test_one_off_costs_and_hosting_regions_of_an_rfi_are_used(runner, selection, tmp_path) -> None:
    """The RFI's one-off costs are in the 5-year total (a custom build replaces the requirement's
    customization estimate; another level's fee is implementation) and its hosting regions
    decide the GDPR hosting risk; score, tco and the report say they came from the RFI."""
    before = json.loads(runner.invoke(app, ["tco", "-f", "json", "--simulations", "0"]).stdout)
    old = next(v for v in before["vendors"] if v["id"] == "bob")["costs"]
    _bob_questionnaire(runner, "US")
    written = yaml.safe_load((selection / "responses" / "bob.yaml").read_text(encoding="utf-8"))
    assert written["answers"]["F2"]["one_off_cost"] == 4000
    assert written["company"]["data_residency"] == ["US"]
    assert runner.invoke(app, ["validate"]).exit_code == 0

    tco = runner.invoke(app, ["tco", "-f", "json", "--simulations", "0"])
    assert tco.exit_code == 0, tco.stderr
    bob = next(v for v in json.loads(tco.stdout)["vendors"] if v["id"] == "bob")
    # F2 is custom on Standard, the plan costed: its 4,000 EUR build is the customization line
    # (the scenario's per-requirement estimate is 0, not estimated); I2's 500 EUR set-up fee
    # is implementation, in year 1 only.
    assert bob["costs"]["customization"] == [old["customization"][0] + 4000, 0, 0, 0, 0]
    assert bob["costs"]["implementation"][0] == pytest.approx(old["implementation"][0] + 500)
    assert bob["costs"]["implementation"][1:] == old["implementation"][1:]
    assert bob["rfi_one_off"] == [
        {"requirement": "F2", "support": "custom", "line": "customization", "amount": 4000.0,
         "source": "RFI received 2026-12-01"},
        {"requirement": "I2", "support": "native", "line": "implementation", "amount": 500.0,
         "source": "RFI received 2026-12-01"},
    ]  # fmt: skip
    table = runner.invoke(app, ["tco", "--simulations", "0"])
    assert (
        "Bob CRM: the total includes one-off costs quoted in the RFI received 2026-12-01: F2 "
        "(custom) 4,000 EUR under customization; I2 (native) 500 EUR under implementation"
    ) in " ".join(table.stdout.split())

    score = _score(runner)
    risks = {r["code"]: r["message"] for r in next(v for v in score["vendors"] if v["id"] == "bob")["risks"]}  # fmt: skip
    assert risks["eu-data-residency"] == (
        "no EU/UK data hosting: the RFI received 2026-12-01 names US only: personal data may "
        "leave the EU/UK"
    )
    assert score["rfi"]["bob"]["residency"] == {
        "regions": ["US"],
        "source": "RFI received 2026-12-01",
    }
    shown = " ".join(runner.invoke(app, ["score", "--sensitivity", "10"]).stdout.split())
    assert "Bob CRM: one-off costs quoted in the RFI received 2026-12-01: F2 (custom) 4,000 EUR; I2 (native) 500 EUR" in shown  # fmt: skip
    assert "Bob CRM: customer data can be kept in US (the RFI received 2026-12-01)" in shown
    report = runner.invoke(app, ["report", "-o", "r.md", "--simulations", "0", "-q"])
    assert report.exit_code == 0, report.stderr
    text = (selection / "r.md").read_text(encoding="utf-8")
    assert "no EU/UK data hosting: the RFI received 2026-12-01 names US only" in text
    assert "the total includes one-off costs quoted in the RFI received 2026-12-01" in text

    # The finance workbook recalculates to the same totals.
    from tests.render.test_xlsx import recalculated

    assert runner.invoke(app, ["tco", "--simulations", "0", "-o", "tco.xlsx"]).exit_code == 0
    cells = recalculated(selection / "tco.xlsx")
    totals = {v["id"]: v["total"] for v in json.loads(tco.stdout)["vendors"]}
    ids = [v["id"] for v in json.loads(tco.stdout)["vendors"]]
    assert float(cells[f"B{ids.index('bob') + 2}"]) == pytest.approx(totals["bob"], abs=0.005)

    # Hosting in the EU answers the question: the risk goes, and the hosting claim says why.
    (selection / "responses" / "bob.yaml").unlink()
    _bob_questionnaire(runner, "EU, US")
    score = _score(runner)
    codes = [r["code"] for r in next(v for v in score["vendors"] if v["id"] == "bob")["risks"]]
    assert "eu-data-residency" not in codes
    assert "eu-data-residency" in [
        r["code"] for r in next(v for v in score["vendors"] if v["id"] == "ann")["risks"]
    ]


def test_a_buyer_in_china_sees_hosting_outside_china_from_the_rfi(runner, selection) -> None:
    card = selection / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace("market: DE", "market: CN"), encoding="utf-8"
    )
    (selection / "responses" / "bob.yaml").write_text(
        "kind: rfi-response\nvendor: bob\nreceived: '2026-11-03'\n"
        "company: {data_residency: [EU, US]}\n",
        encoding="utf-8",
    )
    score = _score(runner)
    risks = {r["code"]: r["message"] for r in next(v for v in score["vendors"] if v["id"] == "bob")["risks"]}  # fmt: skip
    assert risks["cn-data-residency"] == (
        "no data hosting in mainland China: the RFI received 2026-11-03 names EU, US only: "
        "personal information would leave China"
    )
    # Silence is not "no": vendors whose hosting nobody stated get no such line.
    for vendor in score["vendors"]:
        if vendor["id"] != "bob":
            assert "cn-data-residency" not in [r["code"] for r in vendor["risks"]]


def test_hosting_regions_are_codes_never_guessed(runner, selection) -> None:
    """'Germany' is not read as "not in the EU": a region that is not a code is refused where
    it is written, so a hosting answer never turns into a false "no"."""
    assert runner.invoke(app, ["rfi", "export", "--vendor", "bob", "-o", "bob.xlsx"]).exit_code == 0
    wb = openpyxl.load_workbook("bob.xlsx")
    wb["Company"]["B8"] = "Germany, us"
    wb.save("bob-back.xlsx")
    result = runner.invoke(app, ["rfi", "import", "bob-back.xlsx", "--vendor", "bob", "-o", "responses/bob.yaml"])  # fmt: skip
    assert result.exit_code == 1
    assert (
        "bob-back.xlsx: Company!B8: data_residency: 'Germany' is not a region code; write "
        "two-letter country codes (DE, GB, US, CN) or EU, EEA" in result.stderr
    )
    assert not (selection / "responses" / "bob.yaml").exists()
    (selection / "responses" / "bob.yaml").write_text(
        "kind: rfi-response\nvendor: bob\nreceived: '2026-11-03'\n"
        "company: {data_residency: [Frankfurt]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "'Frankfurt' is not a region code" in result.stderr
    (selection / "responses" / "bob.yaml").write_text(
        "kind: rfi-response\nvendor: bob\nreceived: '2026-11-03'\n"
        "company: {data_residency: [de, us]}\n",
        encoding="utf-8",
    )
    score = _score(runner)
    assert score["rfi"]["bob"]["residency"]["regions"] == ["DE", "US"]
    codes = [r["code"] for r in next(v for v in score["vendors"] if v["id"] == "bob")["risks"]]
    assert "eu-data-residency" not in codes
