"""The planner's swappable part: anything that turns constraints into a plan and revises it."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from tessera.contract.plan import Canvas, LayoutPlan
from tessera.contract.reading import Constraints
from tessera.contract.report import VerificationReport


class TokenUsage(BaseModel):
    """Tokens one model call spent, as the server counted them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasoning_tokens: int | None = None


class ModelCall(BaseModel):
    """One request to a language model, as the trace shows it: what was sent, what came back, what it cost."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    purpose: Literal["plan", "repair", "revise", "edit", "ground"]
    model: str
    messages: list[dict[str, str]] = Field(description="the rendered prompt, one {role, content} per message")
    options: dict[str, object] = Field(default_factory=dict, description="sampling and server options sent with it")
    output: str = Field(default="", description="the raw reply text, before any parsing")
    reasoning: str | None = Field(default=None, description="the model's thinking text, kept apart from the reply")
    finish_reason: str | None = None
    usage: TokenUsage | None = None
    seconds: float = 0.0
    streamed: bool = False
    problems: list[str] = Field(default_factory=list, description="what was wrong with the reply, one sentence each")
    error: str | None = Field(default=None, description="why the call failed, when it did")


class PlanResult(BaseModel):
    """A plan plus what the trace needs to explain it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    plan: LayoutPlan
    planner: str = Field(description="which planner wrote it, e.g. 'rules'")
    notes: list[str] = Field(default_factory=list, description="decisions worth showing a user, one sentence each")
    reasoning: str | None = Field(
        default=None, description="the model's own reasoning text, when a model wrote the plan"
    )
    calls: list[ModelCall] = Field(default_factory=list, description="every model request behind this plan, in order")
    fallback: str | None = Field(
        default=None, description="why the model's plan was merged with or replaced by the model-free planner's"
    )


class Planner(Protocol):
    """Writes a layout plan for a brief's constraints and revises it from a verification report."""

    name: str

    def plan(
        self, constraints: Constraints, canvas: Canvas, *, seed: int = 0, style_seed: int | None = None
    ) -> PlanResult:
        """A first plan on `canvas` that satisfies every hard constraint. `seed` picks the layout (template,
        arrangement); `style_seed` the look (palette, font families, icon colour, corner radius), None: `seed`'s.
        Variants of one brief share a style seed, so they look like one family and differ in layout."""
        ...

    def revise(
        self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
    ) -> PlanResult:
        """A changed plan that addresses the report's failures; `attempt` counts from 1."""
        ...
