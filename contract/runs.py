"""What a run leaves behind and where it is kept: its record, its iterations, and the run store Protocols."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Protocol

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.contract.plan import Effort, LayoutPlan, PlannerChoice
from tessera.contract.reading import Constraints
from tessera.contract.rendering import DrawnPart
from tessera.contract.report import VerificationReport
from tessera.contract.trace import TraceEvent

RunStatus = Literal["queued", "running", "done", "failed", "cancelled"]
"""queued: recorded and checkpointed, waiting for a worker; running: a worker drives it; done: it kept an image;
failed: it stopped on an error (resumable); cancelled: someone cancelled it, or its client went away while it was
queued (resumable)."""
ENDED_STATUSES: frozenset[str] = frozenset({"done", "failed", "cancelled"})


class RunRecord(BaseModel):
    """A run's identity, request and outcome, as stored in run.json."""

    model_config = ConfigDict(extra="forbid")

    run_id: str
    created_at: str
    status: RunStatus = "running"
    brief: str
    effort: Effort
    seed: int
    canvas: str | None = None
    planner_choice: PlannerChoice = Field(default="auto", description="what the request asked for: auto, llm or rules")
    owner: str | None = Field(default=None, description="the gateway driving the run; None for the CLI")
    strict: bool = Field(default=False, description="checks nothing could measure count as failed in `passed`")
    key_id: str | None = Field(
        default=None,
        description="which API key made the run (a digest, never the key); only that key sees it. None: made "
        "without keys (the CLI, or a server without TESSERA_API_KEYS)",
    )
    cancel_requested: bool = Field(default=False, description="a cancel was asked for; the run stops at its next step")
    parent_run_id: str | None = Field(
        default=None, description="the run this one edits (`tessera edit`); None: a run made from a brief"
    )
    instruction: str | None = Field(default=None, description="the edit instruction, for an edit run")
    variant_group: str | None = Field(
        default=None, description="runs made together as variants of one brief share it: the first variant's run id"
    )
    variant: int | None = Field(default=None, ge=0, description="which variant of its group, from 0")
    planner: str | None = None
    passed: bool | None = None
    summary: str | None = None
    iterations: int = 0
    best_iteration: int | None = None
    error: str | None = None
    notices: list[str] = Field(default_factory=list)


class RunIteration(BaseModel):
    """One attempt as its run keeps it: the plan, and the image, the parts drawn and the report once they exist."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    attempt: int
    plan: LayoutPlan
    plan_path: Path
    image: Path | None = Field(default=None, description="the rendered image; None before the render")
    drawn: list[DrawnPart] | None = Field(default=None, description="the parts the render drew; None before it")
    report: VerificationReport | None = Field(default=None, description="the verifier's report; None before it")


class RunFolder(Protocol):
    """One run's artifacts: the record, the constraints, each iteration's plan, image, parts drawn and report, the trace
    and the progress events. The graph writes through it; the CLI, the gateway and the engine read through it."""

    @property
    def run_id(self) -> str:
        """The run's id."""
        ...

    def read_record(self) -> RunRecord:
        """The run's record as stored now."""
        ...

    def update_record(self, **changes: Any) -> RunRecord:
        """Store the record with `changes` applied and return it."""
        ...

    def write_constraints(self, constraints: Constraints) -> Path:
        """Keep what the brief asks for."""
        ...

    def write_plan(self, attempt: int, plan: LayoutPlan) -> Path:
        """Keep attempt `attempt`'s plan."""
        ...

    def write_image(self, attempt: int, image: Image.Image) -> Path:
        """Keep attempt `attempt`'s render."""
        ...

    def write_drawn(self, attempt: int, parts: list[DrawnPart]) -> Path:
        """Keep the parts attempt `attempt`'s render drew."""
        ...

    def write_report(self, attempt: int, report: VerificationReport) -> Path:
        """Keep attempt `attempt`'s verification report."""
        ...

    def write_evidence(self, attempt: int, name: str, picture: Image.Image) -> str:
        """Keep one evidence picture of attempt `attempt` under the plain file name `name` (ValueError for a name
        with a folder in it); answer its path relative to the run folder, as a check's `evidence_image` holds it."""
        ...

    def read_iteration(self, attempt: int) -> RunIteration:
        """Attempt `attempt` as kept so far; RunNotFoundError when it was never planned."""
        ...

    def best(self) -> RunIteration | None:
        """The attempt the run kept (the record's `best_iteration`); None before the run chose one."""
        ...

    def append_trace(self, event: TraceEvent) -> None:
        """Add one step to the trace."""
        ...

    def read_trace(self) -> list[TraceEvent]:
        """Every step so far, in order."""
        ...

    def append_event(self, event: BaseModel) -> None:
        """Add one progress event (for a progress bar or an event stream)."""
        ...

    def read_events(self, start: int = 0) -> list[dict[str, Any]]:
        """The progress events from the `start`-th on."""
        ...


class RunStore(Protocol):
    """Where runs are kept: creates run folders, opens them by id, lists their records."""

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
        """A new run, its record in status 'queued': recorded before a worker takes it, so nothing asked for is lost.
        An edit run names its parent and the instruction; a variant its index and its group."""
        ...

    def open(self, run_id: str) -> RunFolder:
        """An existing run; RunNotFoundError when there is none with that id."""
        ...

    def records(self, limit: int | None = 50) -> list[RunRecord]:
        """The newest runs' records first; `limit` None: all of them."""
        ...
