"""The user's own material through the Images API: base64 JSON fields and multipart files, drawn and reported as
kind "asset"; bad files are 400s that name the field, a plan drawing an asset nobody supplied a 422.

The last test runs the real gateway and a separate renderer service, each its own process, so the asset's bytes
cross real HTTP to the renderer."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tessera.agents import Settings
from tessera.agents.services import create_app
from tests.service_fixtures import Service, free_port, service_env

BRIEF = "A slide titled 'Quarterly Review' with our logo top-left"
CHART = "A slide titled 'Q3' with a bar chart of sales by region"
SALES_CSV = "region,sales\nNorth,120\nSouth,95\nEast,143\n"


def _logo() -> bytes:
    image = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    image.paste((220, 30, 60, 255), (0, 0, 300, 100))
    image.paste((255, 255, 255, 255), (20, 20, 80, 80))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app("all", settings)) as client:
        yield client


def _asset_part(body: dict) -> dict:
    return next(p for p in body["tessera"][0]["drawn"] if p["kind"] == "asset")


def test_base64_assets_and_json_data_are_drawn_and_reported(api: TestClient) -> None:
    logo = base64.b64encode(_logo()).decode()
    response = api.post(
        "/v1/images/generations",
        json={"prompt": BRIEF, "size": "1280x720", "quality": "low", "planner": "rules", "assets": {"logo": logo}},
    )
    assert response.status_code == 200, response.text
    summary = response.json()["tessera"][0]
    part = _asset_part(response.json())
    assert part["name"] == "logo" and part["id"] == "asset-logo"
    assert part["box"]["x"] < 1280 / 4 and part["box"]["y"] < 720 / 4
    assert any(c["kind"] == "asset" and c["passed"] for c in summary["report"]["checks"])
    assert summary["passed"], summary["report"]


def test_multipart_files_stand_for_the_json_fields(api: TestClient) -> None:
    response = api.post(
        "/v1/images/generations",
        data={"prompt": CHART + " and our logo top-left", "size": "1280x720", "quality": "low", "planner": "rules"},
        files={
            "asset[logo]": ("logo.png", _logo(), "image/png"),
            "data[sales]": ("sales.csv", SALES_CSV.encode(), "text/csv"),
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert _asset_part(body)["name"] == "logo"
    chart = next(p for p in body["tessera"][0]["drawn"] if p["kind"] == "chart")
    assert chart["name"] == "bar"
    structure = next(c for c in body["tessera"][0]["coverage"] if "bar chart" in c["clause"])
    assert structure["status"] == "planned"


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"assets": {"logo": "%%%"}}, "assets.logo is not base64"),
        ({"assets": {"logo": base64.b64encode(b"hello").decode()}}, "assets.logo is not an image Tessera reads"),
        ({"assets": {"Logo": base64.b64encode(_logo()).decode()}}, "the name 'Logo' cannot name an asset"),
        ({"data": {"sales": "region,sales\nNorth\n"}}, "data.sales line 2: 1 cells, the header has 2"),
        ({"brand": {"colors": {"primary": "teal"}}}, "brand: colors.primary"),
    ],
)
def test_bad_material_is_a_400_that_names_the_field(api: TestClient, fields: dict, fragment: str) -> None:
    response = api.post("/v1/images/generations", json={"prompt": BRIEF, "size": "512x512", **fields})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "request_error" and fragment in error["message"]


def test_a_bad_multipart_file_name_is_a_400(api: TestClient) -> None:
    response = api.post(
        "/v1/images/generations", data={"prompt": BRIEF}, files={"logo": ("logo.png", _logo(), "image/png")}
    )
    assert response.status_code == 400 and "name files asset[NAME]" in response.json()["error"]["message"]


def test_a_plan_drawing_an_asset_nobody_supplied_is_a_422_naming_it(api: TestClient) -> None:
    plan = {
        "canvas": {"width": 256, "height": 256},
        "background": {"kind": "solid", "color": "#FFFFFF"},
        "root": {"id": "root", "kind": "frame", "children": [
            {"kind": "asset", "id": "asset-logo", "name": "logo", "box": {"x": 0, "y": 0, "w": 64, "h": 64}},
        ]},
    }  # fmt: skip
    response = api.post("/v1/images/generations", json={"prompt": BRIEF, "plan": plan})
    assert response.status_code == 422, response.text
    assert "draws the asset 'logo'" in response.json()["error"]["message"]


@pytest.mark.slow
def test_the_asset_crosses_real_http_to_a_separate_renderer(tmp_path: Path) -> None:
    renderer = Service("renderer", free_port(), service_env(tmp_path / "renderer-home"), tmp_path / "renderer.log")
    gateway = Service(
        "gateway",
        free_port(),
        service_env(tmp_path / "gateway-home", renderer_url=renderer.url),
        tmp_path / "gateway.log",
    )
    try:
        renderer.start()
        gateway.start()
        response = httpx.post(
            f"{gateway.url}/v1/images/generations",
            data={"prompt": BRIEF, "size": "1280x720", "quality": "low", "planner": "rules"},
            files={"asset[logo]": ("logo.png", _logo(), "image/png")},
            timeout=300,
        )
        assert response.status_code == 200, response.text + gateway.log()
        part = _asset_part(response.json())
        assert part["name"] == "logo" and part["box"]["x"] < 320 and part["box"]["y"] < 180
        image = Image.open(io.BytesIO(base64.b64decode(response.json()["data"][0]["b64_json"]))).convert("RGB")
        box = part["box"]
        red = sum(
            1
            for x in range(box["x"], box["x"] + box["w"], 4)
            for y in range(box["y"], box["y"] + box["h"], 4)
            if image.getpixel((x, y))[0] > 180 and image.getpixel((x, y))[1] < 90
        )
        assert red > 20  # the logo's red reached the pixels the renderer service drew
    finally:
        gateway.stop()
        renderer.stop()
