"""The committee's workflow in the report: the shortlisting record, where each compared
vendor's profile and claims come from, and who has not scored what yet."""

from __future__ import annotations

from typing import Any

from crmselect.models.selection import Selection
from crmselect.models.workflow import RfiFacts
from crmselect.render.common import money


def shortlisting(selection: Selection, score: Any = None, tco: Any = None) -> dict[str, Any]:
    """Eliminated vendors with stage and reason, and retired requirements, as recorded; with
    ``score`` (the scoring result) also where claims came from and who has not scored what;
    with ``tco`` the one-off costs from RFI answers that the totals include."""
    card = selection.scorecard
    return {
        "sources": (claim_lines(score) if score is not None else [])
        + (rfi_cost_lines(tco) if tco is not None else []),
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
    claimed = getattr(result, "claims", {})
    rfi: dict[str, RfiFacts] = getattr(result, "rfi", {})
    for vid in [*claimed, *(v for v in rfi if v not in claimed)]:
        by_req = claimed.get(vid, {})
        by_source: dict[str, list[str]] = {}
        for rid, source in by_req.items():
            by_source.setdefault(source, []).append(rid)
        for source, ids in by_source.items():
            rest = "unknown" if profiles.get(vid) == "rfi" else "from the library"
            lines.append(
                f"{names.get(vid, vid)}: claims for {', '.join(ids)} from the {source}; "
                f"the rest {rest}"
            )
        if vid in rfi:
            lines += rfi_fact_lines(names.get(vid, vid), rfi[vid])
    return lines


def rfi_fact_lines(name: str, facts: RfiFacts) -> list[str]:
    """What a vendor's RFI stated beyond its support levels, with the response's date: the
    one-off costs it quoted, and where it keeps customer data."""
    lines = []
    by_source: dict[str, list[str]] = {}
    for quote in facts.one_off:
        by_source.setdefault(quote.source, []).append(
            f"{quote.requirement} ({quote.support}) {money(quote.amount, quote.currency)}"
        )
    for source, items in by_source.items():
        lines.append(f"{name}: one-off costs quoted in the {source}: {'; '.join(items)}")
    if facts.residency is not None:
        regions = ", ".join(facts.residency.regions)
        lines.append(
            f"{name}: customer data can be kept in {regions} (the {facts.residency.source})"
        )
    return lines


def rfi_cost_lines(result: Any) -> list[str]:
    """The one-off costs from RFI answers that a TCO total includes, per vendor, in the
    scorecard's currency, with the line they are costed under and the response's date."""
    lines = []
    currency = getattr(result, "currency", "")
    for vendor in getattr(result, "vendors", ()):
        by_source: dict[str, list[str]] = {}
        for q in getattr(vendor, "quoted", ()):
            by_source.setdefault(q.source, []).append(
                f"{q.requirement} ({q.support}) {money(q.amount, currency)} under {q.line}"
            )
        for source, items in by_source.items():
            lines.append(
                f"{vendor.name}: the total includes one-off costs quoted in the {source}: "
                + "; ".join(items)
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
