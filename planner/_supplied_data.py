"""The user's data files as the entries of the charts and tables the brief asks for.

"A bar chart of sales" gives the reader a chart without data; with `--data sales=sales.csv` the chart's
categories and figures come from the file: the first column labels the entries, the first numeric column after
it gives the figures. A table takes every column. The data file is the one the brief's words name ("of sales"
for a file called `sales`), else the only one supplied. This runs right after reading, so the coverage map,
the templates and the verifier all see the entries as if the brief had spelt them out.
"""

from __future__ import annotations

import re

from tessera.contract import (
    Constraints,
    DataTable,
    RequiredPosition,
    RequiredStructure,
    StructureItem,
    StructureKind,
    Supplied,
)
from tessera.planner._assets import asset_requests
from tessera.planner._extract_spans import source_span, unique_id
from tessera.planner._structure_items import value_number

# Structures a data file can fill: figures per label (charts, pairs, KPIs) or whole rows (tables).
_FIGURES: frozenset[StructureKind] = frozenset({"chart", "pairs", "kpis"})
_ROWS: frozenset[StructureKind] = frozenset({"table"})
# A figure as a cell holds it: a number with its currency, unit or scale ("$1,200", "45%", "1.2M", "3 kg").
_FIGURE = re.compile(r"[^\w\s]{0,2}\s*[-+\u2212]?\d[\d.,\s]*(?:%|[A-Za-z]{1,3})?\s*[^\w\s]{0,2}")
# A table the brief asks for in words, without entries ("a table of the results"): filled when data is supplied.
_TABLE_WORDS = re.compile(r"\b(?:an?|the)\s+(?:data\s+)?table\b(?:\s+(?:of|with|showing)\s+(?:the\s+)?[\w-]+)?", re.I)
_VALUE_CHARS = 80


def with_supplied(constraints: Constraints, supplied: Supplied) -> Constraints:
    """`constraints` with what the user supplied, and each chart or table the brief asks for without entries
    filled from the data file it names (or the only one)."""
    constraints = _places_of_assets(constraints.model_copy(update={"supplied": supplied}))
    if not supplied.data:
        return constraints
    items = [
        _filled(item, _table_for(item, constraints.brief, supplied))
        if isinstance(item, RequiredStructure) and not item.items
        else item
        for item in constraints.items
    ]
    items += _asked_tables(constraints, supplied)
    return constraints.model_copy(update={"items": items})


def _places_of_assets(constraints: Constraints) -> Constraints:
    """The reading without the positions whose place words belong to an asset ("'Q3' with our logo top-left":
    the logo goes top-left, not the title): the asset's node takes that place."""
    claimed = [(r.region, r.span[1]) for r in asset_requests(constraints) if r.region and r.span]
    items = [
        item
        for item in constraints.items
        if not (
            isinstance(item, RequiredPosition)
            and item.relation is None
            and any(item.region == region and item.source.start < end <= item.source.end for region, end in claimed)
        )
    ]
    return constraints.model_copy(update={"items": items}) if len(items) < len(constraints.items) else constraints


def _table_for(structure: RequiredStructure, brief: str, supplied: Supplied) -> DataTable | None:
    """The data the structure's words name ("a chart of sales", "a table of the sales-2024 figures"), else the only
    data file supplied."""
    words = f"{structure.source.quote} {structure.title or ''}".lower()
    named = [t for t in supplied.data if _names(words, t.name)]
    if named:
        return named[0]
    return supplied.data[0] if len(supplied.data) == 1 else None


def _names(words: str, name: str) -> bool:
    spoken = re.escape(name.lower()).replace(r"\-", "[-_ ]").replace("_", "[-_ ]")
    return re.search(rf"\b{spoken}\b", words) is not None


def _filled(structure: RequiredStructure, table: DataTable | None) -> RequiredStructure:
    if table is None:
        return structure
    if structure.structure in _ROWS:
        entries = [StructureItem(label=row[0] or "-", cells=row[1:]) for row in table.rows]
        return structure.model_copy(update={"items": entries, "header": table.header})
    if structure.structure not in _FIGURES:
        return structure
    column = _figure_column(table, structure)
    if column is None:
        return structure
    entries = [
        StructureItem(label=row[0][:200] or "-", value=row[column].strip()[:_VALUE_CHARS])
        for row in table.rows
        if _is_figure(row[column])
    ]
    title = structure.title or (table.header[column] if column < len(table.header) else None)
    return structure.model_copy(update={"items": entries, "title": title})


def _figure_column(table: DataTable, structure: RequiredStructure) -> int | None:
    """The column of figures: one whose header the structure's words name, else the first after the labels that
    holds a figure in every row."""
    width = min(len(row) for row in table.rows)
    numeric = [c for c in range(1, width) if all(_is_figure(row[c]) for row in table.rows)]
    words = f"{structure.source.quote} {structure.title or ''}".lower()
    named = [c for c in numeric if c < len(table.header) and table.header[c] and _names(words, table.header[c])]
    candidates = named or numeric
    return candidates[0] if candidates else None


def _is_figure(cell: str) -> bool:
    return _FIGURE.fullmatch(cell.strip()) is not None and value_number(cell) is not None


def _asked_tables(constraints: Constraints, supplied: Supplied) -> list[RequiredStructure]:
    """A table structure for "a table of ..." in a brief the reader found no table in, filled from the data."""
    if any(isinstance(i, RequiredStructure) and i.structure == "table" for i in constraints.items):
        return []
    match = _TABLE_WORDS.search(constraints.brief)
    if match is None:
        return []
    source = source_span(constraints.brief, match.start(), match.end())
    taken = {item.id for item in constraints.items}
    asked = RequiredStructure(id=unique_id("structure", taken), structure="table", source=source)
    filled = _filled(asked, _table_for(asked, constraints.brief, supplied))
    return [filled] if filled.items else []
