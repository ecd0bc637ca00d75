"""The API page's model: operations, parameters and schemas read from the OpenAPI document, with live examples.

Examples are answers of this very app (called through Flask's test client when the page is
built), shortened for reading: long lists keep their first items, long texts their start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Mapping

LIST_ITEMS, DICT_KEYS, TEXT_CHARS, DEPTH = 2, 14, 120, 6
METHODS = ("get", "post", "put", "delete")


@dataclass(frozen=True)
class Parameter:
    """One documented parameter: name, where it goes, its type and meaning."""

    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Example:
    """A real request to this app and the (shortened) answer it gave."""

    url: str
    status: int
    body: str


@dataclass(frozen=True)
class Operation:
    """One endpoint: method, path, summary, parameters, responses and a live example."""

    anchor: str
    method: str
    path: str
    summary: str
    parameters: tuple[Parameter, ...]
    responses: tuple[tuple[str, str], ...]
    example: Example | None


@dataclass(frozen=True)
class Schema:
    """One component schema: its fields (name, type, description) and any allowed values."""

    name: str
    fields: tuple[tuple[str, str, str], ...]
    allowed: tuple[str, ...]


def type_of(schema: Mapping[str, Any]) -> str:
    """A schema's type as a reader would write it: string, integer[], Hit, 'a' | 'b' …"""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " | ".join(str(k) for k in kind)
    if kind == "array":
        return f"{type_of(schema.get('items') or {})}[]"
    if schema.get("enum") and len(schema["enum"]) <= 8:
        return " | ".join(str(v) for v in schema["enum"])
    return str(kind)


def shorten(value: Any, depth: int = 0) -> Any:
    """A JSON value cut for reading: first items of long lists, first keys of big objects, start of long texts."""
    if depth >= DEPTH and isinstance(value, (dict, list)):
        return "…" if value else value
    if isinstance(value, list):
        kept = [shorten(v, depth + 1) for v in value[:LIST_ITEMS]]
        return kept + ([f"…（另有 {len(value) - LIST_ITEMS} 项）"] if len(value) > LIST_ITEMS else [])
    if isinstance(value, dict):
        items = list(value.items())
        kept = {k: shorten(v, depth + 1) for k, v in items[:DICT_KEYS]}
        if len(items) > DICT_KEYS:
            kept["…"] = f"另有 {len(items) - DICT_KEYS} 个字段"
        return kept
    if isinstance(value, str) and len(value) > TEXT_CHARS:
        return value[:TEXT_CHARS] + "…"
    return value


def parameters(operation: Mapping[str, Any]) -> tuple[Parameter, ...]:
    """The documented parameters of an operation."""
    return tuple(Parameter(p["name"], p.get("in", ""), type_of(p.get("schema") or {}), bool(p.get("required")),
                           p.get("description", "")) for p in operation.get("parameters", ()))


def operations(document: Mapping[str, Any], example_of: Callable[[str], Example | None]) -> list[Operation]:
    """Every operation of the document in its order, each with the example `example_of(path)` gives."""
    found = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = tuple((status, answer.get("description") or _referenced(document, answer))
                              for status, answer in operation.get("responses", {}).items())
            found.append(Operation(operation.get("operationId") or path.strip("/").replace("/", "-"), method.upper(),
                                   path, operation.get("summary", ""), parameters(operation), responses, example_of(path)))
    return found


def _referenced(document: Mapping[str, Any], answer: Mapping[str, Any]) -> str:
    """The description of a response given by reference (#/components/responses/…)."""
    name = str(answer.get("$ref", "")).rsplit("/", 1)[-1]
    return document.get("components", {}).get("responses", {}).get(name, {}).get("description", "")


def schemas(document: Mapping[str, Any]) -> list[Schema]:
    """The component schemas with their top-level fields (or allowed values)."""
    found = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        fields = tuple((field, type_of(spec), spec.get("description", ""))
                       for field, spec in (schema.get("properties") or {}).items())
        found.append(Schema(name, fields, tuple(str(v) for v in schema.get("enum", ()))))
    return found


def example(status: int, payload: Any, url: str) -> Example:
    """An example from a real answer, pretty-printed after shortening."""
    return Example(url, status, json.dumps(shorten(payload), ensure_ascii=False, indent=2))
