"""The embedded engine: the graph with the parts `agents/parts.py` builds, a run store and a checkpointer.

A run's life: `start` records it as queued and keeps its input as the graph's first checkpoint; `take` moves it to
running (a cancel may come first); `drive` carries it to done, failed or cancelled. `reopen` queues a failed or
cancelled run again from its last checkpoint, and `pick_up` a run whose gateway stopped while it was queued or
running. The outcome is read from the run folder, so a checkpoint lost after the run finished cannot undo it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel, ConfigDict, Field

from tessera.agents._edit import check_instruction, edit_of
from tessera.agents._variants import layout_seeds, repeated_images
from tessera.agents.checkpoints import Checkpoints, open_checkpoints
from tessera.agents.context import Progress, RunContext
from tessera.agents.graph import RunCancelledError, build_graph, judged, read_brief
from tessera.agents.parts import build_parts, grounder_for
from tessera.agents.request import MAX_REVISION_LIMIT, MAX_REVISIONS, PlannerChoice, RunRequest, variant_requests
from tessera.agents.runs import RunFolder, RunStore
from tessera.agents.settings import Settings
from tessera.agents.state import Iteration, RunState
from tessera.contract import (
    Canvas,
    ConflictError,
    Constraints,
    CoverageEntry,
    DocumentKind,
    DrawnPart,
    EditEvent,
    LayoutPlan,
    PatchOperation,
    PlanEditor,
    PlanEvent,
    Planner,
    Renderer,
    RenderError,
    RequestError,
    RunRecord,
    SearchProvider,
    SetupError,
    TesseraError,
    TraceEvent,
    VerificationReport,
    Verifier,
)
from tessera.planner import coverage_map, with_coverage

log = logging.getLogger("tessera.engine")

# LangGraph's name for the graph's input: a state written "as" it is the checkpoint a thread starts from.
_AS_INPUT = "__input__"


class RunOutcome(BaseModel):
    """What a finished run produced, for the CLI, the API and tests."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    run_id: str
    folder: Path
    passed: bool = Field(
        description="the kept image passes: no check failed, no layout error, and with `strict` no check left not "
        "verified (`report.holds(strict=strict)`)"
    )
    strict: bool = Field(default=False, description="the run counted checks nothing could measure as failed")
    summary: str
    planner: str
    image: Path
    plan: LayoutPlan
    plan_path: Path
    report: VerificationReport
    drawn: list[DrawnPart] = Field(description="every part the kept image shows, in canvas pixels (`drawn` in --json)")
    document: DocumentKind = Field(description="the document kind the brief was read as, or the one asked for")
    coverage: list[CoverageEntry] = Field(
        description="the kept plan's coverage map: each item of the brief and the nodes carrying it, or why none does"
    )
    iterations: list[Iteration]
    notices: list[str]
    timings: dict[str, float]
    parent_run_id: str | None = Field(default=None, description="the run this one edits; None: made from a brief")
    instruction: str | None = Field(default=None, description="the edit instruction, for an edit run")
    variant_group: str | None = Field(
        default=None, description="the first variant's run id, for a run made as one of several variants"
    )
    variant: int | None = Field(default=None, description="which variant of its group, from 0")
    patch: list[PatchOperation] = Field(
        default_factory=list, description="the RFC 6902 patch the edit applied to its parent's plan; empty otherwise"
    )

    @property
    def revisions(self) -> int:
        return len(self.iterations) - 1


class Understanding(BaseModel):
    """The reading of a brief and the coverage of the plan it would get, before anything is drawn."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    constraints: Constraints = Field(description="the reading: document kind, items, coverage map")
    canvas: Canvas
    planner: str
    plan: LayoutPlan
    notices: list[str]


@dataclass(frozen=True)
class StartedRun:
    """A run recorded with its input checkpointed: queued until `Engine.take`, then driven by `Engine.drive`."""

    folder: RunFolder
    planner: Planner

    @property
    def run_id(self) -> str:
        return self.folder.run_id


class Engine:
    """Runs briefs in this process. Build one per process: fonts, OCR and the graph load once.

    The parts come from the settings (`build_parts`); `planner`, `editor`, `renderer`, `verifier` and `search` (the
    web search runs ground with) replace them, and `checkpoints` the checkpointer the settings name.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        planner: Planner | None = None,
        renderer: Renderer | None = None,
        verifier: Verifier | None = None,
        checkpoints: Checkpoints | None = None,
        editor: PlanEditor | None = None,
        search: SearchProvider | None = None,
    ) -> None:
        self.settings = settings
        self.store = RunStore(settings.runs_dir)
        parts = build_parts(
            settings, planner=planner, renderer=renderer, verifier=verifier, editor=editor, search=search
        )
        self.planners = parts.planners
        self.renderer = parts.renderer
        self.verifier = parts.verifier
        self.search = parts.search
        self.checkpoints = checkpoints or open_checkpoints(settings)
        self._graph = build_graph().compile(checkpointer=self.checkpoints.saver)

    def close(self) -> None:
        """Release the checkpoint database."""
        self.checkpoints.close()

    def understand(self, request: RunRequest) -> Understanding:
        """How the brief is read and what the planner would plan for it, before anything is drawn."""
        constraints, notices = read_brief(request.brief, request.kind, request.background, request.material.supplied)
        canvas = request.canvas or constraints.canvas or Canvas()
        planner, notice = self.planners.for_run(request.planner, request.effort, needed=request.plan is None)
        if request.plan is not None:
            plan, planned_by = request.plan, "user"
        else:
            result = planner.plan(constraints, canvas, seed=request.seed, style_seed=request.style_seed)
            plan, planned_by, notices = result.plan, result.planner, [*notices, *result.notes]
        return Understanding(
            constraints=with_coverage(constraints, plan),
            canvas=canvas,
            planner=planned_by,
            plan=plan,
            notices=[notice, *notices] if notice else notices,
        )

    def generate(self, request: RunRequest, on_progress: Callable[[Progress], None] | None = None) -> RunOutcome:
        """Plan, render, verify and revise one brief; the run is stored whatever happens."""
        return self.run(self.start(request), on_progress)

    def start(
        self,
        request: RunRequest,
        *,
        owner: str | None = None,
        key_id: str | None = None,
        notices: Sequence[str] = (),
    ) -> StartedRun:
        """Check the request, choose its planner, record the run as queued and keep its input as its first
        checkpoint, so that it survives a restart before a worker takes it.

        `owner` names the gateway that drives the run, so a restarted gateway finds its queued and interrupted runs;
        `key_id` the API key that made it, which alone may see it; `notices` lines its outcome shows from the start.
        """
        canvas = f"{request.canvas.width}x{request.canvas.height}" if request.canvas else None
        planner, notice = self.planners.for_run(request.planner, request.effort, needed=request.plan is None)
        folder = self.store.create(
            brief=request.brief,
            effort=request.effort,
            seed=request.seed,
            canvas=canvas,
            planner_choice=request.planner,
            owner=owner,
            strict=request.strict,
            key_id=key_id,
            variant_group=request.variant_group,
            variant=request.variant,
        )
        if not request.material.supplied.empty:
            folder.write_material(request.material)
        state: RunState = {
            "brief": request.brief,
            "requested_canvas": request.canvas,
            "max_revisions": request.max_revisions,
            "seed": request.seed,
            "style_seed": request.style_seed,
            "user_plan": request.plan,
            "background": request.background,
            "kind": request.kind,
            "effort": request.effort,
            "candidates": self.settings.effort.candidates if request.effort == "high" else 1,
            "supplied": request.material.supplied,
            "strict": request.strict,
            "web": request.web,
            "notices": [*([notice] if notice else []), *notices],
        }
        try:
            self._graph.update_state(_config(folder.run_id), state, as_node=_AS_INPUT)
        except Exception as err:
            self._fail(folder, err, "its input could not be kept, so nothing was drawn; send the request again")
        return StartedRun(folder=folder, planner=planner)

    def start_variants(
        self, request: RunRequest, n: int, *, owner: str | None = None, key_id: str | None = None
    ) -> list[StartedRun]:
        """Start `n` (1 to 10) variants of `request` that share one style and differ in layout, as `start` starts
        one run: the first is variant 0 and names the group (`variant_group`, its run id) the others join.

        The layout seeds are chosen from the request's seed on so that the variants' plans differ (`_variants.py`);
        a variant that must repeat another's layout (the brief allows fewer layouts) says so in a notice. When one
        cannot be started, the ones already started are withdrawn and the error raised.
        """
        chosen = layout_seeds(request, n, self.planners.rules())
        requests = variant_requests(request, n, chosen.seeds)
        started: list[StartedRun] = []
        try:
            for index, variant in enumerate(requests):
                group = {"variant_group": started[0].run_id} if started else {}
                notices = chosen.notices.get(index, [])
                started.append(
                    self.start(variant.model_copy(update=group), owner=owner, key_id=key_id, notices=notices)
                )
        except BaseException:
            for run in started:
                self.withdraw(run.run_id, "another variant of its request could not be started")
            raise
        return started

    def generate_variants(
        self, request: RunRequest, n: int, on_progress: Callable[[Progress], None] | None = None
    ) -> list[RunOutcome]:
        """Make `n` variants of `request` in this process (`start_variants`), one after another; each outcome
        notes when its image is the same as an earlier variant's."""
        return repeated_images([self.run(started, on_progress) for started in self.start_variants(request, n)])

    def start_edit(
        self,
        parent_run_id: str,
        instruction: str,
        *,
        planner: PlannerChoice = "auto",
        strict: bool | None = None,
        max_revisions: int | None = None,
        owner: str | None = None,
        key_id: str | None = None,
    ) -> StartedRun:
        """Edit a done run by instruction: its kept plan is patched (`Planners.editor(planner)`) and a new run, linked
        to it, is recorded as queued to draw and verify the patched plan, as `start` records a run from a brief.

        The new run keeps the parent's seed, effort and supplied files, and its `strict` unless given; its brief is
        the one the edit's constraints read from (the parent's with the instruction added). It is verified against
        the edit's constraints (the parent's untouched ones and the edit's own) and may revise as any run does
        (`max_revisions`, default the effort's). RunNotFoundError for an unknown parent, ConflictError for one that
        is not done, RequestError for an unusable instruction, EditError when the instruction cannot be applied:
        none of them makes a run or changes the parent.
        """
        if max_revisions is not None and not 0 <= max_revisions <= MAX_REVISION_LIMIT:
            raise RequestError(f"max_revisions {max_revisions} is out of range; use 0 to {MAX_REVISION_LIMIT}")
        instruction = check_instruction(instruction)
        parent = self.store.open(parent_run_id)
        edit = edit_of(parent, instruction, self.planners.editor(planner))
        reviser, notice = self.planners.for_run(planner, edit.parent.effort)
        strict = edit.parent.strict if strict is None else strict
        folder = self.store.create(
            brief=edit.brief,
            effort=edit.parent.effort,
            seed=edit.parent.seed,
            canvas=f"{edit.plan.canvas.width}x{edit.plan.canvas.height}",
            planner_choice=planner,
            owner=owner,
            strict=strict,
            key_id=key_id,
            parent_run_id=edit.parent.run_id,
            instruction=instruction,
        )
        material = parent.read_material()
        if not material.supplied.empty:  # the parent's logos, brand and data draw in the edit too
            folder.write_material(material)
        folder.append_trace(edit.event)
        state: RunState = {
            "brief": edit.brief,
            "requested_canvas": None,
            "max_revisions": MAX_REVISIONS[edit.parent.effort] if max_revisions is None else max_revisions,
            "seed": edit.parent.seed,
            "user_plan": edit.plan,
            "edit": edit.event.outputs,
            "background": "auto",  # the parent's plan already has the background its run chose
            "kind": None,
            "effort": edit.parent.effort,
            "candidates": 1,
            "supplied": material.supplied,
            "strict": strict,
            "notices": [notice] if notice else [],
        }
        try:
            self._graph.update_state(_config(folder.run_id), state, as_node=_AS_INPUT)
        except Exception as err:
            self._fail(folder, err, "its input could not be kept, so nothing was drawn; send the edit again")
        return StartedRun(folder=folder, planner=reviser)

    def edit(
        self,
        parent_run_id: str,
        instruction: str,
        on_progress: Callable[[Progress], None] | None = None,
        *,
        planner: PlannerChoice = "auto",
        strict: bool | None = None,
        max_revisions: int | None = None,
        owner: str | None = None,
        key_id: str | None = None,
    ) -> RunOutcome:
        """Edit a done run by instruction (`start_edit`) and carry the new run to its end in this process."""
        started = self.start_edit(
            parent_run_id,
            instruction,
            planner=planner,
            strict=strict,
            max_revisions=max_revisions,
            owner=owner,
            key_id=key_id,
        )
        return self.run(started, on_progress)

    def take(self, started: StartedRun) -> None:
        """A worker takes the queued run: it becomes running. RunCancelledError when it was cancelled first."""
        record, taken = started.folder.update_record_when({"queued"}, status="running")
        if taken:
            return
        if record.status == "cancelled":
            raise RunCancelledError(f"run {record.run_id} was cancelled before it started")
        raise ConflictError(f"run {record.run_id} is {record.status}, not waiting for a worker")

    def drive(self, started: StartedRun, on_progress: Callable[[Progress], None] | None = None) -> RunOutcome:
        """Carry a taken run from its last checkpoint to its end."""
        return self._drive(started.folder, started.planner, on_progress)

    def run(self, started: StartedRun, on_progress: Callable[[Progress], None] | None = None) -> RunOutcome:
        """Take a started run and drive it to its end."""
        self.take(started)
        return self.drive(started, on_progress)

    def reopen(self, run_id: str, *, owner: str | None = None) -> StartedRun:
        """Queue a failed or cancelled run again, to carry on from its last checkpoint (`owner`, when given, drives
        it now). ConflictError for a run that is queued, running or done, or that was never checkpointed: it is
        left as it is."""
        folder = self.store.open(run_id)
        record = folder.read_record()
        if record.status not in ("failed", "cancelled"):
            raise ConflictError(_not_resumable(record))
        if not self._checkpointed(folder):
            raise ConflictError(f"run {run_id} stopped before its input was kept; nothing to resume: start it again")
        changes = {"status": "queued", "error": None, "cancel_requested": False}
        record, reopened = folder.update_record_when({"failed", "cancelled"}, **changes, **_owned_by(owner))
        if not reopened:  # someone else resumed it first
            raise ConflictError(_not_resumable(record))
        planner, _ = self.planners.for_run(record.planner_choice, record.effort)
        return StartedRun(folder=folder, planner=planner)

    def resume(self, run_id: str, on_progress: Callable[[Progress], None] | None = None) -> RunOutcome:
        """Carry a failed or cancelled run on from its last checkpoint, in this process."""
        return self.run(self.reopen(run_id), on_progress)

    def outcome(self, run_id: str) -> RunOutcome:
        """A done run's outcome as its folder keeps it; TesseraError for a run that has not finished."""
        return self._outcome(self.store.open(run_id), 0.0)

    def pick_up(self, run_id: str) -> StartedRun:
        """A run whose gateway stopped while it was queued (take it) or running (drive it on). One stopped before its
        input was checkpointed is marked failed with the reason (ConflictError)."""
        folder = self.store.open(run_id)
        record = folder.read_record()
        if not self._checkpointed(folder):
            error = "its gateway stopped before its input was kept, so nothing was drawn; send the request again"
            folder.update_record_when({"queued", "running"}, status="failed", error=error)
            raise ConflictError(f"run {run_id}: {error}")
        planner, _ = self.planners.for_run(record.planner_choice, record.effort)
        return StartedRun(folder=folder, planner=planner)

    def cancel(self, run_id: str) -> RunRecord:
        """Cancel a run: a queued one at once (it never starts), a running one before its next step. ConflictError
        for a run that has ended. Answers the record as the cancel left it."""
        return self.store.open(run_id).cancel()

    def withdraw(self, run_id: str, reason: str) -> bool:
        """Cancel the run only while it is queued (for `reason`: its client went away); a running run carries on.
        Whether it was cancelled."""
        error = f"cancelled before it started: {reason}"
        return self.store.open(run_id).update_record_when({"queued"}, status="cancelled", error=error)[1]

    def svg(self, run_id: str) -> str:
        """The kept image of a run as an SVG document (texts live): its plan drawn again with the run's seed, which
        gives the same pixels as the PNG the run verified (a generator is asked again for its pictures)."""
        folder = self.store.open(run_id)
        best = folder.best()
        if best is None:
            raise RequestError(f"run {run_id} has no image yet ({folder.read_record().status})")
        files = folder.read_material().files
        document = self.renderer.render(best.plan, seed=folder.read_record().seed, svg=True, files=files).svg
        if document is None:
            raise RenderError(f"the renderer drew run {run_id} but returned no SVG; it cannot write one")
        return document

    def interrupted_runs(self, owner: str) -> list[RunRecord]:
        """Runs `owner` had queued or was driving when it stopped, oldest first."""
        records = reversed(self.store.records(limit=None))
        return [r for r in records if r.status in ("queued", "running") and r.owner == owner]

    def _checkpointed(self, folder: RunFolder) -> bool:
        try:
            return self.checkpoints.saver.get_tuple(_config(folder.run_id)) is not None
        except self.checkpoints.database_errors as err:
            raise _database_failed(folder, err) from err

    def _drive(self, folder: RunFolder, planner: Planner, on_progress: Callable[[Progress], None] | None) -> RunOutcome:
        def record_progress(event: Progress) -> None:
            folder.append_event(event)
            if on_progress is not None:
                on_progress(event)

        context = RunContext(
            planner=planner,
            renderer=self.renderer,
            verifier=self.verifier,
            folder=folder,
            on_progress=record_progress,
            files=folder.read_material().files,
            grounder=grounder_for(self.settings, planner, self.search),
        )
        started = time.perf_counter()
        try:
            # Each step is kept before the next begins: a run stopped anywhere carries on from its last step.
            self._graph.invoke(None, _config(folder.run_id), context=context, durability="sync")
        except Exception as err:
            if folder.read_record().status != "done":
                self._fail(folder, err, _kept(folder))
            # `finish` kept the outcome before this (a checkpoint written at the very end): the image stands.
            log.warning("run %s finished, but keeping its last checkpoint failed: %s", folder.run_id, err)
        return self._outcome(folder, time.perf_counter() - started)

    def _fail(self, folder: RunFolder, err: Exception, consequence: str) -> NoReturn:
        """Record why the run stopped and raise: a cancel ends it 'cancelled', anything else 'failed' (a database
        fault as SetupError, told apart from a fault of the run)."""
        if isinstance(err, RunCancelledError):
            folder.update_record_when({"queued", "running"}, status="cancelled", error=str(err))
            raise err
        if isinstance(err, self.checkpoints.database_errors):
            database = SetupError(f"{_database_failed(folder, err)}; {consequence}")
            folder.update_record_when({"queued", "running"}, status="failed", error=str(database))
            raise database from err
        message = str(err) if isinstance(err, TesseraError) else f"{type(err).__name__}: {err}"
        # Unexpected faults still leave an inspectable run behind, and resume can retry it.
        folder.update_record_when({"queued", "running"}, status="failed", error=f"{message}; {consequence}")
        raise err

    def _outcome(self, folder: RunFolder, seconds: float) -> RunOutcome:
        """The finished run as its folder keeps it (not the checkpoint, which may lag behind or be out of reach)."""
        record = folder.read_record()
        best = folder.best() if record.status == "done" else None
        if best is None or best.image is None or best.report is None:
            raise TesseraError(f"run {folder.run_id} did not finish ({record.status}: {record.error or 'no result'})")
        trace = folder.read_trace()
        timings: dict[str, float] = {"total": round(seconds, 3)}
        for event in trace:
            timings[event.node] = round(timings.get(event.node, 0.0) + event.seconds, 3)
        constraints = folder.read_constraints()
        edits = [event.outputs for event in trace if isinstance(event, EditEvent)]
        return RunOutcome(
            run_id=folder.run_id,
            folder=folder.path,
            passed=bool(record.passed),
            strict=record.strict,
            summary=record.summary or "",
            planner=record.planner or "",
            image=best.image,
            plan=best.plan,
            plan_path=best.plan_path,
            report=best.report,
            # A run folder written before parts were kept has none to show.
            drawn=best.drawn or [],
            document=constraints.document,
            coverage=coverage_map(constraints, best.plan),
            iterations=_iterations(folder, record, trace),
            notices=record.notices,
            timings=timings,
            parent_run_id=record.parent_run_id,
            instruction=record.instruction,
            variant_group=record.variant_group,
            variant=record.variant,
            patch=edits[0].patch if edits else [],
        )


def _config(run_id: str) -> RunnableConfig:
    return {"configurable": {"thread_id": run_id}}


def _owned_by(owner: str | None) -> dict[str, str]:
    return {"owner": owner} if owner is not None else {}


def _not_resumable(record: RunRecord) -> str:
    if record.status == "done":
        return f"run {record.run_id} is done and keeps its image; there is nothing to resume (start a new run instead)"
    return f"run {record.run_id} is {record.status}; only a failed or cancelled run can be resumed"


def _kept(folder: RunFolder) -> str:
    """What a stopped run keeps, for its error: the images it drew, and that resume carries it on."""
    images = sorted(p.relative_to(folder.path).as_posix() for p in folder.path.glob("iter-*/image.png"))
    kept = f"it keeps the images it drew ({', '.join(images)}); " if images else ""
    return f"{kept}resume carries it on from its last step"


def _database_failed(folder: RunFolder, err: Exception) -> SetupError:
    return SetupError(f"the checkpoint database failed during run {folder.run_id} ({type(err).__name__}: {err})")


def _iterations(folder: RunFolder, record: RunRecord, trace: list[TraceEvent]) -> list[Iteration]:
    """Each attempt as the run judged it, from the reports and the trace it kept."""
    planners = {event.attempt: event.outputs.planner for event in trace if isinstance(event, PlanEvent)}
    reports = [(attempt, folder.read_report(attempt)) for attempt in range(record.iterations)]
    return [
        judged(attempt, planners.get(attempt, record.planner or ""), report, record.strict)
        for attempt, report in reports
        if report is not None
    ]
