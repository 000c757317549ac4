"""Tables in a brief: "a table with columns Name, Role and rows: Ann, Design; Bob, Dev", columns named before
the noun, rows after a colon, and markdown tables."""

from __future__ import annotations

import re

from tessera.contract import StructureItem
from tessera.planner._structure_entries import BriefText, Found, entry_item
from tessera.planner._structure_items import split_items

_RULE_LINE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_table(text: BriefText, rows: list[tuple[int, int]]) -> Found:
    """A markdown table: the row above a |---| rule is the header."""
    cells_of = [[cell.strip() for cell in text.words(*row).strip().strip("|").split("|")] for row in rows]
    header: list[str] = []
    if len(rows) > 1 and _RULE_LINE.match(text.masked[slice(*rows[1])]):
        header, cells_of = cells_of[0], cells_of[2:]
    body = [cells for cells in cells_of if any(cells)]
    items = [entry_item(cells[0] or "-", cells=cells[1:]) for cells in body]
    return Found(rows[0][0], rows[-1][1], "table", items, header=header)


def table_reading(text: BriefText, cue: re.Match[str], limit: int) -> Found | None:
    """A table: its columns ("with columns Name, Role, Team", "with Name and Role columns") and rows ("rows:
    Ann, Design; Bob, Dev"), or rows straight after a colon. A table with neither is furniture, not structure."""
    masked = text.masked
    columns = re.compile(r"\b(?:columns?|column headers|headers|header row|headings|spalten|colonnes|columnas)\b",
                         re.I).search(masked, cue.end(), limit)  # fmt: skip
    rows = re.compile(r"\b(?:rows?|zeilen|lignes|filas|entries)\b\s*[:\uff1a]?", re.I).search(masked, cue.end(), limit)
    header: list[str] = []
    if columns:
        header = _columns(text, cue, columns, rows.start() if rows and rows.start() > columns.end() else limit)
    body_start = rows.end() if rows else None
    if body_start is None and not columns:
        colon = re.compile(r"[:\uff1a]").search(masked, cue.end(), limit)
        if colon is None or colon.start() - cue.end() > 60:
            return None
        body_start = colon.end()
    items = _table_rows(text, body_start, limit, len(header)) if body_start is not None else []
    if not columns and not rows and len(items) < 2 and not any(item.cells for item in items):
        return None  # "a cat on a table: cute" is furniture
    end = max([cue.end(), *([limit] if items else []), *([columns.end()] if columns else [])])
    if header and not items:
        end = max(end, len(masked[:limit].rstrip(" ,;")))
    return Found(cue.start(), end, "table", items, header=header)


def _columns(text: BriefText, cue: re.Match[str], columns: re.Match[str], limit: int) -> list[str]:
    """The column titles, after "columns" or before it ("with Name, Role and Team columns")."""
    masked = text.masked
    before = masked[cue.end() : columns.start()]
    lead = re.search(r"\b(?:with|has|having|of|:)\s+", before)
    if lead and before[lead.end() :].strip() and not re.fullmatch(r"\s*(?:\d+|[a-z]+)\s*", before[lead.end() :]):
        start = cue.end() + lead.end()
        return [text.words(*e) for e in split_items(masked, start, columns.start(), lambda left, right: True)]
    after = _NAMED.match(masked, columns.end())
    if after is None:
        return []
    start = after.end()
    end = re.sub(r"[\s,;]*(?:and|with|plus)?[\s,;]*$", "", masked[start:limit])
    cells = [text.words(*e) for e in split_items(masked, start, start + len(end), lambda left, right: True)]
    return [cell for cell in cells if re.search(r"[^\W\d_]", cell)]


# Column titles follow "columns" after a colon or "called", or straight away when they start with a capital or
# a quotation ("columns Name, Role, Team"), never "columns and 4 rows".
_NAMED = re.compile(
    r"\s*(?:(?:called|named|labell?ed|titled)\s*:?\s*|[:\uff1a]\s*|(?=[A-Z\u00c0-\u00de\x01]))", re.UNICODE
)


def _table_rows(text: BriefText, start: int, end: int, width: int) -> list[StructureItem]:
    """Rows parted by semicolons or written in parentheses, cells by commas; or one run of cells cut into rows
    as wide as the header."""
    masked = text.masked
    groups = [(m.start() + 1, m.end() - 1) for m in re.finditer(r"\([^()]*\)", masked[start:end])]
    if len(groups) >= 2:
        rows = [(start + a, start + b) for a, b in groups]
    elif ";" in masked[start:end]:
        rows = split_items(masked, start, end)
    else:
        cells = [text.words(*e) for e in split_items(masked, start, end)]
        chunk = width or len(cells)
        return [entry_item(cells[k], cells=cells[k + 1 : k + chunk]) for k in range(0, len(cells), chunk) if cells[k]]
    items = []
    for row in rows:
        cells = [text.words(*e) for e in split_items(masked, *row, lambda left, right: False)]
        if cells and cells[0]:
            items.append(entry_item(cells[0], cells=cells[1:]))
    return items
