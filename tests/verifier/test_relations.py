"""Relations between drawn things, judged on the boxes measured from the pixels: each relation holds on a right
layout and fails on a swapped one, and the evidence names both boxes and the rule. An instance is the thing it looks
like: two things drawn in each other's places fail their relation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from scipy import ndimage

from tessera.contract import Box, ObjectGroup, RequiredCount, RequiredPosition, drawing_for, hex_to_rgb
from tessera.contract.drawings import vector_drawing
from tessera.contract.reading import Relation
from tessera.contract.svg import rasterise
from tessera.verifier._looks import DISTINCT, Look, class_of, look_of, reference_look
from tessera.verifier._relations import painted_box


@dataclass(frozen=True)
class Layout:
    """Groups of one instance each: (id, class, box, z)."""

    things: tuple[tuple[str, str, Box, int], ...]

    def groups(self) -> list[ObjectGroup]:
        return [ObjectGroup(id=id_, object_class=cls, box=box, z=z, count=1) for id_, cls, box, z in self.things]


def _b(x: int, y: int, side: int) -> Box:
    return Box(x=x, y=y, w=side, h=side)


def _layout(*things: tuple[str, str, Box, int]) -> Layout:
    return Layout(things)


# relation, subject, reference, second reference, a layout where it holds, one where it does not
CASES: list[tuple[Relation, str, str, str | None, Layout, Layout]] = [
    ("left_of", "cat", "tree", None,
     _layout(("c", "cat", _b(100, 400, 200), 5), ("t", "tree", _b(600, 400, 200), 5)),
     _layout(("c", "cat", _b(600, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5))),
    ("right_of", "cat", "tree", None,
     _layout(("c", "cat", _b(600, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5)),
     _layout(("c", "cat", _b(100, 400, 200), 5), ("t", "tree", _b(600, 400, 200), 5))),
    ("above", "star", "tree", None,
     _layout(("s", "star", _b(412, 100, 200), 5), ("t", "tree", _b(412, 500, 200), 5)),
     _layout(("s", "star", _b(412, 500, 200), 5), ("t", "tree", _b(412, 100, 200), 5))),
    ("below", "cat", "star", None,
     _layout(("c", "cat", _b(412, 600, 200), 5), ("s", "star", _b(412, 150, 200), 5)),
     _layout(("c", "cat", _b(412, 150, 200), 5), ("s", "star", _b(412, 600, 200), 5))),
    ("on_top_of", "star", "tree", None,
     _layout(("s", "star", _b(462, 392, 100), 6), ("t", "tree", _b(362, 450, 300), 5)),
     _layout(("s", "star", _b(462, 800, 100), 6), ("t", "tree", _b(362, 450, 300), 5))),
    ("under", "apple", "tree", None,
     _layout(("a", "apple", _b(462, 560, 100), 6), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("a", "apple", _b(462, 100, 100), 6), ("t", "tree", _b(312, 300, 400), 5))),
    ("next_to", "cat", "tree", None,
     _layout(("c", "cat", _b(300, 400, 200), 5), ("t", "tree", _b(520, 400, 200), 5)),
     _layout(("c", "cat", _b(40, 400, 200), 5), ("t", "tree", _b(780, 400, 200), 5))),
    ("facing", "cat", "car", None,
     _layout(("c", "cat", _b(300, 400, 200), 5), ("r", "car", _b(520, 400, 200), 5)),
     _layout(("c", "cat", _b(300, 100, 200), 5), ("r", "car", _b(520, 700, 200), 5))),
    ("between", "cat", "tree", "tree",
     _layout(("c", "cat", _b(412, 400, 200), 5), ("t1", "tree", _b(100, 400, 200), 5),
             ("t2", "tree", _b(724, 400, 200), 5)),
     _layout(("c", "cat", _b(100, 400, 200), 5), ("t1", "tree", _b(412, 400, 200), 5),
             ("t2", "tree", _b(724, 400, 200), 5))),
    ("between", "cat", "tree", "car",
     _layout(("c", "cat", _b(412, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5),
             ("r", "car", _b(724, 400, 200), 5)),
     _layout(("c", "cat", _b(724, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5),
             ("r", "car", _b(412, 400, 200), 5))),
    ("in_front_of", "cat", "tree", None,
     _layout(("c", "cat", _b(560, 560, 200), 6), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("c", "cat", _b(560, 560, 200), 4), ("t", "tree", _b(312, 300, 400), 5))),
    ("behind", "cat", "tree", None,
     _layout(("c", "cat", _b(250, 250, 200), 4), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("c", "cat", _b(560, 560, 200), 6), ("t", "tree", _b(312, 300, 400), 5))),
    ("inside", "apple", "tree", None,
     _layout(("a", "apple", _b(462, 450, 100), 6), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("a", "apple", _b(100, 100, 100), 6), ("t", "tree", _b(312, 300, 400), 5))),
    ("around", "star", "tree", None,
     _layout(("s1", "star", _b(150, 450, 100), 5), ("s2", "star", _b(774, 450, 100), 5),
             ("s3", "star", _b(250, 200, 100), 5), ("s4", "star", _b(674, 200, 100), 5),
             ("t", "tree", _b(362, 362, 300), 5)),
     _layout(("s1", "star", _b(40, 450, 100), 5), ("s2", "star", _b(40, 700, 100), 5),
             ("s3", "star", _b(40, 200, 100), 5), ("s4", "star", _b(190, 200, 100), 5),
             ("t", "tree", _b(462, 362, 300), 5))),
]  # fmt: skip
IDS = [f"{c[0]}-{c[3] or 'one'}" for c in CASES]


def _check(case, layout: Layout, painter, plan_of, constraints_of, span, verifier):  # type: ignore[no-untyped-def]
    relation, subject, reference, second, _, _ = case
    plan = plan_of(layout.groups())
    constraint = RequiredPosition(
        id="c", subject_kind="objects", subject=subject, relation=relation, reference_kind="objects",
        reference=reference, second_reference=second, source=span,
    )  # fmt: skip
    return verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_relation_holds_on_a_right_layout(case, painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    check = _check(case, case[4], painter, plan_of, constraints_of, span, verifier)
    assert check.passed, check.evidence
    assert f"{case[0]} holds" in check.evidence


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_relation_fails_on_a_swapped_layout(case, painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    check = _check(case, case[5], painter, plan_of, constraints_of, span, verifier)
    assert not check.passed, check.evidence
    assert f"{case[0]} does not hold" in check.evidence


def test_the_evidence_names_both_boxes_and_the_rule(painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    check = _check(CASES[0], CASES[0][4], painter, plan_of, constraints_of, span, verifier)
    assert "'cat': 1 box(es) (" in check.evidence and "'tree': 1 box(es) (" in check.evidence
    assert "left of the reference's centre line" in check.evidence
    assert set(check.element_ids) == {"c", "t"}


def test_a_relation_to_a_thing_not_drawn_fails_and_says_so(painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of([ObjectGroup(id="c", object_class="cat", box=_b(100, 400, 200), count=1)])
    constraint = RequiredPosition(
        id="c", subject_kind="objects", subject="cat", relation="left_of", reference_kind="objects",
        reference="piano", source=span,
    )  # fmt: skip
    check = verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]
    assert not check.passed and "not found on the canvas" in check.evidence


def test_groups_the_brief_asks_to_overlap_are_no_lint_error(painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    layout = CASES[10][4]  # a cat in front of a tree
    plan = plan_of(layout.groups())
    asked = RequiredPosition(
        id="c", subject_kind="objects", subject="cat", relation="in_front_of", reference_kind="objects",
        reference="tree", source=span,
    )  # fmt: skip
    beside = asked.model_copy(update={"relation": "next_to"})
    image = painter.render(plan)
    assert [f.code for f in verifier.verify(image, plan, constraints_of(asked)).lint] == []
    assert "object_overlap" in [f.code for f in verifier.verify(image, plan, constraints_of(beside)).lint]


def test_things_joined_through_a_chain_of_overlapping_relations_may_overlap(  # type: ignore[no-untyped-def]
    painter, plan_of, constraints_of, span, verifier
) -> None:
    # books on a table in front of an armchair: the books overlap the armchair as well as the table
    plan = plan_of([
        ObjectGroup(id="armchair", object_class="armchair", box=_b(400, 300, 300), z=4, count=1),
        ObjectGroup(id="table", object_class="table", box=_b(550, 420, 260), z=5, count=1),
        ObjectGroup(id="books", object_class="book", box=_b(560, 330, 100), z=6, count=1),
    ])  # fmt: skip
    on_table, table_in_front = (
        RequiredPosition(
            id=f"c{n}",
            subject_kind="objects",
            subject=subject,
            relation=relation,
            reference_kind="objects",
            reference=reference,
            source=span,
        )  # fmt: skip
        for n, (subject, relation, reference) in enumerate(
            [("book", "on_top_of", "table"), ("table", "in_front_of", "armchair")]
        )
    )
    image = painter.render(plan)
    assert [f.code for f in verifier.verify(image, plan, constraints_of(on_table, table_in_front)).lint] == []
    assert "object_overlap" in [f.code for f in verifier.verify(image, plan, constraints_of(on_table)).lint]


@pytest.mark.parametrize(("relation", "holds"), [("left_of", False), ("right_of", True)])
def test_a_relation_is_judged_on_the_painted_instance_not_the_planned_box(  # type: ignore[no-untyped-def]
    relation, holds, painter, plan_of, constraints_of, span, verifier
) -> None:
    tree = ObjectGroup(id="t", object_class="tree", box=_b(450, 600, 200), count=1)
    drawn = plan_of([ObjectGroup(id="c", object_class="cat", box=_b(700, 150, 200), count=1), tree])
    # The plan the verifier is given puts the cat's box mostly left of the tree; the cat was painted right of it.
    planned = plan_of([ObjectGroup(id="c", object_class="cat", box=Box(x=0, y=100, w=900, h=300), count=1), tree])
    constraint = RequiredPosition(
        id="c", subject_kind="objects", subject="cat", relation=relation, reference_kind="objects",
        reference="tree", source=span,
    )  # fmt: skip
    check = verifier.verify(painter.render(drawn), planned, constraints_of(constraint)).checks[0]
    assert check.passed is holds, check.evidence
    assert [b.x > 700 for b in check.instances] == [True]


def test_a_panel_is_found_where_it_is_painted() -> None:
    canvas = np.full((400, 600, 3), 245, np.uint8)
    canvas[120:200, 300:420] = (200, 40, 40)  # a red sign painted in the right half of its planned box
    assert painted_box(canvas, Box(x=100, y=100, w=400, h=150)) == Box(x=300, y=120, w=120, h=80)
    assert painted_box(canvas, Box(x=20, y=260, w=200, h=100)) is None


# --- telling instances apart by their look ---------------------------------------------------------------------

NAMED = ["tree", "car", "apple"]


def _look_of_drawing(object_class: str, side: int, halo: int = 0, fill: str | None = None) -> Look:
    """The look of `object_class`'s drawing painted `side` px big on the page, as the pixel counter would see it:
    with a white `halo` px wide around it, and all in `fill` when given (a tinted sprite)."""
    drawing = drawing_for(object_class)
    assert drawing is not None and drawing.emoji is not None
    vector = vector_drawing(drawing.emoji)
    assert vector is not None
    image = rasterise(vector.svg((0, 0, vector.width, vector.height), side, side))
    pixels = np.asarray(image).astype(np.float32)
    painted = pixels[..., 3] > 64
    if fill is not None:
        pixels[painted, :3] = hex_to_rgb(fill)
    ringed = ndimage.binary_dilation(painted, iterations=halo) if halo else painted
    page = np.full((side, side, 3), 247.0, np.float32)
    rgb = np.where(ringed[..., None] & ~painted[..., None], 255.0, page)
    alpha = pixels[..., 3:] / 255.0
    rgb = np.where(painted[..., None], pixels[..., :3] * alpha + rgb * (1 - alpha), rgb)
    look = look_of(rgb.astype(np.uint8), ringed)
    assert look is not None
    return look


@pytest.mark.parametrize(("one", "other"), [("tree", "car"), ("tree", "apple"), ("car", "apple")])
def test_the_drawings_of_a_tree_a_car_and_an_apple_are_told_apart(one: str, other: str) -> None:
    mine, theirs = reference_look(one), reference_look(other)
    assert mine is not None and theirs is not None
    assert mine.distance(theirs) >= DISTINCT


@pytest.mark.parametrize("planned", NAMED)
@pytest.mark.parametrize("drawn", NAMED)
def test_an_instance_is_the_class_its_drawing_shows_whatever_box_it_is_in(planned: str, drawn: str) -> None:
    assert class_of(_look_of_drawing(drawn, 150, halo=4), planned, NAMED) == drawn


def test_alike_drawings_are_not_told_apart_and_keep_the_planned_class() -> None:
    tree, pine = reference_look("tree"), reference_look("pine tree")
    assert tree is not None and pine is not None and tree.distance(pine) < DISTINCT
    assert class_of(_look_of_drawing("pine tree", 150), "tree", ["tree", "pine tree"]) == "tree"


def test_a_class_drawn_from_the_bitmap_font_keeps_the_planned_class() -> None:
    assert reference_look("door") is None
    assert class_of(_look_of_drawing("car", 150), "door", ["door", "car"]) == "door"
    assert class_of(_look_of_drawing("car", 150), "car", ["door", "car"]) == "car"


def test_a_tinted_instance_is_told_by_its_silhouette() -> None:
    red_tree = _look_of_drawing("tree", 150, fill="#D03030")
    assert class_of(red_tree, "car", NAMED, colour=False) == "tree"
    assert class_of(red_tree, "tree", NAMED, colour=False) == "tree"


def test_things_drawn_in_each_others_places_fail_their_relation_and_say_so(  # type: ignore[no-untyped-def]
    painter, plan_of, constraints_of, span, verifier
) -> None:
    planned = [("tree", _b(100, 400, 220)), ("car", _b(640, 400, 220))]
    plan = plan_of([ObjectGroup(id=cls, object_class=cls, box=box, count=1) for cls, box in planned])
    swapped = plan_of([ObjectGroup(id=cls, object_class=other, box=box, count=1)
                       for (cls, box), (other, _) in zip(planned, reversed(planned), strict=True)])  # fmt: skip
    constraints = constraints_of(
        RequiredPosition(id="left", subject_kind="objects", subject="tree", relation="left_of",
                         reference_kind="objects", reference="car", source=span),
        *(RequiredCount(id=cls, object_class=cls, count=1, source=span) for cls, _ in planned),
    )  # fmt: skip
    right = verifier.verify(painter.render(plan), plan, constraints)
    wrong = verifier.verify(painter.render(swapped), plan, constraints)
    assert [(c.constraint_id, c.status) for c in right.checks] == [("left", "passed"), ("tree", "passed"),
                                                                   ("car", "passed")]  # fmt: skip
    assert [(c.constraint_id, c.status) for c in wrong.checks] == [("left", "failed"), ("tree", "passed"),
                                                                   ("car", "passed")]  # fmt: skip
    position = wrong.checks[0]
    assert position.measured.endswith("left_of does not hold")
    assert "the instance in 'tree''s box looks like a car" in position.evidence
    assert "the instance in 'car''s box looks like a tree" in position.evidence
