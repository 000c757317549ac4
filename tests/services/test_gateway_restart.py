"""No run lost when the gateway or its database goes away: real gateway processes, a real Postgres, renders in a
slowed renderer service (tests/services/slow_renderer.py) so that the faults land mid-run.

A gateway killed (SIGKILL) with one run in flight and more queued behind it picks every one of them up when it
starts again under the same TESSERA_GATEWAY_ID. Postgres restarted mid-run: the run completes (the connection pool
replaces the dropped connections). Postgres down for longer than a step waits: the run fails saying so, and resumes
once the database is back.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tessera.contract import RunRecord
from tests.service_fixtures import REPO, Postgres, Service, free_port, postgres, service_env
from tests.services.test_lifecycle import generate_in_background, reply_of, run_of, wait_for, wait_for_step

__all__ = ["postgres"]

pytestmark = pytest.mark.slow

SLOW_RENDER_S = 3.0
ENDED = {"done", "failed", "cancelled"}


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("restart-renderer")
    service = Service("renderer", free_port(), service_env(root / "home"), root / "renderer.log")
    try:
        yield service.start(
            command=[
                sys.executable,
                str(REPO / "tests/services/slow_renderer.py"),
                str(service.port),
                str(SLOW_RENDER_S),
            ]
        )
    finally:
        service.stop()


def _gateway(home: Path, renderer: Service, postgres: Postgres, gateway_id: str, log: Path) -> Service:
    env = service_env(
        home, renderer_url=renderer.url, database_url=postgres.url, gateway_id=gateway_id, gateway_workers="1"
    )
    return Service("gateway", free_port(), env, log)


def _stored(home: Path, run_id: str) -> RunRecord:
    return RunRecord.model_validate_json((home / "runs" / run_id / "run.json").read_text(encoding="utf-8"))


def _nodes(url: str, run_id: str) -> list[str]:
    trace = httpx.get(f"{url}/v1/runs/{run_id}/artifacts/trace.jsonl", timeout=10).text.splitlines()
    return [json.loads(line)["node"] for line in trace]


def test_a_gateway_killed_with_queued_runs_carries_every_one_to_done_after_a_restart(
    tmp_path: Path, renderer: Service, postgres: Postgres
) -> None:
    home = tmp_path / "home"
    first = _gateway(home, renderer, postgres, "gateway-killed", tmp_path / "first.log").start()
    second = None
    try:
        briefs = [f"A poster with the headline 'QUEUED {n}'" for n in range(3)]
        generate_in_background(first.url, briefs[0], timeout_s=60)
        wait_for_step(first.url, run_of(first.url, briefs[0])["run_id"], "render")
        for brief in briefs[1:]:
            generate_in_background(first.url, brief, timeout_s=60)
        run_ids = [run_of(first.url, brief)["run_id"] for brief in briefs]
        for run_id in run_ids[1:]:
            wait_for(first.url, run_id, {"queued"})
        first.kill()  # one run in the renderer, two waiting for the one worker
        assert sorted(_stored(home, run_id).status for run_id in run_ids) == ["queued", "queued", "running"]

        second = _gateway(home, renderer, postgres, "gateway-killed", tmp_path / "second.log").start()
        for run_id in run_ids:
            record = wait_for(second.url, run_id, ENDED, timeout_s=120)
            assert record["status"] == "done" and record["error"] is None, record
            nodes = _nodes(second.url, run_id)
            # Each came back from its checkpoint: nothing before the kill was done twice.
            assert nodes.count("understand") == 1 and nodes[-1] == "finish", nodes
    finally:
        first.kill()
        if second is not None:
            second.stop()


def test_postgres_restarted_mid_run_lets_the_run_complete(
    tmp_path: Path, renderer: Service, postgres: Postgres
) -> None:
    gateway = _gateway(tmp_path / "home", renderer, postgres, "gateway-pg-restart", tmp_path / "gateway.log").start()
    try:
        brief = "A poster with the headline 'RESTARTED DATABASE'"
        reply = generate_in_background(gateway.url, brief)
        run_id = run_of(gateway.url, brief)["run_id"]
        wait_for_step(gateway.url, run_id, "render")
        postgres.restart()  # every pooled connection drops while the render is in flight

        record = wait_for(gateway.url, run_id, ENDED)
        assert record["status"] == "done" and record["error"] is None, record
        assert _nodes(gateway.url, run_id).count("render") == 1
        response = reply_of(reply)
        assert isinstance(response, httpx.Response) and response.status_code == 200, response
        assert httpx.get(f"{gateway.url}/readyz", timeout=10).status_code == 200
    finally:
        gateway.stop()


def test_postgres_down_past_a_step_fails_the_run_saying_so_and_it_resumes_once_back(
    tmp_path: Path, renderer: Service, postgres: Postgres
) -> None:
    gateway = _gateway(tmp_path / "home", renderer, postgres, "gateway-pg-down", tmp_path / "gateway.log").start()
    try:
        brief = "A poster with the headline 'DATABASE AWAY'"
        generate_in_background(gateway.url, brief)
        run_id = run_of(gateway.url, brief)["run_id"]
        wait_for_step(gateway.url, run_id, "render")
        postgres.stop()
        try:
            record = wait_for(gateway.url, run_id, ENDED, timeout_s=90)
        finally:
            postgres.restart()
        assert record["status"] == "failed", record
        assert "checkpoint database failed" in record["error"] and "iter-0/image.png" in record["error"]

        resumed = httpx.post(f"{gateway.url}/v1/runs/{run_id}/resume", timeout=120)
        assert resumed.status_code == 200, resumed.text
        assert httpx.get(f"{gateway.url}/v1/runs/{run_id}", timeout=10).json()["run"]["status"] == "done"
    finally:
        gateway.stop()
