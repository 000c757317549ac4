"""Retention: runs that ended long ago go with their checkpoints; queued and running runs stay, however old."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tessera.agents import Engine, RunRequest, Settings
from tessera.agents.cli import app
from tessera.agents.retention import prune_runs
from tessera.agents.runs import RunFolder, RunStore
from tessera.agents.services import create_app
from tessera.contract import RunStatus

pytestmark = pytest.mark.slow  # each test makes real runs

_DAY_S = 86400


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = Engine(settings)
    yield engine
    engine.close()


def _age(folder: RunFolder, days: float) -> None:
    """Make the run look as if its record was last written `days` ago."""
    moment = time.time() - days * _DAY_S
    os.utime(folder.path / "run.json", (moment, moment))


def _run(engine: Engine, status: RunStatus, days_ago: float) -> RunFolder:
    outcome = engine.generate(RunRequest(brief="A label reading 'OLD'", effort="low", planner="rules"))
    folder = engine.store.open(outcome.run_id)
    folder.update_record(status=status)
    _age(folder, days_ago)
    return folder


def _checkpointed(engine: Engine, run_id: str) -> bool:
    return engine.checkpoints.saver.get_tuple({"configurable": {"thread_id": run_id}}) is not None


def test_old_ended_runs_are_deleted_with_their_checkpoints(engine: Engine) -> None:
    old = {status: _run(engine, status, days_ago=10) for status in ("done", "failed", "cancelled")}
    recent = _run(engine, "done", days_ago=1)
    assert all(_checkpointed(engine, f.run_id) for f in old.values())
    deleted = prune_runs(engine.store, engine.checkpoints.saver, older_than_days=7)
    assert sorted(deleted) == sorted(f.run_id for f in old.values())
    for folder in old.values():
        assert not folder.path.exists() and not _checkpointed(engine, folder.run_id)
    assert recent.path.exists() and _checkpointed(engine, recent.run_id)
    assert [r.run_id for r in engine.store.records(None)] == [recent.run_id]


def test_queued_and_running_runs_are_never_deleted_however_old(engine: Engine) -> None:
    waiting = [_run(engine, status, days_ago=365) for status in ("queued", "running")]
    assert prune_runs(engine.store, engine.checkpoints.saver, older_than_days=1) == []
    for folder in waiting:
        assert folder.path.exists() and _checkpointed(engine, folder.run_id)


def test_a_run_resumed_after_it_ended_is_as_young_as_its_resume(engine: Engine) -> None:
    folder = _run(engine, "failed", days_ago=30)
    folder.update_record(status="done")  # carried on today: its record was written now
    assert prune_runs(engine.store, engine.checkpoints.saver, older_than_days=7) == []
    assert folder.path.exists()


def test_tessera_prune_deletes_old_runs_and_says_how_many(
    engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _run(engine, "done", days_ago=3)
    kept = _run(engine, "running", days_ago=3)
    engine.close()
    monkeypatch.setenv("TESSERA_HOME", str(settings.home))
    result = CliRunner().invoke(app, ["prune", "--older-than", "2"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 run" in result.output
    assert not old.path.exists() and kept.path.exists()
    assert [r.run_id for r in RunStore(settings.runs_dir).records(None)] == [kept.run_id]


def test_tessera_prune_without_a_limit_names_the_setting(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_HOME", str(settings.home))
    monkeypatch.delenv("TESSERA_RUNS_KEEP_DAYS", raising=False)
    result = CliRunner().invoke(app, ["prune"])
    assert result.exit_code == 2 and "TESSERA_RUNS_KEEP_DAYS" in result.output


def test_a_gateway_with_runs_keep_days_deletes_old_runs_when_it_starts(engine: Engine, settings: Settings) -> None:
    old = _run(engine, "done", days_ago=10)
    young = _run(engine, "done", days_ago=0)
    engine.close()
    keeping = settings.model_copy(update={"services": settings.services.model_copy(update={"runs_keep_days": 7})})
    with TestClient(create_app("all", keeping)):
        deadline = time.monotonic() + 30
        while old.path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    assert not old.path.exists() and young.path.exists()
