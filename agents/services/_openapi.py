"""The error replies in each service's OpenAPI document: every operation lists the statuses it can answer with,
each in OpenAI's error shape (`ErrorReply`), instead of FastAPI's default 422 that no route ever sends (a body
that does not validate is a 400 here)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from tessera.agents.wire import ErrorBody

_REPLY = "ErrorReply"
_REPLY_REF = {"$ref": f"#/components/schemas/{_REPLY}"}
_RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before trying again", "schema": {"type": "integer"}}}
_AUTHENTICATE = {
    "WWW-Authenticate": {"description": "Bearer: send `Authorization: Bearer KEY`", "schema": {"type": "string"}}
}
_DESCRIPTIONS: dict[int, str] = {
    400: "The request is invalid: `error.message` says what to change and `error.param` names the field",
    401: "No API key, or one the server does not know (when TESSERA_API_KEYS is set)",
    404: "No run with that id, or none the caller's key may see",
    409: "The run's state does not allow this (it has ended, or is still running)",
    413: "The body, or the work it asks for, is over its budget",
    422: "The plan cannot be drawn or cannot satisfy the brief",
    429: "The queue is full or the key's rate limit is reached: try again after Retry-After seconds",
    500: "An unexpected fault: `error.message` names the request id the server logged it under",
    502: "A part service or the language model failed or could not be reached",
    503: "The server lacks something it needs (a font, language data, model weights)",
}


class ErrorReply(BaseModel):
    """Every error reply of every service: OpenAI's shape, with Tessera's error types."""

    error: ErrorBody


def document_errors(app: FastAPI) -> None:
    """Make `app`'s OpenAPI document list, on each operation, the error replies it can give."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            _add_error_replies(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to customise the document


def _add_error_replies(schema: dict[str, Any]) -> None:
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    reply = ErrorReply.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(reply.pop("$defs", {}))
    schemas[_REPLY] = reply
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)  # FastAPI's HTTPValidationError: our validation errors are 400s
            for status in _statuses(path, method):
                responses[str(status)] = _reply(status)
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)


def _statuses(path: str, method: str) -> list[int]:
    """What an operation can answer besides success, from what it is: an API route (keys, rate limits), one that
    names a run, one that takes a body (size, plans, the parts it calls)."""
    statuses = [400, 500]
    if path.startswith("/v1/"):
        statuses += [401, 429]
    if "{run_id}" in path:
        statuses += [404]
    if path.endswith(("/resume", "/cancel")):
        statuses += [409]
    if method == "post":
        statuses += [413, 422, 502, 503]
    return sorted(statuses)


def _reply(status: int) -> dict[str, Any]:
    reply: dict[str, Any] = {
        "description": _DESCRIPTIONS[status],
        "content": {"application/json": {"schema": _REPLY_REF}},
    }
    if status == 429:
        reply["headers"] = _RETRY_AFTER
    if status == 401:
        reply["headers"] = _AUTHENTICATE
    return reply
