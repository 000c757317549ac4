"""A run's life over real HTTP: a real gateway process with one worker, its renders in a slowed renderer service
(tests/services/slow_renderer.py), run state in a real Postgres.

Resume answers 409 for a run that is done (and leaves it done), cancel stops a queued run at once and a running one
before its next step, an abandoned request's queued run is cancelled, and the event stream follows a queued run
and ends for every ended status.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.service_fixtures import REPO, Postgres, Service, free_port, postgres, service_env

__all__ = ["postgres"]

pytestmark = pytest.mark.slow

SLOW_RENDER_S = 3.0


@dataclass
class Lifecycle:
    """The gateway under test and the slow renderer behind it."""

    gateway: Service
    renderer: Service

    @property
    def url(self) -> str:
        return self.gateway.url


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory, postgres: Postgres) -> Iterator[Lifecycle]:
    root = tmp_path_factory.mktemp("lifecycle")
    renderer = Service("renderer", free_port(), service_env(root / "renderer-home"), root / "renderer.log")
    gateway_env = service_env(
        root / "home",
        renderer_url=renderer.url,
        database_url=postgres.url,
        gateway_id="gateway-lifecycle",
        gateway_workers="1",
    )
    gateway = Service("gateway", free_port(), gateway_env, root / "gateway.log")
    try:
        renderer.start(
            command=[
                sys.executable,
                str(REPO / "tests/services/slow_renderer.py"),
                str(renderer.port),
                str(SLOW_RENDER_S),
            ]
        )
        gateway.start()
        yield Lifecycle(gateway=gateway, renderer=renderer)
    finally:
        gateway.stop()
        renderer.stop()


def generate_in_background(url: str, brief: str, timeout_s: float = 120) -> dict[str, httpx.Response | Exception]:
    """POST /v1/images/generations from a thread; the dict gets the reply (or the error) under 'reply'."""
    answer: dict[str, httpx.Response | Exception] = {}

    def generate() -> None:
        body = {"prompt": brief, "size": "512x512", "quality": "low", "planner": "rules"}
        try:
            answer["reply"] = httpx.post(f"{url}/v1/images/generations", json=body, timeout=timeout_s)
        except httpx.HTTPError as err:
            answer["reply"] = err

    threading.Thread(target=generate, daemon=True).start()
    return answer


def reply_of(answer: dict[str, httpx.Response | Exception], timeout_s: float = 30) -> httpx.Response | Exception:
    """The reply `generate_in_background` got, once it has come (a run's record may say done a moment before)."""
    deadline = time.monotonic() + timeout_s
    while "reply" not in answer and time.monotonic() < deadline:
        time.sleep(0.05)
    return answer.get("reply", TimeoutError(f"no reply in {timeout_s:g} s"))


def run_of(url: str, brief: str, timeout_s: float = 30) -> dict:
    """The record of the run made for `brief`, once the gateway has made it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for record in httpx.get(f"{url}/v1/runs", params={"limit": 100}, timeout=10).json():
            if record["brief"] == brief:
                return record
        time.sleep(0.1)
    pytest.fail(f"the gateway never made a run for {brief!r}")


def wait_for(url: str, run_id: str, statuses: set[str], timeout_s: float = 120) -> dict:
    """The run's record once its status is one of `statuses`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        record = httpx.get(f"{url}/v1/runs/{run_id}", timeout=10).json()["run"]
        if record["status"] in statuses:
            return record
        time.sleep(0.2)
    pytest.fail(f"run {run_id} never reached {statuses}")


def wait_for_step(url: str, run_id: str, node: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        events = httpx.get(f"{url}/v1/runs/{run_id}/artifacts/events.jsonl", timeout=10)
        if events.status_code == 200 and any(json.loads(line)["node"] == node for line in events.text.splitlines()):
            return
        time.sleep(0.1)
    pytest.fail(f"run {run_id} never reached its {node} step")


def stream_end(url: str, run_id: str, timeout_s: float = 120) -> dict:
    """Follow the run's event stream to its end; the 'end' event's data."""
    with httpx.stream("GET", f"{url}/v1/runs/{run_id}/events", timeout=timeout_s) as stream:
        lines = [line for line in stream.iter_lines() if line.startswith(("event:", "data:"))]
    assert lines[-2] == "event: end", lines[-4:]
    return json.loads(lines[-1].removeprefix("data: "))


def test_resume_of_a_done_run_answers_409_and_leaves_it_done(services: Lifecycle) -> None:
    reply = generate_in_background(services.url, "A poster with the headline 'FINISHED'")
    run_id = run_of(services.url, "A poster with the headline 'FINISHED'")["run_id"]
    done = wait_for(services.url, run_id, {"done", "failed", "cancelled"})
    assert done["status"] == "done", done

    resumed = httpx.post(f"{services.url}/v1/runs/{run_id}/resume", timeout=30)
    assert resumed.status_code == 409, resumed.text
    assert resumed.json()["error"]["type"] == "conflict" and "is done" in resumed.json()["error"]["message"]
    assert httpx.get(f"{services.url}/v1/runs/{run_id}", timeout=10).json()["run"] == done
    assert stream_end(services.url, run_id)["status"] == "done"  # the stream ends: the run did not go back to running
    assert isinstance(reply["reply"], httpx.Response) and reply["reply"].status_code == 200


def test_a_queued_run_cancelled_never_starts_and_the_run_ahead_carries_on(services: Lifecycle) -> None:
    ahead, behind = "A poster with the headline 'AHEAD'", "A poster with the headline 'BEHIND'"
    ahead_reply = generate_in_background(services.url, ahead)
    ahead_id = run_of(services.url, ahead)["run_id"]
    wait_for_step(services.url, ahead_id, "render")
    behind_reply = generate_in_background(services.url, behind)
    behind_id = run_of(services.url, behind)["run_id"]
    assert wait_for(services.url, behind_id, {"queued"})["status"] == "queued"  # the one worker is busy

    cancelled = httpx.post(f"{services.url}/v1/runs/{behind_id}/cancel", timeout=10)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert stream_end(services.url, behind_id)["status"] == "cancelled"

    assert wait_for(services.url, ahead_id, {"done", "failed", "cancelled"})["status"] == "done"
    reply = reply_of(behind_reply)
    assert isinstance(reply, httpx.Response) and reply.status_code == 409, reply
    assert "cancelled before it started" in reply.json()["error"]["message"]
    trace = httpx.get(f"{services.url}/v1/runs/{behind_id}/artifacts/trace.jsonl", timeout=10)
    assert trace.status_code == 400  # no step ever ran: there is no trace
    assert isinstance(reply_of(ahead_reply), httpx.Response)


def test_a_running_run_cancelled_stops_before_its_next_step_and_resumes(services: Lifecycle) -> None:
    brief = "A poster with the headline 'STOPPED'"
    generate_in_background(services.url, brief)
    run_id = run_of(services.url, brief)["run_id"]
    wait_for_step(services.url, run_id, "render")

    requested = httpx.post(f"{services.url}/v1/runs/{run_id}/cancel", timeout=10)
    assert requested.status_code == 200, requested.text
    assert requested.json()["status"] == "running" and requested.json()["cancel_requested"]
    end = stream_end(services.url, run_id)
    assert end["status"] == "cancelled" and "before its verify step" in end["error"]
    again = httpx.post(f"{services.url}/v1/runs/{run_id}/cancel", timeout=10)
    assert again.status_code == 409 and again.json()["error"]["type"] == "conflict"

    resumed = httpx.post(f"{services.url}/v1/runs/{run_id}/resume", timeout=120)
    assert resumed.status_code == 200, resumed.text
    record = httpx.get(f"{services.url}/v1/runs/{run_id}", timeout=10).json()["run"]
    assert record["status"] == "done" and not record["cancel_requested"]
    trace = httpx.get(f"{services.url}/v1/runs/{run_id}/artifacts/trace.jsonl", timeout=10).text.splitlines()
    assert [json.loads(line)["node"] for line in trace].count("render") == 1  # carried on at verify


def test_the_event_stream_follows_a_queued_run_until_it_is_done(services: Lifecycle) -> None:
    ahead, behind = "A poster with the headline 'FIRST'", "A poster with the headline 'SECOND'"
    generate_in_background(services.url, ahead)
    wait_for_step(services.url, run_of(services.url, ahead)["run_id"], "render")
    generate_in_background(services.url, behind)
    behind_id = run_of(services.url, behind)["run_id"]
    assert wait_for(services.url, behind_id, {"queued"})["status"] == "queued"
    assert stream_end(services.url, behind_id)["status"] == "done"


def test_a_queued_run_whose_client_went_away_is_cancelled_and_the_running_one_carries_on(
    services: Lifecycle,
) -> None:
    running, abandoned = "A poster with the headline 'STAYING'", "A poster with the headline 'LEAVING'"
    generate_in_background(services.url, running)
    running_id = run_of(services.url, running)["run_id"]
    wait_for_step(services.url, running_id, "render")
    with contextlib.suppress(httpx.TimeoutException):  # the client gives up and closes its connection
        body = {"prompt": abandoned, "size": "512x512", "quality": "low", "planner": "rules"}
        httpx.post(f"{services.url}/v1/images/generations", json=body, timeout=1.0)
    abandoned_id = run_of(services.url, abandoned)["run_id"]

    record = wait_for(services.url, abandoned_id, {"done", "failed", "cancelled"}, timeout_s=30)
    assert record["status"] == "cancelled" and "client went away" in record["error"]
    assert wait_for(services.url, running_id, {"done", "failed", "cancelled"})["status"] == "done"
