"""The run store on disk: one folder per run with its record, each iteration's artifacts and the trace.

Layout of a run folder:
    run.json               the RunRecord (status, brief, outcome)
    run.lock               what writers of run.json lock, so that no change to the record is lost
    trace.jsonl            one TraceEvent per line, in order
    events.jsonl           one progress event per line, as a progress bar or event stream shows them
    constraints.json       what the brief asks for
    material.bin           the user's own images, brand kit and data, when they supplied any (UserMaterial JSON)
    iter-0/plan.json, image.png, drawn.json, report.json   the first plan, render, parts drawn and report
    iter-0/evidence/*.png  a picture per check of what it measured, linked from report.json (`evidence_image`)
    iter-1/...             each revision
"""

from __future__ import annotations

import fcntl
import json
import secrets
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image
from pydantic import BaseModel, TypeAdapter

from tessera.agents._provenance import provenance_info
from tessera.contract import (
    ConflictError,
    Constraints,
    DrawnPart,
    Effort,
    LayoutPlan,
    PlannerChoice,
    RunIteration,
    RunNotFoundError,
    RunRecord,
    RunStatus,
    TraceEvent,
    UserMaterial,
    VerificationReport,
    utc_timestamp,
)

_TRACE_EVENT: TypeAdapter[TraceEvent] = TypeAdapter(TraceEvent)
_DRAWN: TypeAdapter[list[DrawnPart]] = TypeAdapter(list[DrawnPart])


def new_run_id() -> str:
    """A sortable, unique id: UTC time plus random hex."""
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


class RunFolder:
    """One run's artifacts on disk (`tessera.contract.RunFolder`). Safe to share between graph nodes of one run.

    The only code that knows the folder's layout: everything else writes and reads through these methods.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @property
    def run_id(self) -> str:
        """The run's id: the folder's name."""
        return self.path.name

    def plan_path(self, attempt: int) -> Path:
        """Where attempt `attempt`'s plan is kept."""
        return self._iteration_dir(attempt) / "plan.json"

    def image_path(self, attempt: int) -> Path:
        """Where attempt `attempt`'s image is kept."""
        return self._iteration_dir(attempt) / "image.png"

    def drawn_path(self, attempt: int) -> Path:
        """Where the parts attempt `attempt`'s render drew are kept."""
        return self._iteration_dir(attempt) / "drawn.json"

    def report_path(self, attempt: int) -> Path:
        """Where attempt `attempt`'s verification report is kept."""
        return self._iteration_dir(attempt) / "report.json"

    def write_constraints(self, constraints: Constraints) -> Path:
        """Keep what the brief asks for."""
        return self._write_json(self.path / "constraints.json", constraints)

    def read_constraints(self) -> Constraints:
        """What the brief asks for, as the run last kept it; RunNotFoundError before it read the brief."""
        path = self.path / "constraints.json"
        if not path.is_file():
            raise RunNotFoundError(f"run {self.run_id} has not read its brief yet")
        return Constraints.model_validate_json(path.read_text(encoding="utf-8"))

    def write_material(self, material: UserMaterial) -> Path:
        """Keep what the user supplied, so a resumed run and a later SVG draw with it too. Not an artifact the API
        serves: the suffix keeps it out."""
        path = self.path / "material.bin"
        path.write_text(material.model_dump_json(), encoding="utf-8")
        return path

    def read_material(self) -> UserMaterial:
        """What the user supplied with the run (nothing, for a run without material)."""
        path = self.path / "material.bin"
        return UserMaterial.model_validate_json(path.read_bytes()) if path.is_file() else UserMaterial()

    def write_plan(self, attempt: int, plan: LayoutPlan) -> Path:
        """Keep attempt `attempt`'s plan."""
        return self._write_json(self.plan_path(attempt), plan)

    def write_report(self, attempt: int, report: VerificationReport) -> Path:
        """Keep attempt `attempt`'s verification report."""
        return self._write_json(self.report_path(attempt), report)

    def write_evidence(self, attempt: int, name: str, picture: Image.Image) -> str:
        """Keep one evidence picture of attempt `attempt` in its `evidence/` folder; answer its path relative to the
        run folder. `name` must be a plain file name: a check's id cannot lead the picture out of the folder."""
        if not name or name != Path(name).name or name.startswith("."):
            raise ValueError(f"evidence picture name {name!r} is not a plain file name")
        path = self._iteration_dir(attempt) / "evidence" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        picture.save(path, format="PNG", compress_level=1)
        return path.relative_to(self.path).as_posix()

    def write_image(self, attempt: int, image: Image.Image) -> Path:
        """Keep attempt `attempt`'s render as PNG, its text chunks naming this run and attempt (`_provenance`)."""
        path = self.image_path(attempt)
        path.parent.mkdir(parents=True, exist_ok=True)
        image.save(path, format="PNG", compress_level=1, pnginfo=provenance_info(self.run_id, attempt))
        return path

    def write_drawn(self, attempt: int, parts: list[DrawnPart]) -> Path:
        """Keep the parts attempt `attempt`'s render drew."""
        path = self.drawn_path(attempt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_DRAWN.dump_json(parts, indent=2))
        return path

    def read_drawn(self, attempt: int) -> list[DrawnPart] | None:
        """The parts attempt `attempt`'s render drew; None before it was rendered."""
        path = self.drawn_path(attempt)
        return _DRAWN.validate_json(path.read_bytes()) if path.is_file() else None

    def read_plan(self, attempt: int) -> LayoutPlan:
        """Attempt `attempt`'s plan; RunNotFoundError when it was never planned."""
        path = self.plan_path(attempt)
        if not path.is_file():
            raise RunNotFoundError(f"run {self.run_id} has no attempt {attempt}")
        return LayoutPlan.model_validate_json(path.read_text(encoding="utf-8"))

    def read_report(self, attempt: int) -> VerificationReport | None:
        """Attempt `attempt`'s verification report; None before it was verified."""
        path = self.report_path(attempt)
        return VerificationReport.model_validate_json(path.read_text(encoding="utf-8")) if path.is_file() else None

    def read_iteration(self, attempt: int) -> RunIteration:
        """Attempt `attempt` as kept so far: its plan, and its image, parts drawn and report once they exist."""
        image = self.image_path(attempt)
        return RunIteration(
            attempt=attempt,
            plan=self.read_plan(attempt),
            plan_path=self.plan_path(attempt),
            image=image if image.is_file() else None,
            drawn=self.read_drawn(attempt),
            report=self.read_report(attempt),
        )

    def best(self) -> RunIteration | None:
        """The attempt the run kept; None before it chose one."""
        best = self.read_record().best_iteration
        return None if best is None else self.read_iteration(best)

    def append_trace(self, event: TraceEvent) -> None:
        """Add one step to trace.jsonl."""
        with self._lock, (self.path / "trace.jsonl").open("a", encoding="utf-8") as stream:
            stream.write(event.model_dump_json() + "\n")

    def append_event(self, event: BaseModel) -> None:
        """Add one progress event to events.jsonl."""
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
        """The run's record as stored now."""
        return RunRecord.model_validate_json((self.path / "run.json").read_text(encoding="utf-8"))

    def write_record(self, record: RunRecord) -> None:
        """Replace the record in one step, so that a reader never sees half of it."""
        with self._record_locked():
            self._replace_record(record)

    def update_record(self, **changes: Any) -> RunRecord:
        """Store the record with `changes` applied and return it."""
        record, _ = self.update_record_when(None, **changes)
        return record

    def update_record_when(self, statuses: Collection[RunStatus] | None, **changes: Any) -> tuple[RunRecord, bool]:
        """Apply `changes` only while the run's status is one of `statuses` (None: any), in one step no other writer
        splits; answer the record as it is now and whether it changed. A worker taking a queued run and a cancel of
        it, or a run finishing while a cancel lands, cannot both win."""
        with self._record_locked():
            record = self.read_record()
            if statuses is not None and record.status not in statuses:
                return record, False
            record = record.model_copy(update=changes)
            self._replace_record(record)
            return record, True

    def claim(self, previous_owner: str, owner: str) -> RunRecord | None:
        """Make `owner` the run's driver while it is queued or running under `previous_owner`; the record as claimed,
        or None when it ended or someone else claimed it first."""
        with self._record_locked():
            record = self.read_record()
            if record.status not in ("queued", "running") or record.owner != previous_owner:
                return None
            record = record.model_copy(update={"owner": owner})
            self._replace_record(record)
            return record

    def cancel(self) -> RunRecord:
        """Cancel the run: a queued one at once (it never starts), a running one before its next step (its driver
        reads `cancel_requested`). ConflictError for a run that has ended. Answers the record as the cancel left it."""
        record, cancelled = self.update_record_when({"queued"}, status="cancelled", error="cancelled before it started")
        if cancelled:
            return record
        record, requested = self.update_record_when({"running"}, cancel_requested=True)
        if requested:
            return record
        raise ConflictError(f"run {self.run_id} has ended ({record.status}); there is nothing to cancel")

    @contextmanager
    def _record_locked(self) -> Iterator[None]:
        # flock, not only the thread lock: gateways sharing the runs folder, and other RunFolder objects of the same
        # run in this process, write the record too.
        with self._lock, (self.path / "run.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def _replace_record(self, record: RunRecord) -> None:
        temporary = self.path / "run.json.tmp"
        temporary.write_text(record.model_dump_json(indent=2), encoding="utf-8")
        temporary.replace(self.path / "run.json")

    def read_trace(self) -> list[TraceEvent]:
        """Every step so far, in order, each as its node's typed event."""
        path = self.path / "trace.jsonl"
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [_TRACE_EVENT.validate_json(line) for line in lines if line.strip()]

    def _iteration_dir(self, attempt: int) -> Path:
        return self.path / f"iter-{attempt}"

    @staticmethod
    def _write_json(path: Path, model: BaseModel) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(model.model_dump_json(indent=2), encoding="utf-8")
        return path


class RunStore:
    """All runs under one folder (`tessera.contract.RunStore`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def create(
        self,
        *,
        brief: str,
        effort: Effort,
        seed: int,
        canvas: str | None,
        planner_choice: PlannerChoice = "auto",
        owner: str | None = None,
        strict: bool = False,
        key_id: str | None = None,
        parent_run_id: str | None = None,
        instruction: str | None = None,
        variant_group: str | None = None,
        variant: int | None = None,
    ) -> RunFolder:
        """A new run folder with its record in status 'queued': nothing drives it until a worker takes it. An edit
        run names its parent and the instruction (its lineage); a variant its index and its group (the first
        variant's run id: the run's own when `variant` is given without a group)."""
        self.root.mkdir(parents=True, exist_ok=True)
        folder = RunFolder(self.root / new_run_id())
        folder.path.mkdir()
        record = RunRecord(
            run_id=folder.run_id,
            created_at=utc_timestamp(),
            status="queued",
            brief=brief,
            effort=effort,
            seed=seed,
            canvas=canvas,
            planner_choice=planner_choice,
            owner=owner,
            strict=strict,
            key_id=key_id,
            parent_run_id=parent_run_id,
            instruction=instruction,
            variant_group=variant_group or (folder.run_id if variant is not None else None),
            variant=variant,
        )
        folder.write_record(record)
        return folder

    def open(self, run_id: str) -> RunFolder:
        """The folder of an existing run; RunNotFoundError names where it looked."""
        folder = self.root / run_id
        if "/" in run_id or run_id.startswith(".") or not (folder / "run.json").is_file():
            # The message leaves out where runs are kept: a server's reply must not show its paths.
            raise RunNotFoundError(f"no run {run_id!r}; `tessera runs` (or GET /v1/runs) lists the stored runs")
        return RunFolder(folder)

    def records(self, limit: int | None = 50) -> list[RunRecord]:
        """The newest runs first; `limit` None: all of them."""
        if not self.root.is_dir():
            return []
        folders = sorted((p for p in self.root.iterdir() if (p / "run.json").is_file()), reverse=True)
        return [RunFolder(p).read_record() for p in folders[:limit]]
