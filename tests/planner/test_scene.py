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
    contrast_ratio,
    drawn_parts,
    hex_to_rgb,
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


def test_a_scene_with_no_text_takes_the_whole_canvas_standing_low_on_a_floor_down_to_the_margin() -> None:
    plan = plan_of(brief(count("lamp"), count("sofa"), relation("lamp", "left_of", "sofa")))
    floor = next(s for s in plan.shapes() if s.id == "scene-floor")
    boxes = [g.placed_box for g in plan.object_groups()] + [floor.placed_box]
    left, right = min(b.x for b in boxes), max(b.right for b in boxes)
    assert (left + right) / 2 == pytest.approx(SQUARE.width / 2, abs=2)
    margin = round(0.06 * SQUARE.height)
    assert floor.placed_box.bottom == pytest.approx(SQUARE.height - margin, abs=2)
    assert floor.placed_box.y > SQUARE.height / 2  # the ground line below the middle
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


def test_many_things_on_top_of_another_stand_in_a_few_lines_on_its_top_drawn_as_one_grid() -> None:
    constraints = brief(count("candle", 20), count("cake"), relation("candle", "on_top_of", "cake"))
    plan = plan_of(constraints, Canvas(width=768, height=1152))
    (candles,), (cake,) = groups_of(plan, "candle"), groups_of(plan, "cake")
    assert (candles.count, candles.arrangement) == (20, "grid")
    assert candles.placed_box.h >= 48
    assert candles.placed_box.bottom == cake.placed_box.y  # standing on its top, not floating over it
    assert candles.placed_box.h < 0.6 * cake.placed_box.h  # lines along the top, not a tower of them
    assert unsatisfied_relations(constraints, plan) == []


def test_a_scene_beside_text_fills_the_room_the_text_leaves() -> None:
    title = RequiredText(id="text-1", text="Living Room", source=_span("'Living Room'"))
    plan = plan_of(brief(title, count("lamp"), count("sofa"), relation("lamp", "left_of", "sofa")))
    floor = next(s for s in plan.shapes() if s.id == "scene-floor")
    top = min(g.placed_box.y for g in plan.object_groups())
    room = SQUARE.height // 2 - 2 * round(0.06 * SQUARE.width)  # the lower half inside its margins
    assert floor.placed_box.bottom - top >= 0.97 * room


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


# --- words written on things --------------------------------------------------------------------------------------


def words(text: str, carrier: str, n: int = 1) -> RequiredText:
    return RequiredText(id=f"text-{n}", text=text, quoted=False, carrier=carrier, source=_span(f"reads {text}"))


def text_of(plan: LayoutPlan, text: str) -> TextElement:
    return next(t for t in plan.texts() if t.text == text)


def test_words_on_a_board_fill_its_panel_inside_a_padding_the_verifier_reads_them_in() -> None:
    plan = plan_of(brief(words("Soup of the Day: Tomato", "chalkboard"), count("chalkboard"), document="scene"))
    (board,) = [f for f in plan.frames() if f.name == "chalkboard"]
    text = text_of(plan, "Soup of the Day: Tomato")
    inner, outer = text.placed_box, board.placed_box
    ring = max(4, 0.08 * min(inner.w, inner.h))  # what the verifier models the words' background from
    border = board.border.width if board.border else 0
    assert inner.x - ring - border >= outer.x and inner.right + ring + border <= outer.right
    assert inner.y - ring - border >= outer.y and inner.bottom + ring + border <= outer.bottom
    assert inner.w >= 0.7 * outer.w and inner.h >= 0.6 * outer.h
    assert contrast_ratio(text.color, board.fill or "#000000") >= 4.5


def test_a_sign_with_longer_words_is_wider() -> None:
    short = plan_of(brief(words("OPEN", "sign"), count("sign"), count("tree"), relation("sign", "left_of", "tree")))
    long_words = "Fresh Lemonade and Cookies Sold Here Today"
    long = plan_of(brief(words(long_words, "sign"), count("sign"), count("tree"), relation("sign", "left_of", "tree")))
    aspect = [next(f for f in p.frames() if f.name == "sign").placed_box for p in (short, long)]
    assert aspect[1].w / aspect[1].h > aspect[0].w / aspect[0].h


@pytest.mark.parametrize("carrier", ["mug", "cake", "t-shirt", "bag"])
def test_words_on_a_drawn_thing_sit_on_a_plaque_right_by_it_large_enough_to_read(carrier: str) -> None:
    plan = plan_of(brief(words("World's Best Teacher", carrier), count(carrier), document="scene"))
    (thing,) = groups_of(plan, carrier)
    text = text_of(plan, "World's Best Teacher")
    plaque = next(s for s in plan.shapes() if s.id == text.id.removesuffix("-text") + "-label")
    drawing, box = thing.placed_box, text.placed_box
    assert box.right > drawing.x and box.x < drawing.right  # across the thing's width
    assert 0 <= box.y - drawing.bottom <= 0.25 * drawing.h or 0 <= drawing.y - box.bottom <= 0.25 * drawing.h
    assert text.max_font_size >= 30 and box.h >= 30  # capitals about 21 px tall: tesseract reads them exactly
    assert plaque.placed_box.intersection(box) == box and plaque.z < text.z
    assert contrast_ratio(text.color, plaque.fill or "#000000") >= 4.5
    assert all(box.intersection(g.placed_box) is None for g in plan.object_groups())  # no drawing covers it


def test_a_carrier_nobody_counted_is_drawn_once_for_its_words() -> None:
    written = words("Happy Birthday Anna", "banner")
    plan = plan_of(Constraints(brief="Happy Birthday Anna is written on the banner.", items=[written]))
    (banner,) = [f for f in plan.frames() if f.name == "banner"]
    assert [t.text for t in plan.texts()] == ["Happy Birthday Anna"]
    assert text_of(plan, "Happy Birthday Anna").placed_box.intersection(banner.placed_box) is not None


def test_a_carrier_that_is_the_document_itself_is_no_thing_of_a_scene() -> None:
    sign = Constraints(
        brief="A neon sign that reads OPEN LATE.",
        items=[words("OPEN LATE", "sign")],
        document="sign",
        document_source=SourceSpan(start=2, end=11, quote="neon sign"),
    )
    assert read_scene(sign) is None


def test_words_on_a_cake_find_the_birthday_cake_they_are_written_on() -> None:
    plan = plan_of(brief(words("Happy Birthday Sam", "cake"), count("birthday cake"), document="scene"))
    assert len(groups_of(plan, "birthday cake")) == 1 and groups_of(plan, "cake") == []
    assert [t.text for t in plan.texts()] == ["Happy Birthday Sam"]


def test_a_carrier_nothing_draws_is_a_box_named_after_it_with_its_words_on_it() -> None:
    constraints = brief(words("Flour", "tin"), count("tin"), document="scene")
    planner = RulePlanner(sprite_for=lambda name: None if name == "tin" else f"fluent:{name}")
    plan = planner.plan(constraints, SQUARE).plan
    (tin,) = [f for f in plan.frames() if f.name == "tin"]
    assert text_of(plan, "Flour").placed_box.intersection(tin.placed_box) == text_of(plan, "Flour").placed_box
    assert groups_of(plan, "tin") == []


def test_the_drawn_words_are_on_or_right_by_their_carrier_as_drawn() -> None:
    from tessera.renderer import PlanRenderer, sprite_for

    for carrier in ("chalkboard", "mug"):
        constraints = brief(words("World's Best Teacher", carrier), count(carrier), document="scene")
        plan = RulePlanner(sprite_for=sprite_for).plan(constraints, SQUARE).plan
        result = PlanRenderer().render(plan)
        drawn = drawn_parts(result.manifest, result.manifest.plan)
        (text,) = [p for p in drawn if p.kind == "text"]
        (thing,) = [p for p in drawn if p.name == carrier]
        on = thing.box.intersection(text.box) == text.box
        beside = (
            text.box.x < thing.box.right
            and text.box.right > thing.box.x
            and (
                0 <= text.box.y - thing.box.bottom <= 0.25 * thing.box.h
                or 0 <= thing.box.y - text.box.bottom <= 0.25 * thing.box.h
            )
        )
        assert on or beside, (carrier, thing.box, text.box)


def test_a_material_colours_a_thing_the_brief_gives_no_colour() -> None:
    wooden = count("table", 1, ("material", "wooden"))
    plan = plan_of(brief(count("apple", 3), wooden, relation("apple", "on_top_of", "table")))
    (table,) = groups_of(plan, "table")
    red, green, blue = hex_to_rgb(table.color or "#000000")
    assert red > green > blue  # a wood brown
