"""What every Tessera service shares: error replies, body size limits, time limits, health and readiness."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tessera.agents.wire import ErrorBody
from tessera.contract import ServiceError, TesseraError

_T = TypeVar("_T")

# A readiness check returns None when ready, else the reason it is not.
ReadinessCheck = Callable[[], str | None]


def error_response(error: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    """The error in OpenAI's shape, answered with its type's HTTP status (`TesseraError.http_status`)."""
    return JSONResponse({"error": error.model_dump()}, status_code=error.status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Every failure becomes OpenAI's error shape with our type names; bad bodies say which field to change."""

    @app.exception_handler(TesseraError)
    async def _tessera(_: Request, err: TesseraError) -> JSONResponse:
        return error_response(ErrorBody.of(err))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, err: RequestValidationError) -> JSONResponse:
        return error_response(_validation_error(err.errors()))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, err: Exception) -> JSONResponse:
        return error_response(ErrorBody.of(err))


def _validation_error(problems: Sequence[dict[str, Any]]) -> ErrorBody:
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
            type="request_error",
        )
        response = JSONResponse({"error": error.model_dump()}, status_code=413)
        await response(scope, receive, send)


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
            "checks": {name: reason or "ok" for name, reason in results.items()},
        }
        return JSONResponse(body, status_code=200 if ready else 503)


def _run_check(check: ReadinessCheck) -> str | None:
    try:
        return check()
    except Exception as err:  # noqa: BLE001 - a probe that breaks means: not ready, and why
        return f"{type(err).__name__}: {err}"
