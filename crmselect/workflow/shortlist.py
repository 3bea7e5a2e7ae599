"""Shortlisting (workflow.md §4): eliminated vendors and retired requirements stay on record.

A score file or RFI response that still names a recorded elimination or retirement is a
warning, not an error; an id that is neither compared nor recorded is an error (most often a
typo) with a did-you-mean and the hint to record the elimination or retirement.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

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


class Verdict(msgspec.Struct, frozen=True):
    """What a file's mention of a vendor or requirement id means for the selection."""

    counts: bool
    """True when the id is compared (listed): the entry is used."""
    error: str | None = None
    """An id neither compared nor recorded (most often a typo)."""
    warning: str | None = None
    """A recorded elimination or retirement: the entry is ignored."""

    def located(
        self, doc: YamlDocument, loc: tuple[str | int, ...]
    ) -> tuple[Problem | None, Problem | None]:
        """The error and the warning, located at ``loc`` of ``doc`` (its key)."""
        error = None if self.error is None else doc.problem(loc, self.error, key=True)
        warning = None if self.warning is None else doc.problem(loc, self.warning, key=True)
        return error, warning


class Shortlist(msgspec.Struct):
    """What the scorecard compares and what it has dropped on record."""

    compared: list[str]
    requirements: list[str]
    eliminated: dict[str, Elimination] = msgspec.field(default_factory=dict)
    retired: dict[str, Retirement] = msgspec.field(default_factory=dict)
    duplicates: list[str] = msgspec.field(default_factory=list)
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

    def vendor_verdict(self, vendor_id: str, what: str) -> Verdict:
        """Whether ``what`` (a plural noun: "scores", "RFI answers") for ``vendor_id`` counts;
        for a vendor not compared, the warning (a recorded elimination) or the error (an id
        neither compared nor recorded, with a did-you-mean and how to record it)."""
        if vendor_id in self.compared:
            return Verdict(True)
        entry = self.eliminated.get(vendor_id)
        if entry is not None:
            return Verdict(
                False,
                warning=f"{what} for vendor '{vendor_id}' are ignored: {eliminated_phrase(entry)}",
            )
        message = _with_hint(
            f"vendor '{vendor_id}' is not compared in the scorecard",
            did_you_mean(vendor_id, [*self.compared, *self.eliminated]),
            f"eliminated: {{vendor: {vendor_id}, stage: ..., reason: ...}}",
        )
        return Verdict(False, error=message + " (or list it under vendors: to compare it)")

    def requirement_verdict(self, req_id: str, what: str, uses: int = 1) -> Verdict:
        """As :meth:`vendor_verdict`, for a requirement id; ``uses``: how many vendors a file
        scored on it (said in the one error per id)."""
        if req_id in self.requirements:
            return Verdict(True)
        entry = self.retired.get(req_id)
        if entry is not None:
            when = f" on {entry.date}" if entry.date else ""
            return Verdict(
                False,
                warning=f"{what} for requirement '{req_id}' are ignored: retired{when} "
                f"({entry.reason})",
            )
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
        return Verdict(False, error=message)

    def check_vendor(
        self, vendor_id: str, doc: YamlDocument, loc: tuple[str | int, ...], what: str
    ) -> tuple[bool, Problem | None, Problem | None]:
        """:meth:`vendor_verdict` located in a YAML file: whether it counts, the error, the
        warning."""
        verdict = self.vendor_verdict(vendor_id, what)
        return verdict.counts, *verdict.located(doc, loc)

    def check_requirement(
        self, req_id: str, doc: YamlDocument, loc: tuple[str | int, ...], uses: int = 1
    ) -> tuple[bool, Problem | None, bool]:
        """Whether a cell of ``req_id`` counts, the error to report, and whether it is retired."""
        verdict = self.requirement_verdict(req_id, "scores", uses)
        error, _ = verdict.located(doc, loc)
        return verdict.counts, error, req_id in self.retired

    def retired_warning(
        self, req_id: str, doc: YamlDocument, loc: tuple[str | int, ...], what: str
    ) -> Problem:
        _, warning = self.requirement_verdict(req_id, what).located(doc, loc)
        assert warning is not None, f"{req_id} is not retired"
        return warning

    def scorecard_names(
        self, doc: YamlDocument, card: Scorecard
    ) -> tuple[list[Problem], list[Problem]]:
        """The scorecard's own entries that name a vendor (``vendor_plans``, ``overrides``):
        an error per id neither compared nor recorded, and one warning per eliminated vendor
        still named, at its first entry (one line for the file, as for any other file)."""
        problems: list[Problem] = []
        named: dict[str, list[str]] = {}  # eliminated vendor -> the sections naming it
        for section, entries in (
            ("vendor_plans", card.vendor_plans),
            ("overrides", card.overrides),
        ):
            for vendor_id in entries:
                verdict = self.vendor_verdict(vendor_id, section)
                if verdict.error is not None:
                    problems.append(doc.problem((section, vendor_id), verdict.error, key=True))
                elif not verdict.counts:
                    named.setdefault(vendor_id, []).append(section)
        warnings = []
        for vendor_id, sections in named.items():
            verdict = self.vendor_verdict(vendor_id, " and ".join(sections))
            _, warning = verdict.located(doc, (sections[0], vendor_id))
            warnings += [warning] if warning else []
        return problems, warnings

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
