"""One validated selection: the scorecard with every file it refers to, cross-references resolved."""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from crmselect.errors import NotComparedError
from crmselect.frozen import freeze_input
from crmselect.hints import did_you_mean
from crmselect.models.common import point_value
from crmselect.models.scorecard import JudgmentFile, Requirement, Scenario, Scorecard, ScoreFile
from crmselect.models.vendor import FeatureCatalogue, Vendor
from crmselect.models.workflow import RfiFacts


class Selection(msgspec.Struct, frozen=True):
    """Everything `score`, `tco` and `report` need, validated and cross-checked.

    ``vendors`` are in the scorecard's order with the scorecard's profile `overrides` applied;
    ``scenarios`` holds each vendor's scenario with its `scenario.` overrides applied.

    Deeply immutable once built, like the results computed from it: every mapping and list in
    it, down to those of its models, refuses change (a changed view is a new Selection, as
    ``msgspec.structs.replace`` or ``decision.only_vendors`` make).
    """

    scorecard: Scorecard
    path: Path
    requirements: tuple[Requirement, ...]
    vendors: Mapping[str, Vendor]
    scenarios: Mapping[str, Scenario]
    features: FeatureCatalogue
    scores: tuple[ScoreFile, ...] = ()
    score_files: tuple[Path, ...] = ()
    """The file of each of ``scores``, in the same order (one per evaluator)."""
    judgments: tuple[JudgmentFile, ...] = ()
    """Each committee member's pairwise judgments (`weighting.judgments_from`)."""
    files: tuple[Path, ...] = ()
    """Every input file read, scorecard first, for provenance."""
    vendors_dir: Path | None = None
    requirement_files: Mapping[str, str] = msgspec.field(default_factory=dict)
    """Requirement id -> the file that defines it."""
    profile_sources: Mapping[str, str] = msgspec.field(default_factory=dict)
    """Vendor id -> ``bundled`` or ``committee`` (the committee's own profile)."""
    claim_sources: Mapping[str, Mapping[str, str]] = msgspec.field(default_factory=dict)
    """Vendor id -> requirement id -> where a claim that is not the profile's came from
    (``RFI received 2026-12-01``)."""
    rfi: Mapping[str, RfiFacts] = msgspec.field(default_factory=dict)
    """Vendor id -> what its RFI responses state that its profile has no field for (one-off
    costs per requirement, hosting regions), with their source."""
    warnings: tuple[str, ...] = ()
    """Located warnings from loading (scores of an eliminated vendor, a glob matching nothing yet)."""
    applied_overrides: tuple[Any, ...] = ()
    """Every scorecard override applied, with the value it replaced
    (:class:`crmselect.assumptions.Override`), in the scorecard's order."""

    @property
    def scenario(self) -> Scenario:
        """The scorecard's own scenario, before per-vendor overrides."""
        return self.scorecard.scenario

    @property
    def currency(self) -> str:
        return self.scorecard.currency

    def fx(self, currency: str) -> float:
        """Units of the scorecard's currency per unit of ``currency`` (the point value of an
        uncertain rate)."""
        if currency == self.scorecard.currency:
            return 1.0
        return point_value(self.scorecard.fx[currency])

    def vendor_ids(self, only: Sequence[str] | None = None) -> list[str]:
        """The compared vendor ids in the scorecard's order, or those of ``only``; an id that
        is not compared is :class:`NotComparedError` with a "did you mean"."""
        known = list(self.vendors)
        if only is None:
            return known
        for vid in only:
            if vid not in self.vendors:
                raise NotComparedError(
                    f"'{vid}' is not a compared vendor{did_you_mean(vid, known)} "
                    f"(compared: {', '.join(known)})"
                )
        if not only:
            raise NotComparedError("no vendor to compare")
        wanted = set(only)
        return [vid for vid in known if vid in wanted]

    def __post_init__(self) -> None:
        freeze_input(self)

    def __repr__(self) -> str:
        musts = sum(1 for r in self.requirements if r.priority == "must")
        return (
            f"<Selection {self.scorecard.title!r}: {len(self.vendors)} vendors × "
            f"{len(self.requirements)} requirements ({musts} must)>"
        )
