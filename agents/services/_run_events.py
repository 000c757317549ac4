"""A run's progress as server-sent events, read from its run folder: any server sharing the runs folder can serve
them, whichever process drives the run."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from tessera.agents.runs import RunFolder
from tessera.contract import ENDED_STATUSES

_EVENT_POLL_S = 0.2


async def follow_run(folder: RunFolder, request: Request, start: int = 0) -> AsyncIterator[dict[str, str]]:
    """Every stored progress event from the `start`-th on, then new ones as they come, then one 'end' event with
    the run's status."""
    sent = start
    while True:
        events = await run_in_threadpool(folder.read_events, sent)
        for event in events:
            yield {"event": "progress", "data": _json(event), "id": str(sent)}
            sent += 1
        record = await run_in_threadpool(folder.read_record)
        if record.status in ENDED_STATUSES:
            if not await run_in_threadpool(folder.read_events, sent):  # nothing written since the last read
                yield {
                    "event": "end",
                    "data": _json(
                        {
                            "status": record.status,
                            "passed": record.passed,
                            "error": record.error,
                            "summary": record.summary,
                        }
                    ),
                }
                return
            continue
        if await request.is_disconnected():
            return
        await asyncio.sleep(_EVENT_POLL_S)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
