"""The graph's state: what one run knows at each step."""

from __future__ import annotations

import operator
from typing import Annotated, TypedDict

from pydantic import BaseModel, ConfigDict

from tessera.agents.request import BackgroundChoice
from tessera.contract import (
    Canvas,
    Constraints,
    DocumentKind,
    Effort,
    Grounding,
    LayoutPlan,
    PlanEdit,
    RenderManifest,
    Supplied,
    VerificationReport,
)


class Iteration(BaseModel):
    """One render-and-verify round, as kept in state and shown to users."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    attempt: int
    planner: str
    passed: bool  # as the run judges it: with `strict`, a check not verified fails it too
    failed: list[str]
    summary: str


class Candidate(BaseModel):
    """A first plan tried at effort high and not kept: a revision that would repeat an earlier plan takes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int
    plan: LayoutPlan
    planner: str
    notes: list[str]
    template: str | None = None
    plan_hash: str


class RunState(TypedDict, total=False):
    """Inputs first (set by the caller), then what the nodes add."""

    brief: str
    requested_canvas: Canvas | None
    max_revisions: int
    seed: int
    style_seed: int | None  # the seed the look is picked by (variants share it); absent or None: seed's
    user_plan: LayoutPlan | None
    background: BackgroundChoice  # absent in runs checkpointed before it existed: auto
    kind: DocumentKind | None  # the document kind the user chose; absent or None: as the brief says
    supplied: Supplied  # the user's assets, brand kit and data (their files stay in the run folder); absent: none
    effort: Effort  # absent in runs checkpointed before it existed: medium
    candidates: int  # first plans to try, best kept (effort high); absent: 1
    strict: bool  # checks nothing could measure fail the run (`--strict`); absent: False
    # An edit run's edit (`tessera edit`): its constraints are verified instead of the brief's reading, and user_plan
    # is the parent's plan with its patch applied. Absent: a run made from a brief.
    edit: PlanEdit
    web: bool | None  # may the run search the web (`--web/--no-web`); absent or None: as TESSERA_SEARCH says

    constraints: Constraints
    canvas: Canvas
    grounding: Grounding  # what `ground` decided and found; absent: the run did not ground (edit, supplied plan)
    plan: LayoutPlan
    laid_out: LayoutPlan  # the plan as the renderer laid it out: a box on every node; what verify and revise read
    manifest: RenderManifest  # what the renderer drew of laid_out (less the plan): verify judges the plan as drawn
    planner: str
    attempt: int
    report: VerificationReport
    iterations: Annotated[list[Iteration], operator.add]
    notices: Annotated[list[str], operator.add]
    best_attempt: int
    plan_hashes: Annotated[list[str], operator.add]  # every plan rendered so far, as planned and as laid out
    spare: list[Candidate]  # candidates not kept, best first: what a repeating revision takes instead
    next_seed: int  # the first seed no candidate has been planned at
    stalled: bool  # a revision found nothing new to draw: the run finishes


# Types the checkpointer may rebuild from its database; anything else stays a plain dict.
CHECKPOINT_TYPES: list[tuple[str, str]] = [
    ("tessera.contract.plan", "Canvas"),
    ("tessera.contract.reading", "Constraints"),
    ("tessera.contract.edits", "PlanEdit"),
    ("tessera.contract.grounding", "Grounding"),
    ("tessera.contract.plan", "LayoutPlan"),
    ("tessera.contract.rendering", "RenderManifest"),
    ("tessera.contract.material", "Supplied"),
    ("tessera.contract.report", "VerificationReport"),
    ("tessera.agents.state", "Iteration"),
    ("tessera.agents.state", "Candidate"),
]
