"""Deeply immutable results: mappings that cannot be changed, and the freezing of a result's
fields, so that no renderer or caller can alter what a computation returned."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that refuses every change once built. It is still a ``dict``, so JSON output and
    equality with plain dicts work as before."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a result cannot be changed")

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
    """Freeze every field of a frozen dataclass (or the fields ``names`` of a frozen model) in
    place: for a ``__post_init__`` or a model validator."""
    if names is None:
        names = [item.name for item in dataclasses.fields(result)]
    for name in names:
        value = getattr(result, name)
        frozen = freeze(value)
        if frozen is not value:
            object.__setattr__(result, name, frozen)


@dataclasses.dataclass(frozen=True)
class FrozenResult:
    """Base of the result dataclasses: once built, every field is frozen all the way down
    (dicts become :class:`FrozenDict`, lists tuples), also in a :func:`dataclasses.replace`
    copy. Subclasses are ``@dataclass(frozen=True)`` and inherit this ``__post_init__``."""

    def __post_init__(self) -> None:
        freeze_fields(self)
