"""The rule planner's plans: valid, on canvas, no collisions, clear hierarchy, readable, every constraint once."""

from __future__ import annotations

import colorsys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.contract import (
    Canvas,
    Constraints,
    GradientBackground,
    LayoutPlan,
    ObjectGroup,
    PlanResult,
    RequiredColor,
    RequiredCount,
    RequiredText,
    ShapeElement,
    TextElement,
    contrast_ratio,
    hex_to_rgb,
)
from tessera.planner import RulePlanner, check_plan, extract_constraints
from tests.briefs import BRIEFS, BriefCase


def _behind(plan: LayoutPlan, text: TextElement) -> list[str]:
    for shape in plan.shapes():
        overlap = shape.box.intersection(text.box)
        if shape.z < text.z and shape.fill and overlap and overlap.area == text.box.area:
            return [shape.fill]
    background = plan.background
    if isinstance(background, GradientBackground):
        return [background.start, background.end]
    return [background.color]


def _collisions(plan: LayoutPlan) -> list[str]:
    """Overlapping boxes, except a lower shape (a panel) wholly under a text."""
    found = []
    elements = plan.elements
    for i, a in enumerate(elements):
        for b in elements[i + 1 :]:
            overlap = a.box.intersection(b.box)
            if overlap is None:
                continue
            lower, upper = (a, b) if a.z < b.z else (b, a)
            if isinstance(lower, ShapeElement) and isinstance(upper, TextElement) and lower.z < upper.z:
                continue
            found.append(f"{a.id} overlaps {b.id}")
    return found


def _wcag_minimum(text: TextElement) -> float:
    """WCAG AA: 4.5:1, or 3:1 for large text (24 px, or 18.7 px bold) such as a headline or subheading."""
    large = 18.7 if text.font_weight == "bold" else 24.0
    return 3.0 if text.role in ("title", "subtitle") and text.max_font_size >= large else 4.5


def _layout_problems(plan: LayoutPlan, constraints: Constraints) -> list[str]:
    problems = list(check_plan(plan, constraints))
    LayoutPlan.model_validate(plan.model_dump())
    width, height = plan.canvas.width, plan.canvas.height
    problems += [f"{e.id} off canvas" for e in plan.elements if not e.box.inside(width, height)]
    problems += _collisions(plan)
    texts = plan.texts()
    headlines = [t.max_font_size for t in texts if t.role == "title"]
    others = [t.max_font_size for t in texts if t.role != "title"]
    if headlines and others and min(headlines) <= max(others):
        problems.append(f"headline {min(headlines)} px is not bigger than other text {max(others)} px")
    for text in texts:
        ratio = min(contrast_ratio(text.color, c) for c in _behind(plan, text))
        if ratio < _wcag_minimum(text):
            problems.append(f"{text.id} contrast {ratio:.2f}")
    for required in (c for c in constraints.items if isinstance(c, RequiredText)):
        if sum(t.text == required.text for t in texts) != 1:
            problems.append(f"{required.text!r} not carried exactly once")
    for required in (c for c in constraints.items if isinstance(c, RequiredCount)):
        groups = [
            g for g in plan.object_groups() if g.object_class == required.object_class and g.count == required.count
        ]
        if len(groups) != 1:
            problems.append(f"{required.count} {required.object_class} not drawn by exactly one group")
        wanted = next(
            (
                c.color
                for c in constraints.items
                if isinstance(c, RequiredColor) and c.target == "objects" and c.subject == required.object_class
            ),
            None,
        )
        if groups and wanted and groups[0].color != wanted:
            problems.append(f"{required.object_class} group is {groups[0].color}, not {wanted}")
    return problems


def _plan(case: BriefCase, seed: int = 0) -> tuple[PlanResult, Constraints]:
    constraints = extract_constraints(case.brief)
    width, height = case.canvas_size
    return RulePlanner().plan(constraints, Canvas(width=width, height=height), seed=seed), constraints


@pytest.mark.parametrize("case", BRIEFS, ids=[case.name for case in BRIEFS])
def test_every_brief_gets_a_clean_plan(case: BriefCase) -> None:
    result, constraints = _plan(case)
    assert _layout_problems(result.plan, constraints) == []


@pytest.mark.parametrize("case", BRIEFS, ids=[case.name for case in BRIEFS])
def test_every_brief_keeps_margins_and_readable_sizes(case: BriefCase) -> None:
    result, _ = _plan(case)
    width, height = case.canvas_size
    # 6% of the short edge; a band above or below a centred scene keeps a little less when it is short itself.
    margin = 0.055 * min(width, height)
    for element in result.plan.elements:
        box = element.box
        assert box.x >= margin and box.y >= margin, element.id
        assert box.right <= width - margin and box.bottom <= height - margin, element.id
    for text in result.plan.texts():
        assert text.max_font_size >= 0.022 * min(width, height), text.id
    for group in result.plan.object_groups():
        assert group.box.h >= 48, group.id


@pytest.mark.parametrize("case", BRIEFS, ids=[case.name for case in BRIEFS])
def test_headline_is_bold_and_above_body_and_footer(case: BriefCase) -> None:
    result, constraints = _plan(case)
    texts = result.plan.texts()
    headline = next(t for t in texts if t.role == "title")
    assert headline.font_weight == "bold"
    below_by_relation = {p.subject for p in constraints.of_kind("position") if p.relation == "below"}  # type: ignore[union-attr]
    for text in texts:
        if text.role in ("body", "footer") and text.text not in below_by_relation:
            assert text.box.y >= headline.box.bottom, text.id
    footers = [t for t in texts if t.role == "footer"]
    for footer in footers:
        assert all(footer.box.y >= t.box.y for t in texts if t.role != "footer")


def test_example_plan_has_readable_ids_and_the_asked_look(launch_result: PlanResult) -> None:
    plan = launch_result.plan
    assert {e.id for e in plan.elements} >= {"headline", "body-1", "balloons", "accent-bar"}
    balloons = plan.element("balloons")
    assert isinstance(balloons, ObjectGroup)
    assert (balloons.count, balloons.color, balloons.arrangement) == (5, "#FF0000", "row")
    assert balloons.box.center[1] < plan.canvas.height / 3  # across the top
    assert plan.element("body-1").box.y > plan.element("headline").box.bottom  # below it
    assert isinstance(plan.background, GradientBackground)


def test_requested_background_is_drawn_as_a_subtle_gradient_of_it(launch_result: PlanResult) -> None:
    background = launch_result.plan.background
    assert isinstance(background, GradientBackground)
    from tessera.planner._colors import lightness

    assert abs(lightness(background.start) - lightness(background.end)) <= 0.10
    assert contrast_ratio(background.start, "#0A0A76") < 1.3


def test_plan_explains_itself(launch_result: PlanResult) -> None:
    assert launch_result.planner == "rules"
    assert 1 <= launch_result.plan.rationale.count(".") <= 3
    assert any("GRAND OPENING" in note for note in launch_result.notes)
    assert all(note.endswith(".") for note in launch_result.notes)


def test_plans_are_deterministic_for_the_same_seed(planner: RulePlanner, launch_constraints: Constraints) -> None:
    first = planner.plan(launch_constraints, Canvas(), seed=3)
    again = planner.plan(launch_constraints, Canvas(), seed=3)
    assert first == again


def test_default_palette_changes_with_the_seed_when_no_background_is_asked(planner: RulePlanner) -> None:
    constraints = extract_constraints("Headline 'Hello'.")
    backgrounds = {
        planner.plan(constraints, Canvas(), seed=seed).plan.background.model_dump_json() for seed in range(3)
    }
    assert len(backgrounds) == 3


def test_a_hard_to_read_required_text_colour_gets_a_panel(planner: RulePlanner) -> None:
    constraints = extract_constraints("Headline 'SALE' in yellow on a white background.")
    plan = planner.plan(constraints, Canvas()).plan
    headline = plan.element("headline")
    assert isinstance(headline, TextElement) and headline.color == "#FFFF00"
    panel = plan.element("headline-panel")
    assert isinstance(panel, ShapeElement) and panel.z < headline.z
    assert contrast_ratio(headline.color, panel.fill or "") >= 4.5


def test_a_named_text_colour_that_reads_poorly_becomes_a_readable_shade_of_itself(planner: RulePlanner) -> None:
    constraints = extract_constraints("A card with 'Be Mine' in red. Light pink background.")
    plan = planner.plan(constraints, Canvas()).plan
    headline = plan.element("headline")
    assert isinstance(headline, TextElement)
    hue, _, saturation = colorsys.rgb_to_hls(*(v / 255 for v in hex_to_rgb(headline.color)))
    assert (hue < 0.03 or hue > 0.97) and saturation > 0.8  # still red
    assert contrast_ratio(headline.color, "#FFB6C1") >= 3.0  # large text: WCAG's 3:1
    assert not any(e.id == "headline-panel" for e in plan.elements)


def test_brand_colour_fills_the_accent_bar(planner: RulePlanner) -> None:
    plan = planner.plan(extract_constraints("Headline 'Launch'. Brand colour #1F4FFF."), Canvas()).plan
    bar = plan.element("accent-bar")
    assert isinstance(bar, ShapeElement) and bar.fill == "#1F4FFF"


def test_many_objects_are_arranged_in_a_grid(planner: RulePlanner) -> None:
    plan = planner.plan(extract_constraints("Headline 'Stars'. Twenty stars."), Canvas()).plan
    stars = plan.element("stars")
    assert isinstance(stars, ObjectGroup) and stars.arrangement == "grid" and stars.count == 20


def test_corner_groups_go_to_their_corner(planner: RulePlanner) -> None:
    plan = planner.plan(extract_constraints("Headline 'Hi'. One sun in the top-left corner."), Canvas()).plan
    sun = plan.element("suns")
    assert sun.box.center[0] < 1024 / 3 and sun.box.center[1] < 1024 / 3


@st.composite
def _canvases(draw: st.DrawFn) -> Canvas:
    width = draw(st.integers(16, 240)) * 16
    low, high = max(16, -(-width // 48)), min(240, width * 3 // 16)
    height = draw(st.integers(low, high)) * 16
    return Canvas(width=width, height=height)


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from(BRIEFS), canvas=_canvases(), seed=st.integers(0, 10))
def test_any_brief_on_any_canvas_gets_a_valid_collision_free_plan(case: BriefCase, canvas: Canvas, seed: int) -> None:
    constraints = extract_constraints(case.brief)
    plan = RulePlanner().plan(constraints, canvas, seed=seed).plan
    assert plan.canvas == canvas
    assert _layout_problems(plan, constraints) == []


@pytest.mark.parametrize("size", [(256, 768), (768, 256), (3840, 1280), (1280, 3840), (256, 256), (3840, 3840)])
def test_extreme_canvases_get_clean_plans(size: tuple[int, int]) -> None:
    case = next(c for c in BRIEFS if c.name == "cupcake-party")  # two groups and two texts: the fullest layout
    constraints = extract_constraints(case.brief)
    plan = RulePlanner().plan(constraints, Canvas(width=size[0], height=size[1])).plan
    assert _layout_problems(plan, constraints) == []


def test_a_scene_keeps_off_the_band_the_brief_asks_its_text_into() -> None:
    brief = "A cat next to a dog. Across the bottom, a caption reads 'Best friends since 2019'."
    constraints = extract_constraints(brief)
    plan = RulePlanner().plan(constraints, Canvas(width=1024, height=1024)).plan
    caption = next(t for t in plan.texts() if t.text == "Best friends since 2019")
    groups = plan.object_groups()
    assert groups and caption.placed_box.y > max(g.placed_box.bottom for g in groups)
