"""`drawn_parts`: what a real render shows, part by part, in canvas pixels (the `drawn` of --json and the API)."""

from __future__ import annotations

import pytest

from tessera.contract import (
    Box,
    Canvas,
    DrawnPart,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    ShapeElement,
    SolidBackground,
    TextElement,
    drawn_parts,
)
from tessera.contract.fakes import FakeGenerator
from tessera.renderer import PlanRenderer

CANVAS = Canvas(width=1000, height=601)
HEADLINE = TextElement(id="headline", box=Box(x=40, y=20, w=600, h=90), text="Bakery Open Day", font_weight="bold")
PANEL = ShapeElement(id="panel", box=Box(x=20, y=10, w=640, h=110), fill="#F2E8D5", shape="rounded_rectangle")
HERO = PictureElement(id="hero", box=Box(x=680, y=-20, w=340, h=300), prompt="a loaf of sourdough on a board")
APPLES = ObjectGroup(id="apples", box=Box(x=40, y=150, w=600, h=120), object_class="apple", count=3)
PEARS = ObjectGroup(
    id="pears", box=Box(x=40, y=300, w=600, h=160), object_class="pear", count=2, look="generated", prompt="a pear"
)
PLAN = LayoutPlan(
    canvas=CANVAS,
    background=SolidBackground(color="#FFFFFF"),
    elements=[PANEL, HEADLINE, HERO, APPLES, PEARS],
)


@pytest.fixture(scope="module")
def parts() -> list[DrawnPart]:
    result = PlanRenderer(generator=FakeGenerator()).render(PLAN)
    return drawn_parts(result.manifest, PLAN)


def _by_id(parts: list[DrawnPart]) -> dict[str, DrawnPart]:
    return {part.id: part for part in parts}


def test_every_leaf_is_a_part_in_plan_order_with_each_object_instance_its_own(parts: list[DrawnPart]) -> None:
    instances = ["apples#1", "apples#2", "apples#3", "pears#1", "pears#2"]
    assert [part.id for part in parts] == ["panel", "headline", "hero", *instances]


def test_a_text_part_carries_its_exact_string_and_its_box(parts: list[DrawnPart]) -> None:
    headline = _by_id(parts)["headline"]
    assert (headline.kind, headline.name, headline.text, headline.box) == (
        "text",
        None,
        "Bakery Open Day",
        HEADLINE.box,
    )


def test_a_shape_part_has_neither_name_nor_text(parts: list[DrawnPart]) -> None:
    panel = _by_id(parts)["panel"]
    assert (panel.kind, panel.name, panel.text, panel.box) == ("shape", None, None, PANEL.box)


def test_a_picture_part_is_named_by_its_prompt_and_clipped_to_the_canvas(parts: list[DrawnPart]) -> None:
    hero = _by_id(parts)["hero"]
    assert (hero.kind, hero.name, hero.text) == ("picture", "a loaf of sourdough on a board", None)
    assert hero.box == Box(x=680, y=0, w=320, h=280)


def test_sprite_and_generated_instances_are_objects_named_by_their_class(parts: list[DrawnPart]) -> None:
    instances = [part for part in parts if part.kind == "objects"]
    assert [(part.name, part.text) for part in instances] == [("apple", None)] * 3 + [("pear", None)] * 2
    for part in instances:
        group = APPLES if part.id.startswith("apples") else PEARS
        assert part.box.intersection(group.box) == part.box  # inside its group's box
    apples = [part.box for part in instances if part.name == "apple"]
    assert all(a.intersection(b) is None for i, a in enumerate(apples) for b in apples[i + 1 :])


def test_instance_boxes_are_the_ones_the_manifest_reports() -> None:
    result = PlanRenderer().render(PLAN)
    manifest_boxes = next(item for item in result.manifest.items if item.element_id == "apples").instance_boxes
    parts = [part for part in drawn_parts(result.manifest, PLAN) if part.id.startswith("apples#")]
    assert [part.box for part in parts] == manifest_boxes


def test_a_part_wholly_off_the_canvas_is_not_listed() -> None:
    off = ShapeElement(id="off", box=Box(x=1200, y=10, w=50, h=50), fill="#000000")
    plan = LayoutPlan(canvas=CANVAS, background=SolidBackground(color="#FFFFFF"), elements=[HEADLINE, off])
    parts = drawn_parts(PlanRenderer().render(plan).manifest, plan)
    assert [part.id for part in parts] == ["headline"]


def test_the_json_shape_is_kind_id_name_text_and_box(parts: list[DrawnPart]) -> None:
    assert _by_id(parts)["apples#1"].model_dump(mode="json").keys() == {"kind", "id", "name", "text", "box"}
    assert _by_id(parts)["headline"].model_dump(mode="json")["box"] == {"x": 40, "y": 20, "w": 600, "h": 90}
