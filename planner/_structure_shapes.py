"""Structures told by their shape alone, without a layout noun: an inline numbered run ("1. plan 2. build"), an
arrow flow ("plan → build → ship"), a trend ("sales rose from 10 in Q1 to 25 in Q4"), and runs of two or more
name-price pairs ("Margherita $12, Pepperoni $14") or "label: figure" pairs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from tessera.contract import StructureItem, StructureKind
from tessera.planner._structure_charts import TREND, chart_title, trend_reading
from tessera.planner._structure_entries import (
    MARKER,
    BriefText,
    Found,
    and_rule,
    clause_end,
    entry_item,
    numbered_run,
    pair_items,
    parse_entries,
    priced_items,
    step_items,
)
from tessera.planner._structure_items import split_items


def _clauses(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of the brief."""
    spans, start = [], 0
    while start < len(masked):
        end = clause_end(masked, start)
        spans.append((start, end))
        start = end + 1
    return spans


def from_shapes(text: BriefText) -> list[Found]:
    """Structures told by their shape alone: inline numbered runs, arrow flows, trends, price and pair runs."""
    masked = text.masked
    found: list[Found] = []
    for marker in MARKER.finditer(masked):
        if marker["n"] == "1":
            run = numbered_run(masked, marker.start())
            if run and not any(f.start <= marker.start() < f.end for f in found):
                labels = [text.words(*e) for e in run]
                found.append(Found(marker.start(), run[-1][1], "numbered", [entry_item(label) for label in labels]))
    for start, end in _clauses(masked):
        found += _shapes_in_clause(text, start, end)
    return found


def _shapes_in_clause(text: BriefText, start: int, end: int) -> list[Found]:
    """An arrow flow of three or more steps, a trend, or runs of prices or pairs in one clause."""
    masked = text.masked
    arrows = list(_ARROW.finditer(masked, start, end))
    if len(arrows) >= 2:
        chain_start = _after_last_lead(masked, start, arrows[0].start(), colon=True)
        entries = split_items(masked, chain_start, end)
        if len(entries) >= 3:
            return [Found(chain_start, entries[-1][1], "steps", step_items([text.words(*e) for e in entries]))]
    trend = TREND.search(masked, start, end)
    if trend:
        reading = trend_reading(trend)
        return [replace(reading, chart="line", title=chart_title(reading.title))]
    return _runs(text, start, end)


_LIST_LEAD = r"\b(?:with|showing|offers?|offering|featuring|including|lists?|listing|serving|serves|is|are|of)\s+"
_ARROW = re.compile(r"\u2192|->|=>|\u27f6|\u2794|\u279c")
_RUN_KINDS: tuple[tuple[StructureKind, Callable[[list[str]], list[StructureItem]]], ...] = (
    ("prices", priced_items),
    ("pairs", pair_items),
)


def _after_last_lead(masked: str, start: int, end: int, colon: bool) -> int:
    """Where a list begins in a clause: after its last "with", "showing" or similar (or colon) before `end`."""
    leads = list(re.finditer(rf"{_LIST_LEAD}|[:\uff1a]\s*" if colon else _LIST_LEAD, masked[start:end], re.I))
    return start + leads[-1].end() if leads else start


def _runs(text: BriefText, start: int, end: int) -> list[Found]:
    """Runs of two or more priced entries ("Margherita $12, Pepperoni $14"), else of "label: figure" entries."""
    masked = text.masked
    entries = split_items(masked, start, end, and_rule("prices"))
    if len(entries) < 2:
        return []
    for kind, fits in _RUN_KINDS:
        # "Our menu offers Margherita $12": the first entry starts after the words that lead to the list.
        first = (_after_last_lead(masked, *entries[0], colon=kind == "prices"), entries[0][1])
        runs = [run for run in _consecutive(text, [first, *entries[1:]], kind, fits) if len(run) >= 2]
        found = [r for r in (parse_entries(text, kind, run, [text.words(*e) for e in run]) for run in runs) if r]
        if found:
            return found
    return []


def _consecutive(
    text: BriefText,
    entries: list[tuple[int, int]],
    kind: StructureKind,
    fits: Callable[[list[str]], list[StructureItem]],
) -> list[list[tuple[int, int]]]:
    """The runs of consecutive entries of the kind's shape (a pair has its colon: "Revenue: 40")."""
    runs: list[list[tuple[int, int]]] = [[]]
    for entry in entries:
        if fits([text.words(*entry)]) and (kind == "prices" or ":" in text.masked[slice(*entry)]):
            runs[-1].append(entry)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]
