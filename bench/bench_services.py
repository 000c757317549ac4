"""Services mode against embedded mode: per-request overhead, and requests per minute at 1, 4 and 16 clients.

Baselines, measured in the same run: `Engine.generate` in this process (the embedded mode,
imports and fonts already warm) for per-request time, and `tessera serve --role all` (the
gateway with every part inside its one process) for requests per minute. Services mode: planner,
renderer and verifier each their own `tessera serve` process, the gateway in front, clients calling POST
/v1/images/generations over loopback HTTP. Both use the rules planner and effort low (one
plan, one render, one verify), so the work per image is the same and the difference is the
HTTP hops, the PNG encoding between parts and the gateway's bookkeeping.

    PYTHONPATH=. .venv/bin/python bench/bench_services.py --requests 12 --clients 1 4 16
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tessera.agents import Engine, RunRequest, Settings
from tests.service_fixtures import Service, free_port, service_env

BRIEF = (
    "A launch poster on a deep blue background. Headline 'GRAND OPENING'. "
    "Below it 'Saturday 10 AM'. Exactly 5 red balloons across the top."
)
SIZE = "1024x1024"


def _body() -> dict[str, object]:
    return {"prompt": BRIEF, "size": SIZE, "quality": "low", "planner": "rules"}


def embedded(requests: int, home: Path) -> list[float]:
    engine = Engine(Settings(home=home))
    request = RunRequest(brief=BRIEF, canvas=None, effort="low", planner="rules")
    engine.generate(request)  # warm: fonts, OCR models
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        outcome = engine.generate(request)
        times.append(time.perf_counter() - started)
        assert outcome.passed
    return times


def start_services(workdir: Path, workers: int) -> tuple[Service, list[Service]]:
    parts = [
        Service(role, free_port(), service_env(workdir / role), workdir / f"{role}.log")
        for role in ("planner", "renderer", "verifier")
    ]
    for part in parts:
        part.start()
    urls = {f"{p.role}_url": p.url for p in parts}
    gateway = Service(
        "gateway",
        free_port(),
        service_env(workdir / "gateway", gateway_workers=str(workers), **urls),
        workdir / "gateway.log",
    )
    return gateway.start(), parts


def one_request(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    response = client.post(f"{url}/v1/images/generations", json=_body(), timeout=600)
    response.raise_for_status()
    assert response.json()["tessera"][0]["passed"]
    return time.perf_counter() - started


def throughput(url: str, clients: int, requests: int) -> dict[str, float]:
    """`requests` requests from `clients` concurrent clients (each its own connection); requests per minute."""
    with ThreadPoolExecutor(clients) as pool, httpx.Client() as client:
        started = time.perf_counter()
        latencies = list(pool.map(lambda _: one_request(client, url), range(requests)))
        seconds = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": requests,
        "seconds": round(seconds, 2),
        "per_minute": round(requests / seconds * 60, 1),
        "latency_median_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(sorted(latencies)[max(0, int(0.95 * len(latencies)) - 1)], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=12, help="requests per measurement (at least the client count)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tessera-bench-services-") as tmp:
        workdir = Path(tmp)
        base = embedded(args.requests, workdir / "embedded")
        workers = str(max(args.clients))
        single = Service(
            "all", free_port(), service_env(workdir / "all", gateway_workers=workers), workdir / "all.log"
        ).start()
        try:
            with httpx.Client() as client:
                one_request(client, single.url)
            single_rows = [throughput(single.url, clients, max(args.requests, clients)) for clients in args.clients]
        finally:
            single.stop()
        gateway, parts = start_services(workdir, workers=max(args.clients))
        try:
            with httpx.Client() as client:
                one_request(client, gateway.url)  # warm every service
                sequential = [one_request(client, gateway.url) for _ in range(args.requests)]
            rows = [throughput(gateway.url, clients, max(args.requests, clients)) for clients in args.clients]
        finally:
            for service in (gateway, *parts):
                service.stop()
    embedded_median = statistics.median(base)
    services_median = statistics.median(sequential)
    result = {
        "brief": BRIEF,
        "size": SIZE,
        "embedded_median_s": round(embedded_median, 3),
        "embedded_per_minute": round(60 / embedded_median, 1),
        "services_median_s": round(services_median, 3),
        "overhead_ratio": round(services_median / embedded_median, 2),
        "overhead_s": round(services_median - embedded_median, 3),
        "throughput_one_process": single_rows,
        "throughput_services": rows,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
