"""Plan version 2: the tree, its bounds, reading version 1 plans, and editing leaves in place."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from tessera.contract import (
    MAX_NODES,
    Box,
    DrawnItem,
    Frame,
    LayoutPlan,
    RenderManifest,
    ShapeElement,
    TextElement,
    drawn_parts,
)

BACKGROUND = {"kind": "solid", "color": "#FFFFFF"}


def _plan(root: dict[str, object]) -> LayoutPlan:
    return LayoutPlan.model_validate({"schema_version": 2, "background": BACKGROUND, "root": root})


def _text(node_id: str, text: str, **fields: object) -> dict[str, object]:
    return {"kind": "text", "id": node_id, "text": text, **fields}


def test_a_slide_tree_reads_back_with_its_frames_and_leaves() -> None:
    plan = _plan(
        {
            "kind": "frame",
            "id": "root",
            "layout": "column",
            "padding": {"top": 40, "right": 60, "bottom": 40, "left": 60},
            "gap": 24,
            "children": [
                _text("title", "Q3 Results", role="title", family="serif"),
                {
                    "kind": "frame",
                    "id": "cards",
                    "layout": "grid",
                    "columns": ["1fr", "2fr", 240],
                    "gap": 16,
                    "children": [
                        {"kind": "frame", "id": "card-1", "role": "card", "children": [_text("kpi-1", "$4.2M")]},
                        {"kind": "frame", "id": "cta", "role": "button", "children": [_text("cta-label", "Buy")]},
                    ],
                },
                {"kind": "objects", "id": "stars", "object_class": "star", "count": 3, "height": 120},
            ],
        }
    )
    assert [f.id for f in plan.frames()] == ["root", "cards", "card-1", "cta"]
    assert [e.id for e in plan.elements] == ["title", "kpi-1", "cta-label", "stars"]
    assert plan.texts()[0].family == "serif"
    assert plan.root.insets.left == 60
    cards = plan.node("cards")
    assert isinstance(cards, Frame) and cards.columns == ["1fr", "2fr", 240]
    assert LayoutPlan.model_validate_json(plan.model_dump_json()) == plan


@pytest.mark.parametrize("track", ["0fr", "fr", "1.5fr", "100px", 0])
def test_a_grid_track_must_be_pixels_auto_or_a_share(track: object) -> None:
    with pytest.raises(ValidationError):
        _plan({"kind": "frame", "id": "root", "layout": "grid", "columns": [track]})


def test_ids_are_unique_across_the_whole_tree() -> None:
    inner = {"kind": "frame", "id": "box", "children": [_text("title", "A")]}
    with pytest.raises(ValidationError, match="'title' is used twice"):
        _plan({"kind": "frame", "id": "root", "children": [_text("title", "B"), inner]})


def test_the_tree_is_bounded_in_depth_and_in_nodes() -> None:
    deep: dict[str, object] = _text("leaf", "x")
    for level in range(14):
        deep = {"kind": "frame", "id": f"f{level}", "children": [deep]}
    with pytest.raises(ValidationError, match="nested more than"):
        _plan({"kind": "frame", "id": "root", "children": [deep]})
    frames = [
        {"kind": "frame", "id": f"g{i}", "children": [_text(f"t{i}-{j}", "x") for j in range(300)]} for i in range(4)
    ]
    with pytest.raises(ValidationError, match=f"at most {MAX_NODES}"):
        _plan({"kind": "frame", "id": "root", "children": frames})


def test_the_json_schema_is_a_bounded_recursive_tree() -> None:
    schema = LayoutPlan.model_json_schema()
    frame = schema["$defs"]["Frame"]
    children = frame["properties"]["children"]
    assert children["maxItems"] == 600
    refs = json.dumps(children["items"])
    assert "#/$defs/Frame" in refs and "#/$defs/TextElement" in refs
    assert schema["properties"]["schema_version"]["const"] == 2


def test_a_version_1_plan_becomes_a_root_stack_whose_children_keep_their_boxes() -> None:
    version_1 = {
        "schema_version": "1",
        "canvas": {"width": 1920, "height": 1080},
        "background": BACKGROUND,
        "elements": [
            {"kind": "shape", "id": "panel", "box": {"x": 0, "y": 0, "w": 1920, "h": 300}, "fill": "#1F4FFF"},
            {
                "kind": "text",
                "id": "t",
                "box": {"x": 80, "y": 60, "w": 900, "h": 160},
                "text": "Hi",
                "role": "headline",
            },
            {
                "kind": "text",
                "id": "s",
                "box": {"x": 80, "y": 240, "w": 900, "h": 60},
                "text": "Yo",
                "role": "subheading",
            },
        ],
    }
    plan = LayoutPlan.model_validate(version_1)
    assert plan.schema_version == 2 and plan.canvas.width == 1920
    assert plan.root.layout == "stack" and plan.root.id == "root"
    assert [e.id for e in plan.elements] == ["panel", "t", "s"]
    assert plan.element("t").box == Box(x=80, y=60, w=900, h=160)
    assert [t.role for t in plan.texts()] == ["title", "subtitle"]


def test_a_version_1_plan_with_a_bad_element_names_it_under_the_root() -> None:
    broken = {"schema_version": "1", "background": BACKGROUND, "elements": [{"kind": "text", "id": "t", "text": ""}]}
    with pytest.raises(ValidationError) as raised:
        LayoutPlan.model_validate(broken)
    assert raised.value.errors()[0]["loc"][:3] == ("root", "children", 0)


def test_with_elements_edits_leaves_in_place_and_adds_new_ones_to_the_root() -> None:
    plan = _plan(
        {
            "kind": "frame",
            "id": "root",
            "children": [
                {"kind": "frame", "id": "card", "role": "card", "children": [_text("a", "A"), _text("b", "B")]},
                _text("c", "C", box={"x": 0, "y": 0, "w": 100, "h": 40}),
            ],
        }
    )
    a, _, c = plan.elements
    assert isinstance(a, TextElement)
    panel = ShapeElement(id="panel", box=Box(x=0, y=0, w=120, h=50), fill="#EEEEEE")
    edited = plan.with_elements([a.model_copy(update={"color": "#FF0000"}), panel, c])
    assert [e.id for e in edited.elements] == ["a", "panel", "c"]  # 'b' left out is removed
    assert edited.texts()[0].color == "#FF0000"
    assert [child.id for child in edited.root.children] == ["card", "panel", "c"]
    assert isinstance(edited.root.children[0], Frame) and edited.root.children[0].role == "card"
    with pytest.raises(ValueError, match="needs a box"):
        plan.with_elements([ShapeElement(id="loose")])


def test_a_container_with_a_role_is_a_drawn_part_carrying_its_label() -> None:
    plan = _plan(
        {
            "kind": "frame",
            "id": "root",
            "children": [
                {
                    "kind": "frame",
                    "id": "cta",
                    "role": "button",
                    "name": "sign up",
                    "children": [_text("cta-label", "Sign up", box={"x": 20, "y": 20, "w": 80, "h": 20})],
                },
                {"kind": "frame", "id": "plain", "children": []},
            ],
        }
    )
    box = Box(x=10, y=10, w=100, h=40)
    manifest = RenderManifest(
        canvas=plan.canvas,
        plan=plan,
        items=[
            DrawnItem(element_id="cta", kind="frame", role="button", box=box),
            DrawnItem(element_id="plain", kind="frame", box=box),
            DrawnItem(element_id="cta-label", kind="text", box=Box(x=20, y=20, w=80, h=20)),
        ],
    )
    parts = drawn_parts(manifest, plan)
    assert [(p.kind, p.id, p.name, p.text) for p in parts] == [
        ("button", "cta", "sign up", "Sign up"),
        ("text", "cta-label", None, "Sign up"),
    ]
