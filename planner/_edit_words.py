"""The words of looks and places an edit names: sizes ("bigger"), font styles ("bold", "serif"), colours and
canvas regions ("bottom-right"). The clause splitter reads them too: "make the title red and the subtitle blue"
is two edits because each part has a look of its own."""

from __future__ import annotations

import re

from tessera.contract.reading import Region
from tessera.planner._colors import hex_codes, is_color_word

RESIZE = re.compile(
    r"\b(?P<much>much |a lot |far |way )?(?P<word>bigger|larger|big|large|smaller|small|tinier|wider|taller)\b"
    r"|\b(?P<verb>enlarge|shrink|grow|double|halve|increase|decrease|reduce)\b",
    re.IGNORECASE,
)

FONT_WORDS: dict[str, tuple[str, str | bool]] = {
    "bold": ("font_weight", "bold"), "heavier": ("font_weight", "bold"),
    "not bold": ("font_weight", "regular"), "regular": ("font_weight", "regular"),
    "unbold": ("font_weight", "regular"), "lighter weight": ("font_weight", "regular"),
    "italic": ("italic", True), "italics": ("italic", True), "italicized": ("italic", True),
    "not italic": ("italic", False), "upright": ("italic", False),
    "serif": ("family", "serif"), "sans": ("family", "sans"), "sans-serif": ("family", "sans"),
    "sans serif": ("family", "sans"), "monospace": ("family", "mono"), "monospaced": ("family", "mono"),
    "mono": ("family", "mono"), "code font": ("family", "mono"), "typewriter": ("family", "mono"),
    "display": ("family", "display"), "handwritten": ("family", "handwriting"),
    "handwriting": ("family", "handwriting"),
}  # fmt: skip
FONT = re.compile(r"\b(" + "|".join(sorted(map(re.escape, FONT_WORDS), key=len, reverse=True)) + r")\b", re.I)

_REGION_WORDS: list[tuple[str, Region]] = [
    (r"(?:top|upper)[\s-]*left|left[\s-]*top", "top-left"),
    (r"(?:top|upper)[\s-]*right|right[\s-]*top", "top-right"),
    (r"(?:bottom|lower)[\s-]*left|left[\s-]*bottom", "bottom-left"),
    (r"(?:bottom|lower)[\s-]*right|right[\s-]*bottom", "bottom-right"),
    (r"top|upper|head|above everything", "top"),
    (r"bottom|foot|below everything|lower", "bottom"),
    (r"cent(?:er|re)|middle", "center"),
    (r"left", "left"),
    (r"right", "right"),
]

# A quoted text given a new one: "'A' to 'B'" (quotes already masked to \x01 runs); a kind of chart; a tone.
_NEW_WORDS = re.compile(r"\x01+\s+(?:to|with|into|as)\s+\x01+")
_CHART_KIND = re.compile(r"\b(?:bar|column|line|area|pie|donut|doughnut|scatter)\s+(?:chart|graph|plot)\b", re.I)
_TONE = re.compile(r"\b(?:dark|darker|light|lighter)\b", re.IGNORECASE)


def region_in(words: str) -> Region | None:
    """The canvas region words name ("at the bottom", "bottom-right", "in the top left corner"), or None."""
    for pattern, region in _REGION_WORDS:
        if re.search(rf"\b(?:{pattern})\b", words, re.IGNORECASE):
            return region
    return None


def names_a_look(masked: str) -> bool:
    """Whether (quote-masked) words ask for a look or a place of their own: a colour or a tone, a size, a font
    style, a canvas region, a kind of chart, or new words for a quoted text."""
    if hex_codes(masked) or RESIZE.search(masked) or FONT.search(masked) or _NEW_WORDS.search(masked):
        return True
    if _CHART_KIND.search(masked) or _TONE.search(masked):
        return True
    if region_in(masked) is not None:
        return True
    return any(is_color_word(word) for word in re.findall(r"[A-Za-z]+", masked))
