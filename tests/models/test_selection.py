"""A loaded Selection is deeply immutable, like the results computed from it: no field, and no
mapping or list anywhere inside it (down to its models), can be changed after loading."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import msgspec
import pytest
from pydantic import ValidationError

from crmselect.decision import only_vendors
from crmselect.io.loader import load_selection
from crmselect.models.selection import Selection
from tests.conftest import FIXTURES
from tests.reachable import reachable

RESPONSE = """kind: rfi-response
vendor: ann
received: '2026-12-01'
answers:
  S1: {support: custom, one_off_cost: 900}
company: {data_residency: [EU]}
"""


@pytest.fixture
def selection(tmp_path: Path) -> Selection:
    """The hand-computed selection with every kind of field filled: scores, an override, an
    RFI response (claim sources and RFI facts)."""
    folder = tmp_path / "sel"
    shutil.copytree(FIXTURES / "handcalc", folder)
    (folder / "responses").mkdir()
    (folder / "responses" / "ann.yaml").write_text(RESPONSE, encoding="utf-8")
    card = folder / "scorecard.yaml"
    card.write_text(
        card.read_text(encoding="utf-8")
        + "responses_from: [responses/*.yaml]\noverrides:\n  bob: {plans.Standard.per_seat_month: 9}\n",
        encoding="utf-8",
    )
    loaded = load_selection(card)
    assert loaded.scores and loaded.claim_sources["ann"] and loaded.rfi["ann"].one_off
    assert loaded.applied_overrides
    return loaded


def _mutable(value: object) -> list[str]:
    """The path of every plain dict, list or set reachable from ``value``."""
    return [path for path, item in reachable(value, "selection") if type(item) in (dict, list, set)]


def test_no_mapping_or_list_inside_a_loaded_selection_is_mutable(selection) -> None:
    assert _mutable(selection) == []
    narrowed = only_vendors(selection, ["ann", "cat"])
    assert list(narrowed.vendors) == ["cat", "ann"]
    assert _mutable(narrowed) == []


def test_changing_a_loaded_selection_fails(selection) -> None:
    ann = selection.vendors["ann"]
    changes = [
        lambda: selection.vendors.__setitem__("dora", ann),
        lambda: selection.vendors.pop("ann"),
        lambda: selection.scenarios.update(ann=selection.scenario),
        lambda: selection.requirement_files.__setitem__("F1", "elsewhere.yaml"),
        lambda: selection.profile_sources.clear(),
        lambda: selection.claim_sources["ann"].__setitem__("F1", "forged"),
        lambda: selection.rfi.__delitem__("ann"),
        lambda: selection.scorecard.vendors.append("dora"),
        lambda: selection.scorecard.categories.__setitem__("new", None),
        lambda: selection.scorecard.vendor_plans.setdefault("ann", "Pro"),
        lambda: ann.plans.append(ann.plans[0]),
        lambda: ann.plans[0].features.__setitem__("contacts", "none"),
        lambda: ann.certifications.__setitem__(0, "SOC 2"),
        lambda: ann.certifications.sort(),
        lambda: next(iter(selection.scores[0].scores.values())).__setitem__("F1", 5),
        lambda: selection.features.features.popitem(),
    ]
    for change in changes:
        with pytest.raises(TypeError):
            change()
    with pytest.raises(AttributeError):
        selection.vendors = {}  # type: ignore[misc]
    with pytest.raises(ValidationError):
        ann.name = "Forged CRM"
    assert ann.name == "Ann CRM" and list(selection.vendors) == ["cat", "ann", "bob"]


def test_a_frozen_selection_reads_writes_and_copies_as_before(selection) -> None:
    """Frozen containers are still dicts and lists: equality, JSON and model dumps unchanged."""
    card = selection.scorecard
    assert card.vendors == ["cat", "ann", "bob"] and isinstance(card.vendors, list)
    assert json.loads(json.dumps(card.model_dump(mode="json")))["vendors"] == card.vendors
    assert type(card.model_dump()["vendors"]) is list
    changed = card.model_copy(update={"vendors": ["cat", "ann"]})
    assert msgspec.structs.replace(selection, scorecard=changed).scorecard.vendors == ["cat", "ann"]
    assert card.vendors == ["cat", "ann", "bob"]
