"""The JSON every command writes is the text of ``json.dumps(indent=2, ensure_ascii=False)``
on the cleaned numbers, byte for byte, although msgspec writes it (render.common.to_json)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmselect.frozen import FrozenDict
from crmselect.render.common import clean_number, to_json


def _reference(data: Any) -> str:
    """What the standard library writes for ``data`` with every float cleaned."""

    def cleaned(value: Any) -> Any:
        if isinstance(value, float):
            return clean_number(value)
        if isinstance(value, dict):
            return {k: cleaned(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [cleaned(v) for v in value]
        return value

    return json.dumps(cleaned(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def test_exponents_escapes_keys_and_empty_containers_read_as_the_standard_library_writes() -> None:
    text = "".join(chr(i) for i in range(0x300)) + "\u2028\u2029\ufeff\u200b😀销售"
    data = {
        "floats": [
            1e-05,
            0.0001,
            1e16,
            9999999999999998.0,
            1.5e300,
            -0.0,
            21330.000000000004,
            1e-7,
        ],
        "text": text,
        text: [text, {"inner": text}],
        "empty": [[], {}, ()],
        1: True,
        2.5: None,
        None: False,
        "frozen": FrozenDict({"a": (1, 2)}),
        "big": 2**70,
    }
    assert to_json(data) == _reference(data)


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=20))
def test_every_finite_float_is_spelled_as_json_dumps_spells_it(values: list[float]) -> None:
    assert to_json(values) == _reference(values)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_json({"value": [bad]})
