"""The graph's loop: bounded revisions, best attempt kept, every step traced, runs resumable.

The parts here are fakes, so the tests are about the graph's own logic; the
real parts run end to end in tests/test_briefs.py and tests/agents/test_revision.py.
"""

from __future__ import annotations

import pytest

from tessera.agents import Engine, RunRequest, RunStore, Settings
from tessera.contract import Box, Canvas, LayoutPlan, SolidBackground, TextElement, UnderstandEvent
from tessera.contract.fakes import FakePlanner, FakeRenderer, FakeVerifier

BRIEF = "A poster with the headline 'HELLO'."


def _plan(canvas: Canvas, marker: str = "first") -> LayoutPlan:
    text = TextElement(id="headline", box=Box(x=64, y=64, w=512, h=128), text="HELLO")
    return LayoutPlan(canvas=canvas, background=SolidBackground(color="#ffffff"), elements=[text], rationale=marker)


def _engine(settings: Settings, failures: int, renderer: FakeRenderer | None = None) -> tuple[Engine, FakePlanner]:
    planner = FakePlanner(_plan(Canvas()))
    renderer = renderer or FakeRenderer(notices=["a notice"])
    engine = Engine(settings, planner=planner, renderer=renderer, verifier=FakeVerifier(failures))
    return engine, planner


# At high, a revision that draws the same plan again stops the run, and this planner's revisions change only the
# rationale: tests/agents/test_effort_candidates.py checks high's limit with revisions that change the drawing.
@pytest.mark.parametrize(("effort", "revisions"), [("low", 0), ("medium", 2)])
def test_revisions_stop_at_the_effort_limit(settings: Settings, effort: str, revisions: int) -> None:
    engine, planner = _engine(settings, failures=99)
    outcome = engine.generate(RunRequest(brief=BRIEF, effort=effort))
    assert not outcome.passed
    assert planner.revisions == list(range(1, revisions + 1))
    assert outcome.revisions == revisions


def test_a_passing_report_ends_the_loop(settings: Settings) -> None:
    engine, planner = _engine(settings, failures=1)
    outcome = engine.generate(RunRequest(brief=BRIEF, effort="medium"))
    assert outcome.passed
    assert planner.revisions == [1]
    assert outcome.image == outcome.folder / "iter-1" / "image.png"


def test_every_iteration_leaves_plan_image_drawn_parts_and_report(settings: Settings) -> None:
    engine, _ = _engine(settings, failures=2)
    outcome = engine.generate(RunRequest(brief=BRIEF))
    for attempt in range(3):
        folder = outcome.folder / f"iter-{attempt}"
        assert {p.name for p in folder.iterdir()} == {"plan.json", "image.png", "drawn.json", "report.json"}
    assert (outcome.folder / "constraints.json").is_file()


def test_the_outcome_carries_the_parts_the_kept_image_shows(settings: Settings) -> None:
    engine, _ = _engine(settings, failures=1)
    outcome = engine.generate(RunRequest(brief=BRIEF, effort="medium"))
    assert outcome.drawn == RunStore(settings.runs_dir).open(outcome.run_id).read_drawn(1)
    assert [(p.kind, p.id, p.text, p.box) for p in outcome.drawn] == [
        ("text", "headline", "HELLO", Box(x=64, y=64, w=512, h=128))
    ]


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
    understood = events[0]
    assert isinstance(understood, UnderstandEvent)
    assert understood.outputs.constraints.items[0].text == "HELLO"
    assert events[4].notes[0] == "revision 1"


def test_notices_are_reported_once(settings: Settings) -> None:
    engine, _ = _engine(settings, failures=2)
    outcome = engine.generate(RunRequest(brief=BRIEF))
    assert outcome.notices == ["a notice"]


def test_a_crashed_run_is_stored_as_failed_and_resumes_from_its_checkpoint(settings: Settings) -> None:
    renderer = FakeRenderer(notices=["a notice"], crash_on_call=2)
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
