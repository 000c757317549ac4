"""Price lists in named sections, written inline: "Coffee: Espresso $3, Latte $4.50; Pastries: Croissant $3.75",
or "Coffee (Espresso $3, Latte $4) and Pastries (Croissant $3.75)".

Each section is one price list titled with its name. A name is a word or three before a colon, capitalised (or
in a CJK script), that names no kind of text ("Title:") and no layout ("Menu:"); its entries run to the next
semicolon, line, sentence or section, and every one of them has a price.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tessera.planner._structure_cues import CUE, cue_kind
from tessera.planner._structure_entries import BriefText, Found, and_rule, clause_end, parse_entries
from tessera.planner._structure_items import split_items
from tessera.planner._text_cues import label_cue, word_set

_COLON = re.compile(r"[:\uff1a]")
_NAME_START = re.compile(r"[.!?;:,\n\u3002\uff01\uff1f\uff1b\uff1a\uff0c\u3001\x01]")
_NAME = re.compile(
    r"(?:[A-Z\u00c0-\u00de][\w'’&-]*(?:\s+[\w'’&-]+){0,2}|[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{1,8})"
)
_SECTION_END = re.compile(r"[;\n\uff1b]")
_LEADS = word_set("a an the our my your this these with and or")
_LAST_LEAD = re.compile(
    r"\b(?:with|featuring|including|plus|then|mit|avec|con)\s+(?=[A-Z\u00c0-\u00de][\w'’&-]*(?:\s+[\w'’&-]+){0,2}\s*$)"
)


def from_sections(text: BriefText) -> list[Found]:
    """Price lists in named sections: two or more sections, or one with two or more prices."""
    masked = text.masked
    names = [name for name in (_section_name(text, colon) for colon in _COLON.finditer(masked)) if name]
    found: list[Found] = []
    for index, (start, colon_end, title) in enumerate(names):
        limit = names[index + 1][0] if index + 1 < len(names) else len(masked)
        section = _section(text, start, colon_end, limit, title)
        if section is not None:
            found.append(section)
    found += [s for s in _parenthesised(text) if not any(s.start < f.end and f.start < s.end for f in found)]
    if len(found) == 1 and len(found[0].items) < 2:
        return []
    return sorted(found, key=lambda section: section.start)


# "Coffee (Espresso $3, Latte $4) and Pastries (Croissant $3.75)": a capitalised name, its prices in parentheses.
_PARENTHESISED = re.compile(
    r"(?:^|[,;:\uff1a\uff0c]|\b(?:and|with|plus|und|mit|et|avec|y|con)\b)\s*"
    r"(?P<name>[A-Z\u00c0-\u00de][\w'’&-]*(?:\s+[A-Z\u00c0-\u00de&][\w'’&-]*){0,2})\s*"
    r"[(\uff08](?P<entries>[^()\uff08\uff09]+)[)\uff09]"
)


def _parenthesised(text: BriefText) -> list[Found]:
    """Sections written as a name and its prices in parentheses."""
    found = []
    for match in _PARENTHESISED.finditer(text.masked):
        name = match["name"]
        if label_cue(name) is not None or _names_the_layout(name):
            continue
        entries = split_items(text.masked, *match.span("entries"), and_rule("prices"))
        reading = parse_entries(text, "prices", entries, [text.words(*entry) for entry in entries])
        if reading is not None and len(reading.items) == len(entries):
            found.append(
                replace(reading, start=match.start("name"), end=match.end(), title=text.words(*match.span("name")))
            )
    return found


_LAYOUT_NAME = re.compile(
    r"(?:[\w-]+\s+)?(?:menu|price\s+list|prices|speisekarte|preisliste|preise|carte|tarifs|menú|carta|precios)",
    re.IGNORECASE,
)


def _names_the_layout(words: str) -> bool:
    """Whether words name a layout ("Menu", "Price list", "KPIs") rather than a section of prices ("Drinks")."""
    cue = CUE.fullmatch(words)
    return cue is not None and (cue_kind(cue)[0] != "prices" or _LAYOUT_NAME.fullmatch(words) is not None)


def _section_name(text: BriefText, colon: re.Match[str]) -> tuple[int, int, str] | None:
    """(start, colon end, name) when the words before the colon name a section."""
    masked = text.masked
    window = max(0, colon.start() - 40)
    boundary = max((m.end() for m in _NAME_START.finditer(masked, window, colon.start())), default=window)
    if lead := _LAST_LEAD.search(masked, boundary, colon.start()):
        boundary = lead.end()  # "for 'Trattoria Sole' with Starters: ...": the section's name follows "with"
    words = masked[boundary : colon.start()].strip()
    start = colon.start() - len(masked[boundary : colon.start()].lstrip())
    if not words or not _NAME.fullmatch(words) or words.split()[0].lower() in _LEADS:
        return None
    if label_cue(words) is not None or _names_the_layout(words):
        return None  # "Title: ...", "Menu: ..." name a text or the layout, not a section
    return start, colon.end(), text.words(start, colon.start())


def _section(text: BriefText, start: int, colon_end: int, limit: int, title: str) -> Found | None:
    """The section's price list: its entries up to the next semicolon, line, sentence or section."""
    masked = text.masked
    end = min(limit, clause_end(masked, colon_end))
    if stop := _SECTION_END.search(masked, colon_end, end):
        end = stop.start()
    entries = split_items(masked, colon_end, end, and_rule("prices"))
    found = parse_entries(text, "prices", entries, [text.words(*entry) for entry in entries])
    return replace(found, start=start, title=title) if found else None
