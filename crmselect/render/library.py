"""Terminal views of the vendor library (`crmselect vendors list|show`).

Every vendor string goes in as ``rich.text.Text``: profiles are data, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crmselect.models.common import Normal, Triangular, Uniform
from crmselect.render.common import to_json

if TYPE_CHECKING:
    from crmselect.library import LibrarySummary, VendorDetail
    from crmselect.workflow.profiles import LibraryCheck

_LEVEL_STYLE = {
    "native": "green",
    "addon": "cyan",
    "partner": "yellow",
    "custom": "magenta",
    "roadmap": "dim",
    "none": "dim",
    "unknown": "dim italic",
}


def price(value: float | None) -> str:
    """``14`` -> ``14``, ``14.5`` -> ``14.50``, ``1200`` -> ``1,200``; None -> ``–``."""
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def span(low: float | None, high: float | None) -> str:
    """``10–20``, or one figure when both ends agree."""
    if low is None:
        return "–"
    return price(low) if low == high else f"{price(low)}–{price(high)}"


def uncertain(value: Any) -> str:
    """A number or a range as written: ``20 / 30 / 60`` for low / mode / high."""
    if isinstance(value, Triangular):
        kind = " (PERT)" if getattr(value, "dist", None) == "pert" else ""
        return f"{price(value.low)} / {price(value.mode)} / {price(value.high)}{kind}"
    if isinstance(value, Uniform):
        return f"{price(value.low)}–{price(value.high)} (uniform)"
    if isinstance(value, Normal):
        return f"{price(value.mean)} ± {price(value.sd)} (normal)"
    return price(value)


def share(value: Any) -> str:
    """``0.05`` -> ``5%``; ranges as low / mode / high."""
    if value is None:
        return "–"
    if isinstance(value, Triangular):
        return " / ".join(f"{x * 100:g}%" for x in (value.low, value.mode, value.high))
    if isinstance(value, Uniform):
        return f"{value.low * 100:g}%–{value.high * 100:g}% (uniform)"
    if isinstance(value, Normal):
        return f"{value.mean * 100:g}% ± {value.sd * 100:g}% (normal)"
    return f"{value * 100:g}%"


def age(months: int) -> str:
    if months < 0:
        return "future date"
    return f"{months} month{'s' * (months != 1)} old"


def short_age(months: int) -> str:
    return "future" if months < 0 else f"{months} mo"


CONFIDENCE = {"vendor": "vendor", "third_party": "3rd party", "estimate": "estimate"}


def library_table(summary: LibrarySummary) -> Table:
    """The `vendors list` table."""
    title = f"Vendor library: {summary.vendors_dir}"
    if summary.overlay is not None:
        title += f", with the committee's profiles in {summary.overlay}"
    table = Table(title=Text(title), title_justify="left")
    table.add_column(
        "vendor",
        overflow="fold",
        min_width=max(len(v.id) for v in summary.vendors) if summary.vendors else 10,
    )
    table.add_column("seat-month", justify="right", overflow="fold")
    table.add_column("prices as of", no_wrap=True)
    table.add_column("source", no_wrap=True)
    for v in summary.vendors:
        prices = span(v.per_seat_month_min, v.per_seat_month_max)
        if v.perpetual_per_seat_min is not None:
            perpetual = span(v.perpetual_per_seat_min, v.perpetual_per_seat_max)
            prices = (
                f"{prices}; perpetual {perpetual}" if prices != "–" else f"perpetual {perpetual}"
            )
        vendor = Text(v.id, style="bold")
        plans = f"{v.plans} plan{'s' * (v.plans != 1)}"
        vendor.append(Text(f"\n{v.name} · {v.deployment} · {plans}"))
        if summary.overlay is not None and v.profile == "committee":
            replaces = "replaces the bundled one" if v.replaces_bundled else "added"
            vendor.append(Text(f"\ncommittee's profile ({replaces})", style="italic"))
        table.add_row(
            vendor,
            Text(f"{prices} {v.currency}"),
            Text(f"{v.prices_as_of}, {short_age(v.age_months)}"),
            Text(CONFIDENCE.get(v.price_confidence, v.price_confidence)),
        )
    return table


def library_json(summary: LibrarySummary) -> str:
    return to_json(summary.model_dump(mode="json"))


def _pairs(title: str, rows: list[tuple[str, str]]) -> RenderableType:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in rows:
        table.add_row(Text(key), Text(value))
    return Group(Text(title, style="italic"), table) if title else table


def vendor_view(detail: VendorDetail) -> RenderableType:
    """Everything `vendors show` prints about one profile."""
    v = detail.vendor
    cur = v.currency
    parts: list[RenderableType] = []
    heading = Text(v.name, style="bold")
    heading.append(Text(f"  ({v.id})"))
    parts.append(heading)
    parts.append(
        _pairs(
            "",
            [
                ("website", v.website or "–"),
                ("deployment", v.deployment),
                ("currency", cur),
                ("prices as of", f"{v.prices_as_of} ({age(detail.age_months)} on {detail.as_of})"),
                ("price confidence", v.price_confidence),
                (
                    "features known",
                    f"{detail.features_known} of {detail.features_in_catalogue} catalogue features "
                    "(the rest unknown)",
                ),
            ],
        )
    )

    plans = Table(title=Text(f"Plans (list prices in {cur})"), title_justify="left")
    for header in ["plan", "price", "seats", "base fee/yr", "onboarding"]:
        plans.add_column(header, no_wrap=header != "plan")
    for plan in v.plans:
        if plan.perpetual_per_seat is not None:
            text = f"{price(plan.perpetual_per_seat)}/seat perpetual"
            if plan.maintenance_pct is not None:
                text += f"; maintenance {share(plan.maintenance_pct)}/year"
        else:
            text = f"{price(plan.per_seat_month)}/seat-month"
        plans.add_row(
            Text(plan.name),
            Text(text),
            Text(
                f"{plan.min_seats}+"
                if plan.max_seats is None
                else f"{plan.min_seats}–{plan.max_seats}"
            ),
            Text(price(plan.base_fee_year)),
            Text(price(plan.onboarding_fee)),
        )
    parts.append(plans)

    if v.addons:
        addons = Table(title=Text("Add-ons"), title_justify="left")
        for header in ["add-on", "feature", "per seat-month", "per year", "plans"]:
            addons.add_column(header)
        for addon in v.addons:
            addons.add_row(
                Text(addon.name),
                Text(addon.feature),
                Text(price(addon.per_seat_month)),
                Text(price(addon.per_year)),
                Text(", ".join(addon.plans) if addon.plans is not None else "all"),
            )
        parts.append(addons)

    c, s, sla = v.contract, v.services, v.sla
    terms = [
        ("annual uplift", share(c.annual_uplift)),
        ("uplift cap", share(c.uplift_cap)),
        ("first-year discount", share(c.first_year_discount)),
        ("implementation days", uncertain(s.implementation_days)),
        ("day rate", f"{price(s.day_rate)} {cur}"),
        ("premium support", f"{share(s.support_pct_of_licence)} of licence"),
    ]
    if v.on_prem is not None:
        terms.append(("infrastructure/year", f"{uncertain(v.on_prem.infrastructure_year)} {cur}"))
    terms += [
        ("SLA availability", share(sla.availability)),
        ("SLA response", "–" if sla.response_hours is None else f"{price(sla.response_hours)} h"),
        ("SLA on-site", "–" if sla.onsite_hours is None else f"{price(sla.onsite_hours)} h"),
        ("certifications", ", ".join(v.certifications) or "–"),
        ("REST API", {True: "yes", False: "no", None: "unknown"}[v.integrations.rest_api]),
        (
            "single sign-on",
            "unknown" if v.integrations.sso is None else ", ".join(v.integrations.sso) or "none",
        ),
        ("data export", v.integrations.data_export or "unknown"),
    ]
    lim = v.limits
    terms += [
        ("API calls/day", "–" if lim.api_calls_per_day is None else f"{lim.api_calls_per_day:,}"),
        ("storage GB/seat", price(lim.storage_gb_per_seat)),
        ("storage GB base", price(lim.storage_gb_base)),
    ]
    parts.append(_pairs("Contract, services, SLA, integrations and limits", terms))

    features = Table(title=Text("Features by plan"), title_justify="left")
    features.add_column("feature")
    for plan in v.plans:
        features.add_column(Text(plan.name))
    for key, levels in detail.features.items():
        features.add_row(
            Text(key),
            *(Text(levels[p.name], style=_LEVEL_STYLE[levels[p.name]]) for p in v.plans),
        )
    parts.append(features)

    sources = Text("Sources: ", style="bold")
    sources.append(Text(", ".join(v.sources) if v.sources else "none given"))
    parts.append(sources)
    if v.notes:
        notes = Text("Notes: ", style="bold")
        notes.append(Text(v.notes))
        parts.append(notes)
    return Group(*parts)


def vendor_json(detail: VendorDetail) -> str:
    data = detail.model_dump(mode="json", exclude_none=True)
    return to_json(data)


def check_table(report: LibraryCheck) -> Table:
    """The `vendors check` table: one row per profile, what to refresh first."""
    table = Table(
        title=Text(f"Vendor profiles as of {report.as_of}: {report.folder}"), title_justify="left"
    )
    for name in ("vendor", "profile", "prices as of", "confidence", "features known", "to check"):
        table.add_column(name, overflow="fold")
    for row in report.profiles:
        if row.problem:
            todo = row.problem
        else:
            notes = []
            if row.stale:
                notes.append(f"stale: prices {row.age_months} months old")
            notes += [f"{item} estimated" for item in row.estimated]
            todo = "; ".join(notes) or "–"
        table.add_row(
            Text(row.id),
            Text("committee's" if row.profile == "committee" else "bundled"),
            Text(
                f"{row.prices_as_of}, {short_age(row.age_months)}"
                if row.prices_as_of and row.age_months is not None
                else "–"
            ),
            Text(CONFIDENCE.get(row.confidence or "", row.confidence or "–")),
            Text(_known(row.features_known, row.features_in_catalogue)),
            Text(todo),
        )
    return table


def _known(known: int | None, catalogue: int | None) -> str:
    if known is None:
        return "–"
    return f"{known} of {catalogue}" if catalogue is not None else str(known)


def check_json(report: LibraryCheck) -> str:
    import msgspec

    return to_json(msgspec.to_builtins(report))
