"""Fixtures for the report: decisions the library computes from small fixture selections, and
golden files."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import msgspec
import pytest

from crmselect.decision import Decision, build_decision, score_and_cost
from crmselect.io.loader import load_selection
from crmselect.models.selection import Selection
from crmselect.provenance import collect

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
EPOCH = {"SOURCE_DATE_EPOCH": "1793491200"}  # 2026-11-01, after every price date
AS_OF = "2026-11"  # the month of EPOCH: dates the stale-price risk
SEED = 42
SIMULATIONS = 1000
DRAWS = 1000


def with_threshold(threshold: float) -> Callable[[Selection], Selection]:
    """An edit of a selection: the scorecard's fit threshold set to ``threshold``."""

    def edit(selection: Selection) -> Selection:
        card = selection.scorecard.model_copy(update={"threshold": threshold})
        return msgspec.structs.replace(selection, scorecard=card)

    return edit


@cache
def _decision(
    fixture: str, simulations: int, edit: Callable[[Selection], Selection] | None
) -> Decision:
    selection = load_selection(FIXTURES / fixture / "scorecard.yaml")
    if edit is not None:
        selection = edit(selection)
    score, tco = score_and_cost(
        selection, seed=SEED, simulations=simulations, draws=DRAWS, as_of=AS_OF
    )
    provenance = collect(
        selection, seed=SEED, simulations=simulations, draws=DRAWS, environ=EPOCH, use_git=False
    )
    return build_decision(selection, score, tco, provenance)


def decision_for(
    fixture: str,
    monkeypatch: pytest.MonkeyPatch,
    *,
    simulations: int = SIMULATIONS,
    edit: Callable[[Selection], Selection] | None = None,
) -> Decision:
    """The decision the library computes for ``tests/fixtures/<fixture>`` (seeded; computed
    once per session: the results are frozen). Input paths in the provenance are relative to
    the repository root."""
    monkeypatch.chdir(ROOT)
    return _decision(fixture, simulations, edit)


@pytest.fixture
def mini_decision(monkeypatch: pytest.MonkeyPatch) -> Decision:
    return decision_for("mini", monkeypatch)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


XSS_NAME = "<script>alert(1)</script>"
XSS_PLAN = "Basic <b>bold</b>"
XSS_ADDON = "WeCom <svg onload=alert(4)>"


@pytest.fixture
def xss_decision(monkeypatch: pytest.MonkeyPatch) -> Decision:
    """The hostile profile: script in the name, an onerror image in the notes, markup in plan
    and add-on names, and a jinja expression in the scorecard's titles."""
    return decision_for("xss", monkeypatch)


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
