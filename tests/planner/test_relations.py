"""Reading relations between things: each relation phrase ties the thing before it to the thing after it, both sides
are counted, and a place on the canvas or a text stays a region or a text reference."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredCount, RequiredPosition
from tessera.planner import extract_constraints


def _relations(brief: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (p.subject, p.relation, p.reference, p.second_reference)
        for p in extract_constraints(brief).items
        if isinstance(p, RequiredPosition) and p.reference_kind == "objects"
    ]


def _counts(brief: str) -> dict[str, int]:
    return {c.object_class: c.count for c in extract_constraints(brief).items if isinstance(c, RequiredCount)}


@pytest.mark.parametrize(
    ("brief", "relation"),
    [
        ("A lamp to the left of a sofa.", ("lamp", "left_of", "sofa", None)),
        ("A lamp left of a sofa.", ("lamp", "left_of", "sofa", None)),
        ("A lamp on the left of a sofa.", ("lamp", "left_of", "sofa", None)),
        ("A lamp on the left side of a sofa.", ("lamp", "left_of", "sofa", None)),
        ("A lamp to the right of a sofa.", ("lamp", "right_of", "sofa", None)),
        ("A lamp right of a sofa.", ("lamp", "right_of", "sofa", None)),
        ("A kite above a tree.", ("kite", "above", "tree", None)),
        ("A bird flies over a house.", ("bird", "above", "house", None)),
        ("A dog below a window.", ("dog", "below", "window", None)),
        ("A ball beneath a chair.", ("ball", "under", "chair", None)),
        ("A cat underneath a table.", ("cat", "under", "table", None)),
        ("A box under a desk.", ("box", "under", "desk", None)),
        ("A book on top of a chair.", ("book", "on_top_of", "chair", None)),
        ("A cat on a mat.", ("cat", "on_top_of", "mat", None)),
        ("A vase sits on a table.", ("vase", "on_top_of", "table", None)),
        ("A dog next to a tree.", ("dog", "next_to", "tree", None)),
        ("A bench beside a lamp.", ("bench", "next_to", "lamp", None)),
        ("A bicycle by a fence.", ("bicycle", "next_to", "fence", None)),
        ("A dog between a cat and a mouse.", ("dog", "between", "cat", "mouse")),
        ("A bird between two trees.", ("bird", "between", "tree", "tree")),
        ("A car in front of a house.", ("car", "in_front_of", "house", None)),
        ("A tree behind a house.", ("tree", "behind", "house", None)),
        ("A fish inside a bowl.", ("fish", "inside", "bowl", None)),
        ("A fish in a bowl.", ("fish", "inside", "bowl", None)),
        ("Eight candles around a cake.", ("candle", "around", "cake", None)),
        ("Six chairs surrounding a table.", ("chair", "around", "table", None)),
        ("A cake surrounded by 8 candles.", ("candle", "around", "cake", None)),
        ("A boy facing a girl.", ("boy", "facing", "girl", None)),
        ("Three small red boxes directly to the left of a big blue ball.", ("box", "left_of", "ball", None)),
        ("One lamp to the left of one sofa.", ("lamp", "left_of", "sofa", None)),
        ("A sofa in the room. A lamp stands to the left of the sofa.", ("lamp", "left_of", "sofa", None)),
        ("A teddy bear next to two ice creams.", ("teddy bear", "next_to", "ice cream", None)),
        ("A table with a vase on it.", ("vase", "on_top_of", "table", None)),
        ("Headline 'Hi'. A tree with a kite above it.", ("kite", "above", "tree", None)),
    ],
)
def test_each_relation_phrase_ties_the_thing_before_to_the_thing_after(
    brief: str, relation: tuple[str, str, str, str | None]
) -> None:
    assert _relations(brief) == [relation]


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("A lamp to the left of a sofa.", {"lamp": 1, "sofa": 1}),
        ("A kite above a tree.", {"kite": 1, "tree": 1}),
        ("A vase on a table.", {"vase": 1, "table": 1}),
        ("A sofa in the room. A lamp stands to the left of the sofa.", {"sofa": 1, "lamp": 1}),
        ("A dog between a cat and a mouse.", {"dog": 1, "cat": 1, "mouse": 1}),
    ],
)
def test_both_sides_of_a_relation_are_counted(brief: str, expected: dict[str, int]) -> None:
    assert _counts(brief) == expected


def test_a_relation_points_at_its_words() -> None:
    brief = "Poster: a lamp to the left of a sofa, warm light."
    (position,) = [p for p in extract_constraints(brief).items if isinstance(p, RequiredPosition)]
    assert position.source.quote == "a lamp to the left of a sofa"
    assert brief[position.source.start : position.source.end] == position.source.quote


@pytest.mark.parametrize(
    "brief",
    [
        "A table of prices.",
        "A lamp on the left.",
        "A cat in the corner.",
        "A kite at the top.",
        "A dog on a blue background.",
        "A cat with a ball.",
        "A poster with a dog by the headline.",
        "Flowers around a vase.",
    ],
)
def test_a_place_a_text_or_an_uncounted_side_makes_no_relation_between_things(brief: str) -> None:
    assert _relations(brief) == []


def test_a_table_is_a_thing_only_in_a_relation() -> None:
    assert _counts("A table of prices and a vase.") == {"vase": 1}
    assert _counts("A vase on a table.") == {"vase": 1, "table": 1}


@pytest.mark.parametrize(
    ("brief", "region"),
    [
        ("A lamp in the top-left corner and a sofa on the right.", [("lamp", "top-left"), ("sofa", "right")]),
        ("A cat in the middle.", [("cat", "center")]),
        ("Headline 'Hi'. A kite at the bottom.", [("kite", "bottom")]),
    ],
)
def test_regions_still_attach_to_things(brief: str, region: list[tuple[str, str]]) -> None:
    found = [
        (p.subject, p.region) for p in extract_constraints(brief).items if isinstance(p, RequiredPosition) and p.region
    ]
    assert found == region


def test_a_region_word_inside_a_relation_is_no_region() -> None:
    positions = [
        p for p in extract_constraints("A lamp to the left of a sofa.").items if isinstance(p, RequiredPosition)
    ]
    assert [p.region for p in positions] == [None]


def test_below_a_text_stays_a_text_reference() -> None:
    found = [
        (p.subject, p.relation, p.reference_kind, p.reference)
        for p in extract_constraints("Headline 'GRAND OPENING'. A dog below the headline.").items
        if isinstance(p, RequiredPosition)
    ]
    assert found == [("dog", "below", "text", "GRAND OPENING")]


def test_it_stands_for_the_last_single_thing_not_a_counted_row() -> None:
    relations = _relations("A lamp behind the armchair and two books on a rug in front of it")
    assert ("rug", "in_front_of", "armchair", None) in relations
