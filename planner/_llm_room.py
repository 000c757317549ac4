"""Whether a frame of a plan the layout engine will place has room for more: an estimate in the plan's own terms.

The planner cannot lay a plan out (that is the renderer's), so room is estimated along the frame's axis: the
extent its ancestors leave it, less what its children need at the least (a line of text at a readable size, a
list's lines, a chart's smallest legible height, fixed sizes as written, paddings and gaps). A frame has room
for new nodes when their least needs fit in what is left.
"""

from __future__ import annotations

import math

from tessera.contract import (
    Canvas,
    ChartElement,
    Element,
    Frame,
    ListElement,
    TableElement,
    TextElement,
)

# The smallest readable text size per role, as a share of the canvas's short edge.
_TEXT_SHARE = {"title": 1 / 18, "subtitle": 1 / 32, "heading": 1 / 32, "price": 1 / 36}
_BODY_SHARE = 1 / 54
_LINE = 1.3  # line height over text size
_CHART_SHARE = 0.22  # a chart's smallest legible extent, as a share of the short edge
_LEAF_SHARE = 0.06  # an icon, objects, a picture, a QR code or a control without a fixed size
_GLYPH = 0.55  # average glyph width over text size, to estimate how many lines a text wraps to
_WRAPPED_GLYPHS = 12


def has_room(root: Frame, path: list[Frame], new: list[Frame | Element], canvas: Canvas) -> bool:
    """Whether `path[-1]` (reached from `root` through `path`) has room along its axis for `new` beside its
    children."""
    extent, across = _extent_of(root, path, canvas)
    frame = path[-1]
    needed = _children_need(frame, [*frame.children, *new], canvas, across)
    return needed <= extent


def _axis_is_width(frame: Frame) -> bool:
    return frame.layout == "row"


def _extent_of(root: Frame, path: list[Frame], canvas: Canvas) -> tuple[float, float]:
    """The inner extent of `path[-1]` along its own axis and across it: what its ancestors leave it."""
    width, height = float(canvas.width), float(canvas.height)
    parent: Frame | None = None
    for frame in path:
        if parent is not None:
            width, height = _share(parent, frame, width, height, canvas)
        inner = frame.insets
        width -= inner.left + inner.right
        height -= inner.top + inner.bottom
        parent = frame
    frame = path[-1]
    return (width, height) if _axis_is_width(frame) else (height, width)


def _share(parent: Frame, child: Frame, width: float, height: float, canvas: Canvas) -> tuple[float, float]:
    """The room `child` gets inside `parent`'s inner `width` x `height`: fixed sizes as written; along the
    parent's axis, what the siblings leave at their least."""
    along_width = _axis_is_width(parent)
    along, across = (width, height) if along_width else (height, width)
    if parent.layout in ("column", "row"):
        others = [c for c in parent.children if c is not child]
        gaps = parent.gap * max(0, len(parent.children) - 1)
        along -= gaps + sum(_need(o, along_width, canvas, across) for o in others)
    own_along = _fixed(child.width if along_width else child.height)
    own_across = _fixed(child.height if along_width else child.width)
    along = own_along if own_along is not None else along
    across = own_across if own_across is not None else across
    return (along, across) if along_width else (across, along)


def _fixed(size: object) -> float | None:
    return float(size) if isinstance(size, int) else None


def _children_need(frame: Frame, children: list[Frame | Element], canvas: Canvas, across: float) -> float:
    along_width = _axis_is_width(frame)
    needs = [_need(c, along_width, canvas, across) for c in children]
    if frame.layout in ("stack", "grid"):
        return max(needs, default=0.0)
    return sum(needs) + frame.gap * max(0, len(children) - 1)


def _need(node: Frame | Element, along_width: bool, canvas: Canvas, across: float) -> float:
    """The least extent `node` needs along one axis (width when `along_width`), `across` wide the other way."""
    fixed = _fixed(node.width if along_width else node.height)
    if fixed is not None:
        return fixed
    if node.box is not None:
        return 0.0  # pinned: outside the flow
    if isinstance(node, Frame):
        inner = node.insets
        padding = inner.left + inner.right if along_width else inner.top + inner.bottom
        children_across = across - (inner.top + inner.bottom if along_width else inner.left + inner.right)
        if _axis_is_width(node) == along_width and node.layout in ("column", "row"):
            return padding + _children_need(node, list(node.children), canvas, children_across)
        return padding + max((_need(c, along_width, canvas, children_across) for c in node.children), default=0.0)
    return _leaf_need(node, along_width, canvas, across)


def _leaf_need(leaf: Element, along_width: bool, canvas: Canvas, across: float) -> float:
    short = min(canvas.width, canvas.height)
    body = short * _BODY_SHARE
    if isinstance(leaf, TextElement):
        size = short * _TEXT_SHARE.get(leaf.role, _BODY_SHARE)
        if along_width:  # a text wraps, so across a row it needs a short word's width, not its whole line
            return min(len(leaf.text), _WRAPPED_GLYPHS) * _GLYPH * size
        per_line = max(1, int(across / (_GLYPH * size))) if across > 0 else 1
        return math.ceil(len(leaf.text) / per_line) * size * _LINE
    if isinstance(leaf, ChartElement):
        return short * _CHART_SHARE
    if along_width:
        return short * _LEAF_SHARE
    if isinstance(leaf, ListElement):
        return len(leaf.items) * body * _LINE * 1.5
    if isinstance(leaf, TableElement):
        return (len(leaf.rows) + bool(leaf.header)) * body * _LINE * 1.6
    return short * _LEAF_SHARE
