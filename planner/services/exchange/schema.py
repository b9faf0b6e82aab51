"""The JSON Schemas of plan bundles: the writer's (``resources/schemas``, one per format version)
and the reader's, which is the writer's relaxed for other writers (unknown optional fields, more
time formats) with its ``$defs`` references inlined for speed."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

FORMAT_VERSION = 2  # what this program writes
SCHEMAS = {1: "bundle.schema.json", 2: "bundle-v2.schema.json"}


@cache
def bundle_schema(version: int = FORMAT_VERSION) -> dict[str, Any]:
    from planner.paths import resource

    return json.loads(resource("schemas", SCHEMAS[version]).read_text(encoding="utf-8"))


@cache
def reading_schema(version: int) -> dict[str, Any]:
    """The schema a reader checks against: the writer's, with unknown optional fields allowed
    (they are ignored) and times with up to 9 fractional digits and ``+hhmm`` offsets."""
    import copy

    schema = copy.deepcopy(bundle_schema(version))

    def relax(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("additionalProperties") is False and "properties" in node:
                del node["additionalProperties"]
            for value in node.values():
                relax(value)
        elif isinstance(node, list):
            for value in node:
                relax(value)

    relax(schema)
    schema["$defs"]["datetime"] = {
        "type": "string", "maxLength": 40,
        "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})$",
    }
    return _inline_refs(schema, schema["$defs"])


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local ``#/$defs/…`` reference replaced by what it names (they do not
    recurse): resolving a reference was a third of the time of checking a 1,200-assignment bundle."""
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline_refs(v, defs) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        if not out:
            return target
        out["allOf"] = [*out.get("allOf", []), target]  # beside other keywords: both apply
    elif ref is not None:
        out["$ref"] = ref
    return out
