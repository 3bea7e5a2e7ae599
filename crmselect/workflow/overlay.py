"""The vendor library a selection uses: the bundled one, a complete library of the committee's
own, or the committee's profiles overlaid on the bundled library (workflow.md §3).

A folder that holds a ``features.yaml`` is a complete library, as in 0.1. A folder without one
overlays the bundled library: a profile with a bundled id replaces it, a new id adds a vendor,
and ``features-extra.yaml`` (``kind: features``) adds features to the bundled catalogue.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from crmselect._resources import bundled
from crmselect.defaults import CATALOGUE_FILE, LIBRARY_FOLDER, library_candidates
from crmselect.errors import UsageError

CATALOGUE = CATALOGUE_FILE
EXTRA = "features-extra.yaml"
NOT_PROFILES = (CATALOGUE, EXTRA)

BUNDLED = "bundled"
COMMITTEE = "committee"


def _is_bundled(folder: Path) -> bool:
    try:
        return folder.resolve() == bundled("vendors").resolve()
    except OSError:
        return False


def profile_files(folder: Path) -> list[Path]:
    """The profiles of one folder, sorted (catalogue files excluded)."""
    return sorted(p for p in folder.glob("*.yaml") if p.name not in NOT_PROFILES)


class VendorLibrary(msgspec.Struct, frozen=True):
    """Where a selection's vendor profiles and feature catalogue come from."""

    base: Path
    """A complete library: the bundled one, or a folder with its own features.yaml."""
    overlay: Path | None = None
    """The committee's folder without a features.yaml, laid over the bundled library."""

    @property
    def folder(self) -> Path:
        """The folder to name in messages: the committee's, else the base."""
        return self.overlay or self.base

    @property
    def catalogue(self) -> Path:
        return self.base / CATALOGUE

    @property
    def extra_catalogue(self) -> Path | None:
        """The overlay's features-extra.yaml, when it has one."""
        if self.overlay is not None and (self.overlay / EXTRA).is_file():
            return self.overlay / EXTRA
        return None

    def profiles(self) -> dict[str, Path]:
        """Vendor id -> profile file; the overlay's replace the base's."""
        found = {p.stem: p for p in profile_files(self.base)}
        if self.overlay is not None:
            found.update({p.stem: p for p in profile_files(self.overlay)})
        return dict(sorted(found.items()))

    @property
    def is_bundled(self) -> bool:
        """Whether the base is the library that ships with crmselect."""
        return _is_bundled(self.base)

    def source(self, vendor_id: str) -> str:
        """``bundled`` or ``committee`` (a profile in the committee's own folder)."""
        if self.overlay is not None and (self.overlay / f"{vendor_id}.yaml").is_file():
            return COMMITTEE
        return BUNDLED if self.is_bundled else COMMITTEE


def find_library(scorecard: Path | None, given: Path | None = None) -> VendorLibrary:
    """The library for ``scorecard``: ``--vendors DIR`` when given; else a ``vendors/`` folder
    with a features.yaml beside the scorecard's folder, in it or in the current folder (0.1);
    else a ``vendors/`` folder beside the scorecard (the current folder's without one) as an
    overlay on the bundled library; else the bundled library."""
    if given is not None:
        if not given.is_dir():
            raise UsageError(f"vendor library folder '{given}' does not exist")
        if (given / CATALOGUE).is_file() or _is_bundled(given):
            return VendorLibrary(given)
        return VendorLibrary(bundled("vendors"), given)
    here = scorecard.resolve().parent if scorecard is not None else Path.cwd()
    for candidate in library_candidates(here if scorecard is not None else None, Path.cwd()):
        if (candidate / CATALOGUE).is_file():
            return VendorLibrary(candidate)
    own = here / LIBRARY_FOLDER
    if own.is_dir() and not _is_bundled(own):
        return VendorLibrary(bundled("vendors"), own)
    return VendorLibrary(bundled("vendors"))
