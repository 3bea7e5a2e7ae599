"""`crmselect init`: the files of a starter selection project.

The starter files are real files under ``templates/init/`` (installed with the package); the
JSON Schemas and the editor settings are generated so that they always match the models.
"""

from __future__ import annotations

import json
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
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
        written.append(path)
    return written
