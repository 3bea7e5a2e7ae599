"""`crmselect init`: the files of a starter selection project.

The starter files are real files under ``templates/init/`` (installed with the package); the
JSON Schemas and the editor settings are generated so that they always match the models.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import tempfile
from pathlib import Path

from crmselect._resources import bundled
from crmselect.errors import UsageError
from crmselect.io.atomic import write_atomic
from crmselect.models import KINDS
from crmselect.schemas import json_schema_text
from crmselect.workflow.markets import (
    Market,
    example_scores_for,
    it_requirements_for,
    resolve,
    sales_requirements_for,
    scorecard_for,
)

SCHEMA_FOLDER = "schemas"
EDITOR_MAPPING = {
    "scorecard": ["scorecard.yaml"],
    "requirements": ["requirements/*.yaml"],
    "scores": ["scores/*.yaml"],
    "rfi-response": ["responses/*.yaml"],
    "judgments": ["weights/*.yaml"],
}
"""File kind -> the starter's files of that kind, for `.vscode/settings.json`."""


def schema_path(kind: str) -> str:
    return f"{SCHEMA_FOLDER}/{kind}.schema.json"


def starter_files(market: str | None = None, currency: str | None = None) -> dict[str, str]:
    """Relative path -> text of every file `init` writes, in writing order; for ``market``
    and ``currency`` when given (crmselect.workflow.markets), else the bundled CN/CNY starter."""
    root = bundled("templates") / "init"
    files: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            files[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    chosen = resolve(market, currency)
    if chosen is not None:
        files = for_market(files, chosen)
    files["scorecard.yaml"] = with_grounded_budget(files)
    for kind in KINDS:
        files[schema_path(kind)] = json_schema_text(kind)
    settings = {
        "yaml.schemas": {f"./{schema_path(kind)}": globs for kind, globs in EDITOR_MAPPING.items()}
    }
    files[".vscode/settings.json"] = json.dumps(settings, indent=2) + "\n"
    return files


def for_market(files: dict[str, str], market: Market) -> dict[str, str]:
    """The starter files rewritten for ``market``."""
    from crmselect.io.loader import load_file

    library = bundled("vendors")
    currencies = {
        vid: load_file(library / f"{vid}.yaml", "vendor").model.currency for vid in market.vendors
    }
    out = dict(files)
    out["scorecard.yaml"] = scorecard_for(files["scorecard.yaml"], market, currencies)
    out["requirements/it.yaml"] = it_requirements_for(files["requirements/it.yaml"], market)
    out["requirements/sales.yaml"] = sales_requirements_for(
        files["requirements/sales.yaml"], market
    )
    out["scores/example-evaluator.yaml"] = example_scores_for(
        files["scores/example-evaluator.yaml"], market
    )
    return out


_BUDGET_LINE = re.compile(r"(?m)^  budget: .*\n")


def with_grounded_budget(files: dict[str, str]) -> str:
    """The starter's scorecard with a budget that rests on the starter itself: the median
    deterministic 5-year total of its vendors (their library prices, its seat plan and
    scenario) plus the contingency share of its 5:3:2 split, rounded up to two significant
    figures; the comment above it says so. A starter whose budget no vendor can meet would
    put every vendor "over budget" before the committee has written a figure of its own."""
    import statistics

    from crmselect.io.loader import load_selection
    from crmselect.tco import simulate_tco

    with tempfile.TemporaryDirectory(prefix="crmselect-starter.") as folder:
        for name, text in files.items():
            if name.endswith(".yaml"):
                path = Path(folder) / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        selection = load_selection(Path(folder) / "scorecard.yaml")
        result = simulate_tco(selection, simulations=0)
    totals = [vendor.total for vendor in result.vendors]
    median = statistics.median(totals)
    contingency = selection.scenario.budget_split.contingency
    budget = _round_up(median / (1 - contingency))
    currency = selection.currency
    comment = (
        "  # The five-year budget the committee holds (optional). This figure is a placeholder\n"
        "  # that rests on the starter itself: the median 5-year total of its "
        f"{len(totals)} vendors\n"
        f"  # at the library's list prices with this scenario (about {round(median, -3):,.0f} "
        f"{currency}; crmselect\n"
        f"  # tco --simulations 0), plus the {contingency:.0%} contingency of the 5:3:2 split "
        "below.\n"
        "  # Replace it with the committee's own budget.\n"
    )
    text = files["scorecard.yaml"]
    return _BUDGET_LINE.sub(lambda _: f"{comment}  budget: {budget}\n", text, count=1)


def _round_up(value: float) -> int:
    """Up to two significant figures: 357,310 -> 360,000."""
    step = 10 ** max(0, len(str(int(value))) - 2)
    return int(math.ceil(value / step) * step)


def scaffold(target: Path, market: str | None = None, currency: str | None = None) -> list[Path]:
    """Write the starter selection into ``target`` (created if missing); returns the files.

    Refuses, writing nothing, when any of the files already exists."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"'{target}' is a file; name a folder")
    files = starter_files(market, currency)
    existing = [name for name in files if (target / name).exists()]
    if existing:
        shown = ", ".join(existing[:5]) + (
            f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        )
        raise UsageError(
            f"'{target}' already has {shown}; init never overwrites files "
            "(choose an empty folder or move them away)"
        )
    _check_writable(target, files)
    # All or nothing: every file is written into a staging folder beside the project, then
    # moved into place; a failure removes whatever was moved, so no partial project is left.
    made = [p for p in (target, *target.parents) if not p.exists()][::-1]
    try:
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".crmselect-init.", dir=target))
    except OSError as exc:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise UsageError(f"cannot write into '{target}': {exc.strerror or exc}") from None
    moved: list[Path] = []
    try:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
        for name in files:
            destination = target / name
            for folder in reversed(destination.relative_to(target).parents[:-1]):
                if not (target / folder).exists():
                    (target / folder).mkdir()
                    made.append(target / folder)
            os.replace(staging / name, destination)
            moved.append(destination)
    except BaseException as exc:
        for path in moved:
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write '{target}': {exc.strerror or exc}") from None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files]


def _check_writable(target: Path, files: dict[str, str]) -> None:
    """Refuse, before writing anything, symlinked or unwritable folders of the project."""
    folders = {Path(name).parent for name in files} - {Path(".")}
    for folder in sorted(folders):
        path = target / folder
        if path.is_symlink():
            raise UsageError(f"'{path}' is a symbolic link; init writes only into real folders")
        if path.exists() and not os.access(path, os.W_OK | os.X_OK):
            raise UsageError(f"cannot write into '{path}': permission denied")
    base = next(p for p in (target, *target.parents) if p.exists())
    if not os.access(base, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write into '{base}': permission denied")
