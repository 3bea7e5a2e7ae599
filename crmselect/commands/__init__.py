"""One module a command; each registers itself on :data:`crmselect.cli.root` when imported.

These modules (and :mod:`crmselect.cli`) do without ``from __future__ import annotations``:
typer reads the signature of every command on every run, and a string annotation costs it a
``compile`` and an ``eval`` per parameter (about three times the time to build the commands)."""
