"""The canvas rules, stated once: any edge from 64 to 3840 px, aspect at most 8:1, taken exactly as asked.

`Canvas` accepts exactly the sizes `Canvas.broken_rule` finds nothing wrong with, and `Canvas.nearest` moves only
the sizes it refuses.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tessera.contract import Canvas

EXACT_SIZES = [(1920, 1080), (1080, 1920), (1080, 1080), (1584, 396), (1000, 1001), (64, 64), (3840, 480), (480, 3840)]


@pytest.mark.parametrize(
    ("width", "height", "rule"),
    [
        *[(w, h, None) for w, h in EXACT_SIZES],
        (63, 64, "edge"),
        (64, 63, "edge"),
        (3841, 1024, "edge"),
        (1024, 3841, "edge"),
        (3600, 400, "aspect"),
        (400, 3600, "aspect"),
        (513, 64, "aspect"),
    ],
)
def test_each_size_breaks_the_rule_named_or_none(width: int, height: int, rule: str | None) -> None:
    assert Canvas.broken_rule(width, height) == rule


@pytest.mark.parametrize(("width", "height"), [*EXACT_SIZES, (63, 64), (3841, 1024), (3600, 400), (512, 64)])
def test_the_model_accepts_exactly_the_sizes_that_break_no_rule(width: int, height: int) -> None:
    valid = Canvas.broken_rule(width, height) is None
    try:
        Canvas(width=width, height=height)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == valid


def test_a_too_long_canvas_is_refused_with_what_to_change() -> None:
    with pytest.raises(ValidationError, match="exceeds 8:1; make the short edge at least 1/8 of the long edge"):
        Canvas(width=3600, height=400)


@pytest.mark.parametrize(("width", "height"), EXACT_SIZES)
def test_the_nearest_canvas_to_a_valid_size_is_that_size(width: int, height: int) -> None:
    canvas = Canvas.nearest(width, height)
    assert (canvas.width, canvas.height) == (width, height)


@pytest.mark.parametrize(
    ("asked", "nearest"),
    [
        ((10, 10), (64, 64)),
        ((8000, 8000), (3840, 3840)),
        ((4000, 2000), (3840, 2000)),
        ((3600, 400), (3600, 450)),  # the short edge grows: the long edge is the one the user named
        ((100, 3000), (375, 3000)),
        ((1200.4, 627.6), (1200, 628)),
    ],
)
def test_the_nearest_canvas_to_a_refused_size_keeps_the_long_edge(
    asked: tuple[float, float], nearest: tuple[int, int]
) -> None:
    canvas = Canvas.nearest(*asked)
    assert (canvas.width, canvas.height) == nearest


@given(
    width=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    height=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
)
def test_the_nearest_canvas_to_any_size_is_a_valid_canvas(width: float, height: float) -> None:
    canvas = Canvas.nearest(width, height)
    assert Canvas.broken_rule(canvas.width, canvas.height) is None


@pytest.mark.parametrize(("asked", "nearest"), [((256, 3840), (480, 3840)), ((3840, 256), (3840, 480))])
def test_a_size_too_narrow_for_its_long_edge_is_moved_to_a_valid_one(
    asked: tuple[int, int], nearest: tuple[int, int]
) -> None:
    canvas = Canvas.nearest(*asked)
    assert (canvas.width, canvas.height) == nearest
