"""`crmselect diff` as a user runs it: its --format values, and the -o file's name."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commands.test_report import crmselect
from tests.conftest import MINI

CARD = MINI / "scorecard.yaml"


def test_a_format_diff_does_not_have_is_a_usage_error(tmp_path: Path) -> None:
    result = crmselect("diff", CARD, CARD, "-f", "yaml", "-o", tmp_path / "d.md")
    assert result.returncode == 2
    assert "Invalid value for '--format' / '-f'" in result.stderr
    assert "'yaml' is not one of 'table', 'md', 'json'" in result.stderr
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []


def test_the_file_name_gives_the_format_as_for_score_and_tco(tmp_path: Path) -> None:
    md, js = tmp_path / "d.md", tmp_path / "d.json"
    result = crmselect("diff", CARD, CARD, "-o", md)
    assert result.returncode == 0, result.stderr
    assert md.read_text(encoding="utf-8").startswith("### Selection diff: ")
    result = crmselect("diff", CARD, CARD, "-o", js)
    assert result.returncode == 0, result.stderr
    assert json.loads(js.read_text(encoding="utf-8"))["old_label"] == str(CARD)
    # a format the name contradicts is refused before anything is compared or written
    result = crmselect("diff", CARD, CARD, "-f", "json", "-o", tmp_path / "other.md")
    assert result.returncode == 2
    assert "'other.md' is named for md but the format is json" in result.stderr
    assert not (tmp_path / "other.md").exists()
