"""Load against a real gateway with a small queue bound: every reply is an image or a 429 with Retry-After, every
image's run is recorded done, no refused request leaves a run behind, and /metrics counts each refusal.

The suite's small version of bench/bench_load.py (which drives separate part services with more clients)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.service_fixtures import Service, free_port, service_env

pytestmark = pytest.mark.slow

BODY = {"prompt": "A label reading 'UNDER LOAD'", "size": "512x512", "quality": "low", "planner": "rules"}
MAX_QUEUE = 4
WORKERS = 2


@dataclass(frozen=True)
class Reply:
    status: int
    run_ids: list[str]
    retry_after: str | None
    error: dict[str, str] | None


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("load")
    env = service_env(root / "home", max_queue=str(MAX_QUEUE), gateway_workers=str(WORKERS), rate_limit_per_minute="0")
    service = Service("all", free_port(), env, root / "gateway.log").start()
    yield service
    service.stop()


def _generate(client: httpx.Client, url: str) -> Reply:
    response = client.post(f"{url}/v1/images/generations", json=BODY, timeout=120)
    run_ids = response.headers.get("x-tessera-run-id", "")
    error = response.json()["error"] if response.status_code != 200 else None
    retry_after = response.headers.get("retry-after")
    return Reply(response.status_code, run_ids.split(",") if run_ids else [], retry_after, error)


def _clients(url: str, clients: int, requests: int, *, together: bool) -> list[Reply]:
    """`requests` generations from `clients` threads; `together`: every client sends at the same moment."""
    start = threading.Barrier(clients) if together else None

    def one(_: int) -> Reply:
        if start is not None:
            start.wait()
        with httpx.Client() as client:
            return _generate(client, url)

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one, range(requests)))


def _metric(url: str, name: str, **labels: str) -> float:
    text = httpx.get(f"{url}/metrics", timeout=30).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return 0.0


def test_under_load_every_reply_is_an_image_or_a_429_and_every_image_is_a_recorded_run(gateway: Service) -> None:
    steady = _clients(gateway.url, clients=8, requests=24, together=False)
    burst = _clients(gateway.url, clients=16, requests=16, together=True)
    replies = steady + burst
    assert {r.status for r in replies} <= {200, 429}, [r.error for r in replies if r.status not in (200, 429)]
    refused = [r for r in replies if r.status == 429]
    assert any(r.status == 429 for r in burst), "16 at once should pass a queue of 4 behind 2 workers"
    for reply in refused:
        assert reply.retry_after is not None and int(reply.retry_after) >= 1
        assert reply.error is not None and reply.error["type"] == "rate_limited"
        assert "TESSERA_MAX_QUEUE=4" in reply.error["message"] and not reply.run_ids
    made = [run_id for r in replies if r.status == 200 for run_id in r.run_ids]
    assert len(made) == len(replies) - len(refused)
    for run_id in made:
        record = httpx.get(f"{gateway.url}/v1/runs/{run_id}", timeout=30).json()["run"]
        assert record["status"] == "done", record
    listed = httpx.get(f"{gateway.url}/v1/runs", params={"limit": 500}, timeout=30).json()
    assert sorted(r["run_id"] for r in listed) == sorted(made)  # a refused request left no run behind
    assert _metric(gateway.url, "tessera_rejects_total", reason="queue_full") == len(refused)
    assert _metric(gateway.url, "tessera_runs_ended_total", status="done") == len(made)
    assert _metric(gateway.url, "tessera_queue_depth") == 0
