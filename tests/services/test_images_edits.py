"""POST /v1/images/edits through the official `openai` client: a Tessera image is edited by instruction into a new,
linked, verified run; any other image only under a mask, by the generative layer; everything else is a clear 4xx.

The edits that make runs talk to one real `tessera serve --role all` process (two API keys, a tiny random aMUSEd
as its generative layer) over real HTTP, and read the edited image back with tesseract. The refusals, which make no
run, talk to an in-process gateway without a generator through the same client.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import openai
import pytest
from fastapi.testclient import TestClient
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tessera.agents import Settings
from tessera.agents._provenance import ATTEMPT_KEY, RUN_ID_KEY
from tessera.agents.services import create_app
from tessera.verifier import TesseractOcr
from tests.generative_models import amused_folder  # noqa: F401  (fixture)
from tests.service_fixtures import Service, free_port, service_env

KEY_A = "key-a-0123456789abcdef0123456789"
KEY_B = "key-b-fedcba9876543210fedcba9876"
BRIEF = "A poster with the headline 'TEAM ALPHA'"
INSTRUCTION = "change 'TEAM ALPHA' to 'TEAM OMEGA'"


def _png(image: Image.Image, pnginfo: PngInfo | None = None) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=pnginfo)
    return buffer.getvalue()


def _decoded(b64_json: str | None) -> Image.Image:
    assert b64_json is not None
    return Image.open(io.BytesIO(base64.b64decode(b64_json)))


def _extra(response: Any) -> dict[str, Any]:
    """Tessera's fields of an Images API reply (`tessera`, `edit`), which the openai client keeps as extras."""
    return response.model_extra


def _photo() -> Image.Image:
    """A stand-in for someone else's picture: a gradient no Tessera run drew."""
    ramp = np.linspace(0, 255, 320, dtype=np.uint8)
    pixels = np.stack([np.tile(ramp, (200, 1)), np.full((200, 320), 90, np.uint8), np.tile(ramp[::-1], (200, 1))], 2)
    return Image.fromarray(pixels, "RGB")


def _mask(size: tuple[int, int], hole: tuple[int, int, int, int] | None) -> bytes:
    """OpenAI's mask: opaque everywhere but `hole` (alpha 0: regenerate there)."""
    mask = Image.new("RGBA", size, (0, 0, 0, 255))
    if hole is not None:
        mask.paste((0, 0, 0, 0), hole)
    return _png(mask)


def _forged(real: bytes) -> bytes:
    """Other pixels carrying the real image's Tessera metadata: what anyone can make."""
    with Image.open(io.BytesIO(real)) as image:
        info = PngInfo()
        for key in (RUN_ID_KEY, ATTEMPT_KEY):
            info.add_text(key, image.info[key])
        other = Image.new(image.mode, image.size, "white")
    return _png(other, info)


def _error(raised: pytest.ExceptionInfo[openai.APIStatusError]) -> dict[str, Any]:
    return raised.value.response.json()["error"]


# ---- one real server: two keys, a tiny generator ---------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, amused_folder: Path) -> Iterator[Service]:  # noqa: F811
    root = tmp_path_factory.mktemp("edits")
    env = service_env(
        root / "home",
        api_keys=f"{KEY_A},{KEY_B}",
        generator="amused",
        generator_model=str(amused_folder),
        generator_steps="2",
    )
    service = Service("all", free_port(), env, root / "server.log").start(ready_timeout_s=120)
    try:
        yield service
    finally:
        service.stop()


def _client(server: Service, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{server.url}/v1", api_key=key, max_retries=0, timeout=300)


@pytest.fixture(scope="module")
def poster(server: Service) -> tuple[str, bytes]:
    """Key A's poster: its run id and the PNG the API returned."""
    response = _client(server, KEY_A).images.generate(prompt=BRIEF, size="768x512", quality="low")
    return _extra(response)["tessera"][0]["run_id"], base64.b64decode(response.data[0].b64_json or "")


def _runs(server: Service, key: str) -> list[str]:
    response = httpx.get(f"{server.url}/v1/runs", params={"limit": 500}, headers={"authorization": f"Bearer {key}"})
    return [run["run_id"] for run in response.json()]


@pytest.mark.slow
def test_every_png_tessera_returns_names_its_run(poster: tuple[str, bytes]) -> None:
    run_id, png = poster
    with Image.open(io.BytesIO(png)) as image:
        assert image.info[RUN_ID_KEY] == run_id and image.info[ATTEMPT_KEY].isdigit()


@pytest.mark.slow
def test_a_tessera_image_is_edited_by_instruction_into_a_linked_verified_run(
    server: Service, poster: tuple[str, bytes]
) -> None:
    parent, png = poster
    response = _client(server, KEY_A).images.edit(image=("poster.png", png, "image/png"), prompt=INSTRUCTION)
    extra = _extra(response)
    assert extra["edit"]["mode"] == "instruction" and extra["edit"]["parent_run_id"] == parent
    child = extra["tessera"][0]
    assert child["run_id"] != parent and child["passed"], child["summary"]
    record = httpx.get(child["run_url"], headers={"authorization": f"Bearer {KEY_A}"}).json()["run"]
    assert record["parent_run_id"] == parent and record["instruction"] == INSTRUCTION
    edited = _decoded(response.data[0].b64_json)
    assert edited.info[RUN_ID_KEY] == child["run_id"]  # the edit's image names its own run, so it can be edited on
    headline = next(part for part in child["drawn"] if part["text"] and "OMEGA" in part["text"])
    box = headline["box"]
    crop = edited.convert("RGB").crop((box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"]))
    read = " ".join(TesseractOcr().read(crop, script="latin", single_line=False).text.split())  # it may wrap
    assert "OMEGA" in read.upper() and "ALPHA" not in read.upper(), read


@pytest.mark.slow
def test_an_instruction_that_cannot_be_applied_is_a_422_and_makes_no_run(
    server: Service, poster: tuple[str, bytes]
) -> None:
    before = _runs(server, KEY_A)
    with pytest.raises(openai.UnprocessableEntityError) as raised:
        _client(server, KEY_A).images.edit(image=("poster.png", poster[1], "image/png"), prompt="make it sing")
    error = _error(raised)
    assert error["type"] == "edit_error" and "make it sing" in error["message"]
    assert _runs(server, KEY_A) == before


@pytest.mark.slow
def test_a_forged_image_is_not_taken_for_tesseras(server: Service, poster: tuple[str, bytes]) -> None:
    before = _runs(server, KEY_A)
    with pytest.raises(openai.BadRequestError) as raised:
        _client(server, KEY_A).images.edit(image=("forged.png", _forged(poster[1]), "image/png"), prompt=INSTRUCTION)
    message = _error(raised)["message"]
    assert f"names run {poster[0]}, but its pixels differ" in message and "send a `mask`" in message
    assert _runs(server, KEY_A) == before  # no run was made


@pytest.mark.slow
def test_another_keys_image_is_not_an_image_of_yours(server: Service, poster: tuple[str, bytes]) -> None:
    before = _runs(server, KEY_B)
    with pytest.raises(openai.BadRequestError) as raised:
        _client(server, KEY_B).images.edit(image=("theirs.png", poster[1], "image/png"), prompt=INSTRUCTION)
    assert "which is not an image of yours" in _error(raised)["message"]
    assert _runs(server, KEY_B) == before


@pytest.mark.slow
def test_a_foreign_image_is_inpainted_under_its_mask_by_the_generator(server: Service) -> None:
    photo, hole = _photo(), (100, 60, 180, 140)
    response = _client(server, KEY_A).images.edit(
        image=("photo.png", _png(photo), "image/png"),
        mask=("mask.png", _mask(photo.size, hole), "image/png"),
        prompt="a red balloon",
        n=2,
    )
    edit = _extra(response)["edit"]
    assert edit["mode"] == "inpaint" and edit["generator"].startswith("amused:") and edit["region"] == list(hole)
    assert "nothing was planned or verified" in edit["message"] and _extra(response)["tessera"] == []
    assert "/tmp" not in edit["generator"]  # the server's weights folder stays the server's
    original = np.asarray(photo, dtype=np.int16)
    results = [np.asarray(_decoded(image.b64_json).convert("RGB"), dtype=np.int16) for image in response.data]
    assert len(results) == 2
    for result in results:
        changed = np.argwhere((result != original).any(axis=2))
        assert changed.size and changed.min(axis=0).tolist() >= [60, 100] and changed.max(axis=0).tolist() < [140, 180]
    assert (results[0] != results[1]).any()  # each image is its own seed


@pytest.mark.slow
def test_an_opaque_mask_changes_nothing_and_says_so(server: Service) -> None:
    photo = _photo()
    mask = ("m.png", _mask(photo.size, None), "image/png")
    assert "no fully transparent pixel" in _refused(
        _client(server, KEY_A), 400, image=("a.png", _png(photo), "image/png"), mask=mask
    )


# ---- refusals: an in-process gateway without a generator, through the same client ------------------------------


@pytest.fixture(scope="module")
def local_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(home=tmp_path_factory.mktemp("edits-local") / "home", services={"gateway_id": "test"})
    with TestClient(create_app("all", settings), base_url="http://gateway") as api:
        yield api


def _openai(api: TestClient) -> openai.OpenAI:
    """The openai client, talking to an in-process app (a TestClient is an httpx client)."""
    return openai.OpenAI(base_url="http://gateway/v1", api_key="unused", http_client=api, max_retries=0)


@pytest.fixture(scope="module")
def local(local_api: TestClient) -> openai.OpenAI:
    return _openai(local_api)


@pytest.fixture(scope="module")
def local_png(local: openai.OpenAI) -> bytes:
    response = local.images.generate(prompt=BRIEF, size="256x256", quality="low")
    return base64.b64decode(response.data[0].b64_json or "")


def _refused(client: openai.OpenAI, status: int, **fields: Any) -> str:
    with pytest.raises(openai.APIStatusError) as raised:
        client.images.edit(**{"prompt": "a red balloon", **fields})
    assert raised.value.status_code == status, raised.value.response.text
    return _error(raised)["message"]


def test_a_foreign_image_with_a_mask_needs_the_generative_layer(local: openai.OpenAI) -> None:
    photo = _photo()
    message = _refused(
        local,
        400,
        image=("p.png", _png(photo), "image/png"),
        mask=("m.png", _mask(photo.size, (0, 0, 9, 9)), "image/png"),
    )
    assert (
        "no Tessera run id" in message
        and "TESSERA_GENERATOR=amused" in message
        and "TESSERA_GENERATOR_MODEL" in message
    )


def test_a_foreign_image_without_a_mask_is_a_400_that_explains(local: openai.OpenAI) -> None:
    message = _refused(local, 400, image=("p.png", _png(_photo()), "image/png"))
    assert "Only Tessera's own images" in message and "send a `mask`" in message


@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"image": ("a.gif", b"GIF89a" + bytes(64), "image/gif")}, 400, "not a PNG, WebP or JPEG"),
        ({"image": ("wide.png", _png(Image.new("L", (3841, 1))), "image/png")}, 413, "at most 3840 px a side"),
        (
            {"image": ("a.png", _png(_photo()), "image/png"), "mask": ("m.png", _mask((32, 32), None), "image/png")},
            400,
            "the mask is 32x32 but the image is 320x200",
        ),
        (
            {
                "image": ("a.png", _png(_photo()), "image/png"),
                "mask": ("m.png", bytes(4 * 1024 * 1024 + 1), "image/png"),
            },
            413,
            "mask is over 4 MiB",
        ),
        (
            {"image": ("a.png", _png(_photo()), "image/png"), "mask": ("m.png", _png(_photo()), "image/png")},
            400,
            "no alpha channel",
        ),
        (
            {"image": [("a.png", _png(_photo()), "image/png"), ("b.png", _png(_photo()), "image/png")]},
            400,
            "exactly one image",
        ),
        ({"image": ("a.png", _png(_photo()), "image/png"), "prompt": "a red\x00balloon"}, 400, "NUL"),
    ],
    ids=["gif", "too-wide", "mask-size", "mask-bytes", "mask-without-alpha", "two-images", "nul-prompt"],
)
def test_limits_are_clear_4xx_before_anything_is_drawn(
    local: openai.OpenAI, fields: dict[str, Any], status: int, words: str
) -> None:
    assert words in _refused(local, status, **fields)


def test_an_edit_by_instruction_makes_one_image_and_keeps_size_and_background(
    local: openai.OpenAI, local_png: bytes
) -> None:
    image = ("poster.png", local_png, "image/png")
    assert "makes one image; send n=1" in _refused(local, 400, image=image, n=2)
    assert "keeps the image's size" in _refused(local, 400, image=image, size="512x512")
    assert "keeps the image's background" in _refused(local, 400, image=image, background="transparent")


def _resaved(png: bytes, change_a_pixel: bool) -> bytes:
    """The PNG saved again with other compression and its text chunks kept; one pixel changed if asked."""
    with Image.open(io.BytesIO(png)) as image:
        info = PngInfo()
        for key in (RUN_ID_KEY, ATTEMPT_KEY):
            info.add_text(key, image.info[key])
        copy = image.copy()
    if change_a_pixel:
        copy.putpixel((0, 0), tuple(255 - v for v in copy.getpixel((0, 0))))
    buffer = io.BytesIO()
    copy.save(buffer, format="PNG", pnginfo=info, compress_level=9)
    return buffer.getvalue()


def test_the_same_pixels_saved_again_are_still_recognised_and_one_changed_pixel_is_not(
    local: openai.OpenAI, local_png: bytes
) -> None:
    resaved = _resaved(local_png, change_a_pixel=False)
    assert resaved != local_png
    response = local.images.edit(image=("poster.png", resaved, "image/png"), prompt=INSTRUCTION)
    with Image.open(io.BytesIO(local_png)) as original:
        assert _extra(response)["edit"]["parent_run_id"] == original.info[RUN_ID_KEY]
    changed = _resaved(local_png, change_a_pixel=True)
    assert "its pixels differ" in _refused(local, 400, image=("poster.png", changed, "image/png"))


def test_the_openapi_document_describes_the_multipart_edit(local_api: TestClient) -> None:
    document = local_api.get("/openapi.json").json()
    operation = document["paths"]["/v1/images/edits"]["post"]
    form = operation["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    fields = document["components"]["schemas"][form]["properties"]
    assert {"image", "image[]", "mask", "prompt", "n", "size", "response_format", "output_format"} <= set(fields)
    reply = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "edit" in document["components"]["schemas"][reply]["properties"]
