"""The engine's progress events as MCP progress notifications.

The engine calls `on_progress` from the thread that drives a run; each event crosses to the event loop through
a memory stream and goes to the client as `notifications/progress` (the session sends nothing when the client's
request carried no progress token). Progress is advisory: an event that finds the call already over is dropped
rather than failing the run.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio
import anyio.from_thread
import anyio.lowlevel
from mcp.server.mcpserver import Context

from tessera.agents.context import Progress
from tessera.agents.mcp._runs import OnProgress

T = TypeVar("T")
log = logging.getLogger("tessera.mcp")


async def with_progress(ctx: Context, work: Callable[[OnProgress], Awaitable[T]]) -> T:
    """`work`'s result, with a thread-safe `on_progress` that reports each event to the client meanwhile; the count
    of events so far is the progress (no total: revisions depend on what the verifier finds). What `work` raises is
    raised as it is."""
    send, receive = anyio.create_memory_object_stream[Progress](math.inf)
    loop = anyio.lowlevel.current_token()

    def on_progress(event: Progress) -> None:
        try:
            anyio.from_thread.run_sync(send.send_nowait, event, token=loop)
        except (RuntimeError, anyio.ClosedResourceError, anyio.BrokenResourceError):
            pass  # the call is over (RunFinishedError is a RuntimeError): nobody waits for this event

    async def forward() -> None:
        count = 0
        async with receive:
            async for event in receive:
                count += 1
                where = f" (revision {event.attempt})" if event.attempt else ""
                try:
                    await ctx.report_progress(count, None, f"{event.node}{where}: {event.message}")
                except Exception as err:  # noqa: BLE001 - a client that stops listening must not stop the run
                    log.info("progress no longer reaches the client: %s", err)
                    return

    result: list[T] = []
    failure: list[Exception] = []
    async with anyio.create_task_group() as group:
        group.start_soon(forward)
        try:
            result.append(await work(on_progress))
        except Exception as err:  # noqa: BLE001 - raised below, outside the group, which would wrap it
            failure.append(err)
        finally:
            send.close()
    if failure:
        raise failure[0]
    return result[0]
