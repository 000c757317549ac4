"""Reading colours and what they apply to: background, objects, text, brand accent."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredColor
from tessera.planner import extract_constraints


def _colors(brief: str) -> list[tuple[str, str | None, str]]:
    return [(c.target, c.subject, c.color) for c in extract_constraints(brief).items if isinstance(c, RequiredColor)]


@pytest.mark.parametrize(
    "brief",
    [
        "A poster on a navy background.",
        "Background of navy.",
        "Background: navy.",
        "Background colour #000080.",
        "Use a navy-coloured background.",
    ],
)
def test_background_colour_is_read_in_several_phrasings(brief: str) -> None:
    assert _colors(brief) == [("background", None, "#000080")]


def test_modifiers_change_a_named_colour() -> None:
    ((_, _, deep),) = _colors("On a deep blue background.")
    ((_, _, pale),) = _colors("On a pale blue background.")
    assert deep != "#0000FF" and pale != "#0000FF"
    assert int(deep[5:7], 16) > int(deep[1:3], 16)  # still blue
    assert sum(int(pale[i : i + 2], 16) for i in (1, 3, 5)) > sum(int(deep[i : i + 2], 16) for i in (1, 3, 5))


def test_multi_word_css_names_are_one_colour() -> None:
    assert _colors("Sky blue background.") == [("background", None, "#87CEEB")]
    assert _colors("Light sky blue background.") == [("background", None, "#87CEFA")]


def test_short_hex_codes_are_expanded() -> None:
    assert _colors("Background #fff.") == [("background", None, "#FFFFFF")]


def test_brand_colour_with_hex_is_the_accent() -> None:
    assert _colors("Brand blue #1F4FFF.") == [("accent", None, "#1F4FFF")]
    assert _colors("Brand colour #1f4fff for the details.") == [("accent", None, "#1F4FFF")]


def test_colour_after_a_quoted_string_is_that_text_colour() -> None:
    assert _colors("Headline 'SALE' in red.") == [("text", "SALE", "#FF0000")]


def test_colour_before_a_role_word_is_that_text_colour() -> None:
    assert _colors("Headline 'SALE'. Make it a red headline.") == [("text", "SALE", "#FF0000")]


def test_colour_of_all_text() -> None:
    assert _colors("Headline 'SALE', white text.") == [("text", None, "#FFFFFF")]


def test_colour_of_a_counted_class() -> None:
    assert _colors("3 green apples.") == [("objects", "apple", "#008000")]


def test_colour_words_inside_quotes_are_not_colours() -> None:
    assert _colors("Headline 'Red Hot Sale'.") == []
