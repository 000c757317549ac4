"""Merging a model's plan with the rule planner's, element by element: what is finished in place, what is taken
from the rules plan and where it goes, and when the model's design has no room so whole plans are merged."""

from __future__ import annotations

from typing import Any

from tessera.contract import Canvas, Constraints, Element, Frame, LayoutPlan, TextElement, contrast_ratio
from tessera.planner import RulePlanner, check_plan, extract_constraints
from tessera.planner._coverage import coverage_map
from tessera.planner._llm_merge import merge_elements

CANVAS = Canvas(width=1200, height=900)
BRIEF = "A poster titled 'Open Studio' with bullets: Free entry, Live music, Kids corner and the footer 'Sat 10 AM'"


def _plan(*children: dict[str, Any], padding: int = 64, background: str = "#FAF7F2") -> LayoutPlan:
    root = {
        "kind": "frame",
        "id": "root",
        "layout": "column",
        "gap": 32,
        "padding": padding,
        "children": list(children),
    }
    data = {"canvas": CANVAS.model_dump(), "background": {"kind": "solid", "color": background}, "root": root}
    return LayoutPlan.model_validate(data)


TITLE = {"kind": "text", "id": "title", "text": "Open Studio", "role": "title", "color": "#222222"}
BULLETS = {"kind": "list", "id": "points", "items": ["Free entry", "Live music", "Kids corner"], "color": "#222222"}
FOOTER = {"kind": "text", "id": "when", "text": "Sat 10 AM", "role": "footer", "color": "#555555"}


def _reading() -> Constraints:
    return extract_constraints(BRIEF)


def _merged(plan: LayoutPlan) -> LayoutPlan:
    merged = merge_elements(plan, _reading(), CANVAS, RulePlanner(), 0)
    assert merged is not None
    result, _ = merged
    assert check_plan(result.plan, _reading()) == []
    assert [e.clause for e in coverage_map(_reading(), result.plan) if e.status == "not_planned"] == []
    return result.plan


def test_a_missing_title_is_taken_from_the_rules_plan_and_goes_first() -> None:
    plan = _merged(_plan(BULLETS, FOOTER))
    first = plan.root.children[0]
    assert isinstance(first, TextElement) and first.text == "Open Studio"
    assert [c.id for c in plan.root.children[1:]] == ["points", "when"]


def test_a_missing_footer_is_taken_from_the_rules_plan_and_goes_last() -> None:
    plan = _merged(_plan(TITLE, BULLETS))
    assert [c.id for c in plan.root.children[:2]] == ["title", "points"]
    (added,) = plan.root.children[2:]  # the footer, or the rules plan's frame that holds only it
    assert [t.text for t in _texts(added)] == ["Sat 10 AM"]


def test_only_the_carrier_comes_out_of_a_frame_of_the_rules_plans_own_design() -> None:
    plan = _merged(_plan(BULLETS, FOOTER))  # the rules plan sets its title on a colour panel with a rule
    assert len(plan.elements) == 3 and not plan.shapes()


def test_a_taken_text_is_inked_to_read_on_the_models_page() -> None:
    dark = _plan(BULLETS | {"color": "#FFFFFF"}, FOOTER | {"color": "#DDDDDD"}, background="#101820")
    plan = _merged(dark)
    title = next(t for t in plan.texts() if t.text == "Open Studio")
    assert contrast_ratio(title.color, "#101820") >= 4.5


def _texts(node: Frame | Element) -> list[TextElement]:
    if isinstance(node, TextElement):
        return [node]
    return [t for child in node.children for t in _texts(child)] if isinstance(node, Frame) else []


def test_a_text_written_in_another_case_is_set_exactly_in_place() -> None:
    plan = _merged(_plan({**TITLE, "text": "OPEN  STUDIO"}, BULLETS, FOOTER))
    assert plan.element("title") == TextElement.model_validate({**TITLE})
    assert len(plan.elements) == 3


def test_a_list_missing_an_entry_gets_it_and_nothing_else_changes() -> None:
    plan = _merged(_plan(TITLE, {**BULLETS, "items": ["Free entry", "Kids corner"]}, FOOTER))
    assert plan.element("points").items == ["Free entry", "Kids corner", "Live music"]  # type: ignore[union-attr]
    assert [e.id for e in plan.elements] == ["title", "points", "when"]


def test_an_object_count_off_by_some_is_set_in_place() -> None:
    constraints = extract_constraints("A poster titled 'Open Studio' with exactly 4 balloons")
    balloons = {"kind": "objects", "id": "balloons", "object_class": "balloon", "count": 3, "height": 300}
    merged = merge_elements(_plan(TITLE, balloons), constraints, CANVAS, RulePlanner(), 0)
    assert merged is not None
    (group,) = merged[0].plan.object_groups()
    assert (group.id, group.count) == ("balloons", 4)
    assert "'balloons' draws 4" in merged[1]


def test_a_design_without_room_is_left_to_the_whole_plan_merge() -> None:
    crowded = _plan({**TITLE, "height": 400}, {**BULLETS, "height": 400}, padding=16)  # the footer has no room left
    assert merge_elements(crowded, _reading(), CANVAS, RulePlanner(), 0) is None


def test_a_background_other_than_the_briefs_is_left_to_the_whole_plan_merge() -> None:
    constraints = extract_constraints("A poster on a white background titled 'Open Studio' with the footer 'Sat 10 AM'")
    assert merge_elements(_plan(TITLE), constraints, CANVAS, RulePlanner(), 0) is None


def test_the_notes_say_what_came_from_which_planner() -> None:
    merged = merge_elements(_plan(BULLETS, FOOTER), _reading(), CANVAS, RulePlanner(), 0)
    assert merged is not None
    result, kept = merged
    assert kept.startswith("kept the model's design (background #FAF7F2, 3 nodes)")
    assert "from the rule planner into 'root'" in kept and "text-1" in kept
    assert result.notes[0].startswith("Merged element by element:")


def test_parts_the_rules_plan_arranges_together_come_as_one_arrangement() -> None:
    constraints = extract_constraints(
        "A sales dashboard titled 'Sales overview' with KPI cards Revenue $1.2M, Orders 3,410, Refunds 12"
    )
    wide = Canvas(width=1920, height=1080)
    title = {**TITLE, "text": "Sales overview"}
    root = {"kind": "frame", "id": "root", "layout": "column", "gap": 32, "padding": 64, "children": [title]}
    plan = LayoutPlan.model_validate(
        {"canvas": wide.model_dump(), "background": {"kind": "solid", "color": "#F3F5F9"}, "root": root}
    )
    merged = merge_elements(plan, constraints, wide, RulePlanner(), 0)
    assert merged is not None
    children = merged[0].plan.root.children
    assert children[0].id == "title" and len(children) == 2
    labels = {t.text for t in _texts(children[1])}
    assert {"Revenue", "Orders", "Refunds"} <= labels  # the KPI cards side by side, as the rule planner set them
