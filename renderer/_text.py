"""Text in a box: choose the size that fits, wrap it, and paint it as crisp shaped glyphs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from tessera.contract import Box, Script, TextElement, hex_to_rgb
from tessera.renderer._fonts import FontFace, load_font
from tessera.renderer._wrap import wrap

MIN_FONT_SIZE = 10
# Scripts whose marks stack far above and below the line need more room between baselines.
_PITCH_FACTOR: dict[Script, float] = {"arabic": 1.15, "devanagari": 1.15}
_RTL_SCRIPTS: frozenset[Script] = frozenset({"arabic", "hebrew"})
# Advance widths can hide a few pixels of overhanging ink; this many refits close the gap.
_MAX_INK_REFITS = 8
_STUB_SHARE = 0.4  # a last line shorter than this share of the longest line looks orphaned


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


class _Shaper:
    """Measures and draws lines of one element at one size with the same shaping options."""

    def __init__(self, element: TextElement, face: FontFace, size: int) -> None:
        self.face = face
        self.size = size
        self.direction = "rtl" if element.script in _RTL_SCRIPTS else None
        self.language = element.language
        self.pitch = size * element.line_spacing * _PITCH_FACTOR.get(element.script, 1.0)

    def advance(self, line: str) -> float:
        return _advance(self.face, self.size, self.direction, self.language, line)

    def vertical_ink(self, line: str) -> tuple[float, float]:
        """Top and bottom of the line's ink relative to its baseline."""
        return _vertical_ink(self.face, self.size, self.direction, self.language, line)

    def draw(self, draw: ImageDraw.ImageDraw, origin: tuple[int, int], line: str) -> None:
        font = load_font(self.face, self.size)
        draw.text(origin, line, font=font, fill=255, anchor="ls", direction=self.direction, language=self.language)


# Fitting and balancing measure the same candidate lines many times over, and shaping is the cost.
@lru_cache(maxsize=1 << 16)
def _advance(face: FontFace, size: int, direction: str | None, language: str, line: str) -> float:
    return load_font(face, size).getlength(line, direction=direction, language=language)


@lru_cache(maxsize=1 << 14)
def _vertical_ink(face: FontFace, size: int, direction: str | None, language: str, line: str) -> tuple[float, float]:
    _, top, _, bottom = load_font(face, size).getbbox(line, anchor="ls", direction=direction, language=language)
    return top, bottom


def _block_extent(shaper: _Shaper, lines: list[str]) -> tuple[float, float] | None:
    """Top and bottom of the wrapped block's ink, with the first baseline at 0."""
    tops, bottoms = [], []
    for index, line in enumerate(lines):
        if not line:
            continue
        top, bottom = shaper.vertical_ink(line)
        tops.append(index * shaper.pitch + top)
        bottoms.append(index * shaper.pitch + bottom)
    if not tops:
        return None
    return min(tops), max(bottoms)


def _wrap_at(element: TextElement, shaper: _Shaper, *, split_words: bool) -> list[str] | None:
    return wrap(element.text, element.script, element.box.w, shaper.advance, split_words=split_words)


def _balanced(element: TextElement, shaper: _Shaper, lines: list[str]) -> list[str]:
    """The same number of lines at the narrowest width that keeps it, so no line is left a stub."""
    if len(lines) < 2:
        return lines
    low, high = 1, element.box.w
    best = lines
    while low < high:
        middle = (low + high) // 2
        candidate = wrap(element.text, element.script, middle, shaper.advance, split_words=False)
        if candidate is not None and len(candidate) <= len(lines):
            best, high = candidate, middle
        else:
            low = middle + 1
    return best


def _fits(element: TextElement, face: FontFace, size: int) -> bool:
    shaper = _Shaper(element, face, size)
    lines = _wrap_at(element, shaper, split_words=False)
    if lines is None:
        return False
    extent = _block_extent(shaper, lines)
    return extent is None or extent[1] - extent[0] <= element.box.h


def _largest_fitting_size(element: TextElement, face: FontFace) -> int | None:
    """Binary search for the largest size that wraps into the box; None when even the minimum fails."""
    if not _fits(element, face, MIN_FONT_SIZE):
        return None
    # Lowercase ink is about half an em tall, so no line of text fits above twice the box height.
    low, high = MIN_FONT_SIZE, max(MIN_FONT_SIZE, min(element.max_font_size, 2 * element.box.h + 1))
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(element, face, middle):
            low = middle
        else:
            high = middle - 1
    return low


def _place(element: TextElement, face: FontFace, size: int, *, may_shrink: bool) -> TextLayout:
    """Wrap at `size` and put every line's origin so the block is aligned and centred in the box.

    Lines are balanced (the narrowest width giving the same line count) so no
    line is left a stub; `may_shrink` allows a balanced block that the caller
    will have to set a little smaller.
    """
    shaper = _Shaper(element, face, size)
    lines = _wrap_at(element, shaper, split_words=False) or _wrap_at(element, shaper, split_words=True) or []
    extent = _block_extent(shaper, lines) or (0.0, 0.0)
    balanced = _balanced(element, shaper, lines)
    balanced_extent = _block_extent(shaper, balanced) or (0.0, 0.0)
    # Balancing can move a descender onto another line and so outgrow the box. That is
    # worth a slightly smaller size (the caller refits) only to rescue a stub last line.
    still_fits = balanced_extent[1] - balanced_extent[0] <= max(element.box.h, extent[1] - extent[0])
    if still_fits or (may_shrink and _has_stub(shaper, lines)):
        lines, extent = balanced, balanced_extent
    box = element.box
    first_baseline = box.y + (box.h - (extent[1] - extent[0])) / 2 - extent[0]
    origins = []
    for index, line in enumerate(lines):
        width = shaper.advance(line)
        x: float
        if element.align == "left":
            x = box.x
        elif element.align == "right":
            x = box.right - width
        else:
            x = box.x + (box.w - width) / 2
        origins.append((round(x), round(first_baseline + index * shaper.pitch)))
    return TextLayout(face=face, size=size, lines=tuple(lines), origins=tuple(origins), fits=True)


def _has_stub(shaper: _Shaper, lines: list[str]) -> bool:
    """Whether the last line is much shorter than the longest one."""
    if len(lines) < 2:
        return False
    return shaper.advance(lines[-1]) < _STUB_SHARE * max(shaper.advance(line) for line in lines)


def _ink_mask(element: TextElement, layout: TextLayout) -> tuple[Image.Image, tuple[int, int]]:
    """The layout's coverage as an 8-bit mask, and the canvas position of the mask's corner."""
    shaper = _Shaper(element, layout.face, layout.size)
    margin = 2 * layout.size
    xs = [x for x, _ in layout.origins] or [element.box.x]
    ys = [y for _, y in layout.origins] or [element.box.y]
    widths = [shaper.advance(line) for line in layout.lines] or [0.0]
    left = min(min(xs), element.box.x) - margin
    top = min(min(ys), element.box.y) - margin
    right = max(max(x + w for x, w in zip(xs, widths, strict=True)), element.box.right) + margin
    bottom = max(max(ys), element.box.bottom) + margin
    mask = Image.new("L", (int(right - left), int(bottom - top)), 0)
    draw = ImageDraw.Draw(mask)
    for (x, y), line in zip(layout.origins, layout.lines, strict=True):
        if line:
            shaper.draw(draw, (x - left, y - top), line)
    return mask, (int(left), int(top))


def _ink_box(mask: Image.Image, corner: tuple[int, int]) -> Box | None:
    bbox = mask.getbbox()
    if bbox is None:
        return None
    x0, y0, x1, y1 = bbox
    return Box(x=corner[0] + x0, y=corner[1] + y0, w=x1 - x0, h=y1 - y0)


def _inside(inner: Box, outer: Box) -> bool:
    return inner.x >= outer.x and inner.y >= outer.y and inner.right <= outer.right and inner.bottom <= outer.bottom


def paint_text(canvas: Image.Image, element: TextElement, face: FontFace) -> PaintedText:
    """Set `element` in its box on `canvas` and report the layout and the painted ink box.

    A fixed `font_size` is used as given. Otherwise the largest size up to
    `max_font_size` whose ink fits the box is chosen; below the minimum size the
    text is set at the minimum and the layout says it does not fit.
    """
    if element.font_size is not None:
        size, searching = element.font_size, False
    else:
        found = _largest_fitting_size(element, face)
        size, searching = (found, True) if found is not None else (MIN_FONT_SIZE, False)
    for _ in range(_MAX_INK_REFITS):
        layout = _place(element, face, size, may_shrink=searching)
        mask, corner = _ink_mask(element, layout)
        ink = _ink_box(mask, corner)
        if ink is None or _inside(ink, element.box) or not searching or size == MIN_FONT_SIZE:
            break
        size = max(MIN_FONT_SIZE, size - max(1, size // 25))
    fits = ink is None or _inside(ink, element.box)
    layout = TextLayout(face=face, size=size, lines=layout.lines, origins=layout.origins, fits=fits)
    canvas.paste(
        hex_to_rgb(element.color), (corner[0], corner[1], corner[0] + mask.width, corner[1] + mask.height), mask
    )
    return PaintedText(layout=layout, ink_box=_clip_to_canvas(ink, canvas.size))


def _clip_to_canvas(box: Box | None, size: tuple[int, int]) -> Box | None:
    if box is None:
        return None
    return box.intersection(Box(x=0, y=0, w=size[0], h=size[1]))
