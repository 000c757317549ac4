"""The MCP flow every transport's test walks with the SDK's client: generate an image, edit it in words, read the
edit's trace, render its plan edited once more. Each step's image is checked by what the verifier's OCR read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mcp import Client
from mcp_types import CallToolResult, TextContent

from tessera.agents.mcp import ImageResult, RunImage, TraceResult

BRIEF = "A label with the headline 'FRESH BREAD'"
EDIT = "change 'FRESH BREAD' to 'HOT COFFEE'"


@dataclass
class Flow:
    """What the flow made: the generated image, its edit, the edit's trace, the rendered plan, the progress heard."""

    made: RunImage
    summary: str
    edited: RunImage
    trace: TraceResult
    rendered: RunImage
    rendered_trace: TraceResult
    heard: list[str] = field(default_factory=list)


def image_of(result: CallToolResult) -> RunImage:
    assert not result.is_error, result.content
    [image] = ImageResult.model_validate(result.structured_content).images
    return image


def text_of(result: CallToolResult) -> str:
    first = result.content[0]
    assert isinstance(first, TextContent)
    return first.text


def read_texts(trace: TraceResult) -> list[str]:
    """What the verifier read off the kept image for each text check that passed."""
    assert trace.report is not None
    return [check.measured for check in trace.report.checks if check.kind == "text" and check.status == "passed"]


async def walk(client: Client) -> Flow:
    heard: list[str] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        heard.append(message or "")

    arguments = {"brief": BRIEF, "size": "320x200", "effort": "low"}
    generated = await client.call_tool("generate_image", arguments, progress_callback=on_progress)
    made = image_of(generated)
    edited = image_of(await client.call_tool("edit_image", {"run_id": made.run_id, "instruction": EDIT}))
    traced = await client.call_tool("get_trace", {"run_id": edited.run_id})
    assert not traced.is_error, traced.content
    trace = TraceResult.model_validate(traced.structured_content)
    assert trace.plan is not None
    plan = _replaced(trace.plan.model_dump(mode="json"), "HOT COFFEE", "WARM TEA")
    rendering = {"plan": plan, "brief": "A label with the headline 'WARM TEA'"}
    rendered = image_of(await client.call_tool("render_plan", rendering))
    rendered_trace = await client.call_tool("get_trace", {"run_id": rendered.run_id})
    return Flow(
        made=made,
        summary=text_of(generated),
        edited=edited,
        trace=trace,
        rendered=rendered,
        rendered_trace=TraceResult.model_validate(rendered_trace.structured_content),
        heard=heard,
    )


def check(flow: Flow) -> None:
    """What every transport must show: each image passed, the edit is linked to its parent and reads the new text,
    and the run went through understand, plan, render and verify with progress for each."""
    assert flow.made.passed and flow.edited.passed and flow.rendered.passed
    assert flow.edited.parent_run_id == flow.made.run_id and flow.edited.instruction == EDIT
    assert flow.trace.run.parent_run_id == flow.made.run_id
    assert any("HOT COFFEE" in text for text in read_texts(flow.trace)), read_texts(flow.trace)
    assert any("WARM TEA" in text for text in read_texts(flow.rendered_trace)), read_texts(flow.rendered_trace)
    assert [message.split(":")[0] for message in flow.heard][:4] == ["understand", "plan", "render", "verify"]
    assert len({flow.made.run_id, flow.edited.run_id, flow.rendered.run_id}) == 3


def _replaced(value: Any, old: str, new: str) -> Any:
    if isinstance(value, dict):
        return {key: _replaced(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, old, new) for item in value]
    return new if value == old else value
