"""Defaults shared by the library's signatures and the command-line options, written once."""

from __future__ import annotations

SEED = 42
"""The random seed: the same seed and inputs give the same figures, byte for byte."""

SIMULATIONS = 10_000
"""Monte Carlo paths of the TCO simulation."""

DRAWS = 10_000
"""Weight draws of the ranking's sensitivity analysis."""
