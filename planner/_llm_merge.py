"""What the LLM planner does when the model's plan still breaks the brief after a repair: merge, or replace.

The merge is deliberately simple: the model-free planner lays out every required string and count (so the hard
constraints hold by construction), dressed in the model's background colour as if the brief had asked for it.
The rule planner then picks readable text colours for that background. When the brief names a background,
or the model never wrote a valid plan, the rule planner's plan is used as it is.
"""

from __future__ import annotations

from planner.plan import Canvas, Constraints, GradientBackground, LayoutPlan, RequiredColor, SourceSpan
from planner.protocols import Planner, PlanResult


def _background_color(plan: LayoutPlan) -> str:
    background = plan.background
    return background.start if isinstance(background, GradientBackground) else background.color


def merge_with_rules(
    model_plan: LayoutPlan | None, constraints: Constraints, canvas: Canvas, rules: Planner, seed: int
) -> tuple[PlanResult, str]:
    """The rule planner's plan, in the model's background where the brief leaves it open; and what was kept."""
    asks_background = any(isinstance(c, RequiredColor) and c.target == "background" for c in constraints.items)
    if model_plan is None or asks_background:
        return rules.plan(constraints, canvas, seed=seed), "the rule planner wrote the plan"
    color = _background_color(model_plan)
    chosen = RequiredColor(
        id="model-background",
        target="background",
        color=color,
        source=SourceSpan(start=0, end=0, quote="(the model's background)"),
    )
    dressed = constraints.model_copy(update={"items": [*constraints.items, chosen]})
    result = rules.plan(dressed, canvas, seed=seed)
    return result, f"the rule planner laid out every required string and count on the model's background {color}"
