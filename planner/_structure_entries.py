"""The entries of a structure read as its kind's items, and what the readers of structure share: the brief as
they see it, a structure found before it gets its id, where a clause ends, and inline numbered runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tessera.contract import ChartKind, StructureItem, StructureKind
from tessera.planner._quotes import PLACEHOLDER, Quote
from tessera.planner._structure_items import common_unit, dated, is_figure, is_price, label_value, words_of

MAX_ITEMS = 40
MAX_CELL = 120  # characters: a table cell's bound in the plan
_MAX_LABEL, _MAX_VALUE = 200, 80
VALUED: frozenset[StructureKind] = frozenset({"chart", "pairs", "prices", "kpis", "tiers"})
"""Kinds whose entries carry a figure: a price, a value, a KPI."""
# Labels of a text cue ("Title: 2024"): text to set, never a pair.
TEXT_CUE_LABELS = frozenset(
    ["title", "subtitle", "headline", "heading", "author", "authors", "date", "caption", "footer", "tagline", "by"]
)
_CLAUSE_END = re.compile(r"[.!?\u3002\uff01\uff1f](?=\s|$)|\n")
_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|dr|st|mr|mrs|ms|no|inc|ltd|co)|\s\d{1,2})$", re.I)


@dataclass(frozen=True)
class Found:
    """A structure read from the brief, before it gets its id."""

    start: int
    end: int
    structure: StructureKind
    items: list[StructureItem] = field(default_factory=list)
    title: str | None = None
    header: list[str] = field(default_factory=list)
    chart: ChartKind | None = None
    unit: str | None = None


@dataclass(frozen=True)
class BriefText:
    """The brief, its quote-masked copy and its quotations: what every reader here looks at."""

    brief: str
    masked: str
    quotes: list[Quote]

    def words(self, start: int, end: int) -> str:
        """The brief's words from `start` to `end`, quotations by their text."""
        return words_of(self.brief, self.quotes, start, end)


def entry_item(label: str, value: str | None = None, cells: Sequence[str] = ()) -> StructureItem:
    """An item of a structure, each string within the contract's bounds."""
    return StructureItem(
        label=label[:_MAX_LABEL],
        value=value[:_MAX_VALUE] if value else None,
        cells=[cell[:MAX_CELL] for cell in cells[:12]],
    )


def clause_end(masked: str, start: int) -> int:
    """Where the clause that starts at `start` ends: a full stop (not of a number, a list marker or an
    abbreviation), a question or exclamation mark, or a line break."""
    for match in _CLAUSE_END.finditer(masked, start):
        if match.group() == "." and _ABBREVIATIONS.search(masked[max(start, match.start() - 6) : match.start()]):
            continue
        return match.start()
    return len(masked)


def and_rule(kind: StructureKind) -> Callable[[str, str], bool] | None:
    """When an "and" in a list's last entry parts two entries, for a kind."""
    if kind in ("chart", "pairs", "kpis"):
        return lambda left, right: label_value(_last_piece(left)) is not None and label_value(right) is not None
    if kind in ("prices", "tiers"):
        # A name before its price: "Pro $29 and 2 balloons" ends at the price; "Basic, Pro and Team" has none.
        return lambda left, right: (
            label_value(right, figure_first=False) is not None or label_value(_last_piece(left)) is None
        )
    if kind in ("nav", "fields"):
        return lambda left, right: True
    return None


def _last_piece(text: str) -> str:
    return re.split(r"[,;]", text)[-1].strip()


def parse_entries(
    text: BriefText, kind: StructureKind, entries: list[tuple[int, int]], labels: list[str]
) -> Found | None:
    """Entries read as one kind's items, or None when they do not have its shape (a KPI needs a figure)."""
    if not entries:
        return None
    if kind in VALUED and any(_wholly_quoted(text.masked, *entry) for entry in entries):
        return None  # "'Croissant $3'" is one exact text, not a name and a price to set apart
    parser = _PARSERS.get(kind, _plain_items)
    items = parser(labels)
    if not items:
        return None
    values = [item.value for item in items if item.value]
    unit = common_unit(values) if kind in ("chart", "pairs", "kpis") else None
    # Tiers and icons read every entry (a feature merged into its tier, "settings and profile icons" parted in
    # two); other kinds may stop short of the last.
    start, end = entries[0][0], entries[-1 if kind in ("tiers", "icons") else len(items) - 1][1]
    last = items[-1]
    if kind in VALUED and last.value and kind != "tiers":
        # "Veggie $13 on a chalkboard" ends at its figure, "25% other" at its label.
        value_at = text.masked.find(last.value, entries[len(items) - 1][0], end)
        label_at = text.masked.find(last.label, entries[len(items) - 1][0], end)
        if value_at >= 0 and label_at >= 0:
            end = max(value_at + len(last.value), label_at + len(last.label))
    return Found(start, end, kind, items, unit=unit)


def _wholly_quoted(masked: str, start: int, end: int) -> bool:
    return end > start and set(masked[start:end]) == {PLACEHOLDER}


def _plain_items(labels: list[str]) -> list[StructureItem]:
    return [entry_item(label) for label in labels if label]


def _valued_items(labels: list[str]) -> list[StructureItem]:
    """Every entry with a figure, or none."""
    pairs = [label_value(label) for label in labels]
    if any(pair is None for pair in pairs):
        return []
    return [entry_item(label, value) for label, value in (p for p in pairs if p is not None)]


def priced_items(labels: list[str]) -> list[StructureItem]:
    """Every entry with a price ("Margherita $12", "Espresso – 3.50"), or none."""
    items = _valued_items(labels)
    return items if items and all(item.value and is_price(item.value) for item in items) else []


def pair_items(labels: list[str]) -> list[StructureItem]:
    """Entries with a figure under a short label ("Revenue: 40"), or none; a text cue's label ("Title: 2024") makes
    a text, not a pair."""
    items = _valued_items(labels)
    if any(item.label.lower() in TEXT_CUE_LABELS or len(item.label.split()) > 5 for item in items):
        return []
    return items


def step_items(labels: list[str]) -> list[StructureItem]:
    """Steps, each with its date or time when it has one ("2019 founded")."""
    return [entry_item(*dated(label)) for label in labels if label]


_FEATURES = re.compile(
    r"\s*(?:\((?P<paren>[^)]*)\)|\s+(?:with|incl\.?|including)\s+(?P<with>.+)|\s+[\u2013\u2014-]\s+(?P<dash>.+))$"
)


def _tier_items(labels: list[str]) -> list[StructureItem]:
    """Tiers: a name, a price when given, and features after it ("Pro $29 (5 users, 100 GB)"); where commas part
    both tiers and features ("Pro $29/mo with 10 projects, priority support, Team $99/mo"), an entry without a
    price after a tier's features is one more of them."""
    items: list[StructureItem] = []
    priced = sum(label_value(label) is not None for label in labels) >= 2
    open_features = False  # the last tier's features ran on after "with", not closed by a parenthesis
    for label in labels:
        if priced and open_features and label_value(label) is None and len(label.split()) <= 6:
            items[-1] = items[-1].model_copy(update={"cells": [*items[-1].cells, label][:12]})
            continue
        features: list[str] = []
        match = _FEATURES.search(label)
        listed = (match["paren"] or match["with"] or match["dash"] or "") if match else ""
        open_features = False
        if match and listed and not is_figure(listed):  # "Pro – $29" is a name and its price
            features = [f.strip() for f in re.split(r",|\s+and\s+|\s*\+\s*", listed) if f.strip()]
            label = label[: match.start()].strip()
            open_features = not match["paren"]
        pair = label_value(label)
        name, price = pair if pair else (label, None)
        if not name or len(name.split()) > 4:
            return []
        items.append(entry_item(name, price, features))
    return items if any(item.value for item in items) or len(items) >= 2 else []


def _nav_items(labels: list[str]) -> list[StructureItem]:
    """Navigation items: a few words each, "links" and "tabs" dropped."""
    cleaned = [
        re.sub(r"^(?:the|a|an)\s+|\s+(?:links?|tabs?|pages?|items?)$", "", label, flags=re.I) for label in labels
    ]
    if any(len(label.split()) > 4 for label in cleaned):
        return []
    return [entry_item(label) for label in cleaned if label]


_ICON_NAME = re.compile(r"^(?:(?:an?|the)\s+)?(?P<name>.+?)(?:\s+(?:icons?|symbols?|glyphs?))?$", re.IGNORECASE)


def _icon_items(labels: list[str]) -> list[StructureItem]:
    """Named icons, each a word or three ("home", "a shopping cart icon": "shopping cart"), or none; "settings and
    profile icons" names two."""
    names: list[str] = []
    for label in labels:
        match = _ICON_NAME.match(label)
        if match is None:
            return []
        plural = re.search(r"\s(?:icons|symbols|glyphs)$", label, re.IGNORECASE) is not None
        names += re.split(r"\s+(?:and|&)\s+", match["name"]) if plural else [match["name"]]
    if any(len(name.split()) > 3 for name in names):
        return []
    return [entry_item(name) for name in names]


_PARSERS: dict[StructureKind, Callable[[list[str]], list[StructureItem]]] = {
    "icons": _icon_items,
    "chart": _valued_items,
    "pairs": pair_items,
    "prices": priced_items,
    "kpis": _valued_items,
    "steps": step_items,
    "tiers": _tier_items,
    "nav": _nav_items,
}

MARKER = re.compile(r"(?:(?<=\s)|^)\(?(?P<n>\d{1,2})[.)]\s+")


def numbered_run(masked: str, start: int) -> list[tuple[int, int]]:
    """The entries of an inline numbered run ("1. plan 2. build 3. ship") starting at `start`, through to the
    clause after its last marker; empty when none starts there."""
    first = MARKER.match(masked, _skip_spaces(masked, start))
    if first is None or first["n"] != "1":
        return []
    markers = [first]
    for marker in MARKER.finditer(masked, first.end(), len(masked)):
        if "\n\n" in masked[markers[-1].end() : marker.start()]:
            break
        if int(marker["n"]) == len(markers) + 1:
            markers.append(marker)
    if len(markers) < 2:
        return []
    spans = [(m.end(), nxt.start()) for m, nxt in zip(markers, markers[1:], strict=False)]
    spans.append((markers[-1].end(), clause_end(masked, markers[-1].end())))
    return [_stripped(masked, a, b) for a, b in spans]


def _skip_spaces(masked: str, at: int) -> int:
    while at < len(masked) and masked[at] in " \t":
        at += 1
    return at


def _stripped(masked: str, start: int, end: int) -> tuple[int, int]:
    while end > start and masked[end - 1] in " \t\n,;.":
        end -= 1
    trailing_and = re.search(r"\s+(?:and|&)$", masked[start:end])
    return (start, start + trailing_and.start()) if trailing_and else (start, end)
