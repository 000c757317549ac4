"""Reading where things go: canvas regions and below/above relations, attached to the nearest subject."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredPosition
from tessera.planner import extract_constraints


def _positions(brief: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (p.subject, p.region, p.relation, p.reference)
        for p in extract_constraints(brief).items
        if isinstance(p, RequiredPosition)
    ]


@pytest.mark.parametrize(
    ("phrase", "region"),
    [
        ("in the top-left corner", "top-left"),
        ("in the top left", "top-left"),
        ("in the upper right corner", "top-right"),
        ("in the bottom-right corner", "bottom-right"),
        ("across the top", "top"),
        ("at the top", "top"),
        ("at the bottom", "bottom"),
        ("on the left", "left"),
        ("on the right side", "right"),
        ("in the middle", "center"),
        ("centered on the poster", "center"),
    ],
)
def test_region_phrases_attach_to_the_counted_objects(phrase: str, region: str) -> None:
    assert _positions(f"Headline 'Hi'. Four stars {phrase}.") == [("star", region, None, None)]


def test_a_centered_text_is_aligned_not_put_in_the_middle_of_the_canvas() -> None:
    assert _positions("A poster with a centered headline 'Hi' at the top.") == [("Hi", "top", None, None)]
    assert _positions("A sign with centered, bold text that reads 'OPEN'.") == []


def test_region_attaches_to_the_nearest_subject_in_its_sentence() -> None:
    found = _positions("Headline 'GRAND OPENING' at the top. Five balloons at the bottom.")
    assert found == [("GRAND OPENING", "top", None, None), ("balloon", "bottom", None, None)]


def test_below_it_refers_to_the_previous_text() -> None:
    found = _positions("Headline 'GRAND OPENING'. Below it 'Saturday 10 AM'.")
    assert found == [("Saturday 10 AM", None, "below", "GRAND OPENING")]


def test_below_the_headline_refers_to_the_headline_text() -> None:
    found = _positions("Headline 'GRAND OPENING', subtitle 'Come in'. Three stars below the headline.")
    assert found == [("star", None, "below", "GRAND OPENING")]


def test_under_a_quoted_string_refers_to_that_string() -> None:
    found = _positions("Show 'A' and 'B'. Put 'C' under 'A'.")
    assert found == [("C", None, "below", "A")]


def test_above_relation() -> None:
    found = _positions("Headline 'Winter Market'. Twelve snowflakes above the headline.")
    assert found == [("snowflake", None, "above", "Winter Market")]


def test_example_brief_positions(launch_constraints) -> None:  # type: ignore[no-untyped-def]
    found = [(p.subject, p.region, p.relation, p.reference) for p in launch_constraints.of_kind("position")]
    assert ("balloon", "top", None, None) in found
    assert ("Saturday 10 AM", None, "below", "GRAND OPENING") in found


def test_a_place_that_opens_its_sentence_belongs_to_the_main_clause_not_to_a_thing_inside_the_phrase() -> None:
    found = _positions("A cartoon of a dog. At the top left corner above the dog's head, a speech bubble reads 'Hi'.")
    assert [(subject, region) for subject, region, _, _ in found] == [("bubble", "top-left")]
    assert _positions("At the top, a banner reads 'Sale'.") == [("Sale", "top", None, None)]
