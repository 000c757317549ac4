"""The embedded engine: the graph with the parts `agents/parts.py` builds, a run store and a checkpointer."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from langchain_core.runnables import RunnableConfig
from pydantic import BaseModel, ConfigDict, Field

from tessera.agents.checkpoints import open_checkpoints
from tessera.agents.context import Progress, RunContext
from tessera.agents.graph import build_graph, read_brief
from tessera.agents.parts import build_parts
from tessera.agents.request import RunRequest
from tessera.agents.runs import RunFolder, RunStore
from tessera.agents.settings import Settings
from tessera.agents.state import Iteration, RunState
from tessera.contract import (
    Canvas,
    Constraints,
    CoverageEntry,
    DocumentKind,
    DrawnPart,
    LayoutPlan,
    Planner,
    Renderer,
    RenderError,
    RequestError,
    TesseraError,
    VerificationReport,
    Verifier,
)
from tessera.planner import coverage_map, with_coverage


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
    """A run whose folder exists and whose planner is chosen, ready for `Engine.run`."""

    folder: RunFolder
    state: RunState
    planner: Planner

    @property
    def run_id(self) -> str:
        return self.folder.run_id


class Engine:
    """Runs briefs in this process. Build one per process: fonts, OCR and the graph load once.

    The parts come from the settings (`build_parts`); `planner`, `renderer` and `verifier` replace them.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        planner: Planner | None = None,
        renderer: Renderer | None = None,
        verifier: Verifier | None = None,
    ) -> None:
        self.settings = settings
        self.store = RunStore(settings.runs_dir)
        parts = build_parts(settings, planner=planner, renderer=renderer, verifier=verifier)
        self.planners = parts.planners
        self.renderer = parts.renderer
        self.verifier = parts.verifier
        self.checkpoints = open_checkpoints(settings)
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
            result = planner.plan(constraints, canvas, seed=request.seed)
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

    def start(self, request: RunRequest, *, owner: str | None = None, key_id: str | None = None) -> StartedRun:
        """Check the request, choose its planner and create its run folder; `run` then drives it.

        `owner` names the gateway that drives the run, so a restarted gateway finds its interrupted runs; `key_id`
        the API key that made it, which alone may see it.
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
        )
        if not request.material.supplied.empty:
            folder.write_material(request.material)
        state: RunState = {
            "brief": request.brief,
            "requested_canvas": request.canvas,
            "max_revisions": request.max_revisions,
            "seed": request.seed,
            "user_plan": request.plan,
            "background": request.background,
            "kind": request.kind,
            "effort": request.effort,
            "candidates": self.settings.effort.candidates if request.effort == "high" else 1,
            "supplied": request.material.supplied,
            "strict": request.strict,
            "notices": [notice] if notice else [],
        }
        return StartedRun(folder=folder, state=state, planner=planner)

    def run(self, started: StartedRun, on_progress: Callable[[Progress], None] | None = None) -> RunOutcome:
        """Drive a started run to its end."""
        return self._drive(started.folder, started.state, started.planner, on_progress)

    def resume(self, run_id: str, on_progress: Callable[[Progress], None] | None = None) -> RunOutcome:
        """Carry an interrupted run on from its last checkpoint (or return a finished one as it is)."""
        folder = self.store.open(run_id)
        record = folder.read_record()
        if record.status == "done":  # nothing is left to carry on; running the graph again would leave it 'running'
            return self._outcome(folder, {"configurable": {"thread_id": run_id}}, 0.0)
        planner, _ = self.planners.for_run(record.planner_choice, record.effort)
        folder.update_record(status="running", error=None)
        return self._drive(folder, None, planner, on_progress)

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

    def interrupted_runs(self, owner: str) -> list[str]:
        """Runs `owner` was driving when it stopped: still 'running' in their records, oldest first."""
        return [
            r.run_id for r in reversed(self.store.records(limit=None)) if r.status == "running" and r.owner == owner
        ]

    def _drive(
        self,
        folder: RunFolder,
        state: RunState | None,
        planner: Planner,
        on_progress: Callable[[Progress], None] | None,
    ) -> RunOutcome:
        config: RunnableConfig = {"configurable": {"thread_id": folder.run_id}}

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
        )
        started = time.perf_counter()
        try:
            self._graph.invoke(state, config, context=context)
        except TesseraError as err:
            folder.update_record(status="failed", error=str(err))
            raise
        except Exception as err:
            # Unexpected faults still leave an inspectable run behind, and resume can retry it.
            folder.update_record(status="failed", error=f"{type(err).__name__}: {err}")
            raise
        return self._outcome(folder, config, time.perf_counter() - started)

    def _outcome(self, folder: RunFolder, config: RunnableConfig, seconds: float) -> RunOutcome:
        values = self._graph.get_state(config).values
        record = folder.read_record()
        best = folder.best() if record.status == "done" else None
        if best is None or best.image is None or best.report is None:
            raise TesseraError(f"run {folder.run_id} did not finish ({record.status}: {record.error or 'no result'})")
        timings: dict[str, float] = {"total": round(seconds, 3)}
        for event in folder.read_trace():
            timings[event.node] = round(timings.get(event.node, 0.0) + event.seconds, 3)
        constraints: Constraints = values["constraints"]
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
            iterations=list(values.get("iterations", [])),
            notices=record.notices,
            timings=timings,
        )
