"""JSON Schemas of every file kind, generated from the models, for editors and CI."""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from crmselect.models import KINDS
from crmselect.models.introspect import models_in


class _Draft07Tuples(GenerateJsonSchema):
    """Emit tuples as draft-07 `items: [...]`, which yaml-language-server understands."""

    def tuple_schema(self, schema: Any) -> dict[str, Any]:
        result = super().tuple_schema(schema)
        if "prefixItems" in result:
            items = result.pop("prefixItems")
            result["items"] = items
            result["additionalItems"] = False
        return result


def attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the string literal written under it in the class body.

    The models keep pydantic's ``use_attribute_docstrings`` off, which would read every class's
    source at import and slow every command's start; the schema reads them here instead."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(model)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, following in zip(body, body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _models_of(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    stack = [model]
    while stack:
        current = stack.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        for info in current.model_fields.values():
            stack.extend(models_in(info.annotation))
    return found


def _describe_fields(schema: dict[str, Any], model: type[BaseModel]) -> None:
    targets = {model.__name__: schema, **schema.get("$defs", {})}
    for name, cls in _models_of(model).items():
        properties = targets.get(name, {}).get("properties", {})
        for field, text in attribute_docstrings(cls).items():
            if field in properties:
                properties[field].setdefault("description", text)


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file kind (`scorecard`, `requirements`, `vendor`, `features`, `scores`)."""
    model = KINDS[kind]
    schema = model.model_json_schema(schema_generator=_Draft07Tuples)
    _describe_fields(schema, model)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema.setdefault("title", model.__name__)
    return schema


def json_schema_text(kind: str) -> str:
    """The schema as stable, pretty JSON text (what `schemas/<kind>.schema.json` holds)."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind into ``folder``; return the files written.

    Files whose text is already current are left alone (no needless change of mtime).
    """
    from crmselect.io.atomic import write_atomic

    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        text = json_schema_text(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """`python -m crmselect.schemas [DIR]`: regenerate the shipped schemas (default: `schemas/`
    at the repository root)."""
    import sys

    from crmselect._resources import bundled

    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(main.__doc__)
        return 0
    folder = Path(args[0]) if args else bundled("schemas")
    folder.mkdir(parents=True, exist_ok=True)
    for path in write_all(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
