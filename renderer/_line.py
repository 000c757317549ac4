"""One line of text at one size, measured and drawn segment by segment (one face each) on one baseline.

Letter spacing (`tracking`, in pixels) goes between the clusters of left-to-right segments whose scripts do not
join or stack their letters; Arabic, Hebrew and the Indic and Thai scripts are set as shaped, untracked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from tessera.contract import Script, script_of
from tessera.renderer._clusters import clusters
from tessera.renderer._fallback import FaceChain, Segment, ordered_segments
from tessera.renderer._fonts import EMOJI_SIZE, load_font
from tessera.renderer._sprites import emoji_strike, emoji_strike_box


@dataclass(frozen=True)
class Picture:
    """A colour bitmap (an inline emoji) to lay over the text, with its top-left corner."""

    image: Image.Image
    at: tuple[int, int]


@dataclass(frozen=True)
class Piece:
    """What one drawing call sets: a segment (with letter spacing, one cluster of it), where its pen starts
    relative to the line's, and which of the line's segments, in logical order, it comes from."""

    segment: Segment
    x: float
    index: int


# Scripts whose letters join or stack: spacing them apart would break the words.
_UNTRACKED: frozenset[Script] = frozenset({"arabic", "hebrew", "devanagari", "thai", "bengali", "tamil"})


# Fitting and balancing measure the same candidate lines many times over, and shaping is the cost.
@lru_cache(maxsize=1 << 16)
def line_advance(chain: FaceChain, size: int, line: str, tracking: float = 0.0) -> float:
    """How far the pen moves drawing `line`: its segments' advances and the letter spacing between them."""
    return sum(space + _advance(segment, size) for segment, space, _ in _pieces(chain, line, tracking))


@lru_cache(maxsize=1 << 14)
def line_ink(chain: FaceChain, size: int, line: str, tracking: float = 0.0) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of the line's ink from the pen's start on the baseline (zeros for spaces)."""
    boxes: list[tuple[float, float, float, float]] = []
    pen = 0.0
    for segment, space, _ in _pieces(chain, line, tracking):
        pen += space
        if not segment.text.isspace():
            left, top, right, bottom = _ink(segment, size)
            boxes.append((pen + left, top, pen + right, bottom))
        pen += _advance(segment, size)
    if not boxes:
        return 0.0, 0.0, 0.0, 0.0
    lefts, tops, rights, bottoms = zip(*boxes, strict=True)
    return min(lefts), min(tops), max(rights), max(bottoms)


def draw_line(
    draw: ImageDraw.ImageDraw,
    origin: tuple[float, float],
    chain: FaceChain,
    size: int,
    line: str,
    tracking: float = 0.0,
) -> list[Picture]:
    """Draw `line`'s glyphs as coverage (255) with the pen starting at `origin` on the baseline.

    Colour emoji cannot go into a coverage mask: they come back as pictures,
    placed in the same coordinates, for the caller to lay over the text.
    """
    x, baseline = origin
    pictures: list[Picture] = []
    for segment, space, _ in _pieces(chain, line, tracking):
        x += space
        if segment.face.color:
            image, (left, top) = inline_emoji(segment, size)
            pictures.append(Picture(image, (round(x + left), round(baseline + top))))
        else:
            font = load_font(segment.face, size)
            draw.text(
                (x, baseline),
                segment.text,
                font=font,
                fill=255,
                anchor="ls",
                direction=_direction(segment),
                language=segment.language,
            )
        x += _advance(segment, size)
    return pictures


@lru_cache(maxsize=1 << 12)
def placed_pieces(chain: FaceChain, size: int, line: str, tracking: float = 0.0) -> tuple[Piece, ...]:
    """The line's pieces in display order, left to right, each with its pen's offset from the line's start: what
    `draw_line` draws and the SVG writer sets as live text."""
    placed: list[Piece] = []
    pen = 0.0
    for segment, space, index in _pieces(chain, line, tracking):
        pen += space
        placed.append(Piece(segment, pen, index))
        pen += _advance(segment, size)
    return tuple(placed)


@lru_cache(maxsize=1 << 14)
def _pieces(chain: FaceChain, line: str, tracking: float) -> tuple[tuple[Segment, float, int], ...]:
    """The line as (segment, space before it, the segment's logical index), in display order: whole segments
    without tracking; with it, the clusters of trackable segments apart, each after `tracking` pixels of space
    (none before the line's first)."""
    logical, order = ordered_segments(chain, line)
    if not tracking:
        return tuple((logical[index], 0.0, index) for index in order)
    pieces: list[tuple[Segment, float, int]] = []
    for index in order:
        segment = logical[index]
        if not _trackable(segment):
            pieces.append((segment, 0.0, index))
            continue
        for cluster in clusters(segment.text):
            piece = Segment(cluster, segment.face, segment.level, segment.language)
            pieces.append((piece, tracking if pieces else 0.0, index))
    return tuple(pieces)


def _trackable(segment: Segment) -> bool:
    return not segment.rtl and not any(script_of(char) in _UNTRACKED for char in segment.text)


@lru_cache(maxsize=1 << 14)
def _advance(segment: Segment, size: int) -> float:
    if segment.face.color:
        strike = load_font(segment.face, EMOJI_SIZE)
        return strike.getlength(segment.text, direction=_direction(segment)) * size / EMOJI_SIZE
    font = load_font(segment.face, size)
    return font.getlength(segment.text, direction=_direction(segment), language=segment.language)


@lru_cache(maxsize=1 << 14)
def _ink(segment: Segment, size: int) -> tuple[float, float, float, float]:
    if segment.face.color:
        (left, top), (width, height) = _inline_emoji_place(segment, size)
        return left, top, left + width, top + height
    font = load_font(segment.face, size)
    return font.getbbox(segment.text, anchor="ls", direction=_direction(segment), language=segment.language)


def inline_emoji(segment: Segment, size: int) -> tuple[Image.Image, tuple[float, float]]:
    """The segment's emoji scaled from the bitmap strike to `size`, and its offset from the pen.

    Not cached: at large sizes one run of emoji is megabytes; measuring needs only `_inline_emoji_place`."""
    strike, _ = emoji_strike(segment.face, segment.text, rtl=segment.rtl)
    offset, scaled_size = _inline_emoji_place(segment, size)
    return strike.resize(scaled_size, Image.Resampling.LANCZOS), offset


def _inline_emoji_place(segment: Segment, size: int) -> tuple[tuple[float, float], tuple[int, int]]:
    """Where the segment's scaled emoji sit from the pen, and their size in pixels."""
    left, top, right, bottom = emoji_strike_box(segment.face, segment.text, rtl=segment.rtl)
    scale = size / EMOJI_SIZE
    scaled = (max(1, round((right - left) * scale)), max(1, round((bottom - top) * scale)))
    return (left * scale, top * scale), scaled


def _direction(segment: Segment) -> str:
    return "rtl" if segment.rtl else "ltr"
