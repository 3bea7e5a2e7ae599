"""Write one benchmark's section into benchmarks/RESULTS.md, leaving the others as they are."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = """# Benchmarks

Measured on this project's 2-core machines. Each section is written by its script with
`--write`; run them from the repository root when the machine is otherwise idle:

    env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_score.py --write
    env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_tco.py --write
    env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_report.py --write
    env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_instructions.py --write

Whole-process figures include the interpreter's start-up and every import, with bytecode
caching on, as on a user's machine (`PYTHONDONTWRITEBYTECODE` unset).
"""


def write_section(name: str, text: str) -> None:
    """Replace (or append) the section ``name`` of RESULTS.md with ``text``."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    block = f"<!-- begin {name} -->\n{text.rstrip()}\n<!-- end {name} -->"
    pattern = re.compile(rf"<!-- begin {name} -->.*?<!-- end {name} -->", re.S)
    if pattern.search(current):
        current = pattern.sub(lambda _: block, current)
    else:
        current = current.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(current, encoding="utf-8")


def publish(name: str, text: str, write: bool) -> None:
    """Print a benchmark's section, and with ``--write`` (``write``) record it in RESULTS.md."""
    print(text)
    if write:
        write_section(name, text)
