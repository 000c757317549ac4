"""The composed scene: counted things with relations become a scene whose boxes satisfy every relation and count."""

from __future__ import annotations

import itertools

import pytest

from tessera.contract import (
    Attribute,
    Box,
    Canvas,
    Constraints,
    Frame,
    LayoutPlan,
    ObjectGroup,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    ShapeElement,
    SourceSpan,
    TextElement,
)
from tessera.contract.reading import Relation
from tessera.contract.relations import relation_holds
from tessera.planner import RulePlanner
from tessera.planner._scene import read_scene, unsatisfied_relations
from tessera.planner._scene_compose import Link, Thing, compose
from tessera.planner._scene_sizes import drawn_sizes, proportions, size_factor

SQUARE = Canvas(width=1024, height=1024)
WIDE = Canvas(width=1280, height=720)


def _span(words: str = "brief") -> SourceSpan:
    return SourceSpan(start=0, end=len(words), quote=words)


def count(object_class: str, n: int = 1, *attributes: tuple[str, str]) -> RequiredCount:
    return RequiredCount(
        id=f"count-{object_class.replace(' ', '-')}",
        object_class=object_class,
        count=n,
        attributes=[Attribute(kind=kind, word=word) for kind, word in attributes],  # type: ignore[arg-type]
        source=_span(f"{n} {object_class}"),
    )


def relation(subject: str, how: Relation, reference: str, second: str | None = None, n: int = 1) -> RequiredPosition:
    return RequiredPosition(
        id=f"position-{n}",
        subject_kind="objects",
        subject=subject,
        relation=how,
        reference_kind="objects",
        reference=reference,
        second_reference=second,
        source=_span(f"{subject} {how} {reference}"),
    )


def brief(*items: object, document: str = "document") -> Constraints:
    return Constraints(brief="a scene", items=list(items), document=document)  # type: ignore[arg-type]


def plan_of(constraints: Constraints, canvas: Canvas = SQUARE) -> LayoutPlan:
    return RulePlanner().plan(constraints, canvas).plan


def groups_of(plan: LayoutPlan, object_class: str) -> list[ObjectGroup]:
    return [g for g in plan.object_groups() if g.object_class == object_class]


def instances(plan: LayoutPlan, object_class: str) -> int:
    return sum(g.count for g in groups_of(plan, object_class))


# Each relation with a pair of things that suits it, and the counts of each.
CASES: list[tuple[Relation, str, str, int, int]] = [
    ("left_of", "lamp", "sofa", 1, 1),
    ("right_of", "dog", "tree", 1, 1),
    ("above", "kite", "tree", 1, 2),
    ("below", "cat", "cloud", 1, 1),
    ("on_top_of", "cup", "table", 2, 1),
    ("under", "dog", "table", 1, 1),
    ("next_to", "horse", "barn", 1, 1),
    ("between", "cat", "dog", 1, 2),
    ("in_front_of", "sheep", "barn", 3, 1),
    ("behind", "tree", "house", 1, 1),
    ("inside", "fish", "bowl", 2, 1),
    ("around", "chair", "table", 4, 1),
    ("facing", "cat", "dog", 1, 1),
]


@pytest.mark.parametrize(("how", "subject", "reference", "n_subject", "n_reference"), CASES, ids=[c[0] for c in CASES])
def test_every_relation_holds_on_the_planned_boxes(
    how: Relation, subject: str, reference: str, n_subject: int, n_reference: int
) -> None:
    second = reference if how == "between" else None
    constraints = brief(
        count(subject, n_subject), count(reference, n_reference), relation(subject, how, reference, second)
    )
    plan = plan_of(constraints)
    assert unsatisfied_relations(constraints, plan) == []
    assert instances(plan, subject) == n_subject
    assert instances(plan, reference) == n_reference


@pytest.mark.parametrize("n", range(1, 11))
def test_a_row_of_instances_is_one_group_of_exactly_the_count(n: int) -> None:
    plan = plan_of(brief(count("dog", n), count("tree"), relation("dog", "left_of", "tree")))
    (dogs,) = groups_of(plan, "dog")
    assert (dogs.count, dogs.arrangement) == (n, "row")
    assert all(
        a.placed_box.intersection(b.placed_box) is None for a, b in itertools.combinations(plan.object_groups(), 2)
    )


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_instances_apart_from_each_other_get_groups_of_their_own_that_add_up_to_the_count(n: int) -> None:
    plan = plan_of(brief(count("chair", n), count("table"), relation("chair", "around", "table")))
    chairs = groups_of(plan, "chair")
    assert sum(g.count for g in chairs) == n and len(chairs) == min(n, 2)
    assert all(a.placed_box.intersection(b.placed_box) is None for a, b in itertools.combinations(chairs, 2))


def test_a_scene_with_no_text_takes_the_whole_canvas() -> None:
    plan = plan_of(brief(count("lamp"), count("sofa"), relation("lamp", "left_of", "sofa")))
    floor = next(s for s in plan.shapes() if s.id == "scene-floor")
    boxes = [g.placed_box for g in plan.object_groups()] + [floor.placed_box]
    left, right = min(b.x for b in boxes), max(b.right for b in boxes)
    top, bottom = min(b.y for b in boxes), max(b.bottom for b in boxes)
    assert (left + right) / 2 == pytest.approx(SQUARE.width / 2, abs=2)
    assert (top + bottom) / 2 == pytest.approx(SQUARE.height / 2, abs=2)
    assert [e for e in plan.elements if isinstance(e, TextElement)] == []


def test_a_scene_beside_text_takes_the_lower_half_and_the_text_stays_clear_of_it() -> None:
    title = RequiredText(id="text-1", text="SUMMER CAMP", source=_span("'SUMMER CAMP'"))
    plan = plan_of(brief(title, count("tent"), count("tree", 2), relation("tent", "between", "tree", "tree")))
    text = next(e for e in plan.elements if isinstance(e, TextElement))
    things = [g.placed_box for g in plan.object_groups()]
    assert all(box.y >= SQUARE.height // 2 for box in things)
    assert all(text.placed_box.intersection(box) is None for box in things)


def test_counted_things_without_relations_stay_in_the_poster_rows_unless_a_scene_is_asked_for() -> None:
    things = (count("apple", 3), count("pear", 2))
    assert read_scene(brief(*things)) is None
    scene = read_scene(brief(*things, document="scene"))
    assert scene is not None and [t.count for t in scene.things] == [3, 2]


def test_contradicting_relations_are_reported_and_left_out_of_what_the_scene_carries() -> None:
    first, second = relation("cat", "left_of", "dog", n=1), relation("dog", "left_of", "cat", n=2)
    constraints = brief(count("cat"), count("dog"), first, second)
    result = RulePlanner().plan(constraints, SQUARE)
    missing = unsatisfied_relations(constraints, result.plan)
    assert len(missing) == 1 and missing[0].id in {"position-1", "position-2"}


def test_the_search_satisfies_every_side_by_side_relation_that_can_hold_together() -> None:
    constraints = brief(
        count("cat"), count("dog"), count("rabbit"), count("fox"),
        relation("fox", "right_of", "rabbit", n=1), relation("cat", "left_of", "dog", n=2),
        relation("fox", "next_to", "rabbit", n=3), relation("cat", "between", "fox", "dog", n=4),
    )  # fmt: skip
    assert unsatisfied_relations(constraints, plan_of(constraints, WIDE)) == []


def test_a_relation_to_a_thing_nobody_counted_is_unsatisfied() -> None:
    constraints = brief(count("cat"), relation("cat", "left_of", "piano"))
    assert [p.id for p in unsatisfied_relations(constraints, plan_of(constraints))] == ["position-1"]


def test_many_things_on_top_of_another_stand_in_lines_drawn_as_one_grid() -> None:
    constraints = brief(count("candle", 20), count("cake"), relation("candle", "on_top_of", "cake"))
    plan = plan_of(constraints, Canvas(width=768, height=1152))
    (candles,) = groups_of(plan, "candle")
    assert (candles.count, candles.arrangement) == (20, "grid")
    assert candles.placed_box.h >= 48
    assert unsatisfied_relations(constraints, plan) == []


@pytest.mark.parametrize(
    ("bigger", "smaller"), [("elephant", "cat"), ("table", "cup"), ("house", "dog"), ("tree", "flower")]
)
def test_sizes_are_plausible_relative_to_each_other(bigger: str, smaller: str) -> None:
    plan = plan_of(brief(count(bigger), count(smaller), relation(smaller, "next_to", bigger)))
    (big,), (small,) = groups_of(plan, bigger), groups_of(plan, smaller)
    assert big.placed_box.w > 1.5 * small.placed_box.w


def test_size_words_scale_a_thing() -> None:
    assert size_factor([Attribute(kind="size", word="tall")]) > 1 > size_factor([Attribute(kind="size", word="tiny")])
    sizes = drawn_sizes({"a": (1.0, 1.3), "b": (1.0, 1.0), "c": (1.0, 1 / 1.3)})
    assert sizes["a"] > sizes["b"] > sizes["c"]


def test_an_unknown_class_is_of_medium_size_on_the_ground() -> None:
    unknown = proportions("zorb")
    assert unknown.size == 1.0 and unknown.place == "ground"
    assert proportions("pine tree").size > proportions("cat").size


def test_things_of_the_ground_stand_on_one_floor_line() -> None:
    plan = plan_of(brief(count("lamp"), count("sofa"), count("dog", 2), relation("lamp", "left_of", "sofa")))
    floor = next(s for s in plan.shapes() if s.id == "scene-floor")
    assert {g.placed_box.bottom for g in plan.object_groups()} == {floor.placed_box.y}
    assert all(g.anchor == "bottom" for g in plan.object_groups())


def test_a_thing_in_the_air_floats_above_the_things_on_the_ground() -> None:
    plan = plan_of(brief(count("bird"), count("tree"), relation("bird", "left_of", "tree")))
    (bird,), (tree,) = groups_of(plan, "bird"), groups_of(plan, "tree")
    assert bird.placed_box.bottom < tree.placed_box.bottom - tree.placed_box.h // 3


def test_a_thing_in_front_is_drawn_over_and_a_thing_behind_under() -> None:
    constraints = brief(
        count("dog"), count("tree"), count("house"),
        relation("dog", "in_front_of", "house", n=1), relation("tree", "behind", "house", n=2),
    )  # fmt: skip
    plan = plan_of(constraints)
    (dog,), (tree,), (house,) = groups_of(plan, "dog"), groups_of(plan, "tree"), groups_of(plan, "house")
    assert tree.z < house.z < dog.z
    assert dog.placed_box.intersection(house.placed_box) and tree.placed_box.intersection(house.placed_box)


def test_the_colour_of_a_thing_tints_its_instances() -> None:
    plan = plan_of(brief(count("kite", 1, ("color", "red")), count("tree"), relation("kite", "above", "tree")))
    (kite,) = groups_of(plan, "kite")
    assert kite.color == "#FF0000"


def test_a_thing_that_carries_text_is_drawn_as_a_panel_with_the_words_on_it() -> None:
    sign = RequiredText(id="text-1", text="OPEN", quoted=False, carrier="sign", source=_span("reads OPEN"))
    plan = plan_of(brief(sign, count("sign"), count("tree"), relation("sign", "left_of", "tree")))
    panel = next(f for f in plan.frames() if f.name == "sign")
    assert isinstance(panel, Frame) and panel.role == "panel"
    (words,) = [c for c in panel.children if isinstance(c, TextElement)]
    assert words.text == "OPEN" and words.placed_box.intersection(panel.placed_box) == words.placed_box
    assert any(isinstance(s, ShapeElement) and s.id.startswith(panel.id + "-post") for s in plan.elements)


def test_the_scene_block_carries_its_counts_relations_and_texts() -> None:
    sign = RequiredText(id="text-1", text="OPEN", quoted=False, carrier="sign", source=_span("reads OPEN"))
    constraints = brief(sign, count("sign"), count("tree"), relation("sign", "left_of", "tree"))
    plan = plan_of(constraints)
    # the row layout drew none of them again
    assert [t.text for t in plan.texts()] == ["OPEN"]
    assert len(groups_of(plan, "tree")) == 1


def test_the_composer_puts_things_between_the_two_halves_of_a_split_row() -> None:
    things = [
        Thing("cat", "cat", 1, 0.5, proportions("cat")),
        Thing("dog", "dog", 4, 0.6, proportions("dog")),
    ]
    composition = compose(things, [Link("p", "between", "cat", "dog", "dog")])
    (cat,) = composition.of("cat")
    dogs = composition.of("dog")
    assert sum(d.square.cx < cat.square.cx for d in dogs) == 2
    assert sum(d.square.cx > cat.square.cx for d in dogs) == 2


def test_relations_between_plan_groups_are_judged_where_drawings_land() -> None:
    lamp = ObjectGroup(id="lamp", box=Box(x=600, y=400, w=200, h=200), object_class="lamp", count=1)
    sofa = ObjectGroup(id="sofa", box=Box(x=100, y=400, w=300, h=300), object_class="sofa", count=1)
    constraints = brief(count("lamp"), count("sofa"), relation("lamp", "left_of", "sofa"))
    plan = LayoutPlan(canvas=SQUARE, background={"kind": "solid", "color": "#FFFFFF"}, elements=[lamp, sofa])  # type: ignore[arg-type]
    assert [p.id for p in unsatisfied_relations(constraints, plan)] == ["position-1"]
    assert relation_holds("right_of", [lamp.placed_box], [sofa.placed_box])
