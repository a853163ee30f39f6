"""The API's documentation page (/api/docs) as a plain, accessible page of the house.

Swagger UI, ninja's default, failed axe on 171 counts (contrast, nested interactive elements,
no page language) and ships a large script. This page is rendered on the server from the same
OpenAPI schema: operations grouped by tag, each with its method, path, parameters, body and
answers, in the site's layout; the machine-readable schema stays at /api/v1/openapi.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[dict[str, Any]] = field(default_factory=list)
    body: str = ""
    responses: list[tuple[str, str, str]] = field(default_factory=list)


def _schema_name(schema: dict[str, Any] | None) -> str:
    """The name of a body or answer's schema: "MeasurementIn", "list of ProcessOut"."""
    if not schema:
        return ""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        inner = _schema_name(schema.get("items"))
        return f"[{inner}]" if inner else "array"
    if "anyOf" in schema:
        return " | ".join(filter(None, (_schema_name(s) for s in schema["anyOf"])))
    return str(schema.get("type", ""))


def _content_schema(part: dict[str, Any]) -> str:
    for media in (part.get("content") or {}).values():
        return _schema_name(media.get("schema"))
    return ""


def operations_by_tag(schema: dict[str, Any]) -> list[tuple[str, list[Operation]]]:
    """The schema's operations grouped by their first tag, in the schema's order."""
    groups: dict[str, list[Operation]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            operation = Operation(
                method=method.upper(),
                path=path,
                summary=op.get("summary", ""),
                description=op.get("description", ""),
                anchor=op.get("operationId", f"{method}-{path}"),
                parameters=[
                    {
                        "name": p.get("name", ""),
                        "where": p.get("in", ""),
                        "required": bool(p.get("required")),
                        "type": _schema_name(p.get("schema")),
                        "description": p.get("description", "")
                        or (p.get("schema") or {}).get("description", ""),
                    }
                    for p in op.get("parameters", [])
                ],
                body=_content_schema(op.get("requestBody") or {}),
                responses=[
                    (code, answer.get("description", ""), _content_schema(answer))
                    for code, answer in op.get("responses", {}).items()
                ],
            )
            groups.setdefault((op.get("tags") or ["api"])[0], []).append(operation)
    return list(groups.items())


@dataclass
class SchemaDoc:
    name: str
    description: str
    fields: list[dict[str, Any]]


def schemas(schema: dict[str, Any]) -> list[SchemaDoc]:
    """The bodies and answers the operations name, each with its fields."""
    found = []
    for name, body in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(body.get("required", []))
        found.append(
            SchemaDoc(
                name=name,
                description=body.get("description", ""),
                fields=[
                    {
                        "name": field_name,
                        "type": _schema_name(spec) or spec.get("format", ""),
                        "required": field_name in required,
                        "description": spec.get("description", ""),
                    }
                    for field_name, spec in body.get("properties", {}).items()
                ],
            )
        )
    return found


class AccessibleDocs(DocsBase):
    """ninja's docs hook: the house's own page instead of Swagger UI."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "api": schema.get("info", {}),
            "groups": operations_by_tag(schema),
            "schemas": schemas(schema),
            "openapi_url": self.get_openapi_url(api, kwargs),
        }
        return render(request, "kit/api_docs.html", context)
