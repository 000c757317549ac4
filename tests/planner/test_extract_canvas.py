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
        ("A landscape poster with 'Hi'.", (1920, 1080)),
        ("A slide titled 'Hi'.", (1920, 1080)),
        ("A 16:9 image with 'Hi'.", (1920, 1080)),
        ("A 21:9 image with 'Hi'.", (1920, 823)),
        ("A web banner with 'Hi'.", (1920, 640)),
        ("An ad at 1200x628 with 'Hi'.", (1200, 628)),
        ("A post at 1080 x 1080 with 'Hi'.", (1080, 1080)),
        ("A LinkedIn banner at 1584x396 with 'Hi'.", (1584, 396)),
        ("A tall story at 1080x1920 with 'Hi'.", (1080, 1920)),
        ("A favicon at 64x64 with 'Hi'.", (64, 64)),
        ("A card at 1000x1001 with 'Hi'.", (1000, 1001)),
    ],
)
def test_canvas_hints(brief: str, size: tuple[int, int]) -> None:
    assert _size(brief) == size


def test_explicit_sizes_are_clamped_to_the_schema_limits() -> None:
    assert _size("Render at 8000x8000.") == (3840, 3840)
    assert _size("Render at 4000x2000.") == (3840, 2000)
    assert _size("Render at 3600x400.") == (3600, 450)  # the short edge grows to keep 8:1


@pytest.mark.parametrize(
    "brief",
    ["A 10x10 grid of squares with 'Hi'.", "A 70x100 cm poster with 'Hi'.", "A 24x36\" print with 'Hi'."],
)
def test_grid_and_print_sizes_are_not_pixels(brief: str) -> None:
    assert _size(brief) in (None, (1024, 1536))  # a poster without a size in pixels gets the poster's canvas


def test_a_poster_without_a_size_gets_the_posters_portrait_canvas() -> None:
    assert _size("A launch poster with 'GRAND OPENING'.") == (1024, 1536)


def test_portrait_of_someone_is_not_a_format() -> None:
    assert _size("A portrait of a cat with 'Meow'.") is None


def test_sizes_inside_quotes_are_text() -> None:
    assert _size("Headline 'Now in 1920x1080'.") is None
