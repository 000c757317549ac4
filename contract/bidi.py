"""Embedding levels of a line's script runs and the visual order of its pieces: the Unicode bidi algorithm, simplified.

Enough for left-to-right lines with right-to-left words in them and right-to-left lines with numbers and Latin
in them: level 0 is left to right, 1 right to left, 2 left to right inside right to left. The renderer shapes and
orders the glyphs inside each piece (raqm) and orders the pieces, which may be in different faces, by these levels;
the verifier uses the same order to compare a mixed-direction line as OCR reports it (`display_order`).
"""

from __future__ import annotations

import re
import unicodedata

from tessera.contract.plan import Script
from tessera.contract.scripts import detect_script, script_runs

RTL_SCRIPTS: frozenset[Script] = frozenset({"arabic", "hebrew"})
_WORDS = re.compile(r"\s+|\S+")

# Bidi classes with no direction of their own: paragraph and segment separators, spaces, other neutrals ...
_NEUTRAL = frozenset({"B", "S", "WS", "ON"})
# ... and separators and terminators, neutral too unless they touch a number ('25%', '$5', '1,500').
_NUMBER_PUNCTUATION = frozenset({"ES", "ET", "CS"})
_DIGITS = frozenset({"EN", "AN"})


def run_levels(run: str, run_rtl: bool, base_rtl: bool) -> list[tuple[str, int]]:
    """One script run of a line cut into pieces with their embedding levels, in logical order.

    A run against the base direction loses its edge spaces and punctuation to
    the base level (neutrals between opposite directions take the base's), so
    they stay between the runs instead of folding into the reversed one. Numbers
    inside right-to-left text sit a level higher: their digits read left to right.
    """
    base = int(base_rtl)
    start, end = 0, len(run)
    if run_rtl != base_rtl:
        while start < end and _is_neutral(run[start], inward=run[start + 1 : start + 2]):
            start += 1
        while end > start and _is_neutral(run[end - 1], inward=run[max(0, end - 2) : end - 1]):
            end -= 1
    core = run[start:end]
    pieces = [(run[:start], base)]
    pieces += _with_numbers(core) if run_rtl else [(core, 2 if base_rtl else 0)]
    pieces.append((run[end:], base))
    return [(text, level) for text, level in pieces if text]


def visual_order(levels: list[int]) -> list[int]:
    """Indices of pieces at `levels` in display order, left to right.

    Rule L2: from the highest level down to 1, every maximal stretch of pieces
    at that level or higher is reversed.
    """
    order = list(range(len(levels)))
    for level in range(max(levels, default=0), 0, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[index:end] = reversed(order[index:end])
            index = end
    return order


def display_order(line: str, script: Script | None = None) -> str:
    """`line`'s words in the order they are displayed, left to right, each word's characters in logical order.

    OCR engines report a mixed-direction line this way: each word read in its own direction, the words in the
    order they stand. 'Price مرحبا 2026' displays as 'Price 2026 مرحبا'. A line in one direction is unchanged.
    `script` (the text element's) sets the line's base direction, as it does in the renderer; None: the line's
    dominant script.
    """
    base_rtl = (script or detect_script(line)) in RTL_SCRIPTS
    pieces = [piece for run in script_runs(line) for piece in run_levels(run.text, run.script in RTL_SCRIPTS, base_rtl)]
    shown = (pieces[index] for index in visual_order([level for _, level in pieces]))
    return "".join("".join(reversed(_WORDS.findall(text))) if level % 2 else text for text, level in shown)


def _is_neutral(char: str, *, inward: str) -> bool:
    """Whether `char` takes its direction from its surroundings; `inward` is its neighbour towards the run."""
    kind = unicodedata.bidirectional(char)
    return kind in _NEUTRAL or (kind in _NUMBER_PUNCTUATION and not inward.isdigit())


def _with_numbers(text: str) -> list[tuple[str, int]]:
    """Right-to-left text at level 1, with its numbers at level 2."""
    pieces: list[tuple[str, int]] = []
    done = 0
    for start, end in _number_spans(text):
        pieces += [(text[done:start], 1), (text[start:end], 2)]
        done = end
    pieces.append((text[done:], 1))
    return [(piece, level) for piece, level in pieces if piece]


def _number_spans(text: str) -> list[tuple[int, int]]:
    """Where the numbers are: digits, with separators between digits and terminators ('%', '$') beside them."""
    kinds = [unicodedata.bidirectional(char) for char in text]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        if kinds[index] not in _DIGITS:
            index += 1
            continue
        start, end = index, index + 1
        while start > (spans[-1][1] if spans else 0) and kinds[start - 1] == "ET":
            start -= 1
        while end < len(text) and (
            kinds[end] in _DIGITS
            or kinds[end] in ("ET", "NSM")
            or (kinds[end] in ("ES", "CS") and end + 1 < len(text) and kinds[end + 1] in _DIGITS)
        ):
            end += 1
        spans.append((start, end))
        index = end
    return spans
