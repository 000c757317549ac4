"""Images between parts by reference: with TESSERA_ARTIFACT_DIR the renderer writes the PNG it drew into the shared
store and answers a reference, the gateway reads it and hands the verifier the same blob, each checked by its
SHA-256; without it, base64 as before. Real renderer, verifier and gateway processes over loopback HTTP.
"""

from __future__ import annotations

import base64
import io
import json
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tessera.agents import Settings
from tessera.agents._artifacts import ArtifactStore, HandedImages
from tessera.agents.remote import HttpPlanner, HttpRenderer, HttpVerifier
from tessera.agents.services import create_app
from tessera.agents.settings import ServiceSettings
from tessera.agents.wire import ImageRef, RenderedImage, RenderLine, png_bytes
from tessera.contract import Canvas, PlanResult, RenderManifest, ServiceError
from tessera.planner import RulePlanner, extract_constraints
from tests.service_fixtures import Service, free_port, service_env

BRIEF = "A label with the headline 'FRESH BREAD' and exactly 2 apples"
CONSTRAINTS = extract_constraints(BRIEF)
PLAN = RulePlanner().plan(CONSTRAINTS, Canvas(width=512, height=512)).plan


@dataclass
class Deployment:
    """The processes of this module: parts with and without the shared folder, and gateways in front of them."""

    artifacts: Path
    services: dict[str, Service]

    def url(self, name: str) -> str:
        return self.services[name].url

    def blobs(self) -> list[Path]:
        return sorted((self.artifacts / "hops").iterdir())


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    work = tmp_path_factory.mktemp("hops")
    artifacts = work / "artifacts"
    shared = {"artifact_dir": str(artifacts)}

    def service(name: str, role: str, **settings: str) -> Service:
        return Service(role, free_port(), service_env(work / f"{name}-home", **settings), work / f"{name}.log")

    parts = {
        "renderer": service("renderer", "renderer", **shared),
        "verifier": service("verifier", "verifier", **shared),
        "verifier_base64": service("verifier_base64", "verifier"),
    }
    services = dict(parts)
    try:
        _start_together(parts.values())
        urls = {"renderer_url": parts["renderer"].url}
        gateways = {
            "gateway": service("gateway", "gateway", verifier_url=parts["verifier"].url, **urls, **shared),
            # Without the folder the gateway asks for base64, which a renderer with one still answers.
            "gateway_base64": service("gateway_base64", "gateway", verifier_url=parts["verifier_base64"].url, **urls),
            # Sends references to a verifier that has no folder to read them from.
            "gateway_mismatched": service(
                "gateway_mismatched", "gateway", verifier_url=parts["verifier_base64"].url, **urls, **shared
            ),
        }
        services.update(gateways)
        _start_together(gateways.values())
        yield Deployment(artifacts, services)
    finally:
        for running in services.values():
            running.stop()


def _start_together(services: Iterable[Service]) -> None:
    with ThreadPoolExecutor() as pool:
        list(pool.map(Service.start, services))


class _Recording(httpx.HTTPTransport):
    """A real transport that keeps every request body and reply body it carried."""

    def __init__(self) -> None:
        super().__init__()
        self.exchanges: list[tuple[str, bytes, bytes]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        reply = response.read()
        self.exchanges.append((request.url.path, request.read(), reply))
        framing = ("transfer-encoding", "content-length")  # the reply is handed on whole
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in framing]
        return httpx.Response(response.status_code, headers=headers, content=reply)


def _generate(url: str) -> httpx.Response:
    body = {"prompt": BRIEF, "size": "512x512", "quality": "low", "planner": "rules"}
    return httpx.post(f"{url}/v1/images/generations", json=body, timeout=120)


@pytest.mark.slow
def test_a_generation_through_the_services_by_reference_completes_and_leaves_no_blobs(deployment: Deployment) -> None:
    response = _generate(deployment.url("gateway"))
    assert response.status_code == 200, response.text
    image = Image.open(io.BytesIO(base64.b64decode(response.json()["data"][0]["b64_json"])))
    assert image.size == (512, 512) and response.json()["tessera"][0]["passed"]
    assert deployment.blobs() == []


@pytest.mark.slow
def test_the_bodies_carry_a_reference_and_the_verifier_reads_the_renderers_own_blob(deployment: Deployment) -> None:
    recording = _Recording()
    images = HandedImages(ArtifactStore(deployment.artifacts), keep=4)
    renderer = HttpRenderer(deployment.url("renderer"), transport=recording, images=images)
    verifier = HttpVerifier(deployment.url("verifier"), transport=recording, images=images)

    drawn = renderer.render(PLAN)
    report = verifier.verify(drawn.image, PLAN, CONSTRAINTS)

    assert report.passed
    (_, _, render_reply), (path, verify_body, _) = recording.exchanges
    result = RenderLine.model_validate_json(render_reply.splitlines()[-1]).result
    assert result is not None and result.image_png_b64 is None and result.image_ref is not None
    sent = json.loads(verify_body)
    assert path == "/v1/verify" and sent["image_png_b64"] is None
    assert sent["image_ref"]["key"] == result.image_ref.key  # the renderer's blob, not a second encoding
    assert len(verify_body) < len(png_bytes(drawn.image))  # the image itself cannot be in the body
    assert deployment.blobs() == []


@pytest.mark.slow
def test_a_tampered_blob_is_refused_naming_the_reference_and_its_hash(deployment: Deployment) -> None:
    store = ArtifactStore(deployment.artifacts)
    ref = store.put_png(Image.new("RGB", (512, 512), "white"))
    (store.root / ref.key).write_bytes(png_bytes(Image.new("RGB", (512, 512), "black")))
    body = {
        "image_ref": ref.model_dump(),
        "plan": json.loads(PLAN.model_dump_json()),
        "constraints": json.loads(CONSTRAINTS.model_dump_json()),
    }
    response = httpx.post(f"{deployment.url('verifier')}/v1/verify", json=body, timeout=30)
    store.delete(ref)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert f"image_ref {ref.key} does not match its hash" in message and ref.sha256 in message


@pytest.mark.slow
def test_a_key_outside_the_store_is_refused(deployment: Deployment, tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(png_bytes(Image.new("RGB", (512, 512))))
    (deployment.artifacts / "hops" / "leak.png").symlink_to(outside)
    plan = json.loads(PLAN.model_dump_json())
    constraints = json.loads(CONSTRAINTS.model_dump_json())
    ref = {"sha256": "0" * 64, "width": 512, "height": 512}
    try:
        for key, says in [("../secret.png", "without '..'"), ("hops/leak.png", "outside the artifact store")]:
            body = {"image_ref": {**ref, "key": key}, "plan": plan, "constraints": constraints}
            response = httpx.post(f"{deployment.url('verifier')}/v1/verify", json=body, timeout=30)
            assert response.status_code == 400 and says in response.json()["error"]["message"], key
    finally:
        (deployment.artifacts / "hops" / "leak.png").unlink()


@pytest.mark.slow
def test_without_the_shared_folder_the_images_go_as_base64(deployment: Deployment) -> None:
    response = _generate(deployment.url("gateway_base64"))
    assert response.status_code == 200, response.text
    assert response.json()["tessera"][0]["passed"]
    assert deployment.blobs() == []


@pytest.mark.slow
def test_a_gateway_sending_references_to_a_verifier_without_the_folder_gets_told_what_to_set(
    deployment: Deployment,
) -> None:
    response = _generate(deployment.url("gateway_mismatched"))
    assert response.status_code == 400
    assert "set TESSERA_ARTIFACT_DIR to the same shared folder" in response.json()["error"]["message"]
    assert deployment.blobs() == []


def test_a_renderer_without_the_folder_refuses_to_answer_by_reference(settings: Settings) -> None:
    with TestClient(create_app("renderer", settings)) as client:
        body = {"plan": json.loads(PLAN.model_dump_json()), "image_by_reference": True}
        response = client.post("/v1/render", json=body)
    assert response.status_code == 400 and "set TESSERA_ARTIFACT_DIR" in response.json()["error"]["message"]


def test_a_verify_body_takes_exactly_one_image(settings: Settings) -> None:
    ref = {"key": "hops/a.png", "sha256": "0" * 64, "width": 512, "height": 512}
    plan, constraints = json.loads(PLAN.model_dump_json()), json.loads(CONSTRAINTS.model_dump_json())
    with TestClient(create_app("verifier", settings)) as client:
        for images in ({}, {"image_png_b64": "AAAA", "image_ref": ref}):
            response = client.post("/v1/verify", json={**images, "plan": plan, "constraints": constraints})
            assert response.status_code == 400
            assert "exactly one of image_png_b64 and image_ref" in response.json()["error"]["message"]


def test_a_render_reply_whose_blob_does_not_match_is_a_service_error_and_the_blob_is_removed(tmp_path: Path) -> None:
    store = ArtifactStore(tmp_path / "artifacts")
    written = store.put_png(Image.new("RGB", (512, 512), "white"))
    wrong = ImageRef(key=written.key, sha256="f" * 64, width=512, height=512)
    line = RenderLine(result=RenderedImage(image_ref=wrong, manifest=RenderManifest(canvas=PLAN.canvas)))
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text=line.model_dump_json() + "\n"))
    renderer = HttpRenderer("http://renderer:8002", transport=transport, images=HandedImages(store, keep=4))
    with pytest.raises(ServiceError, match=rf"renderer service .* image_ref {written.key} does not match its hash"):
        renderer.render(PLAN)
    assert not (store.root / written.key).exists()


def test_an_unused_render_blob_is_removed_when_newer_ones_push_it_out(tmp_path: Path) -> None:
    store = ArtifactStore(tmp_path / "artifacts")
    images = HandedImages(store, keep=2)
    refs = [store.put_png(Image.new("RGB", (64, 64), (shade, 0, 0))) for shade in range(3)]
    for ref in refs:
        images.received(ref)
    assert sorted(p.name for p in (store.root / "hops").iterdir()) == sorted(Path(r.key).name for r in refs[1:])


def test_a_process_without_a_verifier_service_removes_each_blob_once_read(tmp_path: Path) -> None:
    store = ArtifactStore(tmp_path / "artifacts")
    image = HandedImages(store, keep=0).received(store.put_png(Image.new("RGB", (64, 64), "red")))
    assert image.getpixel((0, 0)) == (255, 0, 0) and list((store.root / "hops").iterdir()) == []


class _StalledRenderer:
    """Draws nothing for longer than the service may wait."""

    def render(self, plan, **_: object):
        time.sleep(1.5)
        raise AssertionError("the stream should have ended before the render did")


@pytest.mark.slow
def test_a_render_past_the_service_timeout_ends_the_stream_with_an_error_line(settings: Settings) -> None:
    slow = settings.model_copy(update={"services": ServiceSettings(service_timeout_s=0.3)})
    with TestClient(create_app("renderer", slow, renderer=_StalledRenderer())) as client:
        started = time.monotonic()
        response = client.post("/v1/render", json={"plan": json.loads(PLAN.model_dump_json())})
        seconds = time.monotonic() - started
    last = RenderLine.model_validate_json(response.text.splitlines()[-1])
    assert last.error is not None and "rendering took longer than 0.3 s" in last.error.message
    assert seconds < 1.5


def test_each_run_plans_with_its_own_choice_over_the_same_planner_client() -> None:
    seen: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, text=PlanResult(plan=PLAN, planner="rules").model_dump_json())

    shared = HttpPlanner("http://planner:8001", transport=httpx.MockTransport(handler))
    shared.for_run("rules", "low").plan(CONSTRAINTS, PLAN.canvas)
    shared.for_run("llm", "high").plan(CONSTRAINTS, PLAN.canvas)
    assert [(body["planner"], body["effort"]) for body in seen] == [("rules", "low"), ("llm", "high")]
    assert (shared.choice, shared.effort) == ("auto", "medium")
