"""Each part killed or stalled mid-run: real planner, renderer and verifier services (`tessera serve --role ROLE`),
a real gateway in front of them, run state in a real Postgres.

The fault lands while the gateway's request to the part is in flight, deterministically: the part is stalled
(SIGSTOP: its port still accepts the connection, it answers nothing) before the run starts; the run's events say
when the run has reached the part's step, and the kernel's TCP table when the request's bytes wait unread at the
part's port. Killed (SIGKILL) there, the connection drops at once; left stalled, the gateway gives up after
TESSERA_SERVICE_TIMEOUT_S. Either way the client gets a 502 `service_error` that names the part and the run, the
run is recorded `failed` with an error that says which part failed and that resume carries it on, and once the part
is back `POST /v1/runs/{id}/resume` takes it to `done` from that step.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.service_fixtures import Postgres, Service, free_port, postgres, service_env
from tests.services.test_lifecycle import generate_in_background, run_of, wait_for, wait_for_step

__all__ = ["postgres"]

pytestmark = pytest.mark.slow

# The gateway's longest wait for one call to a part: long enough for any call on 2 busy cores, short enough that a
# stalled part fails its run soon.
SERVICE_TIMEOUT_S = 10.0
# A killed part drops its connections at once; the error reaches the client within this.
KILLED_REPLY_S = 15.0
# The step that calls each part.
STEP = {"planner": "plan", "renderer": "render", "verifier": "verify"}
# The steps a run has done, each once, when it reaches the part's step.
BEFORE = {"planner": ["understand"], "renderer": ["understand", "plan"], "verifier": ["understand", "plan", "render"]}
ENDED = {"done", "failed", "cancelled"}


@dataclass
class Deployment:
    """The three part services and the gateway that uses them."""

    parts: dict[str, Service]
    gateway: Service

    @property
    def url(self) -> str:
        return self.gateway.url


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory, postgres: Postgres) -> Iterator[Deployment]:
    root = tmp_path_factory.mktemp("faults")
    parts = {role: Service(role, free_port(), service_env(root / role), root / f"{role}.log") for role in STEP}
    gateway_env = service_env(
        root / "home",
        planner_url=parts["planner"].url,
        renderer_url=parts["renderer"].url,
        verifier_url=parts["verifier"].url,
        database_url=postgres.url,
        gateway_id="gateway-faults",
        service_timeout_s=str(SERVICE_TIMEOUT_S),
    )
    gateway = Service("gateway", free_port(), gateway_env, root / "gateway.log")
    try:
        for part in parts.values():
            part.start()
        yield Deployment(parts=parts, gateway=gateway.start())
    finally:
        gateway.stop()
        for part in parts.values():
            part.stop()


@pytest.fixture(params=list(STEP))
def part(request: pytest.FixtureRequest, deployment: Deployment) -> Iterator[Service]:
    """One part service, back up and answering after the test whatever the test did to it."""
    service = deployment.parts[request.param]
    yield service
    service.wake()
    if not service.alive:
        service.start()


def _reply(answer: dict[str, httpx.Response | Exception], timeout_s: float) -> tuple[httpx.Response, float]:
    """The background request's reply, and how long it took to come from now."""
    started = time.monotonic()
    while "reply" not in answer and time.monotonic() - started < timeout_s:
        time.sleep(0.05)
    reply = answer.get("reply")
    if not isinstance(reply, httpx.Response):
        pytest.fail(f"no reply within {timeout_s} s: {reply!r}")
    return reply, time.monotonic() - started


def _stall_at_its_step(deployment: Deployment, part: Service, brief: str) -> tuple[dict, str]:
    """Stall the part, start a run of `brief` and wait until the run's request to the part is in flight."""
    part.stall()
    answer = generate_in_background(deployment.url, brief)
    run_id = run_of(deployment.url, brief)["run_id"]
    wait_for_step(deployment.url, run_id, STEP[part.role])
    deadline = time.monotonic() + 30
    while not part.request_waiting():
        if time.monotonic() > deadline:
            pytest.fail(f"run {run_id} reached its {STEP[part.role]} step but never called the {part.role}")
        time.sleep(0.05)
    return answer, run_id


def _assert_failed_naming(deployment: Deployment, reply: httpx.Response, run_id: str, part: Service) -> str:
    """The reply is a 502 service_error naming the part and the run; the run's record says the same and that resume
    carries it on. The record's error."""
    assert reply.status_code == 502, reply.text
    error = reply.json()["error"]
    assert error["type"] == "service_error" and set(error) == {"message", "type", "param", "code"}, error
    assert f"the {part.role} service" in error["message"] and run_id in error["message"], error
    record = httpx.get(f"{deployment.url}/v1/runs/{run_id}", timeout=10).json()["run"]
    assert record["status"] == "failed", record
    assert f"the {part.role} service" in record["error"] and "resume" in record["error"], record
    return record["error"]


def _assert_resumes_to_done(deployment: Deployment, run_id: str, part: Service) -> None:
    """Resume takes the run to done from the failed part's step: no step before it is done again."""
    resumed = httpx.post(f"{deployment.url}/v1/runs/{run_id}/resume", timeout=120)
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["run_id"] == run_id
    record = wait_for(deployment.url, run_id, ENDED)
    assert record["status"] == "done" and record["error"] is None, record
    trace = httpx.get(f"{deployment.url}/v1/runs/{run_id}/artifacts/trace.jsonl", timeout=10).text.splitlines()
    nodes = [json.loads(line)["node"] for line in trace]
    before = BEFORE[part.role]
    assert nodes[: len(before) + 1] == [*before, STEP[part.role]] and nodes[-1] == "finish", nodes


def test_a_part_killed_mid_run_fails_the_run_at_once_saying_which_and_resume_after_its_restart_finishes_it(
    deployment: Deployment, part: Service
) -> None:
    brief = f"A poster with the headline 'KILLED {part.role.upper()}'"
    answer, run_id = _stall_at_its_step(deployment, part, brief)
    part.kill()

    reply, seconds = _reply(answer, KILLED_REPLY_S)
    assert seconds < KILLED_REPLY_S
    error = _assert_failed_naming(deployment, reply, run_id, part)
    assert "dropped the connection mid-request" in error, error

    part.start()
    _assert_resumes_to_done(deployment, run_id, part)


def test_a_part_stalled_mid_run_fails_the_run_within_the_service_timeout_and_resume_after_it_wakes_finishes_it(
    deployment: Deployment, part: Service
) -> None:
    brief = f"A poster with the headline 'STALLED {part.role.upper()}'"
    answer, run_id = _stall_at_its_step(deployment, part, brief)

    reply, seconds = _reply(answer, SERVICE_TIMEOUT_S + 15)
    assert seconds < SERVICE_TIMEOUT_S + 5  # the timeout, not the stall, ended the wait
    error = _assert_failed_naming(deployment, reply, run_id, part)
    assert "did not answer in time" in error and "TESSERA_SERVICE_TIMEOUT_S" in error, error

    part.wake()
    _assert_resumes_to_done(deployment, run_id, part)
