"""Every object reachable from a result or an input: what the immutability tests walk."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
from pydantic import BaseModel

LEAVES = (str, bytes, int, float, bool, type(None))


def reachable(value: object, where: str) -> Iterator[tuple[str, object]]:
    """``(path, object)`` for ``value`` and everything inside it that is not a plain scalar:
    struct and model fields, mapping values, sequence items, other objects' attributes;
    each object once."""
    seen: set[int] = set()
    stack = [(where, value)]
    while stack:
        path, item = stack.pop()
        if id(item) in seen or isinstance(item, LEAVES):
            continue
        seen.add(id(item))
        yield path, item
        if isinstance(item, msgspec.Struct):
            inner = [(name, getattr(item, name)) for name in item.__struct_fields__]
        elif isinstance(item, BaseModel):
            inner = [(name, getattr(item, name)) for name in type(item).model_fields]
        elif isinstance(item, dict):
            inner = [(str(k), v) for k, v in item.items()]
        elif isinstance(item, (list, tuple)):
            inner = [(str(i), v) for i, v in enumerate(item)]
        else:
            inner = list(vars(item).items()) if hasattr(item, "__dict__") else []
        stack += [(f"{path}.{name}", child) for name, child in reversed(inner)]
