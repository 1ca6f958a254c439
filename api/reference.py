"""The reference page's content, taken from the OpenAPI schema: each operation with its
parameters, body, answers, scope and a curl example, and the getting-started steps built from
the same operations. Nothing here is written twice: a new operation appears by itself."""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

EXAMPLE_PURPOSE = "old-age-pension-eligibility"
_CODE = re.compile(r"``(.+?)``|`(.+?)`")
_NUMBERED = re.compile(r"^\d+\.\s+")


def inline(text: str) -> SafeString:
    """Escaped text with ``code`` and `code` marked up."""
    escaped = escape(text)
    return mark_safe(  # noqa: S308 (escaped above; only <code> is added)
        _CODE.sub(lambda m: f"<code>{m.group(1) or m.group(2)}</code>", escaped)
    )


@dataclass
class Block:
    """A paragraph, or a numbered list (its items)."""

    text: SafeString | None = None
    items: list[SafeString] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """A docstring or the schema's description, as paragraphs and numbered lists."""
    found: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if _NUMBERED.match(lines[0]):
            items: list[list[str]] = []
            for line in lines:
                if _NUMBERED.match(line):
                    items.append([_NUMBERED.sub("", line)])
                else:
                    items[-1].append(line)
            found.append(Block(items=[inline(" ".join(item)) for item in items]))
        else:
            found.append(Block(text=inline(" ".join(lines))))
    return found


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(node: dict[str, Any]) -> str:
    """A field's type in a few words: string, integer, array of X, X or null, one of: a, b."""
    if "$ref" in node:
        return _ref_name(node["$ref"])
    if "anyOf" in node:
        kinds = [type_of(n) for n in node["anyOf"]]
        return " | ".join(kinds)
    if "enum" in node:
        return "one of: " + ", ".join(map(str, node["enum"]))
    kind = node.get("type", "any")
    if kind == "array":
        return f"array of {type_of(node.get('items', {}))}"
    if node.get("format"):
        return f"{kind} ({node['format']})"
    return str(kind)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        resolved: dict[str, Any] = schema["components"]["schemas"][_ref_name(node["$ref"])]
        return resolved
    return node


def fields_of(schema: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    body = _resolve(schema, node)
    required = set(body.get("required", []))
    return [
        {
            "name": name,
            "type": type_of(prop),
            "required": name in required,
            "description": prop.get("description", ""),
        }
        for name, prop in body.get("properties", {}).items()
    ]


def _schema_name(content: dict[str, Any]) -> tuple[str, str]:
    for media, spec in content.items():
        node = spec.get("schema", {})
        return media, (type_of(node) if "$ref" in node else node.get("title", type_of(node)))
    return "", ""


def _placeholder(name: str, node: dict[str, Any]) -> Any:
    if name == "purpose":
        return EXAMPLE_PURPOSE
    kind = node.get("type")
    if kind == "integer":
        return 0
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "object" or "$ref" in node:
        return {}
    if "enum" in node:
        return node["enum"][0]
    return f"<{name}>"


def curl_example(
    schema: dict[str, Any], base: str, method: str, path: str, op: dict[str, Any]
) -> str:
    """A curl command that calls the operation with its required parameters."""
    url = re.sub(r"\{(\w+)\}", lambda m: f"${m.group(1).upper()}", path)
    query = [
        f"{p['name']}={_placeholder(p['name'], p.get('schema', {}))}"
        for p in op.get("parameters", [])
        if p.get("in") == "query" and p.get("required")
    ]
    if query:
        url += "?" + "&".join(query)
    lines = [f'curl -X {method} "{base}{url}"']
    if op.get("security"):
        lines.append('  -H "Authorization: Bearer $TOKEN"')
    content = op.get("requestBody", {}).get("content", {})
    if "application/x-www-form-urlencoded" in content:
        body = _resolve(schema, content["application/x-www-form-urlencoded"]["schema"])
        for name in body.get("properties", {}):
            value = "client_credentials" if name == "grant_type" else f"${name.upper()}"
            lines.append(f'  -d {name}="{value}"')
    elif "application/json" in content:
        body = _resolve(schema, content["application/json"]["schema"])
        required = body.get("required", [])
        example = {
            name: _placeholder(name, body["properties"][name])
            for name in required
            if name in body.get("properties", {})
        }
        lines.append('  -H "Content-Type: application/json"')
        lines.append(f"  -d '{json.dumps(example)}'")
    return " \\\n".join(lines)


def operations(schema: dict[str, Any], base: str) -> list[dict[str, Any]]:
    """Every operation of the schema, in its order, ready for the page."""
    found = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {})
            media, body_name = _schema_name(body)
            found.append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": blocks(op.get("description", "")),
                    "tags": op.get("tags", []),
                    "needs_token": bool(op.get("security")),
                    "scopes": op.get("x-scope", []),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p.get("in", ""),
                            "required": p.get("required", False),
                            "type": type_of(p.get("schema", {})),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body_media": media,
                    "body_name": body_name,
                    "body_fields": fields_of(schema, next(iter(body.values()))["schema"])
                    if body
                    else [],
                    "responses": [
                        {
                            "status": str(status),
                            "description": answer.get("description", ""),
                            "media": _schema_name(answer.get("content", {}))[0],
                            "schema": _schema_name(answer.get("content", {}))[1],
                        }
                        for status, answer in sorted(
                            op.get("responses", {}).items(), key=lambda kv: str(kv[0])
                        )
                    ],
                    "example": curl_example(schema, base, method.upper(), path, op),
                }
            )
    return found


def schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers' and bodies' schemas, each with its fields."""
    return [
        {
            "name": name,
            "description": node.get("description", ""),
            "fields": fields_of(schema, node),
        }
        for name, node in schema.get("components", {}).get("schemas", {}).items()
    ]


def getting_started(ops: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The operations the first steps use: the token, a verification, exports, the feed
    (the last two only once the API has them)."""
    return {
        "token": [o for o in ops if o["path"].endswith("/token")],
        "verify": [o for o in ops if o["path"].endswith("/status") and "{member_id}" in o["path"]],
        "export": [o for o in ops if "/exports" in o["path"]],
        "feed": [o for o in ops if "/feed" in o["path"] or "/changes" in o["path"]],
    }
