"""Find the bundled folders (vendor library, example selections, templates, schemas).

Installed from a wheel they live in ``crmselect/_bundled/``; in a checkout (or an editable
install) they are the folders at the repository root.
"""

from __future__ import annotations

from pathlib import Path

from crmselect.defaults import EXAMPLE, SCORECARD_FILE

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder ``name``: ``vendors``, ``scorecards``, ``templates`` or ``schemas``."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def example_scorecard(name: str = EXAMPLE) -> Path:
    """The scorecard of a bundled example selection."""
    return bundled("scorecards") / name / SCORECARD_FILE
