"""The gateway: OpenAI's Images API and Tessera's run API over one Engine (the LangGraph graph).

Runs are driven by a pool of worker threads, not by the request: a client that hangs up
does not stop its run, and `GET /v1/runs/{id}` finds it. Progress goes to the run
folder's events.jsonl, which `GET /v1/runs/{id}/events` streams, so any gateway that
shares the runs folder can serve a run's events. On start the gateway resumes the runs
it was driving when it stopped (from the checkpointer), or marks them failed with the reason.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from sse_starlette import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from tessera.agents.engine import Engine, RunOutcome, StartedRun
from tessera.agents.runs import RunFolder
from tessera.agents.services._access import Caller, open_owned, owned_records, public_base
from tessera.agents.services._admission import Admission
from tessera.agents.services._common import ReadinessCheck, add_health, error_response
from tessera.agents.services._images import (
    ImageData,
    ImagesRequest,
    ImagesResponse,
    RunSummary,
    b64,
    encode_image,
    unsupported_edit,
    usage_of,
)
from tessera.agents.settings import Settings
from tessera.agents.wire import ErrorBody
from tessera.contract import RequestError, RunRecord

log = logging.getLogger("tessera.gateway")

RUN_HEADER = "x-tessera-run-id"
_EVENT_POLL_S = 0.2
# Files of a run folder the API serves; anything else in the folder stays private.
_ARTIFACT_SUFFIXES = {".png", ".json", ".jsonl"}


class Gateway:
    """The Engine plus the worker pool that drives its runs."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self.owner = settings.services.gateway_id
        self.pool = ThreadPoolExecutor(max_workers=settings.services.gateway_workers, thread_name_prefix="tessera-run")
        self.admission = Admission(settings)

    async def drive(self, started: StartedRun) -> RunOutcome:
        return await asyncio.get_running_loop().run_in_executor(self.pool, self.engine.run, started)

    def recover(self) -> None:
        """Resume the runs this gateway was driving when it stopped; a run that cannot resume is marked failed."""
        for run_id in self.engine.interrupted_runs(self.owner):
            log.warning("resuming run %s, interrupted when this gateway stopped", run_id)
            self.pool.submit(self._resume_interrupted, run_id)

    def _resume_interrupted(self, run_id: str) -> None:
        try:
            self.engine.resume(run_id)
        except Exception as err:  # noqa: BLE001 - the engine has already written the failure into the run record
            log.error("run %s could not be resumed: %s", run_id, err)

    def readiness(self) -> dict[str, ReadinessCheck]:
        checks: dict[str, ReadinessCheck] = {"checkpoints": self._checkpoints_ready}
        for role, part in (
            ("planner", self.settings.services.planner_url),
            ("renderer", self.settings.services.renderer_url),
            ("verifier", self.settings.services.verifier_url),
        ):
            if part:
                checks[role] = _remote_ready(role, part)
        return checks

    def _checkpoints_ready(self) -> str | None:
        self.engine.checkpoints.probe()
        return None

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=False)
        self.engine.close()


def _remote_ready(role: str, base_url: str) -> ReadinessCheck:
    def check() -> str | None:
        try:
            response = httpx.get(f"{base_url.rstrip('/')}/readyz", timeout=5.0)
        except httpx.HTTPError as err:
            return f"the {role} service at {base_url} cannot be reached: {err}"
        if response.status_code != 200:
            return f"the {role} service at {base_url} is not ready: {response.text[:300]}"
        return None

    return check


def create_gateway_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The gateway app; `engine` defaults to one built from `settings` (remote parts where their URLs are set)."""
    gateway = Gateway(settings, engine or Engine(settings))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        gateway.recover()
        yield
        gateway.close()

    app = FastAPI(
        title="Tessera gateway",
        version="1",
        summary="OpenAI-compatible image generation with exact text and counts, and the runs behind each image",
        lifespan=lifespan,
    )
    app.state.gateway = gateway
    add_health(app, "gateway", gateway.readiness())
    _add_images_routes(app, gateway)
    _add_run_routes(app, gateway)
    return app


def _add_images_routes(app: FastAPI, gateway: Gateway) -> None:
    @app.post(
        "/v1/images/generations",
        response_model=ImagesResponse,
        tags=["images"],
        summary="Create images from a prompt (OpenAI Images API)",
    )
    async def generations(body: ImagesRequest, request: Request, key: Caller) -> JSONResponse:
        requests = body.run_requests()
        gateway.admission.admit(key, len(requests))
        started = [
            await run_in_threadpool(partial(gateway.engine.start, r, owner=gateway.owner, key_id=key)) for r in requests
        ]
        run_ids = [s.run_id for s in started]
        headers = {RUN_HEADER: ",".join(run_ids)}
        results = await asyncio.gather(*(gateway.drive(s) for s in started), return_exceptions=True)
        for run_id, result in zip(run_ids, results, strict=True):
            if isinstance(result, BaseException):
                error = ErrorBody.of(result if isinstance(result, Exception) else RuntimeError(str(result)))
                message = f"run {run_id} failed: {error.message} (inspect it: GET /v1/runs/{run_id})"
                return error_response(error.model_copy(update={"message": message}), headers)
        outcomes = [result for result in results if isinstance(result, RunOutcome)]  # none failed, as checked above
        base = public_base(request)
        data = []
        for outcome in outcomes:
            if body.output_format == "svg":
                encoded = (await run_in_threadpool(gateway.engine.svg, outcome.run_id)).encode("utf-8")
            else:
                encoded = encode_image(outcome.image, body.output_format, body.output_compression)
            if body.response_format == "url":
                url = f"{base}/v1/runs/{outcome.run_id}/image.{body.output_format}"
                data.append(ImageData(url=url))
            else:
                data.append(ImageData(b64_json=b64(encoded)))
        canvas = outcomes[0].plan.canvas
        response = ImagesResponse(
            created=int(time.time()),
            data=data,
            background="transparent" if body.transparent else "opaque",
            output_format=body.output_format,
            quality=body.effort,
            size=f"{canvas.width}x{canvas.height}",
            usage=usage_of([gateway.engine.store.open(o.run_id).read_trace() for o in outcomes]),
            tessera=[_summary(o, base) for o in outcomes],
        )
        return JSONResponse(response.model_dump(mode="json"), headers=headers)

    @app.post("/v1/images/edits", tags=["images"], summary="Edit an image (not implemented yet: 501)", status_code=501)
    async def edits() -> JSONResponse:
        error = ErrorBody(message=unsupported_edit(), type="request_error")
        return JSONResponse({"error": error.model_dump()}, status_code=501)


def _summary(outcome: RunOutcome, base: str) -> RunSummary:
    return RunSummary(
        run_id=outcome.run_id,
        passed=outcome.passed,
        strict=outcome.strict,
        counts=outcome.report.counts(),
        summary=outcome.summary,
        planner=outcome.planner,
        revisions=outcome.revisions,
        notices=outcome.notices,
        report=outcome.report,
        drawn=outcome.drawn,
        document=outcome.document,
        coverage=outcome.coverage,
        run_url=f"{base}/v1/runs/{outcome.run_id}",
    )


def _add_run_routes(app: FastAPI, gateway: Gateway) -> None:
    store = gateway.engine.store

    @app.get("/v1/runs", tags=["runs"], summary="The newest runs")
    async def runs(key: Caller, limit: int = 20) -> list[RunRecord]:
        if not 1 <= limit <= 500:
            raise RequestError(f"limit {limit} is out of range; use 1-500")
        return await run_in_threadpool(owned_records, store, limit, key)

    @app.get("/v1/runs/{run_id}", tags=["runs"], summary="A run: status, report, plan and artifact links")
    async def run(run_id: str, request: Request, key: Caller) -> dict[str, Any]:
        folder = open_owned(store, run_id, key)
        return await run_in_threadpool(_describe_run, folder, public_base(request))

    @app.get("/v1/runs/{run_id}/image.{extension}", tags=["runs"], summary="The run's best image")
    async def image(run_id: str, extension: str, key: Caller) -> Any:
        if extension not in ("png", "jpeg", "webp", "svg"):
            raise RequestError(f"image.{extension}: use image.png, image.jpeg, image.webp or image.svg")
        folder = open_owned(store, run_id, key)
        if extension == "svg":
            document = await run_in_threadpool(gateway.engine.svg, run_id)
            return Response(document, media_type="image/svg+xml")
        best = folder.best()
        path = best.image if best else None
        if path is None:
            raise RequestError(f"run {run_id} has no image yet ({folder.read_record().status})")
        if extension == "png":
            return FileResponse(path, media_type="image/png")
        return Response(encode_image(path, extension, None), media_type=f"image/{extension}")

    @app.get("/v1/runs/{run_id}/artifacts/{name:path}", tags=["runs"], summary="One file of the run folder")
    async def artifact(run_id: str, name: str, key: Caller) -> Response:
        folder = open_owned(store, run_id, key)
        path = (folder.path / name).resolve()
        if folder.path.resolve() not in path.parents or path.suffix not in _ARTIFACT_SUFFIXES or not path.is_file():
            raise RequestError(f"run {run_id} has no artifact {name!r}; GET /v1/runs/{run_id} lists them")
        if path.suffix == ".jsonl":
            # A running run appends to its logs: send the bytes read once, or a line written between FileResponse's
            # stat and its read would overrun the Content-Length it declared and the server would drop the reply.
            return Response(await run_in_threadpool(path.read_bytes), media_type="application/x-ndjson")
        return FileResponse(path)

    @app.get("/v1/runs/{run_id}/events", tags=["runs"], summary="Server-sent progress events until the run ends")
    async def events(run_id: str, request: Request, key: Caller) -> EventSourceResponse:
        folder = open_owned(store, run_id, key)
        return EventSourceResponse(_follow(folder, request))

    @app.post("/v1/runs/{run_id}/resume", tags=["runs"], summary="Carry an interrupted or failed run on")
    async def resume(run_id: str, request: Request, key: Caller) -> JSONResponse:
        folder = open_owned(store, run_id, key)
        if folder.read_record().status == "running":
            raise RequestError(f"run {run_id} is still running; follow it at GET /v1/runs/{run_id}/events")
        loop = asyncio.get_running_loop()
        outcome = await loop.run_in_executor(gateway.pool, gateway.engine.resume, run_id)
        return JSONResponse(
            _summary(outcome, public_base(request)).model_dump(mode="json"), headers={RUN_HEADER: run_id}
        )


def _describe_run(folder: RunFolder, base: str) -> dict[str, Any]:
    record = folder.read_record()
    url = f"{base}/v1/runs/{record.run_id}"
    body: dict[str, Any] = {
        "run": record.model_dump(mode="json"), "url": url, "report": None, "counts": None, "plan": None
    }  # fmt: skip
    best = folder.best()
    if best is not None:
        body["report"] = best.report.model_dump(mode="json") if best.report else None
        body["counts"] = best.report.counts() if best.report else None
        body["plan"] = best.plan.model_dump(mode="json")
        body["image_url"] = f"{url}/image.png"
    files = sorted(
        p.relative_to(folder.path).as_posix()
        for p in folder.path.rglob("*")
        if p.is_file() and p.suffix in _ARTIFACT_SUFFIXES
    )
    body["artifacts"] = {name: f"{url}/artifacts/{name}" for name in files}
    body["events_url"] = f"{url}/events"
    return body


async def _follow(folder: RunFolder, request: Request) -> AsyncIterator[dict[str, str]]:
    """Every stored progress event, then new ones as they come, then one 'end' event with the run's status."""
    sent = 0
    while True:
        events = await run_in_threadpool(folder.read_events, sent)
        for event in events:
            yield {"event": "progress", "data": _json(event), "id": str(sent)}
            sent += 1
        record = await run_in_threadpool(folder.read_record)
        if record.status != "running":
            if not await run_in_threadpool(folder.read_events, sent):  # nothing written since the last read
                yield {
                    "event": "end",
                    "data": _json(
                        {
                            "status": record.status,
                            "passed": record.passed,
                            "error": record.error,
                            "summary": record.summary,
                        }
                    ),
                }
                return
            continue
        if await request.is_disconnected():
            return
        await asyncio.sleep(_EVENT_POLL_S)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
