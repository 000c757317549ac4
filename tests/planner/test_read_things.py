"""Reading things: every concrete thing a brief names with its count, singular class, noun and attributes; layout,
document, canvas and abstract nouns, measures, dates and times are never counted."""

from __future__ import annotations

import pytest

from tessera.contract import BriefError, RequiredColor, RequiredCount
from tessera.planner import extract_constraints
from tessera.planner._extract import picture_requests


def _counts(brief: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in extract_constraints(brief).items:
        if isinstance(item, RequiredCount):
            counts[item.object_class] = counts.get(item.object_class, 0) + item.count
    return counts


def _count(brief: str) -> RequiredCount:
    (count,) = [c for c in extract_constraints(brief).items if isinstance(c, RequiredCount)]
    return count


_DIGITS = ["kite", "dog", "cat", "tree", "star", "apple", "bird", "balloon", "candle", "flower"]
_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@pytest.mark.parametrize("number", range(1, 11))
def test_a_count_in_digits_counts_its_thing(number: int) -> None:
    noun = _DIGITS[number - 1] + ("s" if number > 1 else "")
    assert _counts(f"A poster with {number} {noun}.") == {_DIGITS[number - 1]: number}


@pytest.mark.parametrize("number", range(1, 11))
def test_a_count_in_words_counts_its_thing(number: int) -> None:
    noun = _DIGITS[number - 1] + ("s" if number > 1 else "")
    assert _counts(f"{_WORDS[number - 1].capitalize()} {noun} on a white background.") == {_DIGITS[number - 1]: number}


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("A lamp.", {"lamp": 1}),
        ("An owl at night.", {"owl": 1}),
        ("An apple and a pear.", {"apple": 1, "pear": 1}),
        ("The sun sets.", {"sun": 1}),
        ("A cat, a dog and a rabbit.", {"cat": 1, "dog": 1, "rabbit": 1}),
        ("A few kites.", {"kite": 3}),
        ("Several balloons.", {"balloon": 3}),
        ("A couple of dogs.", {"dog": 2}),
        ("A pair of shoes.", {"shoe": 2}),
        ("A dozen eggs.", {"egg": 12}),
        ("Half a dozen cookies.", {"cookie": 6}),
        ("Two dozen roses.", {"rose": 24}),
        ("Twenty-one flags.", {"flag": 21}),
        ("Twenty one candles.", {"candle": 21}),
        ("A hundred stars.", {"star": 100}),
        ("One cat and another.", {"cat": 2}),
        ("A dog chases a ball while another dog sleeps.", {"dog": 2, "ball": 1}),
        ("A single rocket.", {"rocket": 1}),
    ],
)
def test_articles_and_count_phrases_are_counts(brief: str, expected: dict[str, int]) -> None:
    assert _counts(brief) == expected


@pytest.mark.parametrize(
    ("brief", "object_class", "count", "noun"),
    [
        ("five people", "person", 5, "people"),
        ("two TVs", "TV", 2, "TVs"),
        ("seven sheep", "sheep", 7, "sheep"),
        ("three geese", "goose", 3, "geese"),
        ("four mice", "mouse", 4, "mice"),
        ("three children", "child", 3, "children"),
        ("two women", "woman", 2, "women"),
        ("six knives", "knife", 6, "knives"),
        ("two cacti", "cactus", 2, "cacti"),
        ("nine leaves", "leaf", 9, "leaves"),
        ("five fish", "fish", 5, "fish"),
        ("three wolves", "wolf", 3, "wolves"),
        ("eight cherries", "cherry", 8, "cherries"),
        ("four teeth", "tooth", 4, "teeth"),
    ],
)
def test_irregular_plurals_have_their_singular_class(brief: str, object_class: str, count: int, noun: str) -> None:
    found = _count(brief)
    assert (found.object_class, found.count, found.noun) == (object_class, count, noun)


@pytest.mark.parametrize(
    ("brief", "object_class"),
    [
        ("six boxes", "box"),
        ("four peaches", "peach"),
        ("two buses", "bus"),
        ("three glasses", "glass"),
        ("five tomatoes", "tomato"),
        ("two dresses", "dress"),
        ("three benches", "bench"),
        ("four foxes", "fox"),
        ("two brushes", "brush"),
    ],
)
def test_plurals_in_es_have_their_singular_class(brief: str, object_class: str) -> None:
    assert _count(brief).object_class == object_class


@pytest.mark.parametrize(
    ("brief", "object_class", "count"),
    [
        ("two ice creams", "ice cream", 2),
        ("three traffic cones", "traffic cone", 3),
        ("a teddy bear", "teddy bear", 1),
        ("two fire hydrants", "fire hydrant", 2),
        ("four hot dogs", "hot dog", 4),
        ("a stop sign", "stop sign", 1),
        ("three tennis balls", "tennis ball", 3),
        ("2 coffee cups", "coffee cup", 2),
        ("a Christmas tree", "christmas tree", 1),
        ("five palm trees", "palm tree", 5),
        ("a hot air balloon", "hot air balloon", 1),
        ("a coffee shop", "coffee shop", 1),
        ("four maple leaves", "maple leaf", 4),
    ],
)
def test_two_and_three_word_classes_are_one_thing(brief: str, object_class: str, count: int) -> None:
    found = _count(brief)
    assert (found.object_class, found.count) == (object_class, count)


@pytest.mark.parametrize(
    ("brief", "object_class", "attributes"),
    [
        ("three small red wooden boxes", "box", [("size", "small"), ("color", "red"), ("material", "wooden")]),
        ("a big blue glass vase", "vase", [("size", "big"), ("color", "blue"), ("material", "glass")]),
        ("a light blue car", "car", [("color", "light blue")]),
        ("two tiny striped cats", "cat", [("size", "tiny"), ("style", "striped")]),
        ("a tall metal lamp", "lamp", [("size", "tall"), ("material", "metal")]),
        ("four cartoon dogs", "dog", [("style", "cartoon")]),
        ("an orange cat", "cat", [("color", "orange")]),
        ("a huge stone castle", "castle", [("size", "huge"), ("material", "stone")]),
    ],
)
def test_describing_words_become_attributes(brief: str, object_class: str, attributes: list[tuple[str, str]]) -> None:
    found = _count(brief)
    assert found.object_class == object_class
    assert [(a.kind, a.word) for a in found.attributes] == attributes


def test_a_colour_attribute_also_colours_the_counted_things() -> None:
    items = extract_constraints("A poster with a red kite.").items
    colors = [c for c in items if isinstance(c, RequiredColor)]
    assert [(c.target, c.subject) for c in colors] == [("objects", "kite")]


def test_an_orange_alone_is_the_fruit() -> None:
    assert _counts("An orange cat and an orange.") == {"cat": 1, "orange": 1}


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("A sofa by the window. The sofa is red.", {"sofa": 1, "window": 1}),
        ("A lamp. Make the lamp tall.", {"lamp": 1}),
        ("A coffee shop. The shop has a red door.", {"coffee shop": 1, "door": 1}),
        ("Three cats. The cats sleep.", {"cat": 3}),
        ("A moon above the sea. The moon glows.", {"moon": 1}),
    ],
)
def test_the_refers_back_to_a_thing_named_before(brief: str, expected: dict[str, int]) -> None:
    assert _counts(brief) == expected


@pytest.mark.parametrize(
    "brief",
    [
        "A pricing page with three tiers.",
        "Four cards in a grid.",
        "Split into two halves.",
        "Three highlights under the title.",
        "An icon in the corner.",
        "A badge and a tag.",
        "Fill a quarter of the canvas.",
        "Two projects side by side.",
        "A menu with three dishes.",
        "A block of text.",
        "Five bullet points.",
        "Two columns and three sections.",
        "A logo at the top.",
        "A header and a footer.",
        "Two buttons and a sidebar.",
        "Four KPI cards and two charts.",
        "An icon of a rocket.",
        "12 steps to success",
        "60 frames per second",
        "Two goals for the year.",
        "5 reasons to join.",
        "3 tips and 10 ways to save.",
        "Three ideas and four benefits.",
        "Two features in a row.",
        "Run 5 km.",
        "Everything for $20.",
        "3 cups of flour",
        "Now 50% off.",
        "Add 2 kg of sugar.",
        "On May 5 we open.",
        "Opens 12 June.",
        "Doors at 10 AM.",
        "Starts at 7 pm.",
        "Meet at 10:30.",
        "The first one wins.",
        "At the top.",
        "A blue background.",
        "The foreground is dark.",
        "On the left.",
        "In the center.",
        "Along the edge.",
        "In a corner.",
        "A poster, a slide and a flyer.",
        "A banner and a menu.",
        "A label for a coffee bag.",
        "A sign and a card.",
        "A certificate.",
        "A dashboard screen.",
        "A page with an image.",
        "A picture with a headline.",
        "An illustration in a modern style.",
        "A scene with a clean design.",
        "A simple layout with a title.",
        "The text in a bold font.",
        "The colour and the look.",
        "A poster for a bakery.",
        "Without a hat and with no scarf.",
        "Headline 'Five Apples'.",
        "Pedestrians and tall trees.",
        "Serves 4 people.",
        "Dinner for 2 people.",
    ],
)
def test_layout_document_canvas_and_abstract_words_measures_dates_and_times_are_not_counted(brief: str) -> None:
    assert _counts(brief) == {}


def test_what_a_photo_shows_is_the_pictures_not_a_count() -> None:
    constraints = extract_constraints("A photo of a cat filling the top half. Headline 'Meow'.")
    assert _counts(constraints.brief) == {}
    assert [p.prompt for p in picture_requests(constraints)] == ["a cat"]


def test_photos_of_counted_things_count_the_things() -> None:
    assert _counts("4 photos of apples") == {"apple": 4}


def test_things_in_a_long_descriptive_brief_are_all_found() -> None:
    brief = (
        "A lively street scene with a coffee shop, a billboard and pedestrians. A red bicycle leans against a "
        "lamppost and two pigeons peck at crumbs near a wooden bench."
    )
    assert _counts(brief) == {"coffee shop": 1, "billboard": 1, "bicycle": 1, "lamppost": 1, "pigeon": 2, "bench": 1}


def test_a_count_points_at_its_words() -> None:
    brief = "A poster with three small red wooden boxes on the left."
    found = _count(brief)
    assert found.source.quote == "three small red wooden boxes"
    assert brief[found.source.start : found.source.end] == found.source.quote


def test_more_than_a_hundred_of_one_thing_is_a_brief_error() -> None:
    with pytest.raises(BriefError, match="at most 100"):
        extract_constraints("A poster with 150 balloons.")


@pytest.mark.parametrize("brief", [
    "A poster for the 2024 Paris Olympics opening ceremony",
    "A news banner: who won the 2022 World Cup",
    "A yearbook cover for the Class of 2026 graduates",
    "A poster for 2026 Summer Games finals",
])  # fmt: skip
def test_a_year_is_no_count_of_things(brief: str) -> None:
    assert not [c for c in extract_constraints(brief).of_kind("count") if c.count > 100]


def test_kinds_of_things_past_twenty_four_are_left_out_by_name_not_dropped() -> None:
    things = "cat dog owl fox bee cow pig frog duck lion tiger horse rabbit bear deer wolf snail crab whale shark zebra"
    things += " panda camel goat kite"
    brief = "A scene with " + ", ".join(f"a {thing}" for thing in things.split()) + "."
    constraints = extract_constraints(brief)
    assert len(constraints.of_kind("count")) == 24
    [kite] = constraints.left_out
    assert (kite.clause, kite.status) == ("a kite", "not_planned")
    assert "more kinds of things than a plan carries (24)" in kite.reason


def test_a_ten_thousand_character_brief_is_read_quickly() -> None:
    import time

    sentence = "A red kite flies above a tall tree near a small wooden house by the lake. "
    brief = (sentence * 200)[:9000] + " Headline 'Hi'."
    extract_constraints(sentence)  # load the vocabulary and the inflection engine first
    started = time.perf_counter()
    constraints = extract_constraints(brief)
    assert time.perf_counter() - started < 1.0
    # Every kite the brief introduces adds to one count of kites.
    kites = next(c for c in constraints.items if isinstance(c, RequiredCount) and c.object_class == "kite")
    assert kites.count > 1


def test_a_count_that_adds_up_past_one_hundred_leaves_the_rest_out_by_name_not_dropped() -> None:
    constraints = extract_constraints("A poster with 60 red balloons and 60 blue balloons.")
    [balloons] = constraints.of_kind("count")
    assert balloons.count == 60  # not 100: the count drawn is one the brief asked for
    [second] = constraints.left_out
    assert (second.clause, second.status) == ("60 blue balloons", "not_planned")
    assert "120 balloons in all; a plan draws at most 100 of one thing" in second.reason
