"""Services mode against embedded mode: per-request overhead with images by base64 and by reference, and requests per
minute at 1, 4 and 16 clients.

Baselines, measured in the same run: `Engine.generate` in this process (the embedded mode,
imports and fonts already warm) for per-request time, and `tessera serve --role all` (the
gateway with every part inside its one process) for requests per minute. Services mode: planner,
renderer and verifier each their own `tessera serve` process, sharing an artifact store, and two
gateways in front of the same parts: one without TESSERA_ARTIFACT_DIR (images cross every hop as
base64 PNG in the JSON bodies) and one with it (the renderer writes the PNG into the store and
the gateway and verifier read it by reference). Clients call POST /v1/images/generations over
loopback HTTP. All use the rules planner and effort low (one plan, one render, one verify), so the
work per image is the same and the difference is the HTTP hops, the images between parts and the
gateway's bookkeeping. Sequential requests are interleaved (embedded, base64, reference, ...) so
that a machine busy with something else slows every mode alike; the stage times come from the
runs' traces, and the CPU time per request is summed over every process a mode uses (this one for
embedded; the gateway and the three parts for services), which load elsewhere does not inflate.

    PYTHONPATH=. .venv/bin/python bench/bench_services.py --requests 48 --clients 1 4 16
    PYTHONPATH=. .venv/bin/python bench/bench_services.py --requests 24 --clients --size 3840x2160
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

from tessera.agents import Engine, RunRequest, Settings
from tessera.agents.request import parse_size
from tests.service_fixtures import Service, free_port, service_env

BRIEF = (
    "A launch poster on a deep blue background. Headline 'GRAND OPENING'. "
    "Below it 'Saturday 10 AM'. Exactly 5 red balloons across the top."
)
MODES = ("embedded", "services_base64", "services_reference")


def _body(size: str) -> dict[str, object]:
    return {"prompt": BRIEF, "size": size, "quality": "low", "planner": "rules"}


class Timed:
    """One mode's requests: each timed on the wall clock and in CPU seconds over the processes that serve it."""

    def __init__(self, request: Callable[[], None], pids: list[int]) -> None:
        self._request = request
        self._processes = [psutil.Process(pid) for pid in pids]
        self.seconds: list[float] = []
        self.cpu_seconds = 0.0

    def __call__(self) -> None:
        cpu = self._cpu()
        started = time.perf_counter()
        self._request()
        self.seconds.append(time.perf_counter() - started)
        self.cpu_seconds += self._cpu() - cpu

    def _cpu(self) -> float:
        return sum(sum(process.cpu_times()[:2]) for process in self._processes)


def embedded_request(home: Path, size: str) -> Callable[[], None]:
    """One warm `Engine.generate`, timed."""
    engine = Engine(Settings(home=home))
    request = RunRequest(brief=BRIEF, canvas=parse_size(size), effort="low", planner="rules")
    engine.generate(request)  # warm: fonts, OCR models

    def one() -> None:
        assert engine.generate(request).passed

    return one


def start_services(workdir: Path, workers: int) -> dict[str, Service]:
    """The parts, sharing an artifact store, and a gateway each for base64 and by-reference hops."""
    shared = {"artifact_dir": str(workdir / "artifacts")}
    parts = {
        role: Service(role, free_port(), service_env(workdir / role, **shared), workdir / f"{role}.log")
        for role in ("planner", "renderer", "verifier")
    }
    with ThreadPoolExecutor() as pool:
        list(pool.map(Service.start, parts.values()))
    urls = {f"{role}_url": part.url for role, part in parts.items()}
    gateways = {
        "services_base64": Service(
            "gateway",
            free_port(),
            service_env(workdir / "gateway-base64", gateway_workers=str(workers), **urls),
            workdir / "gateway-base64.log",
        ),
        "services_reference": Service(
            "gateway",
            free_port(),
            service_env(workdir / "gateway-reference", gateway_workers=str(workers), **urls, **shared),
            workdir / "gateway-reference.log",
        ),
    }
    with ThreadPoolExecutor() as pool:
        list(pool.map(Service.start, gateways.values()))
    return {**parts, **gateways}


def _pid(service: Service) -> int:
    assert service.process is not None, f"{service.role} was never started"
    return service.process.pid


def one_request(client: httpx.Client, url: str, size: str) -> float:
    started = time.perf_counter()
    response = client.post(f"{url}/v1/images/generations", json=_body(size), timeout=600)
    response.raise_for_status()
    assert response.json()["tessera"][0]["passed"]
    return time.perf_counter() - started


def throughput(url: str, clients: int, requests: int, size: str) -> dict[str, float]:
    """`requests` requests from `clients` concurrent clients (each its own connection); requests per minute."""
    with ThreadPoolExecutor(clients) as pool, httpx.Client() as client:
        started = time.perf_counter()
        latencies = list(pool.map(lambda _: one_request(client, url, size), range(requests)))
        seconds = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": requests,
        "seconds": round(seconds, 2),
        "per_minute": round(requests / seconds * 60, 1),
        "latency_median_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(sorted(latencies)[max(0, int(0.95 * len(latencies)) - 1)], 3),
    }


def stage_medians(home: Path) -> dict[str, float]:
    """Median seconds of each graph node over the runs under `home`, from their traces."""
    seconds: dict[str, list[float]] = {}
    for trace in home.glob("runs/*/trace.jsonl"):
        for line in trace.read_text(encoding="utf-8").splitlines():
            event = json.loads(line)
            seconds.setdefault(event["node"], []).append(event["seconds"])
    return {node: round(statistics.median(values), 4) for node, values in seconds.items()}


def sequential(requests: int, modes: dict[str, Timed]) -> None:
    """`requests` requests per mode, taking turns."""
    for _ in range(requests):
        for one in modes.values():
            one()


def one_process_throughput(workdir: Path, clients: list[int], requests: int, size: str) -> list[dict[str, float]]:
    workers = str(max(clients))
    single = Service("all", free_port(), service_env(workdir / "all", gateway_workers=workers), workdir / "all.log")
    single.start()
    try:
        with httpx.Client() as client:
            one_request(client, single.url, size)
        return [throughput(single.url, count, max(requests, count), size) for count in clients]
    finally:
        single.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=12, help="requests per measurement (at least the client count)")
    parser.add_argument("--clients", type=int, nargs="*", default=[1, 4, 16], help="none: per-request figures only")
    parser.add_argument("--size", default="1024x1024", help="the canvas, WIDTHxHEIGHT")
    args = parser.parse_args()
    size = args.size
    with tempfile.TemporaryDirectory(prefix="tessera-bench-services-") as tmp:
        workdir = Path(tmp)
        single_rows = one_process_throughput(workdir, args.clients, args.requests, size) if args.clients else []
        services = start_services(workdir, workers=max([*args.clients, 4]))
        try:
            client = httpx.Client()
            modes = {"embedded": Timed(embedded_request(workdir / "embedded", size), [psutil.Process().pid])}
            parts = [_pid(services[role]) for role in ("planner", "renderer", "verifier")]
            for mode in MODES[1:]:
                url = services[mode].url
                one_request(client, url, size)  # warm every service

                def one(url: str = url) -> None:
                    one_request(client, url, size)

                modes[mode] = Timed(one, [_pid(services[mode]), *parts])
            sequential(args.requests, modes)
            stages = {
                "embedded": stage_medians(workdir / "embedded"),
                "services_base64": stage_medians(workdir / "gateway-base64"),
                "services_reference": stage_medians(workdir / "gateway-reference"),
            }
            rows = {
                mode: [throughput(services[mode].url, count, max(args.requests, count), size) for count in args.clients]
                for mode in MODES[1:]
            }
            client.close()
        finally:
            for service in services.values():
                service.stop()
    medians = {mode: statistics.median(timed.seconds) for mode, timed in modes.items()}
    cpu = {mode: timed.cpu_seconds / args.requests for mode, timed in modes.items()}
    result = {
        "brief": BRIEF,
        "size": size,
        "requests": args.requests,
        "median_s": {mode: round(value, 3) for mode, value in medians.items()},
        "ratio_to_embedded": {mode: round(value / medians["embedded"], 2) for mode, value in medians.items()},
        "cpu_s_per_request": {mode: round(value, 3) for mode, value in cpu.items()},
        "cpu_ratio_to_embedded": {mode: round(value / cpu["embedded"], 2) for mode, value in cpu.items()},
        "stage_median_s": stages,
        "throughput_one_process": single_rows,
        "throughput_services": rows,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
