"""A run folder reads back, typed, what a run wrote: each iteration, the best one, and the trace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from tessera import contract
from tessera.agents import Engine, RunRequest, RunStore, Settings
from tessera.agents.cli import app
from tessera.contract import (
    Box,
    ConstraintCheck,
    DrawnPart,
    FinishEvent,
    LayoutPlan,
    PlanEvent,
    RenderEvent,
    RunNotFoundError,
    SolidBackground,
    TextElement,
    UnderstandEvent,
    VerificationReport,
    VerifyEvent,
)
from tessera.contract.fakes import FakePlanner, FakeRenderer, FakeVerifier

BRIEF = "A poster with the headline 'HELLO'."
PLAN = LayoutPlan(
    background=SolidBackground(color="#ffffff"),
    elements=[TextElement(id="headline", box=Box(x=64, y=64, w=512, h=128), text="HELLO")],
)
DRAWN = [DrawnPart(kind="text", id="headline", name=None, text="HELLO", box=Box(x=64, y=64, w=512, h=128))]
REPORT = VerificationReport(
    checks=[ConstraintCheck(constraint_id="t1", kind="text", passed=True, expected="HELLO", measured="HELLO")]
)


def test_an_iteration_reads_back_as_far_as_it_got(tmp_path: Path) -> None:
    store: contract.RunStore = RunStore(tmp_path)
    folder = store.create(brief=BRIEF, effort="low", seed=0, canvas=None)
    folder.write_plan(0, PLAN)
    planned = folder.read_iteration(0)
    assert planned.plan == PLAN and planned.image is None and planned.drawn is None and planned.report is None
    folder.write_image(0, Image.new("RGB", (1024, 1024), "white"))
    folder.write_drawn(0, DRAWN)
    folder.write_report(0, REPORT)
    verified = folder.read_iteration(0)
    assert verified.image is not None and verified.image.is_file() and verified.report == REPORT
    assert verified.drawn == DRAWN == folder.read_drawn(0)
    assert json.loads(verified.plan_path.read_text(encoding="utf-8"))["root"]["children"][0]["text"] == "HELLO"


def test_the_best_iteration_is_the_one_the_record_names(tmp_path: Path) -> None:
    folder = RunStore(tmp_path).create(brief=BRIEF, effort="low", seed=0, canvas=None)
    for attempt in (0, 1):
        folder.write_plan(attempt, PLAN.model_copy(update={"rationale": f"attempt {attempt}"}))
    assert folder.best() is None
    folder.update_record(best_iteration=1)
    best = folder.best()
    assert best is not None and best.attempt == 1 and best.plan.rationale == "attempt 1"


def test_an_attempt_never_planned_is_not_found(tmp_path: Path) -> None:
    folder = RunStore(tmp_path).create(brief=BRIEF, effort="low", seed=0, canvas=None)
    with pytest.raises(RunNotFoundError, match="no attempt 3"):
        folder.read_iteration(3)


def _finished_run(settings: Settings) -> str:
    engine = Engine(settings, planner=FakePlanner(PLAN), renderer=FakeRenderer(), verifier=FakeVerifier(failures=1))
    try:
        return engine.generate(RunRequest(brief=BRIEF)).run_id
    finally:
        engine.close()


def test_each_trace_line_reads_as_its_nodes_typed_event(settings: Settings) -> None:
    events = RunStore(settings.runs_dir).open(_finished_run(settings)).read_trace()
    first, revision = [PlanEvent, RenderEvent, VerifyEvent], [PlanEvent, RenderEvent, VerifyEvent]
    assert [type(e) for e in events] == [UnderstandEvent, *first, *revision, FinishEvent]
    revise = events[4]
    assert isinstance(revise, PlanEvent) and revise.node == "revise" and revise.outputs.plan.rationale == "revision 1"
    finish = events[-1]
    assert isinstance(finish, FinishEvent) and finish.outputs.passed and finish.outputs.best_attempt == 1


def test_a_trace_line_written_before_the_typed_events_still_reads(tmp_path: Path) -> None:
    folder = RunStore(tmp_path).create(brief=BRIEF, effort="low", seed=0, canvas=None)
    line = {
        "node": "finish",
        "attempt": 2,
        "at": "2025-01-01T00:00:00.000+00:00",
        "seconds": 0.0,
        "inputs": {},
        "outputs": {"passed": False, "best_attempt": 2, "summary": "1 of 2 checks failed"},
        "notes": [],
    }
    (folder.path / "trace.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    [event] = folder.read_trace()
    assert isinstance(event, FinishEvent) and event.outputs.summary == "1 of 2 checks failed"
    assert json.loads(event.model_dump_json()) == line


def test_tessera_trace_shows_each_step_and_json_keeps_the_event_keys(settings: Settings) -> None:
    run_id = _finished_run(settings)
    env = {"TESSERA_HOME": str(settings.home)}
    shown = CliRunner().invoke(app, ["trace", run_id], env=env)
    assert shown.exit_code == 0, shown.output
    assert 'text text-1: {"text": "HELLO", "script": "latin", "language": "en", ' in shown.output
    assert "planner: fake  canvas 1024x1536" in shown.output  # a poster's canvas
    assert "best attempt 1:" in shown.output
    raw = CliRunner().invoke(app, ["trace", run_id, "--json"], env=env)
    lines = [json.loads(line) for line in raw.output.splitlines()]
    assert [set(line) for line in lines] == [{"node", "attempt", "at", "seconds", "inputs", "outputs", "notes"}] * 8
    assert set(lines[1]["outputs"]) >= {"plan", "planner", "notes", "calls", "problems"}
    assert set(lines[2]["outputs"]) == {"image", "manifest", "timings", "progress"}
