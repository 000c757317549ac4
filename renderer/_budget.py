"""A render's budget: what one plan may make the renderer do, checked before anything big is allocated.

Every schema-valid plan either renders within these bounds or is refused, naming the element and what to change:

- a text with a fixed `font_size` must be able to fit its box: a size over four times the box's height or width
  (and over the smallest fitted size) is a `PlanError`;
- the characters a plan sets (texts, list items, table cells, chart labels, placeholder captions) are at most
  `MAX_GLYPHS`, checked before layout, which shapes every one of them: a `TooLargeError`;
- the pixels of the images painting makes on the way (coverage masks, supersampled shapes, shadows, rasterised
  icons and sprites, charts, placeholders) add up to at most `MAX_WORK_PIXELS`, estimated from the laid-out boxes
  before the canvas is painted: a `TooLargeError`;
- one line of text is drawn into a bitmap at most `MAX_LINE_PIXELS` big (only marks stacked hundreds high make a
  taller one): a `TooLargeError`, raised before that bitmap is made.

No image painting makes is larger than the canvas and a margin, a box (at most 3840 px a side) supersampled 2x,
or a line's bitmap, and each is freed when its element is painted: with these bounds a render adds at most
`RENDER_MEMORY_BOUND_MB` to the process's resident memory beyond the canvas it returns (measured on the worst plans
we know; see tests/renderer/test_budget.py and tests/services/test_render_memory.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Final

from tessera.contract import (
    MIN_TEXT_SIZE,
    AssetElement,
    Box,
    ChartElement,
    ControlElement,
    Element,
    Frame,
    IconElement,
    LayoutPlan,
    ListElement,
    ObjectGroup,
    PictureElement,
    PlanError,
    QrElement,
    ShapeElement,
    TableElement,
    TextElement,
    TooLargeError,
    TransparentBackground,
)
from tessera.renderer._shapes import _LARGE_AREA, _SUPERSAMPLE

RENDER_MEMORY_BOUND_MB: Final = 300
"""The most one render adds to a process's resident memory beyond the canvas it returns, in MiB."""
MAX_GLYPHS: Final = 20_000
"""The most characters one plan sets, counting every text, list item, table cell and chart label."""
MAX_WORK_PIXELS: Final = 400_000_000
"""The most pixels of the images painting one plan makes on the way (about two dozen full 3840 px canvases)."""
MAX_LINE_PIXELS: Final = 16_000_000
"""The largest bitmap one line of text is drawn into, in pixels."""
FONT_SIZE_PER_BOX_PX: Final = 4
"""A fixed font size may be at most this many times its box's height and width (or `MIN_TEXT_SIZE`)."""

TEXT_MASK_MARGIN: Final = 64
"""How far past the canvas, in px, a text's coverage mask reaches: far enough to see ink leave a box at the edge."""
_RASTERISED = 8  # an SVG drawing is rasterised, written as PNG and read back: slow work per pixel
_CHART_TICK_GLYPHS = 200  # the tick labels of both axes, at most
_VALUE_LABEL_GLYPHS = 28  # one value label, formatted: the largest value the contract allows, grouped, decimals


def check_plan(plan: LayoutPlan) -> None:
    """Refuse, before layout, a plan that sets too many characters, or a text whose fixed font size its fixed box
    cannot hold."""
    glyphs = {leaf.id: _glyphs(leaf) for leaf in plan.elements}
    total = sum(glyphs.values())
    if total > MAX_GLYPHS:
        largest = sorted(glyphs, key=glyphs.__getitem__, reverse=True)[:3]
        worst = ", ".join(f"{_kind(plan.element(i))} {i!r} {glyphs[i]:,}" for i in largest)
        raise TooLargeError(
            f"the plan sets {total:,} characters ({worst}); a render sets at most {MAX_GLYPHS:,}: shorten or remove "
            "text, or split the design into several images"
        )
    for text in plan.texts():
        fixed = _fixed_box(text)
        if text.font_size is not None and fixed is not None:
            _check_font_size(text.id, text.font_size, *fixed)


def check_laid_out(laid: LayoutPlan, plan: LayoutPlan, ceilings: Mapping[str, int | None]) -> None:
    """Refuse, after layout and before painting, a laid-out plan (`laid`, from `plan`) whose fixed font sizes
    its boxes cannot hold, or whose painting would make more than `MAX_WORK_PIXELS` of images. `ceilings`: the
    largest size the layout lets each text it placed be fitted at (None: its box decides)."""
    owners = _owners(plan)
    for text in laid.texts():
        if text.font_size is not None:
            _check_font_size(owners(text.id), text.font_size, text.placed_box.w, text.placed_box.h)
    passes = 2 if isinstance(laid.background, TransparentBackground) else 1  # matting paints everything twice
    costs: dict[str, int] = {}
    for node in _nodes(laid.root):
        owner = owners(node.id)
        costs[owner] = costs.get(owner, 0) + passes * _work_pixels(node, laid, ceilings.get(node.id))
    total = sum(costs.values())
    if total > MAX_WORK_PIXELS:
        largest = sorted(costs, key=costs.__getitem__, reverse=True)[:3]
        worst = ", ".join(f"{_kind(plan.node(i))} {i!r} {_megapixels(costs[i])}" for i in largest)
        raise TooLargeError(
            f"painting the plan takes {_megapixels(total)} of intermediate images ({worst}); a render may take "
            f"{_megapixels(MAX_WORK_PIXELS)}: use fewer or smaller elements, smaller frame shadows or a smaller canvas"
        )


def check_line_size(text: TextElement, extent: tuple[float, float, float, float]) -> None:
    """Refuse a line of `text` whose ink (left, top, right, bottom) would need a bitmap over `MAX_LINE_PIXELS`."""
    width, height = math.ceil(extent[2] - extent[0]), math.ceil(extent[3] - extent[1])
    if width * height > MAX_LINE_PIXELS:
        raise TooLargeError(
            f"text {text.id!r}: a line of it would be drawn {width}x{height} px, over the "
            f"{_megapixels(MAX_LINE_PIXELS)} one line may take (its marks stack that high or far): remove the stacked "
            "marks or set a smaller font_size"
        )


def _check_font_size(text_id: str, size: int, width: int, height: int) -> None:
    largest = max(MIN_TEXT_SIZE, FONT_SIZE_PER_BOX_PX * min(width, height))
    if size <= largest:
        return
    least = math.ceil(size / FONT_SIZE_PER_BOX_PX)
    side, edge = ("tall", height) if height <= width else ("wide", width)
    raise PlanError(
        f"text {text_id!r}: font_size {size} needs a box at least {least} px {side}; its box is {edge} px {side}: "
        f"enlarge the box or set font_size ≤ {largest} (or leave font_size out to fit the text to its box)"
    )


def _fixed_box(text: TextElement) -> tuple[int, int] | None:
    """The width and height a text has whatever the layout does: its box's, or its fixed width and height."""
    if text.box is not None:
        return text.box.w, text.box.h
    if isinstance(text.width, int) and isinstance(text.height, int):
        return text.width, text.height
    return None


def _glyphs(leaf: Element) -> int:
    """How many characters drawing `leaf` sets (an upper bound)."""
    if isinstance(leaf, TextElement):
        return len(leaf.text)
    if isinstance(leaf, ListElement):
        return sum(len(item) + 3 for item in leaf.items)  # a number marker: up to two digits and a point
    if isinstance(leaf, TableElement):
        return sum(len(cell) for row in [leaf.header, *leaf.rows] for cell in row)
    if isinstance(leaf, ChartElement):
        labels = [leaf.title, leaf.x_title, leaf.y_title, leaf.unit, *leaf.categories, *(s.name for s in leaf.series)]
        label = _VALUE_LABEL_GLYPHS + len(leaf.unit or "")
        values = sum(len(s.values) for s in leaf.series) * label if leaf.value_labels else 0
        return sum(len(label or "") for label in labels) + values + _CHART_TICK_GLYPHS
    if isinstance(leaf, ObjectGroup):
        return leaf.count * len(leaf.object_class)  # a labelled badge per instance when nothing draws the class
    if isinstance(leaf, PictureElement):
        return len(leaf.prompt)  # a placeholder's caption
    return 0


def _work_pixels(node: Frame | Element, laid: LayoutPlan, ceiling: int | None) -> int:
    """The pixels of the images painting `node` makes on the way (an upper bound), from its laid-out box."""
    box = node.placed_box
    if isinstance(node, Frame):
        return _frame_pixels(node, box)
    if isinstance(node, TextElement):
        # Fitted, a text's ink is never less than half an em tall (see _text._largest_fitting_size).
        size = node.font_size or min(node.max_font_size, ceiling or 2 * box.h + 1)
        # Its coverage mask is its box and lines with two ems around them, within the canvas and a margin.
        width = min(box.w + 4 * size, laid.canvas.width + 2 * TEXT_MASK_MARGIN)
        height = min(box.h + 4 * size, laid.canvas.height + 2 * TEXT_MASK_MARGIN)
        return width * height
    if isinstance(node, ShapeElement):
        return 2 * _curved(box.w, box.h)  # the outline and the ring inside it
    if isinstance(node, ControlElement):
        return _curved(box.w, box.h)
    if isinstance(node, IconElement):
        side = min(box.w, box.h)
        return _RASTERISED * side * side
    if isinstance(node, QrElement):
        side = min(box.w, box.h)
        return 2 * side * side  # its modules, then pasted
    if isinstance(node, ObjectGroup | PictureElement | ChartElement | AssetElement):
        return 4 * box.area  # drawn, tinted or scaled, haloed or captioned: a few images of the box
    return box.area


def _frame_pixels(frame: Frame, box: Box) -> int:
    if frame.fill is None and frame.border is None and frame.shadow is None:
        return 0
    pixels = 2 * _curved(box.w, box.h) if frame.radius else 2 * box.area
    if frame.shadow is not None:
        margin = 2 * frame.shadow.blur
        pixels += 3 * (box.w + 2 * margin) * (box.h + 2 * margin)  # the mask, blurred, faded
    return pixels


def _curved(width: int, height: int) -> int:
    # A curved outline is drawn supersampled, 2x2 when large (see _shapes.outline_mask).
    area = width * height
    return area * (_SUPERSAMPLE**2 if area <= _LARGE_AREA else 4)


def _owners(plan: LayoutPlan) -> _Owners:
    return _Owners({node.id for node in _nodes(plan.root)})


class _Owners:
    """Which of the plan's own nodes a laid-out node draws: itself, or the list or table it was expanded from
    (whose parts' ids start with its id and a dot)."""

    def __init__(self, ids: set[str]) -> None:
        self._ids = ids

    def __call__(self, node_id: str) -> str:
        if node_id in self._ids:
            return node_id
        head = node_id
        while "." in head:
            head = head.rsplit(".", 1)[0]
            if head in self._ids:
                return head
        return node_id


def _nodes(frame: Frame) -> Iterator[Frame | Element]:
    yield frame
    for child in frame.children:
        if isinstance(child, Frame):
            yield from _nodes(child)
        else:
            yield child


def _kind(node: Frame | Element) -> str:
    return {"objects": "object group"}.get(node.kind, node.kind)


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.0f} megapixels"
