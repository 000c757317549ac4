"""Colours in everyday briefs: a hex code wins over the colour name it spells out, and each colour attaches to what
it describes (the page, a text, the brand accent)."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredColor
from tessera.planner import extract_constraints

Found = list[tuple[str, str | None, str]]


def _colors(brief: str) -> Found:
    return [(c.target, c.subject, c.color) for c in extract_constraints(brief).items if isinstance(c, RequiredColor)]


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("A poster in our teal #0EA5A4 for 'Bloom Cafe'", [("accent", None, "#0EA5A4")]),
        ("A flyer in teal (#0EA5A4) for 'Bloom Cafe'", [("accent", None, "#0EA5A4")]),
        ("A poster with a teal #0EA5A4 background and the title 'Bloom'", [("background", None, "#0EA5A4")]),
        ("A poster with the title 'Bloom' on a #0EA5A4 (teal) background", [("background", None, "#0EA5A4")]),
        ("A poster with the title 'Bloom', background teal #0EA5A4", [("background", None, "#0EA5A4")]),
        ("A poster for 'Bloom' with teal accents (#0EA5A4)", [("accent", None, "#0EA5A4")]),
        ("Headline 'Bloom' in teal, #0EA5A4", [("text", "Bloom", "#0EA5A4")]),
        ("A teal (#0EA5A4) poster reading 'Bloom'", [("background", None, "#0EA5A4")]),
        ("Make the background teal: #0EA5A4. Title 'Bloom'.", [("background", None, "#0EA5A4")]),
        ("A flyer: brand colour teal #0EA5A4, title 'Bloom'", [("accent", None, "#0EA5A4")]),
        ("A banner in brand blue #1F4FFF reading 'Launch Week'", [("accent", None, "#1F4FFF")]),
        ("Use our teal #0EA5A4 as the accent. Poster 'Spring Fair'.", [("accent", None, "#0EA5A4")]),
    ],
)
def test_a_hex_code_wins_over_the_name_it_spells_out(brief: str, expected: Found) -> None:
    assert _colors(brief) == expected


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("A flyer with a red 'SALE' badge and the title 'Summer Deals'", [("text", "SALE", "#FF0000")]),
        ("A green 'NEW' badge on a product label for 'Oat Milk'", [("text", "NEW", "#008000")]),
        (
            "A poster with a blue headline 'Open Day' and the text 'Saturday 10 AM'",
            [("text", "Open Day", "#0000FF")],
        ),
        (
            "White text on a navy background, title 'Night Market'",
            [("text", None, "#FFFFFF"), ("background", None, "#000080")],
        ),
        (
            "A poster with the headline 'Hello' in red on a white background",
            [("text", "Hello", "#FF0000"), ("background", None, "#FFFFFF")],
        ),
        (
            "The headline 'Big Sale' in #E63946 and the date 'May 5' in navy",
            [("text", "Big Sale", "#E63946"), ("text", "May 5", "#000080")],
        ),
        (
            "A poster: red 'SALE' and blue 'Today only'",
            [("text", "SALE", "#FF0000"), ("text", "Today only", "#0000FF")],
        ),
        (
            "A pink background with the words 'Happy Birthday' in white",
            [("background", None, "#FFC0CB"), ("text", "Happy Birthday", "#FFFFFF")],
        ),
        (
            "Title 'Bloom' in our teal #0EA5A4 on white",
            [("text", "Bloom", "#0EA5A4"), ("background", None, "#FFFFFF")],
        ),
        (
            "A card with the name 'Ana Silva' in dark green on cream",
            [("text", "Ana Silva", "#006400"), ("background", None, "#FFF8E1")],
        ),
        ("Write 'Open' in green on a black sign", [("text", "Open", "#008000"), ("background", None, "#000000")]),
        ("A logo-coloured #E63946 headline 'Fresh Bakes' on a poster", [("text", "Fresh Bakes", "#E63946")]),
    ],
)
def test_a_colour_attaches_to_the_text_it_describes(brief: str, expected: Found) -> None:
    assert _colors(brief) == expected


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("A yellow poster with black text 'CAUTION'", [("background", None, "#FFFF00"), ("text", None, "#000000")]),
        (
            "A navy blue poster with white text: 'Winter Gala'",
            [("background", None, "#000080"), ("text", None, "#FFFFFF")],
        ),
        ("A black and gold poster for 'Le Jardin'", [("background", None, "#000000"), ("accent", None, "#FFD700")]),
        (
            "A menu card in black and gold for 'Le Jardin'",
            [("background", None, "#000000"), ("accent", None, "#FFD700")],
        ),
        ("Our brand colour is #1F4FFF; poster titled 'Launch'", [("accent", None, "#1F4FFF")]),
        ("A flyer with orange #FF7A00 buttons saying 'Buy now'", [("accent", None, "#FF7A00")]),
        (
            "A poster for 'Spring Fair', background #FAF3E0, accent teal #0EA5A4",
            [("background", None, "#FAF3E0"), ("accent", None, "#0EA5A4")],
        ),
    ],
)
def test_a_colour_of_the_page_sets_the_background_or_the_accent(brief: str, expected: Found) -> None:
    assert _colors(brief) == expected


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        (
            "A poster with three yellow stars on navy and the headline 'Stars'",
            [("objects", "star", "#FFFF00"), ("background", None, "#000080")],
        ),
        ("A red car on a black road", [("objects", "car", "#FF0000"), ("objects", "road", "#000000")]),
        (
            "Two red apples and a green pear on a white table",
            [("objects", "apple", "#FF0000"), ("objects", "pear", "#008000"), ("objects", "table", "#FFFFFF")],
        ),
        ("A green card saying 'Thank you'", [("background", None, "#008000")]),
    ],
)
def test_colours_of_things_stay_with_the_things(brief: str, expected: Found) -> None:
    assert _colors(brief) == expected


def test_a_hex_code_alone_is_still_read() -> None:
    assert _colors("A poster 'Hi' on a #101828 background") == [("background", None, "#101828")]


def test_a_colour_word_inside_a_quotation_colours_nothing() -> None:
    assert _colors("A poster titled 'Red Velvet Cake'") == []
