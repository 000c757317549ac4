"""Text: font per script, fit to the box, wrapping, alignment and right-to-left shaping."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from tessera.contract import Box, Canvas, LayoutPlan, SolidBackground, TextElement

PARAGRAPH = (
    "Join us on Saturday afternoon for music, games and homemade cake in the garden. "
    "Bring a friend, a blanket and your best smile; everyone is welcome and entry is free."
)
SAMPLES = [
    ("latin", "en", "Summer Sale on Everything"),
    ("cyrillic", "ru", "Добро пожаловать на праздник"),
    ("han", "zh", "欢迎来到春节联欢晚会，祝大家新年快乐"),
    ("arabic", "ar", "مرحبا بكم في الحفلة الكبيرة"),
    ("hebrew", "he", "ברוכים הבאים למסיבה"),
    ("devanagari", "hi", "उत्सव में आपका स्वागत है"),
    ("kana", "ja", "パーティーへようこそ"),
    ("hangul", "ko", "파티에 오신 것을 환영합니다"),
    ("thai", "th", "ยินดีต้อนรับสู่งานเลี้ยง"),
    ("bengali", "bn", "উৎসবে আপনাকে স্বাগতম"),
    ("tamil", "ta", "விழாவிற்கு வரவேற்கிறோம்"),
]


def text(**fields) -> TextElement:
    return TextElement(**{"id": "t", "box": Box(x=100, y=100, w=600, h=200), "text": "Hello", **fields})


def inside(inner: Box, outer: Box) -> bool:
    return inner.x >= outer.x and inner.y >= outer.y and inner.right <= outer.right and inner.bottom <= outer.bottom


def item(result):
    (drawn,) = result.manifest.items
    return drawn


@pytest.mark.parametrize(("script", "language", "words"), SAMPLES)
def test_fitted_text_ink_stays_inside_its_box(render, script, language, words):
    element = text(text=words, script=script, language=language, box=Box(x=100, y=100, w=420, h=160))
    drawn = item(render(element))
    assert drawn.ink_box is not None
    assert inside(drawn.ink_box, element.box)
    assert not drawn.clipped


@pytest.mark.parametrize(
    ("script", "weight", "file_name"),
    [
        ("latin", "regular", "NotoSans-Regular.ttf"),
        ("cyrillic", "bold", "NotoSans-Bold.ttf"),
        ("han", "regular", "NotoSansCJK-Regular.ttc"),
        ("kana", "bold", "NotoSansCJK-Bold.ttc"),
        ("arabic", "regular", "NotoSansArabic-Regular.ttf"),
        ("hebrew", "bold", "NotoSansHebrew-Bold.ttf"),
        ("devanagari", "regular", "NotoSansDevanagari-Regular.ttf"),
        ("thai", "bold", "NotoSansThai-Bold.ttf"),
        ("bengali", "regular", "NotoSansBengali-Regular.ttf"),
        ("tamil", "regular", "NotoSansTamil-Regular.ttf"),
    ],
)
def test_each_script_is_set_in_its_noto_font(render, script, weight, file_name):
    words = dict((s, w) for s, _, w in SAMPLES)[script]
    drawn = item(render(text(text=words, script=script, font_weight=weight)))
    assert Path(drawn.font_file).name == file_name


def test_chinese_is_set_in_the_simplified_chinese_face_of_the_cjk_collection(render):
    drawn = item(render(text(text="你好", script="han", language="zh")))
    font = ImageFont.truetype(drawn.font_file, 20, index=2)
    assert font.getname()[0] == "Noto Sans CJK SC"


def test_a_long_paragraph_wraps_into_several_lines_inside_its_box(render):
    element = text(text=PARAGRAPH, box=Box(x=80, y=80, w=600, h=400))
    drawn = item(render(element))
    assert len(drawn.lines) >= 3
    assert " ".join(drawn.lines) == PARAGRAPH
    assert inside(drawn.ink_box, element.box)


def test_wrapping_breaks_only_between_words(render):
    drawn = item(render(text(text=PARAGRAPH, box=Box(x=80, y=80, w=500, h=500))))
    words = set(PARAGRAPH.split())
    assert all(word in words for line in drawn.lines for word in line.split())


def test_chinese_wraps_between_characters_without_losing_any(render):
    words = "欢迎来到春节联欢晚会祝大家新年快乐万事如意身体健康"
    drawn = item(render(text(text=words, script="han", language="zh", box=Box(x=100, y=100, w=300, h=400))))
    assert len(drawn.lines) >= 2
    assert "".join(drawn.lines) == words


def test_a_larger_box_gets_a_larger_font_size(render):
    small = item(render(text(text="Grand Opening", box=Box(x=50, y=50, w=300, h=80))))
    large = item(render(text(text="Grand Opening", box=Box(x=50, y=50, w=900, h=240))))
    assert large.font_size > small.font_size


def test_fitting_fills_most_of_the_box(render):
    element = text(text="Grand Opening", box=Box(x=50, y=50, w=900, h=240))
    drawn = item(render(element))
    assert drawn.ink_box.w > 0.8 * element.box.w or drawn.ink_box.h > 0.8 * element.box.h


def test_fitting_never_exceeds_max_font_size(render):
    drawn = item(render(text(text="Hi", box=Box(x=50, y=50, w=900, h=600), max_font_size=72)))
    assert drawn.font_size == 72


def test_a_given_font_size_is_used_as_is(render):
    drawn = item(render(text(text="Hello", font_size=40)))
    assert drawn.font_size == 40
    assert not drawn.clipped


def test_text_that_cannot_fit_is_set_at_10_px_and_reported_clipped(render):
    result = render(text(text=PARAGRAPH * 2, box=Box(x=100, y=100, w=120, h=30)))
    drawn = item(result)
    assert drawn.font_size == 10
    assert drawn.clipped
    assert any("'t'" in notice and "does not fit" in notice for notice in result.manifest.notices)


def test_a_given_font_size_too_large_for_the_box_is_kept_and_reported_clipped(render):
    result = render(text(text="Enormous", font_size=200, box=Box(x=100, y=100, w=300, h=100)))
    drawn = item(result)
    assert drawn.font_size == 200
    assert drawn.clipped
    assert any("at the requested 200 px" in notice for notice in result.manifest.notices)


WORDS = {
    "latin": ["sale", "Summer", "cake", "a", "Grand", "opening", "today!", "Supercalifragilistic"],
    "han": ["欢迎", "春节", "快乐", "，", "新年", "Wi-Fi", "2024"],
    "arabic": ["مرحبا", "بكم", "في", "الحفلة", "الكبيرة"],
}


@settings(max_examples=40, deadline=None)
@given(
    script=st.sampled_from(sorted(WORDS)),
    data=st.data(),
    width=st.integers(min_value=20, max_value=900),
    height=st.integers(min_value=12, max_value=600),
)
def test_wrapping_never_drops_or_reorders_characters(renderer, script, data, width, height):
    words = data.draw(st.lists(st.sampled_from(WORDS[script]), min_size=1, max_size=30))
    separator = "" if script == "han" else " "
    element = text(text=separator.join(words), script=script, box=Box(x=10, y=10, w=width, h=height))
    plan = LayoutPlan(canvas=Canvas(), background=SolidBackground(color="#FFFFFF"), elements=[element])
    drawn = renderer.render(plan).manifest.items[0]
    assert "".join(drawn.lines).replace(" ", "") == element.text.replace(" ", "")
    assert drawn.clipped or inside(drawn.ink_box, element.box)


def test_a_word_wider_than_the_box_at_10_px_is_split_rather_than_lost(render):
    word = "Supercalifragilisticexpialidocious"
    drawn = item(render(text(text=word, box=Box(x=100, y=100, w=60, h=300))))
    assert drawn.font_size == 10
    assert len(drawn.lines) >= 2
    assert "".join(drawn.lines) == word


@pytest.mark.parametrize("align", ["left", "right"])
def test_alignment_puts_each_line_against_its_side_of_the_box(render, align):
    element = text(text="A short line\nand a considerably longer second line", align=align, font_size=30)
    drawn = item(render(element))
    if align == "left":
        assert drawn.ink_box.x - element.box.x < 6
    else:
        assert element.box.right - drawn.ink_box.right < 6


def test_the_text_block_is_centred_vertically_in_its_box(render):
    element = text(text="Middle", font_size=40, box=Box(x=100, y=100, w=600, h=400))
    drawn = item(render(element))
    above = drawn.ink_box.y - element.box.y
    below = element.box.bottom - drawn.ink_box.bottom
    assert abs(above - below) <= 2


def test_text_is_painted_in_its_colour(render):
    image = render(text(text="Colour", color="#D01010", font_size=120)).image
    colours = {colour for _, colour in image.getcolors(1 << 16)}
    assert (0xD0, 0x10, 0x10) in colours


def test_arabic_is_shaped_right_to_left_as_raqm_sets_it(render):
    words = "مرحبا بالعالم"
    element = text(text=words, script="arabic", language="ar", font_size=64, color="#000000")
    result = render(element)
    drawn = item(result)
    assert drawn.lines == [words]
    ours = _ink(result.image.convert("L").point(lambda v: 255 - v))
    font = ImageFont.truetype(drawn.font_file, 64, layout_engine=ImageFont.Layout.RAQM)
    assert np.array_equal(ours, _ink(_draw(font, words, direction="rtl")))


def test_arabic_is_not_the_unshaped_left_to_right_rendering(render):
    words = "مرحبا بالعالم"
    result = render(text(text=words, script="arabic", language="ar", font_size=64, color="#000000"))
    drawn = item(result)
    ours = _ink(result.image.convert("L").point(lambda v: 255 - v))
    basic = ImageFont.truetype(drawn.font_file, 64, layout_engine=ImageFont.Layout.BASIC)
    theirs = _ink(_draw(basic, words))
    assert ours.shape != theirs.shape or not np.array_equal(ours, theirs)


def _draw(font: ImageFont.FreeTypeFont, words: str, direction: str | None = None) -> Image.Image:
    image = Image.new("L", (1200, 300), 0)
    ImageDraw.Draw(image).text((100, 200), words, font=font, fill=255, anchor="ls", direction=direction)
    return image


def _ink(mask: Image.Image) -> np.ndarray:
    """The mask's painted pixels, cropped to their bounding box and thresholded."""
    return np.asarray(mask.crop(mask.getbbox())) > 127
