"""Load input files by their `kind:` and assemble a validated :class:`Selection`.

Every problem is collected and raised together as one :class:`InputError`, each located by
file, line, column and key.
"""

from __future__ import annotations

import copy
import os
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from crmselect._resources import find_vendors_dir
from crmselect.errors import InputError, Problem, UsageError
from crmselect.io.locate import did_you_mean, problems_from_validation
from crmselect.io.yamlsafe import YamlDocument, dotted, load_yaml_file
from crmselect.models import KINDS
from crmselect.models.common import Distribution
from crmselect.models.scorecard import Requirement, RequirementFile, Scenario, Scorecard, ScoreFile
from crmselect.models.selection import Selection
from crmselect.models.vendor import FeatureCatalogue, Vendor
from crmselect.workflow.shortlist import Shortlist

YAML_SUFFIXES = (".yaml", ".yml")


def display_path(path: Path) -> str:
    """A path as users want to read it: relative to the current folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True)
class Loaded:
    """One validated file: its document (data and marks) and its model."""

    doc: YamlDocument
    model: Any
    path: Path


def validate_document(doc: YamlDocument, expect: str | None = None) -> Any:
    """Validate a parsed document against the model its `kind:` names."""
    kind = doc.data.get("kind")
    if kind is None:
        raise InputError([doc.problem((), f"missing 'kind:' (one of {', '.join(KINDS)})")])
    if not isinstance(kind, str) or kind not in KINDS:
        hint = did_you_mean(str(kind), KINDS)
        message = f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}{hint}"
        raise InputError([doc.problem(("kind",), message)])
    if expect is not None and kind != expect:
        raise InputError([doc.problem(("kind",), f"expected a {expect} file, found kind: {kind}")])
    model = KINDS[kind]
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, doc, model)) from None


def load_file(path: Path, expect: str | None = None) -> Loaded:
    """Read, parse and validate one file."""
    doc = load_yaml_file(path, display_path(path))
    return Loaded(doc, validate_document(doc, expect), path)


def has_kind(path: Path) -> bool:
    """True when the file looks like a crmselect file: a top-level `kind:` line."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return any(line.startswith(b"kind:") for line in head.splitlines())


# ---------------------------------------------------------------------------------------------
# Overrides: dotted paths to numbers of the scenario or of a vendor profile


def _numeric(annotation: Any) -> bool:
    if annotation in (int, float):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation in typing.get_args(Distribution) or issubclass(
            annotation, typing.get_args(Distribution)
        )
    return any(_numeric(arg) for arg in typing.get_args(annotation))


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, dict, tuple):
        return None
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


@cache
def numeric_paths(model: type[BaseModel]) -> frozenset[str]:
    """Dotted paths to every number of ``model`` that an override may replace."""
    paths: set[str] = set()
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if _numeric(annotation):
            paths.add(name)
        else:
            sub = _submodel(annotation)
            if sub is not None:
                paths.update(f"{name}.{p}" for p in numeric_paths(sub))
    return frozenset(paths)


def _set_path(data: dict[str, Any], dotted_path: str, value: Any) -> None:
    parts = dotted_path.split(".")
    current = data
    for part in parts[:-1]:
        child = current.get(part)
        if not isinstance(child, dict):
            child = {}
            current[part] = child
        current = child
    current[parts[-1]] = value


def _plain(value: Any) -> Any:
    return value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value


# ---------------------------------------------------------------------------------------------
# The selection


def _expand(
    base: Path, patterns: list[str], doc: YamlDocument, key: str | tuple[str, ...]
) -> tuple[list[Path], list[Problem]]:
    """The files ``patterns`` match, sorted, and one problem per pattern that matches none."""
    where = key if isinstance(key, tuple) else (key,)
    files: list[Path] = []
    problems: list[Problem] = []
    for index, pattern in enumerate(patterns):
        matches = sorted(p for p in base.glob(pattern) if p.is_file()) if pattern else []
        if not matches:
            problems.append(doc.problem((*where, index), f"'{pattern}' matches no file"))
        files.extend(m for m in matches if m not in files)
    return files, problems


def _expand_yet(
    base: Path, patterns: list[str], doc: YamlDocument, key: str, what: str
) -> tuple[list[Path], list[Problem]]:
    """As :func:`_expand`, for files that come later in a selection (scores after the demos,
    responses after the RFI): a pattern that matches nothing yet is a warning."""
    files, empty = _expand(base, patterns, doc, key)
    warnings = [
        Problem(p.path, p.line, p.col, p.key, f"{p.message} yet (no {what} so far)") for p in empty
    ]
    return files, warnings


class _Collector:
    """Gathers problems from many files so that all of them are reported at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def load(self, path: Path, expect: str) -> Loaded | None:
        try:
            return load_file(path, expect)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None


def load_selection(scorecard_path: Path, vendors_dir: Path | None = None) -> Selection:
    """Load a scorecard and every file it refers to; raise :class:`InputError` listing all
    problems, or :class:`UsageError` when the scorecard does not exist."""
    if not scorecard_path.is_file():
        raise UsageError(f"no such file: {scorecard_path}")
    vendors_dir = find_vendors_dir(scorecard_path, vendors_dir)
    if not vendors_dir.is_dir():
        raise UsageError(f"vendor library folder '{vendors_dir}' does not exist")
    collect = _Collector()
    card_file = collect.load(scorecard_path, "scorecard")
    if card_file is None:
        raise InputError(collect.problems)
    card: Scorecard = card_file.model
    doc = card_file.doc
    base = scorecard_path.parent
    files = [scorecard_path]

    catalogue_path = vendors_dir / "features.yaml"
    catalogue_file = collect.load(catalogue_path, "features") if catalogue_path.is_file() else None
    if catalogue_path.is_file():
        files.append(catalogue_path)
    else:
        collect.problems.append(
            Problem(
                display_path(catalogue_path), 0, 0, "", "the vendor library has no features.yaml"
            )
        )
    features = (
        catalogue_file.model if catalogue_file else FeatureCatalogue(kind="features", features={})
    )

    # Requirements: inline first, then each file in sorted order.
    entries: list[tuple[Requirement, YamlDocument, tuple[str | int, ...]]] = [
        (req, doc, ("requirements", i)) for i, req in enumerate(card.requirements)
    ]
    req_files, problems = _expand(base, card.requirements_from, doc, "requirements_from")
    collect.problems += problems
    for path in req_files:
        loaded = collect.load(path, "requirements")
        files.append(path)
        if loaded is not None:
            model: RequirementFile = loaded.model
            entries += [
                (r, loaded.doc, ("requirements", i)) for i, r in enumerate(model.requirements)
            ]

    first_seen: dict[str, tuple[YamlDocument, tuple[str | int, ...]]] = {}
    for req, rdoc, loc in entries:
        if req.id in first_seen:
            fdoc, floc = first_seen[req.id]
            line = fdoc.mark((*floc, "id"))[0]
            collect.problems.append(
                rdoc.problem(
                    (*loc, "id"),
                    f"duplicate requirement id '{req.id}' (first at {fdoc.path}:{line})",
                )
            )
        else:
            first_seen[req.id] = (rdoc, loc)
        if req.category not in card.categories:
            message = f"unknown category '{req.category}'" + did_you_mean(
                req.category, card.categories
            )
            collect.problems.append(rdoc.problem((*loc, "category"), message))
        if catalogue_file and req.feature not in features.features:
            message = f"unknown feature '{req.feature}'" + did_you_mean(
                req.feature, features.features
            )
            collect.problems.append(rdoc.problem((*loc, "feature"), message))
    if not entries:
        collect.problems.append(doc.problem(("requirements",), "the selection has no requirements"))

    # Vendors.
    available = sorted(p.stem for p in vendors_dir.glob("*.yaml") if p.name != "features.yaml")
    vendor_files: dict[str, Loaded] = {}
    for index, vendor_id in enumerate(card.vendors):
        path = vendors_dir / f"{vendor_id}.yaml"
        if not path.is_file():
            message = f"no vendor '{vendor_id}' in {display_path(vendors_dir)}" + did_you_mean(
                vendor_id, available
            )
            collect.problems.append(doc.problem(("vendors", index), message))
            continue
        loaded = collect.load(path, "vendor")
        files.append(path)
        if loaded is not None:
            collect.problems += vendor_problems(loaded, features if catalogue_file else None)
            vendor_files[vendor_id] = loaded

    for vendor_id, loaded in vendor_files.items():
        currency = loaded.model.currency
        if currency != card.currency and currency not in card.fx:
            collect.problems.append(
                doc.problem(
                    ("fx",) if "fx" in doc.data else ("currency",),
                    f"no fx rate for {currency}, the currency of vendor '{vendor_id}'; "
                    f"add fx: {{{currency}: <{card.currency} per {currency}>}}",
                )
            )

    for vendor_id, plan_name in card.vendor_plans.items():
        if vendor_id not in card.vendors:
            collect.problems.append(
                doc.problem(
                    ("vendor_plans", vendor_id), f"'{vendor_id}' is not in vendors", key=True
                )
            )
        elif vendor_id in vendor_files:
            names = [p.name for p in vendor_files[vendor_id].model.plans]
            if plan_name not in names:
                message = f"vendor '{vendor_id}' has no plan '{plan_name}'" + did_you_mean(
                    plan_name, names
                )
                message += f" (plans: {', '.join(names)})"
                collect.problems.append(doc.problem(("vendor_plans", vendor_id), message))

    judgment_files, problems = _expand(
        base, card.weighting.judgments_from, doc, ("weighting", "judgments_from")
    )
    collect.problems += problems
    judgments: list[Loaded] = []
    for path in judgment_files:
        loaded = collect.load(path, "judgments")
        files.append(path)
        if loaded is not None:
            judgments.append(loaded)
    collect.problems += _weighting_problems(card, doc, judgments)

    # Shortlisting records, then demo scores (scores of dropped vendors or requirements are
    # warnings and left out).
    shortlist = Shortlist.of(card, [req.id for req, _, _ in entries])
    collect.problems += shortlist.record_problems(doc)
    score_files, warnings = _expand_yet(base, card.scores_from, doc, "scores_from", "score files")
    collect.warnings += warnings
    scores: list[ScoreFile] = []
    for path in score_files:
        loaded = collect.load(path, "scores")
        files.append(path)
        if loaded is None:
            continue
        kept, problems, warnings = shortlist.filter_scores(loaded.model, loaded.doc)
        collect.problems += problems
        collect.warnings += warnings
        scores.append(kept)

    vendors, scenarios = _apply_overrides(card, doc, vendor_files, collect)

    if collect.problems:
        raise InputError(collect.problems)
    return Selection(
        scorecard=card,
        path=scorecard_path,
        requirements=tuple(req for req, _, _ in entries),
        vendors=vendors,
        scenarios=scenarios,
        features=features,
        scores=tuple(scores),
        judgments=tuple(j.model for j in judgments),
        files=tuple(files),
        vendors_dir=vendors_dir,
        requirement_files={req.id: rdoc.path for req, rdoc, _ in entries},
        warnings=tuple(str(w) for w in sorted(set(collect.warnings))),
    )


def _prior_problems(card: Scorecard, doc: YamlDocument) -> list[Problem]:
    """An ordinal weight prior names every category once."""
    prior = card.weighting.uncertainty
    if prior.prior != "ordinal":
        return []
    loc = ("weighting", "uncertainty", "order")
    names = list(card.categories)
    problems = []
    for index, name in enumerate(prior.order):
        if name not in card.categories:
            message = f"unknown category '{name}'" + did_you_mean(name, names)
            problems.append(doc.problem((*loc, index), message))
        elif name in prior.order[:index]:
            problems.append(doc.problem((*loc, index), f"category '{name}' is named twice"))
    missing = [name for name in names if name not in prior.order]
    if missing:
        problems.append(
            doc.problem(loc, f"the order must name every category; missing: {', '.join(missing)}")
        )
    return problems


def _weighting_problems(
    card: Scorecard, doc: YamlDocument, judgments: list[Loaded] | None = None
) -> list[Problem]:
    problems = _prior_problems(card, doc)
    if card.weighting.judgments_from:
        if card.weighting.method != "ahp":
            problems.append(
                doc.problem(("weighting", "judgments_from"), "judgment files need method: ahp")
            )
        elif card.weighting.pairwise:
            problems.append(
                doc.problem(
                    ("weighting", "pairwise"),
                    "give the pairwise comparisons either here or in the judgment files of "
                    "weighting.judgments_from, not both",
                )
            )
        seen: dict[str, str] = {}
        for loaded in judgments or []:
            problems += _pair_problems(card, loaded.doc, loaded.model.pairwise, ("pairwise",))
            judge = loaded.model.judge
            if judge in seen:
                problems.append(
                    loaded.doc.problem(
                        ("judge",), f"judge '{judge}' also gave the judgments of {seen[judge]}"
                    )
                )
            seen.setdefault(judge, loaded.doc.path)
        return problems
    if card.weighting.method != "ahp":
        if card.weighting.pairwise:
            problems.append(
                doc.problem(("weighting", "pairwise"), "pairwise comparisons need method: ahp")
            )
        return problems
    return problems + _pair_problems(card, doc, card.weighting.pairwise, ("weighting", "pairwise"))


def _pair_problems(
    card: Scorecard, doc: YamlDocument, pairwise: list[Any], where: tuple[str, ...]
) -> list[Problem]:
    """Known categories, no category against itself, each pair once, every pair given."""
    problems = []
    names = list(card.categories)
    seen: dict[frozenset[str], int] = {}
    for index, (a, b, _) in enumerate(pairwise):
        loc = (*where, index)
        for name in (a, b):
            if name not in card.categories:
                problems.append(
                    doc.problem(loc, f"unknown category '{name}'" + did_you_mean(name, names))
                )
        pair = frozenset((a, b))
        if a == b:
            problems.append(doc.problem(loc, f"compares '{a}' with itself"))
        elif pair in seen:
            problems.append(
                doc.problem(loc, f"the pair {a}/{b} is compared twice (first at item {seen[pair]})")
            )
        else:
            seen[pair] = index
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if frozenset((a, b)) not in seen:
                problems.append(doc.problem(where, f"the AHP pair [{a}, {b}, x] is missing"))
    return problems


def vendor_problems(loaded: Loaded, features: FeatureCatalogue | None) -> list[Problem]:
    """Cross-file rules of a vendor profile: id matches the file name, features in the catalogue."""
    vendor: Vendor = loaded.model
    doc = loaded.doc
    problems = []
    if vendor.id != loaded.path.stem:
        problems.append(
            doc.problem(
                ("id",), f"id '{vendor.id}' differs from the file name '{loaded.path.name}'"
            )
        )
    if features is None:
        return problems
    known = features.features
    for index, plan in enumerate(vendor.plans):
        for key in plan.features:
            if key not in known:
                problems.append(
                    doc.problem(
                        ("plans", index, "features", key),
                        f"unknown feature '{key}'" + did_you_mean(key, known),
                        key=True,
                    )
                )
    for index, addon in enumerate(vendor.addons):
        if addon.feature not in known:
            problems.append(
                doc.problem(
                    ("addons", index, "feature"),
                    f"unknown feature '{addon.feature}'" + did_you_mean(addon.feature, known),
                )
            )
    return problems


def _apply_overrides(
    card: Scorecard, doc: YamlDocument, vendor_files: dict[str, Loaded], collect: _Collector
) -> tuple[dict[str, Vendor], dict[str, Scenario]]:
    scenario_paths = numeric_paths(Scenario)
    vendor_paths = numeric_paths(Vendor)
    for vendor_id in card.overrides:
        if vendor_id not in card.vendors:
            message = f"'{vendor_id}' is not in vendors" + did_you_mean(vendor_id, card.vendors)
            collect.problems.append(doc.problem(("overrides", vendor_id), message, key=True))
    vendors: dict[str, Vendor] = {}
    scenarios: dict[str, Scenario] = {}
    for vendor_id, loaded in vendor_files.items():
        changes = card.overrides.get(vendor_id, {})
        vendor_data = copy.deepcopy(loaded.doc.data) if changes else None
        scenario_data = copy.deepcopy(doc.data["scenario"]) if changes else None
        for path, value in changes.items():
            loc = ("overrides", vendor_id, path)
            if path.startswith("scenario."):
                inner = path.removeprefix("scenario.")
                if inner not in scenario_paths:
                    message = f"'{path}' names no number of the scenario" + did_you_mean(
                        inner, scenario_paths
                    )
                    collect.problems.append(doc.problem(loc, message, key=True))
                    continue
                _set_path(scenario_data, inner, _plain(value))
            elif path not in vendor_paths:
                message = f"'{path}' names no number of a vendor profile" + did_you_mean(
                    path, vendor_paths
                )
                collect.problems.append(doc.problem(loc, message, key=True))
            else:
                _set_path(vendor_data, path, _plain(value))
        vendor = loaded.model
        scenario = card.scenario
        if changes:
            try:
                vendor = Vendor.model_validate(vendor_data)
                scenario = Scenario.model_validate(scenario_data)
            except ValidationError as exc:
                for error in exc.errors(include_input=False, include_url=False):
                    where = dotted(tuple(error["loc"]))
                    collect.problems.append(
                        doc.problem(("overrides", vendor_id), f"{where}: {error['msg']}")
                    )
        vendors[vendor_id] = vendor
        scenarios[vendor_id] = scenario
    return vendors, scenarios


# ---------------------------------------------------------------------------------------------
# validate: files and folders


def collect_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Split ``paths`` into files named explicitly and files found by walking folders."""
    explicit: list[Path] = []
    walked: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    if candidate.suffix in YAML_SUFFIXES and has_kind(candidate):
                        walked.append(candidate)
        elif path.exists():
            explicit.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    return explicit, walked


def validate_paths(
    paths: list[Path], vendors_dir: Path | None = None, warnings: list[str] | None = None
) -> tuple[int, list[Problem]]:
    """Validate files and folders. Scorecards are checked with every file they refer to.

    Returns the number of files checked and every problem found; warnings (scores of an
    eliminated vendor, a committee member's inconsistent judgments) are appended to
    ``warnings`` when given."""
    explicit, walked = collect_files(paths)
    problems: list[Problem] = []
    checked: set[Path] = set()
    catalogues: dict[Path, FeatureCatalogue | None] = {}
    for path in explicit + walked:
        resolved = path.resolve()
        if resolved in checked:
            continue
        checked.add(resolved)
        try:
            loaded = load_file(path)
        except InputError as exc:
            problems += exc.problems
            continue
        if isinstance(loaded.model, Vendor):
            folder = path.resolve().parent
            if folder not in catalogues:
                catalogue_path = folder / "features.yaml"
                try:
                    catalogues[folder] = (
                        load_file(catalogue_path, "features").model
                        if catalogue_path.is_file()
                        else None
                    )
                except InputError:
                    catalogues[folder] = None
            problems += vendor_problems(loaded, catalogues[folder])
        elif isinstance(loaded.model, Scorecard):
            try:
                selection = load_selection(path, vendors_dir)
                checked.update(f.resolve() for f in selection.files)
                if warnings is not None:
                    warnings += [w for w in selection.warnings if w not in warnings]
                if warnings is not None and len(selection.judgments) > 1:
                    from crmselect.scoring.group import judgment_warnings

                    warnings += judgment_warnings(selection)
            except InputError as exc:
                problems += exc.problems
    return len(checked), sorted(set(problems))
