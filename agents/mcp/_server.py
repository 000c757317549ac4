"""The MCP server: Tessera's tools and the run images as resources, over one place where runs happen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import get_args

import anyio.to_thread
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError
from mcp_types import ToolAnnotations

from tessera.agents.mcp._files import export, mime_type
from tessera.agents.mcp._models import ImageFormat
from tessera.agents.mcp._runs import Runs
from tessera.agents.mcp._tools import Tools
from tessera.contract import RunNotFoundError, TesseraError

INSTRUCTIONS = """\
Tessera makes images with exact text and counts (mockups, icons, diagrams, banners, posters, slides, charts) and \
verifies every image it makes: OCR reads each text back, objects are counted, colours measured. \
Call generate_image with a brief that quotes the exact texts; read the summary (pass/fail, failed checks, items it \
could not plan) even when you cannot see the preview. Change a result in words with edit_image, or edit the plan \
from get_trace and draw it with render_plan. The full file is the resource link's URI (resources/read)."""

_READS = ToolAnnotations(read_only_hint=True, idempotent_hint=True, open_world_hint=False)
_MAKES = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False)


def build_server(runs: Runs) -> MCPServer:
    """Tessera's MCP server over `runs`: the tools `generate_image`, `edit_image`, `render_plan`, `get_trace` and
    `list_runs`, and each run's image as the resource `tessera://runs/{run_id}/image.{png,webp,jpeg,svg}`."""
    server: MCPServer = MCPServer("tessera", title="Tessera", instructions=INSTRUCTIONS)
    tools = Tools(runs)
    server.add_tool(tools.generate_image, title="Generate a verified image", annotations=_MAKES)
    server.add_tool(tools.edit_image, title="Edit an image in words", annotations=_MAKES)
    server.add_tool(tools.render_plan, title="Render and verify a layout plan", annotations=_MAKES)
    server.add_tool(tools.get_trace, title="Read a run's trace", annotations=_READS)
    server.add_tool(tools.list_runs, title="List runs", annotations=_READS)
    for image_format in get_args(ImageFormat):
        server.resource(
            f"tessera://runs/{{run_id}}/image.{image_format}",
            name=f"run-image-{image_format}",
            description=f"a run's kept image as {image_format}",
            mime_type=mime_type(image_format),
        )(_image_reader(runs, image_format))
    return server


def _image_reader(runs: Runs, image_format: ImageFormat) -> Callable[[str, Context], Awaitable[bytes]]:
    async def read_image(run_id: str, ctx: Context) -> bytes:
        def read() -> bytes:
            folder = runs.open(run_id, runs.caller(ctx))
            return export(runs.engine, folder, image_format).read_bytes()

        try:
            return await anyio.to_thread.run_sync(read)
        except RunNotFoundError as err:
            raise ResourceNotFoundError(runs.shown(str(err))) from None
        except TesseraError as err:
            raise ResourceError(runs.shown(str(err))) from None

    return read_image
