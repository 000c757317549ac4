"""The HTTP clients keep the Protocols' contracts: same results, same error types, clear faults when a service fails."""

from __future__ import annotations

import json

import httpx
import pytest
from PIL import Image

from tessera.agents.remote import HttpPlanner, HttpRenderer, HttpVerifier
from tessera.agents.wire import ErrorBody, RenderedImage, RenderLine, encode_png
from tessera.contract import (
    Canvas,
    Constraints,
    PlanError,
    PlanResult,
    RenderManifest,
    RenderProgress,
    ServiceError,
    VerificationReport,
)
from tessera.planner import RulePlanner, extract_constraints

CONSTRAINTS: Constraints = extract_constraints("A poster with the headline 'HELLO' and 3 stars")
PLAN = RulePlanner().plan(CONSTRAINTS, Canvas(width=512, height=512)).plan


def _transport(handler) -> httpx.MockTransport:
    return httpx.MockTransport(handler)


def test_the_planner_client_sends_the_constraints_and_returns_the_services_plan_result() -> None:
    seen: dict = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(path=request.url.path, body=json.loads(request.content))
        return httpx.Response(200, text=PlanResult(plan=PLAN, planner="rules").model_dump_json())

    planner = HttpPlanner("http://planner:8001/", choice="rules", effort="high", transport=_transport(handler))
    result = planner.plan(CONSTRAINTS, Canvas(width=512, height=512), seed=4)
    assert result.plan == PLAN and result.planner == "rules"
    assert seen["path"] == "/v1/plan" and seen["body"]["seed"] == 4
    assert seen["body"]["planner"] == "rules" and seen["body"]["effort"] == "high"


def test_a_services_error_comes_back_as_the_same_error_type() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        error = ErrorBody(message="element 'x' is off the canvas; move it", type="plan_error")
        return httpx.Response(422, json={"error": error.model_dump()})

    planner = HttpPlanner("http://planner:8001", transport=_transport(handler))
    with pytest.raises(PlanError, match="off the canvas; move it"):
        planner.plan(CONSTRAINTS, Canvas())


def test_a_service_that_cannot_be_reached_says_how_to_start_it() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    renderer = HttpRenderer("http://renderer:8002", transport=_transport(handler))
    with pytest.raises(
        ServiceError, match=r"renderer service at http://renderer:8002 cannot be reached.*tessera serve --role renderer"
    ):
        renderer.render(PLAN)


def test_a_timeout_names_the_setting_to_raise() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    verifier = HttpVerifier("http://verifier:8003", transport=_transport(handler))
    with pytest.raises(ServiceError, match="TESSERA_SERVICE_TIMEOUT_S"):
        verifier.verify(Image.new("RGB", (512, 512)), PLAN, CONSTRAINTS)


def test_a_reply_that_is_not_ours_is_a_service_error_with_the_status() -> None:
    planner = HttpPlanner("http://planner:8001", transport=_transport(lambda r: httpx.Response(500, text="<html>oops")))
    with pytest.raises(ServiceError, match="answered HTTP 500: <html>oops"):
        planner.plan(CONSTRAINTS, Canvas())


def _stream(*lines: RenderLine) -> httpx.MockTransport:
    body = "".join(line.model_dump_json() + "\n" for line in lines)
    return _transport(lambda request: httpx.Response(200, text=body, headers={"content-type": "application/x-ndjson"}))


def test_render_progress_reaches_the_callback_before_the_image_arrives() -> None:
    image = Image.new("RGB", (512, 512), "#336699")
    steps = [RenderProgress(element_id="hero", step=i, steps=3) for i in range(1, 4)]
    result = RenderedImage(
        image_png_b64=encode_png(image), manifest=RenderManifest(canvas=PLAN.canvas), timings={"total": 0.5}
    )
    renderer = HttpRenderer(
        "http://renderer:8002", transport=_stream(*(RenderLine(progress=s) for s in steps), RenderLine(result=result))
    )
    heard: list[RenderProgress] = []
    rendered = renderer.render(PLAN, on_progress=heard.append)
    assert heard == steps
    assert rendered.image.getpixel((10, 10)) == (0x33, 0x66, 0x99) and rendered.timings == {"total": 0.5}


def test_an_error_line_in_the_render_stream_raises_it() -> None:
    error = ErrorBody(message="no font for script 'hangul'; install fonts-noto-cjk", type="setup_error")
    renderer = HttpRenderer("http://renderer:8002", transport=_stream(RenderLine(error=error)))
    with pytest.raises(Exception, match="install fonts-noto-cjk") as caught:
        renderer.render(PLAN)
    assert type(caught.value).__name__ == "SetupError"


def test_a_render_stream_that_ends_without_an_image_is_a_service_error() -> None:
    renderer = HttpRenderer(
        "http://renderer:8002", transport=_stream(RenderLine(progress=RenderProgress(element_id="a", step=1, steps=2)))
    )
    with pytest.raises(ServiceError, match="ended its reply without an image"):
        renderer.render(PLAN)


def test_the_verifier_client_sends_the_image_as_png_and_returns_the_report() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        assert set(body) == {"image_png_b64", "image_ref", "plan", "constraints"} and body["image_ref"] is None
        return httpx.Response(200, text=VerificationReport().model_dump_json())

    report = HttpVerifier("http://verifier:8003", transport=_transport(handler)).verify(
        Image.new("RGB", (512, 512)), PLAN, CONSTRAINTS
    )
    assert report.passed
