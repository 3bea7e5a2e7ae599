"""The diff's renderers: hostile vendor and requirement strings stay inert."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from crmselect.diff import compare, diff_selections, flatten
from crmselect.io.loader import load_selection
from crmselect.render.diff import diff_markdown, diff_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
EVIL = "Evil | [x](javascript:alert(1)) <script>`[/bold]"


@pytest.fixture
def evil_pair(tmp_path: Path):
    for name in ("old", "new"):
        shutil.copytree(FIXTURE, tmp_path / name)
    card = tmp_path / "new" / "scorecard.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("title: Pipeline", f"title: '{EVIL}'"), encoding="utf-8")
    beta = tmp_path / "new" / "vendors" / "beta.yaml"
    text = beta.read_text(encoding="utf-8")
    beta.write_text(text.replace("name: Beta 销售", f"name: '{EVIL}'"), encoding="utf-8")
    old = load_selection(tmp_path / "old" / "scorecard.yaml")
    new = load_selection(tmp_path / "new" / "scorecard.yaml")
    return diff_selections(old, new, seed=3, old_label="old|x", new_label="new")


def test_markdown_escapes_every_cell(evil_pair) -> None:
    text = diff_markdown(evil_pair)
    assert EVIL not in text
    assert "<script>" not in text
    assert re.search(r"(?<!\\)\]\(javascript:", text) is None  # brackets escaped: no link
    assert "\\[x\\](javascript:" in text
    row = next(line for line in text.splitlines() if line.startswith("| R2 |"))
    # Three cells: id, title, change; the pipes inside the title are escaped.
    assert row.replace("\\|", "").count("|") == 4
    assert "old\\|x" in text


def test_table_prints_markup_literally(evil_pair) -> None:
    text = diff_text(evil_pair, width=200)
    assert "[/bold]" in text  # shown as text, not parsed as rich markup
    assert "name: Beta 销售 → Evil" not in text  # the vendor's name is not a tracked change


def test_flatten_and_compare() -> None:
    flat = flatten({"a": {"b": 1, "c": [1, 2]}, "d": [{"e": 3}], "f": None})
    assert flat == {"a.b": 1, "a.c": "1, 2", "d[0].e": 3, "f": None}
    changes = compare({"x": 1, "y": 2, "gone": 5}, {"y": 3, "x": 1, "new": 4})
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("y", 2, 3),
        ("new", None, 4),
        ("gone", 5, None),
    ]
