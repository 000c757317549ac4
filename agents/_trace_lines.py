"""`tessera trace`'s text: each trace event as the lines a user reads, from its node's typed payload."""

from __future__ import annotations

import json

from tessera.contract import (
    CandidatesEvent,
    CandidatesOutputs,
    CheckStatus,
    Constraint,
    EditEvent,
    Element,
    GroundEvent,
    ModelCall,
    ObjectGroup,
    PictureElement,
    PlanEvent,
    PlanOutputs,
    RenderEvent,
    RenderOutputs,
    ShapeElement,
    TextElement,
    TokenUsage,
    TraceEvent,
    UnderstandEvent,
    VerificationReport,
    VerifyEvent,
)

# The same words as the CLI's table, padded so that the checks line up.
_VERDICTS: dict[CheckStatus, str] = {"passed": "passed      ", "failed": "FAILED      ", "not_verified": "not verified"}


def describe(event: TraceEvent) -> list[str]:
    """What one step saw, decided and measured, a line each."""
    if isinstance(event, UnderstandEvent):
        return [_describe_constraint(item) for item in event.outputs.constraints.items]
    if isinstance(event, CandidatesEvent):
        return _describe_candidates(event.outputs)
    if isinstance(event, PlanEvent):
        return _describe_plan(event.outputs)
    if isinstance(event, RenderEvent):
        return _describe_render(event.outputs)
    if isinstance(event, VerifyEvent):
        return _describe_report(event.outputs.report)
    if isinstance(event, EditEvent):
        return _describe_edit(event)
    if isinstance(event, GroundEvent):
        return _describe_grounding(event)
    verdict = "passed" if event.outputs.passed else "FAILED"
    return [f"best attempt {event.outputs.best_attempt}: {verdict}; {event.outputs.summary}"]


def _describe_edit(event: EditEvent) -> list[str]:
    """The instruction, each change in words, and the patch, an operation a line."""
    edit = event.outputs
    lines = [f"edit of run {event.inputs.parent_run_id} by {edit.planner}: {event.inputs.instruction!r}"]
    lines += [f"change: {change}" for change in edit.changes]
    lines += [f"patch: {json.dumps(op.as_rfc6902(), ensure_ascii=False)}" for op in edit.patch]
    if edit.touched:
        lines.append(f"earlier constraints it changes: {', '.join(edit.touched)}")
    return lines


def _describe_grounding(event: GroundEvent) -> list[str]:
    """The decision, each query and what it found, and each fact with its source."""
    grounding = event.outputs
    lines = [f"{'grounded' if grounding.needed else 'not grounded'} ({event.inputs.provider}): {grounding.reason}"]
    for search in grounding.searches:
        found = f"error: {search.error}" if search.error else f"{len(search.results)} results"
        lines.append(f"query {search.query!r}: {found}{' (cached)' if search.cached else ''}")
        lines += [f"  result: {result.title[:70]!r} {result.url}" for result in search.results]
    for fact in grounding.facts:
        label = f"{fact.label}: " if fact.label else ""
        lines.append(f"fact {fact.slot} {label}{fact.text!r} from {fact.url} (chosen by {grounding.chooser})")
    lines += [f"notice: {notice}" for notice in grounding.notices]
    for call in grounding.calls:
        lines.extend(_describe_call(call))
    return lines


def _describe_constraint(item: Constraint) -> str:
    detail = item.model_dump(mode="json", exclude={"kind", "id", "source"}, exclude_none=True)
    return f'{item.kind} {item.id}: {json.dumps(detail, ensure_ascii=False)}  <- "{item.source.quote}"'


def _describe_plan(outputs: PlanOutputs) -> list[str]:
    canvas = outputs.plan.canvas
    lines = [f"planner: {outputs.planner}  canvas {canvas.width}x{canvas.height}"]
    for element in outputs.plan.elements:
        box = element.box
        # A planner's tree leaves most places to the layout; only the render's plan has a box on every node.
        where = (f"({box.x},{box.y} {box.w}x{box.h})" if box else "(laid out)") + f" z{element.z}"
        lines.append(f"{element.kind:7} {element.id:14} {where}  {_what(element)}")
    for call in outputs.calls:
        lines.extend(_describe_call(call))
    if outputs.reasoning and not outputs.calls:
        lines.append(f"reasoning: {outputs.reasoning}")
    if outputs.fallback:
        lines.append(f"fallback: {outputs.fallback}")
    return lines


def _describe_candidates(outputs: CandidatesOutputs) -> list[str]:
    """A line per candidate, best first: its seed, template, checks and design score, then why the first won."""
    lines = []
    for candidate in outputs.candidates:
        mark = "kept" if candidate.chosen else "    "
        template = f"template {candidate.template}" if candidate.template else "no template"
        lines.append(f"{mark} seed {candidate.seed} ({template}, plan {candidate.plan_hash}): {candidate.summary}")
        if candidate.design is not None:
            lines.append(f"     {candidate.design.summary()}")
    lines.append(f"why: {outputs.reason}")
    return lines


def _what(element: Element) -> str:
    if isinstance(element, ObjectGroup):
        look = f"{element.look}: {element.prompt}" if element.prompt else element.look
        return f"{element.count} x {element.object_class} ({look})"
    if isinstance(element, TextElement):
        return element.text
    if isinstance(element, PictureElement):
        return element.prompt
    if isinstance(element, ShapeElement):
        return element.shape
    return element.kind


def _describe_render(outputs: RenderOutputs) -> list[str]:
    lines = [f"image: {outputs.image}"]
    for item in outputs.manifest.items:
        if item.generator:
            steps = [s for s in outputs.progress if s.element_id == item.element_id]
            took = f", {len(steps)} steps, done at {steps[-1].seconds:.2f} s" if steps else ""
            lines.append(f"generated {item.element_id} with {item.generator}{took}")
    return lines


def _describe_report(report: VerificationReport) -> list[str]:
    lines = []
    for check in report.checks:
        what = f"{check.kind} {check.constraint_id}" + (" (from the plan)" if check.origin == "plan" else "")
        lines.append(f"{_VERDICTS[check.status]} {what}: expected {check.expected}; measured {check.measured}")
        if check.evidence:
            lines.append(f"     {check.evidence}")
        if check.fix:
            lines.append(f"     fix: {check.fix}")
        if check.evidence_image:
            lines.append(f"     evidence image: {check.evidence_image}")
    lines.extend(f"{f.severity} {f.code} {f.element_id}: {f.message}" for f in report.lint)
    if report.design is not None:
        lines.append(report.design.summary())
        lines.extend(f"     {part.aspect} {part.score:.2f}: {part.reason}" for part in report.design.parts)
    return lines


def _describe_call(call: ModelCall) -> list[str]:
    """A model call in a few lines: purpose, cost, the prompt's last message, reasoning, the raw reply, problems."""
    usage = call.usage or TokenUsage()
    tokens = f"{usage.prompt_tokens}+{usage.completion_tokens} tokens"
    head = f"model call ({call.purpose}): {call.model}, {tokens}, {call.seconds:.1f} s"
    lines = [head + (", streamed" if call.streamed else "")]
    if call.messages:
        lines.append(f"  prompt ({call.messages[-1]['role']}): {_clip(call.messages[-1]['content'])}")
    if call.reasoning:
        lines.append(f"  reasoning: {_clip(call.reasoning)}")
    if call.output:
        lines.append(f"  reply: {_clip(call.output)}")
    lines.extend(f"  problem: {problem}" for problem in call.problems)
    if call.error:
        lines.append(f"  error: {call.error}")
    return lines


def _clip(text: str, limit: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else f"{flat[:limit]}... ({len(flat)} characters; --json shows all)"
