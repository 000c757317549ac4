"""Text in a box: choose the size that fits, wrap it, and paint it as shaped glyphs from the faces it needs.

The layout measures a text without a box here too (`settled_size`, `measure_text`, `min_content_width`), with
the same wrapping and ink extents that painting uses, so a measured box is exactly the room the text takes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from tessera.contract import MAX_EDGE, MIN_TEXT_SIZE, Box, Script, TextElement, hex_to_rgb, script_runs
from tessera.renderer._budget import TEXT_MASK_MARGIN, check_line_size
from tessera.renderer._fallback import FaceChain, uncovered
from tessera.renderer._fonts import FontBook, FontFace
from tessera.renderer._line import Picture, draw_line, line_advance, line_ink
from tessera.renderer._wrap import break_units, paragraphs, wrap

# Scripts whose marks stack far above and below the line need more room between baselines.
_PITCH_FACTOR: dict[Script, float] = {"arabic": 1.15, "devanagari": 1.15, "thai": 1.15, "bengali": 1.15, "tamil": 1.1}
# Advance widths can hide a few pixels of overhanging ink; this many refits close the gap.
_MAX_INK_REFITS = 8
_STUB_SHARE = 0.4  # a last line shorter than this share of the longest line looks orphaned
# A strut, as in CSS: every block of lines is at least as tall as an ascender and a descender of its face, so texts
# without a 'd' or a 'g' keep the same box and baselines as their neighbours.
_STRUT = "Hdg"
_SLACK = 1  # px on each side of a measured text box: glyph origins are rounded to whole pixels when drawn


@dataclass(frozen=True)
class TextLayout:
    """A text element set at one size: its lines and where each baseline sits."""

    face: FontFace
    size: int
    lines: tuple[str, ...]
    origins: tuple[tuple[int, int], ...]  # (x, baseline y) of each line, canvas pixels
    fits: bool


@dataclass(frozen=True)
class PaintedText:
    """What painting a text element left on the canvas."""

    layout: TextLayout
    ink_box: Box | None
    missing: str  # characters no installed font has, drawn as the primary face's empty box


class _Shaper:
    """Measures and draws lines of one element at one size, each line segmented by face the same way."""

    def __init__(self, element: TextElement, chain: FaceChain, size: int, *, strut: bool = False) -> None:
        self.chain = chain
        self.size = size
        self.strut = strut
        self.pitch = size * element.line_spacing * _pitch_factor(element.text)
        self.tracking = element.letter_spacing * size

    def advance(self, line: str) -> float:
        return line_advance(self.chain, self.size, line, self.tracking)

    def ink(self, line: str) -> tuple[float, float, float, float]:
        """Left, top, right and bottom of the line's ink relative to the pen's start on the baseline."""
        return line_ink(self.chain, self.size, line, self.tracking)

    def draw(self, draw: ImageDraw.ImageDraw, origin: tuple[int, int], line: str) -> list[Picture]:
        return draw_line(draw, origin, self.chain, self.size, line, self.tracking)


@lru_cache(maxsize=1024)
def _pitch_factor(text: str) -> float:
    """The room between baselines that the most crowded script in `text` needs."""
    return max((_PITCH_FACTOR.get(run.script, 1.0) for run in script_runs(text)), default=1.0)


def _block_extent(shaper: _Shaper, lines: list[str]) -> tuple[float, float] | None:
    """Top and bottom of the wrapped block's ink, with the first baseline at 0; with a strut, at least from the
    first line's ascender to the last line's descender."""
    tops, bottoms = [], []
    if shaper.strut and lines:
        _, top, _, bottom = line_ink(shaper.chain, shaper.size, _STRUT)
        tops.append(top)
        bottoms.append((len(lines) - 1) * shaper.pitch + bottom)
    for index, line in enumerate(lines):
        if not line:
            continue
        _, top, _, bottom = shaper.ink(line)
        tops.append(index * shaper.pitch + top)
        bottoms.append(index * shaper.pitch + bottom)
    if not tops:
        return None
    return min(tops), max(bottoms)


def _wrap_at(element: TextElement, shaper: _Shaper, width: float, *, split_words: bool) -> list[str] | None:
    return wrap(element.text, width, shaper.advance, split_words=split_words)


def _balanced(element: TextElement, shaper: _Shaper, lines: list[str], width: int) -> list[str]:
    """The same number of lines at the narrowest width that keeps it, so no line is left a stub."""
    if len(lines) < 2:
        return lines
    low, high = 1, width
    best = lines
    while low < high:
        middle = (low + high) // 2
        candidate = wrap(element.text, middle, shaper.advance, split_words=False)
        if candidate is not None and len(candidate) <= len(lines):
            best, high = candidate, middle
        else:
            low = middle + 1
    return best


def _settled_lines(element: TextElement, shaper: _Shaper, width: float) -> list[str] | None:
    """The text wrapped at `width` without cutting a word and within `max_lines`, or None when it cannot be."""
    lines = _wrap_at(element, shaper, width, split_words=False)
    if lines is None or (element.max_lines is not None and len(lines) > element.max_lines):
        return None
    return lines


def _fits(element: TextElement, chain: FaceChain, size: int, room: Box, strut: bool) -> bool:
    shaper = _Shaper(element, chain, size, strut=strut)
    lines = _settled_lines(element, shaper, room.w)
    if lines is None:
        return False
    extent = _block_extent(shaper, lines)
    return extent is None or extent[1] - extent[0] <= room.h


def _largest_fitting_size(element: TextElement, chain: FaceChain, room: Box, ceiling: int, strut: bool) -> int | None:
    """Binary search for the largest size up to `ceiling` that wraps into the box; None when even the minimum fails."""
    if not _fits(element, chain, MIN_TEXT_SIZE, room, strut):
        return None
    # Lowercase ink is about half an em tall, so no line of text fits above twice the box height.
    low, high = MIN_TEXT_SIZE, max(MIN_TEXT_SIZE, min(ceiling, 2 * room.h + 1))
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(element, chain, middle, room, strut):
            low = middle
        else:
            high = middle - 1
    return low


def settled_size(element: TextElement, chain: FaceChain, start: int, width: float) -> int:
    """The largest size up to `start` at which the text wraps into `width` without cutting a word and within its
    `max_lines` (the minimum size when none does): the size a text without a box is measured at."""
    if _settled_lines(element, _Shaper(element, chain, start), width) is not None:
        return start
    low, high = MIN_TEXT_SIZE, start
    while low < high:
        middle = (low + high + 1) // 2
        if _settled_lines(element, _Shaper(element, chain, middle), width) is not None:
            low = middle
        else:
            high = middle - 1
    return low


def one_line_size(element: TextElement, chain: FaceChain, start: int, width: float, smallest: int) -> int | None:
    """The largest size from `smallest` up to `start` at which the text stays on one line in `width`; None when
    it needs more lines even at `smallest`."""

    def one_line(size: int) -> bool:
        lines = _settled_lines(element, _Shaper(element, chain, size), width)
        return lines is not None and len(lines) == 1

    if one_line(start):
        return start
    if smallest >= start or not one_line(smallest):
        return None
    low, high = smallest, start - 1
    while low < high:
        middle = (low + high + 1) // 2
        if one_line(middle):
            low = middle
        else:
            high = middle - 1
    return low


def measure_text(element: TextElement, chain: FaceChain, size: int, width: float) -> tuple[int, int]:
    """The box (width, height) the text needs at `size` wrapped into `width` (may be infinite): the widest line's
    room whichever way it is aligned, and its height from the first ascender to the last descender (see
    `paint_text`'s strut), plus a pixel of rounding slack on every side."""
    shaper = _Shaper(element, chain, size, strut=True)
    lines = _wrap_at(element, shaper, width, split_words=False) or _wrap_at(element, shaper, width, split_words=True)
    extent = _block_extent(shaper, lines or [])
    height = 0.0 if extent is None else extent[1] - extent[0]
    widest = max((_line_room(shaper, line) for line in lines or [] if line), default=0.0)
    return math.ceil(widest) + 2 * _SLACK, math.ceil(height) + 2 * _SLACK


# What a script's small letters look like, for finding the middle of a line's body (Latin's x-height).
_SMALL_LETTER: dict[Script, str] = {"han": "中", "kana": "あ", "hangul": "한"}


def first_line_middle(element: TextElement, chain: FaceChain, size: int) -> float:
    """How far below the top of the text's measured box (see `measure_text`) the middle of its first line's small
    letters lies: the x-height's middle, an ideograph's for CJK. A list's bullet is centred there."""
    _, strut_top, _, _ = line_ink(chain, size, _STRUT)
    _, top, _, bottom = line_ink(chain, size, _SMALL_LETTER.get(element.script, "x"))
    return _SLACK + (top + bottom) / 2 - strut_top


def _line_room(shaper: _Shaper, line: str) -> float:
    """The width a box needs so the line's ink stays inside it, flush left, flush right or centred on its advance."""
    advance = shaper.advance(line)
    left, _, right, _ = shaper.ink(line)
    return max(advance, right - min(0.0, left), 2 * right - advance, advance - 2 * left)


def min_content_width(element: TextElement, chain: FaceChain, size: int) -> int:
    """The width of the text's widest unbreakable piece at `size`: the narrowest box it wraps into uncut."""
    shaper = _Shaper(element, chain, size)
    units = (unit.strip() for paragraph in paragraphs(element.text) for unit in break_units(paragraph.strip()))
    widest = max((_line_room(shaper, unit) for unit in units if unit), default=0.0)
    return math.ceil(widest) + 2 * _SLACK


def _place(element: TextElement, chain: FaceChain, size: int, box: Box, *, may_shrink: bool, strut: bool) -> TextLayout:
    """Wrap at `size` and put every line's origin so the block is aligned and centred in the box.

    Lines are balanced (the narrowest width giving the same line count) so no
    line is left a stub; `may_shrink` allows a balanced block that the caller
    will have to set a little smaller.
    """
    shaper = _Shaper(element, chain, size, strut=strut)
    lines = _wrap_at(element, shaper, box.w, split_words=False) or _wrap_at(element, shaper, box.w, split_words=True)
    lines = lines or []
    extent = _block_extent(shaper, lines) or (0.0, 0.0)
    balanced = _balanced(element, shaper, lines, box.w)
    balanced_extent = _block_extent(shaper, balanced) or (0.0, 0.0)
    # Balancing can move a descender onto another line and so outgrow the box. That is
    # worth a slightly smaller size (the caller refits) only to rescue a stub last line.
    still_fits = balanced_extent[1] - balanced_extent[0] <= max(box.h, extent[1] - extent[0])
    if still_fits or (may_shrink and _has_stub(shaper, lines)):
        lines, extent = balanced, balanced_extent
    first_baseline = box.y + (box.h - (extent[1] - extent[0])) / 2 - extent[0]
    origins = []
    for index, line in enumerate(lines):
        width = shaper.advance(line)
        ink_left, _, ink_right, _ = shaper.ink(line)
        x: float
        # A flush edge is the ink's edge: a glyph that overhangs its advance (Bengali, italic, a final
        # swash) moves in rather than out of the box.
        if element.align == "left":
            x = box.x - min(0.0, ink_left)
        elif element.align == "right":
            x = box.right - max(width, ink_right)
        else:
            x = box.x + (box.w - width) / 2
        origins.append((round(x), round(first_baseline + index * shaper.pitch)))
    return TextLayout(face=chain.primary, size=size, lines=tuple(lines), origins=tuple(origins), fits=True)


def _has_stub(shaper: _Shaper, lines: list[str]) -> bool:
    """Whether the last line is much shorter than the longest one."""
    if len(lines) < 2:
        return False
    return shaper.advance(lines[-1]) < _STUB_SHARE * max(shaper.advance(line) for line in lines)


Extent = tuple[float, float, float, float]  # left, top, right, bottom in canvas pixels


@dataclass(frozen=True)
class _Ink:
    """A layout drawn off-canvas: glyph coverage, the canvas position of its corner, and emoji to lay over it.

    The coverage covers the layout only as far as the canvas and a margin around it (`TEXT_MASK_MARGIN`): ink beyond
    that is never seen, and a text far larger than its box would otherwise need a mask of gigabytes. `measured`
    is the ink box measured without drawing when some of the ink lies past that window (else None)."""

    mask: Image.Image
    corner: tuple[int, int]
    pictures: tuple[Picture, ...]  # in canvas coordinates
    measured: Extent | None = None

    def box(self) -> Box | None:
        boxes = [_offset(self.mask.getbbox(), self.corner)]
        boxes += [_offset(p.image.getchannel("A").getbbox(), p.at) for p in self.pictures]
        found = [box for box in boxes if box is not None]
        if not found:
            return None
        left, top = min(b.x for b in found), min(b.y for b in found)
        width, height = max(b.right for b in found) - left, max(b.bottom for b in found) - top
        # Ink spread over more than a box may hold (emoji far apart) still makes a valid box, from its corner.
        return Box(x=left, y=top, w=min(MAX_EDGE, width), h=min(MAX_EDGE, height))

    def paint(self, canvas: Image.Image, color: str) -> None:
        x, y = self.corner
        canvas.paste(hex_to_rgb(color), (x, y, x + self.mask.width, y + self.mask.height), self.mask)
        for picture in self.pictures:
            canvas.paste(picture.image.convert("RGB"), picture.at, picture.image)


def _offset(bbox: tuple[int, int, int, int] | None, corner: tuple[int, int]) -> Box | None:
    if bbox is None:
        return None
    x0, y0, x1, y1 = bbox
    # Text laid out far off the canvas (reported by the layout) must still make a valid box.
    x, y = (max(-MAX_EDGE, min(MAX_EDGE, value)) for value in (corner[0] + x0, corner[1] + y0))
    return Box(x=x, y=y, w=min(MAX_EDGE, x1 - x0), h=min(MAX_EDGE, y1 - y0))


def _ink(element: TextElement, chain: FaceChain, layout: TextLayout, room: Box, canvas: tuple[int, int]) -> _Ink:
    """The layout drawn into an 8-bit coverage mask just big enough for it (and its box), as far as the canvas
    and `TEXT_MASK_MARGIN` around it reach, plus its emoji."""
    shaper = _Shaper(element, chain, layout.size)
    margin = 2 * layout.size
    xs = [x for x, _ in layout.origins] or [room.x]
    ys = [y for _, y in layout.origins] or [room.y]
    widths = [shaper.advance(line) for line in layout.lines] or [0.0]
    left = min(min(xs), room.x) - margin
    top = min(min(ys), room.y) - margin
    right = max(max(x + w for x, w in zip(xs, widths, strict=True)), room.right) + margin
    bottom = max(max(ys), room.bottom) + margin
    window = (-TEXT_MASK_MARGIN, -TEXT_MASK_MARGIN, canvas[0] + TEXT_MASK_MARGIN, canvas[1] + TEXT_MASK_MARGIN)
    whole = left >= window[0] and top >= window[1] and right <= window[2] and bottom <= window[3]
    if not whole:
        left, top = max(left, window[0]), max(top, window[1])
        right, bottom = max(left + 1, min(right, window[2])), max(top + 1, min(bottom, window[3]))
    mask = Image.new("L", (int(right - left), int(bottom - top)), 0)
    draw = ImageDraw.Draw(mask)
    corner = (int(left), int(top))
    pictures: list[Picture] = []
    for (x, y), line in zip(layout.origins, layout.lines, strict=True):
        if line and (whole or _overlaps(_line_extent(shaper, line, (x, y)), (left, top, right, bottom))):
            check_line_size(element, _line_extent(shaper, line, (x, y)))
            drawn = shaper.draw(draw, (x - corner[0], y - corner[1]), line)
            pictures += [Picture(p.image, (p.at[0] + corner[0], p.at[1] + corner[1])) for p in drawn]
    measured = None if whole else _measured_extent(shaper, layout)
    # Only ink past the window is missing from the mask; a margin cut off changes nothing the mask shows.
    missing_ink = measured is not None and not _within(measured, window)
    return _Ink(mask=mask, corner=corner, pictures=tuple(pictures), measured=measured if missing_ink else None)


def _line_extent(shaper: _Shaper, line: str, origin: tuple[int, int]) -> Extent:
    ink_left, ink_top, ink_right, ink_bottom = shaper.ink(line)
    return origin[0] + ink_left, origin[1] + ink_top, origin[0] + ink_right, origin[1] + ink_bottom


def _within(inner: Extent, outer: Extent) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _overlaps(a: Extent, b: Extent) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _measured_extent(shaper: _Shaper, layout: TextLayout) -> Extent | None:
    """The layout's ink from the lines' measured extents, drawing nothing."""
    extents = [_line_extent(shaper, line, at) for at, line in zip(layout.origins, layout.lines, strict=True) if line]
    if not extents:
        return None
    lefts, tops, rights, bottoms = zip(*extents, strict=True)
    return min(lefts), min(tops), max(rights), max(bottoms)


def _inside(inner: Box, outer: Box) -> bool:
    return inner.x >= outer.x and inner.y >= outer.y and inner.right <= outer.right and inner.bottom <= outer.bottom


def paint_text(
    canvas: Image.Image, element: TextElement, fonts: FontBook, *, ceiling: int | None = None, strut: bool = False
) -> PaintedText:
    """Set `element` in its box on `canvas` and report the layout and the painted ink box.

    The element's script picks its face (in its family, weight and style); a character that face lacks is drawn
    in the first face that has it (see `FaceChain`). A fixed `font_size` is used as given. Otherwise the largest
    size up to `max_font_size` (and `ceiling`, when given) whose ink fits the box within `max_lines` is chosen;
    below the minimum size the text is set at the minimum and the layout says it does not fit. The block is
    centred in the box by its ink, or with `strut` (texts the layout placed) by its ink and a strut, so that
    neighbouring texts share their baselines whatever letters they hold.
    """
    chain = FaceChain.of(element, fonts)
    room = element.placed_box
    if element.font_size is not None:
        size, searching = element.font_size, False
    else:
        top = min(element.max_font_size, ceiling or element.max_font_size)
        found = _largest_fitting_size(element, chain, room, top, strut)
        size, searching = (found, True) if found is not None else (MIN_TEXT_SIZE, False)
    for _ in range(_MAX_INK_REFITS):
        layout = _place(element, chain, size, room, may_shrink=searching, strut=strut)
        ink = _ink(element, chain, layout, room, canvas.size)
        ink_box = ink.box()
        if ink_box is None or _inside(ink_box, room) or not searching or size == MIN_TEXT_SIZE:
            break
        size = max(MIN_TEXT_SIZE, size - max(1, size // 25))
    within_lines = element.max_lines is None or len(layout.lines) <= element.max_lines
    fits = (ink_box is None or _inside(ink_box, room)) and within_lines
    fits = fits and (ink.measured is None or _within(ink.measured, (room.x, room.y, room.right, room.bottom)))
    layout = TextLayout(face=chain.primary, size=size, lines=layout.lines, origins=layout.origins, fits=fits)
    ink.paint(canvas, element.color)
    return PaintedText(
        layout=layout, ink_box=_clip_to_canvas(ink_box, canvas.size), missing=uncovered(chain, element.text)
    )


def _clip_to_canvas(box: Box | None, size: tuple[int, int]) -> Box | None:
    if box is None:
        return None
    return box.intersection(Box(x=0, y=0, w=size[0], h=size[1]))
