"""The Images API's `background`: transparent images come back with alpha (PNG and WebP); JPEG cannot carry it."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tessera.agents import Settings
from tessera.agents.services import create_app

BRIEF = "A sticker with the headline 'FRESH BREAD' and exactly 2 apples"


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app("all", settings)) as client:
        yield client


def _generate(api: TestClient, **fields: object) -> dict:
    body = {"prompt": BRIEF, "size": "512x512", "quality": "low", "background": "transparent", **fields}
    response = api.post("/v1/images/generations", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _alpha(b64: str) -> np.ndarray:
    with Image.open(io.BytesIO(base64.b64decode(b64))) as image:
        assert image.mode == "RGBA"
        return np.asarray(image.getchannel("A"))


@pytest.mark.parametrize("output_format", ["png", "webp"])
def test_a_transparent_image_comes_back_with_alpha_and_passes(api: TestClient, output_format: str) -> None:
    body = _generate(api, output_format=output_format)
    alpha = _alpha(body["data"][0]["b64_json"])
    assert alpha.min() == 0 and alpha.max() == 255  # clear ground, opaque parts
    assert body["background"] == "transparent" and body["output_format"] == output_format
    assert body["tessera"][0]["passed"], body["tessera"][0]["summary"]


def test_an_opaque_request_answers_opaque(api: TestClient) -> None:
    body = _generate(api, background="opaque")
    assert body["background"] == "opaque"
    with Image.open(io.BytesIO(base64.b64decode(body["data"][0]["b64_json"]))) as image:
        assert image.mode == "RGB"


def test_transparent_jpeg_is_a_400_saying_to_use_png_or_webp(api: TestClient) -> None:
    response = api.post(
        "/v1/images/generations", json={"prompt": BRIEF, "background": "transparent", "output_format": "jpeg"}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "request_error" and "use png or webp" in error["message"]
