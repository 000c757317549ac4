"""What every Tessera service shares: error replies, body size limits, time limits, health and readiness."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tessera.agents.services._access import without_server_paths
from tessera.agents.services._openapi import document_errors
from tessera.agents.wire import ErrorBody, ErrorType
from tessera.contract import OverloadedError, ServiceError, TesseraError, UnauthorizedError

_T = TypeVar("_T")
log = logging.getLogger("tessera.services")

# A readiness check returns None when ready, else the reason it is not.
ReadinessCheck = Callable[[], str | None]

REQUEST_ID_HEADER = "x-request-id"
# Statuses Starlette and FastAPI raise themselves (unknown route, wrong method, ...), as our error types.
_HTTP_TYPES: dict[int, ErrorType] = {401: "unauthorized", 409: "conflict", 413: "too_large", 429: "rate_limited"}


def error_response(error: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    """The error in OpenAI's shape, answered with its type's HTTP status (`TesseraError.http_status`); its message
    loses the server's file paths, whoever built it."""
    shown = error.model_copy(update={"message": without_server_paths(error.message)})
    return JSONResponse({"error": shown.model_dump()}, status_code=error.status, headers=headers)


def error_headers(err: Exception) -> dict[str, str]:
    """The headers an error's reply carries: when to retry an overloaded server, how to authenticate."""
    if isinstance(err, OverloadedError):
        return {"Retry-After": str(err.retry_after_s)}
    if isinstance(err, UnauthorizedError):
        return {"WWW-Authenticate": "Bearer"}
    return {}


def install_error_handlers(app: FastAPI) -> None:
    """Every failure becomes OpenAI's error shape with our type names, and the OpenAPI document lists them; bad
    bodies say which field to change; an unexpected fault shows no internals, only the request id it is logged
    under."""

    @app.exception_handler(TesseraError)
    async def _tessera(_: Request, err: TesseraError) -> JSONResponse:
        return error_response(ErrorBody.of(err), error_headers(err))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        return error_response(_validation_error(err.errors(), request.headers.get("content-type")))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, err: HTTPException) -> JSONResponse:
        return _http_error(request, err)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception) -> JSONResponse:
        request_id = uuid.uuid4().hex[:16]
        log.error("request %s: %s %s failed", request_id, request.method, request.url.path, exc_info=err)
        message = f"an unexpected error occurred; the server logged it as request {request_id}"
        error = ErrorBody(message=message, type="internal_error")
        return error_response(error, {REQUEST_ID_HEADER: request_id})

    document_errors(app)


def _http_error(request: Request, err: HTTPException) -> JSONResponse:
    path = _printable(request.url.path)
    if err.status_code == 404:
        message, code = f"there is no {path}; GET /docs lists the API", "unknown_route"
    elif err.status_code == 405:
        allowed = next((value for name, value in (err.headers or {}).items() if name.lower() == "allow"), "")
        message, code = f"{request.method} is not allowed on {path}; use {allowed or 'another method'}", "bad_method"
    elif err.status_code == 400:
        message, code = f"{err.detail}: send JSON in UTF-8 (application/json) or multipart/form-data", None
    else:
        message, code = str(err.detail), None
    kind = _HTTP_TYPES.get(err.status_code, "request_error" if err.status_code < 500 else "internal_error")
    body = ErrorBody(message=message, type=kind, code=code)
    return JSONResponse({"error": body.model_dump()}, status_code=err.status_code, headers=err.headers)


def _printable(text: str) -> str:
    """`text` as a reply may carry it: anything UTF-8 cannot encode escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _validation_error(problems: Sequence[dict[str, Any]], content_type: str | None) -> ErrorBody:
    if problems and problems[0].get("type") == "json_invalid":
        reason = problems[0].get("ctx", {}).get("error", "malformed")
        return ErrorBody(message=f"the body is not valid JSON ({reason}); send a JSON object", type="request_error")
    if problems and tuple(problems[0].get("loc", ())) == ("body",) and "json" not in (content_type or "json"):
        return ErrorBody(
            message=f"a body of type {_printable(content_type or '')} cannot be read here; send JSON "
            "(Content-Type: application/json) or, to the Images API, multipart/form-data",
            type="request_error",
        )
    parts = []
    for problem in problems[:5]:
        location = ".".join(str(p) for p in problem.get("loc", ()) if p != "body")
        message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{location}: {message}" if location else message)
    first = problems[0].get("loc", ()) if problems else ()
    param = ".".join(str(p) for p in first if p != "body") or None
    return ErrorBody(message="; ".join(parts) or "the request body is invalid", type="request_error", param=param)


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, whether or not Content-Length was sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        refused = False

        async def counted() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Answer 413 now; the app then sees a client that went away, and its reply is dropped.
                    refused = True
                    await self._refuse(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, guarded)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = ErrorBody(
            message=f"the request body is over {self.max_bytes // (1024 * 1024)} MiB; send a smaller body",
            type="too_large",
        )
        await error_response(error)(scope, receive, send)


async def within(seconds: float, what: str, work: Callable[[], _T]) -> _T:
    """Run blocking `work` in a thread; a ServiceError (502) when it takes longer than `seconds`."""
    try:
        return await asyncio.wait_for(run_in_threadpool(work), timeout=seconds)
    except TimeoutError:
        raise ServiceError(f"{what} took longer than {seconds:g} s (TESSERA_SERVICE_TIMEOUT_S)") from None


def add_health(app: FastAPI, role: str, checks: dict[str, ReadinessCheck]) -> None:
    """GET /healthz (the process answers) and GET /readyz (every dependency is ready, else 503 with reasons)."""

    @app.get("/healthz", tags=["health"], summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "role": role}

    @app.get("/readyz", tags=["health"], summary="Readiness: every dependency is ready")
    async def readyz() -> JSONResponse:
        results = {name: await run_in_threadpool(_run_check, check) for name, check in checks.items()}
        ready = all(reason is None for reason in results.values())
        body = {
            "status": "ready" if ready else "not ready",
            "role": role,
            # Open to anyone (no key needed): the reasons lose the server's file paths, as error replies do.
            "checks": {name: without_server_paths(reason) if reason else "ok" for name, reason in results.items()},
        }
        return JSONResponse(body, status_code=200 if ready else 503)


def _run_check(check: ReadinessCheck) -> str | None:
    try:
        return check()
    except Exception as err:  # noqa: BLE001 - a probe that breaks means: not ready, and why
        return f"{type(err).__name__}: {err}"


def replayed(body: bytes, receive: Receive) -> Receive:
    """The body again, in one message; then what the client sends next (its disconnect), for routes that watch."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
