"""The planner, renderer and verifier apps in-process: typed JSON in and out, the same results as the embedded calls."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tessera.agents import Settings
from tessera.agents.services import create_app
from tessera.agents.services._common import BodyLimit, install_error_handlers
from tessera.agents.wire import decode_png, encode_png
from tessera.contract import Canvas, PlanResult, VerificationReport
from tessera.planner import RulePlanner, extract_constraints
from tessera.renderer import PlanRenderer

CONSTRAINTS = extract_constraints("A poster with the headline 'HELLO THERE' and exactly 3 stars")
CANVAS = Canvas(width=512, height=512)
PLAN = RulePlanner().plan(CONSTRAINTS, CANVAS).plan


@pytest.fixture
def client(request: pytest.FixtureRequest, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(request.param, settings)) as test_client:
        yield test_client


@pytest.mark.parametrize("client", ["planner"], indirect=True)
def test_the_planner_service_plans_like_the_embedded_rules_planner(client: TestClient) -> None:
    body = {
        "constraints": json.loads(CONSTRAINTS.model_dump_json()),
        "canvas": {"width": 512, "height": 512},
        "planner": "rules",
    }
    result = PlanResult.model_validate(client.post("/v1/plan", json=body).json())
    assert result.plan == PLAN


@pytest.mark.parametrize("client", ["planner"], indirect=True)
def test_an_llm_the_planner_service_does_not_have_is_a_400_naming_the_setting(client: TestClient) -> None:
    body = {
        "constraints": json.loads(CONSTRAINTS.model_dump_json()),
        "canvas": {"width": 512, "height": 512},
        "planner": "llm",
    }
    response = client.post("/v1/plan", json=body)
    assert response.status_code == 400 and response.json()["error"]["type"] == "request_error"
    assert "TESSERA_LLM_BASE_URL" in response.json()["error"]["message"]


@pytest.mark.parametrize("client", ["renderer"], indirect=True)
def test_the_renderer_service_streams_the_same_pixels_as_the_embedded_renderer(client: TestClient) -> None:
    response = client.post("/v1/render", json={"plan": json.loads(PLAN.model_dump_json())})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    result = lines[-1]["result"]
    expected = PlanRenderer().render(PLAN).image
    assert decode_png(result["image_png_b64"]).tobytes() == expected.tobytes()
    assert [item["element_id"] for item in result["manifest"]["items"]] == [e.id for e in PLAN.elements]


@pytest.mark.parametrize("client", ["renderer"], indirect=True)
def test_an_invalid_plan_is_a_400_that_names_the_field(client: TestClient) -> None:
    plan = json.loads(PLAN.model_dump_json())
    plan["canvas"]["width"] = 40
    response = client.post("/v1/render", json={"plan": plan})
    assert response.status_code == 400
    assert (
        response.json()["error"]["param"] == "plan.canvas.width"
        and "greater than or equal to 64" in response.json()["error"]["message"]
    )


@pytest.mark.parametrize("client", ["verifier"], indirect=True)
def test_the_verifier_service_reports_like_the_embedded_verifier(client: TestClient) -> None:
    image = PlanRenderer().render(PLAN).image
    body = {
        "image_png_b64": encode_png(image),
        "plan": json.loads(PLAN.model_dump_json()),
        "constraints": json.loads(CONSTRAINTS.model_dump_json()),
    }
    report = VerificationReport.model_validate(client.post("/v1/verify", json=body).json())
    assert report.passed and len(report.checks) == len(CONSTRAINTS.items)


@pytest.mark.parametrize("client", ["verifier"], indirect=True)
def test_an_image_that_is_not_an_image_is_a_400(client: TestClient) -> None:
    body = {
        "image_png_b64": "bm90IGFuIGltYWdl",
        "plan": json.loads(PLAN.model_dump_json()),
        "constraints": json.loads(CONSTRAINTS.model_dump_json()),
    }
    response = client.post("/v1/verify", json=body)
    assert response.status_code == 400 and "image_png_b64 is not a PNG image" in response.json()["error"]["message"]


@pytest.mark.parametrize("client", ["planner", "renderer", "verifier"], indirect=True)
def test_every_part_answers_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and set(ready.json()["checks"].values()) == {"ok"}


def test_a_verifier_without_language_data_is_not_ready(settings: Settings, tmp_path) -> None:
    with TestClient(create_app("verifier", settings.model_copy(update={"tessdata": tmp_path}))) as client:
        ready = client.get("/readyz")
    assert ready.status_code == 503 and "tesseract-ocr-eng" in ready.json()["checks"]["tessdata"]


def _echo_app(limit: int) -> FastAPI:
    app = FastAPI()

    @app.post("/echo")
    async def echo(body: dict) -> dict:
        return {"keys": len(body)}

    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=limit)
    return app


def test_bodies_over_the_limit_get_413_with_or_without_a_content_length() -> None:
    with TestClient(_echo_app(1024)) as client:
        assert client.post("/echo", json={"a": "x" * 100}).status_code == 200
        declared = client.post("/echo", json={"a": "x" * 5000})
        assert declared.status_code == 413 and declared.json()["error"]["type"] == "too_large"
        assert "send a smaller body" in declared.json()["error"]["message"]
        chunked = client.post(
            "/echo", content=iter([b'{"a": "', b"x" * 5000, b'"}']), headers={"content-type": "application/json"}
        )
        assert chunked.status_code == 413
