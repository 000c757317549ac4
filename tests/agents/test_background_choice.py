"""The user's background choice applied to a run: transparent is planned on the neutral backdrop, then left clear."""

from __future__ import annotations

from tessera.agents.background import constraints_for, with_background
from tessera.contract import TRANSPARENT_BACKDROP, LayoutPlan, SolidBackground, TransparentBackground
from tessera.planner import extract_constraints

BRIEF = "A poster on a deep blue background with the headline 'HELLO'"


def test_transparent_plans_for_the_backdrop_instead_of_the_briefs_colour() -> None:
    constraints, notices = constraints_for(extract_constraints(BRIEF), "transparent")
    backgrounds = [c for c in constraints.of_kind("color") if getattr(c, "target", None) == "background"]
    assert [getattr(c, "color", None) for c in backgrounds] == [TRANSPARENT_BACKDROP]
    assert len(notices) == 1 and "deep blue" in notices[0] and "not painted" in notices[0]


def test_auto_and_opaque_leave_the_briefs_constraints_alone() -> None:
    brief = extract_constraints(BRIEF)
    assert constraints_for(brief, "auto") == (brief, [])
    assert constraints_for(brief, "opaque") == (brief, [])


def test_each_choice_sets_the_plans_background() -> None:
    painted = LayoutPlan(background=SolidBackground(color="#123456"))
    clear = with_background(painted, "transparent")
    assert isinstance(clear.background, TransparentBackground)
    assert with_background(painted, "auto") == painted
    assert with_background(clear, "auto") == clear
    assert with_background(clear, "opaque").background == SolidBackground(color=TRANSPARENT_BACKDROP)
