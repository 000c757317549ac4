"""The MCP tools: make an image, edit one in words, render a plan, read a run's trace, list runs.

Every tool answers a CallToolResult: the image tools a text summary an agent can act on without seeing the image,
a small preview and a link to the full file per image, with the same facts as structured output (`ImageResult`);
the read tools their structured output and its JSON. A TesseraError becomes a tool error with its message.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import anyio.to_thread
from mcp.server.mcpserver import Context
from mcp_types import CallToolResult, ContentBlock, ImageContent, ResourceLink, TextContent
from pydantic import BaseModel, Field

from tessera.agents._cli_json import run_line_json
from tessera.agents._trace_lines import describe
from tessera.agents.engine import RunOutcome, StartedRun
from tessera.agents.mcp._files import PREVIEW_BUDGET, export, mime_type, preview, resource_uri
from tessera.agents.mcp._models import (
    CheckLine,
    ImageFormat,
    ImageResult,
    Reasoning,
    RunImage,
    RunList,
    TraceResult,
    TraceStep,
)
from tessera.agents.mcp._progress import with_progress
from tessera.agents.mcp._runs import Caller, Runs, Starter
from tessera.agents.request import (
    BackgroundChoice,
    RunRequest,
    check_background_format,
    check_brief,
    check_variants,
    parse_size,
)
from tessera.contract import (
    MAX_BRIEF_CHARS,
    EditEvent,
    Effort,
    LayoutPlan,
    PlanEvent,
    RunStatus,
    TesseraError,
)
from tessera.planner import coverage_map

PLAN_BRIEF = "the plan as written"
"""The brief of a render_plan call that gives none: the reader finds nothing in it, so the plan's own texts and
parts are what the verifier checks."""
_MAX_LIST = 500

RunId = Annotated[str, Field(description="a run id, as an image tool or list_runs gave it", min_length=1)]
Format = Annotated[
    ImageFormat,
    Field(description="the full file's format: png, webp, jpeg, or svg (the same image with live, editable text)"),
]
Background = Annotated[
    BackgroundChoice,
    Field(description="transparent (alpha 0 where nothing is drawn; png, webp or svg), opaque, or auto"),
]


class Tools:
    """The tools of one server, over one place where runs happen (`Runs`)."""

    def __init__(self, runs: Runs) -> None:
        self.runs = runs
        self.engine = runs.engine

    async def generate_image(
        self,
        ctx: Context,
        brief: Annotated[
            str,
            Field(
                description="what to make, in words, with the exact texts in quotes, counts and colours: "
                "\"A poster for 'SPRING FAIR', 3 balloons, dark blue background\"",
                min_length=1,
                max_length=MAX_BRIEF_CHARS,
            ),
        ],
        size: Annotated[
            str, Field(description="WIDTHxHEIGHT in pixels (64-3840 a side, aspect at most 8:1), or auto")
        ] = "auto",
        effort: Annotated[
            Effort, Field(description="low: no revision; medium: up to 2 revisions; high: best of 3 plans, up to 4")
        ] = "medium",
        n: Annotated[int, Field(ge=1, le=10, description="variants: one style, different layouts; each verified")] = 1,
        format: Format = "png",
        background: Background = "auto",
    ) -> Annotated[CallToolResult, ImageResult]:
        """Make an image (a mockup, icon, diagram, banner, poster, slide, chart...) from a brief, with exact text
        and counts. Tessera plans a layout, draws it, and verifies the pixels (OCR reads every text, objects are
        counted, colours measured), revising until the checks pass. Answers the run id, the file, a small preview,
        and every check that failed or item it could not plan. Change the result with edit_image."""

        def start(owner: str | None, key_id: str | None) -> list[StartedRun]:
            request = RunRequest(
                brief=check_brief(brief),
                canvas=None if size == "auto" else parse_size(size),
                effort=effort,
                background=background,
            )
            check_background_format(background, None, format)
            if check_variants(n) == 1:
                return [self.engine.start(request, owner=owner, key_id=key_id)]
            return self.engine.start_variants(request, n, owner=owner, key_id=key_id)

        return await self._answer(ctx, lambda caller: self._make(ctx, caller, start, n, format))

    async def edit_image(
        self,
        ctx: Context,
        run_id: RunId,
        instruction: Annotated[
            str,
            Field(
                description='the change, in words: "make the background dark, remove the second balloon, change '
                "'TEAM ALPHA' to 'TEAM OMEGA'\"",
                min_length=1,
            ),
        ],
    ) -> Annotated[CallToolResult, ImageResult]:
        """Change an image Tessera made, in words: its plan is patched (texts, colours, counts, positions, sizes,
        fonts, icons, chart data) and drawn again as a new run linked to the old one, verified against the edit
        and every earlier requirement it did not touch. An instruction that cannot be applied is refused with the
        reason, and nothing changes."""

        async def edit(caller: Caller) -> CallToolResult:
            await anyio.to_thread.run_sync(self.runs.open, run_id, caller)  # another key's run: as if none

            def start(owner: str | None, key_id: str | None) -> list[StartedRun]:
                return [self.engine.start_edit(run_id, instruction, owner=owner, key_id=key_id)]

            return await self._make(ctx, caller, start, 1, "png")

        return await self._answer(ctx, edit)

    async def render_plan(
        self,
        ctx: Context,
        plan: Annotated[
            LayoutPlan,
            Field(description="a layout plan (version 2), e.g. get_trace's `plan` with your changes"),
        ],
        brief: Annotated[
            str | None,
            Field(
                description="the brief the plan answers, whose texts and counts are checked too; omit it to check "
                "the plan's own texts and parts",
                max_length=MAX_BRIEF_CHARS,
            ),
        ] = None,
        format: Format = "png",
        background: Background = "auto",
    ) -> Annotated[CallToolResult, ImageResult]:
        """Draw a layout plan you wrote or edited, exactly as written (no planner), and verify the image as
        generate_image does. Answers the same as generate_image."""

        def start(owner: str | None, key_id: str | None) -> list[StartedRun]:
            request = RunRequest(
                brief=check_brief(brief) if brief else PLAN_BRIEF, plan=plan, background=background, effort="low"
            )
            check_background_format(background, plan, format)
            return [self.engine.start(request, owner=owner, key_id=key_id)]

        return await self._answer(ctx, lambda caller: self._make(ctx, caller, start, 1, format))

    async def get_trace(self, ctx: Context, run_id: RunId) -> Annotated[CallToolResult, TraceResult]:
        """How a run went: the reading of its brief (constraints), which plan nodes carry each item (coverage), the
        kept plan (edit it and call render_plan), the verification report with every measurement, the model's
        reasoning, and the time each step took."""

        async def trace(caller: Caller) -> CallToolResult:
            return _structured(await anyio.to_thread.run_sync(self._trace, run_id, caller))

        return await self._answer(ctx, trace)

    async def list_runs(
        self,
        ctx: Context,
        limit: Annotated[int, Field(ge=1, le=_MAX_LIST, description="how many of the newest runs")] = 20,
        status: Annotated[
            RunStatus | None, Field(description="only runs in this state: queued, running, done, failed, cancelled")
        ] = None,
    ) -> Annotated[CallToolResult, RunList]:
        """The newest runs first: id, status, brief, whether the image passed, and for edits and variants the run
        they come from."""

        async def listing(caller: Caller) -> CallToolResult:
            def read() -> RunList:
                if status is None:
                    records = self.runs.records(limit, caller)
                else:
                    records = [r for r in self.runs.records(_MAX_LIST, caller) if r.status == status][:limit]
                return RunList(runs=[run_line_json(record) for record in records])

            return _structured(await anyio.to_thread.run_sync(read))

        return await self._answer(ctx, listing)

    async def _answer(self, ctx: Context, work: Callable[[Caller], Awaitable[CallToolResult]]) -> CallToolResult:
        """The tool's result, or a tool error carrying a TesseraError's message (never a traceback)."""
        try:
            caller = self.runs.caller(ctx)
            return await work(caller)
        except TesseraError as err:
            return CallToolResult(content=[TextContent(type="text", text=self.runs.shown(str(err)))], is_error=True)

    async def _make(
        self, ctx: Context, caller: Caller, start: Starter, count: int, image_format: ImageFormat
    ) -> CallToolResult:
        outcomes = await with_progress(ctx, lambda on_progress: self.runs.launch(start, count, caller, on_progress))
        return await anyio.to_thread.run_sync(self._images, outcomes, image_format)

    def _images(self, outcomes: list[RunOutcome], image_format: ImageFormat) -> CallToolResult:
        budget = PREVIEW_BUDGET // len(outcomes)
        images: list[RunImage] = []
        attachments: list[ContentBlock] = []
        for outcome in outcomes:
            folder = self.engine.store.open(outcome.run_id)
            record = folder.read_record()
            path = export(self.engine, folder, image_format)
            uri = resource_uri(outcome.run_id, image_format)
            images.append(
                RunImage(
                    run_id=outcome.run_id,
                    passed=outcome.passed,
                    summary=outcome.summary,
                    width=outcome.plan.canvas.width,
                    height=outcome.plan.canvas.height,
                    format=image_format,
                    uri=uri,
                    path=str(path) if self.runs.local else None,
                    failed=_failed(outcome),
                    not_planned=[f"{e.clause!r}: {e.reason}" for e in outcome.coverage if e.status == "not_planned"],
                    notices=[self.runs.shown(notice) for notice in outcome.notices],
                    parent_run_id=record.parent_run_id,
                    instruction=record.instruction,
                    variant=record.variant,
                )
            )
            data, preview_type = preview(outcome.image, budget)
            attachments.append(
                ImageContent(type="image", data=base64.b64encode(data).decode("ascii"), mime_type=preview_type)
            )
            attachments.append(
                ResourceLink(
                    type="resource_link",
                    uri=uri,
                    name=f"{outcome.run_id}.{image_format}",
                    description=f"the full image of run {outcome.run_id}",
                    mime_type=mime_type(image_format),
                    size=path.stat().st_size,
                )
            )
        result = ImageResult(passed=all(image.passed for image in images), images=images)
        return CallToolResult(
            content=[TextContent(type="text", text=_summary(result)), *attachments],
            structured_content=_as_published(result),
        )

    def _trace(self, run_id: str, caller: Caller) -> TraceResult:
        folder = self.runs.open(run_id, caller)
        record = folder.read_record()
        events = folder.read_trace()
        best = folder.best()
        constraints = folder.read_constraints() if (folder.path / "constraints.json").is_file() else None
        timings: dict[str, float] = {}
        for event in events:
            timings[event.node] = round(timings.get(event.node, 0.0) + event.seconds, 3)
        reasoning = [
            Reasoning(node=event.node, attempt=event.attempt, text=event.outputs.reasoning)
            for event in events
            if isinstance(event, PlanEvent | EditEvent) and event.outputs.reasoning
        ]
        steps = [
            TraceStep(node=e.node, attempt=e.attempt, seconds=e.seconds, lines=describe(e), notes=e.notes)
            for e in events
        ]
        if record.error is not None:
            record = record.model_copy(update={"error": self.runs.shown(record.error)})
        return TraceResult(
            run=record,
            constraints=constraints,
            coverage=coverage_map(constraints, best.plan) if constraints and best else [],
            plan=best.plan if best else None,
            report=best.report if best else None,
            reasoning=reasoning,
            timings=timings,
            steps=steps,
        )


def _structured(model: BaseModel) -> CallToolResult:
    """A read tool's answer: the model as structured output, and its JSON for clients that read only text."""
    structured = _as_published(model)
    return CallToolResult(
        content=[TextContent(type="text", text=json.dumps(structured, ensure_ascii=False))],
        structured_content=structured,
    )


def _as_published(model: BaseModel) -> dict[str, Any]:
    """The model as its output schema describes it: without computed properties (`passed` of a check), which the
    schema, built from the fields, does not allow."""
    return model.model_dump(mode="json", exclude_computed_fields=True)


def _failed(outcome: RunOutcome) -> list[CheckLine]:
    """What blocks the image from passing: failed checks, layout errors and (strict) checks nobody measured."""
    report = outcome.report
    checks = report.failures() + (report.unverified() if outcome.strict else [])
    lines = [
        CheckLine(
            id=check.constraint_id,
            kind=check.kind,
            status=check.status,
            expected=check.expected,
            measured=check.measured,
            fix=check.fix or None,
        )
        for check in checks
    ]
    lines += [
        CheckLine(id=lint.element_id, kind=f"layout {lint.code}", status="failed", expected="", measured=lint.message)
        for lint in report.errors()
    ]
    return lines


def _summary(result: ImageResult) -> str:
    """The result in words: enough to act on for an agent that cannot see the preview."""
    made = len(result.images)
    verdict = "passed" if result.passed else "NOT all passed" if made > 1 else "FAILED"
    lines = [f"Made {made} image{'s' if made > 1 else ''}: {verdict}."]
    # A notice every image has (the planner used, say) is said once, at the end.
    shared = [n for n in result.images[0].notices if all(n in image.notices for image in result.images)]
    for image in result.images:
        label = f"variant {image.variant}, " if image.variant is not None and made > 1 else ""
        edit = f" (edit of run {image.parent_run_id}: {image.instruction!r})" if image.parent_run_id else ""
        lines.append(
            f"run {image.run_id}{edit}: {label}{'passed' if image.passed else 'FAILED'} - {image.summary}; "
            f"{image.width}x{image.height} {image.format}"
        )
        if image.path is not None:
            lines.append(f"  file: {image.path}")
        lines.append(f"  resource: {image.uri}")
        for check in image.failed:
            fix = f"; to fix: {check.fix}" if check.fix else ""
            lines.append(
                f"  {check.status.replace('_', ' ')}: {check.kind} {check.id}: expected {check.expected}, "
                f"measured {check.measured}{fix}"
            )
        lines += [f"  not planned: {item}" for item in image.not_planned]
        lines += [f"  notice: {notice}" for notice in image.notices if notice not in shared]
    lines += [f"notice: {notice}" for notice in shared]
    lines.append(
        "Next: edit_image(run_id, instruction) changes an image in words; get_trace(run_id) shows its plan and "
        "every measurement; render_plan(plan) draws a plan you edited."
    )
    return "\n".join(lines)
