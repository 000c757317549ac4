"""Reading counts: digits and number words with a singular class, and numbers that are not counts left alone."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredColor, RequiredCount
from tessera.planner import extract_constraints


def _counts(brief: str) -> dict[str, int]:
    return {c.object_class: c.count for c in extract_constraints(brief).items if isinstance(c, RequiredCount)}


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("Exactly 7 red balloons.", {"balloon": 7}),
        ("Five stars in a row.", {"star": 5}),
        ("A dozen eggs on the table.", {"egg": 12, "table": 1}),
        ("Half a dozen cookies.", {"cookie": 6}),
        ("Twenty candles on the cake.", {"candle": 20, "cake": 1}),
        ("Twenty-one flags.", {"flag": 21}),
        ("A pair of shoes by the door.", {"shoe": 2, "door": 1}),
        ("One sun over the hills.", {"sun": 1}),
        ("3 cats and 2 dogs.", {"cat": 3, "dog": 2}),
        ("100 dots.", {"dot": 100}),
    ],
)
def test_digits_number_words_and_phrases_are_counts(brief: str, expected: dict[str, int]) -> None:
    assert _counts(brief) == expected


@pytest.mark.parametrize(
    ("brief", "object_class"),
    [
        ("4 balloons", "balloon"),
        ("4 cherries", "cherry"),
        ("4 leaves", "leaf"),
        ("4 boxes", "box"),
        ("4 peaches", "peach"),
        ("4 fish", "fish"),
        ("4 coffee cups", "coffee cup"),
    ],
)
def test_object_class_is_singular(brief: str, object_class: str) -> None:
    assert _counts(brief) == {object_class: 4}


@pytest.mark.parametrize(
    "brief",
    [
        "Doors open at 10 AM.",
        "Doors open at 10am.",
        "Founded in 2025.",
        "Everything for $5 today.",
        "Now 50% off.",
        "Now 50 percent off.",
        "Render it at 1024x1024.",
        "Use 3 columns.",
        "A 16:9 slide.",
        "Takes 5 minutes.",
        "Keep it to 2 lines.",
        "Starts 10:30 sharp.",
        "On May 5 we party.",
        "Version 2 is out.",
        "Rated 4.5 by critics.",
        "Five-star reviews only.",
        "One day only.",
        "Dinner for 4 people.",
        "Headline '3 Little Pigs'.",
        "Call 555 1234.",
    ],
)
def test_times_dates_prices_sizes_units_and_quoted_numbers_are_not_counts(brief: str) -> None:
    assert _counts(brief) == {}


def test_colour_between_number_and_noun_becomes_an_object_colour() -> None:
    items = extract_constraints("Exactly 5 bright red balloons.").items
    colors = [c for c in items if isinstance(c, RequiredColor)]
    assert [(c.target, c.subject) for c in colors] == [("objects", "balloon")]
    assert colors[0].color.startswith("#")


def test_count_source_span_points_at_the_words() -> None:
    brief = "Poster with exactly 5 red balloons across the top."
    count = next(c for c in extract_constraints(brief).items if isinstance(c, RequiredCount))
    assert count.source.quote == "5 red balloons"
    assert brief[count.source.start : count.source.end] == count.source.quote


def test_an_unlisted_describing_word_before_the_plural_noun_is_skipped() -> None:
    counts = [
        (c.object_class, c.count)
        for c in extract_constraints("two humorous cartoon dogs by a hole").items
        if c.kind == "count"
    ]
    assert counts == [("dog", 2), ("hole", 1)]


def test_a_capitalised_number_inside_a_name_is_not_a_count() -> None:
    brief = "Two dogs talk. Toward the lower right, Dog Two sits calmly beside Player One."
    counts = [(c.object_class, c.count) for c in extract_constraints(brief).items if c.kind == "count"]
    assert counts == [("dog", 2)]
