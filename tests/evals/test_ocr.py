"""The eval's OCR: word gaps restored from pixels, and real RapidOCR reading Latin and Chinese."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tessera.evals import EvalOcr, RapidEvalOcr
from tessera.evals._ocr import block_order
from tessera.verifier._ocr_rapid import insert_spaces, word_cuts

NOTO_SANS = Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def _line(text: str, size: int = 40) -> np.ndarray:
    if not NOTO_SANS.exists():
        pytest.skip("Noto Sans (Debian fonts-noto-core) is not installed")
    font = ImageFont.truetype(str(NOTO_SANS), size)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("RGB", (right - left + 20, bottom - top + 12), "#f4efe6")
    ImageDraw.Draw(image).text((10 - left, 6 - top), text, font=font, fill="#1a1a1a")
    return np.asarray(image)


def test_word_cuts_fall_between_words_not_between_letters() -> None:
    assert len(word_cuts(_line("FRESH BREWS EVERY DAY"))) == 5  # 0, three gaps, width


def test_a_number_with_a_narrow_one_is_not_cut_into_words() -> None:
    assert len(word_cuts(_line("SINCE 1998"))) <= 4


def test_a_blank_crop_has_no_cuts() -> None:
    assert word_cuts(np.full((30, 200, 3), 240, dtype=np.uint8)) == [0, 200]


def test_spaces_are_inserted_where_the_word_by_word_reading_breaks() -> None:
    assert insert_spaces("FRESHBREWS,EVERYDAY", ["FRESH", "BREWS,", "EVERY", "DAY"]) == "FRESH BREWS, EVERY DAY"


def test_restoring_spaces_never_changes_a_letter() -> None:
    # The word-by-word reading says "50%", the line said "5O%": the line's letters win.
    assert insert_spaces("SALE5O%OFF", ["SALE", "50%", "OFF"]) == "SALE 5O% OFF"


def test_readings_too_different_to_align_are_left_alone() -> None:
    assert insert_spaces("HELLO", ["XYZ", "QRS"]) is None


@pytest.fixture(scope="module")
def rapid() -> RapidEvalOcr:
    pytest.importorskip("rapidocr_onnxruntime")
    return RapidEvalOcr(threads=2)


@pytest.mark.slow
def test_rapidocr_reads_latin_and_chinese_over_the_whole_image(rapid: RapidEvalOcr, tmp_path: Path) -> None:
    if not (NOTO_SANS.exists() and NOTO_CJK.exists()):
        pytest.skip("Noto fonts (Debian fonts-noto-core, fonts-noto-cjk) are not installed")
    image = Image.new("RGB", (1024, 1024), "#f4efe6")
    draw = ImageDraw.Draw(image)
    draw.text((60, 100), "FRESH BREWS, EVERY DAY", font=ImageFont.truetype(str(NOTO_SANS), 64), fill="#222222")
    draw.text((60, 300), "Locally Roasted Since 1998", font=ImageFont.truetype(str(NOTO_SANS), 28), fill="#333333")
    draw.text((60, 500), "每日新鲜烘焙", font=ImageFont.truetype(str(NOTO_CJK), 56), fill="#aa0000")
    draw.text((600, 900), "corner note", font=ImageFont.truetype(str(NOTO_SANS), 24), fill="#333333")
    path = tmp_path / "poster.png"
    image.save(path)

    reading = rapid.read(path)

    assert isinstance(rapid, EvalOcr)
    texts = reading.texts
    assert texts[0] == "FRESH BREWS, EVERY DAY"
    assert texts[1:] == ["Locally Roasted Since 1998", "每日新鲜烘焙", "corner note"]
    assert reading.seconds > 0


@pytest.mark.slow
def test_rapidocr_can_read_latin_and_han_but_not_cyrillic_or_arabic(rapid: RapidEvalOcr) -> None:
    assert rapid.can_read("Täglich ab 11 Uhr – City Market") and rapid.can_read("中央公园 - 2公里")
    assert not rapid.can_read("Весенний концерт") and not rapid.can_read("رمضان كريم")


def test_block_order_keeps_each_columns_lines_together() -> None:
    # Two bubbles side by side, two lines each, read across by reading order.
    boxes = [(10, 500, 200, 20), (600, 500, 200, 20), (12, 524, 190, 20), (610, 524, 180, 20)]
    assert block_order(boxes) == [0, 2, 1, 3]
