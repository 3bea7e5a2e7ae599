"""Deeply immutable results and inputs: mappings and lists that cannot be changed, and the
freezing of a result's fields (or a loaded input's), so that no renderer or caller can alter
what a computation returned or what was loaded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn, TypeVar

import msgspec

K = TypeVar("K")
V = TypeVar("V")
Item = TypeVar("Item")

REFUSED = "frozen: results and loaded inputs cannot be changed; build a new one"
"""The message of the TypeError every refused change raises."""


class FrozenDict(dict[K, V]):
    """A dict that refuses every change once built. It is still a ``dict``, so JSON output and
    equality with plain dicts work as before."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(REFUSED)

    def __setitem__(self, key: K, value: V) -> NoReturn:
        self._refuse()

    def __delitem__(self, key: K) -> NoReturn:
        self._refuse()

    def __ior__(self, other: object) -> NoReturn:  # type: ignore[misc]
        self._refuse()

    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        return type(self), (dict(self),)


def freeze(value: Any) -> Any:
    """``value`` with every dict made a :class:`FrozenDict` and every list a tuple, all the
    way down; anything else (numbers, strings, frozen objects) as it is."""
    if type(value) is dict:
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if type(value) in (list, tuple):
        return tuple(freeze(item) for item in value)
    return value


def freeze_fields(result: Any, names: Iterable[str] | None = None) -> None:
    """Freeze every field of a frozen struct (or the fields ``names`` of a frozen model) in
    place: for a ``__post_init__`` or a model validator."""
    if names is None:
        names = result.__struct_fields__
    for name in names:
        value = getattr(result, name)
        frozen = freeze(value)
        if frozen is not value:
            set_frozen_field(result, name, frozen)


def set_frozen_field(owner: Any, name: str, value: Any) -> None:
    """Set a field of a frozen struct or model while it is being built (its ``__post_init__``
    or validator). A frozen :class:`msgspec.Struct` refuses ``setattr``, even
    ``object.__setattr__``; the field's slot descriptor sets it."""
    if isinstance(owner, msgspec.Struct):
        getattr(type(owner), name).__set__(owner, value)
    else:
        object.__setattr__(owner, name, value)


class FrozenResult(msgspec.Struct, frozen=True):
    """Base of the result structs: once built, every field is frozen all the way down (dicts
    become :class:`FrozenDict`, lists tuples), also in a :func:`msgspec.structs.replace` copy.
    Subclasses are declared ``class Name(FrozenResult, frozen=True)`` and inherit this
    ``__post_init__``."""

    def __post_init__(self) -> None:
        freeze_fields(self)


class FrozenList(list[Item]):
    """A list that refuses every change once built: the frozen form of an input model's list
    field, which stays a ``list`` (its type, JSON and equality with plain lists unchanged)."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(REFUSED)

    def __setitem__(self, index: object, value: object) -> NoReturn:
        self._refuse()

    def __delitem__(self, index: object) -> NoReturn:
        self._refuse()

    def __iadd__(self, other: object) -> NoReturn:  # type: ignore[misc]
        self._refuse()

    def __imul__(self, other: object) -> NoReturn:
        self._refuse()

    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __reduce__(self) -> tuple[type[FrozenList[Item]], tuple[list[Item]]]:
        return type(self), (list(self),)


def freeze_input(value: Any) -> Any:
    """``value`` (an input: a model, a frozen struct, containers of them) made deeply
    immutable: a dict becomes a :class:`FrozenDict`, a list a :class:`FrozenList` (a loaded
    model keeps the field types it was validated with), and the fields of a model or frozen
    struct are frozen in place. Containers already frozen are returned as they are."""
    kind = type(value)
    if kind is dict:
        return FrozenDict(
            {k: v if type(v) in _LEAVES else freeze_input(v) for k, v in value.items()}
        )
    if kind is list:
        return FrozenList([v if type(v) in _LEAVES else freeze_input(v) for v in value])
    if kind is tuple:
        items = tuple(freeze_input(item) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if kind in _LEAVES or kind is FrozenDict or kind is FrozenList:
        return value
    if hasattr(kind, "__pydantic_fields__"):
        state = value.__dict__  # a model's fields (extra keys are refused)
        for name, item in state.items():
            if type(item) not in _LEAVES:
                frozen = freeze_input(item)
                if frozen is not item:
                    state[name] = frozen
        return value
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            item = getattr(value, name)
            frozen = freeze_input(item)
            if frozen is not item:
                set_frozen_field(value, name, frozen)
    return value


_LEAVES = frozenset({str, int, float, bool, type(None), bytes})
