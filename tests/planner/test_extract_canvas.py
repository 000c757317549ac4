"""Reading a canvas size from a brief: explicit sizes, aspect ratios and format words."""

from __future__ import annotations

import pytest

from tessera.planner import extract_constraints


def _size(brief: str) -> tuple[int, int] | None:
    canvas = extract_constraints(brief).canvas
    return None if canvas is None else (canvas.width, canvas.height)


@pytest.mark.parametrize(
    ("brief", "size"),
    [
        ("A square poster with 'Hi'.", (1024, 1024)),
        ("A portrait poster with 'Hi'.", (1024, 1536)),
        ("A landscape poster with 'Hi'.", (1920, 1088)),
        ("A slide titled 'Hi'.", (1920, 1088)),
        ("A 16:9 image with 'Hi'.", (1920, 1088)),
        ("A web banner with 'Hi'.", (1536, 512)),
        ("An ad at 1200x628 with 'Hi'.", (1200, 624)),
        ("A post at 1080 x 1080 with 'Hi'.", (1088, 1088)),
    ],
)
def test_canvas_hints(brief: str, size: tuple[int, int]) -> None:
    assert _size(brief) == size


def test_explicit_sizes_are_clamped_to_the_schema_limits() -> None:
    assert _size("Render at 8000x8000.") == (3840, 3840)
    assert _size("Render at 4000x2000.") == (3840, 2000)
    assert _size("Render at 3000x500.") == (3008, 1008)  # the short edge grows to keep 3:1


def test_a_poster_without_a_format_word_leaves_the_canvas_open() -> None:
    assert _size("A launch poster with 'GRAND OPENING'.") is None


def test_portrait_of_someone_is_not_a_format() -> None:
    assert _size("A portrait of a cat with 'Meow'.") is None


def test_sizes_inside_quotes_are_text() -> None:
    assert _size("Headline 'Now in 1920x1080'.") is None
