"""Two gateways side by side: distinct TESSERA_GATEWAY_IDs, one Postgres for checkpoints, one runs folder
(TESSERA_HOME) and one artifact store (TESSERA_ARTIFACT_DIR) shared with a renderer service whose renders are slowed
(tests/services/slow_renderer.py) so that a gateway can be killed while it drives runs. Real processes, real HTTP.

Each gateway drives the runs submitted to it, and only those; either one reads any run. A gateway killed mid-run
resumes its runs when it starts again under the same id, and the other gateway, even restarted meanwhile, leaves
them alone while the dead one's lease (TESSERA_GATEWAY_LEASE_S) lasts; once it has run out, the survivor takes them
over.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.service_fixtures import Postgres, Service, free_port, postgres, service_env, slow_renderer
from tests.services.test_lifecycle import (
    generate_in_background,
    reply_of,
    run_of,
    stream_end,
    wait_for,
    wait_for_step,
)

__all__ = ["postgres"]

pytestmark = pytest.mark.slow

SLOW_RENDER_S = 3.0
ENDED = {"done", "failed", "cancelled"}


@dataclass
class Pair:
    """Gateways A and B over one store, and the renderer both use."""

    a: Service
    b: Service
    renderer: Service
    artifacts: Path


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, postgres: Postgres) -> Iterator[Pair]:
    yield from _pair(tmp_path_factory.mktemp("scale-out"), postgres, lease_s=600)


def _pair(root: Path, postgres: Postgres, *, lease_s: float) -> Iterator[Pair]:
    shared = {"artifact_dir": str(root / "artifacts")}
    renderer = slow_renderer(root, SLOW_RENDER_S, **shared)

    def gateway(gateway_id: str) -> Service:
        env = service_env(
            root / "home",  # one runs folder for both
            renderer_url=renderer.url,
            database_url=postgres.url,
            gateway_id=gateway_id,
            gateway_workers="2",
            gateway_lease_s=str(lease_s),
            **shared,
        )
        return Service("gateway", free_port(), env, root / f"{gateway_id}.log")

    a, b = gateway("gateway-a"), gateway("gateway-b")
    try:
        renderer.start()
        a.start()
        b.start()
        yield Pair(a=a, b=b, renderer=renderer, artifacts=root / "artifacts")
    finally:
        for service in (a, b, renderer):
            service.stop()


def _nodes(url: str, run_id: str) -> list[str]:
    trace = httpx.get(f"{url}/v1/runs/{run_id}/artifacts/trace.jsonl", timeout=10).text.splitlines()
    return [json.loads(line)["node"] for line in trace]


def _picked_up(gateway: Service, run_id: str) -> bool:
    """Whether the gateway ever picked the run up on start (the gateway logs each one it picks up)."""
    return f"picking up run {run_id}" in gateway.log_path.read_text(errors="replace")


def _started(url: str, briefs: list[str]) -> tuple[list[dict], list[str]]:
    """Submit each brief to the gateway at `url`; the background replies and the runs' ids."""
    replies = [generate_in_background(url, brief) for brief in briefs]
    return replies, [run_of(url, brief)["run_id"] for brief in briefs]


def test_each_gateway_drives_the_runs_submitted_to_it_and_reads_the_others(pair: Pair) -> None:
    a_replies, a_runs = _started(pair.a.url, [f"A poster with the headline 'FROM A {n}'" for n in range(2)])
    b_replies, b_runs = _started(pair.b.url, [f"A poster with the headline 'FROM B {n}'" for n in range(2)])

    for owner, runs in (("gateway-a", a_runs), ("gateway-b", b_runs)):
        for run_id in runs:
            record = wait_for(pair.a.url, run_id, ENDED)
            assert record["status"] == "done" and record["owner"] == owner, record
            assert _nodes(pair.b.url, run_id).count("understand") == 1  # one gateway drove it, once
    for reply in (*a_replies, *b_replies):
        answered = reply_of(reply)
        assert isinstance(answered, httpx.Response) and answered.status_code == 200, answered

    for url in (pair.a.url, pair.b.url):
        listed = {record["run_id"] for record in httpx.get(f"{url}/v1/runs", params={"limit": 100}).json()}
        assert {*a_runs, *b_runs} <= listed
        for run_id in (*a_runs, *b_runs):
            described = httpx.get(f"{url}/v1/runs/{run_id}", timeout=10).json()
            assert httpx.get(described["image_url"], timeout=10).content[:8] == b"\x89PNG\r\n\x1a\n"
    assert stream_end(pair.b.url, a_runs[0])["status"] == "done"  # B serves A's events from the shared folder
    # The images came through the shared artifact store, and each gateway deleted the ones it read: none is left.
    hops = pair.artifacts / "hops"
    assert hops.is_dir() and not [p for p in hops.rglob("*") if p.is_file()]


def test_a_gateway_killed_mid_run_resumes_its_runs_on_restart_and_the_other_leaves_them_alone(pair: Pair) -> None:
    _, a_runs = _started(pair.a.url, [f"A poster with the headline 'ORPHAN {n}'" for n in range(2)])
    b_replies, b_runs = _started(pair.b.url, ["A poster with the headline 'BYSTANDER'"])
    for run_id in a_runs:
        wait_for_step(pair.a.url, run_id, "render")
    pair.a.kill()  # both of A's runs are in the renderer

    bystander = wait_for(pair.b.url, b_runs[0], ENDED)
    assert bystander["status"] == "done" and bystander["owner"] == "gateway-b", bystander
    reply = reply_of(b_replies[0])
    assert isinstance(reply, httpx.Response) and reply.status_code == 200, reply
    # B starting again while A is dead picks up only its own runs.
    pair.b.stop()
    pair.b.start()
    for run_id in a_runs:
        record = httpx.get(f"{pair.b.url}/v1/runs/{run_id}", timeout=10).json()["run"]
        assert record["status"] == "running" and record["owner"] == "gateway-a", record
        assert not _picked_up(pair.b, run_id)

    pair.a.start()  # the same id: it picks up what it was driving
    for run_id in a_runs:
        record = wait_for(pair.a.url, run_id, ENDED)
        assert record["status"] == "done" and record["error"] is None and record["owner"] == "gateway-a", record
        nodes = _nodes(pair.a.url, run_id)
        # Carried on from the checkpoint: what was done before the kill was not done again.
        assert nodes.count("understand") == 1 and nodes.count("plan") == 1 and nodes[-1] == "finish", nodes
        assert _picked_up(pair.a, run_id) and not _picked_up(pair.b, run_id)


def test_a_gateway_that_stays_dead_past_its_lease_has_its_runs_taken_over_by_the_other(
    tmp_path_factory: pytest.TempPathFactory, postgres: Postgres
) -> None:
    pairs = _pair(tmp_path_factory.mktemp("take-over"), postgres, lease_s=3)
    pair = next(pairs)
    try:
        _, a_runs = _started(pair.a.url, [f"A poster with the headline 'ADOPTED {n}'" for n in range(2)])
        for run_id in a_runs:
            wait_for_step(pair.a.url, run_id, "render")
        pair.a.kill()  # for good: its lease runs out 3 s after its last renewal
        for run_id in a_runs:
            record = wait_for(pair.b.url, run_id, ENDED)
            assert record["status"] == "done" and record["owner"] == "gateway-b", record
            nodes = _nodes(pair.b.url, run_id)
            # Carried on from A's checkpoint, not started over.
            assert nodes.count("understand") == 1 and nodes[-1] == "finish", nodes
        assert "taking over run" in pair.b.log_path.read_text(errors="replace")
    finally:
        pairs.close()
