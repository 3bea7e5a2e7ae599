"""A seeded mutation fuzzer over both bundled examples (issue 13): every command on every
mutant exits 0, 1 or 2, prints no traceback and no Python warning, changes no input, locates
every exit-1 problem at file:line, and writes no non-finite or negative amount; and validate
refuses exactly what score, tco and report refuse (one validation path).

The default run (a dozen mutants per example) takes well under a minute; ``pytest --slow``
adds the long run (150 mutants per example, or ``CRMSELECT_FUZZ_MUTANTS``).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import re
import shutil
import signal
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crmselect.cli import app

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.parent.name for p in (REPO / "scorecards").glob("*/scorecard.yaml"))
ENV = {"NO_COLOR": "1", "CRMSELECT_WIDTH": "120", "SOURCE_DATE_EPOCH": "1767225600"}
LOCATED = re.compile(r"^\S.*?:\d+:\d+: ")
SUMMARY = re.compile(r"^\d+ problems? in \d+ files?$")
SECONDS_PER_RUN = 30

# Values a mutation writes in place of a scalar: extreme, non-finite, wrong types, hostile text.
REPLACEMENTS = [
    "0",
    "-1",
    "1e308",
    "-1e308",
    "1e12",
    "1e13",
    ".inf",
    "-.inf",
    ".nan",
    "1e-320",
    "9999999999999999999999",
    "true",
    "null",
    "[]",
    "{}",
    "'text'",
    '"\\u2028x"',
    '"a\\nb"',
    '"\\x1b[2J"',
    '":100: :smile:"',
    '"[bold]x[/bold]"',
    '"=HYPERLINK(1)"',
    '"{{ 7*7 }}"',
    "'" + "x" * 5000 + "'",
    "&a [*a]",
    "*nope",
    "!!python/object/apply:os.system ['true']",
    "4:00",
    "NO",
    "2026-02-30",
    "0x1F",
    "'RMB'",
    "1/3",
]


def _selection(tmp: Path, example: str) -> Path:
    """The example and a copy of the vendor library it uses, side by side, all writable."""
    shutil.copytree(REPO / "scorecards" / example, tmp / "sel")
    shutil.copytree(REPO / "vendors", tmp / "vendors")
    return tmp / "sel" / "scorecard.yaml"


def _files(tmp: Path, card: Path) -> list[Path]:
    text = card.read_text(encoding="utf-8")
    used = set(re.findall(r"^\s*-\s*([a-z0-9][\w.-]*)\s*(?:#.*)?$", text, flags=re.M))
    used |= {
        v.strip()
        for m in re.findall(r"^vendors:\s*\[([^\]]*)\]", text, flags=re.M)
        for v in m.split(",")
    }
    vendors = [p for p in sorted((tmp / "vendors").glob("*.yaml")) if p.stem in used]
    return [
        card,
        *sorted(card.parent.rglob("*.yaml"))[1:],
        *vendors,
        tmp / "vendors" / "features.yaml",
    ]


def _mutations(rng: random.Random) -> list[Callable[[str], str]]:
    def delete_line(text: str) -> str:
        lines = text.splitlines(keepends=True)
        del lines[rng.randrange(len(lines))]
        return "".join(lines)

    def duplicate_line(text: str) -> str:
        lines = text.splitlines(keepends=True)
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "".join(lines)

    def replace_value(text: str) -> str:
        spots = list(re.finditer(r"(?<=: )[^\s#{}\[\],][^#\n{}\[\],]*", text))
        if not spots:
            return text
        m = rng.choice(spots)
        return text[: m.start()] + rng.choice(REPLACEMENTS) + text[m.end() :]

    def rename_key(text: str) -> str:
        keys = list(re.finditer(r"^(\s*)([a-z_]+):", text, flags=re.M))
        if not keys:
            return text
        m = rng.choice(keys)
        new = rng.choice(
            [m.group(2) + "x", m.group(2)[:-1], m.group(2).upper(), "kind", "\u3000" + m.group(2)]
        )
        return text[: m.start(2)] + new + text[m.end(2) :]

    def truncate(text: str) -> str:
        return text[: rng.randrange(len(text) + 1)]

    def control(text: str) -> str:
        i = rng.randrange(len(text) + 1)
        return (
            text[:i] + rng.choice(["\u2028", "\x1b", "\x00", "\t", "\u202e", "\ufeff"]) + text[i:]
        )

    def indent(text: str) -> str:
        lines = text.splitlines(keepends=True)
        i = rng.randrange(len(lines))
        lines[i] = (
            rng.choice(["  ", "\t", ""]) + lines[i].lstrip(" ")
            if rng.random() < 0.5
            else "  " + lines[i]
        )
        return "".join(lines)

    return [
        delete_line,
        duplicate_line,
        replace_value,
        replace_value,
        replace_value,
        rename_key,
        truncate,
        control,
        indent,
    ]


def mutants(example: str, count: int, seed: int) -> Iterator[tuple[int, str]]:
    rng = random.Random(f"{example}:{seed}")
    for index in range(count):
        yield index, f"{example}-{seed}-{index}-{rng.random()}"


def _sha(paths: list[Path]) -> dict[Path, tuple[str, int]]:
    return {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
        for p in paths
        if p.is_file()
    }


def _amounts(data: object, path: str = "") -> Iterator[tuple[str, float]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _amounts(v, f"{path}.{k}")
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _amounts(v, f"{path}[{i}]")
    elif isinstance(data, int | float) and not isinstance(data, bool):
        yield path, float(data)


AMOUNT_KEYS = {
    "total",
    "npv",
    "yearly",
    "seats_by_year",
    "billed_by_year",
    "p10",
    "p50",
    "p90",
    "mean",
    "npv_mean",
    "npv_p10",
    "npv_p50",
    "npv_p90",
    "software",
    "services",
    "recommended",
    "contingency",
    "per_seat_month",
    "excess",
    "cost",
    "price",
    "budget",
}
"""Amounts and counts that can never be negative (signed measures such as an evaluator's
lean or a break-even change are not amounts)."""


def _is_amount(path: str) -> bool:
    last = re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
    return last in AMOUNT_KEYS or ".costs." in path


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _run(args: list[str]) -> tuple[int, str, str, list[str]]:
    """One command in process, with a time limit; returns exit code, stdout, stderr, warnings."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_RUN)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = CliRunner().invoke(app, args, env=ENV)
    except _Timeout:
        pytest.fail(f"hang: crmselect {' '.join(args)}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return result.exit_code, result.stdout, result.stderr, [str(w.message) for w in caught]


def check_mutant(tmp: Path, example: str, seed_text: str) -> list[str]:
    """Mutate one file of a fresh copy of ``example`` and run every command on it; returns
    the broken promises (empty when every run kept them)."""
    rng = random.Random(seed_text)
    card = _selection(tmp, example)
    files = _files(tmp, card)
    target = rng.choice(files)
    text = target.read_text(encoding="utf-8")
    mutate = rng.choice(_mutations(rng))
    target.write_text(mutate(text), encoding="utf-8")
    inputs = sorted(p for p in (tmp / "sel").rglob("*") if p.is_file()) + sorted(
        (tmp / "vendors").glob("*")
    )
    before = _sha(inputs)
    out = tmp / "out"
    out.mkdir()
    runs = [
        ["validate", str(tmp / "sel")],
        ["score", str(card), "-f", "json", "--sensitivity", "50", "--simulations", "20"],
        ["tco", str(card), "-f", "json", "--simulations", "50"],
        ["tco", str(card), "-f", "csv", "--simulations", "0"],
        [
            "report",
            str(card),
            "-o",
            str(out / "r.md"),
            "--simulations",
            "50",
            "--sensitivity",
            "50",
        ],
    ]
    broken = []
    where = f"{target.relative_to(tmp)} ({mutate.__name__})"
    codes: dict[str, int] = {}
    for args in runs:
        code, stdout, stderr, caught = _run(args)
        codes.setdefault(args[0], code)
        name = f"{args[0]} {args[-1] if args[0] == 'validate' else ''}".strip()
        if code not in (0, 1, 2):
            broken.append(f"{where}: {name}: exit {code}: {stderr.strip()[:300]}")
        if "Traceback" in stdout + stderr or "internal error" in stderr:
            broken.append(f"{where}: {name}: {stderr.strip()[:300]}")
        if caught or "Warning" in stderr:
            broken.append(f"{where}: {name}: Python warnings {caught or stderr[:200]}")
        if code == 1:
            bad = [
                ln
                for ln in stderr.splitlines()
                if ln
                and not LOCATED.match(ln)
                and not SUMMARY.match(ln)
                and not ln.startswith("warning:")
            ]
            if bad:
                broken.append(f"{where}: {name}: unlocated: {bad[:3]}")
        if code == 0 and args[0] in ("score", "tco") and "json" in args:
            data = json.loads(stdout)
            for path, value in _amounts(data):
                if not math.isfinite(value):
                    broken.append(f"{where}: {name}: {path} = {value}")
                elif value < 0 and _is_amount(path):
                    broken.append(f"{where}: {name}: negative {path} = {value}")
        if code == 0 and args[0] == "report":
            report = (out / "r.md").read_text(encoding="utf-8")
            for word in ("None", "nan", "inf ", "NaN", "-9223372036854775808"):
                if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", report):
                    broken.append(f"{where}: report shows {word!r}")
    # One validation path: what validate refuses every command refuses, and what it passes
    # no command refuses as an input problem.
    refused = {name for name, code in codes.items() if code == 1}
    if refused and refused != set(codes):
        broken.append(f"{where}: exit 1 from {sorted(refused)} only: {codes}")
    after = _sha(inputs)
    if after != before:
        changed = [str(p) for p in before if before[p] != after.get(p)]
        broken.append(f"{where}: inputs changed: {changed}")
    return broken


def _count(default: int) -> int:
    return int(os.environ.get("CRMSELECT_FUZZ_MUTANTS", default))


@pytest.mark.parametrize("example", EXAMPLES)
def test_fuzz_every_command_keeps_its_promises(example: str, tmp_path: Path) -> None:
    problems = []
    for index, seed_text in mutants(example, _count(12), seed=13):
        problems += check_mutant(tmp_path / str(index), example, seed_text)
    assert problems == []


@pytest.mark.long
@pytest.mark.parametrize("example", EXAMPLES)
def test_fuzz_long_run(example: str, tmp_path: Path) -> None:
    problems = []
    for index, seed_text in mutants(example, _count(150), seed=2026):
        problems += check_mutant(tmp_path / str(index), example, seed_text)
    assert problems == []
