"""How many runs may wait for a worker, and how fast one key may ask: the gateway's load shedding.

A request for n images reserves n queue places at once or none; a worker taking a run (or a cancel of a queued
run) gives its place back. Admission is called on the event loop and released from worker threads: one lock
guards the counts, the rate windows and the recent run durations the Retry-After estimate reads.
"""

from __future__ import annotations

import logging
import math
import statistics
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass
from typing import Literal

from tessera.agents.settings import Settings
from tessera.contract import OverloadedError, RequestError

log = logging.getLogger("tessera.gateway")

RATE_WINDOW_S = 60.0
RETRY_AFTER_MAX_S = 300  # past five minutes an estimate says nothing a client can plan with
_RUN_SECONDS_GUESS = 10.0  # a run's length before this gateway has seen one end
_RECENT_RUNS = 50
RejectReason = Literal["queue_full", "key_queue_full", "rate_limited"]
"""Why a request was refused, as /metrics labels it."""


@dataclass
class _Asked:
    """Images one caller asked for inside the rate window: (monotonic time, count), oldest first."""

    entries: deque[tuple[float, int]]
    total: int = 0

    def forget_before(self, moment: float) -> None:
        while self.entries and self.entries[0][0] <= moment:
            self.total -= self.entries.popleft()[1]


class Admission:
    """Bounds the gateway's queue (in total and per key) and each key's rate; refusals are OverloadedError (429)."""

    def __init__(self, settings: Settings) -> None:
        services = settings.services
        self.max_queue = services.max_queue
        self.max_queue_per_key = services.max_queue_per_key
        self.rate_per_minute = services.rate_limit_per_minute
        self.workers = services.gateway_workers
        self._lock = threading.Lock()
        self._queued = 0
        self._queued_by_key: Counter[str] = Counter()
        self._asked: dict[str, _Asked] = {}
        self._swept_at = time.monotonic()
        self._run_seconds: deque[float] = deque(maxlen=_RECENT_RUNS)
        self._rejected: Counter[RejectReason] = Counter()

    @property
    def queued(self) -> int:
        """Runs waiting for a worker now."""
        return self._queued

    def rejections(self) -> dict[RejectReason, int]:
        """Requests refused so far, by reason."""
        with self._lock:
            return dict(self._rejected)

    def admit(self, key_id: str | None, count: int, *, client: str | None = None) -> None:
        """Reserve `count` queue places for `key_id`; OverloadedError (with retry_after_s) when there is no room.

        Without API keys (`key_id` None) the rate limit counts per `client` address and only the total bound
        applies. RequestError when `count` alone is over a bound: waiting would never help.
        """
        caller = key_id if key_id is not None else f"client {client or 'unknown'}"
        self._check_possible(key_id, count)
        with self._lock:
            now = time.monotonic()
            self._refuse_over_rate(caller, count, now)
            self._refuse_over_queue(key_id, count)
            self._queued += count
            if key_id is not None:
                self._queued_by_key[key_id] += count
            if self.rate_per_minute:
                asked = self._asked.setdefault(caller, _Asked(deque()))
                asked.entries.append((now, count))
                asked.total += count

    def restore(self, key_id: str | None, count: int = 1) -> None:
        """Count `count` runs that are already queued (a restarted gateway's) without checking any bound."""
        with self._lock:
            self._queued += count
            if key_id is not None:
                self._queued_by_key[key_id] += count

    def dequeue(self, key_id: str | None) -> None:
        """One of `key_id`'s runs left the queue: a worker took it, or it was cancelled before one did."""
        with self._lock:
            if self._queued == 0:
                log.warning("a run left the queue, but the gateway counted none waiting; the count stays at 0")
                return
            self._queued -= 1
            if key_id is not None and self._queued_by_key[key_id] > 0:
                self._queued_by_key[key_id] -= 1
                if not self._queued_by_key[key_id]:
                    del self._queued_by_key[key_id]

    def ran(self, seconds: float) -> None:
        """A run took `seconds` from the worker taking it to its end: the pace Retry-After estimates from."""
        with self._lock:
            self._run_seconds.append(seconds)

    def _check_possible(self, key_id: str | None, count: int) -> None:
        if count > self.max_queue:
            raise RequestError(
                f"{count} images at once is more than TESSERA_MAX_QUEUE={self.max_queue} allows; "
                f"ask for at most {self.max_queue}"
            )
        if key_id is not None and count > self.max_queue_per_key:
            raise RequestError(
                f"{count} images at once is more than one key may have waiting "
                f"(TESSERA_MAX_QUEUE_PER_KEY={self.max_queue_per_key}); ask for at most {self.max_queue_per_key}"
            )
        if self.rate_per_minute and count > self.rate_per_minute:
            raise RequestError(
                f"{count} images at once is more than the rate limit allows in a minute "
                f"(TESSERA_RATE_LIMIT_PER_MINUTE={self.rate_per_minute}); ask for at most {self.rate_per_minute}"
            )

    def _refuse_over_rate(self, caller: str, count: int, now: float) -> None:
        if not self.rate_per_minute:
            return
        self._sweep(now)
        asked = self._asked.get(caller)
        if asked is None:
            return
        asked.forget_before(now - RATE_WINDOW_S)
        if asked.total + count <= self.rate_per_minute:
            return
        # Wait until enough of the oldest images leave the window for `count` more to fit.
        freed, wait = asked.total + count - self.rate_per_minute, 0.0
        for moment, images in asked.entries:
            freed -= images
            wait = moment + RATE_WINDOW_S - now
            if freed <= 0:
                break
        self._reject(
            "rate_limited",
            f"rate limit: {self.rate_per_minute} images a minute per API key (or client, without keys), and "
            f"{asked.total} were asked for in the last minute; wait and retry, or ask an operator to raise "
            "TESSERA_RATE_LIMIT_PER_MINUTE",
            math.ceil(wait),
        )

    def _refuse_over_queue(self, key_id: str | None, count: int) -> None:
        if self._queued + count > self.max_queue:
            over = self._queued + count - self.max_queue
            self._reject(
                "queue_full",
                f"the queue is full: {self._queued} runs are waiting for a worker and {count} more would pass "
                f"TESSERA_MAX_QUEUE={self.max_queue}; retry later",
                self._estimate_wait(over, share=1.0),
            )
        if key_id is None:
            return
        mine = self._queued_by_key[key_id]
        if mine + count > self.max_queue_per_key:
            # Places this key gives back come at its share of the queue's pace.
            self._reject(
                "key_queue_full",
                f"this API key has {mine} runs waiting for a worker and {count} more would pass "
                f"TESSERA_MAX_QUEUE_PER_KEY={self.max_queue_per_key}; retry when some have started",
                self._estimate_wait(mine + count - self.max_queue_per_key, share=mine / max(self._queued, 1)),
            )

    def _estimate_wait(self, places: int, *, share: float) -> int:
        """Seconds until `places` queue places free up, when the workers take runs at the recent pace."""
        pace = statistics.median(self._run_seconds) if self._run_seconds else _RUN_SECONDS_GUESS
        return math.ceil(places * pace / (self.workers * max(share, 1e-3)))

    def _reject(self, reason: RejectReason, message: str, retry_after_s: int) -> None:
        self._rejected[reason] += 1
        raise OverloadedError(message, retry_after_s=min(RETRY_AFTER_MAX_S, max(1, retry_after_s)))

    def _sweep(self, now: float) -> None:
        """Forget callers who asked for nothing in the last window, so that many addresses cannot grow memory."""
        if now - self._swept_at < RATE_WINDOW_S:
            return
        self._swept_at = now
        for caller in list(self._asked):
            asked = self._asked[caller]
            asked.forget_before(now - RATE_WINDOW_S)
            if not asked.entries:
                del self._asked[caller]
