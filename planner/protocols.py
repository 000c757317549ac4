"""The planner's swappable part: anything that turns constraints into a plan and revises it."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from planner.plan import Canvas, Constraints, LayoutPlan
from planner.report import VerificationReport


class PlanResult(BaseModel):
    """A plan plus what the trace needs to explain it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    plan: LayoutPlan
    planner: str = Field(description="which planner wrote it, e.g. 'rules'")
    notes: list[str] = Field(default_factory=list, description="decisions worth showing a user, one sentence each")
    reasoning: str | None = Field(default=None, description="the model's own reasoning text, when a model wrote the plan")


class Planner(Protocol):
    """Writes a layout plan for a brief's constraints and revises it from a verification report."""

    name: str

    def plan(self, constraints: Constraints, canvas: Canvas, *, seed: int = 0) -> PlanResult:
        """A first plan on `canvas` that satisfies every hard constraint."""
        ...

    def revise(self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int) -> PlanResult:
        """A changed plan that addresses the report's failures; `attempt` counts from 1."""
        ...
