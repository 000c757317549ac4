"""No request moves a server's resident memory by more than a stated bound (issue 17), measured on real processes.

The issue's request (four images of a 1x1 text box set at 800 px) and its plan-v2 relatives (deep nesting,
a thousand leaves, the largest table and chart, a 3840 px icon, a wide canvas full of text) go to the gateway of
(a) a single-process server (`--role all`) and (b) a gateway in front of a separate renderer service. Each reply is
an image or a 4xx in the OpenAI error shape, never a 5xx; while it is worked on, every server process's RSS is
sampled (and its kernel high-water mark read) and may rise at most its bound over its RSS before, and a moment
afterwards it is back within that bound: no plateau of gigabytes. A renderer's bound is `RENDER_MEMORY_BOUND_MB`; a
process that also verifies (the single process, a gateway with the verifier in it) holds the decoded image, the
verifier's scene and the OCR engines' working memory besides, and has `VERIFYING_PROCESS_BOUND_MB`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from tessera.renderer import RENDER_MEMORY_BOUND_MB
from tests.hostile_plans import HOSTILE_PLANS, TINY_BOX_HUGE_TEXT, TINY_BOX_HUGE_TEXT_V1, WHITE
from tests.service_fixtures import Service, free_port, service_env

pytestmark = pytest.mark.slow

REQUEST_TIMEOUT_S = 600.0
# Measured: verifying the deep-nesting plan's 3840x3840 image raised a gateway by 449 MB and the single process, which
# also drew it, by 454 MB (RapidOCR's second opinion loading on that request included); every other plan stays under
# the renderer's 300 MB.
VERIFYING_PROCESS_BOUND_MB = 500
SAMPLE_EVERY_S = 0.01
# The request asks for four images of its plan; its relatives ask for one each, to keep the suite short.
FOUR_IMAGES = {name for name, plan in HOSTILE_PLANS.items() if plan in (TINY_BOX_HUGE_TEXT_V1, TINY_BOX_HUGE_TEXT)}
WARM_UP_PLAN = {
    "canvas": {"width": 512, "height": 512},
    "background": WHITE,
    "root": {"kind": "frame", "id": "root", "layout": "column", "padding": 32,
             "children": [{"kind": "text", "id": "title", "text": "Warm up", "height": 120},
                          {"kind": "icon", "id": "icon", "name": "rocket"}]},
}  # fmt: skip


def _megabytes(process: psutil.Process) -> float:
    return process.memory_info().rss / 2**20


def _high_water_megabytes(pid: int) -> float | None:
    """The kernel's record of the process's highest RSS since it was last reset (Linux), or None where unreadable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), None)
    return int(line.split()[1]) / 1024 if line else None


def _reset_high_water(pid: int) -> None:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # 5: the high-water mark starts again from the current RSS
    except OSError:
        pass  # not ours to reset: the samples alone measure the peak


@dataclass
class MemoryWatch:
    """The peak RSS of some server processes while a request runs: psutil samples every 10 ms, and the kernel's
    high-water mark where it can be read, which no sampling interval can miss."""

    processes: dict[str, psutil.Process]
    before: dict[str, float] = field(default_factory=dict)
    peak: dict[str, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> MemoryWatch:
        for name, process in self.processes.items():
            _reset_high_water(process.pid)
            self.before[name] = self.peak[name] = _megabytes(process)
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            for name, process in self.processes.items():
                self.peak[name] = max(self.peak[name], _megabytes(process))

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._sampler.join()
        for name, process in self.processes.items():
            self.peak[name] = max(self.peak[name], _high_water_megabytes(process.pid) or 0.0)

    def rise(self, name: str) -> float:
        return self.peak[name] - self.before[name]


@dataclass
class Servers:
    """A server setup under test, warmed up: the URL requests go to and its processes by name."""

    url: str
    processes: dict[str, psutil.Process]


def _generate(url: str, plan: dict[str, Any], images: int) -> httpx.Response:
    body = {"prompt": "x", "n": images, "quality": "low", "plan": plan}
    return httpx.post(f"{url}/v1/images/generations", json=body, timeout=REQUEST_TIMEOUT_S)


def _warmed(url: str, services: dict[str, Service]) -> Servers:
    # Fonts, sprites, the icon set and the OCR models load at first use: that is the baseline, not a request's cost.
    assert _generate(url, WARM_UP_PLAN, 1).status_code == 200
    return Servers(
        url, {name: psutil.Process(service.process.pid) for name, service in services.items() if service.process}
    )


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """`tessera serve --role all`: gateway, planner, renderer and verifier in one process."""
    root = tmp_path_factory.mktemp("single")
    server = Service("all", free_port(), service_env(root / "home"), root / "all.log")
    try:
        server.start()
        yield _warmed(server.url, {"all": server})
    finally:
        server.stop()


@pytest.fixture(scope="module")
def separate_renderer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """A renderer service and a gateway that draws through it (planning and verifying in its own process)."""
    root = tmp_path_factory.mktemp("split")
    renderer = Service("renderer", free_port(), service_env(root / "renderer-home"), root / "renderer.log")
    gateway_env = service_env(root / "gateway-home", renderer_url=f"http://127.0.0.1:{renderer.port}")
    gateway = Service("gateway", free_port(), gateway_env, root / "gateway.log")
    try:
        renderer.start()
        gateway.start()
        yield _warmed(gateway.url, {"renderer": renderer, "gateway": gateway})
    finally:
        gateway.stop()
        renderer.stop()


def _settled_megabytes(process: psutil.Process, ceiling: float, wait_s: float = 10.0) -> float:
    # Memory freed at the end of a request goes back within moments; give it those before reading the RSS.
    deadline = time.monotonic() + wait_s
    while _megabytes(process) > ceiling and time.monotonic() < deadline:
        time.sleep(0.2)
    return _megabytes(process)


def _assert_bounded_request(servers: Servers, name: str) -> None:
    with MemoryWatch(servers.processes) as watch:
        reply = _generate(servers.url, HOSTILE_PLANS[name], 4 if name in FOUR_IMAGES else 1)
    figures = ", ".join(
        f"{process}: {watch.before[process]:.0f} MB before, peak +{watch.rise(process):.0f} MB"
        for process in servers.processes
    )
    print(f"{name}: {reply.status_code} in {reply.elapsed.total_seconds():.1f} s; {figures}")
    assert reply.status_code == 200 or 400 <= reply.status_code < 500, f"{reply.status_code}: {reply.text[:500]}"
    if reply.status_code != 200:
        assert set(reply.json()["error"]) >= {"message", "type", "param", "code"}
    for process_name, process in servers.processes.items():
        bound = RENDER_MEMORY_BOUND_MB if process_name == "renderer" else VERIFYING_PROCESS_BOUND_MB
        assert watch.rise(process_name) <= bound, f"{process_name} broke its {bound} MB bound: {figures}"
        # Against the RSS before this request: a request that broke the bound fails alone, not every one after it.
        ceiling = watch.before[process_name] + bound
        settled = _settled_megabytes(process, ceiling)
        assert settled <= ceiling, f"{process_name} stayed at {settled:.0f} MB after it ({figures})"


@pytest.mark.parametrize("name", HOSTILE_PLANS)
def test_a_single_process_server_answers_a_hostile_plan_within_its_memory_bound(
    single_process: Servers, name: str
) -> None:
    _assert_bounded_request(single_process, name)


@pytest.mark.parametrize("name", HOSTILE_PLANS)
def test_a_separate_renderer_and_its_gateway_answer_a_hostile_plan_within_their_memory_bound(
    separate_renderer: Servers, name: str
) -> None:
    _assert_bounded_request(separate_renderer, name)
