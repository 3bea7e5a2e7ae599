"""Fixtures for the report: a mini selection with hand-built results, and golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmselect.decision import Decision, build_decision
from crmselect.io.loader import load_selection
from crmselect.provenance import collect
from tests.report.fakes import FakeResult, score_data, tco_data

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
EPOCH = {"SOURCE_DATE_EPOCH": "1793491200"}  # 2026-11-01, after every price date


@pytest.fixture
def mini_decision(monkeypatch: pytest.MonkeyPatch) -> Decision:
    monkeypatch.chdir(ROOT)  # input paths in the provenance are relative to the current folder
    selection = load_selection(FIXTURES / "mini" / "scorecard.yaml")
    provenance = collect(
        selection, seed=42, simulations=1000, draws=1000, environ=EPOCH, use_git=False
    )
    return build_decision(selection, FakeResult(score_data()), FakeResult(tco_data()), provenance)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


XSS_NAME = "<script>alert(1)</script>"
XSS_PLAN = "Basic <b>bold</b>"
XSS_ADDON = "WeCom <svg onload=alert(4)>"


def _renamed(data: dict, scored: bool) -> dict:
    for vendor in data["vendors"]:
        if vendor["id"] == "alpha":
            vendor["name"] = XSS_NAME
            if scored:
                vendor["plan"] = XSS_PLAN
                vendor["addons"] = [XSS_ADDON]
            else:
                vendor["plan_by_year"] = [XSS_PLAN, XSS_PLAN, "Pro"]
                vendor["forced_upgrades"] = [{"year": 3, "from": XSS_PLAN, "to": "Pro"}]
    return data


@pytest.fixture
def xss_decision(monkeypatch: pytest.MonkeyPatch) -> Decision:
    """The hostile profile: script in the name, an onerror image in the notes, markup in plan
    and add-on names, and a jinja expression in the scorecard's titles."""
    monkeypatch.chdir(ROOT)
    selection = load_selection(FIXTURES / "xss" / "scorecard.yaml")
    provenance = collect(
        selection, seed=42, simulations=1000, draws=1000, environ=EPOCH, use_git=False
    )
    return build_decision(
        selection,
        FakeResult(_renamed(score_data(), True)),
        FakeResult(_renamed(tco_data(), False)),
        provenance,
    )


def check_golden(name: str, text: str, update: bool) -> None:
    """Compare ``text`` with ``golden/<name>``, or rewrite it with ``--update-golden``."""
    path = GOLDEN / name
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {name} was missing and has been written; check it in")
        return
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from the golden file; rerun with --update-golden if intended"
    )
