"""The docs keep step with the CLI: every command's --help in docs/cli.md, the README's two
quickstart commands, and .ci/run running the README's test command verbatim."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from crmselect.cli import app

REPO = Path(__file__).resolve().parent.parent
CLI_DOC = REPO / "docs" / "cli.md"
BEGIN, END = "<!-- begin generated help -->", "<!-- end generated help -->"


def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    names: list[list[str]] = []
    for name, command in group.commands.items():
        sub = getattr(command, "commands", None)
        if sub:
            names += [[name, child] for child in sub]
        else:
            names.append([name])
    return names


def _help(words: list[str]) -> str:
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "crmselect", *words, "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    text = result.stdout.replace("python -m crmselect", "crmselect")
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def generated_help() -> str:
    parts = []
    for words in _commands():
        parts.append(f"### `crmselect {' '.join(words)}`\n\n```text\n{_help(words)}\n```\n")
    return "\n".join(parts)


def test_every_command_is_documented_with_its_current_help(request: pytest.FixtureRequest) -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    current = f"{head}{BEGIN}\n{generated_help()}\n{END}{tail}"
    if request.config.getoption("--update-golden"):
        CLI_DOC.write_text(current, encoding="utf-8")
    assert text == current, "docs/cli.md is stale: rerun pytest with --update-golden"
    for words in _commands():
        assert f"`crmselect {' '.join(words)}`" in text


def _quickstart() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_the_readme_quickstart_is_two_commands_and_ci_runs_the_second() -> None:
    commands = _quickstart()
    assert len(commands) == 2
    install_and_score, install_and_test = commands
    assert install_and_score.endswith("crmselect score")
    assert "pip install ." in install_and_score
    assert install_and_test.endswith("python -m pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()
