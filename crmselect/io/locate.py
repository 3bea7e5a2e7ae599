"""Turn pydantic validation errors into located problems, with "did you mean" hints."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from crmselect.errors import Problem
from crmselect.hints import did_you_mean as did_you_mean  # re-exported for older imports
from crmselect.io.yamlsafe import PathKey, YamlDocument, dotted
from crmselect.models.introspect import models_in


@cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every field name of ``model`` and of the models it contains."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    stack = [model]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            stack.extend(models_in(info.annotation))
    names.discard("dist")
    return frozenset(names)


@cache
def key_homes(
    model: type[BaseModel], key: str, prefix: str = "", depth: int = 0
) -> tuple[str, ...]:
    """The dotted paths of the mappings of ``model`` where ``key`` is a field: a key that is
    unknown where it stands but known elsewhere was indented wrongly."""
    homes: list[str] = []
    if key in model.model_fields:
        homes.append(prefix)
    if depth < 4:
        for name, info in model.model_fields.items():
            for sub in models_in(info.annotation):
                path = f"{prefix}.{name}" if prefix else name
                homes += [h for h in key_homes(sub, key, path, depth + 1) if h not in homes]
    return tuple(homes)


def _walk(data: Any, loc: tuple[Any, ...], missing: bool) -> tuple[PathKey, Any, bool]:
    """Follow ``loc`` through ``data``; skip union tags. Returns (path, value, complete).

    Only a ``missing`` error names a last key that is absent from the data; any other absent
    part is a union tag (``triangular``, ``list[...]``) and is skipped."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if (
            isinstance(current, dict)
            and isinstance(part, str)
            and part in current
            or isinstance(current, list)
            and isinstance(part, int)
            and 0 <= part < len(current)
        ):
            current = cast(Any, current)[part]
            path.append(part)
        elif (
            missing
            and isinstance(current, dict)
            and isinstance(part, str)
            and index == len(loc) - 1
        ):
            path.append(part)
            return tuple(path), None, False
    return tuple(path), current, True


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, int | float) or value is None:
        return "null" if value is None else repr(value)
    return "a mapping" if isinstance(value, dict) else "a list"


def _message(error: ErrorDetails, value: Any, complete: bool, model: type[BaseModel]) -> str:
    kind = error["type"]
    message: str = error["msg"]
    if message.startswith(("Value error, ", "Assertion failed, ")):
        message = message.split(", ", 1)[1]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        homes = key_homes(model, key)
        if homes:
            where = " or ".join(h or "the top level" for h in homes[:3])
            return f"'{key}' is a key of {where}, not here; check the indentation"
        return "unknown key" + did_you_mean(key, field_names(model))
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(value), expected) if isinstance(value, str) else ""
        return f"{_show(value)} is not one of {', '.join(expected)}{hint}"
    if kind in {"float_type", "int_type", "bool_type", "string_type", "float_parsing"}:
        wanted = {
            "float_type": "a number",
            "float_parsing": "a number",
            "int_type": "a whole number",
            "bool_type": "true or false",
            "string_type": "text",
        }[kind]
        message = f"expected {wanted}, got {_show(value)}"
        if isinstance(value, str) and value.strip().endswith("%"):
            message += "; write shares as decimals (0.3 for 30%), weights as plain numbers"
        elif isinstance(value, str) and re.fullmatch(r"\d+:[0-5]\d", value.strip()):
            message += "; write a time as a number of hours, 4.5 for 4:30"
        elif isinstance(value, str) and re.fullmatch(r"\d+(:\d+)+", value.strip()):
            message += "; write each part as its own number"
        elif kind == "string_type" and isinstance(value, bool | int | float):
            message += "; quote it"
        elif isinstance(value, float) and value == float("inf"):
            message += "; use null for no limit"
        return message
    if kind in {"dict_type", "list_type", "tuple_type", "model_type", "model_attributes_type"}:
        wanted = (
            "a mapping"
            if kind in {"dict_type", "model_type", "model_attributes_type"}
            else "a list"
        )
        message = f"expected {wanted}, got {_show(value)}"
        if isinstance(value, str) and re.fullmatch(r"\d+(:\d+)+", value.strip()):
            message += "; write each part under its own key"
        return message
    if kind == "finite_number":
        return "must be a finite number"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"} and complete:
        message = f"{_show(value)}: {message[0].lower()}{message[1:]}"
        share = kind == "less_than_equal" and ctx.get("le") == 1
        if share and isinstance(value, int | float) and 1 < value <= 100:
            message += "; write shares as decimals, 0.8 for 80%"
        return message
    if complete and isinstance(value, str | int | float) and kind not in {"value_error"}:
        return f"{message} (got {_show(value)})"
    return message


def problems_from_validation(
    exc: ValidationError, doc: YamlDocument, model: type[BaseModel]
) -> list[Problem]:
    """Every error of ``exc`` as a problem located in ``doc``; one per location and message."""
    problems: dict[tuple[PathKey, str], Problem] = {}
    for error in exc.errors(include_input=False, include_url=False):
        path, value, complete = _walk(doc.data, tuple(error["loc"]), error["type"] == "missing")
        message = _message(error, value, complete, model)
        is_key = error["type"] in {"extra_forbidden"}
        if error["type"] == "missing":
            line, col = doc.mark(path[:-1])
        else:
            line, col = doc.mark(path, key=is_key)
        problems.setdefault((path, message), Problem(doc.path, line, col, dotted(path), message))
    return list(problems.values())
