"""A run's life in the embedded engine: queued and checkpointed before a worker takes it, then running, then done,
failed or cancelled; resume only of what stopped; a database that fails after the image was made.

The parts are fakes and the checkpointer SQLite (wrapped to fail on demand); the same life over real HTTP, with a
real gateway process and real Postgres, is in tests/services/test_lifecycle.py and test_gateway_restart.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite import SqliteSaver
from PIL import Image
from typer.testing import CliRunner

from tessera.agents import Engine, RunRequest, RunStore, Settings
from tessera.agents.checkpoints import Checkpoints
from tessera.agents.cli import app
from tessera.agents.context import Progress
from tessera.agents.graph import RunCancelledError
from tessera.agents.state import CHECKPOINT_TYPES
from tessera.contract import ConflictError, LayoutPlan, RenderResult, RunRecord, SetupError
from tessera.contract.fakes import FakePlanner, FakeRenderer, FakeVerifier

BRIEF = "A poster with the headline 'HELLO'."


class FailingSaver(SqliteSaver):
    """SQLite checkpoints whose writes fail while `failing()` says so, as a database that went away does."""

    def __init__(self, connection: sqlite3.Connection, failing: Callable[[], bool]) -> None:
        super().__init__(connection, serde=JsonPlusSerializer(allowed_msgpack_modules=CHECKPOINT_TYPES))
        self.failing = failing
        self.failures = 0

    def put(self, *args: Any, **kwargs: Any) -> Any:
        self._fail_now()
        return super().put(*args, **kwargs)

    def put_writes(self, *args: Any, **kwargs: Any) -> None:
        self._fail_now()
        super().put_writes(*args, **kwargs)

    def _fail_now(self) -> None:
        if self.failing():
            self.failures += 1
            raise sqlite3.OperationalError("disk I/O error: the database went away")


class CallingBack(FakeRenderer):
    """A renderer that does something (cancel the run, break the database) while it draws."""

    def __init__(self, during_render: Callable[[], None]) -> None:
        super().__init__()
        self.during_render = during_render

    def render(self, plan: LayoutPlan, **options: Any) -> RenderResult:
        self.during_render()
        return super().render(plan, **options)


def _engine(
    settings: Settings, renderer: FakeRenderer | None = None, saver_failing: Callable[[], bool] | None = None
) -> Engine:
    checkpoints = None
    if saver_failing is not None:
        settings.home.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(settings.home / "failing.sqlite", check_same_thread=False)
        saver = FailingSaver(connection, saver_failing)
        checkpoints = Checkpoints(saver=saver, description="failing sqlite", probe=lambda: None, close=connection.close)
    return Engine(
        settings,
        planner=FakePlanner(),
        renderer=renderer or FakeRenderer(),
        verifier=FakeVerifier(),
        checkpoints=checkpoints,
    )


def _record(settings: Settings) -> RunRecord:
    (record,) = RunStore(settings.runs_dir).records()
    return record


def test_a_started_run_is_queued_with_its_input_checkpointed(settings: Settings) -> None:
    engine = _engine(settings)
    started = engine.start(RunRequest(brief=BRIEF), owner="gateway-a")
    assert _record(settings).status == "queued"
    assert engine.checkpoints.saver.get_tuple({"configurable": {"thread_id": started.run_id}}) is not None
    assert started.folder.read_trace() == []  # nothing ran yet


def test_a_run_goes_queued_then_running_then_done(settings: Settings) -> None:
    engine = _engine(settings)
    seen: list[str] = []

    def note_status(_: Progress) -> None:
        seen.append(_record(settings).status)

    outcome = engine.run(engine.start(RunRequest(brief=BRIEF)), note_status)
    assert set(seen) == {"running"} and _record(settings).status == "done" and outcome.passed


def test_a_queued_run_survives_a_restart_and_another_engine_carries_it_to_done(settings: Settings) -> None:
    first = _engine(settings)
    run_id = first.start(RunRequest(brief=BRIEF), owner="gateway-a").run_id
    first.close()  # the process stops before a worker took the run

    restarted = _engine(settings)
    assert [r.run_id for r in restarted.interrupted_runs("gateway-a")] == [run_id]
    assert restarted.interrupted_runs("gateway-b") == []
    outcome = restarted.run(restarted.pick_up(run_id))
    assert outcome.passed and _record(settings).status == "done"


def test_a_run_stopped_before_its_input_was_kept_is_failed_with_the_reason_when_picked_up(settings: Settings) -> None:
    engine = _engine(settings)
    folder = engine.store.create(brief=BRIEF, effort="low", seed=0, canvas=None, owner="gateway-a")
    with pytest.raises(ConflictError, match="send the request again"):
        engine.pick_up(folder.run_id)
    record = _record(settings)
    assert record.status == "failed" and "before its input was kept" in (record.error or "")


def test_resuming_a_done_run_is_a_conflict_that_leaves_it_untouched(settings: Settings) -> None:
    engine = _engine(settings)
    outcome = engine.generate(RunRequest(brief=BRIEF))
    run_json = (outcome.folder / "run.json").read_bytes()
    with pytest.raises(ConflictError, match="is done"):
        engine.resume(outcome.run_id)
    assert (outcome.folder / "run.json").read_bytes() == run_json


def test_resuming_a_queued_run_is_a_conflict(settings: Settings) -> None:
    engine = _engine(settings)
    started = engine.start(RunRequest(brief=BRIEF))
    with pytest.raises(ConflictError, match="is queued"):
        engine.reopen(started.run_id)
    assert _record(settings).status == "queued"


def test_a_cancelled_queued_run_never_starts(settings: Settings) -> None:
    renderer = FakeRenderer()
    engine = _engine(settings, renderer)
    started = engine.start(RunRequest(brief=BRIEF))
    assert engine.cancel(started.run_id).status == "cancelled"
    with pytest.raises(RunCancelledError, match="before it started"):
        engine.run(started)
    assert renderer.calls == 0 and started.folder.read_trace() == []
    assert _record(settings).status == "cancelled"


def test_a_cancelled_running_run_stops_at_its_next_step_and_resumes_from_there(settings: Settings) -> None:
    engine: Engine
    renderer = CallingBack(lambda: engine.cancel(_record(settings).run_id))
    engine = _engine(settings, renderer)
    with pytest.raises(RunCancelledError, match="before its verify step"):
        engine.generate(RunRequest(brief=BRIEF))
    record = _record(settings)
    assert record.status == "cancelled" and record.cancel_requested
    assert [e.node for e in engine.store.open(record.run_id).read_trace()] == ["understand", "plan", "render"]

    renderer.during_render = lambda: None
    outcome = engine.resume(record.run_id)
    assert outcome.passed and renderer.calls == 1  # carried on at verify: the render was not drawn again
    assert not _record(settings).cancel_requested


def test_cancelling_an_ended_run_is_a_conflict(settings: Settings) -> None:
    engine = _engine(settings)
    outcome = engine.generate(RunRequest(brief=BRIEF))
    with pytest.raises(ConflictError, match="has ended"):
        engine.cancel(outcome.run_id)
    assert _record(settings).status == "done"


def test_a_checkpoint_lost_after_the_run_finished_leaves_it_done(settings: Settings) -> None:
    engine = _engine(settings, saver_failing=lambda: _record(settings).status == "done")
    outcome = engine.generate(RunRequest(brief=BRIEF, effort="medium"))
    assert isinstance(engine.checkpoints.saver, FailingSaver) and engine.checkpoints.saver.failures > 0
    record = _record(settings)
    assert record.status == "done" and record.error is None
    assert outcome.passed and outcome.image.is_file() and len(outcome.iterations) == 1
    with Image.open(outcome.image) as image:
        assert image.size == (outcome.plan.canvas.width, outcome.plan.canvas.height)


def test_a_database_failure_after_the_render_keeps_the_image_and_the_run_resumes(settings: Settings) -> None:
    database_up = True

    def database_fails() -> None:
        nonlocal database_up
        database_up = False

    renderer = CallingBack(database_fails)
    engine = _engine(settings, renderer, saver_failing=lambda: not database_up)
    with pytest.raises(SetupError, match="checkpoint database failed"):
        engine.generate(RunRequest(brief=BRIEF))
    record = _record(settings)
    assert record.status == "failed"
    assert "iter-0/image.png" in (record.error or "") and "resume" in (record.error or "")
    assert engine.store.open(record.run_id).image_path(0).is_file()

    database_up, renderer.during_render = True, lambda: None
    outcome = engine.resume(record.run_id)
    assert outcome.passed and _record(settings).status == "done"


def test_a_database_down_at_start_fails_the_run_with_the_reason(settings: Settings) -> None:
    engine = _engine(settings, saver_failing=lambda: True)
    with pytest.raises(SetupError, match="checkpoint database failed"):
        engine.start(RunRequest(brief=BRIEF))
    record = _record(settings)
    assert record.status == "failed" and "send the request again" in (record.error or "")


def test_tessera_cancel_cancels_a_queued_run_and_refuses_an_ended_one(settings: Settings) -> None:
    engine = _engine(settings)
    started = engine.start(RunRequest(brief=BRIEF))
    env = {"TESSERA_HOME": str(settings.home)}
    cancelled = CliRunner().invoke(app, ["cancel", started.run_id], env=env)
    assert cancelled.exit_code == 0 and f"{started.run_id} cancelled" in cancelled.stdout
    again = CliRunner().invoke(app, ["cancel", started.run_id], env=env)
    assert again.exit_code == 2 and "nothing to cancel" in again.output
    assert _record(settings).status == "cancelled"
