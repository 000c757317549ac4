"""Count checks: instances are counted from pixels inside each planned group box."""

from __future__ import annotations

import pytest

from tessera.contract import Box, ObjectGroup, RequiredCount, TextElement

SPRITES = ["balloon", "star", "cat", "car", "tree", "apple"]
BACKGROUNDS = {"solid": "#f4efe6", "gradient": ("#2a6f97", "#a9d6e5")}
LAYOUTS = [  # (count, arrangement, box)
    (1, "row", Box(x=380, y=380, w=264, h=264)),
    (2, "row", Box(x=160, y=400, w=704, h=240)),
    (3, "row", Box(x=64, y=420, w=896, h=220)),
    (5, "scatter", Box(x=64, y=200, w=896, h=700)),
    (8, "grid", Box(x=64, y=200, w=896, h=600)),
    (12, "scatter", Box(x=48, y=160, w=928, h=800)),
    (20, "grid", Box(x=64, y=160, w=896, h=760)),
]


def _verify_count(verifier, plan, image, span, constraints_of, object_class: str, count: int):
    return verifier.verify(
        image, plan, constraints_of(RequiredCount(id="c", object_class=object_class, count=count, source=span))
    ).checks[0]


@pytest.mark.parametrize("background", list(BACKGROUNDS), ids=list(BACKGROUNDS))
@pytest.mark.parametrize("sprite", SPRITES)
@pytest.mark.parametrize(("count", "arrangement", "box"), LAYOUTS, ids=[f"{n}-{a}" for n, a, _ in LAYOUTS])
def test_sprites_are_counted_exactly(
    count, arrangement, box, sprite, background, painter, plan_of, constraints_of, span, verifier, save_sample
) -> None:
    group = ObjectGroup(id="g", box=box, object_class=sprite, count=count, arrangement=arrangement)
    plan = plan_of([group], background=BACKGROUNDS[background])
    image = painter.render(plan, seed=count)
    if sprite == "balloon":
        save_sample(image)
    check = _verify_count(verifier, plan, image, span, constraints_of, sprite, count)
    assert check.passed, check.evidence
    assert check.measured == f"{count} {sprite} counted"


@pytest.mark.parametrize("background", list(BACKGROUNDS), ids=list(BACKGROUNDS))
@pytest.mark.parametrize("count", [1, 2, 3, 6])
def test_a_sprite_painted_over_with_the_background_is_not_counted(
    count, background, painter, plan_of, constraints_of, span, verifier
) -> None:
    group = ObjectGroup(id="g", box=Box(x=64, y=360, w=896, h=300), object_class="cat", count=count, arrangement="row")
    plan = plan_of([group], background=BACKGROUNDS[background])
    image = painter.render(plan)
    gone = painter.instances["g"][-1]
    painter.erase(image, plan, Box(x=gone.x - 2, y=gone.y - 2, w=gone.w + 4, h=gone.h + 4))
    check = _verify_count(verifier, plan, image, span, constraints_of, "cat", count)
    assert not check.passed
    assert check.measured == f"{count - 1} cat counted"


@pytest.mark.parametrize("background", list(BACKGROUNDS), ids=list(BACKGROUNDS))
@pytest.mark.parametrize("count", [1, 2, 3, 6])
def test_a_sprite_hidden_by_an_opaque_rectangle_is_not_counted_nor_is_the_rectangle(
    count, background, painter, plan_of, constraints_of, span, verifier, save_sample
) -> None:
    group = ObjectGroup(
        id="g", box=Box(x=64, y=360, w=896, h=300), object_class="apple", count=count, arrangement="row"
    )
    plan = plan_of([group], background=BACKGROUNDS[background])
    image = painter.render(plan)
    hidden = painter.instances["g"][0]
    pad = max(4, hidden.w // 10)
    painter.cover(image, Box(x=hidden.x - pad, y=hidden.y - pad, w=hidden.w + 2 * pad, h=hidden.h + 2 * pad), "#6d597a")
    save_sample(image)
    check = _verify_count(verifier, plan, image, span, constraints_of, "apple", count)
    assert not check.passed
    assert check.measured == f"{count - 1} apple counted"


def test_a_text_label_inside_the_group_box_is_not_an_instance(painter, plan_of, constraints_of, span, verifier) -> None:
    group = ObjectGroup(id="g", box=Box(x=64, y=300, w=896, h=400), object_class="star", count=4, arrangement="row")
    label = TextElement(id="label", box=Box(x=312, y=620, w=400, h=60), text="four stars", z=20)
    plan = plan_of([group, label])
    check = _verify_count(verifier, plan, painter.render(plan), span, constraints_of, "stars", 4)
    assert check.passed, check.evidence


def test_plural_and_capitalised_classes_match_the_plan(painter, plan_of, constraints_of, span, verifier) -> None:
    group = ObjectGroup(id="g", box=Box(x=64, y=360, w=896, h=300), object_class="cat", count=3)
    plan = plan_of([group])
    check = _verify_count(verifier, plan, painter.render(plan), span, constraints_of, "Cats", 3)
    assert check.passed
    assert check.element_ids == ["g"]


def test_counts_from_several_groups_of_one_class_add_up(painter, plan_of, constraints_of, span, verifier) -> None:
    groups = [
        ObjectGroup(id="left", box=Box(x=32, y=360, w=448, h=200), object_class="tree", count=2),
        ObjectGroup(id="right", box=Box(x=544, y=360, w=448, h=200), object_class="tree", count=3),
    ]
    plan = plan_of(groups)
    check = _verify_count(verifier, plan, painter.render(plan), span, constraints_of, "trees", 5)
    assert check.passed, check.evidence
    assert check.element_ids == ["left", "right"]


def test_a_class_missing_from_the_plan_fails_as_not_in_plan(painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of([ObjectGroup(id="g", box=Box(x=64, y=360, w=896, h=300), object_class="cat", count=3)])
    check = _verify_count(verifier, plan, painter.render(plan), span, constraints_of, "dog", 3)
    assert not check.passed
    assert check.measured == "not in plan"


def test_evidence_lists_instance_boxes_in_canvas_pixels(painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of([ObjectGroup(id="g", box=Box(x=64, y=360, w=896, h=300), object_class="car", count=2)])
    image = painter.render(plan)
    check = _verify_count(verifier, plan, image, span, constraints_of, "car", 2)
    drawn = painter.instances["g"]
    assert check.box is not None
    assert abs(check.box.x - drawn[0].x) <= 4 and abs(check.box.right - drawn[1].right) <= 4
    assert "2 instance(s) in group 'g': (" in check.evidence
    assert [abs(b.x - d.x) <= 4 for b, d in zip(check.instances, drawn, strict=True)] == [True, True]
