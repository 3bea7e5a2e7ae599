"""`crmselect tco` through the CLI: formats, options, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from crmselect.cli import app

FIXTURE = str(Path(__file__).parent.parent / "fixtures" / "tco" / "scorecard.yaml")
runner = CliRunner()


def run(*args: str):
    return runner.invoke(
        app, ["tco", FIXTURE, *args], env={"NO_COLOR": "1", "CRMSELECT_WIDTH": "140"}
    )


def test_json_on_stdout_only():
    result = run("--format", "json", "--simulations", "500", "--seed", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["simulations"] == 500 and data["seed"] == 3 and data["currency"] == "CNY"
    assert [v["id"] for v in data["vendors"]] == ["growco", "onprem"]
    assert data["vendors"][0]["forced_upgrades"][1] == {"year": 5, "from": "Business", "to": "Enterprise"}  # fmt: skip


def test_only_and_deterministic():
    data = json.loads(run("-f", "json", "--only", "onprem", "--simulations", "0").stdout)
    assert [v["id"] for v in data["vendors"]] == ["onprem"]
    assert data["p_cheaper"] is None and data["vendors"][0]["simulation"] is None


def test_compact_view_then_detail_with_exact_totals():
    result = run("--simulations", "200")
    assert result.exit_code == 0
    assert result.stdout.startswith("5-year cost, thousands of CNY (k), nominal")
    flat = " ".join(result.stdout.split())
    assert "GrowCo: software within its share of the budget: over by 1,005,742 CNY;" in flat
    assert "forced upgrade in year 3 (Starter -> Business)" in flat
    assert "A = GrowCo; B = OnPrem 系统" in flat
    assert "Thousands (k)" not in result.stdout  # no cost-line tables without --detail
    assert len(result.stdout.splitlines()) < 40
    result = run("--simulations", "200", "--detail")
    assert "forced upgrade in year 3: Starter -> Business" in result.stdout
    # each total is the exact sum rounded; rows are whole thousands and may not add up to it
    tables = [
        t.split("Thousands (k), rounded")[0] for t in result.stdout.split("), thousands of CNY")[1:]
    ]
    assert len(tables) == 2
    for table in tables:
        rows = [r for r in table.splitlines() if r.startswith("│")]
        cells = {r.split("│")[1].strip(): r.split("│")[2:-1] for r in rows}
        numbers = {
            k: [int(c.strip().replace(",", "")) for c in v]
            for k, v in cells.items()
            if k not in ("users", "")
        }
        total = numbers.pop("total")
        for col, shown in zip(zip(*numbers.values(), strict=True), total, strict=True):
            assert abs(sum(col) - shown) <= len(col) // 2 + 1
    assert "OnPrem 系统" in result.stdout


def test_csv_and_md():
    rows = list(csv.reader(io.StringIO(run("-f", "csv", "--simulations", "0").stdout)))
    assert rows[0] == ["vendor_id", "vendor", "line", "year_1", "year_2", "year_3", "year_4", "year_5", "total"]  # fmt: skip
    assert rows[1][:3] == ["growco", "GrowCo", "licence"]
    # 12 x 50 x 10 x 7.0 x (1 - 0.9) is 4199.999999999999 in floats: written without the noise
    assert 12 * 50 * 10 * 7.0 * (1 - 0.9) != 4200.0 and rows[1][3] == "4200.0"
    md = run("-f", "md", "--simulations", "0").stdout
    assert "## GrowCo (`growco`)" in md and "| licence | 4,200 |" in md


def test_xlsx_needs_output_and_writes_it(tmp_path):
    missing = run("-f", "xlsx")
    assert missing.exit_code == 2
    assert "give -o FILE.xlsx" in missing.stderr
    target = tmp_path / "tco.xlsx"
    done = run("-f", "xlsx", "-o", str(target), "--simulations", "100")
    assert done.exit_code == 0, done.output
    assert target.read_bytes()[:2] == b"PK"


def test_years_mismatch_with_seat_list_is_a_usage_error():
    result = run("--years", "3", "--simulations", "0")
    assert result.exit_code == 2
    assert "--years 3, but the scenario lists seats for 5 years" in result.stderr
    assert result.stdout == ""


def test_unknown_vendor_and_output_equal_to_input():
    result = run("--only", "nobody")
    assert result.exit_code == 2 and "'nobody' is not a compared vendor" in result.stderr
    same = run("-f", "json", "-o", FIXTURE)
    assert same.exit_code == 2 and "is an input file" in same.stderr


def test_a_bad_source_date_epoch_is_the_same_usage_error_for_the_workbook_and_the_report(
    tmp_path: Path,
) -> None:
    """One clock: `tco -f xlsx` used to write a 1980 workbook (exit 0) where `report` exits 2."""
    env = {"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "yesterday"}
    outputs = {"tco": tmp_path / "t.xlsx", "report": tmp_path / "r.md"}
    results = {
        command: runner.invoke(
            app, [command, FIXTURE, "-o", str(out), "--simulations", "50"], env=env
        )
        for command, out in outputs.items()
    }
    for command, result in results.items():
        assert result.exit_code == 2, (command, result.output)
        assert (
            "SOURCE_DATE_EPOCH must be whole seconds since 1970, not 'yesterday'" in result.stderr
        )
        assert not outputs[command].exists()
