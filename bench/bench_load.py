"""Load on loopback: a steady stream from many clients, then a burst, against the services with a queue bound.

Planner, renderer and verifier each run as their own `tessera serve` process, the gateway in front
with `TESSERA_MAX_QUEUE` set. First `--requests` generations from `--clients` concurrent clients, each
client honouring `Retry-After` when refused (so every request ends in an image); then `--burst`
clients all sending one generation at the same moment, each answered once (image or refusal). Every
reply must be an image or a 4xx with the error shape (a 429 with Retry-After); every image's run must
be recorded done, and no refused request may leave a run behind. Rules planner, effort low, a small
canvas: the work per image is the same, and the figures measure the services, not the parts.

Peak RSS per process is the kernel's high-water mark (VmHWM: psutil reads only the current RSS), read
after both phases; RSS before is each process warm, after one generation.

    PYTHONPATH=. .venv/bin/python bench/bench_load.py --requests 100 --clients 16 --burst 64
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
from prometheus_client.parser import text_string_to_metric_families

from tests.service_fixtures import Service, free_port, service_env

BRIEF = "A label reading 'UNDER LOAD' with exactly 2 apples"
SIZE = "512x512"
MAX_RETRIES = 20


@dataclass
class Outcome:
    """One request as its client saw it: each reply's status, the run it made, and the time to its image."""

    statuses: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    run_id: str | None = None
    seconds: float = 0.0


def _body() -> dict[str, object]:
    return {"prompt": BRIEF, "size": SIZE, "quality": "low", "planner": "rules"}


def _kind(response: httpx.Response) -> str:
    """What a refusal was, in a word: the error type the body names, or the status when the body has none."""
    try:
        return f"{response.status_code} {response.json()['error']['type']}"
    except (ValueError, KeyError, TypeError):
        return f"{response.status_code} (no error body)"


def generate(url: str, *, retry: bool) -> Outcome:
    """One generation; `retry`: wait as Retry-After says after each 429 until an image comes (or MAX_RETRIES)."""
    outcome = Outcome()
    started = time.perf_counter()
    with httpx.Client() as client:
        for _ in range(MAX_RETRIES if retry else 1):
            try:
                response = client.post(f"{url}/v1/images/generations", json=_body(), timeout=600)
            except httpx.HTTPError as err:
                outcome.statuses.append(0)
                outcome.errors.append(f"connection {type(err).__name__}")
                break
            outcome.statuses.append(response.status_code)
            if response.status_code == 200:
                outcome.run_id = response.headers["x-tessera-run-id"]
                outcome.seconds = time.perf_counter() - started
                break
            outcome.errors.append(_kind(response))
            if response.status_code != 429 or "retry-after" not in response.headers:
                break
            time.sleep(int(response.headers["retry-after"]))
    return outcome


def load(url: str, clients: int, requests: int, *, retry: bool, together: bool) -> tuple[list[Outcome], float]:
    """`requests` generations from `clients` threads; `together`: all of them released at one moment."""
    gate = threading.Barrier(clients) if together else None

    def one(_: int) -> Outcome:
        if gate is not None:
            gate.wait()
        return generate(url, retry=retry)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        outcomes = list(pool.map(one, range(requests)))
    return outcomes, time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1], 3)


def summary(outcomes: list[Outcome], seconds: float) -> dict[str, object]:
    images = [o for o in outcomes if o.run_id is not None]
    latencies = [o.seconds for o in images]
    return {
        "requests": len(outcomes),
        "images": len(images),
        "seconds": round(seconds, 2),
        "images_per_minute": round(len(images) / seconds * 60, 1),
        "latency_p50_s": _percentile(latencies, 0.50) if len(latencies) > 1 else None,
        "latency_p95_s": _percentile(latencies, 0.95) if len(latencies) > 1 else None,
        "replies_by_status": dict(sorted(Counter(s for o in outcomes for s in o.statuses).items())),
        "refusals_by_kind": dict(Counter(e for o in outcomes for e in o.errors)),
    }


def peak_rss_mib(service: Service) -> float:
    """The process's high-water RSS (VmHWM), MiB."""
    assert service.process is not None
    for line in Path(f"/proc/{service.process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmHWM in /proc: peak RSS is read on Linux only")


def rss_mib(service: Service) -> float:
    assert service.process is not None
    return round(psutil.Process(service.process.pid).memory_info().rss / 2**20, 1)


def recorded(url: str, made: list[str]) -> dict[str, object]:
    """What the gateway recorded: every run by status, and whether each image's run is there and done."""
    runs = httpx.get(f"{url}/v1/runs", params={"limit": 500}, timeout=60).json()
    status_of = {r["run_id"]: r["status"] for r in runs}
    return {
        "runs_recorded": len(runs),
        "runs_by_status": dict(Counter(status_of.values())),
        "every_image_run_done": all(status_of.get(run_id) == "done" for run_id in made),
        "runs_without_image": len(set(status_of) - set(made)),
    }


def scraped(url: str) -> dict[str, float]:
    text = httpx.get(f"{url}/metrics", timeout=30).text
    wanted = {"tessera_rejects_total", "tessera_runs_ended_total", "tessera_queue_depth"}
    return {
        f"{s.name}{{{','.join(f'{k}={v}' for k, v in s.labels.items())}}}": s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name in wanted and s.value
    }


def start_services(workdir: Path, workers: int, max_queue: int) -> list[Service]:
    parts = [
        Service(role, free_port(), service_env(workdir / role), workdir / f"{role}.log")
        for role in ("planner", "renderer", "verifier")
    ]
    for part in parts:
        part.start()
    urls = {f"{p.role}_url": p.url for p in parts}
    # Every bench client shares one loopback address: the per-client rate limit would measure itself, not the queue.
    settings = {"gateway_workers": str(workers), "max_queue": str(max_queue), "rate_limit_per_minute": "0"}
    gateway = Service("gateway", free_port(), service_env(workdir / "gateway", **settings, **urls), workdir / "gw.log")
    return [*parts, gateway.start()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="generations in the steady phase")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients in the steady phase")
    parser.add_argument("--burst", type=int, default=64, help="clients sending at one moment in the burst")
    parser.add_argument("--workers", type=int, default=4, help="TESSERA_GATEWAY_WORKERS")
    parser.add_argument("--max-queue", type=int, default=16, help="TESSERA_MAX_QUEUE")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tessera-bench-load-") as tmp:
        services = start_services(Path(tmp), args.workers, args.max_queue)
        gateway = services[-1]
        try:
            warm = generate(gateway.url, retry=False)
            assert warm.run_id is not None, warm.errors
            rss_before = {s.role: rss_mib(s) for s in services}
            steady, steady_s = load(gateway.url, args.clients, args.requests, retry=True, together=False)
            burst, burst_s = load(gateway.url, args.burst, args.burst, retry=False, together=True)
            made = [o.run_id for o in (warm, *steady, *burst) if o.run_id is not None]
            result = {
                "brief": BRIEF,
                "size": SIZE,
                "workers": args.workers,
                "max_queue": args.max_queue,
                "steady": {"clients": args.clients, **summary(steady, steady_s)},
                "burst": {"clients": args.burst, **summary(burst, burst_s)},
                "unclear_replies": sum(
                    1 for o in (*steady, *burst) for s in o.statuses if s != 200 and not 400 <= s < 500
                ),
                "recorded": recorded(gateway.url, made),
                "metrics": scraped(gateway.url),
                "rss_mib": {
                    s.role: {"warm": rss_before[s.role], "peak": peak_rss_mib(s), "after": rss_mib(s)} for s in services
                },
            }
        finally:
            for service in reversed(services):
                service.stop()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
