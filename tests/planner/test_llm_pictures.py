"""Pictures and generated groups in the LLM planner: the schema the model fills, the prompt, and merges."""

from __future__ import annotations

import json
from typing import Any

from tessera.contract import Box, Canvas, PictureElement
from tessera.planner import LlmOptions, LlmPlanner, RulePlanner, check_plan, extract_constraints
from tests.planner.test_llm_planner import FakeServer

CANVAS = Canvas(width=1024, height=1024)
BRIEF = (
    "A travel poster with a photo of a mountain lake filling the top half. Headline 'VISIT NORWAY'. "
    "3 realistic dogs at the bottom."
)
_FREE = {"width": "fill", "height": "fill", "box": None}
_FREE = {"width": "fill", "height": "fill", "box": None}
LAKE = {"kind": "picture", "id": "lake", "prompt": "a mountain lake", "style": "photo", **_FREE, "height": 512}
HEADLINE = {"kind": "text", "id": "headline", "role": "title", "text": "VISIT NORWAY", "family": "sans",
            "font_weight": "bold", "color": "#111111", "align": "center", **_FREE, "height": "hug"}  # fmt: skip
DOGS = {"kind": "objects", "id": "dogs", "object_class": "dog", "count": 3, "arrangement": "row", "color": None,
        "look": "generated", "prompt": "a photo of a dog", **_FREE}  # fmt: skip
TOP_HALF = {"x": 0, "y": 0, "w": 1024, "h": 512}


def _frame(frame_id: str, *children: dict[str, Any], padding: int = 64) -> dict[str, Any]:
    return {"kind": "frame", "id": frame_id, "role": None, "layout": "column", "gap": 24, "padding": padding,
            "align": "stretch", "justify": "start", "columns": [], "fill": None, "radius": 0, **_FREE,
            "children": list(children)}  # fmt: skip


def _plan_json(*children: dict[str, Any], layout: str = "column", background: str = "#f4efe6") -> dict[str, Any]:
    """A tree reply: a root of that layout, without padding, holding `children`."""
    root = {key: value for key, value in _frame("root", *children, padding=0).items() if key not in _NOT_ON_ROOT}
    return {"background": {"kind": "solid", "color": background}, "root": {**root, "layout": layout}, "rationale": "r"}


_NOT_ON_ROOT = ("role", "fill", "radius", *_FREE)
POSTER = _plan_json(LAKE, _frame("content", HEADLINE, DOGS))  # the lake the top half, the rest in a padded column


def _pinned(*children: dict[str, Any]) -> dict[str, Any]:
    """The v1 way, still allowed: a root stack whose children each have a fixed box."""
    return _plan_json(*children, layout="stack")


def _planner(server: FakeServer) -> LlmPlanner:
    sprites = RulePlanner(sprite_for=lambda c: "emoji" if c in ("dog", "balloon") else None)
    return LlmPlanner(LlmOptions(base_url="http://fake/v1", model="fake"), client=server.client(), rules=sprites)


def _user_text(body: dict[str, Any]) -> str:
    return [m for m in body["messages"] if m["role"] == "user"][-1]["content"]


def test_the_schema_offers_picture_elements_with_bounded_prompts() -> None:
    server = FakeServer({"content": POSTER})
    _planner(server).plan(extract_constraints(BRIEF), CANVAS)
    schema = server.requests[0]["response_format"]["json_schema"]["schema"]
    picture = schema["$defs"]["PictureElement"]
    assert picture["required"] == ["kind", "id", "prompt", "style", "width", "height", "box"]
    assert picture["additionalProperties"] is False
    assert 1 <= picture["properties"]["prompt"]["maxLength"] <= 300
    assert picture["properties"]["style"]["enum"] == ["photo", "illustration"]
    for depth in range(4):
        assert {"$ref": "#/$defs/PictureElement"} in schema["$defs"][f"Frame{depth}"]["properties"]["children"][
            "items"
        ]["anyOf"]


def test_the_schema_has_a_bounded_look_and_prompt_for_object_groups() -> None:
    server = FakeServer({"content": POSTER})
    _planner(server).plan(extract_constraints(BRIEF), CANVAS)
    group = server.requests[0]["response_format"]["json_schema"]["schema"]["$defs"]["ObjectGroup"]
    assert {"look", "prompt"} <= set(group["required"])
    assert group["properties"]["look"]["enum"] == ["sprite", "generated"]
    strings = [o for o in group["properties"]["prompt"]["anyOf"] if o.get("type") == "string"]
    assert strings and all(0 < o["maxLength"] <= 300 for o in strings)


def test_the_prompt_names_the_pictures_and_generated_looks_the_brief_asks_for() -> None:
    server = FakeServer({"content": POSTER})
    _planner(server).plan(extract_constraints(BRIEF), CANVAS)
    user = _user_text(server.requests[0])
    assert 'photo of "a mountain lake" in the top half of the canvas' in user
    assert '3 x "dog": "a photo of a dog"' in user
    system = server.requests[0]["messages"][0]["content"]
    assert '"picture"' in system and '"generated"' in system


def test_a_plan_with_a_picture_and_a_generated_group_is_accepted_as_written() -> None:
    constraints = extract_constraints(BRIEF)
    result = _planner(FakeServer({"content": POSTER})).plan(constraints, CANVAS)
    assert result.fallback is None
    (picture,) = result.plan.pictures()
    assert (picture.prompt, picture.style, picture.height, picture.box) == ("a mountain lake", "photo", 512, None)
    (dogs,) = result.plan.object_groups()
    assert (dogs.count, dogs.look, dogs.prompt) == (3, "generated", "a photo of a dog")


def test_a_picture_pinned_over_the_canvas_goes_under_everything() -> None:
    backdrop = {**LAKE, "box": {"x": 0, "y": 0, "w": 1024, "h": 1024}}
    panel = {"kind": "shape", "id": "panel", "shape": "rectangle", "fill": "#ffffff", **_FREE,
             "box": {"x": 40, "y": 540, "w": 944, "h": 180}}  # fmt: skip
    server = FakeServer({"content": _plan_json(backdrop, panel, _frame("content", HEADLINE, DOGS))})
    result = _planner(server).plan(extract_constraints(BRIEF), CANVAS)
    (picture,) = result.plan.pictures()
    assert picture.z < result.plan.element("panel").z


def test_a_picture_filling_a_root_stack_is_the_background_and_goes_under_everything() -> None:
    backdrop = {**LAKE, "height": "fill"}
    panel = {**_frame("panel", HEADLINE), "fill": "#ffffff"}
    server = FakeServer({"content": _plan_json(backdrop, _frame("content", panel, DOGS), layout="stack")})
    result = _planner(server).plan(extract_constraints(BRIEF), CANVAS)
    (picture,) = result.plan.pictures()
    assert picture.z == 0 and picture.z < result.plan.element("dogs").z


def test_a_picture_in_a_column_keeps_its_own_z() -> None:
    result = _planner(FakeServer({"content": POSTER})).plan(extract_constraints(BRIEF), CANVAS)
    (picture,) = result.plan.pictures()
    assert picture.z == PictureElement.model_fields["z"].default


def test_text_hidden_under_a_models_picture_is_sent_back_for_repair() -> None:
    raised = {**LAKE, "z": 20, "box": TOP_HALF}
    hidden = {**HEADLINE, "box": {"x": 64, "y": 100, "w": 896, "h": 140}}
    server = FakeServer({"content": _pinned(raised, hidden, DOGS)}, {"content": POSTER})
    result = _planner(server).plan(extract_constraints(BRIEF), CANVAS)
    assert "hidden under picture 'lake'" in _user_text(server.requests[1])
    assert result.fallback is None and len(result.calls) == 2


def test_a_merge_keeps_the_models_pinned_picture_and_plans_the_rest_around_it() -> None:
    constraints = extract_constraints(BRIEF)
    custom = {**LAKE, "box": {"x": 0, "y": 0, "w": 1024, "h": 400}, "prompt": "a lake at dawn"}
    broken = _pinned(custom, DOGS)  # the headline is missing twice
    server = FakeServer({"content": broken}, {"content": broken})
    result = _planner(server).plan(constraints, CANVAS)
    assert result.fallback is not None and "picture" in result.fallback
    (picture,) = result.plan.pictures()
    assert (picture.prompt, picture.box) == ("a lake at dawn", Box(x=0, y=0, w=1024, h=400))
    assert check_plan(result.plan, constraints) == []
    for element in result.plan.elements:
        if element is not picture:
            assert element.placed_box.intersection(picture.placed_box) is None, element.id


def test_a_merge_keeps_the_models_flowing_picture_and_adds_the_missing_headline_beside_it() -> None:
    constraints = extract_constraints(BRIEF)
    broken = _plan_json({**LAKE, "prompt": "a lake at dawn"}, _frame("content", DOGS))  # no headline, twice
    server = FakeServer({"content": broken}, {"content": broken})
    result = _planner(server).plan(constraints, CANVAS)
    (picture,) = result.plan.pictures()
    assert (picture.prompt, picture.height, picture.box) == ("a lake at dawn", 512, None)
    assert result.fallback is not None and "kept the model's design" in result.fallback
    assert [t.text for t in result.plan.texts()] == ["VISIT NORWAY"]
    assert check_plan(result.plan, constraints) == []


def test_a_merge_takes_the_rule_planners_picture_when_the_models_leaves_no_room() -> None:
    constraints = extract_constraints(BRIEF)
    crowding = [
        {**LAKE, "id": "a", "box": {"x": 0, "y": 0, "w": 1024, "h": 480}},
        {**LAKE, "id": "b", "box": {"x": 0, "y": 520, "w": 1024, "h": 504}},
    ]
    broken = _pinned(*crowding, DOGS)
    server = FakeServer({"content": broken}, {"content": broken})
    result = _planner(server).plan(constraints, CANVAS)
    (picture,) = result.plan.pictures()  # the rule planner's own, in the region the brief names
    assert isinstance(picture, PictureElement) and picture.prompt == "a mountain lake"
    assert check_plan(result.plan, constraints) == []


def test_a_merge_without_model_pictures_places_the_briefs_pictures() -> None:
    constraints = extract_constraints(BRIEF)
    server = FakeServer({"content": "not json"}, {"content": json.dumps({"root": 3})})
    result = _planner(server).plan(constraints, CANVAS)
    assert [p.prompt for p in result.plan.pictures()] == ["a mountain lake"]
    (dogs,) = result.plan.object_groups()
    assert (dogs.count, dogs.look) == (3, "generated")
