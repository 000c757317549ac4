"""Figures written as prose on an infographic or a dashboard: "2.25 billion cups a day, 65% drink it at breakfast,
12 kg per person per year in Finland" are three KPIs, each its figure and the words after it.

Only a run of two or more such entries, each a comma, semicolon or colon apart and each starting with a figure,
is read; a small bare number before one word ("3 icons", "5 steps") counts things and is no figure, nor is a year.
"""

from __future__ import annotations

import re

from tessera.planner._structure_entries import BriefText, Found, clause_end, entry_item
from tessera.planner._text_cues import word_set

_SCALE = (
    r"billion|million|thousand|trillion|bn|mrd\.?|mio\.?|milliards?|millions?|mil\s+millones|millones|milliarden|"
    r"millionen|tausend|mille"
)
_UNIT = r"%|kg|g|km|m|t|l|ml|h|hrs?|hours|min|x|°c|°f|k|mb|gb|tb"
_FIGURE = re.compile(
    r"(?P<value>(?:(?:over|about|around|nearly|almost|more\s+than|less\s+than|up\s+to|only|über|fast|plus\s+de|"
    r"près\s+de|más\s+de|casi)\s+)?"
    r"(?P<currency>[$€£¥]\s?)?"
    r"(?P<number>\d+\s+(?:in|out\s+of)\s+\d+|\d{1,3}(?:[,.\u202f ]\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    rf"(?P<scale>\s?(?:{_SCALE})\b)?(?P<unit>\s?(?:{_UNIT})(?![\w]))?(?P<after>\s?[$€£¥])?)\s+(?P<label>\S.*)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[,;:\uff0c\uff1b\uff1a](?!\d)\s*(?:(?:and|und|et|y)\s+)?|\s(?:and|und|et|y)\s+(?=\S*\d)")
_LAST_LEAD = re.compile(
    r".*\b(?:showing|shows|with|featuring|including|highlighting|mit|zeigt|avec|montrant|con|mostrando)\s+",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_LABELS = word_set(
    "am pm a.m. p.m. uhr icons icon charts chart tables table columns column rows row cards card panels panel steps "
    "step bullets bullet images image photos photo pictures picture illustrations sections section widgets widget "
    "buttons button boxes box kpis kpi pages page slides slide tabs tab items item colors colours fonts"
)
_MAX_LABEL_WORDS = 8


def from_prose_figures(text: BriefText) -> list[Found]:
    """KPIs written as prose: runs of two or more entries that each start with a figure."""
    masked = text.masked
    found: list[Found] = []
    start = 0
    while start < len(masked):
        end = clause_end(masked, start)
        found += _runs(text, start, end)
        start = end + 1
    return found


def _runs(text: BriefText, start: int, end: int) -> list[Found]:
    """The runs of figure entries in one clause."""
    separators = list(_SEPARATOR.finditer(text.masked, start, end))
    pieces = zip([start, *(m.end() for m in separators)], [*(m.start() for m in separators), end], strict=True)
    runs: list[list[tuple[int, int, str, str]]] = [[]]
    for left, right in pieces:
        entry = _entry(text, left, right)
        if entry is not None:
            runs[-1].append(entry)
        elif runs[-1]:
            runs.append([])
    return [
        Found(run[0][0], run[-1][1], "kpis", [entry_item(label, value) for _, _, value, label in run])
        for run in runs
        if len(run) >= 2
    ]


def _entry(text: BriefText, start: int, end: int) -> tuple[int, int, str, str] | None:
    """(start, end, figure, label) of an entry that starts with a figure, or None."""
    raw = text.masked[start:end]
    if "\x01" in raw:
        return None  # quoted words are texts of their own
    first = start + len(raw) - len(raw.lstrip())
    words = raw.strip().rstrip(".")
    match = _FIGURE.fullmatch(words)
    if match is None and (lead := _LAST_LEAD.search(words)):
        first, words = first + lead.end(), words[lead.end() :]  # "a dashboard showing 1,200 users"
        match = _FIGURE.fullmatch(words)
    if match is None:
        return None
    label = match["label"].strip()
    label_words = label.split()
    plain = not (match["currency"] or match["scale"] or match["unit"] or match["after"])
    number = match["number"]
    if (
        not re.search(r"[^\W\d_]", label)
        or len(label_words) > _MAX_LABEL_WORDS
        or label_words[0].lower() in _NOT_LABELS
        or (plain and _YEAR.fullmatch(number))
        or (plain and number.isdigit() and int(number) < 100 and len(label_words) == 1)
    ):
        return None
    return first, first + len(words), match["value"].strip(), label
