"""The background a user chose (`--background`, the API's `background`) applied to a run: to the brief's constraints
before planning, and to every plan, whether planned, revised or the user's own.

A transparent background is planned as if it were `TRANSPARENT_BACKDROP`: the brief's background colour (if it names
one) gives way to a constraint for that grey, so either planner picks inks that read on it, and the verifier, which
checks a transparent render over the same grey, finds the background clear. Each plan then has its background
replaced with `TransparentBackground`, so the planners never need to know about transparency.
"""

from __future__ import annotations

from tessera.agents.request import BackgroundChoice
from tessera.contract import (
    TRANSPARENT_BACKDROP,
    Constraints,
    LayoutPlan,
    RequiredColor,
    SolidBackground,
    SourceSpan,
    TransparentBackground,
)

BACKDROP_CONSTRAINT_ID = "color-background"
BACKDROP_QUOTE = f"background: transparent (checked over the backdrop {TRANSPARENT_BACKDROP})"


def constraints_for(constraints: Constraints, background: BackgroundChoice) -> tuple[Constraints, list[str]]:
    """The constraints to plan and verify with, and notices: for a transparent background, any background colour
    the brief asks for is replaced by `TRANSPARENT_BACKDROP`."""
    if background != "transparent":
        return constraints, []
    asked = [c for c in constraints.items if isinstance(c, RequiredColor) and c.target == "background"]
    backdrop = RequiredColor(
        id=asked[0].id if asked else BACKDROP_CONSTRAINT_ID,
        target="background",
        color=TRANSPARENT_BACKDROP,
        source=SourceSpan(start=0, end=0, quote=BACKDROP_QUOTE),
    )
    kept = [c for c in constraints.items if c not in asked]
    notices = [
        f"the brief asks for a {c.color} background ({c.source.quote!r}); the background is transparent as asked, "
        "so it is not painted: leave out --background transparent to paint it"
        for c in asked
    ]
    return constraints.model_copy(update={"items": [backdrop, *kept]}), notices


def with_background(plan: LayoutPlan, background: BackgroundChoice) -> LayoutPlan:
    """`plan` with the chosen background: transparent; opaque (a transparent plan is painted in the backdrop its
    colours were chosen for); or auto, the plan's own."""
    transparent = isinstance(plan.background, TransparentBackground)
    if background == "transparent" and not transparent:
        return plan.model_copy(update={"background": TransparentBackground()})
    if background == "opaque" and transparent:
        return plan.model_copy(update={"background": SolidBackground(color=TRANSPARENT_BACKDROP)})
    return plan
