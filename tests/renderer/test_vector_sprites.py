"""Sprites come from the vector emoji set (Fluent Emoji Flat), crisp at any size; the bitmap font only stands in."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tessera.contract import Box, ObjectGroup, SolidBackground
from tessera.contract.drawings import _EMOJI
from tessera.contract.vector_emoji import find_vector_emoji, vector_emoji_set
from tessera.renderer import sprite_for
from tessera.renderer._sprites import emoji_glyph, sprite

FAMILY = "👪"  # in Noto Color Emoji, not in Fluent Emoji Flat
# the catalogue keeps Noto's drawing of these (counted or read better)
BITMAP_DRAWN_CLASSES = {
    "bird", "building", "coffee", "coffee cup", "cup", "door", "drum", "hot drink", "mug", "office", "window",
}  # fmt: skip


def group(**fields) -> ObjectGroup:
    defaults = {"id": "g", "box": Box(x=62, y=62, w=900, h=500), "object_class": "balloon", "count": 1}
    return ObjectGroup(**{**defaults, **fields})


def soft_edge_width(image: Image.Image) -> float:
    """How many pixels wide a sprite's edge blurs: half-transparent pixels per pixel of outline."""
    alpha = np.asarray(image.getchannel("A"), dtype=np.int16)
    soft = int(((alpha > 25) & (alpha < 230)).sum())
    solid = alpha >= 128
    outline = int((solid ^ np.roll(solid, 1, axis=0)).sum() + (solid ^ np.roll(solid, 1, axis=1)).sum())
    return soft / max(1, outline)


def test_the_shipped_set_loads_with_its_source_and_finds_emoji_by_codepoint():
    emoji = vector_emoji_set()
    assert len(emoji) > 1500
    assert emoji.source == {"@iconify-json/fluent-emoji-flat": "1.2.6"}
    balloon = find_vector_emoji("🎈")
    assert balloon is not None and balloon.name == "balloon" and balloon.sprite_id == "fluent:balloon"


def test_a_variation_selector_does_not_change_the_emoji_found():
    assert find_vector_emoji("☀️") == find_vector_emoji("☀") is not None


def test_every_catalogue_class_draws_from_the_vector_set_except_the_few_kept_as_bitmaps():
    ids = {name: sprite_for(name) for name in _EMOJI}
    bitmap = {name for name, sprite_id in ids.items() if not str(sprite_id).startswith("fluent:")}
    assert bitmap == BITMAP_DRAWN_CLASSES


def test_a_large_sprite_fills_its_cell(render):
    (drawn,) = render(group(box=Box(x=62, y=62, w=900, h=900))).manifest.items
    box = drawn.instance_boxes[0]
    assert max(box.w, box.h) >= 880  # the old bitmap stopped at 4x its 109 px strike


def test_a_large_vector_sprite_has_edges_as_sharp_as_a_small_one(renderer):
    face = renderer._fonts.emoji_face()
    large, small = sprite(face, "🎈", 800, None), sprite(face, "🎈", 100, None)
    assert soft_edge_width(large) <= 1.5
    assert soft_edge_width(large) <= 1.2 * soft_edge_width(small)


def test_a_large_vector_sprite_is_sharper_than_the_enlarged_bitmap(renderer):
    vector = sprite(renderer._fonts.emoji_face(), "🎈", 400, None)
    glyph = emoji_glyph(renderer._fonts.emoji_face(), "🎈")
    scale = 400 / max(glyph.size)
    enlarged = glyph.resize((round(glyph.width * scale), round(glyph.height * scale)), Image.Resampling.LANCZOS)
    assert soft_edge_width(vector) < 0.5 * soft_edge_width(enlarged)


def test_a_sprite_is_drawn_at_the_size_of_its_cell_to_a_pixel_or_two(renderer):
    for size in (17, 64, 333, 1500):
        assert size - 2 <= max(sprite(renderer._fonts.emoji_face(), "🐱", size, None).size) <= size


def test_an_emoji_the_vector_set_lacks_comes_from_the_bitmap_font(renderer):
    assert find_vector_emoji(FAMILY) is None
    image = sprite(renderer._fonts.emoji_face(), FAMILY, 200, None)
    assert image.getchannel("A").getbbox() is not None
    assert max(image.size) <= 200


def test_the_manifest_names_a_bitmap_sprite_by_its_codepoints(render, monkeypatch):
    monkeypatch.setattr("tessera.contract.drawings._LOOKUP", {"family": FAMILY})
    (drawn,) = render(group(object_class="family", count=3)).manifest.items
    assert (drawn.sprite, drawn.fallback, len(drawn.instance_boxes)) == ("emoji:U+1F46A", False, 3)


def test_a_class_kept_as_a_bitmap_says_so_in_the_manifest(render):
    (drawn,) = render(group(object_class="door", count=2)).manifest.items
    assert (drawn.sprite, drawn.fallback) == ("emoji:U+1F6AA", False)


def first_painted_on_the_middle_row(result, background: tuple[int, int, int]) -> tuple[int, int, int]:
    """The colour just inside where the sprite's outline begins, coming from the left along its middle row."""
    box = result.manifest.items[0].instance_boxes[0]
    row = np.asarray(result.image.convert("RGB"), dtype=np.int16)[box.y + box.h // 2, box.x : box.right]
    painted = np.abs(row - np.array(background)).max(axis=-1) > 60
    r, g, b = row[int(np.argmax(painted)) + 2]
    return int(r), int(g), int(b)


def test_a_sprite_that_would_vanish_into_its_backdrop_gets_a_halo(render):
    forest = SolidBackground(color="#228B22")
    result = render(group(object_class="tree", count=1, box=Box(x=312, y=312, w=400, h=400)), background=forest)
    assert min(first_painted_on_the_middle_row(result, (0x22, 0x8B, 0x22))) > 150  # light, as a sticker is cut


def test_a_sprite_that_stands_out_gets_no_halo(render):
    result = render(group(object_class="tree", count=1, box=Box(x=312, y=312, w=400, h=400)))
    r, g, b = first_painted_on_the_middle_row(result, (255, 255, 255))
    assert g > r + 30 and g > b + 30  # the tree's own green


def test_tinting_keeps_the_two_hues_of_a_flat_sprite_apart(renderer):
    tinted = np.asarray(sprite(renderer._fonts.emoji_face(), "☀️", 200, "#1F4FFF").convert("HSV"), dtype=np.int16)
    hues = tinted[..., 0][tinted[..., 1] > 100]
    assert np.percentile(hues, 90) - np.percentile(hues, 10) > 5  # disc and rays still differ


@pytest.mark.parametrize("emoji", ["🎈", "🚪"])
def test_tinting_applies_to_vector_and_bitmap_sprites(renderer, emoji):
    face = renderer._fonts.emoji_face()
    plain = np.asarray(sprite(face, emoji, 120, None).convert("RGB"), dtype=np.int16)
    tinted = np.asarray(sprite(face, emoji, 120, "#1F4FFF").convert("RGB"), dtype=np.int16)
    blue_shift = (tinted[..., 2] - tinted[..., 0]).mean() - (plain[..., 2] - plain[..., 0]).mean()
    assert blue_shift > 30
