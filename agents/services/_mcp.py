"""The MCP server on the gateway: streamable HTTP at /mcp, behind the same API keys as every other route.

The tools run through the gateway's own path: admission (queue places and rate per key), runs recorded as the
gateway's and the key's, and the gateway's worker pool, as POST /v1/images/generations does; a key sees only its
own runs, in tools and in `resources/read`, and replies lose the server's file paths. Stateless: each request
stands alone, so any gateway sharing the runs folder can answer it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from mcp.server.mcpserver import Context
from mcp.server.transport_security import TransportSecuritySettings
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from tessera.agents.engine import RunOutcome
from tessera.agents.mcp import Runs, build_server
from tessera.agents.mcp._runs import Caller, OnProgress, Starter, settled
from tessera.agents.runs import RunFolder
from tessera.agents.services._access import ApiKeys, authenticated, open_owned, owned_records, without_server_paths
from tessera.agents.settings import Settings
from tessera.contract import RunRecord

if TYPE_CHECKING:
    from tessera.agents.services._gateway import Gateway

MCP_PATH = "/mcp"


class GatewayRuns(Runs):
    """The tools' runs as the gateway's: admitted, queued and driven by its workers, seen only by their key."""

    def __init__(self, gateway: Gateway, keys: ApiKeys | None) -> None:
        super().__init__(gateway.engine, local=False)
        self.gateway = gateway
        self.keys = keys

    def caller(self, ctx: Context) -> Caller:
        request = ctx.request_context.request
        if not isinstance(request, Request):
            return Caller()
        # The Authentication middleware refused a request without a known key before it reached /mcp; this names it.
        key_id = None if self.keys is None else authenticated(self.keys, request.headers.get("authorization"))
        return Caller(key_id=key_id, client=request.client.host if request.client else None)

    def open(self, run_id: str, caller: Caller) -> RunFolder:
        return open_owned(self.engine.store, run_id, caller.key_id)

    def records(self, limit: int, caller: Caller) -> list[RunRecord]:
        return owned_records(self.engine.store, limit, caller.key_id)

    async def launch(self, start: Starter, count: int, caller: Caller, on_progress: OnProgress) -> list[RunOutcome]:
        gateway, key = self.gateway, caller.key_id
        gateway.admission.admit(key, count, client=caller.client)
        try:
            started = await run_in_threadpool(start, gateway.owner, key)
        except BaseException:
            for _ in range(count):
                gateway.admission.dequeue(key)
            raise
        for run in started:
            gateway.queued(run.run_id, key)
        for _ in range(count - len(started)):
            gateway.admission.dequeue(key)
        results = await asyncio.gather(*(gateway.drive(run, on_progress) for run in started), return_exceptions=True)
        return settled(started, results)

    def shown(self, message: str) -> str:
        return without_server_paths(message)


class McpEndpoint:
    """Tessera's MCP server for one gateway: `mount` adds its route, `serving` runs its sessions (in the lifespan)."""

    def __init__(self, gateway: Gateway, settings: Settings) -> None:
        self.server = build_server(GatewayRuns(gateway, ApiKeys.from_settings(settings)))
        # The Host check the SDK offers for loopback servers is left off: the gateway answers to its public URL and
        # guards /mcp with its API keys, as it guards every other route.
        self._app = self.server.streamable_http_app(
            streamable_http_path=MCP_PATH,
            stateless_http=True,
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )

    def mount(self, app: FastAPI) -> None:
        """Serve the MCP endpoint at /mcp of `app` (its own route: every middleware of `app` applies)."""
        app.router.routes.extend(self._app.routes)

    @asynccontextmanager
    async def serving(self) -> AsyncIterator[None]:
        """Run the session manager for as long as the gateway serves."""
        async with self.server.session_manager.run():
            yield
