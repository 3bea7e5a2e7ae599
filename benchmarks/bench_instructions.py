"""Instructions executed by `crmselect score` start to finish, counted by valgrind (callgrind).

Wall time on these shared machines drifts by 1.5x from hour to hour; the number of instructions
a process executes does not (two runs agree within 0.5%), so this is the figure to compare one
change with another. Run from the repository root (needs valgrind):

    env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_instructions.py [--write]

Each command runs once first, so that its bytecode is cached as on a user's machine. The
seconds column converts instructions at the rate of the import-only floor on a quiet machine
(0.18 s): an estimate of the quiet wall time, since numeric code runs more instructions per
second than imports do.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _results import publish

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "scorecards" / "medical-devices-cn" / "scorecard.yaml"
QUIET_FLOOR_SECONDS = 0.18
"""The import-only floor's wall time on a quiet machine (benchmarks/RESULTS.md, score)."""

CASES = (
    ("floor: importing typer, pydantic, yaml, numpy, rich", ["-c", "import typer, pydantic, yaml, numpy, rich"]),
    (
        "floor of a typer + pydantic command (`benchmarks/_typer_floor.py`)",
        [str(ROOT / "benchmarks" / "_typer_floor.py"), "score", "-q"],
    ),
    ("`crmselect score EXAMPLE -f json -q`", ["-m", "crmselect", "score", str(EXAMPLE), "-f", "json", "-q"]),
    ("`crmselect score EXAMPLE -q` (the terminal table)", ["-m", "crmselect", "score", str(EXAMPLE), "-q"]),
)  # fmt: skip


def instructions(args: list[str]) -> int:
    """Instructions (callgrind's ``I refs``) of ``python ARGS``, bytecode cache warm."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={folder}/out",
                sys.executable,
                *args,
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    counts = [(label, instructions(case)) for label, case in CASES]
    floor = counts[0][1]
    lines = [
        "## Instructions of `crmselect score` (callgrind)",
        "",
        "Command: `env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 "
        "benchmarks/bench_instructions.py --write`",
        "",
        "| process | instructions | × floor | ≈ quiet wall time |",
        "|---|---:|---:|---:|",
    ]
    for label, count in counts:
        seconds = count / floor * QUIET_FLOOR_SECONDS
        lines.append(f"| {label} | {count / 1e9:.3f} G | {count / floor:.2f} | {seconds:.2f} s |")
    lines += [
        "",
        "The 0.4 s target is about "
        f"{0.4 / QUIET_FLOOR_SECONDS:.2f} × the floor's instructions "
        f"({0.4 / QUIET_FLOOR_SECONDS * floor / 1e9:.2f} G).",
    ]
    text = "\n".join(lines) + "\n"
    publish("instructions", text, args.write)


if __name__ == "__main__":
    main()
