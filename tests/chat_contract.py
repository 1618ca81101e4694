"""The /api/chat contract (docs/chat-api.openapi.json) as a validator, shared by the contract
tests and the mini-program e2e test. The schema is OpenAPI 3.1, i.e. JSON Schema 2020-12."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "docs" / "chat-api.openapi.json"
FIXTURES = ROOT / "miniprogram" / "tests" / "fixtures"


def contract() -> dict[str, Any]:
    return json.loads(CONTRACT.read_text(encoding="utf-8"))


def validator(schema_name: str) -> jsonschema_rs.Draft202012Validator:
    doc = contract()
    return jsonschema_rs.Draft202012Validator(
        {"$ref": f"#/components/schemas/{schema_name}", "components": doc["components"]})


def response_schema(status: int) -> str:
    """The schema the contract gives for a response status (ChatOut, HTTPError, …)."""
    responses = contract()["paths"]["/api/chat"]["post"]["responses"]
    ref = responses[str(status)]["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[1]


def problems(status: int, body: Any) -> list[str]:
    """Why this response breaks the contract ([] when it keeps it)."""
    responses = contract()["paths"]["/api/chat"]["post"]["responses"]
    if str(status) not in responses:
        return [f"status {status} is not in the contract"]
    return [f"{e.instance_path}: {e.message}"
            for e in validator(response_schema(status)).iter_errors(body)]


def fixtures() -> dict[str, dict[str, Any]]:
    return {f.stem: json.loads(f.read_text(encoding="utf-8"))
            for f in sorted(FIXTURES.glob("*.json"))}
