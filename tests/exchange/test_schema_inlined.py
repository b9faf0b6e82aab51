"""The reader checks bundles against its schema with the ``$defs`` references inlined (for speed); it
must accept and refuse exactly what the schema with references does, with the same first error."""

from __future__ import annotations

import copy
import random
from typing import Any

from jsonschema import Draft202012Validator

from planner.services.exchange import bundle as bundle_module
from planner.services.exchange import export_bundle
from planner.services.exchange import schema as schema_module
from planner.services.queries import list_projects

VALUES: list[Any] = [None, 1, -5, 10**25, "x", "", "2026-13-01", "not-a-uuid", [], {}, True, 1.5, "长" * 500,
                     {"vv": {}}, "2026-11-23T10:30:00.123456789+0800"]


def _with_references(version: int) -> dict[str, Any]:
    saved = schema_module._inline_refs
    schema_module._inline_refs = lambda node, defs: node
    schema_module.reading_schema.cache_clear()
    try:
        return schema_module.reading_schema(version)
    finally:
        schema_module._inline_refs = saved
        schema_module.reading_schema.cache_clear()


def _first_error(validator: Draft202012Validator, doc: Any) -> tuple[list[str], str] | None:
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    return (list(map(str, errors[0].absolute_path)), errors[0].message) if errors else None


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        out.append((*prefix, key))
        out.extend(_paths(value, (*prefix, key)))
    return out


def test_inlined_schema_refuses_what_the_schema_refuses_with_the_same_first_error(demo_db, tmp_path):
    version = 2
    project = next(p.project for p in list_projects(demo_db) if p.project.code == "YKGT-2026")
    export_bundle(demo_db, project.id, tmp_path / "p.jcp")
    docs = bundle_module.read_documents(tmp_path / "p.jcp")
    members = [*(k.name for k in bundle_module.KINDS), "tombstones"]
    whole = {"manifest": docs["manifest.json"], **{m: docs.get(f"{m}.json", []) for m in members}}
    inlined = schema_module.reading_schema(version)
    assert '"$ref"' not in repr(inlined).replace("'", '"')
    slow = Draft202012Validator(_with_references(version), format_checker=Draft202012Validator.FORMAT_CHECKER)
    fast = Draft202012Validator(inlined, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert _first_error(fast, whole) is None is _first_error(slow, whole)
    rnd = random.Random(12)
    paths = _paths(whole)
    refused = 0
    for _ in range(60):
        doc = copy.deepcopy(whole)
        for _ in range(rnd.randint(1, 3)):
            path = rnd.choice(paths)
            try:
                node = doc
                for key in path[:-1]:
                    node = node[key]
                if rnd.random() < 0.2 and isinstance(node, dict):
                    node.pop(path[-1], None)
                else:
                    node[path[-1]] = rnd.choice(VALUES)
            except (KeyError, IndexError, TypeError):
                pass
        expected = _first_error(slow, doc)
        refused += expected is not None
        assert _first_error(fast, doc) == expected
    assert refused > 40  # the mutations did reach the schema
