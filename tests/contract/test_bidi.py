"""The display order of mixed-direction lines: how the renderer places the pieces and OCR reports them."""

from __future__ import annotations

import pytest

from tessera.contract import Script
from tessera.contract.bidi import display_order


@pytest.mark.parametrize(
    ("line", "script", "shown"),
    [
        ("Price مرحبا 2026", None, "Price 2026 مرحبا"),
        ("Welcome مرحبا بكم!", "latin", "Welcome بكم مرحبا!"),
        ("ราคา 120 บาท · مرحبا 2026", None, "ราคา 120 บาท · 2026 مرحبا"),
        ("Café 東京 2026", None, "Café 東京 2026"),
        ("", None, ""),
    ],
)
def test_a_left_to_right_line_shows_its_right_to_left_words_in_display_order(
    line: str, script: Script | None, shown: str
) -> None:
    assert display_order(line, script) == shown


def test_a_right_to_left_line_keeps_its_logical_order_around_its_numbers() -> None:
    # Its words and numbers stand right to left; read left to right, the number comes first.
    assert display_order("مرحبا 2026") == "2026 مرحبا"
