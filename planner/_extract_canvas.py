"""Reading the canvas a brief asks for: an explicit size, an aspect ratio, or a shape word such as "square".

An explicit size is taken exactly as written; only one the canvas rules refuse is moved to the nearest valid size.
"""

from __future__ import annotations

import re

from tessera.contract import MIN_EDGE, Canvas

# A print size ("70x100 cm", '24x36"') is not a pixel size.
_SIZE = re.compile(r'(?<![\w#.])(\d{2,4})\s*[x×X]\s*(\d{2,4})(?!\w|\.\d|\s*(?:cm|mm|in|inch|inches|ft)\b|\s*")')
_RATIO = re.compile(r"(?<![\w:.])(\d{1,2})\s*:\s*(\d{1,2})(?![\w:])")
_RATIOS = {
    (16, 9),
    (9, 16),
    (4, 3),
    (3, 4),
    (1, 1),
    (3, 1),
    (1, 3),
    (2, 1),
    (1, 2),
    (3, 2),
    (2, 3),
    (4, 5),
    (5, 4),
    (21, 9),
}
_SHAPE_WORDS: list[tuple[re.Pattern[str], tuple[int, int]]] = [
    (
        re.compile(
            r"\bsquare(?=\s+(?:poster|image|canvas|format|post|card|flyer|picture|graphic|label|sign|print|cover|tile|thumbnail|instagram|social))|\b(?:in|is|as)\s+(?:a\s+)?square\b(?!\s+\w)",
            re.IGNORECASE,
        ),
        (1024, 1024),
    ),
    (
        re.compile(
            r"\bportrait\b(?!\s+of)|\bvertical\s+(?:poster|format|image|flyer|layout)|\btall\s+(?:poster|format|image)",
            re.IGNORECASE,
        ),
        (1024, 1536),
    ),
    (re.compile(r"\blandscape\b|\bwidescreen\b", re.IGNORECASE), (1920, 1080)),
]


def canvas_hint(masked: str) -> Canvas | None:
    """The canvas a brief asks for in so many words: an explicit size, an aspect ratio, or a shape word ("square",
    "portrait", "landscape"); None when it names none. A format word ("slide", "banner") names a document kind,
    whose canvas `planner._read_kind` gives."""
    for match in _SIZE.finditer(masked):
        width, height = int(match.group(1)), int(match.group(2))
        if min(width, height) >= MIN_EDGE:  # smaller is a grid ("a 10x10 grid"), not pixels
            return Canvas.nearest(width, height)
    for match in _RATIO.finditer(masked):
        a, b = int(match.group(1)), int(match.group(2))
        if (a, b) in _RATIOS and not re.match(r"\s*(?:am|pm|a\.m|p\.m)\b", masked[match.end() :], re.IGNORECASE):
            long_edge = 1920 if max(a, b) / min(a, b) >= 1.6 else 1536 if a != b else 1024
            return (
                Canvas.nearest(long_edge, long_edge * b / a) if a >= b else Canvas.nearest(long_edge * a / b, long_edge)
            )
    hits = [(m.start(), size) for pattern, size in _SHAPE_WORDS for m in [pattern.search(masked)] if m]
    return Canvas.nearest(*min(hits)[1]) if hits else None
