"""JSON Schemas of every file kind, generated from the models, for editors and CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from crmselect.models import KINDS


class _Draft07Tuples(GenerateJsonSchema):
    """Emit tuples as draft-07 `items: [...]`, which yaml-language-server understands."""

    def tuple_schema(self, schema: Any) -> dict[str, Any]:
        result = super().tuple_schema(schema)
        if "prefixItems" in result:
            items = result.pop("prefixItems")
            result["items"] = items
            result["additionalItems"] = False
        return result


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file kind (`scorecard`, `requirements`, `vendor`, `features`, `scores`)."""
    model = KINDS[kind]
    schema = model.model_json_schema(schema_generator=_Draft07Tuples)
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
