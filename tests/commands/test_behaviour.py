"""What every command keeps: help, usage errors, exit codes, plain output, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crmselect import __version__
from crmselect.cli import app
from tests.conftest import MINI, REPO

COMMANDS = [
    ["validate"],
    ["schema"],
    ["init"],
    ["vendors"],
    ["vendors", "list"],
    ["vendors", "show"],
]
LIB = str(MINI / "vendors")


def run_module(*args: str, code: str | None = None, **env: str) -> subprocess.CompletedProcess:
    command = (
        [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "crmselect", *args]
    )
    return subprocess.run(
        command,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help(runner, command) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout
    assert "Traceback" not in result.output


def test_root_help_lists_the_commands(runner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ["validate", "schema", "init", "vendors"]:
        assert name in result.stdout


def test_version(runner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"crmselect {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_unknown_option_is_a_usage_error(runner, command) -> None:
    result = runner.invoke(app, [*command, "--colour"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "no-such-file.yaml"],
        ["vendors", "list", "--vendors", "no-such-folder"],
        ["vendors", "show", "alpha", "--vendors", "no-such-folder"],
        ["schema", "vendors"],
    ],
    ids=" ".join,
)
def test_missing_file_is_a_usage_error_in_one_line(runner, args) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("crmselect: "), lines


def test_piped_output_has_no_escape_sequences() -> None:
    result = run_module("vendors", "show", "alpha", "--vendors", LIB, NO_COLOR="1")
    assert result.returncode == 0, result.stderr
    assert "native" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr


def test_non_terminal_output_has_no_escapes_even_without_no_color(runner, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    for args in (
        ["vendors", "list", "--vendors", LIB],
        ["validate", str(REPO / "tests/bad_inputs/tabs.yaml")],
    ):
        result = runner.invoke(app, args)
        assert "\x1b" not in result.output


def test_internal_error_is_one_line_and_exit_3(runner, monkeypatch) -> None:
    import crmselect.library

    def broken(*args, **kwargs):
        raise RuntimeError("the library broke")

    monkeypatch.setattr(crmselect.library, "library_summary", broken)
    result = runner.invoke(app, ["vendors", "list", "--vendors", LIB])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        "crmselect: internal error: RuntimeError: the library broke (run with --debug for details)\n"
    )


def test_debug_lets_the_exception_through(runner, monkeypatch) -> None:
    import crmselect.library

    def broken(*args, **kwargs):
        raise RuntimeError("the library broke")

    monkeypatch.setattr(crmselect.library, "library_summary", broken)
    result = runner.invoke(app, ["vendors", "list", "--vendors", LIB, "--debug"])
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)


BROKEN = (
    "import sys, crmselect.library as lib\n"
    "def broken(*a, **k): raise RuntimeError('the library broke')\n"
    "lib.library_summary = broken\n"
    "from crmselect.cli import app\n"
    "sys.argv = ['crmselect', *sys.argv[1:]]\n"
    "app()\n"
)


def test_debug_prints_the_traceback_in_a_real_process() -> None:
    plain = run_module("vendors", "list", "--vendors", LIB, code=BROKEN)
    assert plain.returncode == 3
    assert "Traceback" not in plain.stderr
    assert len(plain.stderr.strip().splitlines()) == 1
    debug = run_module("vendors", "list", "--vendors", LIB, "--debug", code=BROKEN)
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "RuntimeError: the library broke" in debug.stderr


def test_messages_go_to_stderr_and_json_alone_to_stdout(runner) -> None:
    result = runner.invoke(app, ["vendors", "list", "--vendors", LIB, "--format", "json"])
    assert result.exit_code == 0
    assert result.stdout.startswith("{") and result.stderr == ""
