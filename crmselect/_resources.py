"""Find the bundled folders (vendor library, example selections, templates, schemas).

Installed from a wheel they live in ``crmselect/_bundled/``; in a checkout (or an editable
install) they are the folders at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder ``name``: ``vendors``, ``scorecards``, ``templates`` or ``schemas``."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


DEFAULT_EXAMPLE = "medical-devices-cn"


def example_scorecard(name: str = DEFAULT_EXAMPLE) -> Path:
    """The scorecard of a bundled example selection."""
    return bundled("scorecards") / name / "scorecard.yaml"


def find_vendors_dir(scorecard: Path | None, given: Path | None = None) -> Path:
    """The vendor library: ``given``, else ``vendors/`` beside the scorecard's folder (or in it,
    or in the current folder), else the bundled library."""
    if given is not None:
        return given
    candidates = []
    if scorecard is not None:
        folder = scorecard.resolve().parent
        candidates += [folder.parent / "vendors", folder / "vendors"]
    candidates.append(Path.cwd() / "vendors")
    for candidate in candidates:
        if (candidate / "features.yaml").is_file():
            return candidate
    return bundled("vendors")
