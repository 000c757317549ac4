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
- A text, toggle, checkbox, radio, button, badge, tag, chip, avatar, list or table is never stretched along a
  "hug" side: its box stays the room its content takes, at the start of its cell unless its anchor or its
  parent's align places it.
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
- chart: 40% of s tall and 1.5 times that wide (room allowing); icon: a square 6% of s on a side; QR code: a
  square 22% of s on a side.
- control: a toggle 2.2 x 1.2 em of body text (3% of s), a checkbox or radio a square 3.6% of s on a side (the
  line of body text it sits beside); a progress bar or slider 1.2% of s tall (a slider's knob needs 3%), as
  wide as its room (its default width is "fill"), 30% of s where the room has no bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tessera.contract import (
    MAX_EDGE,
    MIN_TEXT_SIZE,
    Box,
    Canvas,
    ControlElement,
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
from tessera.renderer._chart_palette import with_chart_colors
from tessera.renderer._expand import expand
from tessera.renderer._fallback import FaceChain
from tessera.renderer._fonts import FontBook
from tessera.renderer._roles import COMPACT_ROLES, with_role_defaults
from tessera.renderer._taffy import ContainerStyle, Content, ItemStyle, Place, TaffyTree, Track, session
from tessera.renderer._text import measure_text, min_content_width, one_line_size, settled_size
from tessera.renderer._typescale import scaled_text_size

PlanNode = Frame | Element

_SPRITE_SHARE = 0.08  # of the short edge: the size a hugging object group's sprites are measured at
_PICTURE_SHARE = 1 / 3  # of the short edge: the side of a hugging picture's square
_ARROW_SHARE = 0.08  # of the short edge: a hugging arrow's length
_MIN_RULE = 2  # px: the thinnest hugging line or divider
_CHART_SHARE = 0.4  # of the short edge: a hugging chart's height (and 1.5 times that wide, room allowing)
_ICON_SHARE = 0.06  # of the short edge: a hugging icon's side
_QR_SHARE = 0.22  # of the short edge: a hugging QR code's side
_BODY_EM = 0.03  # of the short edge: body text's size, the em a toggle is measured in
_TOGGLE_EMS = (2.2, 1.2)  # a toggle's width and height in ems of body text
_CHECK_SHARE = 0.036  # of the short edge: a checkbox's or radio's side, about a line of body text
_BAR_SHARE = 0.012  # of the short edge: a progress bar's thickness
_SLIDER_SHARE = 0.03  # of the short edge: a slider's height, room for its knob
_UNBOUNDED_BAR = 0.3  # of the short edge: a bar's width where its room has no bound
_SHORT_TEXT = 32  # characters: a text this short is a label or a heading, set on one line where it can be
_SHORT_TEXT_SHRINK = 0.7  # of its size: how much smaller a short text is set to stay on one line
_SHRINK = 0.95  # each step shrinks at least this much (and at most by half)
_SMALLEST_SCALE = 0.2  # of the role sizes; texts never go under MIN_TEXT_SIZE either
_SHRINK_STEPS = 5  # layouts after the first
_SCALE_TOLERANCE = 0.1  # a scale found within this of the largest that fits is kept


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
    measuring_seconds: float = 0.0  # of the layout's time, spent shaping and wrapping texts to measure them


def lay_out(plan: LayoutPlan, fonts: FontBook) -> LaidOutPlan:
    """Every node of `plan` placed on its canvas; a node that had a box keeps it.

    Content that needs more room than its frames have is set smaller as a whole, as a designer scales a page's
    type down: the sizes the renderer chooses (texts without a `font_size`, hugging sprites and pictures) shrink
    together, each step by the share of its room the worst overflowing node has, until everything fits; a step
    that overshot is then halved back towards the last scale that overflowed. At most `_SHRINK_STEPS` layouts
    after the first, never below `_SMALLEST_SCALE`; what still overflows is reported in the notices.
    """
    styled = with_role_defaults(plan)
    canvas_box = Box(x=0, y=0, w=plan.canvas.width, h=plan.canvas.height)
    measuring = 0.0

    def attempt(scale: float) -> tuple[_Layout, Frame]:
        nonlocal measuring
        layout = _Layout(fonts, plan.canvas, scale)
        # Lists and tables become frames at each attempt's scale, so their markers and spacing shrink with the type.
        root = layout.place_frame(expand(styled, fonts, scale).root, canvas_box)
        measuring += layout.measuring_seconds
        return layout, root

    layout, root = attempt(1.0)
    overflowing, scale, steps = 1.0, 1.0, 0
    while layout.overflowed and layout.shrinkable and scale > _SMALLEST_SCALE and steps < _SHRINK_STEPS:
        overflowing, steps = scale, steps + 1
        scale = max(_SMALLEST_SCALE, scale * min(_SHRINK, max(0.5, layout.room_share)))
        layout, root = attempt(scale)
    # A step may have overshot (the worst overflow is not the typical one): win back what room allows.
    while not layout.overflowed and overflowing - scale > _SCALE_TOLERANCE and steps < _SHRINK_STEPS:
        steps += 1
        larger = (scale + overflowing) / 2
        tried = attempt(larger)
        if tried[0].overflowed:
            overflowing = larger
        else:
            scale, (layout, root) = larger, tried
    # Every chart series gets the colour it is drawn in, so that the verifier knows which pixels are which series.
    laid_out = with_chart_colors(styled.model_copy(update={"root": root}))
    fits = _matched_sizes(laid_out.root, layout.text_fits)
    return LaidOutPlan(laid_out, text_fits=fits, notices=layout.notices, measuring_seconds=measuring)


def _matched_sizes(root: Frame, fits: dict[str, TextFit]) -> dict[str, TextFit]:
    """The text fits with like texts set alike: texts of one role, level and face that sit in frames of the same
    shape (the same layouts and roles all the way up: the headings of a grid's cards, the items of a nav, the
    rows of a repeated feature list) take the smallest size any of them was measured at, so that one card's
    longer heading does not leave it set smaller than its neighbours'. A text held to `max_lines` keeps its own
    size: that limit is the plan's word on it."""
    Shape = tuple[tuple[str, str | None], ...]
    groups: dict[tuple[Shape, str, int, str, str, bool], list[str]] = {}

    def visit(frame: Frame, shape: Shape) -> None:
        inner = (*shape, (frame.layout, frame.role))
        for child in frame.children:
            if isinstance(child, Frame):
                visit(child, inner)
            elif isinstance(child, TextElement) and fits.get(child.id, TextFit(None)).ceiling and not child.max_lines:
                key = (inner, child.role, child.level, child.family, child.font_weight, child.italic)
                groups.setdefault(key, []).append(child.id)

    visit(root, ())
    matched = dict(fits)
    for ids in groups.values():
        smallest = min(fits[i].ceiling or 0 for i in ids)
        for text_id in ids:
            matched[text_id] = TextFit(ceiling=smallest)
    return matched


class _Layout:
    """One plan's layout: the fonts and canvas texts are measured against, and what it learnt on the way."""

    def __init__(self, fonts: FontBook, canvas: Canvas, scale: float = 1.0) -> None:
        self.fonts = fonts
        self.canvas = canvas
        self.short_edge = min(canvas.width, canvas.height)
        self.scale = scale  # of the sizes the renderer chooses: below 1 when the content did not fit
        self.text_fits: dict[str, TextFit] = {}
        self.notices: list[str] = []
        self.measuring_seconds = 0.0
        self.overflowed = False  # some node lies outside its frame or off the canvas
        self.room_share = 1.0  # of the room the worst overflowing node needs, the share its frame has
        self.shrinkable = False  # some size the renderer chose can still get smaller
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
            self.measuring_seconds += tree.measuring_seconds
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
        sprite = max(1, round(_SPRITE_SHARE * self.short_edge * self.scale))
        side = max(1, round(_PICTURE_SHARE * self.short_edge * self.scale))
        self.shrinkable = self.shrinkable or isinstance(leaf, ObjectGroup | PictureElement)

        def content(known_width: float | None, room: float) -> tuple[float, float]:
            within = room if known_width is None else known_width
            if isinstance(leaf, ObjectGroup):
                return _sprite_rows(leaf.count, sprite, within)
            if isinstance(leaf, PictureElement):
                return min(side, within), side
            if isinstance(leaf, ShapeElement):
                return _shape_hug(leaf, self.short_edge)
            if isinstance(leaf, ControlElement):
                return _control_hug(leaf, self.short_edge * self.scale, within)
            return _square_hug(leaf, self.short_edge * self.scale, within)

        return content

    def _text_content(self, text: TextElement) -> Content:
        chain = self._chain(text)
        # Taffy asks a text's size many times over (each pass of flexbox and grid sizing, each candidate width);
        # most questions repeat, and each answer is a shaping and wrapping search.
        answers: dict[float, tuple[float, float]] = {}
        unwrapped: list[tuple[int, int]] = []  # the text on its own lines, at its starting size: asked once

        def content(known_width: float | None, room: float) -> tuple[float, float]:
            given = known_width if known_width is not None else room
            # Whole pixels: a box's edges are rounded to them anyway, and sub-pixel widths would each be asked anew.
            width = math.floor(given + 1e-6) if math.isfinite(given) else given
            if not unwrapped:
                unwrapped.append(measure_text(text, chain, self._start_size(text), math.inf))
            if width >= unwrapped[0][0] and (text.max_lines is None or text.text.count("\n") < text.max_lines):
                return unwrapped[0]  # room for every line unwrapped, at the starting size: nothing to settle
            if width not in answers:
                within = min_content_width(text, chain, self._start_size(text)) if width == 0 else width
                hug_width, hug_height = measure_text(text, chain, self._size_at(text, within), within)
                answers[width] = (min(hug_width, within), hug_height)
            return answers[width]

        return content

    def _start_size(self, text: TextElement) -> int:
        if text.font_size is not None:
            return text.font_size
        size = scaled_text_size(text, self.canvas, self.scale)
        self.shrinkable = self.shrinkable or size > MIN_TEXT_SIZE
        return size

    def _size_at(self, text: TextElement, width: float) -> int:
        """The size a text without a box is set at in `width`: a short one is set smaller, down to
        `_SHORT_TEXT_SHRINK` of its size, rather than broken over lines ("Region" over "11" reads badly)."""
        if text.font_size is not None:
            return text.font_size
        chain, start = self._chain(text), self._start_size(text)
        if len(text.text) <= _SHORT_TEXT and "\n" not in text.text:
            smallest = max(MIN_TEXT_SIZE, math.ceil(_SHORT_TEXT_SHRINK * start))
            single = one_line_size(text, chain, start, width, smallest)
            if single is not None:
                return single
        return settled_size(text, chain, start, width)

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
        """Note a node laid out past the room inside its frame's padding, or off the canvas."""
        where = f"{box.w}x{box.h} at ({box.x}, {box.y})"
        room = _inside_padding(parent, parent_box)
        bounds = room.intersection(Box(x=0, y=0, w=self.canvas.width, h=self.canvas.height)) or room
        if not _contains(bounds, box):
            self.overflowed = True
            # How far the node reaches past the room it has, on its worse axis, as a share of that room.
            needed_w = max(box.right, bounds.right) - min(box.x, bounds.x)
            needed_h = max(box.bottom, bounds.bottom) - min(box.y, bounds.y)
            self.room_share = min(self.room_share, bounds.w / needed_w, bounds.h / needed_h)
        if not _contains(room, box):
            self.notices.append(
                f"{_kind(node)} {node.id!r} was laid out {where}, outside the room inside frame {parent.id!r}'s "
                f"padding ({room.w}x{room.h} at ({room.x}, {room.y})): the frame's content needs more room than it "
                "has; give the frame more room, or shrink or remove some of its content"
            )
        elif not isinstance(node, Frame) and not box.inside(self.canvas.width, self.canvas.height):
            self.notices.append(
                f"{_kind(node)} {node.id!r} was laid out {where}, partly off the "
                f"{self.canvas.width}x{self.canvas.height} canvas: move its frame onto the canvas"
            )


def _inside_padding(frame: Frame, box: Box) -> Box:
    """The room a frame's flow children have: its box less its padding (the box itself if padding fills it)."""
    insets = frame.insets
    width, height = box.w - insets.left - insets.right, box.h - insets.top - insets.bottom
    if width < 1 or height < 1:
        return box
    # A frame laid out at the far edge of what a box may hold (clamped by _canvas_box) keeps its room there too.
    x, y = _clamp(box.x + insets.left, -MAX_EDGE, MAX_EDGE), _clamp(box.y + insets.top, -MAX_EDGE, MAX_EDGE)
    return Box(x=x, y=y, w=width, h=height)


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
    if isinstance(node, ControlElement):
        return node.control in ("toggle", "checkbox", "radio")
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


def _square_hug(leaf: Element, short_edge: float, within: float) -> tuple[float, float]:
    """A chart's, icon's or QR code's hugging size: a share of the short edge (a chart 3:2), within the room."""
    share = {"chart": _CHART_SHARE, "icon": _ICON_SHARE, "qr": _QR_SHARE}.get(leaf.kind, _ICON_SHARE)
    height = round(share * short_edge)
    width = min(within, round(height * 1.5)) if leaf.kind == "chart" else height
    return width, height


def _control_hug(control: ControlElement, short_edge: float, within: float) -> tuple[float, float]:
    """A control's hugging size (see the module's docstring)."""
    if control.control == "toggle":
        em = _BODY_EM * short_edge
        return round(_TOGGLE_EMS[0] * em), round(_TOGGLE_EMS[1] * em)
    if control.control in ("checkbox", "radio"):
        side = round(_CHECK_SHARE * short_edge)
        return side, side
    width = within if math.isfinite(within) else round(_UNBOUNDED_BAR * short_edge)
    share = _SLIDER_SHARE if control.control == "slider" else _BAR_SHARE
    return width, max(4, round(share * short_edge))


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
    names = {"frame": "frame", "text": "text", "objects": "object group", "picture": "picture", "control": "control"}
    return names.get(node.kind, "shape")
