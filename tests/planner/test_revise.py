"""Revision uses the verification report: it moves what covers a failed text or count, fixes contrast and
off-canvas boxes, and never changes a required string or count."""

from __future__ import annotations

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    GradientBackground,
    LayoutPlan,
    LintFinding,
    ObjectGroup,
    PlanResult,
    ShapeElement,
    TextElement,
    VerificationReport,
)
from tessera.planner import RulePlanner, extract_constraints
from tessera.planner._colors import contrast_ratio


def _with(plan: LayoutPlan, *extra: ShapeElement, **replace: dict[str, object]) -> LayoutPlan:
    elements = [
        e.model_copy(update=replace[e.id.replace("-", "_")]) if e.id.replace("-", "_") in replace else e
        for e in plan.elements
    ]
    return plan.with_elements([*elements, *extra])


def _sticker_over(box: Box, element_id: str = "sticker") -> ShapeElement:
    return ShapeElement(
        id=element_id, box=Box(x=box.x + box.w // 2, y=box.y, w=box.w // 3, h=box.h), z=20, fill="#FFCC00"
    )


def _text_failure(element_id: str, expected: str, measured: str) -> VerificationReport:
    check = ConstraintCheck(
        constraint_id="text-1",
        kind="text",
        passed=False,
        expected=expected,
        measured=measured,
        element_ids=[element_id],
    )
    return VerificationReport(checks=[check])


def _carried(plan: LayoutPlan) -> tuple[list[str], list[tuple[str, int]]]:
    return sorted(t.text for t in plan.texts()), sorted((g.object_class, g.count) for g in plan.object_groups())


def _behind(plan: LayoutPlan) -> list[str]:
    bg = plan.background
    return [bg.start, bg.end] if isinstance(bg, GradientBackground) else [bg.color]


def test_revise_moves_a_shape_off_a_text_that_failed_ocr(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = _with(launch_result.plan, _sticker_over(launch_result.plan.element("headline").box))
    revised = planner.revise(
        plan, launch_constraints, _text_failure("headline", "GRAND OPENING", "GRAND OPEN"), attempt=1
    )
    headline, sticker = revised.plan.element("headline"), revised.plan.element("sticker")
    assert headline.box.intersection(sticker.box) is None
    assert "moved shape 'sticker' off title 'GRAND OPENING': OCR read 'GRAND OPEN'" in revised.notes
    assert _carried(revised.plan) == _carried(plan)


def test_revise_enlarges_and_boldens_a_failed_text_with_nothing_over_it(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = launch_result.plan
    before = plan.element("body-1")
    report = VerificationReport(
        checks=[
            ConstraintCheck(
                constraint_id="text-2", kind="text", passed=False, expected="Saturday 10 AM", measured="Saturdav 1O AM"
            )
        ]
    )
    after = planner.revise(plan, launch_constraints, report, attempt=1).plan.element("body-1")
    assert isinstance(after, TextElement) and isinstance(before, TextElement)
    assert after.box.h > before.box.h and after.font_weight == "bold"
    assert after.text == "Saturday 10 AM"


def test_revise_sets_a_misread_handwriting_text_in_the_plain_face(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = _with(launch_result.plan, headline={"family": "handwriting"})
    revised = planner.revise(
        plan, launch_constraints, _text_failure("headline", "GRAND OPENING", "GRAND 0PENING"), attempt=1
    )
    headline = revised.plan.element("headline")
    assert isinstance(headline, TextElement) and headline.family == "sans"
    assert headline.text == "GRAND OPENING"


def test_revise_moves_an_occluder_off_a_failed_count_group(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    balloons = launch_result.plan.element("balloons")
    plan = _with(launch_result.plan, _sticker_over(balloons.box, "badge"))
    check = ConstraintCheck(
        constraint_id="count-balloon",
        kind="count",
        passed=False,
        expected="5 balloon",
        measured="4",
        element_ids=["balloons"],
    )
    revised = planner.revise(plan, launch_constraints, VerificationReport(checks=[check]), attempt=1)
    group, badge = revised.plan.element("balloons"), revised.plan.element("badge")
    assert isinstance(group, ObjectGroup) and group.count == 5
    assert group.box.intersection(badge.box) is None
    assert group.box.area >= balloons.box.area
    assert any("badge" in note for note in revised.notes)


def test_revise_widens_a_failed_count_group_with_nothing_over_it(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    before = launch_result.plan.element("balloons")
    check = ConstraintCheck(
        constraint_id="count-balloon", kind="count", passed=False, expected="5 balloon", measured="6"
    )
    after = planner.revise(
        launch_result.plan, launch_constraints, VerificationReport(checks=[check]), attempt=1
    ).plan.element("balloons")
    assert after.box.area > before.box.area and after.box.h > before.box.h


def test_revise_fixes_low_contrast_text(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = _with(launch_result.plan, body_1={"color": "#20209A"})
    finding = LintFinding(code="low_contrast", element_id="body-1", message="contrast 1.4:1")
    revised = planner.revise(plan, launch_constraints, VerificationReport(lint=[finding]), attempt=1).plan
    body = revised.element("body-1")
    assert isinstance(body, TextElement)
    assert min(contrast_ratio(body.color, c) for c in _behind(revised)) >= 4.5


def test_revise_puts_a_panel_behind_a_required_colour_instead_of_changing_it(planner: RulePlanner) -> None:
    constraints = extract_constraints("Headline 'SALE' in red on a deep blue background.")
    result = planner.plan(constraints, Canvas())
    unreadable = [e.model_copy(update={"color": "#FF0000"}) if e.id == "headline" else e for e in result.plan.elements]
    plan = result.plan.with_elements([e for e in unreadable if not e.id.endswith("-panel")])
    finding = LintFinding(code="low_contrast", element_id="headline", message="contrast 2.1:1")
    revised = planner.revise(plan, constraints, VerificationReport(lint=[finding]), attempt=1).plan
    headline, panel = revised.element("headline"), revised.element("headline-panel")
    assert isinstance(headline, TextElement) and headline.color == "#FF0000"
    assert isinstance(panel, ShapeElement) and contrast_ratio("#FF0000", panel.fill or "") >= 4.5


def test_revise_pulls_an_off_canvas_element_back(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    box = launch_result.plan.element("headline").box
    plan = _with(launch_result.plan, headline={"box": Box(x=-120, y=box.y, w=box.w, h=box.h)})
    finding = LintFinding(code="off_canvas", element_id="headline", message="120 px left of the canvas")
    revised = planner.revise(plan, launch_constraints, VerificationReport(lint=[finding]), attempt=1).plan
    assert revised.element("headline").box.inside(1024, 1024)


def test_revise_separates_overlapping_texts(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    headline = launch_result.plan.element("headline").box
    plan = _with(launch_result.plan, body_1={"box": Box(x=headline.x, y=headline.bottom - 20, w=headline.w, h=60)})
    finding = LintFinding(
        code="text_overlap", element_id="body-1", other_id="headline", message="texts overlap by 20 px"
    )
    revised = planner.revise(plan, launch_constraints, VerificationReport(lint=[finding]), attempt=1).plan
    assert revised.element("body-1").box.intersection(revised.element("headline").box) is None


def test_revise_moves_an_element_into_its_region(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    balloons = launch_result.plan.element("balloons").box
    plan = _with(launch_result.plan, balloons={"box": Box(x=balloons.x, y=880, w=balloons.w, h=100)})
    check = ConstraintCheck(
        constraint_id="position-1", kind="position", passed=False, expected="balloon in the top", measured="bottom"
    )
    revised = planner.revise(plan, launch_constraints, VerificationReport(checks=[check]), attempt=1).plan
    assert revised.element("balloons").box.center[1] < 1024 / 3


def test_revise_sets_a_missed_object_colour(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = _with(launch_result.plan, balloons={"color": None})
    check = ConstraintCheck(
        constraint_id="color-objects-balloon", kind="color", passed=False, expected="#FF0000", measured="#E9C46A"
    )
    revised = planner.revise(plan, launch_constraints, VerificationReport(checks=[check]), attempt=1).plan
    balloons = revised.element("balloons")
    assert isinstance(balloons, ObjectGroup) and balloons.color == "#FF0000"


def test_revise_of_a_passing_report_changes_nothing(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    passing = VerificationReport(
        checks=[
            ConstraintCheck(
                constraint_id="text-1", kind="text", passed=True, expected="GRAND OPENING", measured="GRAND OPENING"
            )
        ]
    )
    revised = planner.revise(launch_result.plan, launch_constraints, passing, attempt=1)
    assert revised.plan.elements == launch_result.plan.elements
    assert revised.notes == ["the report passed, so the plan is unchanged"]


def test_revise_opens_up_words_ocr_ran_together(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = launch_result.plan
    revised = planner.revise(
        plan,
        launch_constraints,
        _text_failure("headline", "GRAND OPENING", "headline: read 'GRANDOPENING'"),
        attempt=1,
    )
    headline = revised.plan.element("headline")
    assert isinstance(headline, TextElement) and headline.letter_spacing > 0
    assert headline.text == "GRAND OPENING" and headline.font_weight == "regular"


def test_enlarging_a_text_grows_its_panel_but_not_a_border_line_it_crosses(
    launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    from tessera.planner._revise_draft import PlanDraft
    from tessera.planner._revise_text import enlarge_text

    text = next(iter(launch_result.plan.texts()))
    box = text.placed_box
    line = ShapeElement(id="border-left", box=Box(x=box.x + 8, y=0, w=4, h=1024), z=0, fill="#7A2E1F")
    panel = ShapeElement(id="panel", box=Box(x=box.x - 4, y=box.y - 4, w=box.w + 8, h=box.h + 8), z=1, fill="#EEEEEE")
    draft = PlanDraft(_with(launch_result.plan, line, panel), launch_constraints, 1)
    enlarge_text(draft, draft.text(text.id), "OCR misread it", bold=True)
    assert draft.elements["border-left"].placed_box == line.box  # a line it crosses is no panel
    assert draft.elements["panel"].placed_box.h > panel.box.h  # its panel grows with it
