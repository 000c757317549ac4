"""Finding what draws an object class by name and synonyms (emoji first, then icons), and drawing it in a scene:
standing on its box's bottom, as large as its box allows, cut out where it covers another thing, or a labelled
placeholder when nothing fits."""

from __future__ import annotations

import numpy as np
import pytest

from tessera.contract import Box, ObjectGroup, SolidBackground
from tessera.contract.drawings import drawing_for
from tessera.contract.emoji_names import draws_as_one_shape, emoji_named
from tessera.renderer import sprite_for
from tessera.verifier._count import count_instances


@pytest.mark.parametrize(
    ("object_class", "emoji"),
    [("puppy", "🐶"), ("dogs", "🐶"), ("ice creams", "🍦"), ("geese", "🪿"), ("birthday cake", "🎂")],
)
def test_a_class_finds_its_colour_emoji_by_name_or_synonym(object_class: str, emoji: str) -> None:
    drawing = drawing_for(object_class)
    assert drawing is not None and drawing.emoji == emoji


@pytest.mark.parametrize(
    ("object_class", "icon"),
    [("lamp", "lamp"), ("lighthouse", "building-lighthouse"), ("lamps", "lamp"), ("table", "desk"),
     ("traffic cones", "traffic-cone"), ("windmill", "windmill"), ("fence", "fence"), ("sofa", "sofa"),
     ("couch", "sofa"), ("sofas", "sofa")],
)  # fmt: skip
def test_a_class_no_emoji_draws_falls_back_to_an_icon(object_class: str, icon: str) -> None:
    drawing = drawing_for(object_class)
    assert drawing is not None and (drawing.emoji, drawing.icon) == (None, icon)
    assert sprite_for(object_class) == f"icon:{icon}"


def test_the_emoji_set_is_searched_by_cldr_names_aliases_and_a_faces_animal() -> None:
    assert emoji_named("dog") is not None and emoji_named("rocket") == "🚀"
    assert emoji_named("office", aliases=False) is None  # only an alias of the office building


def test_an_emoji_of_two_things_never_draws_one_of_them() -> None:
    assert emoji_named("couch and lamp") == "🛋️"
    assert emoji_named("couch") is None  # it would show a lamp beside the couch
    assert "lamp" not in str(sprite_for("sofa"))


def test_a_cake_is_the_birthday_cake_without_its_candles_on_a_stand_as_tall_as_it_is_wide(render) -> None:  # type: ignore[no-untyped-def]
    drawing = drawing_for("cakes")
    assert drawing is not None and drawing.emoji == "🎂" and drawing.variant == "cake-on-a-stand"
    assert sprite_for("cake") == "fluent:cake-on-a-stand" and sprite_for("birthday cake") == "fluent:birthday-cake"
    result = render(_group(object_class="cake", box=Box(x=112, y=312, w=400, h=400)))
    (cake,) = result.manifest.items[0].instance_boxes
    assert cake.w >= 396 and cake.h >= 396
    top = np.asarray(result.image.crop((cake.x, cake.y, cake.right, cake.y + 40)).convert("RGB"))
    assert (np.abs(top.astype(int) - (0x26, 0xEA, 0xFC)).sum(axis=2) < 40).sum() == 0  # no blue candle
    assert _count(result) == 1


def test_an_emoji_that_falls_apart_into_alike_pieces_is_not_offered() -> None:
    assert draws_as_one_shape("🎈")
    assert not draws_as_one_shape("👫")  # two people holding hands: two alike blobs to a pixel counter


@pytest.mark.parametrize("object_class", ["zorb", "quux widget", "saxophonist"])
def test_a_class_nothing_draws_has_no_drawing(object_class: str) -> None:
    assert drawing_for(object_class) is None
    assert sprite_for(object_class) is None


def _group(**fields: object) -> ObjectGroup:
    defaults: dict[str, object] = {
        "id": "g",
        "box": Box(x=112, y=312, w=400, h=400),
        "object_class": "lamp",
        "count": 1,
    }
    return ObjectGroup.model_validate({**defaults, **fields})


def _count(result) -> int:  # type: ignore[no-untyped-def]
    return count_instances(np.asarray(result.image.convert("RGB")), result.manifest.plan.object_groups()[0]).count


def test_an_icon_is_drawn_in_the_group_colour_and_counted(render) -> None:  # type: ignore[no-untyped-def]
    result = render(_group(count=3, box=Box(x=62, y=312, w=900, h=300), color="#1F4FFF"))
    (drawn,) = result.manifest.items
    assert drawn.sprite == "icon:lamp" and not drawn.fallback and len(drawn.instance_boxes) == 3
    pixels = np.asarray(result.image.crop((62, 312, 962, 612)).convert("RGB")).reshape(-1, 3)
    assert (np.abs(pixels.astype(int) - (0x1F, 0x4F, 0xFF)).sum(axis=1) < 30).any()
    assert _count(result) == 3


def test_an_icon_without_a_colour_takes_an_ink_that_reads_on_its_background(render) -> None:  # type: ignore[no-untyped-def]
    dark = render(_group(), background=SolidBackground(color="#101820"))
    box = dark.manifest.items[0].instance_boxes[0]
    crop = np.asarray(dark.image.crop((box.x, box.y, box.right, box.bottom)).convert("L"))
    assert crop.max() > 200  # a light ink on the dark ground


def test_an_anchored_drawing_stands_on_the_bottom_of_its_box(render) -> None:  # type: ignore[no-untyped-def]
    result = render(_group(object_class="car", anchor="bottom"))
    (drawn,) = result.manifest.items
    assert drawn.instance_boxes[0].bottom == 712
    centred = render(_group(object_class="car")).manifest.items[0].instance_boxes[0]
    assert centred.bottom < 712


def test_a_drawing_over_another_is_cut_out_so_each_still_counts_as_one(render) -> None:  # type: ignore[no-untyped-def]
    house = _group(id="house", object_class="house", box=Box(x=200, y=200, w=500, h=500), z=4)
    dog = _group(id="dog", object_class="dog", box=Box(x=560, y=560, w=200, h=200), z=6, anchor="bottom")
    result = render(house, dog)
    canvas = np.asarray(result.image.convert("RGB"))
    for group in result.manifest.plan.object_groups():
        assert count_instances(canvas, group).count == 1, group.id


def test_a_class_nothing_draws_gets_a_labelled_placeholder_per_instance_that_the_counter_counts(render) -> None:  # type: ignore[no-untyped-def]
    result = render(_group(object_class="zorb", count=4, box=Box(x=62, y=312, w=900, h=300)))
    (drawn,) = result.manifest.items
    assert drawn.fallback and drawn.sprite is None and len(drawn.instance_boxes) == 4
    assert "no sprite for 'zorb'; drew 4 labelled badges instead" in result.manifest.notices
    assert _count(result) == 4


def test_a_placeholder_stands_on_the_bottom_of_its_box_when_anchored(render) -> None:  # type: ignore[no-untyped-def]
    result = render(_group(object_class="zorb", anchor="bottom"))
    assert result.manifest.items[0].instance_boxes[0].bottom == 712


def test_a_placeholder_is_a_square_tile_that_takes_a_drawings_place(render) -> None:  # type: ignore[no-untyped-def]
    result = render(_group(object_class="cliff", anchor="bottom", box=Box(x=112, y=312, w=400, h=400)))
    (tile,) = result.manifest.items[0].instance_boxes
    assert tile.w == tile.h >= 360 and tile.bottom == 712
    assert _count(result) == 1
