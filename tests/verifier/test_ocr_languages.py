"""Which tesseract languages read a box (the runs of scripts in its text), and real reads of renders with them."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from tessera.contract import Box, RequiredText, Script, TextElement
from tessera.renderer import PlanRenderer
from tessera.verifier import TesseractOcr
from tessera.verifier._ocr import DEBIAN_TESSDATA, TESSERACT_LANGUAGE, tesseract_language

LANGUAGES = [
    pytest.param("latin", "Grand Opening Sale", "eng", id="latin"),
    pytest.param("latin", "Täglich ab 11 Uhr", "Latin", id="accented-latin-whole-script-model"),
    pytest.param("han", "盛大开业", "chi_sim", id="chinese"),
    pytest.param("han", "价格：¥99，2026年", "chi_sim", id="chinese-with-digits-and-signs-only"),
    pytest.param("kana", "東京・大阪", "jpn", id="japanese-kanji-read-by-jpn"),
    pytest.param("hangul", "대박 세일", "kor", id="korean"),
    pytest.param("arabic", "افتتاح 2026", "ara", id="arabic-with-digits"),
    pytest.param("thai", "สวัสดีครับ", "tha", id="thai"),
    pytest.param("bengali", "আমার সোনার বাংলা", "ben", id="bengali"),
    pytest.param("tamil", "வணக்கம் தமிழ்", "tam", id="tamil"),
    pytest.param("han", "Open 周一至周五", "chi_sim+eng", id="chinese-box-with-a-latin-run"),
    pytest.param("latin", "加入LimitlessLife.com", "eng+chi_sim", id="latin-box-with-a-han-run"),
    pytest.param("han", "Café 東京 2026", "chi_sim+Latin", id="accented-latin-run-gets-the-script-model"),
    pytest.param("kana", "Menu ランチ東京", "jpn+eng", id="japanese-box-with-a-latin-run"),
    pytest.param("cyrillic", "Київ and Kyiv", "Cyrillic+eng", id="ukrainian-box-with-a-latin-run"),
    pytest.param("thai", "Thai สวัสดี", "tha+eng", id="thai-box-with-a-latin-run"),
]


@pytest.mark.parametrize(("script", "text", "language"), LANGUAGES)
def test_a_box_is_read_with_its_own_script_first_then_the_other_scripts_it_has_letters_in(
    script: Script, text: str, language: str
) -> None:
    assert tesseract_language(script, text) == language


@pytest.mark.parametrize("script", get_args(Script))
def test_every_script_has_installed_tesseract_language_data(script: Script) -> None:
    assert (DEBIAN_TESSDATA / f"{TESSERACT_LANGUAGE[script]}.traineddata").is_file()


def test_a_model_cannot_read_letters_missing_from_its_character_set() -> None:
    assert TesseractOcr().unreadable("chi_sim", "巧克力榛果 Café") == "榛é"


def test_punctuation_is_left_to_the_confusion_tables_not_called_unreadable() -> None:
    assert TesseractOcr().unreadable("chi_sim", "注意：儿童？！·“好”") == ""


def test_a_mixed_language_setting_reads_what_any_of_its_models_reads() -> None:
    assert TesseractOcr().unreadable("chi_sim+Latin", "Café 東京 2026") == "東"


def test_letters_a_model_rarely_reads_back_count_as_unreadable() -> None:
    assert TesseractOcr().unreadable("chi_sim", "夏日爵士之夜") == "爵"


@pytest.fixture(scope="module")
def renderer() -> PlanRenderer:
    return PlanRenderer(font_dirs=[Path("/usr/share/fonts")])


def _verify(renderer, verifier, plan_of, constraints_of, span, planned: TextElement, drawn: TextElement | None = None):
    """Render `drawn` (default: `planned`), verify it against a plan of `planned` requiring its text."""
    image = renderer.render(plan_of([drawn or planned], background="#ffffff")).image
    required = RequiredText(id="c", text=planned.text, script=planned.script, source=span)
    return verifier.verify(image, plan_of([planned], background="#ffffff"), constraints_of(required)).checks[0]


def _line(text: str, script: Script, weight: str = "regular") -> TextElement:
    return TextElement(id="t", box=Box(x=64, y=440, w=896, h=110), text=text, script=script, font_weight=weight)  # type: ignore[arg-type]


READ_BACK = [
    pytest.param("สวัสดีครับ", "thai", "tha", id="thai"),
    pytest.param("আমার সোনার বাংলা", "bengali", "ben", id="bengali"),
    pytest.param("வணக்கம் தமிழ்", "tamil", "tam", id="tamil"),
    pytest.param("Open 周一至周五", "han", "chi_sim+eng", id="chinese-with-a-latin-run"),
    pytest.param("加入LimitlessLife.com", "han", "chi_sim+eng", id="chinese-with-a-web-address"),
    pytest.param("新鲜本地农产品——周六农民市场", "han", "chi_sim", id="chinese-double-em-dash"),
    pytest.param("艾米莉亚·哈特，时光回响", "han", "chi_sim", id="chinese-middle-dot"),
    pytest.param("我建议选择‘绝对确定的死亡’", "han", "chi_sim", id="chinese-single-quotes"),
    pytest.param("二〇二三年六月十日", "han", "chi_sim", id="chinese-ideographic-zero"),
    pytest.param("Welcome مرحبا 2026", "latin", "eng+ara", id="latin-with-an-arabic-run-read-in-display-order"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "script", "language"), READ_BACK)
def test_a_correct_render_reads_back_exactly(
    text, script, language, renderer, verifier, plan_of, constraints_of, span
) -> None:
    check = _verify(renderer, verifier, plan_of, constraints_of, span, _line(text, script))
    assert check.passed, check.evidence
    assert f"tesseract {language} psm" in check.evidence


@pytest.mark.slow
@pytest.mark.parametrize(
    ("planned", "drawn"),
    [
        pytest.param("第一章", "第二章", id="numeral-one-drawn-as-two"),
        pytest.param("新鲜——周六", "新鲜——周日", id="dash-forgiven-but-a-character-wrong"),
        pytest.param("艾米莉亚·哈特", "艾米莉亚·哈", id="middle-dot-forgiven-but-a-character-missing"),
        pytest.param("สวัสดีครับ", "สวัสดี", id="thai-cut-short"),
        pytest.param("Welcome مرحبا 2026", "Welcome مرحبا 2025", id="display-order-forgiven-but-a-digit-wrong"),
    ],
)
def test_a_render_of_a_different_string_fails(
    planned, drawn, renderer, verifier, plan_of, constraints_of, span
) -> None:
    script = "thai" if planned.startswith("ส") else "latin" if planned.startswith("W") else "han"
    check = _verify(renderer, verifier, plan_of, constraints_of, span, _line(planned, script), _line(drawn, script))
    assert not check.passed, check.evidence


@pytest.mark.slow
def test_a_letter_the_model_cannot_read_is_not_verified_and_named_in_the_evidence(
    renderer, verifier, plan_of, constraints_of, span
) -> None:
    check = _verify(renderer, verifier, plan_of, constraints_of, span, _line("巧克力榛果", "han"))
    assert check.status == "not_verified", check.evidence
    assert "cannot read '榛'" in check.evidence
    assert "not checked: '榛'" in check.measured


@pytest.mark.slow
def test_a_short_chinese_line_that_single_line_mode_drops_is_read_in_raw_line_mode(
    renderer, verifier, plan_of, constraints_of, span
) -> None:
    element = TextElement(id="t", box=Box(x=61, y=571, w=902, h=55), text="资源", script="han")
    check = _verify(renderer, verifier, plan_of, constraints_of, span, element)
    assert check.passed, check.evidence
    assert "psm 13" in check.evidence


@pytest.mark.slow
def test_a_block_whose_block_read_drops_a_line_is_read_line_by_line(
    renderer, verifier, plan_of, constraints_of, span
) -> None:
    # a LongText-Bench headline: read as a block, tesseract gives back only its first line
    element = TextElement(
        id="t", box=Box(x=61, y=138, w=902, h=268), text="有机野生蜂蜜 原始未过滤", script="han",
        font_weight="bold", max_font_size=97, color="#2B1D22", line_spacing=1.15,
    )  # fmt: skip
    check = _verify(renderer, verifier, plan_of, constraints_of, span, element)
    assert check.passed, check.evidence
    assert "line by line" in check.evidence


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ありがとう 감사합니다", id="hangul-syllables-spaced-out"),
        pytest.param("ラーメン 라면 ¥980", id="yen-after-hangul"),
        pytest.param("東京タワー 남산타워", id="kanji-kana-and-hangul"),
    ],
)
def test_kana_next_to_hangul_reads_back(text, renderer, verifier, plan_of, constraints_of, span) -> None:
    check = _verify(renderer, verifier, plan_of, constraints_of, span, _line(text, "kana"))
    assert check.status == "passed", check.evidence


@pytest.mark.slow
def test_hangul_spaced_out_is_forgiven_but_a_wrong_syllable_is_not(
    renderer, verifier, plan_of, constraints_of, span
) -> None:
    planned, drawn = _line("ありがとう 감사합니다", "kana"), _line("ありがとう 감사함니다", "kana")
    check = _verify(renderer, verifier, plan_of, constraints_of, span, planned, drawn)
    assert check.failed, check.evidence
