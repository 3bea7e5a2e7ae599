"""`crmselect` and `python -m crmselect`: settings for a short command-line process, made
before any library is imported, then the command line (:func:`crmselect.cli.main`)."""

import gc
import os

BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS")
"""The settings NumPy's bundled OpenBLAS reads for its thread count, in its order."""

GC_FIRST_GENERATION = 100_000
"""Allocations between two collections of the youngest generation (Python's default: 700)."""


def prepare_process() -> None:
    """Settings that make a run start faster and that no user setting is overridden by.

    - OpenBLAS starts a thread per core when NumPy is imported, and its idle threads spin on
      these 2-core machines; crmselect's matrix products are small (draws × categories ×
      vendors), so one thread does them as fast. A thread count the environment sets is kept.
    - Start-up creates some hundred thousand long-lived objects (modules, classes, schemas):
      Python's cyclic collector would walk them about a hundred times. Collecting after every
      100,000 allocations instead of 700 still frees cyclic garbage, with a few MB at most
      waiting for it.
    """
    if not any(os.environ.get(name) for name in BLAS_THREADS):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
    gc.set_threshold(GC_FIRST_GENERATION, *gc.get_threshold()[1:])


def main() -> None:
    """The console script's entry point."""
    prepare_process()
    from crmselect.cli import main as run

    run()


if __name__ == "__main__":
    main()
