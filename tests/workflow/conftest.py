"""The selection the workflow tests start from."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES


@pytest.fixture
def handcalc(tmp_path, monkeypatch):
    """The hand-computed selection in a folder of its own, as the current folder."""
    folder = tmp_path / "sel"
    shutil.copytree(FIXTURES / "handcalc", folder)
    monkeypatch.chdir(folder)
    return folder
