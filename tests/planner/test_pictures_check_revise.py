"""check_plan and revise with pictures: hidden text is a problem, words over a background picture are the design,
and revisions keep text off pictures that have their own region."""

from __future__ import annotations

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    LayoutPlan,
    LintFinding,
    PictureElement,
    ShapeElement,
    TextElement,
    VerificationReport,
)
from tessera.planner import RulePlanner, check_plan, extract_constraints

CANVAS = Canvas(width=1024, height=1024)
TOP_HALF = (
    "A poster with a photo of a mountain lake filling the top half. Headline 'VISIT NORWAY'. Footer 'Since 1905'."
)
BACKGROUND = "A bakery flyer with a photo of fresh bread as the background. Headline 'Fresh Daily'."


def _planned(brief: str) -> tuple[LayoutPlan, object]:
    constraints = extract_constraints(brief)
    return RulePlanner(sprite_for=None).plan(constraints, CANVAS).plan, constraints


def _replace(plan: LayoutPlan, element_id: str, **changes: object) -> LayoutPlan:
    return plan.with_elements([e.model_copy(update=changes) if e.id == element_id else e for e in plan.elements])


def _overlap_lint(text_id: str, picture_id: str) -> VerificationReport:
    finding = LintFinding(
        code="text_overlap", element_id=text_id, other_id=picture_id, message="text is hidden under a picture"
    )
    return VerificationReport(lint=[finding])


def test_a_rule_plan_with_pictures_passes_the_check() -> None:
    for brief in (TOP_HALF, BACKGROUND):
        plan, constraints = _planned(brief)
        assert check_plan(plan, constraints) == []


def test_text_under_a_picture_of_higher_z_is_a_problem() -> None:
    plan, constraints = _planned(TOP_HALF)
    hidden = _replace(plan, "headline", box=Box(x=100, y=100, w=600, h=120))
    hidden = _replace(hidden, "picture", z=20)
    (problem,) = check_plan(hidden, constraints)
    assert "hidden under picture 'picture'" in problem and "lower z" in problem


def test_text_over_a_lower_background_picture_is_no_problem() -> None:
    plan, constraints = _planned(BACKGROUND)
    picture = plan.pictures()[0]
    assert picture.z < plan.element("headline").z
    assert plan.element("headline").box.intersection(picture.box) is not None
    assert check_plan(plan, constraints) == []


def test_a_picture_off_the_canvas_is_a_problem() -> None:
    plan, constraints = _planned(TOP_HALF)
    moved = _replace(plan, "picture", box=Box(x=0, y=-100, w=1024, h=512))
    assert any("'picture'" in p and "canvas" in p for p in check_plan(moved, constraints))


def test_revise_moves_text_hidden_under_a_region_picture_off_it() -> None:
    plan, constraints = _planned(TOP_HALF)
    hidden = _replace(plan, "headline", box=Box(x=100, y=100, w=600, h=120))
    hidden = _replace(hidden, "picture", z=20)
    result = RulePlanner(sprite_for=None).revise(hidden, constraints, _overlap_lint("headline", "picture"), attempt=1)
    headline, picture = result.plan.element("headline"), result.plan.element("picture")
    assert headline.box.intersection(picture.box) is None
    assert picture.box == Box(x=0, y=0, w=1024, h=512)  # the picture keeps its region
    assert any("off picture 'picture'" in note for note in result.notes)


def test_revise_puts_a_background_picture_that_hides_text_back_under_it_on_a_panel() -> None:
    plan, constraints = _planned(BACKGROUND)
    panels = [e.id for e in plan.elements if isinstance(e, ShapeElement) and e.id.endswith("-panel")]
    bare = plan.with_elements([e for e in plan.elements if e.id not in panels])
    raised = _replace(bare, "background-picture", z=50)
    result = RulePlanner(sprite_for=None).revise(
        raised, constraints, _overlap_lint("headline", "background-picture"), attempt=1
    )
    revised = result.plan
    picture = revised.element("background-picture")
    assert picture.z < revised.element("headline").z
    assert picture.box == Box(x=0, y=0, w=1024, h=1024)
    assert "headline-panel" in [e.id for e in revised.elements]
    assert check_plan(revised, constraints) == []


def test_a_text_moved_for_its_position_stays_off_a_region_picture() -> None:
    brief = "A poster with a photo of a mountain lake filling the top half. Headline 'VISIT NORWAY' at the top."
    plan, constraints = _planned(brief)
    (position,) = constraints.of_kind("position")
    failed = ConstraintCheck(
        constraint_id=position.id, kind="position", passed=False, expected="top", measured="middle"
    )
    revised = RulePlanner(sprite_for=None).revise(plan, constraints, VerificationReport(checks=[failed]), attempt=1)
    headline = revised.plan.element("headline")
    assert headline.box.intersection(revised.plan.element("picture").box) is None


def test_revising_text_over_a_background_picture_finds_room_on_it() -> None:
    plan, constraints = _planned(BACKGROUND)
    sticker = ShapeElement(id="sticker", box=plan.element("headline").box, z=20, fill="#FFCC00")
    covered = plan.with_elements([*plan.elements, sticker])
    check = ConstraintCheck(
        constraint_id="text-1", kind="text", passed=False, expected="Fresh Daily", measured="", element_ids=["headline"]
    )
    result = RulePlanner(sprite_for=None).revise(covered, constraints, VerificationReport(checks=[check]), attempt=1)
    moved = result.plan.element("sticker")
    assert moved.box.intersection(result.plan.element("headline").box) is None
    assert isinstance(result.plan.element("background-picture"), PictureElement)


def test_a_text_set_on_a_picture_without_a_panel_gets_one_for_low_contrast() -> None:
    plan, constraints = _planned(BACKGROUND)
    bare = plan.with_elements([e for e in plan.elements if e.id != "headline-panel"])
    finding = LintFinding(code="low_contrast", element_id="headline", message="contrast 1.4:1")
    result = RulePlanner(sprite_for=None).revise(bare, constraints, VerificationReport(lint=[finding]), attempt=1)
    panel = result.plan.element("headline-panel")
    assert isinstance(panel, ShapeElement) and panel.z < result.plan.element("headline").z
    assert isinstance(result.plan.element("headline"), TextElement)
