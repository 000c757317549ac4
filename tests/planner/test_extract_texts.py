"""Reading exact strings out of a brief: every quote style, apostrophes left alone, roles from nearby words."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredText
from tessera.planner import extract_constraints
from tessera.planner._extract import text_roles


def _texts(brief: str) -> list[str]:
    return [c.text for c in extract_constraints(brief).items if isinstance(c, RequiredText)]


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ('Headline "BIG SALE" now.', "BIG SALE"),
        ("Headline 'BIG SALE' now.", "BIG SALE"),
        ("Headline \u201cBIG SALE\u201d now.", "BIG SALE"),
        ("Headline \u2018BIG SALE\u2019 now.", "BIG SALE"),
        ("Titre \u00abBIG SALE\u00bb maintenant.", "BIG SALE"),
        ("Titre \u00ab BIG SALE \u00bb maintenant.", "BIG SALE"),
        ("\u00dcberschrift \u201eBIG SALE\u201c jetzt.", "BIG SALE"),
        ("\u6807\u9898\u300c\u5927\u7529\u5356\u300d\u3002", "\u5927\u7529\u5356"),
        ("\u6807\u9898\u300e\u5927\u7529\u5356\u300f\u3002", "\u5927\u7529\u5356"),
    ],
)
def test_quoted_text_is_found_in_any_quote_style(brief: str, expected: str) -> None:
    assert _texts(brief) == [expected]


def test_apostrophes_inside_words_do_not_open_or_close_quotes() -> None:
    brief = "Let's make a sign for O'Brien's pub that says 'Don't Stop Believing' and 'Rock'n'Roll Night'."
    assert _texts(brief) == ["Don't Stop Believing", "Rock'n'Roll Night"]


def test_curly_apostrophe_inside_a_curly_quote_is_kept() -> None:
    assert _texts("Sign: \u2018Let\u2019s Dance\u2019 in big letters.") == ["Let\u2019s Dance"]


def test_text_keeps_case_and_punctuation_exactly() -> None:
    assert _texts("Headline 'Hello, World! (v2.0)' please.") == ["Hello, World! (v2.0)"]


def test_a_repeated_string_is_required_once() -> None:
    assert _texts("Headline 'SALE'. Make 'SALE' red.") == ["SALE"]


def test_each_text_records_script_language_and_source_span() -> None:
    brief = (
        "Headline \u00ab\u0412\u0435\u0441\u043d\u0430\u00bb and \u300c\u6625\u5929\u300d "
        "and 'Spring' and \"\u0631\u0628\u064a\u0639\"."
    )
    texts = [c for c in extract_constraints(brief).items if isinstance(c, RequiredText)]
    assert [(t.script, t.language) for t in texts] == [
        ("cyrillic", "ru"),
        ("han", "zh"),
        ("latin", "en"),
        ("arabic", "ar"),
    ]
    for text in texts:
        assert brief[text.source.start : text.source.end] == text.source.quote
        assert text.text in text.source.quote


@pytest.mark.parametrize(
    ("brief", "roles"),
    [
        ("Headline 'A', subtitle 'B', footer 'C'.", ["headline", "subheading", "footer"]),
        ("'A' headline, 'B' subtitle, and the price label 'C'.", ["headline", "subheading", "label"]),
        ("Poster: 'A', tagline 'B'. Caption 'C'.", ["headline", "subheading", "label"]),
        ("'A'. Below it 'B'. 'C' at the bottom.", ["headline", "body", "footer"]),
        ("Show 'A' and 'B' and the date 'C'.", ["headline", "body", "footer"]),
        ("A button 'Buy now' under the title 'Big Sale'.", ["label", "headline"]),
    ],
)
def test_roles_come_from_the_words_next_to_each_string(brief: str, roles: list[str]) -> None:
    found = text_roles(extract_constraints(brief))
    assert list(found.values()) == roles


def test_chinese_curly_quotes_close_before_running_text() -> None:
    brief = "广告牌上印着“每日新鲜烘焙”，标语“本地烘焙，始于1998”突出了传统，例如“有机蜂蜜”、“手工艺品”和“时令水果”等。"
    texts = [c.text for c in extract_constraints(brief).items if c.kind == "text"]
    assert texts == ["每日新鲜烘焙", "本地烘焙，始于1998", "有机蜂蜜", "手工艺品", "时令水果"]
