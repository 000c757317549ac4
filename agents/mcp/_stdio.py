"""`tessera mcp`: the MCP server over standard input and output, with an Engine of its own.

Standard output is the protocol: the Engine is built with Python's output sent to standard error, and while the
server runs the SDK points file descriptor 1 at standard error too, so that nothing a library prints can break a
message. Logs go to standard error.
"""

from __future__ import annotations

import contextlib
import sys

from tessera.agents.engine import Engine
from tessera.agents.mcp._runs import EngineRuns
from tessera.agents.mcp._server import build_server
from tessera.agents.settings import Settings


def serve_stdio(settings: Settings) -> None:
    """Serve Tessera's MCP tools over stdio until the client closes standard input."""
    with contextlib.redirect_stdout(sys.stderr):
        engine = Engine(settings)
    try:
        build_server(EngineRuns(engine)).run("stdio")
    finally:
        engine.close()
