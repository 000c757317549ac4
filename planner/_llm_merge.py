"""What the LLM planner does when the model's plan still breaks the brief after a repair: merge, or replace.

The merge is deliberately simple: the model-free planner lays out every required string and count (so the hard
constraints hold by construction), dressed in the model's background colour as if the brief had asked for it.
The rule planner then picks readable text colours for that background. When the brief names a background,
or the model never wrote a valid plan, the rule planner's plan is used as it is. The model's pictures are kept
where they lie when each has a box on the canvas and they leave room for the rest; a picture the layout engine
would place (no box) has no place to keep before the plan is laid out. Otherwise (or when there are none) the
rule planner places the pictures the brief asks for itself.
"""

from __future__ import annotations

from tessera.contract import (
    Canvas,
    Constraints,
    LayoutPlan,
    PictureElement,
    Planner,
    PlanResult,
    RequiredColor,
    SourceSpan,
    backdrop_colors,
)
from tessera.planner._picture_layout import content_areas


def _background_color(plan: LayoutPlan) -> str:
    return backdrop_colors(plan.background)[0]


def merge_with_rules(
    model_plan: LayoutPlan | None, constraints: Constraints, canvas: Canvas, rules: Planner, seed: int
) -> tuple[PlanResult, str]:
    """The rule planner's plan, in the model's background where the brief leaves it open; and what was kept."""
    asks_background = any(isinstance(c, RequiredColor) and c.target == "background" for c in constraints.items)
    pictures = usable_pictures(model_plan, canvas) if model_plan is not None else []
    kept = f" around the model's {len(pictures)} picture(s)" if pictures else _unplaced_pictures(model_plan)
    if model_plan is None or asks_background:
        return _plan(rules, constraints, canvas, pictures, seed), f"the rule planner wrote the plan{kept}"
    color = _background_color(model_plan)
    chosen = RequiredColor(
        id="model-background",
        target="background",
        color=color,
        source=SourceSpan(start=0, end=0, quote="(the model's background)"),
    )
    dressed = constraints.model_copy(update={"items": [*constraints.items, chosen]})
    result = _plan(rules, dressed, canvas, pictures, seed)
    return result, (
        f"the rule planner laid out every required string and count{kept} on the model's background {color}"
    )


def usable_pictures(plan: LayoutPlan, canvas: Canvas) -> list[PictureElement]:
    """The plan's pictures when every one has a box on the canvas and they leave room for the text; else none."""
    pictures = [p for p in plan.pictures() if p.box is not None and p.box.inside(canvas.width, canvas.height)]
    if len(pictures) != len(plan.pictures()) or not content_areas(canvas, [p.placed_box for p in pictures]):
        return []
    return pictures


def _unplaced_pictures(plan: LayoutPlan | None) -> str:
    """Why the model's pictures were not kept, when one of them had no box for the rule planner to keep."""
    if plan is None or all(p.box is not None for p in plan.pictures()):
        return ""
    return (
        " (the model's pictures were left to the layout engine, so they had no place to keep; "
        "the rule planner placed the brief's pictures)"
    )


def _plan(
    rules: Planner, constraints: Constraints, canvas: Canvas, pictures: list[PictureElement], seed: int
) -> PlanResult:
    plan_around = getattr(rules, "plan_around", None)
    if pictures and plan_around is not None:
        return plan_around(constraints, canvas, pictures, seed=seed)
    return rules.plan(constraints, canvas, seed=seed)
