"""The committee's workflow in the report: the shortlisting record, where each compared
vendor's profile and claims come from, and who has not scored what yet."""

from __future__ import annotations

from typing import Any

from crmselect.models.selection import Selection


def shortlisting(selection: Selection, score: Any = None) -> dict[str, Any]:
    """Eliminated vendors with stage and reason, and retired requirements, as recorded; with
    ``score`` (the scoring result) also where claims came from and who has not scored what."""
    card = selection.scorecard
    return {
        "sources": claim_lines(score) if score is not None else [],
        "completeness": completeness_lines(score, "") if score is not None else [],
        "eliminated": [
            {"vendor": e.vendor, "stage": e.stage, "reason": e.reason, "date": e.date or ""}
            for e in card.eliminated
        ],
        "retired": [
            {"requirement": r.requirement, "reason": r.reason, "date": r.date or ""}
            for r in card.retired
        ],
    }


def claim_lines(result: Any) -> list[str]:
    """Where compared vendors' profiles and claims come from, in words: the committee's own
    profiles, and the requirements whose claim an RFI answer gave (with the date received)."""
    names = {v.id: v.name for v in getattr(result, "vendors", ())}
    profiles = getattr(result, "profiles", {})
    lines = []
    own = [names.get(vid, vid) for vid, source in profiles.items() if source == "committee"]
    by_rfi = [names.get(vid, vid) for vid, source in profiles.items() if source == "rfi"]
    bundled = [names.get(vid, vid) for vid, source in profiles.items() if source == "bundled"]
    parts = [f"bundled: {', '.join(bundled)}"] if bundled else []
    parts += [f"the committee's own: {', '.join(own)}"] if own else []
    parts += [f"from its RFI response alone: {', '.join(by_rfi)}"] if by_rfi else []
    if parts:
        lines.append("vendor profiles: " + "; ".join(parts))
    for vid, by_req in getattr(result, "claims", {}).items():
        by_source: dict[str, list[str]] = {}
        for rid, source in by_req.items():
            by_source.setdefault(source, []).append(rid)
        for source, ids in by_source.items():
            rest = "unknown" if profiles.get(vid) == "rfi" else "from the library"
            lines.append(
                f"{names.get(vid, vid)}: claims for {', '.join(ids)} from the {source}; "
                f"the rest {rest}"
            )
    return lines


def completeness_lines(result: Any, prefix: str = "not scored yet: ") -> list[str]:
    """Who has not scored which must-haves yet (empty when complete or before the demos)."""
    found = getattr(result, "completeness", None)
    if found is None:
        return []
    names = {v.id: v.name for v in getattr(result, "vendors", ())}
    return [f"{prefix}{line}" for line in found.lines(names)]


def profile_lines(result: Any) -> list[str]:
    """The vendor-profile line of :func:`claim_lines`, only when some compared vendor's profile
    is not the bundled one (a cost table rests on the profiles' prices)."""
    profiles = getattr(result, "profiles", {})
    if all(source == "bundled" for source in profiles.values()):
        return []
    return claim_lines(_Profiles(result))[:1]


class _Profiles:
    """A result seen only through its vendors and profiles (no claims)."""

    def __init__(self, result: Any):
        self.vendors = getattr(result, "vendors", ())
        self.profiles = getattr(result, "profiles", {})
        self.claims: dict[str, dict[str, str]] = {}
