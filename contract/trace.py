"""What each step of a run writes to its trace: one typed event per graph node, told apart by `node`.

A trace is `trace.jsonl` in the run folder, one event a line, in the order the steps finished. Every event has
the same outer shape (`node`, `attempt`, `at`, `seconds`, `inputs`, `outputs`, `notes`); what `inputs` and
`outputs` hold depends on the node. At effort high, `plan` first writes a `candidates` event: the first plans it
tried and why it kept one. A run whose brief asks for facts it does not give has a `ground` event after
`understand`: the queries, the results and which fact came from where. An edit run (`tessera edit`) starts
with an `edit` event: the instruction and its patch.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tessera.contract.edits import PlanEdit
from tessera.contract.grounding import Grounding
from tessera.contract.plan import Canvas
from tessera.contract.planning import PlanResult
from tessera.contract.reading import Constraints
from tessera.contract.rendering import RenderManifest, RenderProgress
from tessera.contract.report import DesignScore, VerificationReport


def utc_timestamp() -> str:
    """Now in UTC, ISO 8601 to the millisecond: how runs and their traces are stamped."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoInputs(_Payload):
    """A step that takes nothing beyond what earlier events show (the plan it draws, the image it checks)."""


class UnderstandInputs(_Payload):
    """What `understand` read."""

    brief: str


class UnderstandOutputs(_Payload):
    """What `understand` found: the brief's hard constraints and the canvas settled on."""

    constraints: Constraints
    canvas: Canvas


class PlanInputs(_Payload):
    """Which planner `plan` or `revise` asked."""

    planner: str = Field(description="the planner's name, e.g. 'rules' or 'planner service http://planner:8001'")


class PlanOutputs(PlanResult):
    """Everything the planner reported (plan, notes, model calls, fallback), and what the plan check found."""

    problems: list[str] = Field(default_factory=list, description="where the plan misses a constraint, one each")


class RenderStep(RenderProgress):
    """One generative step as it happened."""

    seconds: float = Field(description="seconds since the render began")


class RenderOutputs(_Payload):
    """What `render` drew: the image file, the manifest, its timings and each generative step."""

    image: str = Field(description="the image file the render was stored in")
    manifest: RenderManifest
    timings: dict[str, float] = Field(default_factory=dict)
    progress: list[RenderStep] = Field(default_factory=list)


class VerifyOutputs(_Payload):
    """What `verify` measured."""

    report: VerificationReport


class FinishOutputs(_Payload):
    """The attempt a run kept, and its verdict."""

    passed: bool
    best_attempt: int
    summary: str


class CandidatesInputs(_Payload):
    """Which planner `plan` asked for candidates at effort high, and at which seeds."""

    planner: str
    seeds: list[int] = Field(description="every seed planned, duplicates of an earlier plan included")


class CandidateOutcome(_Payload):
    """One candidate first plan: where it came from, and what its render measured."""

    seed: int = Field(description="the seed the planner planned it at")
    template: str | None = Field(default=None, description="the design template the planner's notes name, if any")
    plan_hash: str = Field(description="a hash of the plan's JSON: equal hashes, identical plans")
    image_hash: str = Field(description="a hash of the rendered pixels: equal hashes, identical images")
    passed: bool
    failed: int = Field(description="failed checks plus lint errors")
    summary: str = Field(description="the verification report's one line")
    design: DesignScore | None = None
    chosen: bool = False


class CandidatesOutputs(_Payload):
    """The candidates, best first, and why the first won."""

    candidates: list[CandidateOutcome]
    chosen_seed: int
    reason: str


class EditInputs(_Payload):
    """What `edit` was asked: the run whose kept plan it changes, and the instruction."""

    parent_run_id: str
    instruction: str


class GroundInputs(_Payload):
    """What `ground` was given: whether the run allows the web (`--web/--no-web`), and the search provider."""

    web: bool
    provider: str


class _Event(BaseModel):
    """The shape every trace event shares; subclasses narrow `node`, `inputs` and `outputs`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    node: str
    attempt: int = 0
    at: str = Field(default_factory=utc_timestamp, description="UTC time the step finished, ISO 8601")
    seconds: float
    inputs: BaseModel
    outputs: BaseModel
    notes: list[str] = Field(default_factory=list)

    @field_validator("seconds")
    @classmethod
    def _rounded(cls, seconds: float) -> float:
        # A tenth of a millisecond is finer than any step needs; it keeps trace lines short.
        return round(seconds, 4)


class UnderstandEvent(_Event):
    """The brief read into constraints."""

    node: Literal["understand"] = "understand"
    inputs: UnderstandInputs
    outputs: UnderstandOutputs


class PlanEvent(_Event):
    """A plan written: the first one (`plan`) or a revision (`revise`)."""

    node: Literal["plan", "revise"]
    inputs: PlanInputs
    outputs: PlanOutputs


class EditEvent(_Event):
    """An edit run's first step: the instruction turned into a JSON Patch of the parent run's plan (its `plan` event
    follows with the patched plan)."""

    node: Literal["edit"] = "edit"
    inputs: EditInputs
    outputs: PlanEdit


class GroundEvent(_Event):
    """Web grounding between understanding and planning: the decision, the queries and their results, the facts
    chosen and where each came from. Written only when the run could ground (not for edits or supplied plans)."""

    node: Literal["ground"] = "ground"
    inputs: GroundInputs
    outputs: Grounding


class CandidatesEvent(_Event):
    """At effort high: several first plans (the planner's at successive seeds) rendered, verified and scored, and
    the one the run carries on from (its own `plan` event follows)."""

    node: Literal["candidates"] = "candidates"
    inputs: CandidatesInputs
    outputs: CandidatesOutputs


class RenderEvent(_Event):
    """A plan drawn."""

    node: Literal["render"] = "render"
    inputs: NoInputs = Field(default_factory=NoInputs)
    outputs: RenderOutputs


class VerifyEvent(_Event):
    """A render checked against the brief."""

    node: Literal["verify"] = "verify"
    inputs: NoInputs = Field(default_factory=NoInputs)
    outputs: VerifyOutputs


class FinishEvent(_Event):
    """The run's outcome recorded."""

    node: Literal["finish"] = "finish"
    inputs: NoInputs = Field(default_factory=NoInputs)
    outputs: FinishOutputs


TraceEvent = Annotated[
    UnderstandEvent | EditEvent | GroundEvent | CandidatesEvent | PlanEvent | RenderEvent | VerifyEvent | FinishEvent,
    Field(discriminator="node"),
]
"""One step of a run, as `trace.jsonl` holds it; read a line with `TypeAdapter(TraceEvent)`."""
