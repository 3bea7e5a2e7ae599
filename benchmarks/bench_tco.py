"""Benchmark of `crmselect tco`.

Run from the repository root (unset PYTHONDONTWRITEBYTECODE so .pyc files are used as for an
installed package):

    env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_tco.py

Measures (1) the whole process `crmselect tco EXAMPLE --format json` with 10,000 paths
(target < 0.6 s wall, imports included), (2) 10 vendors x 1,000,000 paths through
`simulate_tco` (target < 8 s, peak RSS < 1 GB, measured in a child process with
resource.getrusage) and (3) the ratio of (2) to a bare numpy loop doing the same arithmetic.
``--write`` records the figures in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import msgspec
from _results import publish

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scorecards" / "medical-devices-cn" / "scorecard.yaml"
FIXTURE = ROOT / "tests" / "fixtures" / "tco" / "scorecard.yaml"
PATHS = 1_000_000
VENDORS = 10


def ten_vendor_selection():
    """The TCO fixture with uncertain scenario numbers and 10 copies of its vendors."""
    from crmselect.io.loader import load_selection
    from crmselect.models.scorecard import Scenario

    base = load_selection(FIXTURE)
    data = base.scenario.model_dump()
    data["seats"] = {"start": 50, "growth": {"low": 0.0, "mode": 0.3, "high": 0.6}}
    data["migration"]["dirty_share"] = {"low": 0.1, "mode": 0.2, "high": 0.4}
    data["support_hours_per_year"] = {"dist": "normal", "mean": 20, "sd": 10}
    scenario = Scenario.model_validate(data, strict=False)
    vendors = {}
    for i in range(VENDORS):
        source = list(base.vendors.values())[i % 2]
        services = source.services.model_copy(
            update={"implementation_days": {"low": 10, "mode": 20, "high": 40}}
        )
        services = type(source.services).model_validate(services.model_dump(), strict=False)
        vendors[f"v{i}"] = source.model_copy(
            update={"id": f"v{i}", "name": f"Vendor {i}", "services": services}
        )
    card = base.scorecard.model_copy(update={"scenario": scenario, "vendors": list(vendors)})
    return msgspec.structs.replace(
        base, scorecard=card, vendors=vendors, scenarios=dict.fromkeys(vendors, scenario)
    )


def inner_library() -> None:
    from crmselect.tco import simulate_tco

    selection = ten_vendor_selection()
    start = time.perf_counter()
    simulate_tco(selection, simulations=PATHS, seed=42)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak:.0f}")


def inner_bare() -> None:
    """The same arithmetic for the same inputs, written directly: no models, no dictionaries."""
    import numpy as np

    rng = np.random.default_rng(42)
    chunk = 50_000
    totals = np.empty((PATHS, VENDORS))
    start = time.perf_counter()
    y = np.arange(5)
    max_seats = np.array([100, 250, np.inf])
    price = np.array([10, 25, 40]) * 7.0
    for c in range(0, PATHS, chunk):
        growth = rng.triangular(0.0, 0.3, 0.6, (chunk, 4))
        dirty = rng.triangular(0.1, 0.2, 0.4, (chunk, 1))
        hours = np.clip(rng.normal(20, 10, (chunk, 1)), 0, None)
        seats = np.ones((chunk, 5))
        seats[:, 1:] = np.cumprod(1 + growth, axis=1)
        n = np.ceil(np.round(50 * seats, 6))
        for v in range(VENDORS):
            days = rng.triangular(10, 20, 40, (chunk, 1))
            plan = np.zeros((chunk, 5), dtype=np.intp)
            prev = np.zeros(chunk, dtype=np.intp)
            for t in range(5):
                fits = n[:, t] <= max_seats[prev]
                cand = (n[:, t, None] <= max_seats[None, :]) & (np.arange(3) > prev[:, None])
                prev = np.where(fits, prev, np.where(cand.any(1), cand.argmax(1), 2))
                plan[:, t] = prev
            k = 1.05**y
            disc = np.where(y == 0, 0.1, 1.0)
            licence = 12 * n * price[plan] * k * disc
            addons = (12 * n * 14 + 700) * k * (plan < 2)
            support = 0.1 * (licence + addons) + hours * 1400
            impl = (y == 0) * days * 5600
            trained = np.empty((chunk, 5))
            trained[:, 0] = n[:, 0]
            trained[:, 1:] = np.maximum(0, n[:, 1:] - n[:, :-1]) + 0.1 * n[:, :-1]
            training = trained * 1200 + (y > 0) * n * 200
            one = (y == 0) * (60000 + 80000 + 10000 + 10000 * dirty * 5)
            yearly = licence + addons + support + impl + training + one + 100000
            totals[c : c + chunk, v] = yearly.sum(1)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak:.0f}")


def child(mode: str) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, __file__, mode], capture_output=True, text=True, env=env, check=True
    )
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def whole_process(scorecard: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "crmselect", "tco", str(scorecard), "--format", "json",
               "--simulations", "10000", "--quiet"]  # fmt: skip
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm the .pyc cache
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2], min(times)


def main() -> None:
    scorecard = EXAMPLE if EXAMPLE.exists() else FIXTURE
    wall, best = whole_process(scorecard)
    lib_s, lib_mb = child("--inner-library")
    bare_s, bare_mb = child("--inner-bare")
    import numpy

    report = f"""## `crmselect tco`

`env -u PYTHONDONTWRITEBYTECODE PYTHONPATH=$PWD python3 benchmarks/bench_tco.py --write`

Machine: {platform.platform()}, Python {platform.python_version()}, NumPy {numpy.__version__}, nproc {len(os.sched_getaffinity(0))}.

| measure | result | target |
|---|---|---|
| whole process, `crmselect tco {scorecard.relative_to(ROOT)} --format json`, 10,000 paths (median of 7, imports included) | {wall:.3f} s (best {best:.3f}) | < 0.6 s |
| `simulate_tco`, {VENDORS} vendors x {PATHS:,} paths | {lib_s:.2f} s | < 8 s |
| peak RSS of that process | {lib_mb:.0f} MB | < 1 GB |
| bare numpy loop, same arithmetic and paths | {bare_s:.2f} s, {bare_mb:.0f} MB | |
| ratio library / bare numpy | {lib_s / bare_s:.2f} | |
"""
    publish("tco", report, "--write" in sys.argv)


if __name__ == "__main__":
    if sys.argv[1:] == ["--inner-library"]:
        inner_library()
    elif sys.argv[1:] == ["--inner-bare"]:
        inner_bare()
    else:
        main()  # --write records the figures
