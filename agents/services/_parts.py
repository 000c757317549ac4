"""The planner, renderer and verifier as services: the embedded parts behind typed JSON endpoints.

With an artifact store (TESSERA_ARTIFACT_DIR) the renderer answers, when asked, with a reference to the PNG it wrote
there, and the verifier takes a reference as well as base64; without one, a reference is a 400 saying what to set.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from PIL import Image

from tessera.agents._artifacts import ArtifactStore
from tessera.agents.parts import Planners
from tessera.agents.services._common import ReadinessCheck, within
from tessera.agents.settings import Settings
from tessera.agents.wire import (
    EditBody,
    ErrorBody,
    PlanBody,
    RenderBody,
    RenderedImage,
    RenderLine,
    ReviseBody,
    VerifyBody,
    decode_png,
    encode_png,
)
from tessera.contract import (
    Box,
    Canvas,
    LayoutPlan,
    PlanEdit,
    PlanResult,
    Renderer,
    RenderProgress,
    RequestError,
    ServiceError,
    SolidBackground,
    TextElement,
    VerificationReport,
    Verifier,
    root_frame,
)

# A small plan the renderer's readiness probe draws: it needs the fonts, as every real plan does.
_PROBE_PLAN = LayoutPlan(
    canvas=Canvas(width=256, height=256),
    background=SolidBackground(color="#FFFFFF"),
    root=root_frame([TextElement(id="probe", box=Box(x=16, y=96, w=224, h=64), text="Ready")]),
)


def add_planner_routes(app: FastAPI, settings: Settings) -> None:
    """POST /v1/plan, /v1/revise and /v1/edit; the planner or editor (model or rules) is chosen per request from this
    service's settings."""
    planners = Planners(settings)

    @app.post(
        "/v1/plan", response_model=PlanResult, tags=["planner"], summary="A first layout plan for the constraints"
    )
    async def plan(body: PlanBody) -> PlanResult:
        def work() -> PlanResult:
            planner, notice = planners.in_process(body.planner, body.effort)
            result = planner.plan(body.constraints, body.canvas, seed=body.seed, style_seed=body.style_seed)
            return result.model_copy(update={"notes": [notice, *result.notes]}) if notice else result

        return await within(settings.services.service_timeout_s, "planning", work)

    @app.post("/v1/revise", response_model=PlanResult, tags=["planner"], summary="A plan revised from a report")
    async def revise(body: ReviseBody) -> PlanResult:
        def work() -> PlanResult:
            planner, _ = planners.in_process(body.planner, body.effort)
            return planner.revise(body.plan, body.constraints, body.report, attempt=body.attempt)

        return await within(settings.services.service_timeout_s, "revising", work)

    @app.post(
        "/v1/edit",
        response_model=PlanEdit,
        tags=["planner"],
        summary="An edit instruction as a JSON Patch of a plan (422 edit_error when it cannot be applied)",
    )
    async def edit(body: EditBody) -> PlanEdit:
        def work() -> PlanEdit:
            return planners.in_process_editor(body.planner).edit(body.plan, body.constraints, body.instruction)

        return await within(settings.services.service_timeout_s, "editing", work)


def planner_checks(settings: Settings) -> dict[str, ReadinessCheck]:
    return {"llm": Planners(settings).llm_problem}


def artifact_store(settings: Settings) -> ArtifactStore | None:
    """The store images travel through by reference, when TESSERA_ARTIFACT_DIR names one."""
    folder = settings.services.artifact_dir
    return ArtifactStore(folder) if folder is not None else None


def _shared(store: ArtifactStore | None, role: str) -> ArtifactStore:
    if store is None:
        raise RequestError(
            f"this {role} has no artifact store to pass images through by reference: set TESSERA_ARTIFACT_DIR to "
            "the same shared folder on the gateway and every part (or unset it on the gateway)"
        )
    return store


def add_renderer_routes(app: FastAPI, settings: Settings, renderer: Renderer, store: ArtifactStore | None) -> None:
    """POST /v1/render: NDJSON lines of progress while drawing, then the image (or the error)."""

    @app.post(
        "/v1/render",
        tags=["renderer"],
        summary="Draw a plan",
        response_description="application/x-ndjson: RenderLine objects, progress first, then result or error",
    )
    async def render(body: RenderBody) -> StreamingResponse:
        # Refused before drawing: the caller expects a reference this renderer could not give.
        target = _shared(store, "renderer") if body.image_by_reference else None
        return StreamingResponse(
            _render_lines(renderer, body, target, settings.services.service_timeout_s),
            media_type="application/x-ndjson",
        )


async def _render_lines(
    renderer: Renderer, body: RenderBody, store: ArtifactStore | None, timeout_s: float
) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[RenderLine] = asyncio.Queue()

    def on_progress(step: RenderProgress) -> None:
        loop.call_soon_threadsafe(lines.put_nowait, RenderLine(progress=step))

    def work() -> None:
        try:
            result = renderer.render(body.plan, seed=body.seed, on_progress=on_progress, svg=body.svg, files=body.files)
            image = RenderedImage(
                image_png_b64=encode_png(result.image) if store is None else None,
                image_ref=store.put_png(result.image) if store is not None else None,
                manifest=result.manifest,
                timings=result.timings,
                svg=result.svg,
            )
            last = RenderLine(result=image)
        except Exception as err:  # noqa: BLE001 - sent as the stream's last line; the client raises the same error type
            last = RenderLine(error=ErrorBody.of(err))
        loop.call_soon_threadsafe(lines.put_nowait, last)

    # The last line goes through the queue after every progress line, so each is sent the moment it is ready.
    loop.run_in_executor(None, work)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            line = await asyncio.wait_for(lines.get(), timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            late = ServiceError(f"rendering took longer than {timeout_s:g} s (TESSERA_SERVICE_TIMEOUT_S)")
            yield RenderLine(error=ErrorBody.of(late)).model_dump_json() + "\n"
            return
        yield line.model_dump_json() + "\n"
        if line.progress is None:
            return


def renderer_checks(renderer: Renderer) -> dict[str, ReadinessCheck]:
    def fonts() -> str | None:
        renderer.render(_PROBE_PLAN)
        return None

    return {"fonts": fonts}


def add_verifier_routes(app: FastAPI, settings: Settings, verifier: Verifier, store: ArtifactStore | None) -> None:
    """POST /v1/verify: the report for an image, its plan and the brief's constraints.

    The image (base64 or a reference) is refused from its header, before its pixels are decoded, when it is over the
    pixel budget (413) or not the plan's canvas size (400).
    """

    @app.post("/v1/verify", response_model=VerificationReport, tags=["verifier"], summary="Check a render")
    async def verify(body: VerifyBody) -> VerificationReport:
        def work() -> VerificationReport:
            return verifier.verify(_image_to_verify(body, store), body.plan, body.constraints)

        return await within(settings.services.service_timeout_s, "verifying", work)


def _image_to_verify(body: VerifyBody, store: ArtifactStore | None) -> Image.Image:
    canvas = body.plan.canvas
    if body.image_ref is not None:
        return _shared(store, "verifier").read(body.image_ref, canvas=canvas)
    return decode_png(body.image_png_b64 or "", canvas=canvas)


def verifier_checks(settings: Settings) -> dict[str, ReadinessCheck]:
    def tessdata() -> str | None:
        english = settings.tessdata / "eng.traineddata"
        return (
            None
            if english.is_file()
            else f"no tesseract language data at {english}; install tesseract-ocr-eng or set TESSERA_TESSDATA"
        )

    return {"tessdata": tessdata}
