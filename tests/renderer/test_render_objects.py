"""Object groups: exact counts, clear gaps, sprites for known classes, badges for unknown ones, tinting."""

from __future__ import annotations

import colorsys
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tessera.contract import Box, Canvas, LayoutPlan, ObjectGroup, SolidBackground
from tessera.renderer import sprite_for

ARRANGEMENTS = ["row", "grid", "scatter"]
COMMON_CLASSES = [
    "balloon", "star", "heart", "apple", "cat", "dog", "tree", "flower", "sun", "cloud", "car", "bicycle",
    "cake", "cupcake", "coffee", "cup", "pizza", "gift", "present", "candle", "book", "rocket", "house",
    "fish", "bird", "butterfly", "leaf", "snowflake", "umbrella", "bell", "music note", "trophy", "medal",
    "crown", "diamond", "gem", "lemon", "orange", "strawberry", "cherry", "banana", "grape", "egg",
    "pumpkin", "ghost", "firework", "party popper", "flag", "lightbulb", "phone", "laptop", "camera",
    "clock", "calendar", "key", "lock", "envelope", "check mark", "pin", "shopping bag", "shopping cart",
    "ticket", "glass of wine", "beer", "cocktail", "ice cream", "donut", "cookie", "bread", "croissant",
    "burger", "taco", "sushi", "rice bowl", "teapot", "plant", "seedling", "cactus", "mountain", "wave",
    "fire", "lightning", "moon", "planet", "dollar", "coin", "gear", "person",
]  # fmt: skip


def group(**fields) -> ObjectGroup:
    defaults = {"id": "g", "box": Box(x=62, y=62, w=900, h=500), "object_class": "balloon", "count": 5}
    return ObjectGroup(**{**defaults, **fields})


def item(result):
    (drawn,) = result.manifest.items
    return drawn


def inside(inner: Box, outer: Box) -> bool:
    return inner.x >= outer.x and inner.y >= outer.y and inner.right <= outer.right and inner.bottom <= outer.bottom


def gap(a: Box, b: Box) -> int:
    """Clear space between two boxes along the axis that separates them (negative when they overlap)."""
    return max(b.x - a.right, a.x - b.right, b.y - a.bottom, a.y - b.bottom)


def assert_well_placed(boxes: list[Box], count: int, area: Box) -> None:
    assert len(boxes) == count
    assert all(inside(b, area) for b in boxes)
    assert len({(b.w, b.h) for b in boxes}) == 1
    size = max(boxes[0].w, boxes[0].h)
    assert all(gap(a, b) >= 0.25 * size for a, b in itertools.combinations(boxes, 2))


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
@pytest.mark.parametrize("count", range(1, 21))
def test_a_group_draws_exactly_count_same_size_instances_apart_inside_its_box(render, arrangement, count):
    element = group(count=count, arrangement=arrangement)
    drawn = item(render(element))
    assert_well_placed(drawn.instance_boxes, count, element.box)
    assert drawn.sprite == "fluent:balloon"
    assert not drawn.fallback


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(min_value=1, max_value=60),
    width=st.integers(min_value=64, max_value=1000),
    height=st.integers(min_value=64, max_value=1000),
    arrangement=st.sampled_from(ARRANGEMENTS),
)
def test_any_count_fits_any_reasonable_box_without_touching(renderer, count, width, height, arrangement):
    element = group(box=Box(x=12, y=12, w=width, h=height), count=count, arrangement=arrangement, object_class="star")
    plan = LayoutPlan(
        canvas=Canvas(width=1024, height=1024), background=SolidBackground(color="#FFFFFF"), elements=[element]
    )
    result = renderer.render(plan)
    assert_well_placed(item(result).instance_boxes, count, element.box)
    assert result.manifest.notices == []


@pytest.mark.parametrize("arrangement", ARRANGEMENTS)
@pytest.mark.parametrize("count", [1, 2, 3, 5, 7, 12, 20])
@pytest.mark.parametrize("object_class", ["red circle", "balloon"])
def test_the_painted_image_shows_exactly_count_separate_shapes(render, count_blobs, arrangement, count, object_class):
    result = render(group(count=count, arrangement=arrangement, object_class=object_class))
    assert count_blobs(result.image) == count


def test_a_row_stays_one_row_when_the_box_is_wide_enough(render):
    drawn = item(render(group(count=7, arrangement="row", box=Box(x=62, y=400, w=900, h=200))))
    assert len({b.y for b in drawn.instance_boxes}) == 1


def test_a_row_breaks_into_rows_when_one_row_would_make_tiny_sprites(render):
    drawn = item(render(group(count=20, arrangement="row", box=Box(x=62, y=62, w=600, h=600))))
    assert len({b.y for b in drawn.instance_boxes}) > 1


def test_a_grid_is_near_square_in_a_square_box(render):
    drawn = item(render(group(count=9, arrangement="grid", box=Box(x=62, y=62, w=900, h=900))))
    assert len({b.x for b in drawn.instance_boxes}) == 3
    assert len({b.y for b in drawn.instance_boxes}) == 3


def test_instances_are_centred_in_the_group_box(render):
    element = group(count=3, arrangement="row", box=Box(x=62, y=62, w=900, h=200))
    drawn = item(render(element))
    left = drawn.ink_box.x - element.box.x
    right = element.box.right - drawn.ink_box.right
    assert abs(left - right) <= 2


def test_scatter_is_reproducible_and_depends_on_the_element_id(render):
    first = item(render(group(id="a", count=8, arrangement="scatter"))).instance_boxes
    again = item(render(group(id="a", count=8, arrangement="scatter"))).instance_boxes
    other = item(render(group(id="b", count=8, arrangement="scatter"))).instance_boxes
    assert first == again
    assert first != other


def test_an_unknown_class_draws_labelled_badges_and_says_so(render, count_blobs):
    result = render(group(object_class="zorb", count=3))
    drawn = item(result)
    assert drawn.fallback
    assert drawn.sprite is None
    assert len(drawn.instance_boxes) == 3
    assert "no sprite for 'zorb'; drew 3 labelled badges instead" in result.manifest.notices
    assert count_blobs(result.image) == 3


def test_a_badge_is_painted_in_the_group_colour(render):
    result = render(group(object_class="zorb", count=1, color="#1F4FFF"))
    box = item(result).instance_boxes[0]
    assert result.image.getpixel((box.x + box.w // 2, box.y + 3)) == (0x1F, 0x4F, 0xFF)


def _dominant_hue(result) -> float:
    """The median hue in degrees of the saturated pixels inside the instance boxes."""
    hues = []
    for box in item(result).instance_boxes:
        crop = np.asarray(result.image.crop((box.x, box.y, box.right, box.bottom)), dtype=np.float32) / 255
        for r, g, b in crop.reshape(-1, 3)[::3]:
            h, s, v = colorsys.rgb_to_hsv(r, g, b)
            if s > 0.4 and v > 0.3:
                hues.append(h * 360)
    return float(np.median(hues))


def test_an_untinted_balloon_is_red(render):
    hue = _dominant_hue(render(group(count=2, object_class="balloon")))
    assert hue < 20 or hue > 340


def test_tinting_turns_a_balloon_blue(render):
    target_hue = colorsys.rgb_to_hsv(0x1F / 255, 0x4F / 255, 0xFF / 255)[0] * 360
    hue = _dominant_hue(render(group(count=2, object_class="balloon", color="#1F4FFF")))
    assert abs(hue - target_hue) < 12


def test_tinting_to_white_desaturates_the_sprite(render):
    result = render(group(count=1, object_class="balloon", color="#FFFFFF"))
    box = item(result).instance_boxes[0]
    crop = np.asarray(result.image.crop((box.x, box.y, box.right, box.bottom)), dtype=np.int16)
    spread = crop.max(axis=-1) - crop.min(axis=-1)
    assert np.percentile(spread, 95) < 40


@pytest.mark.parametrize("object_class", COMMON_CLASSES)
def test_common_poster_classes_have_a_sprite(object_class):
    assert sprite_for(object_class) is not None


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("balloons", "balloon"), ("cherries", "cherry"), ("leaves", "leaf"), ("boxes", "box"), ("stars", "star"),
     ("butterflies", "butterfly"), ("glasses of wine", "glass of wine"), ("Red Balloons", "balloon")],
)  # fmt: skip
def test_plurals_find_the_sprite_of_their_singular(plural, singular):
    assert sprite_for(plural) == sprite_for(singular)


def test_synonyms_share_a_sprite():
    assert sprite_for("present") == sprite_for("gift")
    assert sprite_for("mug") == sprite_for("coffee")
    assert sprite_for("gem") == sprite_for("diamond")


def test_an_unknown_class_has_no_sprite():
    assert sprite_for("zorb") is None


def test_sprite_ids_name_the_vector_emoji():
    assert sprite_for("balloon") == "fluent:balloon"
