"""Tessera for coding agents: an MCP server with tools to make, edit, render and inspect verified images.

`tessera mcp` serves it over stdio with an Engine of its own (`serve_stdio`); the gateway serves it over streamable
HTTP at /mcp behind its API keys (agents/services/_mcp.py, a `Runs` of its own). `build_server` builds it over any
`Runs` (`EngineRuns`: runs in this process), for tests and embedding.
"""

from tessera.agents.mcp._models import ImageResult, RunImage, RunList, TraceResult
from tessera.agents.mcp._runs import EngineRuns, Runs
from tessera.agents.mcp._server import build_server
from tessera.agents.mcp._stdio import serve_stdio

__all__ = [
    "EngineRuns",
    "ImageResult",
    "RunImage",
    "RunList",
    "Runs",
    "TraceResult",
    "build_server",
    "serve_stdio",
]
