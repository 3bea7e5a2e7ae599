"""The committee's workflow in the report: the shortlisting record, where each compared
vendor's profile and claims come from, and who has not scored what yet."""

from __future__ import annotations

from typing import Any

from crmselect.models.selection import Selection


def shortlisting(selection: Selection) -> dict[str, Any]:
    """Eliminated vendors with stage and reason, and retired requirements, as recorded."""
    card = selection.scorecard
    return {
        "eliminated": [
            {"vendor": e.vendor, "stage": e.stage, "reason": e.reason, "date": e.date or ""}
            for e in card.eliminated
        ],
        "retired": [
            {"requirement": r.requirement, "reason": r.reason, "date": r.date or ""}
            for r in card.retired
        ],
    }
