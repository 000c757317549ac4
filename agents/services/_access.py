"""Who may call the gateway and which runs they see (skeleton: helper H4 fills in authentication and ownership)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from tessera.agents.runs import RunFolder, RunStore
from tessera.contract import RunRecord


def caller_key(request: Request) -> str | None:
    """The id of the API key the request carries (a digest, never the key); None when no keys are configured."""
    return None


Caller = Annotated[str | None, Depends(caller_key)]


def open_owned(store: RunStore, run_id: str, key_id: str | None) -> RunFolder:
    """The run's folder when `key_id` may see it; RunNotFoundError otherwise (as if it did not exist)."""
    return store.open(run_id)


def owned_records(store: RunStore, limit: int, key_id: str | None) -> list[RunRecord]:
    """The newest `limit` runs `key_id` may see."""
    return store.records(limit)


def public_base(request: Request) -> str:
    """The base of the URLs a reply carries."""
    return str(request.base_url).rstrip("/")
