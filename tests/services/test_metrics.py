"""GET /metrics on a real gateway process: Prometheus' text format, with runs, stage durations, refusals and HTTP
requests by route template."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tessera.agents import Settings
from tessera.agents.services import create_app
from tests.service_fixtures import Service, free_port, service_env

pytestmark = pytest.mark.slow

BODY = {"prompt": "A label reading 'METRICS'", "size": "256x256", "quality": "low", "planner": "rules"}
RATE_LIMIT = 3


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """`tessera serve --role all` with a rate limit small enough to reach."""
    root = tmp_path_factory.mktemp("metrics")
    env = service_env(root / "home", rate_limit_per_minute=str(RATE_LIMIT))
    service = Service("all", free_port(), env, root / "gateway.log").start()
    yield service
    service.stop()


def _samples(gateway: Service) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample /metrics shows, by name and labels, parsed with prometheus_client's own parser."""
    response = httpx.get(f"{gateway.url}/metrics", timeout=30)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def _value(samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def _generate(gateway: Service, n: int = 1) -> httpx.Response:
    return httpx.post(f"{gateway.url}/v1/images/generations", json={**BODY, "n": n}, timeout=120)


def test_a_finished_run_shows_as_done_with_each_of_its_steps_timed(gateway: Service) -> None:
    before = _samples(gateway)
    response = _generate(gateway)
    assert response.status_code == 200, response.text
    after = _samples(gateway)
    ended = "tessera_runs_ended_total"
    assert _value(after, ended, status="done") == _value(before, ended, status="done") + 1
    for node in ("understand", "plan", "render", "verify"):
        count = "tessera_stage_seconds_count"
        assert _value(after, count, node=node) == _value(before, count, node=node) + 1
        assert _value(after, "tessera_stage_seconds_bucket", node=node, le="+Inf") >= 1
    assert _value(after, "tessera_runs_active", status="running") == 0
    assert _value(after, "tessera_queue_depth") == 0


def test_requests_are_counted_by_route_template_not_by_raw_path(gateway: Service) -> None:
    run_id = _generate(gateway).headers["x-tessera-run-id"]
    assert httpx.get(f"{gateway.url}/v1/runs/{run_id}", timeout=30).status_code == 200
    assert httpx.get(f"{gateway.url}/v1/runs/no-such-run", timeout=30).status_code == 404
    samples = _samples(gateway)
    requests = "tessera_http_requests_total"
    assert _value(samples, requests, method="GET", route="/v1/runs/{run_id}", status="200") >= 1
    assert _value(samples, requests, method="GET", route="/v1/runs/{run_id}", status="404") >= 1
    assert not any(run_id in str(labels) for _, labels in samples)


def test_a_request_over_the_rate_limit_is_a_429_with_retry_after_and_counted(gateway: Service) -> None:
    before = _value(_samples(gateway), "tessera_rejects_total", reason="rate_limited")
    replies = [_generate(gateway, n=RATE_LIMIT) for _ in range(2)]  # all within one minute: the second is over
    assert replies[0].status_code in (200, 429)  # earlier tests of this module spent some of the minute
    refused = replies[1]
    assert refused.status_code == 429, refused.text
    assert int(refused.headers["retry-after"]) >= 1
    error = refused.json()["error"]
    assert error["type"] == "rate_limited" and "TESSERA_RATE_LIMIT_PER_MINUTE" in error["message"]
    after = _samples(gateway)
    assert _value(after, "tessera_rejects_total", reason="rate_limited") >= before + 1
    assert _value(after, "tessera_http_requests_total", method="POST", route="/v1/images/generations", status="429")


def test_metrics_want_the_same_key_as_every_other_route_when_keys_are_set(tmp_path: Path) -> None:
    key = "k" * 32
    settings = Settings(home=tmp_path / "home", services={"api_keys": key})
    with TestClient(create_app("all", settings)) as api:
        assert api.get("/metrics").status_code == 401
        answered = api.get("/metrics", headers={"Authorization": f"Bearer {key}"})
    assert answered.status_code == 200
    # The refusal came from the authentication middleware, before any route: it is counted all the same.
    refused = [
        sample
        for family in text_string_to_metric_families(answered.text)
        for sample in family.samples
        if sample.name == "tessera_http_requests_total" and sample.labels["status"] == "401"
    ]
    assert sum(sample.value for sample in refused) == 1
    assert any(f.name == "tessera_queue_depth" for f in text_string_to_metric_families(answered.text))
