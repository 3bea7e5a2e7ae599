"""Fixtures for the report: a mini selection with hand-built results, and golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmselect.decision import Decision, build_decision
from crmselect.io.loader import load_selection
from crmselect.provenance import collect
from tests.report.fakes import FakeResult, score_data, tco_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


@pytest.fixture
def mini_decision() -> Decision:
    selection = load_selection(FIXTURES / "mini" / "scorecard.yaml")
    provenance = collect(selection, seed=42, simulations=1000, draws=1000, environ=EPOCH, use_git=False)
    return build_decision(
        selection, FakeResult(score_data()), FakeResult(tco_data()), provenance
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
