"""A list as frames and leaves: a column of rows, each its marker (a bullet, its number, a check, an icon) and text.

Ids, for a list `steps`: `steps.3` is the third item's row, `steps.3t` its text (the item's string exactly),
`steps.3m` its marker (an ellipse, the text "3." or an icon) and `steps.3s` the slot a bullet or an icon is
centred in. Items and numbers share the list's role, so the layout sets them at one size.
"""

from __future__ import annotations

import math

from tessera.contract import Element, Frame, IconElement, ListElement, PlanError, ShapeElement, TextElement
from tessera.renderer._fallback import FaceChain
from tessera.renderer._surroundings import Surroundings
from tessera.renderer._text import first_line_middle, measure_text

_BULLET = 0.3  # of the item size: a bullet's diameter, about a bold bullet character's
_ICON = 1.0  # of the item size: a check's or an icon's box (the icon set draws within it)
_MARKER_GAP = {"bullet": 0.5, "number": 0.35, "check": 0.4, "icon": 0.4, "none": 0.0}  # of the item size
_ITEM_GAP = 0.7  # of the item size, half a line: more than between an item's own lines, so each item reads as one
_BODY_LINE_SPACING = 1.4  # wrapped items read comfortably; headings keep the tighter 1.2
_DISPLAY_LINE_SPACING = 1.2
_DISPLAY_ROLES = frozenset({"title", "subtitle", "heading"})


def list_frame(element: ListElement, around: Surroundings) -> Frame:
    """The list as a column frame with role "list" and the list's id; each item a row of its marker and text."""
    texts = [_item_text(element, number, item) for number, item in enumerate(element.items, start=1)]
    size = around.text_size(texts[0])
    markers = _markers(element, texts[0], size, around)
    gap = round(_MARKER_GAP[element.marker] * size)
    pairs = enumerate(zip(markers, texts, strict=True), start=1)
    rows: list[Frame | Element] = [_row(element, number, marker, text, gap) for number, (marker, text) in pairs]
    count = len(texts)
    return Frame(
        id=element.id,
        layout="column",
        gap=element.gap if element.gap is not None else round(_ITEM_GAP * size),
        role="list",
        name=f"list of {count} item{'s' if count > 1 else ''}",
        children=rows,
    )


def _item_text(element: ListElement, number: int, item: str) -> TextElement:
    return TextElement(
        id=f"{element.id}.{number}t",
        text=item,
        role=element.role,
        family=element.family,
        font_weight=element.font_weight,
        font_size=element.font_size,
        color=element.color,
        script=element.script,
        language=element.language,
        align=element.align,
        line_spacing=_DISPLAY_LINE_SPACING if element.role in _DISPLAY_ROLES else _BODY_LINE_SPACING,
    )


def _row(element: ListElement, number: int, marker: Frame | Element | None, text: TextElement, gap: int) -> Frame:
    # Markers hang on the side the text starts from: the left, or the right for a right-aligned (RTL) list.
    children: list[Frame | Element] = [text]
    if marker is not None:
        children = [text, marker] if element.align == "right" else [marker, text]
    return Frame(id=f"{element.id}.{number}", layout="row", gap=gap, align="start", width="fill", children=children)


def _markers(element: ListElement, first: TextElement, size: int, around: Surroundings) -> list[Frame | Element | None]:
    """Each item's marker: a bullet or an icon centred on its first line, its number, or nothing."""
    count = len(element.items)
    if element.marker == "none":
        return [None] * count
    if element.marker == "number":
        width = _number_width(element, count, size, around)
        return [_number(element, number, width) for number in range(1, count + 1)]
    # The slot is twice as tall as the first line's middle lies below the item's top: the marker, centred in it,
    # sits on the first line however many lines the item wraps onto.
    middle = first_line_middle(first, FaceChain.of(first, around.fonts), size)
    if element.marker == "bullet":
        side = max(4, round(_BULLET * size))
        return [_slot(element, number, _bullet(element, number, side), side, middle) for number in range(1, count + 1)]
    side = max(8, round(_ICON * size))
    return [_slot(element, number, _icon(element, number, side), side, middle) for number in range(1, count + 1)]


def _slot(element: ListElement, number: int, marker: Element, side: int, middle: float) -> Frame:
    return Frame(
        id=f"{element.id}.{number}s",
        layout="column",
        justify="center",
        align="center",
        width=side,
        height=max(side, round(2 * middle)),
        children=[marker],
    )


def _bullet(element: ListElement, number: int, side: int) -> ShapeElement:
    return ShapeElement(
        id=f"{element.id}.{number}m", shape="ellipse", width=side, height=side, fill=_marker_color(element)
    )


def _icon(element: ListElement, number: int, side: int) -> IconElement:
    name = "check" if element.marker == "check" else element.icon
    if name is None:
        raise PlanError(f"list {element.id!r} has marker 'icon' but no icon: name one (e.g. 'star') or use 'bullet'")
    return IconElement(id=f"{element.id}.{number}m", name=name, width=side, height=side, color=_marker_color(element))


def _number(element: ListElement, number: int, width: int) -> TextElement:
    # Numbers stand flush against the text, so that "9." and "10." end in one column.
    return TextElement(
        id=f"{element.id}.{number}m",
        text=f"{number}.",
        role=element.role,
        family=element.family,
        font_weight=element.font_weight,
        font_size=element.font_size,
        color=_marker_color(element),
        align="left" if element.align == "right" else "right",
        width=width,
    )


def _number_width(element: ListElement, count: int, size: int, around: Surroundings) -> int:
    """The width of the widest number at the items' size: every number's column, so every text starts alike."""
    sample = _number(element, count, 1)
    chain = FaceChain.of(sample, around.fonts)
    labels = (f"{number}." for number in range(1, count + 1))
    return max(measure_text(sample.model_copy(update={"text": label}), chain, size, math.inf)[0] for label in labels)


def _marker_color(element: ListElement) -> str:
    return element.marker_color or element.color
