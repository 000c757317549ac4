"""The MCP server in memory: the SDK's own client against `build_server(EngineRuns(engine))`, with real renders and
real OCR. Lists the tools with their schemas, makes an image, reads its trace, renders an edited plan, reads the
image as a resource, hears progress, keeps previews small, and answers errors as tool errors."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp.shared.exceptions import MCPError
from mcp_types import BlobResourceContents, CallToolResult, ImageContent, ResourceLink
from PIL import Image

from tessera.agents import Engine, Settings
from tessera.agents.mcp import EngineRuns, ImageResult, TraceResult, build_server
from tessera.agents.mcp._files import PREVIEW_BUDGET, PREVIEW_EDGE, preview
from tests.mcp_flow import check, text_of, walk

pytestmark = pytest.mark.slow

BRIEF = "A label with the headline 'FRESH BREAD'"
TOOLS = {"generate_image", "edit_image", "render_plan", "get_trace", "list_runs"}
T = TypeVar("T")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("mcp") / "home"))
    try:
        yield engine
    finally:
        engine.close()


@pytest.fixture(scope="module")
def server(engine: Engine) -> MCPServer:
    return build_server(EngineRuns(engine))


def with_client(server: MCPServer, work: Callable[[Client], Awaitable[T]]) -> T:
    async def session() -> T:
        async with Client(server) as client:
            return await work(client)

    return anyio.run(session)


def call(server: MCPServer, tool: str, arguments: dict[str, Any]) -> CallToolResult:
    return with_client(server, lambda client: client.call_tool(tool, arguments))


@pytest.fixture(scope="module")
def made(server: MCPServer) -> CallToolResult:
    """One image made through generate_image."""
    return call(server, "generate_image", {"brief": BRIEF, "size": "320x200", "effort": "low"})


def image_result(result: CallToolResult) -> ImageResult:
    assert not result.is_error, result.content
    return ImageResult.model_validate(result.structured_content)


def test_tools_are_listed_with_schemas_and_descriptions(server: MCPServer) -> None:
    listed = with_client(server, lambda client: client.list_tools()).tools
    assert {tool.name for tool in listed} == TOOLS
    by_name = {tool.name: tool for tool in listed}
    for tool in listed:
        assert tool.description and len(tool.description) > 60, tool.name
        assert tool.output_schema is not None, tool.name
        assert tool.input_schema["type"] == "object"
    generate = by_name["generate_image"].input_schema
    assert generate["required"] == ["brief"]
    assert set(generate["properties"]) == {"brief", "size", "effort", "n", "format", "background"}
    assert generate["properties"]["n"]["maximum"] == 10
    assert by_name["edit_image"].input_schema["required"] == ["run_id", "instruction"]
    # An agent writes plans from the schema render_plan publishes: the whole layout plan is in it.
    assert "LayoutPlan" in json.dumps(by_name["render_plan"].input_schema)
    assert by_name["get_trace"].annotations is not None and by_name["get_trace"].annotations.read_only_hint


def test_generate_answers_summary_preview_and_link(made: CallToolResult) -> None:
    result = image_result(made)
    assert result.passed and len(result.images) == 1
    image = result.images[0]
    assert (image.width, image.height) == (320, 200)
    assert image.path is not None and Path(image.path).is_file()  # in-process: the client shares the disk
    summary = text_of(made)
    assert image.run_id in summary and image.path in summary and "passed" in summary
    _, shown, link = made.content
    assert isinstance(shown, ImageContent) and isinstance(link, ResourceLink)
    assert str(link.uri) == image.uri == f"tessera://runs/{image.run_id}/image.png"
    assert link.size == Path(image.path).stat().st_size
    with Image.open(io.BytesIO(base64.b64decode(shown.data))) as small:
        assert small.format == "JPEG" and shown.mime_type == "image/jpeg" and small.size == (320, 200)


def test_generate_edit_trace_render_in_memory(server: MCPServer) -> None:
    """The flow every transport walks; `check` also asks for progress on each step of the first run."""
    check(with_client(server, walk))


def test_ten_variants_fit_one_result(server: MCPServer) -> None:
    """n=10 at 1024x1024: ten verified variants, each with a preview and a link, in one result well under the
    1 MB clients take."""
    brief = "A poster for 'SPRING FAIR' with 3 balloons, the date 'MAY 4' and the line 'music, food and games'"
    arguments = {"brief": brief, "size": "1024x1024", "effort": "low", "n": 10}
    made = call(server, "generate_image", arguments)
    result = image_result(made)
    assert [image.variant for image in result.images] == list(range(10))
    assert all(image.passed for image in result.images), text_of(made)
    assert sum(isinstance(block, ImageContent) for block in made.content) == 10
    assert sum(isinstance(block, ResourceLink) for block in made.content) == 10
    assert len(made.model_dump_json(by_alias=True)) < 700_000


def test_trace_shows_reading_plan_report_and_timings(server: MCPServer, made: CallToolResult) -> None:
    run_id = image_result(made).images[0].run_id
    traced = call(server, "get_trace", {"run_id": run_id})
    assert not traced.is_error, traced.content
    trace = TraceResult.model_validate(traced.structured_content)
    assert trace.run.run_id == run_id and trace.run.status == "done"
    assert trace.constraints is not None and trace.plan is not None and trace.report is not None
    assert [entry.status for entry in trace.coverage] == ["planned"]
    assert {"understand", "plan", "render", "verify"} <= set(trace.timings)
    assert [step.node for step in trace.steps][:4] == ["understand", "plan", "render", "verify"]
    assert any("FRESH BREAD" in line for step in trace.steps for line in step.lines)
    assert json.loads(text_of(traced))["run"]["run_id"] == run_id


def test_render_plan_writes_svg_when_asked(server: MCPServer, made: CallToolResult) -> None:
    run_id = image_result(made).images[0].run_id
    plan = call(server, "get_trace", {"run_id": run_id}).structured_content["plan"]  # type: ignore[index]
    image = image_result(call(server, "render_plan", {"plan": plan, "format": "svg"})).images[0]
    assert image.format == "svg" and image.uri.endswith("/image.svg")
    assert image.path is not None and "FRESH BREAD" in Path(image.path).read_text(encoding="utf-8")


def test_resource_read_gives_the_full_image(server: MCPServer, made: CallToolResult) -> None:
    image = image_result(made).images[0]
    read = with_client(server, lambda client: client.read_resource(image.uri))
    [contents] = read.contents
    assert isinstance(contents, BlobResourceContents) and contents.mime_type == "image/png"
    assert base64.b64decode(contents.blob) == Path(image.path or "").read_bytes()
    webp = with_client(server, lambda client: client.read_resource(image.uri.replace(".png", ".webp")))
    assert base64.b64decode(webp.contents[0].blob)[8:12] == b"WEBP"  # type: ignore[union-attr]


def test_list_runs_filters_by_status(server: MCPServer, made: CallToolResult) -> None:
    run_id = image_result(made).images[0].run_id
    done = call(server, "list_runs", {"status": "done", "limit": 50}).structured_content or {}
    assert run_id in [run["run_id"] for run in done["runs"]]
    failed = call(server, "list_runs", {"status": "failed"}).structured_content or {}
    assert all(run["status"] == "failed" for run in failed["runs"])


@pytest.mark.parametrize(
    ("tool", "arguments", "words"),
    [
        ("get_trace", {"run_id": "20990101-000000-abcdef"}, "no run"),
        ("generate_image", {"brief": BRIEF, "size": "10x10"}, "between 64 and 3840"),
        ("generate_image", {"brief": BRIEF, "format": "jpeg", "background": "transparent"}, "alpha"),
        ("edit_image", {"run_id": "20990101-000000-abcdef", "instruction": "make it red"}, "no run"),
    ],
)
def test_errors_are_tool_errors_with_their_message(
    server: MCPServer, tool: str, arguments: dict[str, Any], words: str
) -> None:
    result = call(server, tool, arguments)
    assert result.is_error
    assert words in text_of(result) and "Traceback" not in text_of(result)


def test_an_edit_that_cannot_apply_is_refused_and_makes_no_run(server: MCPServer, made: CallToolResult) -> None:
    run_id = image_result(made).images[0].run_id
    before = call(server, "list_runs", {"limit": 500}).structured_content or {}
    refused = call(server, "edit_image", {"run_id": run_id, "instruction": "change 'NOPE' to 'YES'"})
    assert refused.is_error and "no text says 'NOPE'" in text_of(refused)
    after = call(server, "list_runs", {"limit": 500}).structured_content or {}
    assert after["runs"] == before["runs"]


def test_unknown_resource_is_a_protocol_error(server: MCPServer) -> None:
    async def read(client: Client) -> MCPError:
        with pytest.raises(MCPError) as raised:
            await client.read_resource("tessera://runs/20990101-000000-abcdef/image.png")
        return raised.value

    assert "no run" in str(with_client(server, read))


def test_previews_of_ten_images_fit_one_result(made: CallToolResult) -> None:
    """Ten big images, as n=10 makes: the previews together stay under the budget, well under the 1 MB clients
    take, and each is still a picture to look at."""
    path = Path(image_result(made).images[0].path or "")
    noisy = path.with_name("noisy-4k.png")
    Image.effect_noise((3840, 2160), 90).convert("RGB").save(noisy)
    try:
        previews = [preview(noisy, PREVIEW_BUDGET // 10) for _ in range(10)]
    finally:
        noisy.unlink()
    encoded = sum(len(base64.b64encode(data)) for data, _ in previews)
    assert encoded < 700_000
    with Image.open(io.BytesIO(previews[0][0])) as small:
        assert max(small.size) <= PREVIEW_EDGE and min(small.size) >= 50
