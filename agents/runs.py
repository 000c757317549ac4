"""The run store: one folder per run with its record, each iteration's artifacts and the trace.

Layout of a run folder:
    run.json               the RunRecord (status, brief, outcome)
    trace.jsonl            one TraceEvent per line, in order
    events.jsonl           one progress event per line, as a progress bar or event stream shows them
    constraints.json       what the brief asks for
    iter-0/plan.json, image.png, report.json   the first plan, render and report
    iter-1/...             each revision
"""

from __future__ import annotations

import json
import secrets
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import Constraints, LayoutPlan, RunNotFoundError, VerificationReport

RunStatus = Literal["running", "done", "failed"]


class TraceEvent(BaseModel):
    """One step of a run: which node, on which attempt, what went in and out, how long it took."""

    model_config = ConfigDict(extra="forbid")

    node: str
    attempt: int = 0
    at: str = Field(description="UTC time the step finished, ISO 8601")
    seconds: float
    inputs: dict[str, Any] = Field(default_factory=dict)
    outputs: dict[str, Any] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


class RunRecord(BaseModel):
    """A run's identity, request and outcome, as stored in run.json."""

    model_config = ConfigDict(extra="forbid")

    run_id: str
    created_at: str
    status: RunStatus = "running"
    brief: str
    effort: str
    seed: int
    canvas: str | None = None
    planner_choice: str = Field(default="auto", description="what the request asked for: auto, llm or rules")
    owner: str | None = Field(default=None, description="the gateway driving the run; None for the CLI")
    planner: str | None = None
    passed: bool | None = None
    summary: str | None = None
    iterations: int = 0
    best_iteration: int | None = None
    error: str | None = None
    notices: list[str] = Field(default_factory=list)

    def image_path(self, folder: Path) -> Path | None:
        """The best iteration's image, if one was rendered."""
        if self.best_iteration is None:
            return None
        return folder / f"iter-{self.best_iteration}" / "image.png"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_run_id() -> str:
    """A sortable, unique id: UTC time plus random hex."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


class RunFolder:
    """Writes one run's artifacts. Safe to share between graph nodes of one run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @property
    def run_id(self) -> str:
        return self.path.name

    def iteration_dir(self, attempt: int) -> Path:
        folder = self.path / f"iter-{attempt}"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def write_constraints(self, constraints: Constraints) -> Path:
        return self._write_json(self.path / "constraints.json", constraints)

    def write_plan(self, attempt: int, plan: LayoutPlan) -> Path:
        return self._write_json(self.iteration_dir(attempt) / "plan.json", plan)

    def write_report(self, attempt: int, report: VerificationReport) -> Path:
        return self._write_json(self.iteration_dir(attempt) / "report.json", report)

    def write_image(self, attempt: int, image: Image.Image) -> Path:
        path = self.iteration_dir(attempt) / "image.png"
        image.save(path, format="PNG", compress_level=1)
        return path

    def append_trace(self, event: TraceEvent) -> None:
        with self._lock, (self.path / "trace.jsonl").open("a", encoding="utf-8") as stream:
            stream.write(event.model_dump_json() + "\n")

    def append_event(self, event: BaseModel) -> None:
        with self._lock, (self.path / "events.jsonl").open("a", encoding="utf-8") as stream:
            stream.write(event.model_dump_json() + "\n")

    def read_events(self, start: int = 0) -> list[dict[str, Any]]:
        """Progress events from the `start`-th on (events are only ever appended)."""
        path = self.path / "events.jsonl"
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()[start:]
        # A line being written right now may be incomplete: stop before it.
        events: list[dict[str, Any]] = []
        for line in lines:
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                break
        return events

    def read_record(self) -> RunRecord:
        return RunRecord.model_validate_json((self.path / "run.json").read_text(encoding="utf-8"))

    def write_record(self, record: RunRecord) -> None:
        with self._lock:
            temporary = self.path / "run.json.tmp"
            temporary.write_text(record.model_dump_json(indent=2), encoding="utf-8")
            temporary.replace(self.path / "run.json")

    def update_record(self, **changes: Any) -> RunRecord:
        record = self.read_record().model_copy(update=changes)
        self.write_record(record)
        return record

    def read_trace(self) -> list[TraceEvent]:
        path = self.path / "trace.jsonl"
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [TraceEvent.model_validate_json(line) for line in lines if line.strip()]

    @staticmethod
    def _write_json(path: Path, model: BaseModel) -> Path:
        path.write_text(model.model_dump_json(indent=2), encoding="utf-8")
        return path


class RunStore:
    """All runs under one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def create(
        self,
        *,
        brief: str,
        effort: str,
        seed: int,
        canvas: str | None,
        planner_choice: str = "auto",
        owner: str | None = None,
    ) -> RunFolder:
        """A new run folder with its record in status 'running'."""
        self.root.mkdir(parents=True, exist_ok=True)
        folder = RunFolder(self.root / new_run_id())
        folder.path.mkdir()
        record = RunRecord(
            run_id=folder.run_id,
            created_at=_now(),
            brief=brief,
            effort=effort,
            seed=seed,
            canvas=canvas,
            planner_choice=planner_choice,
            owner=owner,
        )
        folder.write_record(record)
        return folder

    def open(self, run_id: str) -> RunFolder:
        """The folder of an existing run; RunNotFoundError names where it looked."""
        folder = self.root / run_id
        if "/" in run_id or run_id.startswith(".") or not (folder / "run.json").is_file():
            raise RunNotFoundError(f"no run {run_id!r} in {self.root}; `tessera runs` lists the stored runs")
        return RunFolder(folder)

    def records(self, limit: int | None = 50) -> list[RunRecord]:
        """The newest runs first; `limit` None: all of them."""
        if not self.root.is_dir():
            return []
        folders = sorted((p for p in self.root.iterdir() if (p / "run.json").is_file()), reverse=True)
        return [RunFolder(p).read_record() for p in folders[:limit]]


def trace_event(node: str, attempt: int, seconds: float, **fields: Any) -> TraceEvent:
    """A TraceEvent stamped now."""
    return TraceEvent(node=node, attempt=attempt, at=_now(), seconds=round(seconds, 4), **fields)


def dump(model: BaseModel) -> dict[str, Any]:
    """A model as JSON-ready data, for trace inputs and outputs."""
    return json.loads(model.model_dump_json())
