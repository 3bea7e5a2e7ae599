"""Benchmark of `crmselect report`.

Run from the repository root (unset PYTHONDONTWRITEBYTECODE so .pyc files are used as for an
installed package):

    env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_report.py

Measures the whole process `crmselect report EXAMPLE -o FILE` with 10,000 cost paths and
10,000 weight draws, HTML and Markdown (target < 2 s wall, imports included; best and median
of 5 runs), and the share of it spent in rendering alone (in-process, after the results exist).
``--write`` records the figures in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import publish

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("medical-devices-cn", "b2b-software-eu")
RUNS = 5
TARGET = 2.0


def whole_process(example: str, suffix: str) -> list[float]:
    scorecard = ROOT / "scorecards" / example / "scorecard.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767225600"}
    times = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"report{suffix}"
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "crmselect",
                    "report",
                    str(scorecard),
                    "-o",
                    str(out),
                    "--simulations",
                    "10000",
                    "--sensitivity",
                    "10000",
                    "--quiet",
                ],
                env=env,
                check=True,
            )
            times.append(time.perf_counter() - start)
    return times


def render_only(example: str) -> tuple[float, float, int]:
    sys.path.insert(0, str(ROOT))
    from crmselect._resources import example_scorecard
    from crmselect.decision import decide
    from crmselect.io.loader import load_selection
    from crmselect.render.report import render_html, render_markdown

    selection = load_selection(example_scorecard(example))
    decision = decide(selection, seed=42, simulations=10_000, draws=10_000)
    start = time.perf_counter()
    html = render_html(decision)
    middle = time.perf_counter()
    render_markdown(decision)
    end = time.perf_counter()
    return middle - start, end - middle, len(html.encode("utf-8"))


def main() -> None:
    rows = []
    for example in EXAMPLES:
        for suffix in (".html", ".md"):
            t = whole_process(example, suffix)
            rows.append((example, suffix, min(t), statistics.median(t)))
            print(f"{example} {suffix}: best {min(t):.2f} s, median {statistics.median(t):.2f} s")
    renders = []
    for example in EXAMPLES:
        html_s, md_s, size = render_only(example)
        renders.append((example, html_s, md_s, size))
        print(
            f"{example}: render html {html_s * 1000:.0f} ms, md {md_s * 1000:.0f} ms, {size:,} bytes"
        )
    worst = max(r[3] for r in rows)
    lines = [
        "## `crmselect report`",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs. Run: `env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 "
        "benchmarks/bench_report.py --write`.",
        "",
        f"Whole process, 10,000 cost paths and 10,000 weight draws, {RUNS} runs each "
        f"(target < {TARGET:.0f} s wall):",
        "",
        "| example | format | best (s) | median (s) |",
        "|---|---|--:|--:|",
        *[f"| {e} | {s} | {b:.2f} | {m:.2f} |" for e, s, b, m in rows],
        "",
        f"Worst median {worst:.2f} s: {'within' if worst < TARGET else 'OVER'} the target.",
        "",
        "Rendering alone (results already computed):",
        "",
        "| example | HTML (ms) | Markdown (ms) | HTML size (bytes) |",
        "|---|--:|--:|--:|",
        *[f"| {e} | {h * 1000:.0f} | {m * 1000:.0f} | {n:,} |" for e, h, m, n in renders],
        "",
    ]
    publish("report", "\n".join(lines), "--write" in sys.argv)


if __name__ == "__main__":
    main()
