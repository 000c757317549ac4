"""Structures set out one entry a line in a multi-line brief: marked lines ("- ", "* ", "• ", "1. "), markdown
tables, and runs of priced or "label: figure" lines; a line ending in ":" above them names their kind or titles
them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from tessera.contract import StructureKind
from tessera.planner._structure_cues import CUE, cue_kind
from tessera.planner._structure_entries import (
    MAX_ITEMS,
    TEXT_CUE_LABELS,
    BriefText,
    Found,
    entry_item,
    parse_entries,
)
from tessera.planner._structure_tables import markdown_table

_BULLET = "-*\u2022\u00b7\u2013\u2014\u25aa\u25e6\u25cf\u25cb\u2713\u2714"  # - * • · – — ▪ ◦ ● ○ ✓ ✔
_MARKED_LINE = re.compile(
    rf"^[ \t]*(?:(?P<bullet>[{_BULLET}])|(?P<number>\(?\d{{1,2}}[.)]))[ \t]+(?P<text>\S.*?)[ \t]*$"
)
_SHAPES: tuple[StructureKind, ...] = ("prices", "pairs")  # what entry lines under no cue may be, before a list


class _CueLine(NamedTuple):
    """A line ending in ":" over a run of entries: where its cue (or the line) starts, the kind the cue names,
    and the line's words as a title when it names no kind ("Benefits:")."""

    start: int
    kind: StructureKind | None
    title: str | None


def from_lines(text: BriefText) -> list[Found]:
    """Structures set out one entry a line: marked lines, markdown tables, runs of priced or figured lines."""
    if "\n" not in text.masked:
        return []
    lines = _lines(text.masked)
    found: list[Found] = []
    n = 0
    while n < len(lines):
        reading, after = _run_at(text, lines, n)
        if reading is not None:
            found.append(reading)
        n = after if reading is not None else n + 1
    return found


def _lines(masked: str) -> list[tuple[int, int]]:
    """(start, end) of every line, newline excluded."""
    spans, at = [], 0
    for line in masked.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _run_at(text: BriefText, lines: list[tuple[int, int]], n: int) -> tuple[Found | None, int]:
    """The structure whose lines start at line `n`, and the line after its last."""
    rows = _run_length(text, lines, n, lambda line: line.count("|") >= 2)
    if rows >= 2:
        return markdown_table(text, lines[n : n + rows]), n + rows
    cue = _cue_line(text, lines[n - 1]) if n > 0 else None
    marked = _MARKED_LINE.match(text.masked[slice(*lines[n])])
    if marked is None:
        plain = _run_length(text, lines, n, lambda line: bool(line.strip()))
        return _plain_run(text, lines[n : n + plain], cue), n + plain
    numbered = marked["number"] is not None

    def same_marker(line: str) -> bool:
        match = _MARKED_LINE.match(line)
        return match is not None and (match["number"] is not None) == numbered

    count = _run_length(text, lines, n, same_marker)
    entries = [(start + _text_offset(text.masked[start:end]), end) for start, end in lines[n : n + count]]
    return _marked_run(text, entries, "numbered" if numbered else "bullets", cue, lines[n][0]), n + count


def _text_offset(line: str) -> int:
    """Where a marked line's words start, after its marker."""
    match = _MARKED_LINE.match(line)
    return match.start("text") if match else 0


def _run_length(text: BriefText, lines: list[tuple[int, int]], n: int, fits: Callable[[str], bool]) -> int:
    """How many lines from line `n` on fit, at most a structure's worth."""
    count = 0
    while n + count < len(lines) and count < MAX_ITEMS and fits(text.masked[slice(*lines[n + count])]):
        count += 1
    return count


def _cue_line(text: BriefText, line: tuple[int, int]) -> _CueLine | None:
    """The cue line over a run of entries, when `line` is one."""
    start, end = line
    if not text.masked[start:end].rstrip().endswith((":", "\uff1a")):
        return None
    cues = list(CUE.finditer(text.masked, start, end))
    if cues:
        return _CueLine(cues[-1].start(), cue_kind(cues[-1])[0], None)
    title = text.words(start, end).rstrip(":\uff1a ")
    if not title or len(title.split()) > 8 or title.split()[0].lower() in TEXT_CUE_LABELS:
        return None  # "Title:" introduces a text, not a list
    return _CueLine(start, None, title)


def _marked_run(
    text: BriefText, entries: list[tuple[int, int]], marked: StructureKind, cue: _CueLine | None, first: int
) -> Found:
    """Marked lines as the kind their cue names, else as their shape says (prices, pairs), else as their
    markers say (bullets, numbered)."""
    labels = [text.words(*entry) for entry in entries]
    for kind in (cue.kind,) if cue and cue.kind else _SHAPES:
        reading = parse_entries(text, kind, entries, labels)
        if reading is not None:
            return replace(reading, start=cue.start if cue else first, title=cue.title if cue else None)
    kind = "numbered" if cue and cue.kind == "numbered" else marked
    items = [entry_item(label) for label in labels]
    return Found(cue.start if cue else first, entries[-1][1], kind, items, title=cue.title if cue else None)


def _plain_run(text: BriefText, entries: list[tuple[int, int]], cue: _CueLine | None) -> Found | None:
    """Unmarked lines under a cue line that names their kind ("Menu:"), or two or more priced or "label: figure"
    lines in a row."""
    if not entries:
        return None
    labels = [text.words(*entry) for entry in entries]
    if cue is not None and cue.kind is not None:
        reading = parse_entries(text, cue.kind, entries, labels)
        return replace(reading, start=cue.start) if reading else None
    if len(entries) < 2:
        return None
    for kind in _SHAPES:
        reading = parse_entries(text, kind, entries, labels)
        if reading is not None:
            return replace(reading, start=cue.start if cue else entries[0][0], title=cue.title if cue else None)
    return None
