"""A table as frames and leaves: a grid with one track per column, a frame per cell, rules and stripes.

Ids, for a table `prices` (rows and columns counted from 1): `prices.h2` is the text of the second header cell,
`prices.r3c2` the text of row 3's second cell, `prices.h2f` and `prices.r3c2f` the frames they sit in (an empty
cell is its frame alone), `prices.hl` the rule under the header and `prices.r3l` the rule under row 3.

Every cell is a body text (the header's bold), so the layout sets the whole table at one size. A column whose
cells are all numbers (prices, percentages, counts with a unit) is right-aligned with its header, unless
`column_align` says otherwise; the first other column takes the table's free room, the rest their content's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tessera.contract import Border, Element, Frame, Insets, ShapeElement, TableElement, TextElement, Track
from tessera.renderer._surroundings import Surroundings

ColumnAlign = Literal["left", "center", "right"]  # as a table's `column_align` has it

_CELL_PADDING = (0.35, 0.5)  # of the cell size: above and below a cell's text, and left and right of it
_LINE_SPACING = 1.25  # a wrapped cell stays compact: rows are told apart by padding, rules and stripes
_RULE_STRENGTH = 0.22  # of the text colour over the backdrop: quiet rules between rows and grid lines
_STRIPE_STRENGTH = 0.07  # a stripe is a faint band, never a second colour competing with the text
_RULE_SHARE = 1 / 1000  # of the short edge: a thin rule's thickness (1 px at least)
# A number, an amount or a measure: "$4.20", "−3", "1,284", "12%", "8 g", "160mg", "4.20 €", "2.5k".
_NUMBER = re.compile(r"[+\-−±~≈]?\s?[$€£¥₹₽₩]?\s?\d[\d,.\u2009\u202f ]*\s?(%|‰|kcal|[A-Za-zµ]{1,3})?\s?[$€£¥₹₽₩]?")
_DASHES = frozenset("-–—")  # a dash in a number column stands for "none" and leaves the column numeric


@dataclass(frozen=True)
class _Look:
    """How one table is drawn: its rules and stripe colours and its cells' padding."""

    rule: str  # between rows, and the grid lines
    header_rule: str
    stripe: str
    thickness: int  # px of a thin rule; the header's rule is twice as thick
    padding: tuple[int, int]  # vertical, horizontal px around a cell's text
    open_edges: bool  # the outer columns' text stands flush with the table's edges (no fills or borders to clear)


def table_frame(element: TableElement, around: Surroundings) -> Frame:
    """The table as a grid frame with role "table" and the table's id: header cells, body cells, rules."""
    count = max(len(element.header), *(len(row) for row in element.rows))
    numeric = [_is_number_column(element, column) for column in range(count)]
    aligns = _aligns(element, numeric)
    look = _look(element, around)
    children: list[Frame | Element] = []
    if element.header:
        children += [
            _cell(element, f"{element.id}.h{column + 1}", text, column, aligns, look, header=True, fill=None)
            for column, text in enumerate(_padded(element.header, count))
        ]
        if element.style in ("lines", "stripes") and element.header_fill is None:
            children.append(_rule(f"{element.id}.hl", look.header_rule, 2 * look.thickness, count))
    for number, row in enumerate(element.rows, start=1):
        fill = look.stripe if element.style == "stripes" and number % 2 == 1 else None
        children += [
            _cell(element, f"{element.id}.r{number}c{column + 1}", text, column, aligns, look, header=False, fill=fill)
            for column, text in enumerate(_padded(row, count))
        ]
        if element.style == "lines" and number < len(element.rows):
            children.append(_rule(f"{element.id}.r{number}l", look.rule, look.thickness, count))
    # A grid's outer line: the table's border, with its cells inset by as much, is as thick as two cells' edges.
    grid = element.style == "grid"
    return Frame(
        id=element.id,
        layout="grid",
        columns=_tracks(numeric),
        role="table",
        name=f"table {len(element.rows)}x{count}",
        border=Border(color=look.rule, width=look.thickness) if grid else None,
        padding=look.thickness if grid else 0,
        children=children,
    )


def _look(element: TableElement, around: Surroundings) -> _Look:
    size = around.text_size(_text(element, f"{element.id}.r1c1", "0", "left", header=False))
    return _Look(
        rule=element.rule_color or around.tint(element.color, _RULE_STRENGTH),
        header_rule=element.rule_color or element.header_color or element.color,
        stripe=element.rule_color or around.tint(element.color, _STRIPE_STRENGTH),
        thickness=max(1, round(_RULE_SHARE * around.short_edge)),
        padding=(round(_CELL_PADDING[0] * size), round(_CELL_PADDING[1] * size)),
        open_edges=element.style in ("lines", "plain") and element.header_fill is None,
    )


def _cell(
    element: TableElement,
    cell_id: str,
    text: str,
    column: int,
    aligns: list[ColumnAlign],
    look: _Look,
    *,
    header: bool,
    fill: str | None,
) -> Frame:
    vertical, horizontal = look.padding
    first, last = column == 0, column == len(aligns) - 1
    padding = Insets(
        top=vertical,
        bottom=vertical,
        left=0 if look.open_edges and first else horizontal,
        right=0 if look.open_edges and last else horizontal,
    )
    # An empty cell is its frame alone: a text needs a character, and nothing drawn is nothing to read back.
    children: list[Frame | Element] = (
        [_text(element, cell_id, text, aligns[column], header=header)] if text.strip() else []
    )
    return Frame(
        id=f"{cell_id}f",
        width="fill",
        height="fill",
        padding=padding,
        fill=element.header_fill if header else fill,
        border=Border(color=look.rule, width=look.thickness) if element.style == "grid" else None,
        children=children,
    )


def _text(element: TableElement, cell_id: str, text: str, align: ColumnAlign, *, header: bool) -> TextElement:
    return TextElement(
        id=cell_id,
        text=text,
        role="body",
        family=element.family,
        font_weight="bold" if header else "regular",
        font_size=element.font_size,
        color=(element.header_color or element.color) if header else element.color,
        script=element.script,
        language=element.language,
        align=align,
        line_spacing=_LINE_SPACING,
    )


def _rule(rule_id: str, color: str, thickness: int, columns: int) -> ShapeElement:
    return ShapeElement(
        id=rule_id, shape="divider", stroke=color, stroke_width=thickness, column_span=columns, width="fill"
    )


def _padded(cells: list[str], count: int) -> list[str]:
    return cells + [""] * (count - len(cells))


def _aligns(element: TableElement, numeric: list[bool]) -> list[ColumnAlign]:
    given = element.column_align or []
    detected: list[ColumnAlign] = ["right" if number else "left" for number in numeric]
    return [given[column] if column < len(given) else align for column, align in enumerate(detected)]


def _is_number_column(element: TableElement, column: int) -> bool:
    """Whether every filled body cell of the column is a number (a dash standing for none aside)."""
    cells = [row[column].strip() for row in element.rows if column < len(row)]
    filled = [cell for cell in cells if cell and not set(cell) <= _DASHES]
    return bool(filled) and all(_NUMBER.fullmatch(cell) for cell in filled)


def _tracks(numeric: list[bool]) -> list[Track]:
    """The first text column takes the free room; every other column is as wide as its content."""
    first_text = next((column for column, number in enumerate(numeric) if not number), None)
    return ["1fr" if column == first_text else "auto" for column in range(len(numeric))]
