"""Load input files by their `kind:` and assemble a validated :class:`Selection`.

Every problem is collected and raised together as one :class:`InputError`, each located by
file, line, column and key.
"""

from __future__ import annotations

import copy
import os
import re
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from crmselect._resources import find_vendors_dir
from crmselect.errors import InputError, Problem, UsageError
from crmselect.io.locate import did_you_mean, problems_from_validation
from crmselect.io.yamlsafe import YamlDocument, dotted, is_regular_file, load_yaml_file
from crmselect.models import KINDS
from crmselect.models.common import Distribution
from crmselect.models.scorecard import Requirement, RequirementFile, Scenario, Scorecard, ScoreFile
from crmselect.models.selection import Selection
from crmselect.models.vendor import FeatureCatalogue, Vendor

YAML_SUFFIXES = (".yaml", ".yml")
_VENDOR_ID = re.compile(r"\w[\w.-]*")
"""A vendor id names a file in the library: no folder separators, no leading dot."""


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
    if not is_regular_file(path):
        return False
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
    if typing.get_origin(annotation) in (list, dict, tuple):
        return False
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
    where = key if isinstance(key, tuple) else (key,)
    files: list[Path] = []
    problems: list[Problem] = []
    root = selection_root(base)
    for index, pattern in enumerate(patterns):
        if Path(pattern).is_absolute() or Path(pattern).drive:
            message = f"'{pattern}' must be a relative pattern inside the selection folder"
            problems.append(doc.problem((key, index), message))
            continue
        matches = sorted(p for p in base.glob(pattern) if is_regular_file(p)) if pattern else []
        outside = [m for m in matches if not m.resolve().is_relative_to(root)]
        if outside:
            message = (
                f"'{pattern}' reaches outside the selection ({display_path(outside[0])}); "
                "keep the files inside the selection folder or its git repository"
            )
            problems.append(doc.problem((key, index), message))
            continue
        if not matches:
            problems.append(doc.problem((*where, index), f"'{pattern}' matches no file"))
        files.extend(m for m in matches if m not in files)
    return files, problems


def selection_root(folder: Path) -> Path:
    """The folder a selection's files must stay in: the git repository that holds ``folder``,
    else ``folder`` itself."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


class _Collector:
    """Gathers problems from many files so that all of them are reported at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def load(self, path: Path, expect: str) -> Loaded | None:
        try:
            return load_file(path, expect)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None


def load_selection(scorecard_path: Path, vendors_dir: Path | None = None) -> Selection:
    """Load a scorecard and every file it refers to; raise :class:`InputError` listing all
    problems, or :class:`UsageError` when the scorecard does not exist."""
    if not scorecard_path.exists():
        raise UsageError(f"no such file: {scorecard_path}")
    if not is_regular_file(scorecard_path):
        raise UsageError(f"{scorecard_path}: not a regular file")
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
    if not is_regular_file(catalogue_path):
        raise UsageError(
            f"vendor library '{display_path(vendors_dir)}' has no features.yaml (the feature "
            "catalogue); point --vendors at a library folder"
        )
    catalogue_file = collect.load(catalogue_path, "features")
    files.append(catalogue_path)
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
    duplicates: list[str] = []  # "'S01' at file:line", for hints on ids that went missing
    for req, rdoc, loc in entries:
        if req.id in first_seen:
            fdoc, floc = first_seen[req.id]
            line = fdoc.mark((*floc, "id"))[0]
            duplicates.append(f"'{req.id}' at {rdoc.path}:{rdoc.mark((*loc, 'id'))[0]}")
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
        if not _VENDOR_ID.fullmatch(vendor_id):
            message = f"'{vendor_id}' is not a vendor id (letters, digits, '-', '_' and '.')"
            collect.problems.append(doc.problem(("vendors", index), message))
            continue
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

    no_rate: dict[str, list[str]] = {}  # currency -> vendors priced in it, one problem each
    for vendor_id, loaded in vendor_files.items():
        currency = loaded.model.currency
        if currency != card.currency and currency not in card.fx:
            no_rate.setdefault(currency, []).append(vendor_id)
    for currency, ids in no_rate.items():
        whose = f"vendor '{ids[0]}'" if len(ids) == 1 else "vendors " + ", ".join(ids)
        collect.problems.append(
            doc.problem(
                ("fx",) if "fx" in doc.data else ("currency",),
                f"no fx rate for {currency}, the currency of {whose}; "
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

    # Demo scores.
    score_files, problems = _expand(base, card.scores_from, doc, "scores_from")
    collect.problems += problems
    scores: list[ScoreFile] = []
    requirement_ids = [req.id for req, _, _ in entries]
    for path in score_files:
        loaded = collect.load(path, "scores")
        files.append(path)
        if loaded is None:
            continue
        scores.append(loaded.model)
        unknown: dict[str, list[str]] = {}  # requirement id -> vendors scored on it
        for vendor_id, by_req in loaded.model.scores.items():
            if vendor_id not in card.vendors:
                message = f"vendor '{vendor_id}' is not compared in the scorecard" + did_you_mean(
                    vendor_id, card.vendors
                )
                collect.problems.append(
                    loaded.doc.problem(("scores", vendor_id), message, key=True)
                )
            for req_id in by_req:
                if req_id not in first_seen:
                    unknown.setdefault(req_id, []).append(vendor_id)
        # One problem per unknown id (at its first use), not one per vendor scored on it.
        for req_id, scored in unknown.items():
            if duplicates:
                hint = f"; was the duplicate id {duplicates[0]} meant to be '{req_id}'?"
            else:
                hint = did_you_mean(req_id, requirement_ids)
            more = f" (scored for {len(scored)} vendors)" if len(scored) > 1 else ""
            collect.problems.append(
                loaded.doc.problem(
                    ("scores", scored[0], req_id),
                    f"unknown requirement '{req_id}'{more}{hint}",
                    key=True,
                )
            )

    applied: list[Any] = []
    vendors, scenarios = _apply_overrides(card, doc, vendor_files, collect, applied)

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
        applied_overrides=tuple(applied),
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


def _value_at(model: Any, dotted_path: str) -> Any:
    """The value at ``dotted_path`` of a validated model (None where a level is unset)."""
    current = model
    for part in dotted_path.split("."):
        current = getattr(current, part, None)
        if current is None:
            return None
    return current


_ITEM_KINDS = {"plans": ("plan", "name"), "addons": ("add-on", "name")}


def _item_override(
    vendor: Vendor, data: dict[str, Any], path: str
) -> tuple[dict[str, Any], str, Any] | str:
    """For ``plans.<plan name>.<field>`` or ``addons.<add-on name>.<field>``: the item's data
    (to change), the field and the profile's value; or a message saying what is wrong. Names
    may contain dots: the field is the last part."""
    from crmselect.models.vendor import Addon, Plan

    kind, _, rest = path.partition(".")
    label, _ = _ITEM_KINDS[kind]
    name, _, field = rest.rpartition(".")
    items = vendor.plans if kind == "plans" else vendor.addons
    names = [item.name for item in items]
    if name not in names:
        return (
            f"vendor '{vendor.id}' has no {label} '{name}'"
            + did_you_mean(name, names)
            + f" ({label}s: {', '.join(names) or 'none'})"
        )
    fields = numeric_paths(Plan if kind == "plans" else Addon)
    if field not in fields:
        article = "an" if label[0] in "aeiou" else "a"
        return f"'{field}' is not a number of {article} {label}" + did_you_mean(field, fields)
    index = names.index(name)
    return data[kind][index], field, getattr(items[index], field)


def _apply_overrides(
    card: Scorecard,
    doc: YamlDocument,
    vendor_files: dict[str, Loaded],
    collect: _Collector,
    applied: list[Any] | None = None,
) -> tuple[dict[str, Vendor], dict[str, Scenario]]:
    """Each vendor's profile and scenario with the scorecard's `overrides`; ``applied``
    collects each override with the value it replaced (decision.md §4)."""
    from crmselect.assumptions import Override

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
        # The values as written: an integer stays an integer for integer fields (years, counts).
        raw = doc.data.get("overrides", {}).get(vendor_id) or {}
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
                _set_path(scenario_data, inner, raw.get(path, _plain(value)))
                before = _value_at(card.scenario, inner)
            elif path.partition(".")[0] in _ITEM_KINDS:
                found = _item_override(loaded.model, vendor_data, path)
                if isinstance(found, str):
                    collect.problems.append(doc.problem(loc, found, key=True))
                    continue
                item, field, before = found
                item[field] = raw.get(path, _plain(value))
            elif path not in vendor_paths:
                message = f"'{path}' names no number of a vendor profile" + did_you_mean(
                    path, vendor_paths
                )
                if not did_you_mean(path, vendor_paths):
                    message += " (a plan's or add-on's price: plans.<plan>.<field>, "
                    message += "addons.<add-on>.<field>)"
                collect.problems.append(doc.problem(loc, message, key=True))
                continue
            else:
                _set_path(vendor_data, path, raw.get(path, _plain(value)))
                before = _value_at(loaded.model, path)
            if applied is not None:
                applied.append(Override(vendor_id, path, before, value))
        vendor = loaded.model
        scenario = card.scenario
        if changes:
            for model, data, prefix in (
                (Vendor, vendor_data, ""),
                (Scenario, scenario_data, "scenario."),
            ):
                try:
                    checked = model.model_validate(data)
                except ValidationError as exc:
                    for error in exc.errors(include_input=False, include_url=False):
                        where = prefix + dotted(tuple(error["loc"]))
                        # located at the override that caused it, when one did
                        path = next((p for p in changes if where.startswith(p)), None)
                        loc = ("overrides", vendor_id, path) if path else ("overrides", vendor_id)
                        text = error["msg"] if where == path else f"{where}: {error['msg']}"
                        collect.problems.append(doc.problem(loc, text))
                    continue
                if model is Vendor:
                    vendor = checked
                else:
                    scenario = checked
        vendors[vendor_id] = vendor
        scenarios[vendor_id] = scenario
    return vendors, scenarios


# ---------------------------------------------------------------------------------------------
# validate: files and folders


def collect_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Split ``paths`` into files named explicitly and the regular ``.yaml``/``.yml`` files
    found by walking folders (hidden folders, FIFOs and devices are passed over unread)."""
    explicit: list[Path] = []
    walked: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    if candidate.suffix in YAML_SUFFIXES and is_regular_file(candidate):
                        walked.append(candidate)
        elif not path.exists():
            raise UsageError(f"no such file or folder: {path}")
        elif not is_regular_file(path):
            raise UsageError(f"{path}: not a regular file")
        else:
            explicit.append(path)
    return explicit, walked


def _foreign(path: Path, problems: list[Problem]) -> bool:
    """True for a walked YAML file of another tool: it parses as a YAML mapping and has no
    ``kind``. An empty, binary, truncated or unparseable file is never foreign: it is reported."""
    if has_kind(path) or any(
        word in p.message
        for p in problems
        for word in ("empty file", "binary file", "not UTF-8", "bytes; the limit", "nesting deeper")
    ):
        return False
    if len(problems) == 1 and problems[0].message.startswith("missing 'kind:'"):
        return True
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_LENIENT)
    except (yaml.YAMLError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "kind" not in data


class _LenientLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader, to tell another tool's YAML (merge keys, custom tags) from ours."""


_LenientLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_LENIENT = _LenientLoader


def validate_paths(
    paths: list[Path], vendors_dir: Path | None = None, warnings: list[str] | None = None
) -> tuple[int, list[Problem]]:
    """Validate files and folders. Scorecards are checked with every file they refer to.

    Returns the number of files checked and every problem found; warnings (such as a committee
    member's inconsistent judgments) are appended to ``warnings`` when given."""
    explicit, walked = collect_files(paths)
    problems: list[Problem] = []
    checked: set[Path] = set()
    catalogues: dict[Path, FeatureCatalogue | None] = {}
    walked_set = set(walked)
    for path in explicit + walked:
        resolved = path.resolve()
        if resolved in checked:
            continue
        try:
            loaded = load_file(path)
        except InputError as exc:
            if (
                path in walked_set
                and path.name != "scorecard.yaml"
                and _foreign(path, exc.problems)
            ):
                continue
            checked.add(resolved)
            problems += exc.problems
            continue
        checked.add(resolved)
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
                if warnings is not None and len(selection.judgments) > 1:
                    from crmselect.scoring.group import judgment_warnings

                    warnings += judgment_warnings(selection)
            except InputError as exc:
                problems += exc.problems
    return len(checked), sorted(set(problems))
