"""Warnings for cost lines that are 0 for every vendor because nobody estimated them.

A default of 0 means "not estimated", never "free" (tco.md): each warning names the figure
of a source article (docs/sources.md) that the line would take, so an incomplete scenario never looks
cheaper in silence.
"""

from __future__ import annotations

from collections.abc import Sequence

from crmselect.tco.lines import Paths
from crmselect.tco.model import VendorModel

_SEED_HINTS: dict[str, str] = {
    "migration": "scenario.migration is not estimated; data cleansing takes over 40% of "
    "implementation time [A]: give records, dirty_share, cost_per_dirty_record and fixed",
    "training": "scenario.training is not estimated; certification costs about 2,000 CNY per "
    "certified person [E], and a system that needs 200 hours of training can cost more "
    "than the software [A]",
    "customization": "scenario.customization is not estimated; custom development costs about "
    "3,000 CNY per custom field [E]: give custom_fields and per_field",
    "integration": "scenario.integrations is empty; unplanned third-party integration took a "
    "car dealer's 500k budget to 870k [E]",
    "support": "outside support is not estimated (support_hours_per_year x support_hourly_rate); "
    "support billed at $200 an hour made a cheap option cost 47% more over 3 years [A]",
    "internal": "scenario.internal is not estimated; an administrator's time "
    "(admin_fte x fte_cost_year) is a yearly cost of every CRM [C]",
}


def missing_input_warnings(
    models: Sequence[VendorModel], deterministic: dict[str, Paths], currency: str
) -> tuple[str, ...]:
    """One warning per line that is 0 for every vendor, plus each vendor with no plan big
    enough for its users, and each on-premise vendor whose infrastructure nobody estimated."""
    if not models:
        return ()
    warnings = []
    for line, hint in _SEED_HINTS.items():
        if line == "support":
            zero = all(not deterministic[m.id].outside_support.any() for m in models)
        else:
            zero = all(not deterministic[m.id].lines[line].any() for m in models)
        if zero:
            name = "outside support" if line == "support" else line
            warnings.append(f"{name} is 0 for every vendor: {hint}")
    for m in models:
        paths = deterministic[m.id]
        if m.unpriced_addons:
            one = len(m.unpriced_addons) == 1
            warnings.append(
                f"{m.name}: {', '.join(m.unpriced_addons)} "
                f"{'is an add-on' if one else 'are add-ons'} with no price in the profile, so "
                f"the total leaves out {'its' if one else 'their'} cost: get a quote "
                "(premium modules charged extra are a common hidden cost [B])"
            )
        if m.infrastructure_unestimated:
            warnings.append(
                f"{m.name} runs on premise but its infrastructure is not estimated "
                "(on_prem.infrastructure_year, or an override): hardware, hosting and operations "
                "are missing from its total (on-premise means hardware and staff cost [C])"
            )
        years = [y + 1 for y, n in enumerate(paths.seats[0]) if n > m.max_seats[-1]]
        if years:
            first = years[0]
            warnings.append(
                f"{m.name}: no plan admits {int(paths.seats[0][first - 1])} users "
                f"(year {first}); every seat is billed on {m.plan_names[-1]}"
            )
    return tuple(warnings)
