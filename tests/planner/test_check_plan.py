"""check_plan names each way a plan breaks the brief's hard constraints, in words a user can act on."""

from __future__ import annotations

from tessera.contract import (
    Box,
    Canvas,
    Constraints,
    Frame,
    LayoutPlan,
    ObjectGroup,
    PlanResult,
    ShapeElement,
    SolidBackground,
    TextElement,
)
from tessera.planner import check_plan, extract_constraints


def _replace(plan: LayoutPlan, element_id: str, **changes: object) -> LayoutPlan:
    return plan.with_elements([e.model_copy(update=changes) if e.id == element_id else e for e in plan.elements])


def test_a_clean_plan_has_no_problems(launch_result: PlanResult, launch_constraints: Constraints) -> None:
    assert check_plan(launch_result.plan, launch_constraints) == []


def test_a_changed_string_is_reported_with_the_exact_text_to_use(
    launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = _replace(launch_result.plan, "headline", text="Grand Opening")
    (problem,) = check_plan(plan, launch_constraints)
    assert "'headline'" in problem and "'GRAND OPENING'" in problem and "change its text" in problem


def test_a_missing_string_is_reported(launch_result: PlanResult, launch_constraints: Constraints) -> None:
    plan = launch_result.plan.with_elements([e for e in launch_result.plan.elements if e.id != "body-1"])
    (problem,) = check_plan(plan, launch_constraints)
    assert "'Saturday 10 AM'" in problem and "add a text element" in problem


def test_a_string_carried_twice_is_reported(launch_result: PlanResult, launch_constraints: Constraints) -> None:
    copy = launch_result.plan.element("headline").model_copy(
        update={"id": "headline-copy", "box": Box(x=61, y=900, w=900, h=60)}
    )
    plan = launch_result.plan.with_elements([*launch_result.plan.elements, copy])
    (problem,) = check_plan(plan, launch_constraints)
    assert "appears in 2 text elements" in problem


def test_a_wrong_count_is_reported_with_the_count_to_set(
    launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = _replace(launch_result.plan, "balloons", count=4)
    (problem,) = check_plan(plan, launch_constraints)
    assert "draws 4 balloons" in problem and "set its count to 5" in problem


def test_a_missing_group_is_reported(launch_result: PlanResult, launch_constraints: Constraints) -> None:
    plan = launch_result.plan.with_elements([e for e in launch_result.plan.elements if not isinstance(e, ObjectGroup)])
    (problem,) = check_plan(plan, launch_constraints)
    assert "5 balloons" in problem and "object_class 'balloon'" in problem


def test_an_off_canvas_box_is_reported(launch_result: PlanResult, launch_constraints: Constraints) -> None:
    plan = _replace(launch_result.plan, "accent-bar", box=Box(x=1000, y=10, w=100, h=8))
    (problem,) = check_plan(plan, launch_constraints)
    assert "'accent-bar'" in problem and "1024x1024 canvas" in problem


def test_a_shape_over_text_is_reported_but_a_panel_under_it_is_not(
    launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    headline = launch_result.plan.element("headline")
    assert isinstance(headline, TextElement)
    over = ShapeElement(id="sticker", box=headline.box, z=headline.z + 1, fill="#FFCC00")
    under = ShapeElement(id="panel", box=headline.box, z=headline.z - 1, fill="#FFFFFF")
    (problem,) = check_plan(launch_result.plan.with_elements([*launch_result.plan.elements, over]), launch_constraints)
    assert "'headline' is covered by shape 'sticker'" in problem
    assert check_plan(launch_result.plan.with_elements([*launch_result.plan.elements, under]), launch_constraints) == []


def _flowing_tree() -> LayoutPlan:
    """A tree the layout engine places: no node has a box, and the texts sit in the same column as the group."""
    cards = Frame(
        id="cards",
        layout="row",
        children=[
            Frame(id="card", role="card", children=[TextElement(id="title", text="GRAND OPENING", role="title")]),
            TextElement(id="when", text="Saturday 10 AM"),
        ],
    )
    balloons = ObjectGroup(id="balloons", object_class="balloon", count=5)
    root = Frame(id="root", layout="column", padding=64, children=[balloons, cards])
    return LayoutPlan(canvas=Canvas(), background=SolidBackground(color="#0B0B84"), root=root)


def test_a_tree_without_boxes_is_checked_for_texts_and_counts_only() -> None:
    constraints = extract_constraints("A poster: 'GRAND OPENING', 'Saturday 10 AM' and exactly 5 balloons.")
    assert check_plan(_flowing_tree(), constraints) == []


def test_a_string_missing_from_a_nested_frame_is_reported() -> None:
    constraints = extract_constraints("A poster: 'GRAND OPENING', 'Saturday 10 AM', 'Free entry' and 5 balloons.")
    (problem,) = check_plan(_flowing_tree(), constraints)
    assert "'Free entry'" in problem


def test_a_pinned_node_in_a_tree_is_still_checked_against_the_canvas() -> None:
    plan = _flowing_tree()
    pinned = plan.root.model_copy(update={"children": [*plan.root.children, _badge(Box(x=1000, y=0, w=80, h=40))]})
    problems = check_plan(plan.model_copy(update={"root": pinned}), extract_constraints("A poster."))
    assert len(problems) == 1 and "'badge'" in problems[0] and "canvas" in problems[0]


def _badge(box: Box) -> Frame:
    return Frame(id="badge", role="badge", box=box, fill="#FFCC00")
