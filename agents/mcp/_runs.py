"""Where the MCP tools' runs happen, and whose runs a caller sees.

Over stdio the server has an Engine of its own and drives each run in a worker thread; on the gateway the tools
go through the gateway's admission, queue and worker pool, as the Images API does, and see only the runs of the
API key that calls them (`_http.py`). Both tell the tools' progress through one callback, called from the thread
that drives the run.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import anyio
import anyio.to_thread
from mcp.server.mcpserver import Context

from tessera.agents.context import Progress
from tessera.agents.engine import Engine, RunOutcome, StartedRun
from tessera.agents.runs import RunFolder
from tessera.contract import RunRecord, TesseraError

Starter = Callable[[str | None, str | None], list[StartedRun]]
"""Records the runs of one tool call as queued (`Engine.start`, `start_variants`, `start_edit`), given the gateway
that drives them (owner) and the API key that asks (key_id)."""

OnProgress = Callable[[Progress], None]


@dataclass(frozen=True)
class Caller:
    """Who calls a tool: the id of their API key (None where no keys are asked for) and their address."""

    key_id: str | None = None
    client: str | None = None


class Runs(ABC):
    """Starts and drives the runs the tools ask for, and opens the runs a caller may see."""

    def __init__(self, engine: Engine, *, local: bool) -> None:
        self.engine = engine
        self.local = local
        """Whether the client shares this machine's disk (stdio): only then do file paths mean anything to it."""

    @abstractmethod
    def caller(self, ctx: Context) -> Caller:
        """Who makes this request."""

    @abstractmethod
    def open(self, run_id: str, caller: Caller) -> RunFolder:
        """The run's folder when `caller` may see it; RunNotFoundError otherwise."""

    @abstractmethod
    def records(self, limit: int, caller: Caller) -> list[RunRecord]:
        """The newest `limit` runs `caller` may see."""

    @abstractmethod
    async def launch(self, start: Starter, count: int, caller: Caller, on_progress: OnProgress) -> list[RunOutcome]:
        """Record the `count` runs `start` makes and carry each to its end; the first failure is raised once every
        run has ended."""

    def shown(self, message: str) -> str:
        """An error message as this transport's client may read it."""
        return message


class EngineRuns(Runs):
    """Runs in this process, for one user: the `tessera mcp` server over stdio."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, local=True)

    def caller(self, ctx: Context) -> Caller:
        return Caller()

    def open(self, run_id: str, caller: Caller) -> RunFolder:
        return self.engine.store.open(run_id)

    def records(self, limit: int, caller: Caller) -> list[RunRecord]:
        return self.engine.store.records(limit)

    async def launch(self, start: Starter, count: int, caller: Caller, on_progress: OnProgress) -> list[RunOutcome]:
        started = await anyio.to_thread.run_sync(start, None, None)
        results: list[RunOutcome | Exception] = []
        for run in started:  # one at a time: this process has one renderer and a few cores
            try:
                results.append(await anyio.to_thread.run_sync(self.engine.run, run, on_progress))
            except Exception as err:  # noqa: BLE001 - the run record keeps it; the others still get their turn
                results.append(err)
        return settled(started, results)


def settled(started: list[StartedRun], results: Sequence[RunOutcome | BaseException]) -> list[RunOutcome]:
    """The outcomes when every run ended done; else the first failure: a TesseraError naming its run, or the
    unexpected fault itself."""
    for run, result in zip(started, results, strict=True):
        if isinstance(result, TesseraError):
            raise TesseraError(f"run {run.run_id} failed: {result} (get_trace shows what happened)") from result
        if isinstance(result, BaseException):
            raise result
    return [result for result in results if isinstance(result, RunOutcome)]
