"""Reading text fairly: look-alikes compare equal on both sides, OCR confusions are forgiven only where required.

Each case is (required string, what OCR read, script of the box). `reads_back` is the verifier's own
comparison: both sides normalised, then the reading reconciled with the required string.
"""

from __future__ import annotations

import pytest

from tessera.contract import Script
from tessera.verifier import normalise_text
from tessera.verifier._normalise import reconcile


def reads_back(required: str, read: str, script: Script, unreadable: str = "") -> bool:
    """Whether `read` counts as an exact reading of `required` in a box of `script`."""
    expected = normalise_text(required, script)
    return reconcile(normalise_text(read, script), expected, unreadable) == expected


EQUIVALENT = [
    pytest.param("ＳＡＬＥ　５０％，ＯＫ：", "SALE 50%,OK:", "latin", id="full-width-ascii-and-ideographic-space"),
    pytest.param("价格：￥99！", "价格:¥99!", "han", id="full-width-colon-yen-and-bang"),
    pytest.param("¥1,000", "￥1,000", "kana", id="yen-sign-forms"),
    pytest.param("小习惯带来大不同——坚持", "小习惯带来大不同—坚持", "han", id="double-em-dash-as-one-dash"),
    pytest.param("May 6–7 — Live", "May 6-7 - Live", "latin", id="en-and-em-dash-as-hyphen"),
    pytest.param("Open 7 am - 4 pm", "Open 7am-4pm", "latin", id="spaces-around-a-dash-dropped"),
    pytest.param("Open 7 am - 4 pm", "Open 7 am -4 pm", "latin", id="one-space-by-a-dash-dropped"),
    pytest.param("中央公园 - 2公里", "中央公园―2公里", "han", id="horizontal-bar-as-hyphen"),
    pytest.param("東京・大阪", "東京·大阪", "kana", id="katakana-middle-dot"),
    pytest.param("Salt • Pepper", "Salt·Pepper", "latin", id="bullet-as-middle-dot-spaces-dropped"),
    pytest.param("伊莱诺‧佩奇", "伊莱诺·佩奇", "han", id="hyphenation-point-as-middle-dot"),
    pytest.param("“每日新鲜烘焙”", '"每日新鲜烘焙"', "han", id="curly-double-quotes"),
    pytest.param("Joe’s ‘best’", "Joe's 'best'", "latin", id="curly-single-quotes"),
    pytest.param("〝限定〟", '"限定"', "kana", id="ideographic-double-prime-quotes"),
    pytest.param("等等……", "等等...", "han", id="chinese-double-ellipsis"),
    pytest.param("Wait…", "Wait...", "latin", id="ellipsis-character"),
    pytest.param("10〜20時", "10～20時", "kana", id="wave-dash-forms"),
    pytest.param("Open 周一至周五", "Open 周 一 至 周 五", "latin", id="spaces-next-to-han-in-a-mixed-box"),
    pytest.param("ｶﾀｶﾅ｡", "カタカナ。", "kana", id="half-width-katakana-and-full-stop"),
]

FORGIVEN = [
    pytest.param("新鲜本地农产品——周六农民市场", "新鲜本地农产品一一周六农民市场", "han", id="dash-read-as-two-ones"),
    pytest.param("新鲜——周六", "新鲜一 - 周六", "han", id="dash-read-as-one-and-hyphen"),
    pytest.param("预留好胃口——带上朋友", "预留好胃口一带上朋友", "han", id="dash-read-as-one"),
    pytest.param("コーヒー—東京", "コーヒーー東京", "kana", id="dash-read-as-long-vowel-mark"),
    pytest.param("艾米莉亚·哈特，时光回响", "艾米莉亚。哈特,时光回响", "han", id="middle-dot-read-as-full-stop"),
    pytest.param("插图出自伊莱诺·佩奇", "插图出自伊莱诺.佩奇", "han", id="middle-dot-read-as-period"),
    pytest.param("艾米莉·卡特小姐", "艾米莉,卡特小姐", "han", id="middle-dot-read-as-comma"),
    pytest.param("丹尼尔·哈珀原创配乐", "丹尼尔哈珀原创配乐", "han", id="middle-dot-lost"),
    pytest.param("서울 · 부산", "서울ㆍ부산", "hangul", id="middle-dot-read-as-korean-araea"),
    pytest.param("Price: €9.99 · £5", "Price: €9.99 - £5", "latin", id="latin-middle-dot-read-as-hyphen"),
    pytest.param("左边道路标注‘龙穴’", '左边道路标注"龙穴"', "han", id="single-quotes-read-as-double"),
    pytest.param("二〇二三年六月", "二O二三年六月", "han", id="ideographic-zero-read-as-letter-o"),
    pytest.param("「东京」", "[东京]", "han", id="corner-brackets-read-as-square"),
    pytest.param("『东京』", "『东京J", "han", id="white-corner-bracket-read-as-j"),
    pytest.param("価格：¥1000", "価格:\\1000", "kana", id="yen-read-as-jis-backslash"),
    pytest.param("价格：€99", "价格:E99", "han", id="euro-read-as-e-by-chi-sim"),
    pytest.param("你好。再见", "你好.再见", "han", id="ideographic-full-stop-read-as-period"),
]

# Readings of a wrong string, or confusions in the wrong direction or script: each must still fail.
WRONG = [
    pytest.param("第一章", "第-章", "han", id="numeral-one-read-as-dash"),
    pytest.param("第一章", "第—章", "han", id="numeral-one-read-as-em-dash"),
    pytest.param("新鲜——周六", "新鲜一一周日", "han", id="dash-forgiven-but-another-character-wrong"),
    pytest.param("新鲜——周六", "新鲜二周六", "han", id="dash-read-as-numeral-two"),
    pytest.param("新鲜——周六", "新鲜一一一一周六", "han", id="dash-read-as-four-ones"),
    pytest.param("艾米莉亚·哈特", "艾米莉亚。哈待", "han", id="middle-dot-forgiven-but-name-misread"),
    pytest.param("艾米莉亚。哈特", "艾米莉亚·哈特", "han", id="full-stop-read-as-middle-dot"),
    pytest.param("二〇二三年", "二O二三月", "han", id="zero-forgiven-but-year-misread"),
    pytest.param("Price — €5", "Price 一 €5", "latin", id="dash-read-as-one-in-latin"),
    pytest.param("Price €5", "Price E5", "latin", id="euro-read-as-e-in-latin"),
    pytest.param("Joe's", 'Joe"s', "latin", id="apostrophe-read-as-double-quote-in-latin"),
    pytest.param("Salt · Pepper", "Salt , Pepper", "latin", id="latin-middle-dot-read-as-comma"),
    pytest.param("대박 세일", "대박세일", "hangul", id="korean-keeps-its-spaces"),
    pytest.param("¥1000", "1000", "kana", id="yen-sign-lost"),
    pytest.param("「东京」", "东京", "han", id="corner-brackets-lost"),
    pytest.param("SALE 50%", "SALE 5O%", "latin", id="zero-read-as-o-outside-cjk"),
    pytest.param("Open 7 am - 4 pm", "Open 7 am 4 pm", "latin", id="spaced-dash-lost"),
]


@pytest.mark.parametrize(("left", "right", "script"), EQUIVALENT)
def test_look_alikes_compare_equal_on_both_sides(left: str, right: str, script: Script) -> None:
    assert normalise_text(left, script) == normalise_text(right, script)
    assert reads_back(left, right, script)
    assert reads_back(right, left, script)


@pytest.mark.parametrize(("required", "read", "script"), FORGIVEN)
def test_a_known_ocr_confusion_passes_where_the_required_string_has_the_character(
    required: str, read: str, script: Script
) -> None:
    assert reads_back(required, read, script)


@pytest.mark.parametrize(("required", "read", "script"), WRONG)
def test_a_genuinely_different_reading_still_fails(required: str, read: str, script: Script) -> None:
    assert not reads_back(required, read, script)


def test_a_forgiven_confusion_is_undone_and_the_rest_kept_as_read() -> None:
    expected = normalise_text("新鲜——周六", "han")
    assert reconcile(normalise_text("新鲜一一周日", "han"), expected) == "新鲜-周日"


def test_any_one_character_stands_for_one_the_model_cannot_read() -> None:
    assert reads_back("巧克力榛果", "巧克力棱果", "han", unreadable="榛")


def test_a_character_the_model_cannot_read_may_not_be_missing() -> None:
    assert not reads_back("巧克力榛果", "巧克力果", "han", unreadable="榛")


def test_characters_the_model_can_read_are_still_checked_next_to_one_it_cannot() -> None:
    assert not reads_back("巧克力榛果", "巧克方棱果", "han", unreadable="榛")


@pytest.mark.parametrize(
    ("required", "read"),
    [
        ("Total Fat 8 g", "Total Fat 8g"),
        ("Doors open 7 PM", "Doors open 7PM"),
        ("Basis 9 € / Monat", "Basis 9€ / Monat"),
        ("¥400", "\\400"),
        ("Rabatt 20 %", "Rabatt 20%"),
        ("Quartet  ·  Trio  ·  DJ", "Quartet·Trio »·DJ"),
        ("Quartet · Trio", "Quartet >· Trio"),
    ],
)
def test_a_unit_read_against_its_number_and_a_stray_mark_before_a_middle_dot_pass(required: str, read: str) -> None:
    expected = normalise_text(required)
    assert reconcile(normalise_text(read), expected) == expected


def test_a_word_after_a_number_keeps_its_space() -> None:
    assert normalise_text("Top 3 tips") == "Top 3 tips"


def test_a_space_read_between_hangul_syllables_is_forgiven_but_a_missing_one_is_not() -> None:
    assert reconcile("ありがとう감 사 합니다", "ありがとう감사합니다") == "ありがとう감사합니다"
    assert reconcile("서울카페", "서울 카페") == "서울카페"  # a space the string has must be read
    assert reconcile("서 올", "서울") == "서올"  # the space is forgiven, the wrong syllable is not
