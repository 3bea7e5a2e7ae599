"""The vendor library as data: summaries of every profile, and one profile in detail.

`crmselect vendors list` and `crmselect vendors show` print these; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from crmselect.dates import generation_time, months_between
from crmselect.errors import InputError, Problem, UnknownNameError, UsageError
from crmselect.hints import did_you_mean
from crmselect.io.loader import (
    display_path,
    library_name,
    load_catalogue,
    load_file,
    vendor_problems,
)
from crmselect.models.vendor import FeatureCatalogue, Vendor
from crmselect.workflow.overlay import COMMITTEE, VendorLibrary, profile_files


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class VendorSummary(_Result):
    """One line of `crmselect vendors list`."""

    id: str
    """The vendor id (the profile's file name without .yaml)."""
    name: str
    deployment: str
    """saas, on_prem or hybrid."""
    currency: str
    plans: int
    """How many plans the profile lists."""
    per_seat_month_min: float | None
    """The cheapest subscription list price per seat and month; null when no plan has one."""
    per_seat_month_max: float | None
    """The dearest subscription list price per seat and month."""
    perpetual_per_seat_min: float | None
    """The cheapest one-time licence per seat; null when no plan is perpetual."""
    perpetual_per_seat_max: float | None
    prices_as_of: str
    """The month the prices were read (YYYY-MM)."""
    age_months: int
    """Whole months between `prices_as_of` and the reference date."""
    price_confidence: str
    """vendor, third_party or estimate."""
    profile: str = "bundled"
    """``bundled`` or ``committee`` (a profile in the committee's own folder)."""
    replaces_bundled: bool = False
    """The committee's profile has a bundled profile's id and replaces it."""
    features_known: int
    """Catalogue features the profile answers on some plan or add-on (any level but unknown)."""


class LibrarySummary(_Result):
    """Every profile in a vendor library, in id order."""

    vendors_dir: str
    """The library folder, as given or relative to the current folder."""
    overlay: str | None = None
    """The committee's folder laid over the bundled library, when there is one."""
    as_of: str
    """The reference date for price ages (today, or SOURCE_DATE_EPOCH), YYYY-MM-DD."""
    vendors: tuple[VendorSummary, ...]


class VendorDetail(_Result):
    """One profile, with its feature table resolved through `extends` and add-ons."""

    vendor: Vendor
    age_months: int
    """Whole months between `prices_as_of` and the reference date."""
    as_of: str
    features: dict[str, dict[str, str]]
    """Feature key -> plan name -> support level (catalogue order, then by name)."""
    feature_titles: dict[str, str]
    """Feature key -> the catalogue's title, where the catalogue has it."""
    features_known: int
    """Catalogue features the profile answers on some plan or add-on (any level but unknown)."""
    features_in_catalogue: int
    """Features in the catalogue; the difference to `features_known` is unknown."""


def reference_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` (UTC) when it is set, for reproducible output."""
    return generation_time().date()


def _library(library: VendorLibrary | Path) -> VendorLibrary:
    if isinstance(library, VendorLibrary):
        return library
    if not library.is_dir():
        raise UsageError(f"vendor library folder '{library}' does not exist")
    return VendorLibrary(library)


def read_catalogue(library: VendorLibrary) -> tuple[FeatureCatalogue | None, list[Problem]]:
    """The library's feature catalogue, read once, and its problems; (None, []) for a library
    without one (every feature a profile names then counts)."""
    if not library.catalogue.is_file():
        return None, []
    catalogue, _, problems = load_catalogue(library)
    return (None, problems) if problems else (catalogue, [])


def load_library(
    library: VendorLibrary | Path,
) -> tuple[dict[str, Vendor], FeatureCatalogue | None]:
    """Every valid profile of the library by id, and its feature catalogue.

    Raises :class:`InputError` listing every problem when any profile is invalid."""
    library = _library(library)
    catalogue, problems = read_catalogue(library)
    vendors: dict[str, Vendor] = {}
    for path in library.profiles().values():
        try:
            loaded = load_file(path, "vendor")
        except InputError as exc:
            problems += exc.problems
            continue
        problems += vendor_problems(loaded, catalogue)
        vendors[loaded.model.id] = loaded.model
    if problems:
        raise InputError(problems)
    return vendors, catalogue


def _span(values: list[float]) -> tuple[float | None, float | None]:
    return (min(values), max(values)) if values else (None, None)


def known_features(vendor: Vendor, catalogue: FeatureCatalogue | None) -> tuple[str, ...]:
    """The catalogue features a profile answers: written with a level other than `unknown` on
    some plan, or buyable as an add-on. Silence is not an answer (decision.md §2); with no
    catalogue, every feature the profile names counts."""
    named = {
        key for plan in vendor.plans for key, level in plan.features.items() if level != "unknown"
    }
    named |= {addon.feature for addon in vendor.addons}
    if catalogue is None:
        return tuple(sorted(named))
    return tuple(key for key in catalogue.features if key in named)


def summarise(
    vendor: Vendor, today: dt.date, catalogue: FeatureCatalogue | None = None
) -> VendorSummary:
    """The list line of one profile."""
    monthly = _span([p.per_seat_month for p in vendor.plans if p.per_seat_month is not None])
    perpetual = _span(
        [p.perpetual_per_seat for p in vendor.plans if p.perpetual_per_seat is not None]
    )
    return VendorSummary(
        id=vendor.id,
        name=vendor.name,
        deployment=vendor.deployment,
        currency=vendor.currency,
        plans=len(vendor.plans),
        per_seat_month_min=monthly[0],
        per_seat_month_max=monthly[1],
        perpetual_per_seat_min=perpetual[0],
        perpetual_per_seat_max=perpetual[1],
        prices_as_of=vendor.prices_as_of,
        age_months=months_between(vendor.prices_as_of, today),
        price_confidence=vendor.price_confidence,
        features_known=len(known_features(vendor, catalogue)),
    )


def library_summary(library: VendorLibrary | Path, today: dt.date | None = None) -> LibrarySummary:
    """Every profile of the library, summarised for `vendors list`."""
    library = _library(library)
    today = today or reference_date()
    vendors, catalogue = load_library(library)
    bundled_ids = {p.stem for p in profile_files(library.base)}
    rows = []
    for key in sorted(vendors):
        source = library.source(key)
        row = summarise(vendors[key], today, catalogue).model_copy(
            update={
                "profile": source,
                "replaces_bundled": library.overlay is not None
                and source == COMMITTEE
                and key in bundled_ids,
            }
        )
        rows.append(row)
    return LibrarySummary(
        vendors_dir=display_path(library.base),
        overlay=display_path(library.overlay) if library.overlay else None,
        as_of=today.isoformat(),
        vendors=tuple(rows),
    )


def feature_table(vendor: Vendor, catalogue: FeatureCatalogue | None) -> dict[str, dict[str, str]]:
    """Feature -> plan -> support level, for every feature any plan or add-on mentions."""
    mentioned = {key for plan in vendor.plans for key in plan.features}
    mentioned |= {addon.feature for addon in vendor.addons}
    order = list(catalogue.features) if catalogue else []
    keys = [k for k in order if k in mentioned] + sorted(mentioned - set(order))
    return {
        key: {plan.name: vendor.support_level(plan.name, key) for plan in vendor.plans}
        for key in keys
    }


def vendor_detail(
    library: VendorLibrary | Path, vendor_id: str, today: dt.date | None = None
) -> VendorDetail:
    """One profile in full, for `vendors show`; an unknown id is an error with a hint."""
    library = _library(library)
    today = today or reference_date()
    paths = library.profiles()
    path = paths.get(vendor_id)
    if path is None:
        raise UnknownNameError(
            f"no vendor '{vendor_id}' in {library_name(library)}{did_you_mean(vendor_id, paths)}"
        )
    catalogue, problems = read_catalogue(library)
    try:
        loaded = load_file(path, "vendor")
    except InputError as exc:
        raise InputError(problems + exc.problems) from None
    problems += vendor_problems(loaded, catalogue)
    if problems:
        raise InputError(problems)
    vendor: Vendor = loaded.model
    titles = {key: info.title for key, info in catalogue.features.items()} if catalogue else {}
    table = feature_table(vendor, catalogue)
    return VendorDetail(
        vendor=vendor,
        age_months=months_between(vendor.prices_as_of, today),
        as_of=today.isoformat(),
        features=table,
        feature_titles={key: titles[key] for key in table if key in titles},
        features_known=len(known_features(vendor, catalogue)),
        features_in_catalogue=len(catalogue.features) if catalogue else len(table),
    )
