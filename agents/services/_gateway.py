"""The gateway: OpenAI's Images API and Tessera's run API over one Engine (the LangGraph graph).

Runs are driven by a pool of worker threads, not by the request: a run is recorded and
checkpointed as queued, a worker takes it (running) and drives it to done, failed or
cancelled. A client that hangs up does not stop a running run (its queued runs are
cancelled, with `cancel_abandoned`), and `GET /v1/runs/{id}` finds it. Progress goes to
the run folder's events.jsonl, which `GET /v1/runs/{id}/events` streams, so any gateway
that shares the runs folder can serve a run's events. On start the gateway picks up the
runs it had queued or was driving when it stopped (from the checkpointer), or marks them
failed with the reason.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from sse_starlette import EventSourceResponse
from starlette.concurrency import run_in_threadpool

from tessera.agents._icon_split import ICONS_FOLDER, split_icons
from tessera.agents._variants import repeated_images
from tessera.agents.context import Progress
from tessera.agents.engine import Engine, RunOutcome, StartedRun
from tessera.agents.retention import prune_periodically
from tessera.agents.runs import RunFolder
from tessera.agents.services._access import Caller, open_owned, owned_records, public_base, without_server_paths
from tessera.agents.services._admission import Admission
from tessera.agents.services._common import ReadinessCheck, add_health, error_response
from tessera.agents.services._edits import add_edits_route
from tessera.agents.services._images import (
    IconImage,
    ImageData,
    ImagesReply,
    ImagesRequest,
    ImagesResponse,
    RunSummary,
    b64,
    encode_image,
    usage_of,
)
from tessera.agents.services._leases import Leases
from tessera.agents.services._mcp import McpEndpoint
from tessera.agents.services._metrics import GatewayMetrics, install_metrics
from tessera.agents.services._run_events import follow_run
from tessera.agents.settings import Settings
from tessera.agents.wire import ErrorBody
from tessera.contract import RequestError, RunRecord, TesseraError

log = logging.getLogger("tessera.gateway")

RUN_HEADER = "x-tessera-run-id"
_DISCONNECT_POLL_S = 0.5
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
        self.leases = Leases(settings.home / "gateways", self.owner, settings.services.gateway_lease_s)
        self.metrics = GatewayMetrics(self.admission)
        # Queued runs holding an admission place, by run id: the key that holds it. Whoever moves a run out of the
        # queue (a worker taking it, a cancel) gives the place back, once.
        self._waiting: dict[str, str | None] = {}
        self._waiting_lock = threading.Lock()

    def queued(self, run_id: str, key_id: str | None) -> None:
        """The run waits for a worker in a queue place admitted (or restored) for `key_id`."""
        with self._waiting_lock:
            self._waiting[run_id] = key_id

    def left_queue(self, run_id: str) -> None:
        """The run waits no more (taken, cancelled, or never to start): its queue place goes back, if it held one."""
        with self._waiting_lock:
            if run_id not in self._waiting:
                return
            key_id = self._waiting.pop(run_id)
        self.admission.dequeue(key_id)

    async def drive(self, started: StartedRun, on_progress: Callable[[Progress], None] | None = None) -> RunOutcome:
        """Queue a started run for a worker and wait for its outcome (`on_progress` hears each step, from the
        worker's thread)."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, self._work, started, True, on_progress)

    def _work(
        self, started: StartedRun, take: bool, on_progress: Callable[[Progress], None] | None = None
    ) -> RunOutcome:
        """A worker takes the run (`take`; a run picked up while running is driven on), its queue place goes back,
        and the metrics watch it to its end."""
        if take:
            try:
                self.engine.take(started)
            finally:
                self.left_queue(started.run_id)
        with self.metrics.driving(started.folder):
            return self.engine.drive(started, on_progress)

    def cancel(self, run_id: str) -> RunRecord:
        """Cancel the run (`Engine.cancel`); a queued one gives its place back at once."""
        record = self.engine.cancel(run_id)
        self.left_queue(run_id)
        return record

    def withdraw(self, run_ids: list[str], reason: str) -> None:
        """Cancel those of the runs still queued, for `reason`; running ones carry on."""
        for run_id in run_ids:
            if self.engine.withdraw(run_id, reason):
                log.info("run %s cancelled before it started: %s", run_id, reason)
                self.left_queue(run_id)

    def recover(self) -> None:
        """Pick up the runs this gateway had queued or was driving when it stopped; a run that cannot carry on is
        marked failed with the reason."""
        self.leases.renew()  # first: from now on no other gateway claims this one's runs
        for record in self.engine.interrupted_runs(self.owner):
            log.warning("picking up run %s, %s when this gateway stopped", record.run_id, record.status)
            self._carry_on(record)

    def take_over(self) -> None:
        """Claim and carry on the queued and running runs of gateways whose lease ran out."""
        for gone in self.leases.lapsed():
            for record in self.engine.interrupted_runs(gone):
                claimed = self.engine.store.open(record.run_id).claim(gone, self.owner)
                if claimed is not None:
                    log.warning("taking over run %s, %s under gateway %r, whose lease ran out", record.run_id,
                                record.status, gone)  # fmt: skip
                    self._carry_on(claimed)
            self.leases.forget(gone)

    async def keep_lease(self) -> None:
        """Renew this gateway's lease, and take over lapsed gateways' runs, for as long as the gateway serves."""
        interval = self.settings.services.gateway_lease_s / 4
        while True:
            await asyncio.sleep(interval)
            try:
                await run_in_threadpool(self.leases.renew)
                await run_in_threadpool(self.take_over)
            except Exception as err:  # noqa: BLE001 - a full disk or a lost share must not stop the gateway serving
                log.error("cannot renew this gateway's lease or take over runs: %s", err)

    def _carry_on(self, record: RunRecord) -> None:
        if record.status == "queued":
            self.admission.restore(record.key_id)
            self.queued(record.run_id, record.key_id)
        self.pool.submit(self._pick_up, record)

    def _pick_up(self, record: RunRecord) -> None:
        try:
            self._work(self.engine.pick_up(record.run_id), take=record.status == "queued")
        except Exception as err:  # noqa: BLE001 - the engine has already written the failure into the run record
            log.error("run %s could not be carried on: %s", record.run_id, err)
        finally:
            self.left_queue(record.run_id)

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
    mcp = McpEndpoint(gateway, settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        gateway.recover()
        leasing = asyncio.create_task(gateway.keep_lease())
        keep_days = settings.services.runs_keep_days
        pruning = None
        if keep_days is not None:
            checkpoints = gateway.engine.checkpoints.saver
            pruning = asyncio.create_task(prune_periodically(gateway.engine.store, checkpoints, keep_days))
        async with mcp.serving():
            yield
        leasing.cancel()
        if pruning is not None:
            pruning.cancel()
        gateway.close()

    app = FastAPI(
        title="Tessera gateway",
        version="1",
        summary="OpenAI-compatible image generation with exact text and counts, and the runs behind each image",
        lifespan=lifespan,
    )
    app.state.gateway = gateway
    add_health(app, "gateway", gateway.readiness())
    install_metrics(app, gateway.metrics)
    _add_images_routes(app, gateway)
    _add_run_routes(app, gateway)
    # Imported here: the viewer reads keys and runs through this package, which imports this module first.
    from tessera.agents.viewer import add_viewer_routes

    add_viewer_routes(app, gateway.engine.store, settings)
    mcp.mount(app)
    return app


def _add_images_routes(app: FastAPI, gateway: Gateway) -> None:
    @app.post(
        "/v1/images/generations",
        response_model=ImagesResponse,
        tags=["images"],
        summary="Create images from a prompt (OpenAI Images API)",
    )
    async def generations(body: ImagesRequest, request: Request, key: Caller) -> JSONResponse:
        run_request = body.run_request()
        gateway.admission.admit(key, body.n, client=request.client.host if request.client else None)
        started: list[StartedRun] = []
        try:
            if body.n == 1:
                started = [await run_in_threadpool(gateway.engine.start, run_request, owner=gateway.owner, key_id=key)]
            else:  # variants in one style: `start_variants` withdraws its runs itself when one cannot start
                start = partial(gateway.engine.start_variants, run_request, body.n, owner=gateway.owner, key_id=key)
                started = await run_in_threadpool(start)
            for run in started:
                gateway.queued(run.run_id, key)
        except BaseException:
            # The request fails as a whole: the runs it queued will not be driven, and every place goes back.
            queued = [s.run_id for s in started]
            await run_in_threadpool(gateway.withdraw, queued, "another image of its request failed")
            for _ in range(body.n - len(started)):
                gateway.admission.dequeue(key)
            raise
        return await answer_images(gateway, request, started, ImagesReply.of(body))

    add_edits_route(app, gateway, answer_images)


async def answer_images(
    gateway: Gateway,
    request: Request,
    started: list[StartedRun],
    reply: ImagesReply,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """Drive the started runs and answer with their images in OpenAI's shape (`extra`: fields added to the body), or
    with the first failure; the run ids travel in the `x-tessera-run-id` header either way."""
    run_ids = [s.run_id for s in started]
    headers = {RUN_HEADER: ",".join(run_ids)}
    work = asyncio.gather(*(gateway.drive(s) for s in started), return_exceptions=True)
    results = await _unless_abandoned(gateway, work, request, run_ids)
    if results is None:  # nobody reads this reply
        return error_response(ErrorBody(message="the client went away", type="conflict"), headers)
    for run_id, result in zip(run_ids, results, strict=True):
        if isinstance(result, TesseraError):
            error = ErrorBody.of(result)
            message = f"run {run_id} failed: {error.message} (inspect it: GET /v1/runs/{run_id})"
            return error_response(error.model_copy(update={"message": message}), headers)
        if isinstance(result, BaseException):
            # An unexpected fault: its text stays in the server's log and the run record, not in the reply.
            log.error("run %s failed unexpectedly", run_id, exc_info=result)
            message = f"run {run_id} failed unexpectedly; the server logged it (inspect it: GET /v1/runs/{run_id})"
            return error_response(ErrorBody(message=message, type="internal_error"), headers)
    outcomes = [result for result in results if isinstance(result, RunOutcome)]  # none failed, as checked above
    if len(outcomes) > 1:
        outcomes = await run_in_threadpool(repeated_images, outcomes)
    base = public_base(request)
    data = []
    for outcome in outcomes:
        if reply.output_format == "svg":
            encoded = (await run_in_threadpool(gateway.engine.svg, outcome.run_id)).encode("utf-8")
        else:
            encoded = encode_image(outcome.image, reply.output_format, reply.output_compression)
        if reply.response_format == "url":
            url = f"{base}/v1/runs/{outcome.run_id}/image.{reply.output_format}"
            data.append(ImageData(url=url))
        else:
            data.append(ImageData(b64_json=b64(encoded)))
    summaries = [_summary(o, base) for o in outcomes]
    if reply.split:
        summaries = [await _with_icons(s, o, reply, base) for s, o in zip(summaries, outcomes, strict=True)]
    canvas = outcomes[0].plan.canvas
    response = ImagesResponse(
        created=int(time.time()),
        data=data,
        background="transparent" if reply.transparent else "opaque",
        output_format=reply.output_format,
        quality=reply.quality,
        size=f"{canvas.width}x{canvas.height}",
        usage=usage_of([gateway.engine.store.open(o.run_id).read_trace() for o in outcomes]),
        tessera=summaries,
    )
    return JSONResponse({**response.model_dump(mode="json"), **(extra or {})}, headers=headers)


async def _unless_abandoned(
    gateway: Gateway, work: asyncio.Future[list[RunOutcome | BaseException]], request: Request, run_ids: list[str]
) -> list[RunOutcome | BaseException] | None:
    """The runs' results; None when the client went away first and `cancel_abandoned` cancelled its queued runs
    (its running ones carry on, and GET /v1/runs/{id} finds them)."""
    if not gateway.settings.services.cancel_abandoned:
        return await work
    while True:
        done, _ = await asyncio.wait({work}, timeout=_DISCONNECT_POLL_S)
        if done:
            return work.result()
        if await request.is_disconnected():
            await run_in_threadpool(gateway.withdraw, run_ids, "its client went away")
            return None


async def _with_icons(summary: RunSummary, outcome: RunOutcome, reply: ImagesReply, base: str) -> RunSummary:
    """The summary with each icon of the image as its own image (`split`): inline in the reply's format (PNG for
    svg), or as a URL of the run's artifact."""
    icons = []
    for split in await run_in_threadpool(split_icons, outcome):
        if reply.response_format == "url":
            url = f"{base}/v1/runs/{outcome.run_id}/artifacts/{ICONS_FOLDER}/{split.path.name}"
            icons.append(IconImage(name=split.name, icon=split.icon, url=url))
        else:
            kept = "png" if reply.output_format == "svg" else reply.output_format
            encoded = encode_image(split.path, kept, reply.output_compression)
            icons.append(IconImage(name=split.name, icon=split.icon, b64_json=b64(encoded)))
    return summary.model_copy(update={"icons": icons})


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
        variant_group=outcome.variant_group,
        variant=outcome.variant,
    )


def _add_run_routes(app: FastAPI, gateway: Gateway) -> None:
    store = gateway.engine.store

    @app.get("/v1/runs", tags=["runs"], summary="The newest runs")
    async def runs(key: Caller, limit: int = 20) -> list[RunRecord]:
        if not 1 <= limit <= 500:
            raise RequestError(f"limit {limit} is out of range; use 1-500")
        return [_shown(record) for record in await run_in_threadpool(owned_records, store, limit, key)]

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
        return EventSourceResponse(follow_run(folder, request))

    @app.post(
        "/v1/runs/{run_id}/resume",
        tags=["runs"],
        summary="Carry a failed or cancelled run on from its last step (409 for a queued, running or done run)",
    )
    async def resume(run_id: str, request: Request, key: Caller) -> JSONResponse:
        open_owned(store, run_id, key)
        gateway.admission.admit(key, 1, client=request.client.host if request.client else None)
        try:
            started = await run_in_threadpool(partial(gateway.engine.reopen, run_id, owner=gateway.owner))
        except BaseException:
            gateway.admission.dequeue(key)
            raise
        gateway.queued(run_id, key)
        outcome = await gateway.drive(started)
        return JSONResponse(
            _summary(outcome, public_base(request)).model_dump(mode="json"), headers={RUN_HEADER: run_id}
        )

    @app.post(
        "/v1/runs/{run_id}/cancel",
        tags=["runs"],
        summary="Cancel a run: a queued one at once, a running one before its next step (409 once it has ended)",
    )
    async def cancel(run_id: str, key: Caller) -> RunRecord:
        open_owned(store, run_id, key)
        return await run_in_threadpool(gateway.cancel, run_id)


def _shown(record: RunRecord) -> RunRecord:
    """The record as a reply shows it: its error without the server's file paths."""
    return record if record.error is None else record.model_copy(update={"error": without_server_paths(record.error)})


def _describe_run(folder: RunFolder, base: str) -> dict[str, Any]:
    record = folder.read_record()
    url = f"{base}/v1/runs/{record.run_id}"
    body: dict[str, Any] = {
        "run": _shown(record).model_dump(mode="json"), "url": url, "report": None, "counts": None, "plan": None
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
