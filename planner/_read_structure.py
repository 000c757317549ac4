"""Structure in a brief: bullet and numbered items, category-value pairs, table rows, name-price pairs, steps and
dates, KPIs, pricing tiers, form fields, navigation items and chart data, each with the words it came from.

A structure is read three ways; the first to claim a stretch of the brief keeps it:

1. lines: a multi-line brief's marked lines ("- ", "* ", "• ", "1. "), a markdown table, runs of price or
   "label: figure" lines; a line ending in ":" above them ("Timeline:", "Benefits:") names or titles them;
2. cues: a layout noun ("three bullet points", "a bar chart of revenue by region", "navigation", "fields", "a
   table with columns") and the entries after it (after ":", "with", "showing", "such as"...) or, for fields
   and columns, before it ("email and password fields");
3. shapes without a cue: an inline numbered run ("1. plan 2. build"), an arrow flow ("plan → build → ship"), two
   or more name-price pairs ("Margherita $12, Pepperoni $14"), two or more "label: figure" pairs, and a trend
   ("sales rose from 10 in Q1 to 25 in Q4", a line chart).

Prose lists of things ("a cat, a dog and a bird") are never structure: they are things to count. A chart asked
for without figures is read with no items: its data was not given, and nothing is made up for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tessera.contract import DocumentKind, RequiredStructure
from tessera.planner._extract_spans import source_span
from tessera.planner._quotes import find_quotes
from tessera.planner._structure_cues import from_cues
from tessera.planner._structure_entries import MAX_CELL, MAX_ITEMS, BriefText, Found
from tessera.planner._structure_figures import from_prose_figures
from tessera.planner._structure_lines import from_lines
from tessera.planner._structure_sections import from_sections
from tessera.planner._structure_shapes import from_shapes

MAX_STRUCTURES = 8


# Kinds whose briefs give their key figures as prose ("2.25 billion cups a day, 65% drink it at breakfast").
_FIGURE_KINDS: frozenset[DocumentKind] = frozenset({"infographic", "dashboard"})


def required_structures(brief: str, masked: str, kind: DocumentKind | None = None) -> list[RequiredStructure]:
    """Every structure the brief asks for, in brief order, each with the span of the words it was read from.

    `masked` is the brief with its quotations masked, offsets kept; the items of a quoted list ("bullets: 'Fast
    setup', 'No code'") are the quotations' texts. On an infographic or a dashboard (`kind`), figures written as
    prose are KPIs too."""
    text = BriefText(brief, masked, find_quotes(brief))
    found: list[Found] = []
    readers = [from_lines, from_sections, from_cues, from_shapes]
    if kind in _FIGURE_KINDS:
        readers.append(from_prose_figures)
    for reader in readers:
        for candidate in reader(text):
            if not any(candidate.start < kept.end and kept.start < candidate.end for kept in found):
                found.append(candidate)
    found.sort(key=lambda f: f.start)
    quoted = frozenset(q.text for q in text.quotes)
    return [_structure(brief, n, _capitalised(f, quoted)) for n, f in enumerate(found[:MAX_STRUCTURES], start=1)]


def structure_spans(structures: Sequence[RequiredStructure]) -> list[tuple[int, int]]:
    """The stretches of the brief the structures were read from: their words are layout, not things to count."""
    return [(s.source.start, s.source.end) for s in structures]


def mask_structures(text: str, structures: Sequence[RequiredStructure]) -> str:
    """`text` (the brief or a masked copy of it) with the structures' words replaced by spaces, offsets kept."""
    chars = list(text)
    for start, end in structure_spans(structures):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _capitalised(found: Found, quoted: frozenset[str]) -> Found:
    """Entries set as a design sets them: "fast setup" as "Fast setup"; quoted ones exactly as written."""

    if found.structure == "icons":
        return found  # icon names are names to look up ("home", "search"), not words to set

    def shown(words: str) -> str:
        first = words.split(" ", 1)[0]
        lower = first[:1].isalpha() and first == first.lower()
        return words[:1].upper() + words[1:] if lower and words not in quoted else words

    items = [
        item.model_copy(update={"label": shown(item.label), "cells": [shown(cell) for cell in item.cells]})
        for item in found.items
    ]
    title = shown(found.title) if found.title else None
    return replace(found, items=items, title=title, header=[shown(cell) for cell in found.header])


def _structure(brief: str, n: int, found: Found) -> RequiredStructure:
    return RequiredStructure(
        id=f"structure-{n}",
        structure=found.structure,
        title=found.title[:120] if found.title else None,
        items=found.items[:MAX_ITEMS],
        header=[cell[:MAX_CELL] for cell in found.header[:12]],
        chart=found.chart,
        unit=found.unit,
        source=source_span(brief, found.start, found.end),
    )
