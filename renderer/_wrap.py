"""Line breaking: split text into unbreakable units and fill lines greedily by measured width."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from tessera.contract import Script

# Scripts written without spaces between words: a line may break between any two characters.
CHARACTER_BREAK_SCRIPTS: frozenset[Script] = frozenset({"han", "kana"})

# Never start a line with closing punctuation, never end one with opening punctuation (kinsoku).
_CLOSING = set("、。，．・：；？！）」』】〕〉》”’ー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.!?:;)]}%")
_OPENING = set("（「『【〔〈《“‘([{")

Measure = Callable[[str], float]


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def break_units(paragraph: str, script: Script) -> list[str]:
    """Pieces of `paragraph` that a line break may fall between; ''.join(units) == paragraph.

    Spaced scripts break after runs of spaces. Han and kana break between wide
    characters too, keeping runs of narrow characters (Latin words, numbers) whole
    and punctuation attached to its neighbour.
    """
    if script not in CHARACTER_BREAK_SCRIPTS:
        return re.findall(r"\s*\S+\s*|\s+", paragraph) if paragraph else []
    units: list[str] = []
    for char in paragraph:
        if not units:
            units.append(char)
            continue
        previous = units[-1]
        attach = (
            char.isspace()
            or char in _CLOSING
            or previous[-1] in _OPENING
            or (not _is_wide(char) and not _is_wide(previous[-1]) and not previous[-1].isspace())
        )
        if attach:
            units[-1] = previous + char
        else:
            units.append(char)
    return units


def wrap(text: str, script: Script, width: float, measure: Measure, *, split_words: bool) -> list[str] | None:
    """`text` filled into lines no wider than `width`, or None when a unit is wider than a line.

    Hard newlines in `text` always break. With `split_words`, a unit wider than a line
    is split between characters instead of failing (the last resort at the minimum size).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        units = break_units(paragraph.strip(), script)
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
    for cluster in _clusters(unit):
        if current and measure((current + cluster).strip()) > width:
            pieces.append(current)
            current = cluster
        else:
            current += cluster
    pieces.append(current)
    return pieces


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks attached, so a cut never strands a vowel sign."""
    clusters: list[str] = []
    for char in text:
        if clusters and (unicodedata.category(char).startswith("M") or char in "\u200c\u200d"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters
