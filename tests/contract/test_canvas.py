"""The canvas rules, stated once: `Canvas` accepts exactly the sizes `Canvas.broken_rule` finds nothing wrong with."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tessera.contract import Canvas


@pytest.mark.parametrize(
    ("width", "height", "rule"),
    [
        (1024, 1024, None),
        (1536, 512, None),
        (240, 1024, "edge"),
        (4000, 1024, "edge"),
        (1000, 1024, "multiple"),
        (1584, 512, "aspect"),
        (512, 1584, "aspect"),
    ],
)
def test_each_size_breaks_the_rule_named_or_none(width: int, height: int, rule: str | None) -> None:
    assert Canvas.broken_rule(width, height) == rule


@pytest.mark.parametrize(("width", "height"), [(1024, 1024), (240, 1024), (1000, 1024), (1584, 512), (3840, 1280)])
def test_the_model_accepts_exactly_the_sizes_that_break_no_rule(width: int, height: int) -> None:
    valid = Canvas.broken_rule(width, height) is None
    try:
        Canvas(width=width, height=height)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == valid
