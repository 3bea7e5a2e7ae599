"""Shared test helpers: a CLI runner with colour off and a fixed width; golden-file option;
under CI (``CI=true``) a run with any skipped test fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A runner whose output has no colour and a fixed width."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing with them.",
    )
    parser.addoption(
        "--slow",
        action="store_true",
        default=False,
        help="Also run the long runs (tests marked `long`, such as the fuzzer's 150 mutants).",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long runs are opt-in (``--slow``): deselected, and counted as such in the summary line."""
    if config.getoption("--slow"):
        return
    long_runs = [item for item in items if item.get_closest_marker("long") is not None]
    if long_runs:
        config.hook.pytest_deselected(items=long_runs)
        items[:] = [item for item in items if item.get_closest_marker("long") is None]


def _forbid_skips() -> bool:
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI every test runs: a skip (say a missing Chromium) fails the run instead of hiding."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter is not None else 0
    if _forbid_skips() and skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = len(terminalreporter.stats.get("skipped", []))
    if _forbid_skips() and skipped:
        terminalreporter.write_line(
            f"CI=true: {skipped} test(s) skipped; in CI every test must run (see the -rs lines)",
            red=True,
        )
