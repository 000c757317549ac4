"""The LangGraph graph: understand -> ground -> plan -> render -> verify -> (revise -> render -> verify)* -> finish.

Nodes are small functions over `RunState`; the planner, renderer, verifier and the
run folder arrive through the runtime context (`RunContext`), so the same graph runs
with in-process parts or service clients. The revision loop is bounded by
`max_revisions` in state. At effort high, `plan` keeps the best of several candidate plans and a revision never
draws a plan already drawn (`_candidates.py`). Every node first looks whether the run was cancelled: LangGraph
cannot stop a step midway, so a cancelled run stops before its next one, resumable from there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any, Literal, Protocol

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from PIL import Image

from tessera.agents._as_drawn import verify_as_drawn
from tessera.agents._candidates import choose_first_plan, distinct_candidates, plan_hash
from tessera.agents._evidence import with_evidence
from tessera.agents.background import constraints_for, with_background
from tessera.agents.context import Progress, RunContext
from tessera.agents.request import BackgroundChoice
from tessera.agents.state import Iteration, RunState
from tessera.contract import (
    Canvas,
    ConflictError,
    Constraints,
    DocumentKind,
    FinishEvent,
    FinishOutputs,
    GroundEvent,
    Grounding,
    GroundInputs,
    LayoutPlan,
    PlanEdit,
    PlanEvent,
    PlanInputs,
    PlanOutputs,
    PlanResult,
    RenderEvent,
    RenderOutputs,
    RenderProgress,
    RenderStep,
    Supplied,
    UnderstandEvent,
    UnderstandInputs,
    UnderstandOutputs,
    VerificationReport,
    VerifyEvent,
    VerifyOutputs,
    drawn_parts,
    has_alpha,
)
from tessera.planner import (
    apply_kind,
    check_plan,
    extract_constraints,
    grounding_need,
    off_notice,
    plan_sources,
    with_coverage,
    with_facts,
    with_fills,
    with_supplied,
)


class RunCancelledError(ConflictError):
    """Someone cancelled the run; it stopped before its next step, and resume carries it on from there."""


Node = Callable[[RunState, Runtime[RunContext]], dict[str, Any]]


class _Step(Protocol):
    """A node as LangGraph calls it: the runtime by keyword."""

    def __call__(self, state: RunState, *, runtime: Runtime[RunContext]) -> dict[str, Any]: ...


def _cancellable(name: str, node: Node) -> _Step:
    """`node`, run only while nobody asked to cancel the run (the record's `cancel_requested`)."""

    def step(state: RunState, *, runtime: Runtime[RunContext]) -> dict[str, Any]:
        folder = runtime.context.folder
        if folder.read_record().cancel_requested:
            raise RunCancelledError(f"run {folder.run_id} was cancelled before its {name} step")
        return node(state, runtime)

    return step


def judged(attempt: int, planner: str, report: VerificationReport, strict: bool) -> Iteration:
    """One attempt as the run judges it from its report: `strict` counts checks nothing could measure as failed."""
    # A plan check is named by an element id, which may also be a brief constraint's id: keep them apart.
    failed = [c.key for c in report.failures()]
    failed += [f"{f.code}:{f.element_id}" for f in report.errors()]
    return Iteration(
        attempt=attempt, planner=planner, passed=report.holds(strict=strict), failed=failed, summary=report.summary()
    )


def _progress(runtime: Runtime[RunContext], node: str, attempt: int, message: str) -> None:
    runtime.context.on_progress(Progress(node=node, attempt=attempt, message=message))


def _problem_count(report: VerificationReport) -> int:
    return len(report.failures()) + len(report.errors())


def read_brief(
    brief: str, kind: DocumentKind | None, background: BackgroundChoice, supplied: Supplied | None = None
) -> tuple[Constraints, list[str]]:
    """The reading of a brief, of the document kind the user chose (None: as the brief says), with the background
    they chose applied and what they supplied (charts and tables without entries filled from their data); and
    notices about it."""
    constraints = extract_constraints(brief)
    if kind is not None:
        constraints = apply_kind(constraints, kind)
    if supplied is not None and not supplied.empty:
        constraints = with_supplied(constraints, supplied)
    return constraints_for(constraints, background)


def understand(state: RunState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Read the brief's hard constraints (an edit run takes its edit's instead) and settle the canvas."""
    edit = state.get("edit")
    _progress(runtime, "understand", 0, "reading the brief" if edit is None else "taking the edit's constraints")
    started = time.perf_counter()
    if edit is None:
        constraints, notices = read_brief(
            state["brief"], state.get("kind"), state.get("background", "auto"), state.get("supplied")
        )
    else:
        # What the parent was verified against, less what the edit changed, plus the edit's own: not the brief.
        constraints, notices = edit.constraints, []
    user_plan = state.get("user_plan")
    canvas = (
        state.get("requested_canvas") or (user_plan.canvas if user_plan else None) or constraints.canvas or Canvas()
    )
    runtime.context.folder.write_constraints(constraints)
    runtime.context.folder.append_trace(
        UnderstandEvent(
            seconds=time.perf_counter() - started,
            inputs=UnderstandInputs(brief=state["brief"]),
            outputs=UnderstandOutputs(constraints=constraints, canvas=canvas),
        )
    )
    return {"constraints": constraints, "canvas": canvas, "attempt": 0, "notices": notices}


def ground(state: RunState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Find the facts the brief asks for and does not give on the web, and add them to the reading as texts to
    set (see `tessera.contract.grounding`). An edit run or a supplied plan never grounds. A run that may not
    search (`--no-web`, TESSERA_SEARCH=off) records the grounding only when the brief needed it: the facts it
    asked for then stay not planned, with a reason saying how to give them. A brief that asks for nothing it does
    not give writes no event."""
    if state.get("edit") is not None or state.get("user_plan") is not None:
        return {}
    constraints = state["constraints"]
    effort = state.get("effort", "medium")
    grounder = runtime.context.grounder
    allowed = state.get("web") is not False and grounder is not None
    started = time.perf_counter()
    asks, reason, caption = grounding_need(constraints, effort=effort)
    if not asks:
        return {}  # the brief asks for nothing it does not give: no step to show
    if grounder is None or not allowed:
        notice = off_notice(reason.removeprefix("needed: "))
        grounding = Grounding(needed=True, reason=reason, asks=asks, sources_caption=caption, notices=[notice])
    else:
        _progress(runtime, "ground", 0, "looking for facts the brief asks for")
        grounding = with_fills(grounder.ground(constraints, effort=effort))
    constraints = with_facts(constraints, grounding)
    runtime.context.folder.write_constraints(constraints)
    runtime.context.folder.append_trace(
        GroundEvent(
            seconds=time.perf_counter() - started,
            inputs=GroundInputs(web=allowed, provider=grounding.provider),
            outputs=grounding,
        )
    )
    if grounding.needed:
        _progress(runtime, "ground", 0, _grounded(grounding))
    return {"constraints": constraints, "grounding": grounding, "notices": list(grounding.notices)}


def _grounded(grounding: Grounding) -> str:
    """One line on what grounding found: "2 facts from 3 results of 1 web search"."""
    if not grounding.searches:
        return "not grounded: the run may not search the web"
    results = sum(len(run.results) for run in grounding.searches)
    searches = len(grounding.searches)
    plural = "es" if searches > 1 else ""
    return f"{len(grounding.facts)} fact(s) from {results} result(s) of {searches} web search{plural}"


def _record_plan(
    runtime: Runtime[RunContext],
    node: Literal["plan", "revise"],
    attempt: int,
    seconds: float,
    result: PlanResult,
    state: RunState,
) -> dict[str, Any]:
    planned = with_background(result.plan, state.get("background", "auto"))
    grounding = state.get("grounding")
    if grounding is not None:  # the facts the plan sets, with their sources: written by the run, not a planner
        planned = planned.model_copy(update={"sources": plan_sources(planned, grounding)})
    result = result.model_copy(update={"plan": planned})
    constraints = with_coverage(state["constraints"], result.plan)
    problems = check_plan(result.plan, constraints)
    runtime.context.folder.write_plan(attempt, result.plan)
    runtime.context.folder.write_constraints(constraints)
    runtime.context.folder.append_trace(
        PlanEvent(
            node=node,
            attempt=attempt,
            seconds=seconds,
            inputs=PlanInputs(planner=runtime.context.planner.name),
            # The whole PlanResult, so whatever a planner reports (prompts, raw output, repairs) reaches the trace.
            outputs=PlanOutputs(**dict(result), problems=problems),
            notes=[
                *result.notes,
                *(f"plan check: {p}" for p in problems),
                *(f"not planned: {e.clause[:80]!r}: {e.reason}" for e in constraints.not_planned()),
            ],
        )
    )
    return {"plan": result.plan, "planner": result.planner, "constraints": constraints}


def plan(state: RunState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Write the first layout plan, or take the user's own plan as it is; at effort high, the best of several
    candidates (see `_candidates.py`)."""
    _progress(runtime, "plan", 0, "planning the layout")
    started = time.perf_counter()
    user_plan = state.get("user_plan")
    if user_plan is not None:
        result = _given_plan(user_plan, state.get("edit"))
    elif state.get("candidates", 1) > 1:
        return _plan_among_candidates(state, runtime, started)
    else:
        result = runtime.context.planner.plan(
            state["constraints"], state["canvas"], seed=state.get("seed", 0), style_seed=state.get("style_seed")
        )
    return _record_plan(runtime, "plan", 0, time.perf_counter() - started, result, state)


def _given_plan(plan: LayoutPlan, edit: PlanEdit | None) -> PlanResult:
    """A plan drawn as it is: the user's own, or an edit run's (the parent's plan patched, named after its editor)."""
    if edit is None:
        return PlanResult(plan=plan, planner="user", notes=["rendering the plan supplied with the request"])
    return PlanResult(plan=plan, planner=f"{edit.planner} edit", notes=[f"edit: {change}" for change in edit.changes])


def _plan_among_candidates(state: RunState, runtime: Runtime[RunContext], started: float) -> dict[str, Any]:
    """The first plan chosen among the planner's plans at successive seeds, each rendered, verified and scored."""
    context = runtime.context
    choice = choose_first_plan(
        context.planner,
        context.renderer,
        context.verifier,
        state["constraints"],
        state["canvas"],
        seed=state.get("seed", 0),
        style_seed=state.get("style_seed"),
        count=state.get("candidates", 1),
        background=state.get("background", "auto"),
        files=context.files,
        on_candidate=lambda message: _progress(runtime, "plan", 0, message),
        seconds=lambda: time.perf_counter() - started,
    )
    if choice.event is not None:
        context.folder.append_trace(choice.event)
    chosen = time.perf_counter()  # the candidates event holds the time spent choosing
    update = _record_plan(runtime, "plan", 0, time.perf_counter() - chosen, choice.result, state)
    return {**update, "spare": choice.spare, "next_seed": choice.next_seed}


def render(state: RunState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Draw the current plan and keep the image, and the parts it drew, in the run folder."""
    attempt = state["attempt"]
    _progress(runtime, "render", attempt, "rendering" if attempt == 0 else f"rendering revision {attempt}")
    started = time.perf_counter()
    steps: list[RenderStep] = []

    def report_step(step: RenderProgress) -> None:
        message = f"{step.element_id}: step {step.step}/{step.steps}" + (f" ({step.message})" if step.message else "")
        steps.append(RenderStep(**dict(step), seconds=round(time.perf_counter() - started, 3)))
        _progress(runtime, "render", attempt, message)

    result = runtime.context.renderer.render(
        state["plan"], seed=state.get("seed", 0), on_progress=report_step, files=runtime.context.files
    )
    path = runtime.context.folder.write_image(attempt, result.image)
    laid_out = result.manifest.plan or state["plan"]
    runtime.context.folder.write_drawn(attempt, drawn_parts(result.manifest, laid_out))
    runtime.context.folder.append_trace(
        RenderEvent(
            attempt=attempt,
            seconds=time.perf_counter() - started,
            outputs=RenderOutputs(image=str(path), manifest=result.manifest, timings=result.timings, progress=steps),
            notes=list(result.manifest.notices),
        )
    )
    known = set(state.get("notices", []))
    # What was drawn, which verify reads (the plan as laid out is kept once, as laid_out).
    drawn = result.manifest.model_copy(update={"plan": None})
    fresh = [n for n in dict.fromkeys(result.manifest.notices) if n not in known]
    return {"laid_out": laid_out, "manifest": drawn, "notices": fresh}


def verify(state: RunState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Check the render from its pixels against the brief and against every element of the plan it left unchecked
    (a user's own plan included)."""
    attempt = state["attempt"]
    _progress(runtime, "verify", attempt, "checking text, counts and layout")
    started = time.perf_counter()
    with Image.open(runtime.context.folder.image_path(attempt)) as stored:
        image = stored.convert("RGBA" if has_alpha(stored) else "RGB")
    context = runtime.context
    report = verify_as_drawn(context.verifier, image, state["laid_out"], state["constraints"], state.get("manifest"))
    # Drawn here, from the image the run folder keeps, so a run whose verifier is a service gets pictures too.
    keep = partial(context.folder.write_evidence, attempt)
    report = with_evidence(report, image, state["laid_out"], state["constraints"], keep)
    runtime.context.folder.write_report(attempt, report)
    runtime.context.folder.append_trace(
        VerifyEvent(
            attempt=attempt,
            seconds=time.perf_counter() - started,
            outputs=VerifyOutputs(report=report),
            notes=[report.summary()],
        )
    )
    iteration = judged(attempt, state["planner"], report, state.get("strict", False))
    best = state.get("best_attempt")
    previous = [i for i in state.get("iterations", []) if i.attempt == best]
    # A later attempt wins ties: it carries the revisions the report asked for.
    if best is None or not previous or len(iteration.failed) <= len(previous[0].failed):
        best = attempt
    hashes = [plan_hash(state["plan"]), plan_hash(state["laid_out"])]
    return {"report": report, "iterations": [iteration], "best_attempt": best, "plan_hashes": hashes}


def after_verify(state: RunState) -> Literal["revise", "finish"]:
    """Revise while the report has failures a revision may fix (not contradictions: no plan passes those) and the
    effort level allows another attempt."""
    report = state["report"]
    nothing_to_revise = not report.revisable() and not report.errors()
    if report.passed or nothing_to_revise or state["attempt"] >= state.get("max_revisions", 0):
        return "finish"
    return "revise"


def revise(state: RunState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Change the plan where the report says it failed: the plan as laid out, so every node has its box. At effort
    high a revision that would draw a plan already drawn is replaced by a candidate not drawn yet; with none left,
    the run finishes instead of drawing it again."""
    attempt = state["attempt"] + 1
    revisable = len(state["report"].revisable())
    _progress(runtime, "revise", attempt, f"revising the plan for {revisable} failure(s) ({state['report'].summary()})")
    started = time.perf_counter()
    result = runtime.context.planner.revise(state["laid_out"], state["constraints"], state["report"], attempt=attempt)
    update: dict[str, Any] = {}
    if state.get("effort") == "high" and state.get("user_plan") is None:
        instead, update = _instead_of_repeating(state, runtime, result, attempt)
        if instead is None:
            return update
        result = instead
    update |= _record_plan(runtime, "revise", attempt, time.perf_counter() - started, result, state)
    return {**update, "attempt": attempt}


def _instead_of_repeating(
    state: RunState, runtime: Runtime[RunContext], result: PlanResult, attempt: int
) -> tuple[PlanResult | None, dict[str, Any]]:
    """The revision as it is when it draws something new; else the best candidate not drawn yet (planning more at
    the next seeds when the spares are used up); else None and a notice that the run stops here."""
    drawn = state.get("plan_hashes", [])
    revised = plan_hash(with_background(result.plan, state.get("background", "auto")))
    if revised not in drawn:
        return result, {}
    repeated = drawn.index(revised) // 2  # two hashes an attempt: as planned and as laid out
    spare = [c for c in state.get("spare", []) if c.plan_hash not in drawn]
    next_seed = state.get("next_seed", state.get("seed", 0) + 1)
    if not spare:
        planned, seeds = distinct_candidates(
            runtime.context.planner,
            state["constraints"],
            state["canvas"],
            seed=next_seed,
            style_seed=state.get("style_seed"),
            count=1,
            background=state.get("background", "auto"),
            seen=set(drawn),
        )
        spare = [p.candidate for p in planned]
        next_seed = seeds[-1] + 1
    if not spare:
        notice = (
            f"Revision {attempt} would draw attempt {repeated}'s plan again and no other candidate plan is left; "
            "the run keeps its best attempt."
        )
        return None, {"notices": [notice], "stalled": True}
    taken, rest = spare[0], spare[1:]
    template = f" (template '{taken.template}')" if taken.template else ""
    note = (
        f"The revision would draw attempt {repeated}'s plan again; trying the candidate of seed {taken.seed}{template}."
    )
    taken_result = PlanResult(plan=taken.plan, planner=taken.planner, notes=[note, *taken.notes])
    return taken_result, {"spare": rest, "next_seed": next_seed}


def after_revise(state: RunState) -> Literal["render", "finish"]:
    """Draw the revision, unless there was nothing new to draw."""
    return "finish" if state.get("stalled") else "render"


def finish(state: RunState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Record the outcome: the best attempt, whether it passed, and the notices. From here the run is done, whatever
    happens to its checkpoint afterwards: the outcome is read back from the run folder."""
    best = state["best_attempt"]
    chosen = next(i for i in state["iterations"] if i.attempt == best)
    _progress(runtime, "finish", best, chosen.summary)
    runtime.context.folder.update_record(
        status="done",
        passed=chosen.passed,
        summary=chosen.summary,
        iterations=len(state["iterations"]),
        best_iteration=best,
        planner=state["planner"],
        canvas=f"{state['canvas'].width}x{state['canvas'].height}",
        notices=list(state.get("notices", [])),
    )
    runtime.context.folder.append_trace(
        FinishEvent(
            attempt=best,
            seconds=0.0,
            outputs=FinishOutputs(passed=chosen.passed, best_attempt=best, summary=chosen.summary),
        )
    )
    return {}


def build_graph() -> StateGraph[RunState, RunContext, RunState, RunState]:
    """The uncompiled graph; compile it with a checkpointer."""
    graph = StateGraph(RunState, context_schema=RunContext)
    nodes: dict[str, Node] = {
        "understand": understand, "ground": ground, "plan": plan, "render": render, "verify": verify,
        "revise": revise, "finish": finish,
    }  # fmt: skip
    for name, node in nodes.items():
        graph.add_node(name, _cancellable(name, node))
    graph.add_edge(START, "understand")
    graph.add_edge("understand", "ground")
    graph.add_edge("ground", "plan")
    graph.add_edge("plan", "render")
    graph.add_edge("render", "verify")
    graph.add_conditional_edges("verify", after_verify, ["revise", "finish"])
    graph.add_conditional_edges("revise", after_revise, ["render", "finish"])
    graph.add_edge("finish", END)
    return graph
