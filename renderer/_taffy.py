"""Taffy, the CSS flexbox and grid engine, through `stretchable`'s binding: a tree of styled nodes, some measured
by Python functions, laid out, read back and freed.

stretchable's `Style` builds each style (about a millisecond each, so they are cached by their description); its
`Node` wrapper is not used: it rebuilds length objects on every measure call (a third of a layout's time), keeps
every measured node in a module-level table and never frees Taffy's nodes. Its binding (`taffylib`) is driven
directly instead, and every node is dropped after its layout.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from stretchable import taffylib
from stretchable.context import taffy
from stretchable.style import (
    AUTO,
    PT,
    AlignContent,
    AlignItems,
    AlignSelf,
    Display,
    FlexDirection,
    FlexWrap,
    GridPlacement,
    GridTrackSizing,
    JustifyContent,
    JustifyItems,
    JustifySelf,
    Style,
)
from stretchable.style.props import GridIndex

Place = Literal["start", "center", "end", "stretch"]
Track = int | str  # px, "auto" or "Nfr"
Content = Callable[[float | None, float], tuple[float, float]]
"""A leaf's content size (width, height) given its width when the layout has fixed it, else the width available:
0 asks for its narrowest (min-content), infinity for its widest (max-content)."""

_POINTS, _MIN_CONTENT = 1, 3  # Taffy's kinds of available space (the third, 4, is max-content)
# stretchable keeps one Taffy tree per process, shared by every thread: one layout at a time.
_ENGINE = threading.Lock()


@dataclass(frozen=True)
class ItemStyle:
    """How a node sits in its parent: its size, how it grows and shrinks, where it sits in its cell."""

    width: float | None  # px, or None for auto
    height: float | None
    grow: float = 0.0
    shrink: float = 1.0
    zero_basis: bool = False
    align_self: Place | None = None
    justify_self: Place | None = None
    row: tuple[int, int] | None = None  # grid (start line or 0 for the next free one, span); None: auto
    column: tuple[int, int] | None = None


@dataclass(frozen=True)
class ContainerStyle:
    """How a node lays out its children: flex in a direction, or a grid of tracks."""

    display: Literal["flex", "grid"]
    gap: float
    padding: tuple[float, float, float, float]  # top, right, bottom, left
    align_items: Place
    justify_content: str  # start, center, end, space_between, space_around, space_evenly
    direction: Literal["row", "column"] = "row"
    wrap: bool = False
    columns: tuple[Track, ...] = ()
    rows: tuple[Track, ...] = ()


@dataclass(frozen=True)
class NodeBox:
    """A laid-out node's border box relative to its parent's, in (fractional) pixels."""

    x: float
    y: float
    width: float
    height: float


class TaffyTree:
    """One layout's nodes: made, laid out, read, then all dropped when the `session` ends."""

    def __init__(self) -> None:
        self._nodes: list[int] = []
        self._children: dict[int, list[int]] = {}
        self._contents: dict[int, Content] = {}
        self._failure: Exception | None = None
        self.measuring_seconds = 0.0  # spent in the contents' measures (text shaping), not in the engine itself

    def node(self, item: ItemStyle, container: ContainerStyle | None = None, content: Content | None = None) -> int:
        """A new node with that style; `content` measures a leaf that has one."""
        node = taffylib.node_create(taffy._ptr, _style(item, container))
        self._nodes.append(node)
        if content is not None:
            taffylib.node_set_measure(taffy._ptr, node, True)
            self._contents[node] = content
        return node

    def add(self, parent: int, child: int) -> None:
        taffylib.node_add_child(taffy._ptr, parent, child)
        self._children.setdefault(parent, []).append(child)

    def child(self, parent: int, index: int) -> int:
        """The `index`-th child added to `parent`."""
        return self._children[parent][index]

    def compute(self, root: int, width: float, height: float) -> None:
        """Lay the tree out from `root` in a `width` x `height` room, without rounding."""
        taffylib.disable_rounding(taffy._ptr)
        room = {"width": {"dim": _POINTS, "value": width}, "height": {"dim": _POINTS, "value": height}}
        taffylib.node_compute_layout_with_measure(taffy._ptr, root, room, self._measure)
        if self._failure is not None:
            raise self._failure

    def box(self, node: int) -> NodeBox:
        layout = taffylib.PyLayout()
        taffylib.node_get_layout(taffy._ptr, node, layout)
        return NodeBox(layout.x, layout.y, layout.width, layout.height)

    def _measure(
        self, known_width: float, known_height: float, available: dict[str, float], _height: Any, node: int
    ) -> tuple[float, float]:
        known = None if math.isnan(known_width) else known_width
        if available["dim"] == _POINTS:
            room = float(available["value"])
        else:
            room = 0.0 if available["dim"] == _MIN_CONTENT else math.inf
        started = time.perf_counter()
        try:
            width, height = self._contents[node](known, room)
        except Exception as failure:  # the binding would log it and carry on with NaN: raise it after the layout
            self._failure = self._failure or failure
            return (0.0, 0.0)
        finally:
            self.measuring_seconds += time.perf_counter() - started
        return (width if known is None else known, height if math.isnan(known_height) else known_height)

    def _drop(self) -> None:
        for node in self._nodes:
            taffylib.node_drop(taffy._ptr, node)


@contextmanager
def session() -> Iterator[TaffyTree]:
    """A tree to build and lay out, alone on the engine; its nodes are freed when the block ends."""
    with _ENGINE:
        tree = TaffyTree()
        try:
            yield tree
        finally:
            tree._drop()


# Building a Style costs about a millisecond; a plan repeats a handful of styles (cards, rows of texts).
@lru_cache(maxsize=1024)
def _style(item: ItemStyle, container: ContainerStyle | None) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "size": (_length(item.width), _length(item.height)),
        "flex_grow": item.grow,
        "flex_shrink": item.shrink,
        "flex_basis": 0 * PT if item.zero_basis else AUTO,
        "align_self": None if item.align_self is None else AlignSelf[item.align_self.upper()],
        "justify_self": None if item.justify_self is None else JustifySelf[item.justify_self.upper()],
        "grid_row": _placement(item.row),
        "grid_column": _placement(item.column),
    }
    if container is not None:
        fields.update(_container_fields(container))
    return dict(Style(**fields).to_dict())


def _length(pixels: float | None) -> Any:
    return AUTO if pixels is None else pixels * PT


def _placement(cell: tuple[int, int] | None) -> GridPlacement:
    if cell is None:
        return GridPlacement()
    start, span = cell
    if start:
        return GridPlacement(start=GridIndex.from_index(start), end=GridIndex.from_span(span))
    return GridPlacement(start=GridIndex.from_span(span))


def _container_fields(container: ContainerStyle) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "gap": (container.gap * PT, container.gap * PT),
        "padding": tuple(side * PT for side in container.padding),
        "align_items": AlignItems[container.align_items.upper()],
    }
    if container.display == "flex":
        fields["display"] = Display.FLEX
        fields["flex_direction"] = FlexDirection.ROW if container.direction == "row" else FlexDirection.COLUMN
        fields["flex_wrap"] = FlexWrap.WRAP if container.wrap else FlexWrap.NO_WRAP
        fields["justify_content"] = JustifyContent[container.justify_content.upper()]
        if container.wrap:
            fields["align_content"] = AlignContent.START
        return fields
    fields["display"] = Display.GRID
    fields["justify_items"] = JustifyItems[container.align_items.upper()]
    fields["grid_template_columns"] = [GridTrackSizing.from_any(_track(track)) for track in container.columns]
    fields["grid_template_rows"] = [GridTrackSizing.from_any(_track(track)) for track in container.rows]
    fields["grid_auto_rows"] = ["auto"]
    # "start" keeps CSS's normal for grids: auto tracks share the free room rather than huddling at the start.
    if container.justify_content != "start":
        fields["justify_content"] = JustifyContent[container.justify_content.upper()]
        fields["align_content"] = AlignContent[container.justify_content.upper()]
    return fields


def _track(track: Track) -> Any:
    return track * PT if isinstance(track, int) else track
