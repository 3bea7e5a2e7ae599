"""JSON Schemas of every file kind, generated from the models, for editors and CI."""

from __future__ import annotations

import json
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
