"""Shortlisting (workflow.md §4): eliminated vendors and retired requirements stay on record.

A score file or RFI response that still names a recorded elimination or retirement is a
warning, not an error; an id that is neither compared nor recorded is an error (most often a
typo) with a did-you-mean and the hint to record the elimination or retirement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from crmselect.errors import Problem
from crmselect.io.locate import did_you_mean
from crmselect.io.yamlsafe import YamlDocument
from crmselect.models.scorecard import Scorecard, ScoreFile
from crmselect.models.workflow import Elimination, Retirement


def eliminated_phrase(entry: Elimination) -> str:
    """``eliminated at the demo stage`` (with the date when recorded)."""
    when = f" on {entry.date}" if entry.date else ""
    return f"eliminated at the {entry.stage} stage{when}"


def _with_hint(message: str, guess: str, record: str) -> str:
    """The error, its did-you-mean, and how to record a deliberate drop."""
    hint = f"if the committee dropped it, record it in the scorecard under {record}"
    return f"{message}{guess} {hint[0].upper()}{hint[1:]}" if guess else f"{message}; {hint}"


@dataclass
class Shortlist:
    """What the scorecard compares and what it has dropped on record."""

    compared: list[str]
    requirements: list[str]
    eliminated: dict[str, Elimination] = field(default_factory=dict)
    retired: dict[str, Retirement] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    """Duplicate requirement ids ("'S01' at file:line"): an unknown id may be one renamed."""

    @classmethod
    def of(
        cls, card: Scorecard, requirement_ids: Iterable[str], duplicates: Iterable[str] = ()
    ) -> Shortlist:
        return cls(
            compared=list(card.vendors),
            requirements=list(requirement_ids),
            eliminated={e.vendor: e for e in card.eliminated},
            retired={r.requirement: r for r in card.retired},
            duplicates=list(duplicates),
        )

    def record_problems(self, doc: YamlDocument) -> list[Problem]:
        """The scorecard's own records: a vendor both compared and eliminated, a requirement
        both listed and retired, the same id recorded twice."""
        problems = []
        seen: set[str] = set()
        for index, entry in enumerate(doc.data.get("eliminated") or []):
            vendor = entry.get("vendor") if isinstance(entry, dict) else None
            if not isinstance(vendor, str):
                continue  # the model's validation reports it
            if vendor in self.compared:
                problems.append(
                    doc.problem(
                        ("eliminated", index, "vendor"),
                        f"vendor '{vendor}' is both compared (vendors:) and eliminated; "
                        "remove it from one of them",
                    )
                )
            elif vendor in seen:
                problems.append(
                    doc.problem(("eliminated", index, "vendor"), f"'{vendor}' is eliminated twice")
                )
            seen.add(vendor)
        seen = set()
        for index, entry in enumerate(doc.data.get("retired") or []):
            req = entry.get("requirement") if isinstance(entry, dict) else None
            if not isinstance(req, str):
                continue
            if req in self.requirements:
                problems.append(
                    doc.problem(
                        ("retired", index, "requirement"),
                        f"requirement '{req}' is both listed and retired; remove one of them",
                    )
                )
            elif req in seen:
                problems.append(
                    doc.problem(("retired", index, "requirement"), f"'{req}' is retired twice")
                )
            seen.add(req)
        return problems

    def check_vendor(
        self, vendor_id: str, doc: YamlDocument, loc: tuple[str | int, ...], what: str
    ) -> tuple[bool, Problem | None, Problem | None]:
        """Whether ``what`` for ``vendor_id`` counts, and the error or warning to report."""
        if vendor_id in self.compared:
            return True, None, None
        entry = self.eliminated.get(vendor_id)
        if entry is not None:
            message = f"{what} for vendor '{vendor_id}' are ignored: {eliminated_phrase(entry)}"
            return False, None, doc.problem(loc, message, key=True)
        message = _with_hint(
            f"vendor '{vendor_id}' is not compared in the scorecard",
            did_you_mean(vendor_id, [*self.compared, *self.eliminated]),
            f"eliminated: {{vendor: {vendor_id}, stage: ..., reason: ...}}",
        )
        message += " (or list it under vendors: to compare it)"
        return False, doc.problem(loc, message, key=True), None

    def check_requirement(
        self, req_id: str, doc: YamlDocument, loc: tuple[str | int, ...], uses: int = 1
    ) -> tuple[bool, Problem | None, bool]:
        """Whether a cell of ``req_id`` counts, the error to report, and whether it is retired.
        ``uses``: how many vendors the file scored on it (said in the one error per id)."""
        if req_id in self.requirements:
            return True, None, False
        if req_id in self.retired:
            return False, None, True
        more = f" (scored for {uses} vendors)" if uses > 1 else ""
        if self.duplicates:
            guess = f"; was the duplicate id {self.duplicates[0]} meant to be '{req_id}'?"
        else:
            guess = did_you_mean(req_id, [*self.requirements, *self.retired])
        message = _with_hint(
            f"unknown requirement '{req_id}'{more}",
            guess,
            f"retired: {{requirement: {req_id}, reason: ...}}",
        )
        return False, doc.problem(loc, message, key=True), False

    def retired_warning(
        self, req_id: str, doc: YamlDocument, loc: tuple[str | int, ...], what: str
    ) -> Problem:
        entry = self.retired[req_id]
        when = f" on {entry.date}" if entry.date else ""
        return doc.problem(
            loc,
            f"{what} for requirement '{req_id}' are ignored: retired{when} ({entry.reason})",
            key=True,
        )

    def filter_scores(
        self, sheet: ScoreFile, doc: YamlDocument
    ) -> tuple[ScoreFile, list[Problem], list[Problem]]:
        """The score file without dropped vendors and requirements, its errors, and one
        warning per dropped vendor or requirement it still names."""
        problems: list[Problem] = []
        warnings: list[Problem] = []
        kept: dict[str, dict[str, float]] = {}
        retired_seen: dict[str, tuple[str, str]] = {}
        unknown: dict[str, list[str]] = {}  # requirement id -> vendors scored on it
        for vendor_id, by_req in sheet.scores.items():
            keep, problem, warning = self.check_vendor(
                vendor_id, doc, ("scores", vendor_id), "scores"
            )
            problems += [problem] if problem else []
            warnings += [warning] if warning else []
            cells: dict[str, float] = {}
            for req_id, value in by_req.items():
                if req_id in self.requirements:
                    cells[req_id] = value
                elif req_id in self.retired:
                    retired_seen.setdefault(req_id, (vendor_id, req_id))
                else:
                    unknown.setdefault(req_id, []).append(vendor_id)
            if keep:
                kept[vendor_id] = cells
        # One problem per unknown id (at its first use), not one per vendor scored on it.
        for req_id, scored in unknown.items():
            _, problem, _ = self.check_requirement(
                req_id, doc, ("scores", scored[0], req_id), len(scored)
            )
            problems += [problem] if problem else []
        for req_id, loc in retired_seen.items():
            warnings.append(self.retired_warning(req_id, doc, ("scores", *loc), "scores"))
        notes = {k: v for k, v in sheet.notes.items() if k in self.compared}
        return sheet.model_copy(update={"scores": kept, "notes": notes}), problems, warnings
