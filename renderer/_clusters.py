"""Clusters: a character with the marks, joiners and modifiers that must stay with it (one face, one line)."""

from __future__ import annotations

import unicodedata

_ZWJ = "\u200d"
_ZWNJ = "\u200c"
_KEEP_WITH_PREVIOUS = frozenset({_ZWJ, _ZWNJ})


def clusters(text: str) -> list[str]:
    """`text` cut into clusters; ''.join(clusters(text)) == text.

    A cluster is a base character with its combining marks (vowel signs, accents,
    the keycap), variation selectors, zero-width joiners and what they join
    (emoji sequences), skin-tone modifiers and emoji tags, and a flag's pair of
    regional indicators. Cutting between clusters never strands a mark or splits
    an emoji, whether the cut is a line break or a change of font.
    """
    result: list[str] = []
    for char in text:
        if result and _continues(result[-1], char):
            result[-1] += char
        else:
            result.append(char)
    return result


def _continues(cluster: str, char: str) -> bool:
    """Whether `char` belongs to the cluster before it."""
    code = ord(char)
    return (
        unicodedata.category(char).startswith("M")
        or char in _KEEP_WITH_PREVIOUS
        or cluster.endswith(_ZWJ)
        or is_variation_selector(char)
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
        or (_is_regional_indicator(char) and sum(map(_is_regional_indicator, cluster)) % 2 == 1)
    )


def is_variation_selector(char: str) -> bool:
    """Whether `char` selects a glyph variant (text or emoji presentation, ideographic variants)."""
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _is_regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF
