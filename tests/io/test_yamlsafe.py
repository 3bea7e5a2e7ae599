"""The strict YAML reader: 1.2 core typing, refusals, and the positions it keeps."""

from __future__ import annotations

import math

import pytest

from crmselect.errors import InputError
from crmselect.io.yamlsafe import MAX_BYTES, dotted, load_yaml_bytes, load_yaml_text


def load(text: str):
    return load_yaml_text(text, "f.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load(text)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("NO", "NO"),  # 1.1: False (Norway)
        ("off", "off"),
        ("yes", "yes"),  # 1.1: True
        ("On", "On"),
        ("true", True),
        ("False", False),
        ("012", 12),  # 1.1: 10 (octal)
        ("08", 8),
        ("-7", -7),
        ("1.10", 1.1),  # a float; a `str` field refuses it
        ("1e3", 1000.0),
        ("2025-01-01", "2025-01-01"),  # 1.1: a date
        ("2026-02-30", "2026-02-30"),  # 1.1: a bare ValueError with no line
        ("2026-06", "2026-06"),
        ("4:00", "4:00"),  # 1.1: 240 (base 60)
        ("5:3:2", "5:3:2"),  # 1.1: 18182
        ("0x1F", "0x1F"),
        ("~", None),
        ("null", None),
        ("", None),
        ("'012'", "012"),
        ("!!str 12", "12"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(written: str, value: object) -> None:
    data = load(f"kind: x\nv: {written}\n").data
    assert data["v"] == value
    assert type(data["v"]) is type(value)


def test_infinity_and_nan_are_floats_that_models_then_refuse() -> None:
    data = load("kind: x\na: .inf\nb: -.Inf\nc: .nan\n").data
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


def test_keys_stay_text() -> None:
    data = load("kind: x\nyes: 1\nNO: 2\n12: 3\n").data
    assert list(data) == ["kind", "yes", "NO", "12"]


def test_a_boolean_or_null_key_is_refused() -> None:
    assert problems("kind: x\ntrue: 1\n") == ["f.yaml:2:1: key 'true' must be text; quote it"]


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    text = "kind: x\nplan:\n  price: 10\n  name: A\n  price: 12\n"
    assert problems(text) == ["f.yaml:5:3: plan.price: duplicate key 'price' (first at line 3)"]


def test_duplicate_keys_in_flow_style() -> None:
    assert problems("kind: x\nm: {a: 1, a: 2}\n") == [
        "f.yaml:2:11: m.a: duplicate key 'a' (first at line 2)"
    ]


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system ['echo hi']", "!!python/object/apply:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!timestamp 2025-01-01", "!!timestamp"),
        ("!custom 1", "!custom"),
    ],
)
def test_non_core_tags_are_refused(value: str, tag: str) -> None:
    assert problems(f"kind: x\nv: {value}\n") == [
        f"f.yaml:2:4: v: tag {tag} is not allowed; write plain values"
    ]


def test_an_explicit_tag_with_a_bad_value_is_located() -> None:
    assert problems('kind: x\nv: !!int "ten"\n') == ["f.yaml:2:4: v: invalid value 'ten'"]


def test_merge_keys_are_refused() -> None:
    text = "kind: x\nbase: &b {a: 1}\nother:\n  <<: *b\n  c: 2\n"
    assert problems(text) == [
        "f.yaml:4:3: other: merge keys (<<) are not supported; write the values out"
    ]


def test_aliases_within_bounds_are_fine() -> None:
    assert load("kind: x\na: &a [1, 2]\nb: *a\n").data["b"] == [1, 2]


def test_alias_bomb_is_refused_before_anything_walks_it() -> None:
    lines = ["kind: x", "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (message,) = problems("\n".join(lines) + "\n")
    assert "aliases expand to more than 100000 values" in message


def test_deep_nesting_is_refused_without_recursion() -> None:
    (message,) = problems("kind: x\nv: " + "[" * 200_000 + "\n")
    assert message == "f.yaml:2:67: nesting deeper than 64 levels"  # the root mapping is level 1


def test_tabs_and_ideographic_spaces_in_indentation() -> None:
    assert problems("kind: x\nm:\n\ta: 1\n") == ["f.yaml:3:1: tab used for indentation"]
    (message,) = problems("kind: x\nm:\n\u3000a: 1\n")
    assert message.startswith("f.yaml:3:1: full-width space (U+3000)")


def test_a_full_width_colon_is_pointed_at() -> None:
    (message,) = problems("kind: x\ntitle：CRM\nother: 1\n")
    assert message.startswith("f.yaml:2:6: YAML syntax error")
    assert "full-width colon" in message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n  # another\n"])
def test_empty_files(text: str) -> None:
    assert problems(text) == ["f.yaml:1:1: empty file; it needs at least a kind: line"]


def test_one_document_and_a_mapping_only() -> None:
    assert problems("kind: x\n---\nkind: y\n") == [
        "f.yaml:2:1: more than one document; keep one per file"
    ]
    assert problems("- kind: x\n") == ["f.yaml:1:1: expected a mapping starting with kind:"]
    assert problems("just text\n") == ["f.yaml:1:1: expected a mapping starting with kind:"]


def test_bom_is_accepted_and_cjk_kept() -> None:
    doc = load_yaml_bytes("\ufeffkind: x\nname: 纷享销客\n".encode(), "f.yaml")
    assert doc.data == {"kind": "x", "name": "纷享销客"}
    assert doc.value_marks[("name",)] == (2, 7)


def test_other_encodings_are_located() -> None:
    raw = "kind: x\nname: 销售\n".encode("gbk")
    with pytest.raises(InputError) as info:
        load_yaml_bytes(raw, "f.yaml")
    assert str(info.value) == "f.yaml:2:7: not UTF-8 text (byte 0xcf); save the file as UTF-8"


def test_binary_and_oversized_files() -> None:
    with pytest.raises(InputError) as info:
        load_yaml_bytes(b"kind: x\n\x00\x01", "f.yaml")
    assert str(info.value) == "f.yaml:2:1: binary file, not YAML text"
    with pytest.raises(InputError) as info:
        load_yaml_bytes(b"#" * (MAX_BYTES + 1), "f.yaml")
    assert str(info.value) == f"f.yaml:1:1: {MAX_BYTES + 1} bytes; the limit is {MAX_BYTES}"


def test_raw_escape_character_is_refused_by_the_reader() -> None:
    assert problems("kind: x\nname: a\x1bb\n") == [
        "f.yaml:2:8: control character U+001B is not allowed in YAML text; remove it"
    ]
    assert problems("kind: x\nname: a\x9bb\n") == [
        "f.yaml:2:8: control character U+009B is not allowed in YAML text; remove it"
    ]


def test_positions_of_values_and_keys() -> None:
    doc = load("kind: x\nplans:\n  - name: A\n    price: 10\n  - {name: B, price: 20}\n")
    assert doc.value_marks[("plans", 0, "price")] == (4, 12)
    assert doc.key_marks[("plans", 0, "price")] == (4, 5)
    assert doc.value_marks[("plans", 1, "name")] == (5, 12)
    assert doc.mark(("plans", 1, "price")) == (5, 22)
    assert doc.mark(("plans", 1, "price"), key=True) == (5, 15)
    # An unknown path falls back to its longest known prefix.
    assert doc.mark(("plans", 1, "missing")) == (5, 5)
    assert doc.mark(("nowhere",)) == (1, 1)


def test_dotted() -> None:
    assert dotted(("requirements", 3, "priority")) == "requirements[3].priority"
    assert dotted(()) == ""
