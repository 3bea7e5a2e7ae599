"""Load input files by their `kind:` and assemble a validated :class:`Selection`.

Every problem is collected and raised together as one :class:`InputError`, each located by
file, line, column and key.
"""

from __future__ import annotations

import copy
import os
import re
import typing
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
import yaml
from pydantic import BaseModel, ValidationError

from crmselect._resources import bundled
from crmselect.defaults import SCORECARD_FILE
from crmselect.errors import InputError, Problem, UsageError
from crmselect.hints import did_you_mean
from crmselect.io.locate import problems_from_validation
from crmselect.io.yamlsafe import YamlDocument, dotted, is_regular_file, load_yaml_file
from crmselect.models import KINDS
from crmselect.models.ahp import AhpWeights, ahp_weights, inconsistency
from crmselect.models.common import Distribution
from crmselect.models.scorecard import (
    JudgmentFile,
    Requirement,
    RequirementFile,
    Scenario,
    Scorecard,
    ScoreFile,
    evaluator_key,
)
from crmselect.models.selection import Selection
from crmselect.models.vendor import FeatureCatalogue, Vendor
from crmselect.models.workflow import RfiFacts, RfiResponse
from crmselect.workflow.overlay import CATALOGUE, EXTRA, VendorLibrary, find_library
from crmselect.workflow.responses import apply_responses, synthesize
from crmselect.workflow.shortlist import Shortlist

YAML_SUFFIXES = (".yaml", ".yml")
_VENDOR_ID = re.compile(r"\w[\w.-]*")
"""A vendor id names a file in the library: no folder separators, no leading dot."""


def display_path(path: Path) -> str:
    """A path as users want to read it: relative to the current folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


class Loaded(msgspec.Struct, frozen=True):
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
    """The files ``patterns`` match, sorted, and one problem per pattern that matches none."""
    files, problems, empty = _expand_parts(base, patterns, doc, key)
    return files, problems + empty


def _expand_parts(
    base: Path, patterns: list[str], doc: YamlDocument, key: str | tuple[str, ...]
) -> tuple[list[Path], list[Problem], list[Problem]]:
    """The files ``patterns`` match, the patterns' problems, and one problem per pattern that
    matches no file (kept apart: for files that come later it is only a warning)."""
    where = key if isinstance(key, tuple) else (key,)
    files: list[Path] = []
    problems: list[Problem] = []
    empty: list[Problem] = []
    root = selection_root(base)
    for index, pattern in enumerate(patterns):
        if Path(pattern).is_absolute() or Path(pattern).drive:
            message = f"'{pattern}' must be a relative pattern inside the selection folder"
            problems.append(doc.problem((*where, index), message))
            continue
        found = sorted(base.glob(pattern)) if pattern else []
        matches = [p for p in found if is_regular_file(p)]
        special = [p for p in found if p.suffix in YAML_SUFFIXES and p not in matches]
        if special:
            # Named like a selection file but not one (a folder, FIFO, device or broken link):
            # never opened, and never dropped without a word (an evaluator's scores would vanish).
            message = (
                f"'{pattern}' matches {display_path(special[0])}, which is not a regular file "
                "(a folder, pipe, device or broken link); crmselect reads only regular files"
            )
            problems.append(doc.problem((*where, index), message))
        outside = [m for m in matches if not m.resolve().is_relative_to(root)]
        if outside:
            message = (
                f"'{pattern}' reaches outside the selection ({display_path(outside[0])}); "
                "keep the files inside the selection folder or its git repository"
            )
            problems.append(doc.problem((*where, index), message))
            continue
        if not matches and not special:
            empty.append(doc.problem((*where, index), f"'{pattern}' matches no file"))
        files.extend(m for m in matches if m not in files)
    return files, problems, empty


def _expand_yet(
    base: Path, patterns: list[str], doc: YamlDocument, key: str, what: str
) -> tuple[list[Path], list[Problem], list[Problem]]:
    """As :func:`_expand`, for files that come later in a selection (scores after the demos,
    responses after the RFI): a pattern that matches nothing yet is a warning, its other
    problems (absolute, outside the selection, not a regular file) stay errors."""
    files, problems, empty = _expand_parts(base, patterns, doc, key)
    warnings = [
        Problem(p.path, p.line, p.col, p.key, f"{p.message} yet (no {what} so far)") for p in empty
    ]
    return files, problems, warnings


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
    if not scorecard_path.exists():
        raise UsageError(f"no such file: {scorecard_path}")
    if not is_regular_file(scorecard_path):
        raise UsageError(f"{scorecard_path}: not a regular file")
    library = find_library(scorecard_path, vendors_dir)
    vendors_dir = library.folder
    collect = _Collector()
    card_file = collect.load(scorecard_path, "scorecard")
    if card_file is None:
        raise InputError(collect.problems)
    card: Scorecard = card_file.model
    doc = card_file.doc
    base = scorecard_path.parent
    files = [scorecard_path]

    catalogue, catalogue_files, problems = load_catalogue(library)
    files += catalogue_files
    collect.problems += problems
    features = catalogue or FeatureCatalogue(kind="features", features={})

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
        if catalogue and req.feature not in features.features:
            message = f"unknown feature '{req.feature}'" + did_you_mean(
                req.feature, features.features
            )
            collect.problems.append(rdoc.problem((*loc, "feature"), message))
    if not entries:
        collect.problems.append(doc.problem(("requirements",), "the selection has no requirements"))

    # Shortlisting records, and the RFI responses (answers of dropped vendors or requirements
    # are warnings and left out).
    shortlist = Shortlist.of(card, [req.id for req, _, _ in entries], duplicates)
    collect.problems += shortlist.record_problems(doc)
    responses = _load_responses(base, card, doc, shortlist, collect, files)

    # Vendors.
    available = library.profiles()
    vendor_files: dict[str, Loaded] = {}
    synthesized: set[str] = set()
    for index, vendor_id in enumerate(card.vendors):
        if not _VENDOR_ID.fullmatch(vendor_id):
            message = f"'{vendor_id}' is not a vendor id (letters, digits, '-', '_' and '.')"
            collect.problems.append(doc.problem(("vendors", index), message))
            continue
        profile = available.get(vendor_id)
        if profile is None and vendor_id in responses:
            first, first_doc = responses[vendor_id][0]
            data, problem = synthesize(first, first_doc)
            if problem is not None:
                collect.problems.append(problem)
                continue
            assert data is not None
            vendor_files[vendor_id] = Loaded(
                YamlDocument(first_doc.path, data), None, Path(first_doc.path)
            )
            synthesized.add(vendor_id)
            continue
        if profile is None:
            message = f"no vendor '{vendor_id}' in {library_name(library)}" + did_you_mean(
                vendor_id, available
            )
            collect.problems.append(doc.problem(("vendors", index), message))
            continue
        loaded = collect.load(profile, "vendor")
        files.append(profile)
        if loaded is not None:
            collect.problems += vendor_problems(loaded, catalogue)
            vendor_files[vendor_id] = loaded

    by_id = {req.id: req for req, _, _ in reversed(entries)}
    claim_sources, rfi = _respond(card, vendor_files, responses, by_id, collect)
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

    problems, warnings = shortlist.scorecard_names(doc, card)
    collect.problems += problems
    collect.warnings += warnings
    for vendor_id, plan_name in card.vendor_plans.items():
        if vendor_id in vendor_files:
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

    # Demo scores (scores of dropped vendors or requirements are warnings and left out).
    score_files, problems, warnings = _expand_yet(
        base, card.scores_from, doc, "scores_from", "score files"
    )
    collect.problems += problems
    collect.warnings += warnings
    scores: list[ScoreFile] = []
    scored_in: list[Path] = []
    evaluators: dict[str, YamlDocument] = {}  # one file per evaluator (formats.md)
    for path in score_files:
        loaded = collect.load(path, "scores")
        files.append(path)
        if loaded is None:
            continue
        name = evaluator_key(loaded.model.evaluator)
        earlier = evaluators.setdefault(name, loaded.doc)
        if earlier is not loaded.doc:
            line = earlier.value_marks.get(("evaluator",), (0, 0))[0]
            collect.problems.append(
                loaded.doc.problem(
                    ("evaluator",),
                    f"'{loaded.model.evaluator}' has scores in {earlier.path} "
                    f"too (line {line}): one file per evaluator, or every score would count "
                    "twice; merge the files, or name each evaluator differently",
                )
            )
            continue
        kept, problems, warnings = shortlist.filter_scores(loaded.model, loaded.doc)
        collect.problems += problems
        collect.warnings += warnings
        scores.append(kept)
        scored_in.append(path)

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
        score_files=tuple(scored_in),
        judgments=tuple(j.model for j in judgments),
        files=tuple(files),
        vendors_dir=vendors_dir,
        profile_sources={
            vid: "rfi" if vid in synthesized else library.source(vid) for vid in vendors
        },
        claim_sources=claim_sources,
        rfi={vid: facts for vid, facts in rfi.items() if vid in vendors},
        requirement_files={req.id: rdoc.path for req, rdoc, _ in entries},
        warnings=tuple(str(w) for w in sorted(set(collect.warnings))),
        applied_overrides=tuple(applied),
    )


def _load_responses(
    base: Path,
    card: Scorecard,
    doc: YamlDocument,
    shortlist: Shortlist,
    collect: _Collector,
    files: list[Path],
) -> dict[str, list[tuple[RfiResponse, YamlDocument]]]:
    """The scorecard's RFI responses by vendor, oldest first; answers for dropped vendors or
    requirements become warnings."""
    paths, problems, warnings = _expand_yet(
        base, card.responses_from, doc, "responses_from", "RFI responses"
    )
    collect.problems += problems
    collect.warnings += warnings
    found: list[tuple[str, str, RfiResponse, YamlDocument]] = []
    for path in paths:
        loaded = collect.load(path, "rfi-response")
        files.append(path)
        if loaded is None:
            continue
        response: RfiResponse = loaded.model
        keep, problem, warning = shortlist.check_vendor(
            response.vendor, loaded.doc, ("vendor",), "RFI answers"
        )
        collect.problems += [problem] if problem else []
        collect.warnings += [warning] if warning else []
        if not keep:
            continue
        answers = {}
        for rid, answer in response.answers.items():
            ok, problem, retired = shortlist.check_requirement(rid, loaded.doc, ("answers", rid))
            collect.problems += [problem] if problem else []
            if retired:
                collect.warnings.append(
                    shortlist.retired_warning(rid, loaded.doc, ("answers", rid), "RFI answers")
                )
            if ok:
                answers[rid] = answer
        kept = response.model_copy(update={"answers": answers})
        found.append((response.vendor, response.received, kept, loaded.doc))
    by_vendor: dict[str, list[tuple[RfiResponse, YamlDocument]]] = {}
    for vendor_id, _, response, rdoc in sorted(found, key=lambda f: (f[0], f[1], f[3].path)):
        by_vendor.setdefault(vendor_id, []).append((response, rdoc))
    return by_vendor


def _respond(
    card: Scorecard,
    vendor_files: dict[str, Loaded],
    responses: dict[str, list[tuple[RfiResponse, YamlDocument]]],
    requirements: dict[str, Requirement],
    collect: _Collector,
) -> tuple[dict[str, dict[str, str]], dict[str, RfiFacts]]:
    """Apply each vendor's responses to its profile (in place in ``vendor_files``); returns
    vendor id -> requirement id -> the claim's source, and vendor id -> what the responses
    state beyond the profile's fields (one-off costs, hosting regions)."""
    claims: dict[str, dict[str, str]] = {}
    facts: dict[str, RfiFacts] = {}
    for vendor_id, loaded in list(vendor_files.items()):
        answered = responses.get(vendor_id)
        if not answered:
            continue
        applied = apply_responses(card, vendor_id, loaded.doc.data, answered, requirements)
        collect.problems += applied.problems
        last_doc = answered[-1][1]
        try:
            model = Vendor.model_validate(applied.data)
        except ValidationError as exc:
            for error in exc.errors(include_input=False, include_url=False):
                where = dotted(tuple(error["loc"]))
                collect.problems.append(
                    last_doc.problem(
                        (), f"the profile with these answers is invalid: {where}: {error['msg']}"
                    )
                )
            del vendor_files[vendor_id]
            continue
        doc = YamlDocument(
            loaded.doc.path, applied.data, loaded.doc.value_marks, loaded.doc.key_marks
        )
        vendor_files[vendor_id] = Loaded(doc, model, loaded.path)
        claims[vendor_id] = applied.claims
        facts[vendor_id] = applied.facts
    return claims, facts


def library_name(library: VendorLibrary) -> str:
    """How messages name a library: its folder, or the bundled library plus the overlay."""
    if library.overlay is not None:
        return f"the bundled library or {display_path(library.overlay)}"
    if library.is_bundled:  # a path into the installed package would mean nothing to a reader
        return "the bundled vendor library (crmselect vendors list)"
    return display_path(library.base)


def load_catalogue(
    library: VendorLibrary,
) -> tuple[FeatureCatalogue | None, list[Path], list[Problem]]:
    """The library's feature catalogue with the overlay's features-extra.yaml merged in, the
    files read, and the problems (a missing catalogue; an extra key the catalogue has)."""
    problems: list[Problem] = []
    path = library.catalogue
    if not path.is_file():
        message = "the vendor library has no features.yaml"
        return None, [], [Problem(display_path(path), 0, 0, "", message)]
    try:
        base = load_file(path, "features")
    except InputError as exc:
        return None, [path], exc.problems
    extra_path = library.extra_catalogue
    if extra_path is None:
        return base.model, [path], problems
    try:
        extra = load_file(extra_path, "features")
    except InputError as exc:
        return base.model, [path, extra_path], exc.problems
    known = base.model.features
    for key in extra.model.features:
        if key in known:
            problems.append(
                extra.doc.problem(
                    ("features", key),
                    f"feature '{key}' is already in the bundled catalogue "
                    f"({known[key].title}); use that key, or choose a new one",
                    key=True,
                )
            )
    merged = FeatureCatalogue(kind="features", features={**known, **extra.model.features})
    return merged, [path, extra_path], problems


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
        if not problems and judgments:
            problems += _group_consistency(card, doc, [j.model for j in judgments])
        return problems
    if card.weighting.method != "ahp":
        if card.weighting.pairwise:
            problems.append(
                doc.problem(("weighting", "pairwise"), "pairwise comparisons need method: ahp")
            )
        return problems
    where = ("weighting", "pairwise")
    problems += _pair_problems(card, doc, card.weighting.pairwise, where)
    if problems or card.weighting.allow_inconsistent:
        return problems
    text = inconsistency(ahp_weights(list(card.categories), card.weighting.pairwise))
    return [doc.problem(where, text + _REVISE)] if text is not None else []


_REVISE = "; revise them or set weighting.allow_inconsistent: true"


def _group_consistency(
    card: Scorecard, doc: YamlDocument, judgments: list[JudgmentFile]
) -> list[Problem]:
    """The group matrix of several members' judgments is held to the same consistency limit as
    one matrix, located at ``weighting.judgments_from`` (one member's own inconsistency is a
    warning: see :func:`crmselect.scoring.group.member_warnings`)."""
    from crmselect.scoring.group import group_weights

    if card.weighting.allow_inconsistent:
        return []
    names = list(card.categories)
    members = [(j.judge, j.weight, j.pairwise) for j in judgments]
    group = group_weights(names, members, card.weighting.aggregation)
    ahp = AhpWeights(
        group.weights, group.lambda_max or 0.0, group.consistency_ratio or 0.0, group.triple
    )
    text = inconsistency(ahp)
    if text is None:
        return []
    return [doc.problem(("weighting", "judgments_from"), "the group matrix: " + text + _REVISE)]


def _pair_problems(
    card: Scorecard, doc: YamlDocument, pairwise: list[Any], where: tuple[str, ...]
) -> list[Problem]:
    """Known categories, no category against itself, each pair once, every pair given."""
    problems = []
    names = list(card.categories)
    seen: dict[frozenset[str], int] = {}
    for index, (a, b, _) in enumerate(pairwise):
        loc: tuple[str | int, ...] = (*where, index)
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
    # Overrides of a vendor not compared: Shortlist.scorecard_names reports them.
    vendors: dict[str, Vendor] = {}
    scenarios: dict[str, Scenario] = {}
    for vendor_id, loaded in vendor_files.items():
        changes = card.overrides.get(vendor_id, {})
        # The values as written: an integer stays an integer for integer fields (years, counts).
        raw = doc.data.get("overrides", {}).get(vendor_id) or {}
        vendor_data: dict[str, Any] = copy.deepcopy(loaded.doc.data) if changes else {}
        scenario_data: dict[str, Any] = copy.deepcopy(doc.data["scenario"]) if changes else {}
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
                before = _value_at(card.scenario, inner)
                if inner == "years" and value != before:
                    message = (
                        f"every vendor is costed over one horizon (scenario.years: {before}); "
                        "change scenario.years for all vendors, not in one vendor's overrides"
                    )
                    collect.problems.append(doc.problem(loc, message))
                    continue
                _set_path(scenario_data, inner, raw.get(path, _plain(value)))
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
                        culprit = next((p for p in changes if where.startswith(p)), None)
                        at = (
                            ("overrides", vendor_id, culprit)
                            if culprit
                            else ("overrides", vendor_id)
                        )
                        text = error["msg"] if where == culprit else f"{where}: {error['msg']}"
                        collect.problems.append(doc.problem(at, text))
                    continue
                if isinstance(checked, Vendor):
                    vendor = checked
                elif isinstance(checked, Scenario):
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


def _folder_catalogue(folder: Path) -> tuple[FeatureCatalogue | None, list[Problem]]:
    """The catalogue a folder's profiles are checked against: its own features.yaml (a
    complete library), else the bundled one with the folder's features-extra.yaml (an overlay).
    Only the extra file's own problems are returned; the catalogue files are checked as files."""
    if (folder / CATALOGUE).is_file():
        try:
            return load_file(folder / CATALOGUE, "features").model, []
        except InputError:
            return None, []
    catalogue, _, found = load_catalogue(VendorLibrary(bundled("vendors"), folder))
    extra = str(folder / EXTRA)
    return catalogue, [p for p in found if Path(p.path).resolve() == Path(extra).resolve()]


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

    Returns the number of files checked and every problem found; warnings (scores of an
    eliminated vendor, a committee member's inconsistent judgments) are appended to
    ``warnings`` when given."""
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
            if path in walked_set and path.name != SCORECARD_FILE and _foreign(path, exc.problems):
                continue
            checked.add(resolved)
            problems += exc.problems
            continue
        checked.add(resolved)
        is_extra = path.name == EXTRA and isinstance(loaded.model, FeatureCatalogue)
        if isinstance(loaded.model, Vendor) or is_extra:
            folder = path.resolve().parent
            if folder not in catalogues:
                catalogues[folder], found = _folder_catalogue(folder)
                problems += found
            if not is_extra:
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
