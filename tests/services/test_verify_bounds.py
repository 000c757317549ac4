"""The verifier's input bounds: an image of another size than the plan's canvas, or over the pixel budget, is refused
from its header before its pixels are decoded, in the verifier role, the single-process `all` role and the embedded
verifier; and every role reads bodies up to the same limit.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import struct
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tessera.agents import Settings
from tessera.agents._artifacts import ArtifactStore
from tessera.agents.services import create_app
from tessera.agents.services._app import Role
from tessera.agents.settings import ServiceSettings
from tessera.agents.wire import encode_png, max_body_bytes
from tessera.contract import Canvas, RequestError
from tessera.planner import RulePlanner, extract_constraints
from tessera.verifier import RenderVerifier
from tests.service_fixtures import Service, free_port, service_env

CONSTRAINTS = extract_constraints("A poster with the headline 'HELLO THERE'")
PLAN = RulePlanner().plan(CONSTRAINTS, Canvas(width=512, height=512)).plan
BOMB_EDGE = 13_000
MiB = 1024 * 1024

# Pillow warns when it opens the bomb's header; the point of these tests is that nothing more happens.
pytestmark = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


def _bomb_png(edge: int) -> bytes:
    """A black 1-bit PNG of edge x edge pixels, a few tens of KB: 169 Mpx (half a GB as RGB) once decoded."""
    row = b"\x00" * (1 + (edge + 7) // 8)  # filter byte, then the row's bits
    squeeze = zlib.compressobj(9)
    pixels = b"".join(squeeze.compress(row) for _ in range(edge)) + squeeze.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", edge, edge, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


BOMB = _bomb_png(BOMB_EDGE)


def _verify_body(image_png_b64: str) -> dict:
    return {
        "image_png_b64": image_png_b64,
        "plan": json.loads(PLAN.model_dump_json()),
        "constraints": json.loads(CONSTRAINTS.model_dump_json()),
    }


def _peak_rss_growth_mib(pid: int, act) -> tuple[float, object]:
    """How far `act()` pushed process `pid`'s peak resident memory above what it held before, and what act returned."""
    status = Path(f"/proc/{pid}/status")

    def kib(field: str) -> int:
        return int(re.search(rf"{field}:\s+(\d+) kB", status.read_text()).group(1))

    Path(f"/proc/{pid}/clear_refs").write_text("5")  # the peak starts again from what the process holds now
    before = kib("VmRSS")
    result = act()
    return (kib("VmHWM") - before) / 1024, result


def test_the_bomb_is_small_and_claims_169_megapixels() -> None:
    assert len(BOMB) < 64 * 1024
    with Image.open(io.BytesIO(BOMB)) as header:
        assert header.size == (BOMB_EDGE, BOMB_EDGE)


def test_the_embedded_verifier_refuses_an_image_of_another_size_naming_both() -> None:
    with pytest.raises(RequestError, match="the image is 256x256 but the plan's canvas is 512x512"):
        RenderVerifier().verify(Image.new("RGB", (256, 256), "white"), PLAN, CONSTRAINTS)


@pytest.fixture(scope="module")
def verifier_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, ArtifactStore]]:
    folder = tmp_path_factory.mktemp("artifacts")
    settings = Settings(home=tmp_path_factory.mktemp("home"), services=ServiceSettings(artifact_dir=folder))
    with TestClient(create_app("verifier", settings)) as client:
        yield client, ArtifactStore(folder)


def test_a_verify_of_another_size_than_the_canvas_is_a_400_naming_both(verifier_app) -> None:
    client, _ = verifier_app
    response = client.post("/v1/verify", json=_verify_body(encode_png(Image.new("RGB", (512, 256), "white"))))
    assert response.status_code == 400
    assert "image_png_b64 is 512x256 but the plan's canvas is 512x512" in response.json()["error"]["message"]


def test_a_bomb_in_base64_is_a_413_before_it_is_decoded(verifier_app) -> None:
    client, _ = verifier_app
    growth, response = _peak_rss_growth_mib(
        os.getpid(), lambda: client.post("/v1/verify", json=_verify_body(base64.b64encode(BOMB).decode()))
    )
    assert response.status_code == 413 and response.json()["error"]["type"] == "too_large"
    assert "13000x13000, over the pixel budget" in response.json()["error"]["message"]
    assert growth < 16, f"the refused bomb moved peak memory by {growth:.0f} MiB"


def test_a_bomb_by_reference_is_a_413_before_it_is_decoded(verifier_app) -> None:
    client, store = verifier_app
    ref = store.put_png(Image.new("RGB", (64, 64)))
    (store.root / ref.key).write_bytes(BOMB)
    claimed = ref.model_copy(update={"sha256": hashlib.sha256(BOMB).hexdigest()})
    body = {**_verify_body(""), "image_png_b64": None, "image_ref": claimed.model_dump()}
    response = client.post("/v1/verify", json=body)
    assert response.status_code == 413 and f"image_ref {ref.key} is 13000x13000" in response.json()["error"]["message"]


@pytest.fixture(scope="module")
def part_and_all(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Service]]:
    """A verifier service and a single-process (`all`) service, each its own process."""
    work = tmp_path_factory.mktemp("bounds")
    services = {
        role: Service(role, free_port(), service_env(work / f"{role}-home"), work / f"{role}.log")
        for role in ("verifier", "all")
    }
    try:
        with ThreadPoolExecutor() as pool:
            list(pool.map(Service.start, services.values()))
        yield services
    finally:
        for service in services.values():
            service.stop()


@pytest.mark.slow
@pytest.mark.parametrize("role", ["verifier", "all"])
def test_a_served_bomb_is_refused_within_a_second_without_moving_memory(
    part_and_all: dict[str, Service], role: str
) -> None:
    service = part_and_all[role]
    body = json.dumps(_verify_body(base64.b64encode(BOMB).decode()))
    with httpx.Client(base_url=service.url, timeout=30) as client:
        client.post("/v1/verify", content=body, headers={"content-type": "application/json"})  # warm the route
        started = time.monotonic()
        growth, response = _peak_rss_growth_mib(
            service.process.pid,
            lambda: client.post("/v1/verify", content=body, headers={"content-type": "application/json"}),
        )
        seconds = time.monotonic() - started
    assert response.status_code == 413, response.text
    assert seconds < 1.0 and growth < 16, f"{seconds:.2f} s, peak memory moved {growth:.0f} MiB"


@pytest.mark.slow
@pytest.mark.parametrize("role", ["verifier", "all"])
def test_a_served_image_of_another_size_is_a_400(part_and_all: dict[str, Service], role: str) -> None:
    body = _verify_body(encode_png(Image.new("RGB", (640, 480), "white")))
    response = httpx.post(f"{part_and_all[role].url}/v1/verify", json=body, timeout=30)
    assert response.status_code == 400 and "is 640x480 but the plan's canvas is 512x512" in response.text


ROLES: list[Role] = ["planner", "renderer", "verifier", "gateway", "all"]


@pytest.mark.parametrize("by_reference", [True, False], ids=["artifact_dir", "base64"])
def test_every_role_reads_bodies_up_to_the_same_limit(tmp_path: Path, by_reference: bool) -> None:
    services = ServiceSettings(artifact_dir=tmp_path / "artifacts" if by_reference else None)
    limit = max_body_bytes(images_by_reference=by_reference)
    over = b"{" + b" " * limit + b"}"
    for role in ROLES:
        settings = Settings(home=tmp_path / role, services=services)
        with TestClient(create_app(role, settings)) as client:
            response = client.post("/v1/verify", content=over, headers={"content-type": "application/json"})
        assert response.status_code == 413, role
        assert f"over {limit // MiB} MiB" in response.json()["error"]["message"], role


def test_the_limit_fits_the_users_files_and_by_base64_a_3840_square_png() -> None:
    assert max_body_bytes(images_by_reference=True) == 36 * MiB
    largest_png = (1 + 4 * 3840) * 3840
    assert max_body_bytes(images_by_reference=False) > largest_png * 4 // 3 + 4 * MiB
