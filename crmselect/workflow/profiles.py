"""The committee's own vendor profiles: copy a bundled one, start a new one, check them all
(workflow.md §3). Nothing here prints; the commands do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from crmselect._resources import bundled
from crmselect.dates import generation_time, months_between
from crmselect.errors import InputError, UnknownNameError, UsageError
from crmselect.io.atomic import write_atomic
from crmselect.io.loader import display_path, load_file
from crmselect.io.locate import did_you_mean
from crmselect.models.common import _name
from crmselect.workflow.overlay import VendorLibrary, profile_files

STALE_MONTHS = 12
"""Prices older than this many months are stale (scoring.md §9)."""


def _target(vendor_id: str, folder: Path) -> Path:
    try:
        _name(vendor_id)
    except ValueError as exc:
        raise UsageError(f"vendor id '{vendor_id}' {exc}") from None
    if "/" in vendor_id or "\\" in vendor_id or vendor_id.startswith("."):
        raise UsageError(f"vendor id '{vendor_id}' must be a plain name, such as acme-crm")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"'{folder}' is a file; name a folder")
    target = folder / f"{vendor_id}.yaml"
    if target.exists():
        raise UsageError(f"'{display_path(target)}' already exists; crmselect never overwrites it")
    return target


def copy_profile(vendor_id: str, folder: Path) -> Path:
    """Copy the bundled profile ``vendor_id`` byte for byte into ``folder`` (created if
    missing); refuses to overwrite."""
    known = {p.stem: p for p in profile_files(bundled("vendors"))}
    source = known.get(vendor_id)
    if source is None:
        raise UnknownNameError(
            f"no bundled vendor '{vendor_id}'{did_you_mean(vendor_id, known)}"
            " (crmselect vendors new ID starts a profile the library lacks)"
        )
    target = _target(vendor_id, folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(target, source.read_bytes())
    return target


def new_profile(vendor_id: str, folder: Path) -> Path:
    """Write the commented starter profile for ``vendor_id`` into ``folder``."""
    if vendor_id in {p.stem for p in profile_files(bundled("vendors"))}:
        raise UsageError(
            f"the bundled library has '{vendor_id}'; crmselect vendors copy {vendor_id} "
            "starts from its profile"
        )
    target = _target(vendor_id, folder)
    template = (bundled("templates") / "vendor-new.yaml").read_text(encoding="utf-8")
    month = generation_time().strftime("%Y-%m")
    text = template.replace("{id}", vendor_id).replace("{month}", month)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)
    return target


class ProfileCheck(msgspec.Struct, frozen=True):
    """What `vendors check` says about one profile."""

    id: str
    profile: str
    """``bundled`` or ``committee``."""
    prices_as_of: str | None
    age_months: int | None
    confidence: str | None
    stale: bool
    """Prices older than 12 months."""
    estimated: tuple[str, ...]
    """What is an estimate: "prices", or "plan X prices"."""
    problem: str | None = None
    """Why the profile could not be read (validate tells more)."""
    features_known: int | None = None
    """Catalogue features the profile answers (a level other than unknown, or an add-on)."""
    features_in_catalogue: int | None = None


class LibraryCheck(msgspec.Struct, frozen=True):
    as_of: str
    folder: str
    profiles: tuple[ProfileCheck, ...]


def check_library(library: VendorLibrary, today: dt.date | None = None) -> LibraryCheck:
    """Price age, confidence, staleness and estimates of every profile in the library."""
    from crmselect.library import known_features, read_catalogue

    today = today or generation_time().date()
    # an invalid catalogue is validate's to report; the counts then cover what profiles name
    catalogue, _ = read_catalogue(library)
    rows = []
    for vendor_id, path in library.profiles().items():
        source = library.source(vendor_id)
        try:
            vendor = load_file(path, "vendor").model
        except InputError as exc:
            count = len(exc.problems)
            rows.append(
                ProfileCheck(
                    vendor_id,
                    source,
                    None,
                    None,
                    None,
                    False,
                    (),
                    f"{count} problem{'s' * (count != 1)}: run crmselect validate "
                    f"{display_path(path)}",
                )
            )
            continue
        age = months_between(vendor.prices_as_of, today)
        estimated = ["prices"] if vendor.price_confidence == "estimate" else []
        estimated += [
            f"plan {p.name} prices" for p in vendor.plans if p.price_confidence == "estimate"
        ]
        rows.append(
            ProfileCheck(
                vendor_id,
                source,
                vendor.prices_as_of,
                age,
                vendor.price_confidence,
                age > STALE_MONTHS,
                tuple(estimated),
                features_known=len(known_features(vendor, catalogue)),
                features_in_catalogue=len(catalogue.features) if catalogue else None,
            )
        )
    return LibraryCheck(today.isoformat(), display_path(library.folder), tuple(rows))
