"""How many runs may wait for a worker, and how fast one key may ask (skeleton: helper H5 fills it in)."""

from __future__ import annotations

from tessera.agents.settings import Settings


class Admission:
    """Bounds the gateway's queue (in total and per key) and each key's rate; refusals are OverloadedError (429)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def admit(self, key_id: str | None, count: int) -> None:
        """Reserve `count` queue places for `key_id`; OverloadedError (with retry_after_s) when there is no room."""

    def dequeue(self, key_id: str | None) -> None:
        """One of `key_id`'s runs left the queue: a worker took it, or it was cancelled before one did."""
