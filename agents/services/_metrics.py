"""The gateway's Prometheus metrics at GET /metrics: runs, stage durations, the queue, refusals and HTTP requests.

Each gateway app has its own registry, so that several apps can live in one process (tests build many). What
changes on its own (the queue, runs running, refusals) is read when scraped; what happens once (a run ending,
a request answered) is counted when it happens. /metrics takes the same bearer key as every other route when
TESSERA_API_KEYS is set: a Prometheus job scrapes with `authorization: {credentials: KEY}`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter as Tally
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import get_args

from fastapi import Depends, FastAPI
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tessera.agents.services._access import caller_key
from tessera.agents.services._admission import Admission, RejectReason
from tessera.contract import ENDED_STATUSES, RunFolder

log = logging.getLogger("tessera.gateway")

# A run's steps take from milliseconds (understand) to minutes (a generative render on CPU).
_STAGE_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)
_REQUEST_BUCKETS = (0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
# Refusals the HTTP layer sees by status alone; the queue's and the rate limit's come from Admission.
_REJECT_OF_STATUS = {401: "unauthorized", 413: "too_large"}
_REJECT_REASONS = (*get_args(RejectReason), *_REJECT_OF_STATUS.values())


class GatewayMetrics:
    """One gateway's metrics and the registry /metrics exposes them from."""

    def __init__(self, admission: Admission) -> None:
        self.admission = admission
        self.registry = CollectorRegistry()
        self.runs_ended = Counter(
            "tessera_runs_ended", "Runs that ended here, by status", ["status"], registry=self.registry
        )
        self.stage_seconds = Histogram(
            "tessera_stage_seconds",
            "Seconds each step of a run took, by graph node (understand, plan, render, verify, revise, ...)",
            ["node"],
            buckets=_STAGE_BUCKETS,
            registry=self.registry,
        )
        self.http_requests = Counter(
            "tessera_http_requests",
            "HTTP requests answered, by method, route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.http_seconds = Histogram(
            "tessera_http_request_seconds",
            "Seconds from a request's arrival to the end of its reply, by route template",
            ["route"],
            buckets=_REQUEST_BUCKETS,
            registry=self.registry,
        )
        self._lock = threading.Lock()
        self._running = 0
        self._http_rejects: Tally[str] = Tally()
        self.registry.register(_LiveState(self))

    @property
    def running(self) -> int:
        """Runs a worker drives now."""
        return self._running

    def http_rejections(self) -> dict[str, int]:
        """Requests refused before any run was queued (no key, too large), by reason."""
        with self._lock:
            return dict(self._http_rejects)

    @contextmanager
    def driving(self, folder: RunFolder) -> Iterator[None]:
        """Count the run as running while the block drives it; then count how it ended and time its new steps."""
        seen = len(folder.read_trace())  # a resumed run's earlier steps were counted when they ran
        started = time.perf_counter()
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
            self.admission.ran(time.perf_counter() - started)
            self._observe_end(folder, seen)

    def answered(self, method: str, route: str, status: int, seconds: float) -> None:
        """One HTTP reply sent."""
        self.http_requests.labels(method, route, str(status)).inc()
        self.http_seconds.labels(route).observe(seconds)
        reason = _REJECT_OF_STATUS.get(status)
        if reason is not None:
            with self._lock:
                self._http_rejects[reason] += 1

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self.registry)

    def _observe_end(self, folder: RunFolder, seen: int) -> None:
        try:
            record = folder.read_record()
            steps = folder.read_trace()[seen:]
        except Exception as err:  # noqa: BLE001 - counting must never change how a run ends
            log.warning("run %s: its metrics could not be read: %s", folder.run_id, err)
            return
        if record.status in ENDED_STATUSES:
            self.runs_ended.labels(record.status).inc()
        for step in steps:
            self.stage_seconds.labels(step.node).observe(step.seconds)


class _LiveState(Collector):
    """What is true now, read at each scrape: the queue, the runs running, and the refusals so far."""

    def __init__(self, metrics: GatewayMetrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterable[Metric]:
        admission = self.metrics.admission
        active = GaugeMetricFamily("tessera_runs_active", "Runs queued for a worker or running now", labels=["status"])
        active.add_metric(["queued"], admission.queued)
        active.add_metric(["running"], self.metrics.running)
        yield active
        yield GaugeMetricFamily("tessera_queue_depth", "Runs waiting for a worker", value=admission.queued)
        yield GaugeMetricFamily(
            "tessera_queue_limit", "Runs that may wait for a worker (TESSERA_MAX_QUEUE)", value=admission.max_queue
        )
        refused = {reason: 0 for reason in _REJECT_REASONS}
        refused.update(admission.rejections())
        refused.update(self.metrics.http_rejections())
        rejects = CounterMetricFamily("tessera_rejects", "Requests refused, by reason", labels=["reason"])
        for reason, count in refused.items():
            rejects.add_metric([reason], count)
        yield rejects


class RequestMetrics:
    """Counts every HTTP reply by its route's template (`/v1/runs/{run_id}`, never the raw path: run ids would make
    a label set without bound) and status; requests no route matched count as `unmatched`."""

    def __init__(self, app: ASGIApp, metrics: GatewayMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the server answers when the app fails before replying

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.answered(scope["method"], route, status, time.perf_counter() - started)


def install_metrics(app: FastAPI, metrics: GatewayMetrics) -> None:
    """GET /metrics, behind the same key as the other routes."""

    @app.get("/metrics", include_in_schema=False, dependencies=[Depends(caller_key)])
    async def exposition() -> Response:
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


def count_requests(app: FastAPI, metrics: GatewayMetrics) -> None:
    """Count every HTTP reply of `app`. Add it last, as the outermost middleware, to count the replies other
    middlewares give before any route runs (401 without a key, 413 over the body limit) too."""
    app.add_middleware(RequestMetrics, metrics=metrics)
