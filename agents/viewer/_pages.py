"""What the viewer's pages show, read from run folders into plain values the templates lay out.

Nothing here writes HTML: the templates do, with jinja2's autoescape, so every string a user or a model wrote
reaches the page as text.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, get_args

from tessera.agents.runs import RunFolder, RunStore
from tessera.contract import (
    ENDED_STATUSES,
    ConstraintCheck,
    Constraints,
    EditEvent,
    GroundEvent,
    LayoutPlan,
    LintFinding,
    ModelCall,
    PlanEvent,
    RenderEvent,
    RunNotFoundError,
    RunRecord,
    RunStatus,
    TraceEvent,
    VerificationReport,
)
from tessera.contract.edits import PlanEdit
from tessera.contract.grounding import Grounding

RUN_STATUSES: tuple[str, ...] = get_args(RunStatus)
MAX_DIFF_LINES = 400  # a revision that moves everything is summarised by its node changes; the lines stop here
_SUMMARY_FIELDS = ("text", "object_class", "prompt", "name", "shape", "chart", "layout", "role")


@dataclass(frozen=True)
class RunRow:
    """One line of the run list."""

    record: RunRecord
    time: str
    has_image: bool

    @property
    def revisions(self) -> int:
        """Attempts after the first."""
        return max(self.record.iterations - 1, 0)


@dataclass(frozen=True)
class Mark:
    """A highlight over some words of the brief: a constraint (by id, with its verdict) or an unplanned clause."""

    kind: str  # "constraint" or "unplanned"
    item: str
    status: str
    title: str


@dataclass(frozen=True)
class Segment:
    """A stretch of the brief and the highlights over all of it, outermost first."""

    text: str
    marks: list[Mark]


@dataclass(frozen=True)
class ConstraintRow:
    """A constraint of the brief and the kept attempt's verdict on it."""

    item: str
    kind: str
    words: str
    expected: str
    measured: str
    status: str
    nodes: list[str]
    reason: str


@dataclass(frozen=True)
class Overlay:
    """A drawn part on the image, placed in percent of the canvas so it scales with the picture."""

    node: str
    label: str
    kind: str
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class TreeNode:
    """A plan node as the tree shows it."""

    id: str
    kind: str
    summary: str
    box: str
    children: list[TreeNode]


@dataclass(frozen=True)
class CheckRow:
    """A check of the report, with the plan node it looked at and its evidence crop's address."""

    check: ConstraintCheck
    node: str
    ocr: str
    evidence_url: str | None


@dataclass(frozen=True)
class DiffLine:
    """One line of a plan diff: 'ins', 'del', 'hunk' or 'same'."""

    op: str
    text: str


@dataclass(frozen=True)
class PlanDiff:
    """What a revision changed: each node change in words, and the lines of the plans' JSON that differ."""

    changes: list[str]
    lines: list[DiffLine]
    more_lines: int


@dataclass
class Iteration:
    """One attempt: plan, image with its drawn parts, report, and why it differs from the one before."""

    attempt: int
    kept: bool
    node: str  # the step that wrote its plan: plan, revise
    planner: str
    canvas: tuple[int, int]
    has_image: bool
    overlays: list[Overlay]
    tree: TreeNode
    report: VerificationReport | None
    checks: list[CheckRow]
    lint: list[LintFinding]
    reasoning: str | None
    notes: list[str]
    fallback: str | None
    problems: list[str]
    prompts: list[ModelCall]  # the model requests behind the plan, as sent, with their replies
    diff: PlanDiff | None = None
    causes: list[ConstraintCheck] = field(default_factory=list)
    cause_lint: list[LintFinding] = field(default_factory=list)

    def node_status(self, node: str) -> str:
        """The worst verdict of the checks that looked at `node`; 'none' when none did."""
        statuses = {row.check.status for row in self.checks if node in row.check.element_ids}
        return next((s for s in ("failed", "not_verified", "passed") if s in statuses), "none")


@dataclass(frozen=True)
class Timing:
    """How long one step took."""

    node: str
    attempt: int
    seconds: float
    share: float  # of the slowest step, 0-100, for the bar


@dataclass(frozen=True)
class Lineage:
    """The run's parent (an edit's), the edits of it, and its sibling variants."""

    parent: str | None
    children: list[RunRecord]
    variants: list[RunRecord]


@dataclass
class RunPage:
    """Everything the run page shows."""

    record: RunRecord
    time: str
    live: bool
    segments: list[Segment]
    constraints: list[ConstraintRow]
    iterations: list[Iteration]
    edit: PlanEdit | None
    grounding: Grounding | None
    timings: list[Timing]
    notices: list[str]
    lineage: Lineage
    total_seconds: float


def shown_time(stamp: str) -> str:
    """A record's ISO time as a person reads it, in UTC."""
    try:
        return datetime.fromisoformat(stamp).strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return stamp


def run_rows(store: RunStore, records: list[RunRecord]) -> list[RunRow]:
    """The run list's lines for these records."""
    rows = []
    for record in records:
        image = None
        if record.best_iteration is not None:
            image = store.open(record.run_id).image_path(record.best_iteration)
        has_image = image is not None and image.is_file()
        rows.append(RunRow(record=record, time=shown_time(record.created_at), has_image=has_image))
    return rows


def image_attempt(folder: RunFolder) -> int | None:
    """The attempt whose image stands for the run: the kept one, else the latest drawn so far."""
    record = folder.read_record()
    if record.best_iteration is not None and folder.image_path(record.best_iteration).is_file():
        return record.best_iteration
    attempts = [n for n in _attempts(folder) if folder.image_path(n).is_file()]
    return attempts[-1] if attempts else None


def run_page(store: RunStore, folder: RunFolder, visible: list[RunRecord]) -> RunPage:
    """The run page of `folder`; `visible`: the records the caller may see, for the lineage."""
    record = folder.read_record()
    trace = folder.read_trace()
    constraints = _constraints(folder)
    attempts = _attempts(folder)
    kept = record.best_iteration if record.best_iteration is not None else (attempts[-1] if attempts else None)
    iterations = [_iteration(folder, trace, attempt, kept) for attempt in attempts]
    for previous, current in zip(iterations, iterations[1:], strict=False):
        current.diff = _plan_diff(_laid_out_plan(folder, trace, previous.attempt), folder.read_plan(current.attempt))
        if previous.report is not None:
            current.causes = previous.report.failures()
            current.cause_lint = [f for f in previous.report.lint if f.severity == "error"]
    kept_report = next((i.report for i in iterations if i.attempt == kept), None)
    edit = next((e.outputs for e in trace if isinstance(e, EditEvent)), None)
    grounding = next((e.outputs for e in trace if isinstance(e, GroundEvent)), None)
    notices = list(record.notices) + (list(grounding.notices) if grounding else [])
    return RunPage(
        record=record,
        time=shown_time(record.created_at),
        live=record.status not in ENDED_STATUSES,
        segments=brief_segments(constraints, kept_report) if constraints else [Segment(record.brief, [])],
        constraints=_constraint_rows(constraints, kept_report) if constraints else [],
        iterations=iterations,
        edit=edit,
        grounding=grounding,
        timings=_timings(trace),
        notices=notices,
        lineage=_lineage(record, visible),
        total_seconds=round(sum(e.seconds for e in trace), 3),
    )


def _attempts(folder: RunFolder) -> list[int]:
    attempts: list[int] = []
    while folder.plan_path(len(attempts)).is_file():
        attempts.append(len(attempts))
    return attempts


def _constraints(folder: RunFolder) -> Constraints | None:
    try:
        return folder.read_constraints()
    except RunNotFoundError:
        return None


def _verdicts(constraints: Constraints, report: VerificationReport | None) -> dict[str, str]:
    """Each constraint's status on the kept attempt: a not-planned coverage entry wins, then the report's check."""
    statuses = {item.id: "not_verified" for item in constraints.items}
    if report is not None:
        for check in report.checks:
            if check.origin == "brief" and check.constraint_id in statuses:
                statuses[check.constraint_id] = check.status
    for entry in constraints.not_planned():
        if entry.item in statuses:
            statuses[entry.item] = "not_planned"
    return statuses


def brief_segments(constraints: Constraints, report: VerificationReport | None) -> list[Segment]:
    """The brief cut where any highlight starts or ends, each piece with the highlights over it.

    Highlights overlap ("5 red balloons across the top" holds the count and the colour): nested marks show
    every one, the longest outermost.
    """
    brief = constraints.brief
    statuses = _verdicts(constraints, report)
    checks = {c.constraint_id: c for c in report.checks if c.origin == "brief"} if report else {}
    spans: list[tuple[int, int, Mark]] = []
    for item in constraints.items:
        if item.source.end > item.source.start:
            check = checks.get(item.id)
            title = f"{item.id} ({item.kind}): {check.expected if check else item.source.quote}"
            spans.append((item.source.start, item.source.end, Mark("constraint", item.id, statuses[item.id], title)))
    for entry in [*constraints.not_planned(), *constraints.left_out]:
        start, end = entry.span
        if end > start:
            reason = f"not planned: {entry.reason}" if entry.reason else "not planned"
            spans.append((start, end, Mark("unplanned", entry.item or "", "not_planned", reason)))
    ends = [min(edge, len(brief)) for start, end, _ in spans for edge in (start, end)]
    cuts = sorted({0, len(brief), *ends})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = sorted((s for s in spans if s[0] <= start and s[1] >= end), key=lambda s: (s[0] - s[1], s[0]))
        segments.append(Segment(brief[start:end], [mark for _, _, mark in over]))
    return segments


def _constraint_rows(constraints: Constraints, report: VerificationReport | None) -> list[ConstraintRow]:
    statuses = _verdicts(constraints, report)
    checks = {c.constraint_id: c for c in report.checks if c.origin == "brief"} if report else {}
    coverage = {entry.item: entry for entry in constraints.coverage if entry.item}
    rows = []
    for item in constraints.items:
        check, entry = checks.get(item.id), coverage.get(item.id)
        rows.append(
            ConstraintRow(
                item=item.id,
                kind=item.kind,
                words=item.source.quote,
                expected=check.expected if check else "",
                measured=check.measured if check else "",
                status=statuses[item.id],
                nodes=list(entry.nodes) if entry else [],
                reason=entry.reason if entry else "",
            )
        )
    return rows


def _plan_event(trace: list[TraceEvent], attempt: int) -> PlanEvent | None:
    return next((e for e in reversed(trace) if isinstance(e, PlanEvent) and e.attempt == attempt), None)


def _render_event(trace: list[TraceEvent], attempt: int) -> RenderEvent | None:
    return next((e for e in reversed(trace) if isinstance(e, RenderEvent) and e.attempt == attempt), None)


def _laid_out_plan(folder: RunFolder, trace: list[TraceEvent], attempt: int) -> LayoutPlan:
    """The attempt's plan as drawn (every node with its box): what a revision starts from."""
    render = _render_event(trace, attempt)
    drawn = render.outputs.manifest.plan if render else None
    return drawn if drawn is not None else folder.read_plan(attempt)


def _iteration(folder: RunFolder, trace: list[TraceEvent], attempt: int, kept: int | None) -> Iteration:
    stored = folder.read_iteration(attempt)
    event = _plan_event(trace, attempt)
    canvas = stored.plan.canvas
    overlays = [
        Overlay(
            node=part.id.split("#", 1)[0],
            label=part.id,
            kind=part.kind,
            left=round(100 * part.box.x / canvas.width, 3),
            top=round(100 * part.box.y / canvas.height, 3),
            width=round(100 * part.box.w / canvas.width, 3),
            height=round(100 * part.box.h / canvas.height, 3),
        )
        for part in stored.drawn or []
    ]
    report = stored.report
    checks = [
        CheckRow(
            check=check,
            node=check.element_ids[0] if check.element_ids else "",
            ocr=check.evidence if check.kind == "text" else "",
            evidence_url=f"/runs/{folder.run_id}/evidence/{check.evidence_image}" if check.evidence_image else None,
        )
        for check in (report.checks if report else [])
    ]
    outputs = event.outputs if event else None
    calls = list(outputs.calls) if outputs else []
    if attempt == 0:
        calls = [c for e in trace if isinstance(e, EditEvent) for c in e.outputs.calls] + calls
    reasoning = [text for text in [outputs.reasoning if outputs else None, *(c.reasoning for c in calls)] if text]
    return Iteration(
        attempt=attempt,
        kept=attempt == kept,
        node=event.node if event else ("plan" if attempt == 0 else "revise"),
        planner=outputs.planner if outputs else "",
        canvas=(canvas.width, canvas.height),
        has_image=stored.image is not None,
        overlays=overlays,
        tree=_tree(_laid_out_plan(folder, trace, attempt) if stored.image else stored.plan),
        report=report,
        checks=checks,
        lint=list(report.lint) if report else [],
        reasoning="\n\n".join(dict.fromkeys(reasoning)) or None,
        notes=list(outputs.notes) if outputs else [],
        fallback=outputs.fallback if outputs else None,
        problems=list(outputs.problems) if outputs else [],
        prompts=calls,
    )


def _tree(plan: LayoutPlan) -> TreeNode:
    def node(data: dict[str, Any]) -> TreeNode:
        box = data.get("box")
        return TreeNode(
            id=data["id"],
            kind=data["kind"],
            summary=_summary(data),
            box=f"{box['x']},{box['y']} {box['w']}×{box['h']}" if box else "",
            children=[node(child) for child in data.get("children", [])],
        )

    return node(plan.root.model_dump(mode="json"))


def _summary(data: dict[str, Any]) -> str:
    parts = []
    for name in _SUMMARY_FIELDS:
        value = data.get(name)
        if value in (None, ""):
            continue
        if name == "object_class":
            parts.append(f"{data.get('count', '')} × {value}")
        elif name == "text":
            parts.append(json.dumps(value, ensure_ascii=False))
        else:
            parts.append(f"{name} {value}")
    return ", ".join(parts)


def _flat(plan: LayoutPlan) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}

    def walk(data: dict[str, Any]) -> None:
        nodes[data["id"]] = {k: v for k, v in data.items() if k != "children"}
        nodes[data["id"]]["children"] = [child["id"] for child in data.get("children", [])]
        for child in data.get("children", []):
            walk(child)

    walk(plan.root.model_dump(mode="json"))
    return nodes


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def _field_change(name: str, was: Any, now: Any) -> str:
    """One field's change in words; a box as where it moved and how its size changed, not as two JSON objects."""
    if name == "box" and isinstance(was, dict) and isinstance(now, dict):
        said = []
        if (was["x"], was["y"]) != (now["x"], now["y"]):
            said.append(f"moved from ({was['x']}, {was['y']}) to ({now['x']}, {now['y']})")
        if (was["w"], was["h"]) != (now["w"], now["h"]):
            said.append(f"resized from {was['w']}×{was['h']} to {now['w']}×{now['h']} px")
        return ", ".join(said)
    if was is None:
        return f"{name} set to {_short(now)}"
    if now is None:
        return f"{name} {_short(was)} removed"
    return f"{name} {_short(was)} → {_short(now)}"


def _plan_diff(before: LayoutPlan, after: LayoutPlan) -> PlanDiff:
    """The changes from `before` to `after`, node by node in words, then the differing lines of their JSON."""
    old, new = _flat(before), _flat(after)
    changes = [f"added {new[i]['kind']} {i!r}" for i in new if i not in old]
    changes += [f"removed {old[i]['kind']} {i!r}" for i in old if i not in new]
    for node_id in (i for i in new if i in old):
        for name in sorted(set(old[node_id]) | set(new[node_id])):
            was, now = old[node_id].get(name), new[node_id].get(name)
            if was != now:
                changes.append(f"{node_id}: {_field_change(name, was, now)}")
    for name in ("canvas", "background"):
        was, now = before.model_dump(mode="json")[name], after.model_dump(mode="json")[name]
        if was != now:
            changes.append(f"{name} {_short(was)} → {_short(now)}")
    old_lines = json.dumps(before.model_dump(mode="json"), indent=1, ensure_ascii=False).splitlines()
    new_lines = json.dumps(after.model_dump(mode="json"), indent=1, ensure_ascii=False).splitlines()
    lines = []
    for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        op = {"+": "ins", "-": "del", "@": "hunk"}.get(line[:1], "same")
        lines.append(DiffLine(op, line[1:] if op in ("ins", "del", "same") else line))
    return PlanDiff(changes=changes, lines=lines[:MAX_DIFF_LINES], more_lines=max(len(lines) - MAX_DIFF_LINES, 0))


def _timings(trace: list[TraceEvent]) -> list[Timing]:
    slowest = max((e.seconds for e in trace), default=0.0) or 1.0
    return [Timing(e.node, e.attempt, e.seconds, round(100 * e.seconds / slowest, 1)) for e in trace]


def _lineage(record: RunRecord, visible: list[RunRecord]) -> Lineage:
    children = [r for r in visible if r.parent_run_id == record.run_id]
    variants = []
    if record.variant_group is not None:
        variants = [r for r in visible if r.variant_group == record.variant_group and r.run_id != record.run_id]
        variants.sort(key=lambda r: r.variant or 0)
    return Lineage(parent=record.parent_run_id, children=children, variants=variants)
