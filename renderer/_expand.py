"""Lists and tables become frames and leaves before layout, so layout, painting, `drawn` and checks reuse theirs.

A list or a table anywhere in the tree is replaced by a frame (role "list" or "table", named after what it holds)
that keeps its id, size, anchor, grid spans, fixed box and z; its items and cells become texts with ids of their
own (see `_lists` and `_tables`), each read back by the verifier. Expansion happens for each layout attempt, at
that attempt's scale, so markers, gaps and padding shrink with the type when a page is set smaller.
"""

from __future__ import annotations

from pydantic import ValidationError

from tessera.contract import (
    RGB,
    Element,
    Frame,
    LayoutPlan,
    ListElement,
    PlanError,
    TableElement,
)
from tessera.renderer._colors import background_color, middle_color
from tessera.renderer._fonts import FontBook
from tessera.renderer._lists import list_frame
from tessera.renderer._surroundings import Surroundings
from tessera.renderer._tables import table_frame

Expandable = ListElement | TableElement
_KEPT = ("box", "width", "height", "anchor", "column_span", "row_span", "z")  # the expanded node's place


def expand(plan: LayoutPlan, fonts: FontBook, scale: float = 1.0) -> LayoutPlan:
    """`plan` with every list and table replaced by the frames and leaves that draw it; the same plan when it has
    none. Raises `PlanError` when an id an expansion makes is already a node's id, or when the rows and cells
    take the plan past the contract's bounds (nodes, children of a frame, nesting)."""
    if not any(isinstance(node, Expandable) for node in plan.elements):
        return plan
    behind = background_color(plan.background)
    try:
        root = _Expansion(plan, fonts, scale).frame(plan.root, behind)
        expanded = plan.model_copy(update={"root": root})
        # The laid-out plan is a plan too: a long table or a deeply nested list can break its bounds once expanded.
        LayoutPlan.model_validate(expanded.model_dump())
    except ValidationError as error:
        parts = " and ".join(f"{node.kind} {node.id!r}" for node in plan.elements if isinstance(node, Expandable))
        reason = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        raise PlanError(
            f"set as rows and cells, {parts} take the plan past its bounds ({reason}): shorten or split them, or "
            "nest them less deep"
        ) from error
    return expanded


class _Expansion:
    """One plan's expansion: what its parts are set against, and every id taken so far."""

    def __init__(self, plan: LayoutPlan, fonts: FontBook, scale: float) -> None:
        self.plan = plan
        self.fonts = fonts
        self.scale = scale
        self.taken = {node.id for node in [*plan.frames(), *plan.elements]}

    def frame(self, frame: Frame, backdrop: RGB) -> Frame:
        """`frame` with the lists and tables among its descendants expanded, each set on the fill behind it."""
        inner = backdrop if frame.fill is None else middle_color(frame.fill)
        children = [self._node(child, inner) for child in frame.children]
        return frame.model_copy(update={"children": children})

    def _node(self, node: Frame | Element, backdrop: RGB) -> Frame | Element:
        if isinstance(node, Frame):
            return self.frame(node, backdrop)
        if not isinstance(node, Expandable):
            return node
        around = Surroundings(self.fonts, self.plan.canvas, self.scale, backdrop)
        expanded = list_frame(node, around) if isinstance(node, ListElement) else table_frame(node, around)
        self._claim(expanded, node)
        return expanded.model_copy(update={field: getattr(node, field) for field in _KEPT})

    def _claim(self, expanded: Frame, source: Expandable) -> None:
        """Take the ids of the expansion's nodes (the frame itself keeps the source's); none may be taken."""
        for frame in _frames_in(expanded):
            for child in frame.children:
                if child.id in self.taken:
                    raise PlanError(
                        f"{source.kind} {source.id!r} sets one of its parts as {child.id!r}, which is already a "
                        f"node's id: rename that node or the {source.kind}"
                    )
                self.taken.add(child.id)


def _frames_in(frame: Frame) -> list[Frame]:
    found = [frame]
    for child in frame.children:
        if isinstance(child, Frame):
            found.extend(_frames_in(child))
    return found
