"""Results are deeply immutable: no mapping or list inside them can be changed by a caller."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest

from crmselect.decision import score_and_cost
from crmselect.frozen import FrozenDict, FrozenList, freeze, freeze_input
from crmselect.io.loader import load_selection
from tests.reachable import reachable

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "scorecard.yaml"


def test_a_frozen_dict_refuses_every_change_and_still_reads_as_a_dict() -> None:
    frozen = freeze({"a": [1, {"b": 2}]})
    assert frozen == {"a": (1, {"b": 2})}
    assert json.dumps(frozen) == '{"a": [1, {"b": 2}]}'
    for change in (
        lambda: frozen.__setitem__("c", 3),
        lambda: frozen.__delitem__("a"),
        lambda: frozen.update(c=3),
        lambda: frozen.pop("a"),
        lambda: frozen.popitem(),
        lambda: frozen.setdefault("c", 3),
        lambda: frozen.clear(),
        lambda: frozen["a"][1].__setitem__("b", 3),
    ):
        with pytest.raises(TypeError):
            change()
    assert copy.deepcopy(frozen) == frozen and type(copy.deepcopy(frozen)) is FrozenDict
    assert pickle.loads(pickle.dumps(frozen)) == frozen


def test_a_frozen_list_refuses_every_change_and_still_reads_as_a_list() -> None:
    frozen = freeze_input([1, {"b": [2]}])
    assert type(frozen) is FrozenList and frozen == [1, {"b": [2]}]
    assert isinstance(frozen, list) and json.dumps(frozen) == '[1, {"b": [2]}]'
    for change in (
        lambda: frozen.__setitem__(0, 3),
        lambda: frozen.__delitem__(0),
        lambda: frozen.__iadd__([3]),
        lambda: frozen.__imul__(2),
        lambda: frozen.append(3),
        lambda: frozen.extend([3]),
        lambda: frozen.insert(0, 3),
        lambda: frozen.pop(),
        lambda: frozen.remove(1),
        lambda: frozen.clear(),
        lambda: frozen.sort(),
        lambda: frozen.reverse(),
        lambda: frozen[1]["b"].append(3),
    ):
        with pytest.raises(TypeError):
            change()
    assert frozen[:1] == [1] and frozen + [3] == [1, {"b": [2]}, 3]  # new lists are plain
    assert copy.deepcopy(frozen) == frozen and type(copy.deepcopy(frozen)) is FrozenList
    assert pickle.loads(pickle.dumps(frozen)) == frozen


def test_score_and_tco_results_cannot_be_changed() -> None:
    scored, costed = score_and_cost(load_selection(MINI), seed=1, simulations=20, draws=20)
    vendor = costed.vendors[0]
    assert costed.p_cheaper is not None and scored.assumptions is not None
    for mapping in (
        scored.weights,
        scored.break_even,
        scored.profiles,
        scored.claims,
        scored.vendors[0].category_scores,
        vendor.costs,
        costed.p_cheaper,
        costed.p_cheaper[vendor.id],
        costed.notes,
        scored.assumptions.inputs,
    ):
        with pytest.raises(TypeError):
            mapping["new"] = 0


def _arrays(value: object, where: str) -> list[tuple[str, object]]:
    """Every numpy array reachable from ``value``, with the path that reaches it."""
    import numpy as np

    return [(path, item) for path, item in reachable(value, where) if isinstance(item, np.ndarray)]


@pytest.mark.parametrize("fits", ["fixed", "evaluators"])
def test_no_array_inside_a_result_can_be_written(fits: str) -> None:
    """Deeply immutable includes the numpy arrays: the matrix, the weight and fit draws, the
    SMAA tables and the simulated path totals are read-only (the paths' were writable)."""
    selection = load_selection(MINI)
    scored, costed = score_and_cost(selection, seed=1, simulations=20, draws=20, fits=fits)
    arrays = _arrays(scored, "score") + _arrays(costed, "tco")
    assert len(arrays) >= 8, [where for where, _ in arrays]
    writable = [where for where, array in arrays if array.flags.writeable]  # type: ignore[attr-defined]
    assert writable == []


@pytest.mark.parametrize("fits", ["fixed", "evaluators"])
def test_every_record_inside_a_result_refuses_a_new_value(fits: str) -> None:
    """Results and the selection are built of frozen structs, all the way down: setting any
    field of any of them raises (a struct declared without ``frozen=True`` would not)."""
    import msgspec

    selection = load_selection(MINI)
    scored, costed = score_and_cost(selection, seed=1, simulations=20, draws=20, fits=fits)
    records = [
        (where, item)
        for value, name in ((scored, "score"), (costed, "tco"), (selection, "selection"))
        for where, item in reachable(value, name)
        if isinstance(item, msgspec.Struct)
    ]
    assert len(records) >= 20, [where for where, _ in records]
    for where, record in records:
        field = record.__struct_fields__[0]
        with pytest.raises(AttributeError):
            setattr(record, field, None)
        assert record.__struct_config__.frozen, where
