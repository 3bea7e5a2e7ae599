"""Benchmark of `crmselect score`.

Run from the repository root:

    PYTHONPATH=$PWD python3 benchmarks/bench_score.py [--runs 7] [--write]

1. The bundled example end to end as a whole process (`python -m crmselect score ...`),
   timed around the subprocess; median of several runs (bytecode caching left on).
2. A generated 200 vendors × 5,000 requirements with 10,000 weight draws, in process: time to
   build the selection, time of `score()`, and peak memory (``ru_maxrss``).

``--write`` records the figures in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from _results import publish

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "scorecards" / "medical-devices-cn" / "scorecard.yaml"
LEVELS = ["native", "addon", "partner", "custom", "roadmap", "none"]


TABLE: list[float] = []
TABLE_CPU: list[float] = []
TYPER: list[float] = []
TYPER_CPU: list[float] = []


def whole_process(runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """The example end to end, and the floor (a process that only imports typer, pydantic,
    yaml, numpy, jinja2 and rich), run alternately so that both see the same machine speed:
    wall times, then CPU times (user + system of the child process), of each."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "crmselect", "score", str(EXAMPLE), "-f", "json", "-q"]
    floor_cmd = [sys.executable, "-c", "import typer, pydantic, yaml, numpy, jinja2, rich"]
    table_cmd = [*cmd[:-3], "-q"]  # the default format (the terminal table)
    typer_cmd = [sys.executable, str(ROOT / "benchmarks" / "_typer_floor.py"), "score", "-q"]
    for command in (cmd, table_cmd, typer_cmd):  # warm the bytecode cache
        subprocess.run(command, env=env, check=True, capture_output=True)
    times: list[float] = []
    floor: list[float] = []
    cpu: list[float] = []
    floor_cpu: list[float] = []
    for _ in range(runs):
        for command, into, cpu_into in (
            (cmd, times, cpu),
            (floor_cmd, floor, floor_cpu),
            (table_cmd, TABLE, TABLE_CPU),
            (typer_cmd, TYPER, TYPER_CPU),
        ):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            into.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_into.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, floor, cpu, floor_cpu


def large_selection(
    vendors: int = 200, requirements: int = 5000, features: int = 600, seed: int = 0
):
    """A valid selection built straight from the models (no YAML)."""
    from crmselect.models.scorecard import Scorecard
    from crmselect.models.selection import Selection
    from crmselect.models.vendor import FeatureCatalogue, Vendor

    rng = np.random.default_rng(seed)
    cats = [f"c{i}" for i in range(8)]
    feats = [f"f{i:04d}" for i in range(features)]
    reqs = [
        {
            "id": f"R{i:05d}",
            "title": f"Need {i}",
            "category": cats[i % len(cats)],
            "priority": "must" if i < 5 else "nice",
            "importance": int(rng.integers(1, 6)),
            "feature": feats[int(rng.integers(0, features))],
        }
        for i in range(requirements)
    ]
    ids = [f"v{j:03d}" for j in range(vendors)]
    card = Scorecard.model_validate(
        {
            "kind": "scorecard",
            "title": "Large generated selection",
            "currency": "EUR",
            "vendors": ids,
            "threshold": 0.4,
            "categories": {c: {"weight": float(rng.integers(1, 10))} for c in cats},
            "requirements": reqs,
            "scenario": {"seats": {"start": 50}},
        },
        strict=False,
    )
    probs = [0.55, 0.1, 0.1, 0.1, 0.05, 0.1]
    models = {}
    for vid in ids:
        plans = []
        for p in range(3):
            levels = rng.choice(LEVELS, size=features, p=probs)
            table = {
                f: str(lv)
                for f, lv in zip(feats, levels, strict=True)
                if lv not in ("addon", "none")
            }
            plans.append(
                {
                    "name": f"P{p}",
                    "per_seat_month": 10.0 * (p + 1),
                    **({"extends": f"P{p - 1}"} if p else {}),
                    "features": table,
                }
            )
        addon_feats = rng.choice(feats, size=20, replace=False)
        models[vid] = Vendor.model_validate(
            {
                "kind": "vendor",
                "id": vid,
                "name": f"Vendor {vid}",
                "currency": "EUR",
                "prices_as_of": "2026-01",
                "price_confidence": "vendor",
                "plans": plans,
                "addons": [{"name": f"{f} pack", "feature": str(f)} for f in addon_feats],
            },
            strict=False,
        )
    catalogue = FeatureCatalogue.model_validate(
        {"kind": "features", "features": {f: {"title": f} for f in feats}}
    )
    return Selection(
        scorecard=card,
        path=Path("large.yaml"),
        requirements=tuple(card.requirements),
        vendors=models,
        scenarios=dict.fromkeys(ids, card.scenario),
        features=catalogue,
    )


def demo_scores(selection, evaluators: int = 3, shortlist: int = 20, requirements: int = 50):
    """Three evaluators' demo scores (halves 0..5) of every 10th vendor on the first 50
    requirements (the must-haves among them), each evaluator with their own lean. The
    must-haves score high (about 4.4 of 5), so that most of these vendors qualify and their
    scored cells are resampled in every draw."""
    import msgspec

    from crmselect.models.scorecard import ScoreFile

    rng = np.random.default_rng(1)
    ids = list(selection.vendors)[:: max(1, len(selection.vendors) // shortlist)][:shortlist]
    reqs = selection.requirements[:requirements]
    sheets = []
    for e in range(evaluators):
        lean = (e - 1) * 0.5
        scores = {
            vid: {
                r.id: float(
                    np.clip(
                        np.round(
                            (
                                rng.normal(*((4.4, 0.5) if r.priority == "must" else (3.5, 1.2)))
                                + lean
                            )
                            * 2
                        )
                        / 2,
                        0,
                        5,
                    )
                )
                for r in reqs
            }
            for vid in ids
        }
        sheets.append(
            ScoreFile.model_validate({"kind": "scores", "evaluator": f"e{e}", "scores": scores})
        )
    return msgspec.structs.replace(selection, scores=tuple(sheets))


def large(draws: int = 10_000, fits: str = "fixed") -> dict[str, float]:
    """One large case, in this process (its peak memory is this process's)."""
    from crmselect.scoring import score

    start = time.perf_counter()
    selection = large_selection()
    if fits == "evaluators":
        selection = demo_scores(selection)
    built = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    result = score(selection, draws=draws, as_of="2026-06", fits=fits)
    scored, scored_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    qualified = {v.id for v in result.vendors if v.qualified}
    cells = result.robustness.fit_cells if result.robustness else 0
    by_cell: dict[tuple[str, str], set[float]] = {}
    for sheet in selection.scores:
        for vid, row in sheet.scores.items():
            for rid, value in row.items():
                by_cell.setdefault((vid, rid), set()).add(float(value))
    resampled = sum(1 for (vid, _), v in by_cell.items() if vid in qualified and len(v) > 1)
    return {
        "build": built,
        "score": scored,
        "score_cpu": scored_cpu,
        "peak_mib": peak_mib,
        "qualified": len(qualified),
        "fit_cells": cells,
        "resampled": resampled,
    }


def large_in_subprocess(fits: str) -> dict[str, float]:
    """:func:`large` in a fresh process, so each case's peak memory is its own."""
    import json

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--case", fits],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--case", choices=("fixed", "evaluators"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        import json

        print(json.dumps(large(fits=args.case)))
        return
    times, floor, cpu, floor_cpu = whole_process(args.runs)
    above = [t - f for t, f in zip(times, floor, strict=True)]
    big = large_in_subprocess("fixed")
    drawn = large_in_subprocess("evaluators")
    nproc = os.cpu_count()
    lines = [
        "## `crmselect score`",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"numpy {np.__version__}, nproc {nproc}.",
        "Command: `env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_score.py --write`",
        "",
        "| case | measured | target |",
        "|---|---:|---:|",
        f"| bundled example end to end, whole process, median of {args.runs} | "
        f"{statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}) | < 0.4 s |",
        f"| floor: a process importing typer, pydantic, yaml, numpy, jinja2, rich, median | "
        f"{statistics.median(floor):.3f} s | (about 0.18 s on a quiet machine) |",
        f"| bundled example above the floor (crmselect's own imports and work) | "
        f"{statistics.median(above):.3f} s | < 0.22 s |",
        f"| same, default format (the terminal table), whole process, median | "
        f"{statistics.median(TABLE):.3f} s | < 0.4 s |",
        f"| floor of a typer + pydantic command: `benchmarks/_typer_floor.py` (score's 11 "
        f"parameters, one small model), median | {statistics.median(TYPER):.3f} s | – |",
        f"| 200 vendors × 5,000 requirements, 10,000 draws: `score()` wall (CPU) | "
        f"{big['score']:.3f} s ({big['score_cpu']:.3f} s) | < 3 s |",
        f"| same: building the selection models (not part of `score()`) | {big['build']:.3f} s | – |",
        f"| same: peak memory of the process (ru_maxrss) | {big['peak_mib']:.0f} MiB | < 1 GB |",
        f"| same with `fits: evaluators` (3 evaluators' scores of 20 vendors × 50 requirements): "
        f"`score()` wall (CPU) | {drawn['score']:.3f} s ({drawn['score_cpu']:.3f} s) | < 3 s |",
        f"| same: peak memory of the process (ru_maxrss) | {drawn['peak_mib']:.0f} MiB | < 1 GB |",
        "",
        f"Large case: {int(big['qualified'])} of 200 vendors qualify (threshold 0.4, 5 must-haves).",
        f"With `fits: evaluators`, {int(drawn['qualified'])} vendors qualify and "
        f"{int(drawn['fit_cells']):,} of their cells are drawn in each of the 10,000 draws: "
        f"{int(drawn['resampled']):,} resampled from the demo scores, the rest unknown claims.",
        "CPU is the process's user + system time during `score()` (`time.process_time`): on",
        "these shared machines it varies far less than the wall time.",
        "",
        "These machines' speed drifts by up to 1.5× from hour to hour; the floor row measures it.",
        "The 0.4 s target assumes the 0.18 s floor, so crmselect's own share must stay under",
        "0.22 s.",
        "",
        f"CPU time (user + system of the process, best of {args.runs}), which the load of a",
        "shared machine inflates less than the wall time: bundled example "
        f"{min(cpu):.3f} s, floor {min(floor_cpu):.3f} s, ratio {min(cpu) / min(floor_cpu):.2f}; "
        f"terminal table {min(TABLE_CPU):.3f} s; typer + pydantic floor {min(TYPER_CPU):.3f} s.",
    ]
    text = "\n".join(lines) + "\n"
    publish("score", text, args.write)


if __name__ == "__main__":
    main()
