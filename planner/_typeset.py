"""Estimates of how big text and sprite groups come out, so boxes match what the renderer's fit will choose.

The estimates err wide: a box sized for slightly wider glyphs than the font's real ones still fits the text
at the planned size, while one sized too narrow would make the renderer shrink or re-wrap it.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Literal

from tessera.contract import MIN_TEXT_SIZE, Script

_NARROW = set("iljtfI.,:;'!|()[]\u2019")
_WIDE = set("MWmw@%")
_SAFETY = 1.06
SPRITE_GAP = 0.45  # gap between sprites, as a fraction of sprite size (the renderer needs at least 0.25)
# The renderer sets no text smaller than MIN_TEXT_SIZE: a box planned for smaller text on a small canvas would
# make the text run over it.
MIN_TEXT_PX = float(MIN_TEXT_SIZE)

# Height of one line (ascent + descent) in em for the Noto faces the renderer uses, per script.
_LINE_EM: dict[str, float] = {
    "han": 1.50,
    "kana": 1.50,
    "hangul": 1.50,
    "arabic": 1.85,
    "devanagari": 1.75,
    "thai": 1.75,
    "bengali": 1.75,
    "tamil": 1.55,
}
LINE_SPACING = 1.15


def is_wide_char(char: str) -> bool:
    """Whether a character is set full-width (CJK ideographs, kana, hangul, full-width forms)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def char_width_em(char: str, bold: bool) -> float:
    """An upper estimate of one character's advance, in em."""
    if char == " ":
        return 0.27
    if is_wide_char(char):
        return 1.0
    if char in _NARROW:
        return 0.32
    if char in _WIDE:
        return 0.92 if bold else 0.86
    category = unicodedata.category(char)
    if category.startswith("M"):
        return 0.0
    name = unicodedata.name(char, "")
    if name.startswith(("ARABIC", "HEBREW")):
        return 0.52
    if char.isdigit():
        return 0.6
    if char.isupper():
        return 0.72 if bold else 0.67
    if char.isalpha():
        return 0.6 if bold else 0.56
    return 0.45


def text_width_em(text: str, bold: bool) -> float:
    """The estimated width of `text` on one line, in em."""
    return _SAFETY * sum(char_width_em(c, bold) for c in text)


def _tokens(text: str) -> list[str]:
    """Break opportunities as the renderer takes them: at spaces, and between full-width characters."""
    tokens: list[str] = []
    for word in text.split(" "):
        current = ""
        for char in word:
            if is_wide_char(char):
                if current:
                    tokens.append(current)
                    current = ""
                tokens.append(char)
            else:
                current += char
        if current:
            tokens.append(current)
        tokens.append(" ")
    return tokens[:-1]


def line_count(text: str, size: float, width: float, bold: bool) -> int | None:
    """Lines the renderer needs for `text` at `size` px in `width` px, or None when a word is too wide."""
    limit = width / size
    lines, current = 1, 0.0
    for token in _tokens(text):
        if token == " ":
            current += text_width_em(" ", bold)
            continue
        token_em = text_width_em(token, bold)
        if token_em > limit:
            return None
        if current > 0 and current + token_em > limit:
            lines += 1
            current = token_em
        else:
            current += token_em
    return lines


def text_height(size: float, lines: int, script: Script) -> float:
    """Box height for `lines` lines at `size` px, with a little room for accents and descenders."""
    return size * (_LINE_EM.get(script, 1.42) + LINE_SPACING * (lines - 1) + 0.12)


@dataclass(frozen=True)
class TextFit:
    """A planned font size and the number of lines it wraps to."""

    size: float
    lines: int


def measure_width(width: float, size: float, measure_em: float | None) -> float:
    """The width lines wrap at: the box's, or less when a measure (longest line, in em of `size`) is set."""
    return width if measure_em is None else min(width, measure_em * size)


def fit_text(
    text: str, base: float, minimum: float, width: float, max_lines: int, bold: bool, measure_em: float | None = None
) -> TextFit:
    """The largest size from `base` down to `minimum` at which `text` fits `width` in at most `max_lines` lines.

    With `measure_em`, lines are also never longer than that many em of the size (see `measure_width`). When
    nothing fits in `max_lines`, the text takes more lines at `minimum` (or shrinks further if one word is wider
    than the box). No size is below MIN_TEXT_PX.
    """
    minimum = max(minimum, MIN_TEXT_PX)

    def lines_at(size: float) -> int | None:
        return line_count(text, size, measure_width(width, size, measure_em), bold)

    size = max(base, minimum)
    while size >= minimum:
        lines = lines_at(size)
        if lines is not None and lines <= max_lines:
            return TextFit(size, lines)
        size *= 0.95
    size = minimum
    while (lines := lines_at(size)) is None and size > MIN_TEXT_PX:
        size = max(MIN_TEXT_PX, size * 0.92)
    if lines is None:  # a word wider than the box even at the floor runs over it, on a line of its own
        widest = max(text_width_em(token, bold) for token in _tokens(text)) * size
        lines = line_count(text, size, max(measure_width(width, size, measure_em), widest), bold)
    return TextFit(size, lines or 1)


@dataclass(frozen=True)
class GroupFit:
    """A planned sprite group: its box size, arrangement and sprite size."""

    width: float
    height: float
    arrangement: Literal["row", "grid"]
    sprite: float
    columns: int
    rows: int


WRAP_GAIN = 1.25  # a short row wraps onto more rows only when that makes its sprites this much bigger


def _group_fit(count: int, columns: int, width: float, max_height: float, sprite: float) -> GroupFit:
    rows = math.ceil(count / columns)
    size = min(
        sprite,
        width / (columns + (columns - 1) * SPRITE_GAP),
        max_height / (rows + (rows - 1) * SPRITE_GAP) / 1.1,
    )
    return GroupFit(
        width=columns * size + (columns - 1) * SPRITE_GAP * size,
        height=(rows * size + (rows - 1) * SPRITE_GAP * size) * 1.1,
        arrangement="row" if rows == 1 else "grid",
        sprite=size,
        columns=columns,
        rows=rows,
    )


def fit_group(count: int, width: float, max_height: float, sprite: float, *, one_row: bool = False) -> GroupFit:
    """The group box for `count` sprites of up to `sprite` px in `width` x `max_height`.

    Up to 8 sprites go in a row, wrapped onto a few rows when that makes them much bigger (unless `one_row`);
    more go in the grid with the biggest sprites. A last row is never less than half full.
    """
    if count <= 8:
        row = _group_fit(count, count, width, max_height, sprite)
        if one_row or count < 4:
            return row
        wrapped = [
            _group_fit(count, columns, width, max_height, sprite)
            for columns in range(count - 1, 1, -1)
            if math.ceil(count / columns) * columns - count <= columns / 2
        ]
        widest = max(wrapped, key=lambda fit: (round(fit.sprite), -fit.rows), default=row)
        return widest if widest.sprite >= WRAP_GAIN * row.sprite else row
    best: GroupFit | None = None
    best_key: tuple[float, int, int] | None = None
    for columns in range(2, min(count, 10) + 1):
        rows = math.ceil(count / columns)
        empty = rows * columns - count
        if empty > columns / 2:
            continue  # a last row less than half full looks like a mistake
        fit = _group_fit(count, columns, width, max_height, sprite)
        key = (-round(fit.sprite), rows, empty)
        if best_key is None or key < best_key:
            best_key, best = key, fit
    assert best is not None
    return best
