"""Defaults shared by the library's signatures and the command-line options, written once:
the seed and sizes of the simulations, and where inputs are looked for when none is named."""

from __future__ import annotations

from pathlib import Path

SEED = 42
"""The random seed: the same seed and inputs give the same figures, byte for byte."""

SIMULATIONS = 10_000
"""Monte Carlo paths of the TCO simulation."""

DRAWS = 10_000
"""Weight draws of the ranking's sensitivity analysis."""

SCORECARD_FILE = "scorecard.yaml"
"""The file a command reads from the current folder when no scorecard is named."""

EXAMPLE = "medical-devices-cn"
"""The bundled example selection a command uses when there is no scorecard at all."""

LIBRARY_FOLDER = "vendors"
"""The name of a vendor-library folder."""

CATALOGUE_FILE = "features.yaml"
"""The feature catalogue: a library folder that holds one is a complete library."""


def library_candidates(scorecard_folder: Path | None, cwd: Path | None) -> list[Path]:
    """Where a complete vendor library is looked for, in order: ``vendors/`` beside the
    scorecard's folder, in it, then in the current folder (each when given). The first with a
    ``features.yaml`` is the library; the bundled one serves when none has."""
    folders = [] if scorecard_folder is None else [scorecard_folder.parent, scorecard_folder]
    folders += [] if cwd is None else [cwd]
    return [folder / LIBRARY_FOLDER for folder in folders]


def scorecard_here() -> Path | None:
    """``./scorecard.yaml`` when the current folder is a selection, else None."""
    here = Path(SCORECARD_FILE)
    return here if here.is_file() else None
