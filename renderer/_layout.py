"""Laying a plan out: a box in canvas pixels on every node, from its frames' flexbox and grid rules.

The engine is Taffy (through `stretchable`), the CSS flexbox and grid algorithms; texts are measured with the
shaping, wrapping and ink extents that paint them (`_text`), so a text's box is the room its lines take.

How a frame maps onto CSS:

- column, row: `display: flex` in that direction; `wrap`: flex-wrap, wrapped lines packed at the start; `align`:
  align-items; `justify`: justify-content; `gap`: the gap between children and between wrapped lines.
- grid: `display: grid`; `columns`/`rows` are the template tracks (px, "auto", "Nfr"), further rows "auto"; no
  columns: ceil(sqrt(children)) equal 1fr columns; `align`: align-items and justify-items; `justify`:
  justify-content and align-content, where "start" keeps CSS's normal (auto tracks share the free room).
- stack: a grid of one 1fr x 1fr cell holding every child, one over another; `align` works on both axes.
- a child's width or height: px: fixed (it does not shrink); "fill": on a row's or column's main axis flex-grow 1
  from a zero basis, on a cross axis and in a grid cell or stack, stretch; "hug": the size of its content.
- `anchor`: align-self and justify-self from the region (a row or column only uses its cross-axis part).
- A text, button, badge, tag, chip or avatar is never stretched along a "hug" side: its box stays the room its
  content takes, at the start of its cell unless its anchor or its parent's align places it.
- A node with a `box` keeps exactly that box, out of its parent's flow (CSS `position: absolute`: it neither
  takes room nor moves its siblings); a frame with a box lays its own children out inside it. The root frame is
  always the whole canvas.

What "hug" measures, with s the canvas's short edge:

- text: wrapped into the width it gets at its `font_size`, or when that is None at its role's default size
  (`default_text_size`) made smaller until its words and `max_lines` fit that width; its lines' ink plus a pixel
  of slack on each side.
- object group: its instances in rows at a sprite size of 8% of s, the arrangement's gap between them.
- picture: a square a third of s on a side (also the least a "fill" picture is given).
- line, divider: as thick as the stroke (2 px at least); arrow: 8% of s long and four strokes thick (8 px at
  least); other shapes have no content (1 px).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tessera.contract import (
    MAX_EDGE,
    Box,
    Canvas,
    Element,
    Frame,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    Region,
    ShapeElement,
    Size,
    TextElement,
)
from tessera.renderer._arrange import gap_for
from tessera.renderer._fallback import FaceChain
from tessera.renderer._fonts import FontBook
from tessera.renderer._roles import COMPACT_ROLES, with_role_defaults
from tessera.renderer._taffy import ContainerStyle, Content, ItemStyle, Place, TaffyTree, Track, session
from tessera.renderer._text import measure_text, min_content_width, settled_size
from tessera.renderer._typescale import default_text_size

PlanNode = Frame | Element

_SPRITE_SHARE = 0.08  # of the short edge: the size a hugging object group's sprites are measured at
_PICTURE_SHARE = 1 / 3  # of the short edge: the side of a hugging picture's square
_ARROW_SHARE = 0.08  # of the short edge: a hugging arrow's length
_MIN_RULE = 2  # px: the thinnest hugging line or divider


@dataclass(frozen=True)
class TextFit:
    """How a text the layout placed is fitted into its box: set with a strut, at most at `ceiling` px."""

    ceiling: int | None  # its measured size when its height hugs its lines; None: up to its max_font_size


@dataclass(frozen=True)
class LaidOutPlan:
    """A plan with role defaults filled in and a box on every node, and how to fit the texts the layout placed."""

    plan: LayoutPlan
    text_fits: dict[str, TextFit] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def lay_out(plan: LayoutPlan, fonts: FontBook) -> LaidOutPlan:
    """Every node of `plan` placed on its canvas; a node that had a box keeps it."""
    styled = with_role_defaults(plan)
    layout = _Layout(fonts, plan.canvas)
    root = layout.place_frame(styled.root, Box(x=0, y=0, w=plan.canvas.width, h=plan.canvas.height))
    return LaidOutPlan(styled.model_copy(update={"root": root}), text_fits=layout.text_fits, notices=layout.notices)


class _Layout:
    """One plan's layout: the fonts and canvas texts are measured against, and what it learnt on the way."""

    def __init__(self, fonts: FontBook, canvas: Canvas) -> None:
        self.fonts = fonts
        self.canvas = canvas
        self.short_edge = min(canvas.width, canvas.height)
        self.text_fits: dict[str, TextFit] = {}
        self.notices: list[str] = []
        self._chains: dict[str, FaceChain] = {}

    def place_frame(self, frame: Frame, box: Box) -> Frame:
        """`frame` at `box` with every descendant placed."""
        boxes = self._flow(frame, box) if any(child.box is None for child in frame.children) else {}
        return self._placed(frame, box, boxes)

    def _flow(self, frame: Frame, box: Box) -> dict[str, Box]:
        """The canvas boxes of the frame's flow descendants (those without a box, down to frames with one)."""
        with session() as tree:
            root = self._node(tree, frame, ItemStyle(width=box.w, height=box.h))
            tree.compute(root, box.w, box.h)
            boxes: dict[str, Box] = {}
            _read(tree, root, frame, (box.x, box.y), boxes)
            return boxes

    def _node(self, tree: TaffyTree, plan_node: PlanNode, item: ItemStyle) -> int:
        if not isinstance(plan_node, Frame):
            fixed = isinstance(plan_node.width, int) and isinstance(plan_node.height, int)
            return tree.node(item, content=None if fixed else self._content(plan_node))
        flow = _flow_children(plan_node)
        node = tree.node(item, _container(plan_node, len(flow)))
        for child in flow:
            tree.add(node, self._node(tree, child, _item(child, plan_node)))
        return node

    def _content(self, leaf: Element) -> Content:
        """What a leaf's "hug" sides measure (see the module's docstring)."""
        if isinstance(leaf, TextElement):
            return self._text_content(leaf)
        sprite = round(_SPRITE_SHARE * self.short_edge)
        side = round(_PICTURE_SHARE * self.short_edge)

        def content(known_width: float | None, room: float) -> tuple[float, float]:
            within = room if known_width is None else known_width
            if isinstance(leaf, ObjectGroup):
                return _sprite_rows(leaf.count, sprite, within)
            if isinstance(leaf, PictureElement):
                return min(side, within), side
            return _shape_hug(leaf, self.short_edge)

        return content

    def _text_content(self, text: TextElement) -> Content:
        chain = self._chain(text)

        def content(known_width: float | None, room: float) -> tuple[float, float]:
            width = known_width if known_width is not None else room
            if width == 0:
                width = min_content_width(text, chain, self._start_size(text))
            hug_width, hug_height = measure_text(text, chain, self._size_at(text, width), width)
            return min(hug_width, width), hug_height

        return content

    def _start_size(self, text: TextElement) -> int:
        return text.font_size or default_text_size(text, self.canvas)

    def _size_at(self, text: TextElement, width: float) -> int:
        """The size a text without a box is set at in `width`."""
        if text.font_size is not None:
            return text.font_size
        return settled_size(text, self._chain(text), self._start_size(text), width)

    def _chain(self, text: TextElement) -> FaceChain:
        if text.id not in self._chains:
            self._chains[text.id] = FaceChain.of(text, self.fonts)
        return self._chains[text.id]

    def _placed(self, frame: Frame, box: Box, boxes: dict[str, Box]) -> Frame:
        """The frame at `box` with its children placed: fixed ones where they are, flow ones where the layout put
        them, each frame among them placed in turn."""
        children: list[PlanNode] = []
        for child in frame.children:
            if child.box is not None:
                children.append(self.place_frame(child, child.box) if isinstance(child, Frame) else child)
                continue
            child_box = boxes[child.id]
            self._check_room(child, child_box, frame, box)
            if isinstance(child, Frame):
                children.append(self._placed(child, child_box, boxes))
                continue
            children.append(child.model_copy(update={"box": child_box}))
            if isinstance(child, TextElement):
                self.text_fits[child.id] = self._fit(child, child_box)
        return frame.model_copy(update={"box": box, "children": children})

    def _fit(self, text: TextElement, box: Box) -> TextFit:
        # A text whose height hugs its lines was measured at one size: it is set at that size, not grown into the
        # pixel of rounding slack; one given a height of its own fills it, up to its max_font_size.
        if text.font_size is None and text.height == "hug":
            return TextFit(ceiling=self._size_at(text, box.w))
        return TextFit(ceiling=None)

    def _check_room(self, node: PlanNode, box: Box, parent: Frame, parent_box: Box) -> None:
        where = f"{box.w}x{box.h} at ({box.x}, {box.y})"
        if not _contains(parent_box, box):
            self.notices.append(
                f"{_kind(node)} {node.id!r} was laid out {where}, outside its frame {parent.id!r} "
                f"({parent_box.w}x{parent_box.h} at ({parent_box.x}, {parent_box.y})): the frame's content needs "
                "more room than it has; give the frame more room, or shrink or remove some of its content"
            )
        elif not isinstance(node, Frame) and not box.inside(self.canvas.width, self.canvas.height):
            self.notices.append(
                f"{_kind(node)} {node.id!r} was laid out {where}, partly off the "
                f"{self.canvas.width}x{self.canvas.height} canvas: move its frame onto the canvas"
            )


def _flow_children(frame: Frame) -> list[PlanNode]:
    return [child for child in frame.children if child.box is None]


# Styles ---------------------------------------------------------------------------------------------------------


def _container(frame: Frame, flow_children: int) -> ContainerStyle:
    insets = frame.insets
    padding = (insets.top, insets.right, insets.bottom, insets.left)
    if frame.layout in ("row", "column"):
        return ContainerStyle(
            display="flex",
            gap=frame.gap,
            padding=padding,
            align_items=frame.align,
            justify_content=frame.justify,
            direction="row" if frame.layout == "row" else "column",
            wrap=frame.wrap,
        )
    if frame.layout == "stack":
        columns: tuple[Track, ...] = ("1fr",)
        rows: tuple[Track, ...] = ("1fr",)
    else:
        columns = tuple(frame.columns) or ("1fr",) * max(1, math.ceil(math.sqrt(flow_children)))
        rows = tuple(frame.rows)
    return ContainerStyle(
        display="grid",
        gap=frame.gap,
        padding=padding,
        align_items=frame.align,
        justify_content=frame.justify,
        columns=columns,
        rows=rows,
    )


def _item(child: PlanNode, parent: Frame) -> ItemStyle:
    width, height = _fixed(child.width), _fixed(child.height)
    if parent.layout in ("row", "column"):
        horizontal = parent.layout == "row"
        main, cross = (child.width, child.height) if horizontal else (child.height, child.width)
        return ItemStyle(
            width=width,
            height=height,
            grow=1.0 if main == "fill" else 0.0,
            shrink=0.0 if isinstance(main, int) else 1.0,
            zero_basis=main == "fill",
            align_self=_self_place(child, parent, cross, horizontal=not horizontal),
        )
    cell = (1, 1) if parent.layout == "stack" else None
    return ItemStyle(
        width=width,
        height=height,
        align_self=_self_place(child, parent, child.height, horizontal=False),
        justify_self=_self_place(child, parent, child.width, horizontal=True),
        row=cell or (0, child.row_span),
        column=cell or (0, child.column_span),
    )


def _fixed(size: Size) -> float | None:
    return float(size) if isinstance(size, int) else None


def _self_place(child: PlanNode, parent: Frame, size: Size, *, horizontal: bool) -> Place | None:
    """Where the child sits along one of its parent's cross axes; None follows the parent's align."""
    if size == "fill":
        return "stretch"
    if child.anchor is not None:
        return _anchor_part(child.anchor, horizontal=horizontal)
    if size == "hug" and parent.align == "stretch" and _keeps_to_content(child):
        return "start"
    return None


def _keeps_to_content(node: PlanNode) -> bool:
    return isinstance(node, TextElement) or (isinstance(node, Frame) and node.role in COMPACT_ROLES)


def _anchor_part(anchor: Region, *, horizontal: bool) -> Place:
    if horizontal:
        return "start" if anchor.endswith("left") else "end" if anchor.endswith("right") else "center"
    return "start" if anchor.startswith("top") else "end" if anchor.startswith("bottom") else "center"


# Content and results --------------------------------------------------------------------------------------------


def _sprite_rows(count: int, sprite: int, width: float) -> tuple[float, float]:
    """The block `count` sprites take in as few rows as `width` allows."""
    gap = gap_for(sprite, sprite)
    per_row = max(1, min(count, math.floor((width + gap) / (sprite + gap)) if math.isfinite(width) else count))
    rows = math.ceil(count / per_row)
    return per_row * sprite + (per_row - 1) * gap, rows * sprite + (rows - 1) * gap


def _shape_hug(shape: ShapeElement, short_edge: int) -> tuple[float, float]:
    rule = max(_MIN_RULE, shape.stroke_width)
    if shape.shape in ("line", "divider"):
        return 0.0, rule
    if shape.shape == "arrow":
        return round(_ARROW_SHARE * short_edge), max(8, 4 * rule)
    return 0.0, 0.0


def _read(tree: TaffyTree, node: int, frame: Frame, origin: tuple[float, float], boxes: dict[str, Box]) -> None:
    """Record the canvas box of every flow descendant of `frame` (laid out as `node`), depth first."""
    for index, child in enumerate(_flow_children(frame)):
        child_node = tree.child(node, index)
        laid = tree.box(child_node)
        corner = (origin[0] + laid.x, origin[1] + laid.y)
        boxes[child.id] = _canvas_box(corner, laid.width, laid.height)
        if isinstance(child, Frame):
            _read(tree, child_node, child, corner, boxes)


def _canvas_box(corner: tuple[float, float], width: float, height: float) -> Box:
    """Whole pixels, rounding each edge (not the size) so neighbours keep touching and gaps keep their width."""
    left, top = _pixel(corner[0]), _pixel(corner[1])
    right, bottom = _pixel(corner[0] + width), _pixel(corner[1] + height)
    x, y = _clamp(left, -MAX_EDGE, MAX_EDGE), _clamp(top, -MAX_EDGE, MAX_EDGE)
    return Box(x=x, y=y, w=_clamp(right - left, 1, MAX_EDGE), h=_clamp(bottom - top, 1, MAX_EDGE))


def _pixel(value: float) -> int:
    return math.floor(value + 0.5)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _contains(outer: Box, inner: Box) -> bool:
    """Whether `inner` lies inside `outer`, give or take the pixel that rounding moves an edge."""
    return (
        inner.x >= outer.x - 1
        and inner.y >= outer.y - 1
        and inner.right <= outer.right + 1
        and inner.bottom <= outer.bottom + 1
    )


def _kind(node: PlanNode) -> str:
    return {"frame": "frame", "text": "text", "objects": "object group", "picture": "picture"}.get(node.kind, "shape")
