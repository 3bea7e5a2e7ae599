"""Where inputs are looked for when none is named: one search order for every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from crmselect.defaults import library_candidates, scorecard_here


def test_the_library_is_looked_for_beside_the_scorecards_folder_then_in_it_then_here() -> None:
    card_folder, cwd = Path("/sel/scorecards/mini"), Path("/work")
    assert library_candidates(card_folder, cwd) == [
        Path("/sel/scorecards/vendors"),
        Path("/sel/scorecards/mini/vendors"),
        Path("/work/vendors"),
    ]
    assert library_candidates(None, cwd) == [Path("/work/vendors")]
    assert library_candidates(card_folder, None) == [
        Path("/sel/scorecards/vendors"),
        Path("/sel/scorecards/mini/vendors"),
    ]


def test_scorecard_here_only_in_a_selection_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert scorecard_here() is None
    (tmp_path / "scorecard.yaml").write_text("kind: scorecard\n", encoding="utf-8")
    assert scorecard_here() == Path("scorecard.yaml")
