"""Text in any mix of scripts: every character drawn by a face that has it, on one baseline, measured as drawn."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage

from tessera.contract import Box, Canvas, LayoutPlan, Script, SolidBackground, TextElement
from tessera.contract.bidi import run_levels, visual_order
from tessera.renderer._fallback import FaceChain, choose_faces, segments
from tessera.renderer._fonts import FontBook, FontFace, covers
from tessera.renderer._line import line_advance
from tessera.renderer._render import DEFAULT_FONT_DIRS
from tessera.renderer._wrap import break_units

# Each of the twelve scripts with Latin or digits, as the element's own script says it (and emoji with Latin).
MIXED: list[tuple[Script, str, str]] = [
    ("latin", "en", "Café 東京 2026"),
    ("latin", "en", "Open 周一至周五"),
    ("thai", "th", "ราคา 120 บาท"),
    ("bengali", "bn", "বাংলা 2026"),
    ("tamil", "ta", "தமிழ் Tamil"),
    ("cyrillic", "ru", "Москва 2026"),
    ("greek", "el", "Αθήνα 2026"),
    ("hebrew", "he", "שלום 2026"),
    ("devanagari", "hi", "नमस्ते 2026"),
    ("kana", "ja", "こんにちは Tokyo"),
    ("hangul", "ko", "서울 Seoul"),
    ("arabic", "ar", "مرحبا 2026"),
    ("latin", "en", "Hi 🎉"),
    ("han", "zh", "欢迎 Welcome 2026"),
]
IDS = [text for _, _, text in MIXED]


@pytest.fixture(scope="module")
def fonts() -> FontBook:
    return FontBook(DEFAULT_FONT_DIRS)


def element(script: Script, language: str, text: str, **fields) -> TextElement:
    box = fields.pop("box", Box(x=40, y=40, w=560, h=90))
    return TextElement(id="t", box=box, text=text, script=script, language=language, **fields)


def family(face: FontFace | None) -> str | None:
    return face.family if face is not None else None


def tofu_boxes(image: Image.Image, face: FontFace, size: int) -> int:
    """How many painted shapes on a white image are `face`'s .notdef glyph (the empty box of a missing glyph)."""
    font = ImageFont.truetype(str(face.path), size, index=face.index, layout_engine=ImageFont.Layout.RAQM)
    box = Image.new("L", (4 * size, 4 * size), 0)
    ImageDraw.Draw(box).text((size, 3 * size), "\U0010ffff", font=font, fill=255, anchor="ls")  # a non-character
    solid = Image.fromarray((np.asarray(box) > 128).astype(np.uint8))
    notdef = np.asarray(solid.crop(solid.getbbox())) > 0
    ink = np.asarray(image.convert("L")) < 128
    labels, _ = ndimage.label(ink)
    found = 0
    for piece in ndimage.find_objects(labels):
        shape = ink[piece]
        if abs(shape.shape[0] - notdef.shape[0]) > 2 or abs(shape.shape[1] - notdef.shape[1]) > 2:
            continue
        h, w = min(shape.shape[0], notdef.shape[0]), min(shape.shape[1], notdef.shape[1])
        overlap = (shape[:h, :w] & notdef[:h, :w]).sum() / max(1, (shape[:h, :w] | notdef[:h, :w]).sum())
        found += overlap > 0.6
    return found


@pytest.mark.parametrize(("script", "language", "text"), MIXED, ids=IDS)
def test_every_character_is_drawn_in_a_face_whose_cmap_has_it(render, fonts, script, language, text):
    painted = element(script, language, text)
    result = render(painted)
    (drawn,) = result.manifest.items
    assert result.manifest.notices == []
    chain = FaceChain.of(painted, fonts)
    for line in drawn.lines:
        for segment in segments(chain, line):
            for char in segment.text:
                if not char.isspace() and char not in "\u200c\u200d\ufe0f":
                    assert covers(segment.face, char), (char, segment.face.family)


@pytest.mark.parametrize(("script", "language", "text"), MIXED, ids=IDS)
def test_no_empty_box_is_painted_for_a_missing_glyph(render, fonts, script, language, text):
    painted = element(script, language, text)
    result = render(painted)
    (drawn,) = result.manifest.items
    chain = FaceChain.of(painted, fonts)
    faces = {chain.primary} | {segment.face for segment in segments(chain, text) if not segment.face.color}
    assert sum(tofu_boxes(result.image, face, drawn.font_size) for face in faces) == 0


def test_the_box_detector_finds_what_one_latin_face_draws_for_chinese(fonts):
    """Before fallback, 'Open 周一至周五' in Noto Sans drew five empty boxes; the check above must see them."""
    face = fonts.text_face("latin", "regular")
    image = Image.new("RGB", (600, 120), "white")
    font = ImageFont.truetype(str(face.path), 48, layout_engine=ImageFont.Layout.RAQM)
    ImageDraw.Draw(image).text((20, 80), "Open 周一至周五", font=font, fill="black", anchor="ls")
    assert tofu_boxes(image, face, 48) == 5


@pytest.mark.parametrize(("script", "language", "text"), MIXED, ids=IDS)
@pytest.mark.parametrize("align", ["left", "right"])
def test_measured_width_is_the_drawn_ink_width(render, fonts, script, language, text, align):
    painted = element(script, language, text, align=align)
    (drawn,) = render(painted).manifest.items
    ink, size = drawn.ink_box, drawn.font_size
    assert ink is not None and len(drawn.lines) == 1
    # The advance (what wrapping and alignment use) differs from the ink only by the outer side bearings (CJK,
    # kana and emoji have wide ones, about a tenth of an em each side) ...
    assert abs(line_advance(FaceChain.of(painted, fonts), size, text) - ink.w) <= 0.25 * size
    # ... so the ink reaches the edge it is aligned to.
    gap = ink.x - painted.box.x if align == "left" else painted.box.right - ink.right
    assert 0 <= gap <= 0.2 * size


@pytest.mark.parametrize(
    ("script", "language", "text"), [("thai", "th", "ราคา 120 บาท"), ("hebrew", "he", "שלום 2026")]
)
def test_letters_and_fallback_digits_stand_on_one_baseline(render, script, language, text):
    (drawn,) = (result := render(element(script, language, text))).manifest.items
    ink = np.asarray(result.image.convert("L")) < 128
    labels, _ = ndimage.label(ink)
    # Bottoms of the shapes at least half a letter tall: letters and digits, not tone marks or dots.
    bottoms = [
        piece[0].stop
        for piece in ndimage.find_objects(labels)
        if piece[0].stop - piece[0].start > 0.35 * drawn.font_size
    ]
    assert len(bottoms) >= 6
    assert max(bottoms) - min(bottoms) <= 2


def test_chinese_in_a_latin_line_comes_from_the_cjk_face_and_the_rest_from_noto_sans(fonts):
    chain = FaceChain.of(element("latin", "en", "Open 周一至周五"), fonts)
    faces = {choice.text: family(choice.face) for choice in choose_faces(chain, "Open 周一至周五")}
    assert faces["O"] == "Noto Sans"
    assert faces["周"] == faces["五"] == "Noto Sans CJK SC"


def test_digits_missing_from_the_thai_face_come_from_noto_sans(fonts):
    chain = FaceChain.of(element("thai", "th", "ราคา 120 บาท"), fonts)
    faces = {choice.text: family(choice.face) for choice in choose_faces(chain, "ราคา 120 บาท")}
    assert faces["ร"] == faces["บ"] == "Noto Sans Thai"
    assert faces["1"] == "Noto Sans"


def test_emoji_come_from_the_colour_face_and_the_space_after_them_does_not(fonts):
    chain = FaceChain.of(element("latin", "en", "Hi 🎉 there"), fonts)
    drawn = [(segment.text, segment.face.color) for segment in segments(chain, "Hi 🎉 there")]
    assert drawn == [("Hi ", False), ("🎉", True), (" there", False)]


def test_an_emoji_sequence_stays_in_one_face(fonts):
    family_emoji = "👩\u200d👩\u200d👧"
    chain = FaceChain.of(element("latin", "en", f"Us {family_emoji}"), fonts)
    choices = choose_faces(chain, f"Us {family_emoji}")
    assert choices[-1].text == family_emoji
    assert choices[-1].face is not None and choices[-1].face.color


def test_emoji_in_text_are_painted_in_colour(render):
    result = render(element("latin", "en", "Hi 🎉", color="#000000"))
    pixels = np.asarray(result.image.convert("HSV"))
    assert (pixels[..., 1] > 120).sum() > 50  # saturated pixels: the emoji's own colours, not the black text


def test_a_character_no_installed_font_has_is_named_in_a_notice(render):
    result = render(element("latin", "en", "Code \U000f0000 here"))
    assert any("U+F0000" in notice for notice in result.manifest.notices)


def test_a_right_to_left_word_in_a_latin_line_keeps_the_punctuation_after_it_on_the_right(fonts):
    text = "Welcome مرحبا بكم!"
    chain = FaceChain.of(element("latin", "en", text), fonts)
    assert [segment.text for segment in segments(chain, text)] == ["Welcome ", "مرحبا بكم", "!"]


def test_a_number_in_a_right_to_left_line_reads_left_to_right_as_one_piece():
    assert run_levels("خصم 20% اليوم", run_rtl=True, base_rtl=True) == [("خصم ", 1), ("20%", 2), (" اليوم", 1)]


def test_latin_in_a_right_to_left_line_is_placed_left_of_the_words_before_it(fonts):
    text = "מחיר Tel Aviv 2026"
    chain = FaceChain.of(element("hebrew", "he", text), fonts)
    assert [segment.text for segment in segments(chain, text)] == ["Tel Aviv 2026", "מחיר "]


def test_visual_order_reverses_right_to_left_stretches_and_keeps_numbers_inside_them_forward():
    # "abc", R1, R2, number, R3, "def" at levels 0 1 1 2 1 0
    assert visual_order([0, 1, 1, 2, 1, 0]) == [0, 4, 3, 2, 1, 5]


def test_a_chinese_phrase_in_a_latin_line_may_break_between_its_characters():
    assert break_units("Open 周一至周五 daily") == ("Open ", "周", "一", "至", "周", "五 ", "daily")


def test_korean_breaks_only_at_spaces():
    assert break_units("서울 특별시") == ("서울 ", "특별시")


def test_a_mixed_line_wraps_inside_a_narrow_box(render):
    painted = element("latin", "en", "Open 周一至周五 daily from nine", box=Box(x=40, y=40, w=220, h=200))
    (drawn,) = render(painted).manifest.items
    assert len(drawn.lines) >= 2 and not drawn.clipped
    assert "".join(drawn.lines).replace(" ", "") == painted.text.replace(" ", "")


def test_coverage_is_read_from_each_face_s_character_map(fonts):
    assert covers(fonts.text_face("han", "regular"), "周")
    assert not covers(fonts.text_face("latin", "regular"), "周")
    assert not covers(fonts.text_face("hebrew", "regular"), "2")  # why 'שלום 2026' needs a second face


MIXED_WORDS = ["Open", "周一至周五", "2026", "🎉", "مرحبا", "Café", "東京", "ราคา", "বাংলা", "שלום", "20%", "(Hi)"]


@settings(max_examples=30, deadline=None)
@given(
    words=st.lists(st.sampled_from(MIXED_WORDS), min_size=1, max_size=20),
    width=st.integers(min_value=30, max_value=900),
    height=st.integers(min_value=14, max_value=400),
)
def test_wrapping_a_mix_of_scripts_never_drops_or_reorders_characters(renderer, words, width, height):
    painted = element("latin", "en", " ".join(words), box=Box(x=10, y=10, w=width, h=height))
    plan = LayoutPlan(canvas=Canvas(), background=SolidBackground(color="#FFFFFF"), elements=[painted])
    (drawn,) = renderer.render(plan).manifest.items
    assert "".join(drawn.lines).replace(" ", "") == painted.text.replace(" ", "")
    assert (
        drawn.clipped
        or drawn.ink_box is None
        or (
            drawn.ink_box.x >= painted.box.x
            and drawn.ink_box.y >= painted.box.y
            and drawn.ink_box.right <= painted.box.right
            and drawn.ink_box.bottom <= painted.box.bottom
        )
    )
