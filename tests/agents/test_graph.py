"""The graph's loop: bounded revisions, best attempt kept, every step traced, runs resumable.

The parts here are fakes, so the tests are about the graph's own logic; the
real parts run end to end in tests/test_briefs.py and tests/agents/test_revision.py.
"""

from __future__ import annotations

import pytest
from PIL import Image

from tessera.agents import Engine, RunRequest, RunStore, Settings
from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    PlanResult,
    SolidBackground,
    TextElement,
    VerificationReport,
)
from tessera.contract import RenderManifest, RenderResult

BRIEF = "A poster with the headline 'HELLO'."


def _plan(canvas: Canvas, marker: str = "first") -> LayoutPlan:
    text = TextElement(id="headline", box=Box(x=64, y=64, w=512, h=128), text="HELLO")
    return LayoutPlan(canvas=canvas, background=SolidBackground(color="#ffffff"), elements=[text], rationale=marker)


class FakePlanner:
    name = "fake"

    def __init__(self) -> None:
        self.revisions: list[int] = []

    def plan(self, constraints: Constraints, canvas: Canvas, *, seed: int = 0) -> PlanResult:
        return PlanResult(plan=_plan(canvas), planner=self.name)

    def revise(self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int) -> PlanResult:
        self.revisions.append(attempt)
        return PlanResult(plan=plan.model_copy(update={"rationale": f"revision {attempt}"}), planner=self.name, notes=[f"r{attempt}"])


class FakeRenderer:
    def __init__(self, fail_on_call: int | None = None) -> None:
        self.calls = 0
        self.fail_on_call = fail_on_call

    def render(self, plan: LayoutPlan, *, seed: int = 0, on_progress: object = None) -> RenderResult:
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise RuntimeError("renderer crashed")
        image = Image.new("RGB", (plan.canvas.width, plan.canvas.height), "white")
        return RenderResult(image=image, manifest=RenderManifest(canvas=plan.canvas, notices=["a notice"]))


class FakeVerifier:
    """Fails the first `failures` reports, then passes."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0

    def verify(self, image: Image.Image, plan: LayoutPlan, constraints: Constraints) -> VerificationReport:
        self.calls += 1
        passed = self.calls > self.failures
        check = ConstraintCheck(constraint_id="text-1", kind="text", passed=passed, expected="HELLO", measured="HELLO" if passed else "HELL")
        return VerificationReport(checks=[check])


def _engine(settings: Settings, failures: int, renderer: FakeRenderer | None = None) -> tuple[Engine, FakePlanner]:
    planner = FakePlanner()
    engine = Engine(settings, planner=planner, renderer=renderer or FakeRenderer(), verifier=FakeVerifier(failures))
    return engine, planner


@pytest.mark.parametrize(("effort", "revisions"), [("low", 0), ("medium", 2), ("high", 4)])
def test_revisions_stop_at_the_effort_limit(settings: Settings, effort: str, revisions: int) -> None:
    engine, planner = _engine(settings, failures=99)
    outcome = engine.generate(RunRequest(brief=BRIEF, effort=effort))
    assert not outcome.passed
    assert planner.revisions == list(range(1, revisions + 1))
    assert outcome.revisions == revisions


def test_a_passing_report_ends_the_loop(settings: Settings) -> None:
    engine, planner = _engine(settings, failures=1)
    outcome = engine.generate(RunRequest(brief=BRIEF, effort="high"))
    assert outcome.passed
    assert planner.revisions == [1]
    assert outcome.image == outcome.folder / "iter-1" / "image.png"


def test_every_iteration_leaves_plan_image_and_report(settings: Settings) -> None:
    engine, _ = _engine(settings, failures=2)
    outcome = engine.generate(RunRequest(brief=BRIEF))
    for attempt in range(3):
        folder = outcome.folder / f"iter-{attempt}"
        assert {p.name for p in folder.iterdir()} == {"plan.json", "image.png", "report.json"}
    assert (outcome.folder / "constraints.json").is_file()


def test_the_trace_records_each_node_in_order(settings: Settings) -> None:
    engine, _ = _engine(settings, failures=1)
    outcome = engine.generate(RunRequest(brief=BRIEF))
    events = RunStore(settings.runs_dir).open(outcome.run_id).read_trace()
    assert [(e.node, e.attempt) for e in events] == [
        ("understand", 0),
        ("plan", 0),
        ("render", 0),
        ("verify", 0),
        ("revise", 1),
        ("render", 1),
        ("verify", 1),
        ("finish", 1),
    ]
    assert events[0].outputs["constraints"]["items"][0]["text"] == "HELLO"
    assert events[4].notes[0] == "r1"


def test_notices_are_reported_once(settings: Settings) -> None:
    engine, _ = _engine(settings, failures=2)
    outcome = engine.generate(RunRequest(brief=BRIEF))
    assert outcome.notices == ["a notice"]


def test_a_crashed_run_is_stored_as_failed_and_resumes_from_its_checkpoint(settings: Settings) -> None:
    renderer = FakeRenderer(fail_on_call=2)
    engine, planner = _engine(settings, failures=1, renderer=renderer)
    with pytest.raises(RuntimeError):
        engine.generate(RunRequest(brief=BRIEF))
    store = RunStore(settings.runs_dir)
    (record,) = store.records()
    assert record.status == "failed" and "renderer crashed" in (record.error or "")

    outcome = engine.resume(record.run_id)
    assert outcome.passed
    assert renderer.calls == 3  # the crashed render is retried; the first is not redone
    assert planner.revisions == [1]
    assert store.open(record.run_id).read_record().status == "done"


def test_a_user_plan_is_rendered_as_given(settings: Settings) -> None:
    engine, _ = _engine(settings, failures=0)
    plan = _plan(Canvas(width=512, height=512), marker="mine")
    outcome = engine.generate(RunRequest(brief=BRIEF, plan=plan))
    assert outcome.planner == "user"
    assert outcome.plan == plan
