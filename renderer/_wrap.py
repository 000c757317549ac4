"""Line breaking: split text into unbreakable units and fill lines greedily by measured width."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from tessera.contract import script_of
from tessera.renderer._clusters import clusters

# Never start a line with closing punctuation, never end one with opening punctuation (kinsoku).
_CLOSING = set("、。，．・：；？！）」』】〕〉》”’ー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.!?:;)]}%")
_OPENING = set("（「『【〔〈《“‘([{")

Measure = Callable[[str], float]
# Every line and paragraph separator str.splitlines knows: raqm refuses to lay out a line that holds one ("\r",
# "\x85", "\u2029" and others fail raqm_layout), so each breaks the text as "\n" does.
_PARAGRAPH_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def paragraphs(text: str) -> list[str]:
    """`text` split at every line or paragraph separator (an empty paragraph kept where two follow each other)."""
    return _PARAGRAPH_BREAK.split(text)


def _breaks_anywhere(char: str) -> bool:
    """Whether a line may break before or after `char` without a space: han, kana and full-width punctuation.

    Korean is written with spaces and breaks at them; emoji (also wide) stay with their word.
    """
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    return wide and script_of(char) != "hangul" and not 0x1F000 <= ord(char) <= 0x1FAFF


# Fitting wraps the same paragraph at many sizes and widths.
@lru_cache(maxsize=1024)
def break_units(paragraph: str) -> tuple[str, ...]:
    """Pieces of `paragraph` that a line break may fall between; ''.join(units) == paragraph.

    Lines break after runs of spaces, in any script, and also between han,
    kana and full-width punctuation, so a Chinese phrase inside a Latin line
    wraps like Chinese; runs of other characters (Latin words, numbers) stay
    whole, punctuation stays attached to its neighbour, and no cluster (a letter
    with its marks, an emoji sequence) is ever cut.
    """
    units: list[str] = []
    last = ""  # the base character of the cluster before
    for cluster in clusters(paragraph):
        char = cluster[0]
        attach = units and (
            char.isspace()
            or char in _CLOSING
            or last in _OPENING
            or (not _breaks_anywhere(char) and not _breaks_anywhere(last) and not last.isspace())
        )
        if attach:
            units[-1] += cluster
        else:
            units.append(cluster)
        last = char
    return tuple(units)


def wrap(text: str, width: float, measure: Measure, *, split_words: bool) -> list[str] | None:
    """`text` filled into lines no wider than `width`, or None when a unit is wider than a line.

    Hard newlines in `text` always break. With `split_words`, a unit wider than a line
    is split between characters instead of failing (the last resort at the minimum size).
    """
    lines: list[str] = []
    for paragraph in paragraphs(text):
        units = break_units(paragraph.strip())
        current = ""
        for unit in units:
            candidate = current + unit
            if measure(candidate.strip()) <= width:
                current = candidate
                continue
            if current.strip():
                lines.append(current.strip())
            current = unit.lstrip()
            if measure(current.strip()) > width:
                if not split_words:
                    return None
                pieces = _split_unit(current, width, measure)
                lines.extend(pieces[:-1])
                current = pieces[-1]
        lines.append(current.strip())
    return lines


def _split_unit(unit: str, width: float, measure: Measure) -> list[str]:
    """An over-wide unit cut between characters into pieces that fit (one character at least)."""
    pieces: list[str] = []
    current = ""
    for cluster in clusters(unit):
        if current and measure((current + cluster).strip()) > width:
            pieces.append(current)
            current = cluster
        else:
            current += cluster
    pieces.append(current)
    return pieces
