"""Whether a brief needs facts from the web, and which: the asks, and the queries that look for them.

A brief needs grounding when it asks for current or factual content it does not give: "with the venue and date"
of a named event, "the date and time of the next …", "this year's …", "the latest …", "the five largest X by Y",
"the population of …", "the current …", "who won …". At effort high a brief that names a real-world entity (a
capitalised name of several words) and asks for any factual slot of it is grounded too. Never when the brief
gives the value itself (a date or a venue it states), nor for the user's own or made-up events ("our bake sale",
"a fictional band"): the web does not know them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from tessera.contract import (
    MAX_FACTS,
    MAX_QUERIES,
    Constraints,
    Effort,
    FactAsk,
    RequiredStructure,
    RequiredText,
    SourceSpan,
)
from tessera.contract.grounding import FactSlot
from tessera.contract.reading import TextPurpose
from tessera.planner._date_words import names_a_day

# The words a brief asks for a fact by, each with the slot it fills and its place on the page.
_SLOT_WORDS: dict[str, tuple[FactSlot, TextPurpose]] = {
    "date": ("date", "date"),
    "dates": ("date", "date"),
    "day": ("date", "date"),
    "time": ("date", "time"),
    "times": ("date", "time"),
    "kick-off": ("date", "time"),
    "kickoff": ("date", "time"),
    "start time": ("date", "time"),
    "venue": ("place", "venue"),
    "location": ("place", "venue"),
    "place": ("place", "venue"),
    "stadium": ("place", "venue"),
    "host city": ("place", "venue"),
    "city": ("place", "venue"),
    "price": ("number", "price"),
    "prices": ("number", "price"),
    "winner": ("name", "name"),
    "winners": ("name", "name"),
    "champion": ("name", "name"),
    "champions": ("name", "name"),
}
_SLOT = "|".join(sorted((re.escape(w) for w in _SLOT_WORDS), key=len, reverse=True))
_OWNER = r"(?:the|its|their|his|her)\s+"
_SLOTS = rf"(?:{_OWNER})?(?:{_SLOT})(?:\s*(?:,\s*and|,|and|&|\+)\s*(?:{_OWNER})?(?:{_SLOT}))*"
# "with the venue and date", "showing its date and time": slots of the thing the brief is for.
_WITH_SLOTS = re.compile(rf"\b(?:with|showing|including|listing|giving|stating|and)\s+(?P<slots>{_SLOTS})\b", re.I)
# "the date and time of the next Taylor Swift concert in London": slots of a subject named after them.
_SUBJECT = r"(?P<subject>[^,.;:!?()\"\u201c\u201d]{2,120}?)"
_SUBJECT_END = (
    r"(?=\s*(?:[,.;:!?()]|$)|\s+(?:with|on\s+a|in\s+(?:a|an|the)\s+\w+\s+(?:style|look|font)|and\s+(?:a|an)\s))"
)
_SLOTS_OF = re.compile(
    rf"\b(?P<slots>{_OWNER}(?:{_SLOT})(?:\s*(?:,\s*and|,|and|&|\+)\s*(?:{_OWNER})?(?:{_SLOT}))*)\s+of\s+{_SUBJECT}{_SUBJECT_END}",
    re.I,
)
# What the rest of a brief is for: "a poster for this year's UEFA Champions League final".
_FOR = re.compile(
    rf"\b(?:for|about|of|on|announcing|promoting|advertising|celebrating)\s+{_SUBJECT}{_SUBJECT_END}", re.I
)
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12,
}  # fmt: skip
_COUNT = rf"(?:\d{{1,2}}|{'|'.join(_COUNT_WORDS)})"
_RANKING = (
    r"largest|biggest|most\s+populous|most\s+populated|tallest|highest|longest|richest|wealthiest|smallest|"
    r"most\s+valuable|most\s+visited|best-selling|best\s+selling|fastest|busiest|deepest|oldest|most\s+spoken"
)
# "the five largest countries by population", "the top 5 companies by revenue".
_RANKED = re.compile(
    rf"\b(?:the\s+)?(?:top\s+)?(?P<count>{_COUNT})\s+(?:(?P<rank>{_RANKING})\s+)?"
    rf"(?P<things>[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}?)(?:\s+(?:by|in)\s+(?P<measure>[a-z][\w-]*(?:\s+[a-z][\w-]*)?))?"
    rf"(?=\s*(?:[,.;:!?()]|$)|\s+(?:with|on|as|in|for|and|from)\b)",
    re.I,
)
_MEASURES = (
    r"population|gdp|height|area|size|price|revenue|market\s+cap(?:italization|italisation)?|net\s+worth|capacity|"
    r"length|attendance|elevation|depth|temperature|exchange\s+rate|inflation\s+rate|interest\s+rate|"
    r"unemployment\s+rate|number\s+of\s+\w+"
)
# "the population of Tokyo", "the current price of gold".
_FIGURE_OF = re.compile(
    rf"\bthe\s+(?:current\s+|latest\s+)?(?P<measure>{_MEASURES})\s+of\s+{_SUBJECT}{_SUBJECT_END}", re.I
)
# "the current CEO of Apple", "current Formula 1 world champion".
_CURRENT = re.compile(rf"\b(?:the\s+)?current\s+{_SUBJECT}{_SUBJECT_END}", re.I)
# "who won the 2025 Wimbledon men's final".
_WHO_WON = re.compile(rf"\bwho\s+won\s+{_SUBJECT}{_SUBJECT_END}", re.I)
# "the latest vLLM release", "this year's Eurovision winner".
_LATEST = re.compile(
    rf"\b(?:the\s+)?(?P<cue>latest|newest|most\s+recent|this\s+year'?s|this\s+year['\u2019]s)\s+{_SUBJECT}{_SUBJECT_END}",
    re.I,
)
_TIME_CUES = re.compile(r"\b(?:this\s+year['\u2019]?s?|latest|newest|most\s+recent|next|upcoming|current)\b", re.I)
_LEADING = re.compile(
    r"^(?:(?:the|a|an|this\s+year['\u2019]?s?|this|next|upcoming|latest|newest|most\s+recent|current)\s+)+", re.I
)
# The user's own or a made-up event: the web does not know it.
_OWN = re.compile(r"^(?:our|my|your|his|her|their|a|an|some|one)\b", re.I)
_MADE_UP = re.compile(r"\b(?:fictional|fictitious|imaginary|made[- ]up|fake|invented|fantasy|hypothetical)\b", re.I)
# Screens and widgets show sample content: "the current temperature" on a weather widget is a placeholder.
_MOCKUP_KINDS = frozenset({"dashboard", "login", "pricing"})
_MOCKUP = re.compile(r"\b(?:widget|app|screen|mock-?up|wireframe|ui|template|placeholder|sample|example)s?\b", re.I)
# The slot words a brief at effort high asks by without "with" ("its venue"); not "day", "place" or "time", which
# run through ordinary sentences ("takes place", "Day 1").
_ENTITY_SLOTS = re.compile(
    r"\b(?:date|venue|location|kick-off|kickoff|winner|champion)\b(?!\s*(?::|is\b|was\b|will\b|of\s+\d))"
)
_NAME_HEADS = re.compile(
    r"\b(?:winner|winners|champion|champions|ceo|president|prime\s+minister|chancellor|mayor|coach|captain|leader|"
    r"holder|name|release|version|model|edition|album|single|book)\b",
    re.I,
)
_NUMBER_HEADS = re.compile(
    r"population|gdp|height|area|size|price|revenue|cap|worth|capacity|length|attendance|"
    r"elevation|depth|temperature|rate|value|record|cost|score|result",
    re.I,
)
_RELEASE = re.compile(r"\b(?:release|version|update|model)\b", re.I)
_HEAD = re.compile(r"\s+(?:of|in|at|for|from|on)\s+", re.I)  # the head noun stands before these
# A real-world entity: two or more capitalised words in a row ("UEFA Champions League", "Taylor Swift").
_ENTITY = re.compile(
    r"(?<![\w'\u2019])(?:[A-Z\u00c0-\u00de][\w'\u2019&.-]*|\d{4})(?:\s+(?:[A-Z\u00c0-\u00de0-9][\w'\u2019&.-]*)){1,5}"
)
_SOURCES = re.compile(
    r"\b(?:with|citing|cite|show(?:ing)?|list(?:ing)?|include|including|add|adding|and)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:small\s+)?(?:sources?|citations?|references?)(?:\s+(?:caption|line|in\s+small\s+print|at\s+the\s+bottom))?\b"
    r"|\bsources?\s+(?:caption|line|in\s+small\s+print)\b",
    re.I,
)


def grounding_need(constraints: Constraints, *, effort: Effort) -> tuple[list[FactAsk], str, bool]:
    """The facts a brief asks for and does not give (slot, subject, purpose, count, the brief's words), one
    sentence saying why grounding is or is not needed, and whether the brief asked for a sources caption."""
    brief = constraints.brief
    caption = sources_caption_span(brief) is not None
    if _MADE_UP.search(brief):
        return [], "not needed: the brief is about something made up, which the web does not know", caption
    if constraints.document in _MOCKUP_KINDS or _MOCKUP.search(brief):
        return [], "not needed: a mock-up shows sample content, not facts from the web", caption
    slotted = list(_slots(brief))
    # "the latest X" alone asks for X's date; with its own slots ("the latest iPhone with its price") it asks those.
    named = [ask for ask in _named(brief) if ask.slot != "date" or all(s.subject != ask.subject for s in slotted)]
    found = _dedupe([*_ranked(brief), *_figures_of(brief), *slotted, *named])
    if effort == "high" and not found and constraints.document != "scene":
        found = list(_entity_slots(brief))
    asks = [ask for ask in found if not _given(ask, constraints)][:MAX_FACTS]
    if asks:
        return asks, f"needed: the brief asks for {_listed(asks)}, which it does not give", caption
    if found:
        return [], "not needed: the brief gives the facts it asks for", caption
    return [], "not needed: the brief asks for no current or factual content it does not give", caption


def sources_caption_span(brief: str) -> SourceSpan | None:
    """The words that ask for a sources caption ("with sources", "cite the source"), if the brief has them."""
    match = _SOURCES.search(brief)
    return None if match is None else SourceSpan(start=match.start(), end=match.end(), quote=match.group())


def query_templates(asks: list[FactAsk], constraints: Constraints) -> list[str]:
    """Up to MAX_QUERIES web queries: each subject with its slot words, the current year added where the brief
    asks for this year's, the latest or the next ("UEFA Champions League final 2026 venue date")."""
    year = str(datetime.now(UTC).year)
    by_subject: dict[str, list[str]] = {}
    for ask in asks:
        words = by_subject.setdefault(ask.subject, [])
        for word in _query_words(ask):
            if word not in words:
                words.append(word)
    cued = _TIME_CUES.search(constraints.brief) is not None
    queries = []
    for subject, words in by_subject.items():
        dated = cued and year not in subject and not any(re.search(r"\b(?:19|20)\d\d\b", w) for w in words)
        query = " ".join([subject, *([year] if dated else []), *words])
        queries.append(re.sub(r"\s+", " ", query).strip()[:300])
    return list(dict.fromkeys(queries))[:MAX_QUERIES]


def _query_words(ask: FactAsk) -> list[str]:
    if ask.count > 1:
        return ["list"]
    if ask.slot == "date":
        return ["time"] if ask.purpose == "time" else ["date"]
    if ask.slot == "place":
        return ["venue"]
    if ask.purpose == "price":
        return ["price"]
    if ask.slot == "number" or _RELEASE.search(ask.subject) or _NAME_HEADS.search(ask.subject):
        return []
    return ["winner"] if ask.purpose == "name" else []


def _span(brief: str, start: int, end: int) -> SourceSpan:
    return SourceSpan(start=start, end=end, quote=brief[start:end])


def _subject(words: str) -> str | None:
    """The subject's words without articles and time cues ("this year's UEFA Champions League final" -> "UEFA
    Champions League final"); None for the user's own or an unnamed thing ("our bake sale", "a party")."""
    words = words.strip()
    if _OWN.match(words):
        return None
    subject = _LEADING.sub("", words)
    subject = re.sub(r"\s+(?:this|next|last)\s+(?:year|season|month|week)\b", "", subject, flags=re.I)
    return subject.strip(" '\u2019") or None


def _real_world(words: str, subject: str) -> bool:
    """Whether a subject can be known to the web: it has a name (a capitalised word not at its start only by
    grammar) or a time cue ("this year's", "latest", "next")."""
    if _TIME_CUES.search(words):
        return True
    return any(w[:1].isupper() and not names_a_day(w) for w in subject.split()) or bool(re.search(r"\d", subject))


def _slots(brief: str) -> Iterator[FactAsk]:
    """Slots named with their subject ("the date of the next …") or after "with" ("for X with the venue and date")."""
    for match in _SLOTS_OF.finditer(brief):
        words = match["subject"]
        subject = _subject(words)
        if subject and _real_world(words, subject):
            yield from _slot_asks(brief, match["slots"], subject, match.start(), match.end(), words)
    for match in _WITH_SLOTS.finditer(brief):
        if _SLOTS_OF.match(brief, match.start("slots")):
            continue  # read above, with its own subject
        for about in _FOR.finditer(brief, 0, match.start()):
            words = about["subject"]
            subject = _subject(words)
            if subject and _real_world(words, subject):
                yield from _slot_asks(brief, match["slots"], subject, about.start("subject"), match.end(), words)
            break


def _slot_asks(brief: str, slots: str, subject: str, start: int, end: int, words: str) -> Iterator[FactAsk]:
    for word in re.findall(_SLOT, slots, re.I):
        slot, purpose = _SLOT_WORDS[word.lower()]
        yield FactAsk(slot=slot, subject=subject[:200], purpose=purpose, source=_span(brief, start, end))


def _ranked(brief: str) -> Iterator[FactAsk]:
    """Rankings ("the five largest countries by population"): figures with their labels, as many as asked."""
    for match in _RANKED.finditer(brief):
        if not (match["rank"] or re.match(r"(?:the\s+)?top\b", match.group(), re.I)):
            continue  # "five apples" counts things; only a ranking asks for facts
        count = int(match["count"]) if match["count"].isdigit() else _COUNT_WORDS[match["count"].lower()]
        if not 2 <= count <= MAX_FACTS:
            continue
        rank = re.sub(r"\s+", " ", match["rank"] or "top")
        subject = " ".join(w for w in (rank, match["things"], "by" if match["measure"] else "", match["measure"]) if w)
        ask = FactAsk(slot="number", subject=subject, count=count, source=_span(brief, match.start(), match.end()))
        yield ask


def _figures_of(brief: str) -> Iterator[FactAsk]:
    """One figure of a named thing ("the population of Tokyo")."""
    for match in _FIGURE_OF.finditer(brief):
        words = match["subject"]
        subject = _subject(words)
        if subject and _real_world(words, subject):
            measure = re.sub(r"\s+", " ", match["measure"].lower())
            span = _span(brief, match.start(), match.end())
            yield FactAsk(slot="number", subject=f"{subject} {measure}", purpose="body", source=span)


def _named(brief: str) -> Iterator[FactAsk]:
    """A name, a figure or an event's date: "who won …", "the current …", "the latest …", "this year's …"."""
    for match in _WHO_WON.finditer(brief):
        subject = _subject(match["subject"])
        if subject:
            span = _span(brief, match.start(), match.end())
            yield FactAsk(slot="name", subject=f"{subject} winner", purpose="name", source=span)
    for pattern in (_CURRENT, _LATEST):
        for match in pattern.finditer(brief):
            subject = _subject(match["subject"])
            if subject:
                yield _headed_ask(brief, subject, match.start(), match.end())


def _headed_ask(brief: str, subject: str, start: int, end: int) -> FactAsk:
    """The ask a subject's head noun makes: a figure ("price of gold"), a name ("CEO of Apple", "vLLM release"),
    else an event's date ("this year's Champions League final")."""
    span = _span(brief, start, end)
    head = _HEAD.split(subject)[0].split()[-1]
    if _NUMBER_HEADS.fullmatch(head):
        return FactAsk(slot="number", subject=subject, purpose="body", source=span)
    if _NAME_HEADS.fullmatch(head):
        purpose: TextPurpose = "title" if _RELEASE.fullmatch(head) else "name"
        return FactAsk(slot="name", subject=subject, purpose=purpose, source=span)
    return FactAsk(slot="date", subject=subject, purpose="date", source=span)


def _entity_slots(brief: str) -> Iterator[FactAsk]:
    """At effort high: a slot word anywhere ("the venue", "its date") about a real-world entity the brief names."""
    entities = [m for m in _ENTITY.finditer(brief) if m.start() > 0 and not names_a_day(m.group().split()[0])]
    if not entities:
        return
    entity = entities[0]
    for match in _ENTITY_SLOTS.finditer(brief):
        slot, purpose = _SLOT_WORDS[match.group()]
        start, end = min(entity.start(), match.start()), max(entity.end(), match.end())
        yield FactAsk(slot=slot, subject=entity.group(), purpose=purpose, source=_span(brief, start, end))


def _dedupe(found: list[FactAsk]) -> list[FactAsk]:
    """One ask per slot and purpose of a subject or of the same words, the first read; none inside a ranking's."""
    kept: list[FactAsk] = []
    for ask in found:
        same = any(
            (k.slot, k.purpose) == (ask.slot, ask.purpose)
            and (k.subject == ask.subject or (k.source.start < ask.source.end and ask.source.start < k.source.end))
            for k in kept
        )
        inside = any(
            k.count > 1 and k.source.start <= ask.source.start and ask.source.end <= k.source.end for k in kept
        )
        if not (same or inside):
            kept.append(ask)
    return kept


_GIVEN_PURPOSES: dict[str, frozenset[str]] = {
    "date": frozenset({"date"}),
    "time": frozenset({"time"}),
    "venue": frozenset({"venue"}),
    "name": frozenset({"name"}),
}
_TIME_IN_TEXT = re.compile(r"\d\s?(?:am|pm|a\.m\.|p\.m\.|uhr|h\b)|\d:\d\d", re.I)
_PLACE_IN_TEXT = re.compile(r"\b(?:at|in|@)\s+(?:the\s+)?[A-Z\u00c0-\u00de]")


def _given(ask: FactAsk, constraints: Constraints) -> bool:
    """Whether the brief gives the fact itself: a text of the ask's purpose (a date it states, a venue), a date
    text holding a time or a place ("Friday 8 PM at The Loft"), or a structure with entries where a ranking asks."""
    texts = [item for item in constraints.items if isinstance(item, RequiredText)]
    if ask.count > 1:
        return any(
            isinstance(item, RequiredStructure)
            and item.items
            and item.source.start < ask.source.end
            and ask.source.start < item.source.end
            for item in constraints.items
        )
    purposes = _GIVEN_PURPOSES.get(ask.purpose or "", frozenset())
    if any(text.purpose in purposes for text in texts):
        return True
    dates = [text.text for text in texts if text.purpose in ("date", "time")]
    if ask.purpose == "time" and any(_TIME_IN_TEXT.search(d) for d in dates):
        return True
    if ask.purpose == "date" and any(text.purpose == "time" for text in texts):
        return any(_TIME_IN_TEXT.search(d) is None for d in dates)
    return ask.slot == "place" and any(_PLACE_IN_TEXT.search(d) for d in dates)


def _listed(asks: list[FactAsk]) -> str:
    """The asks in words: "the venue and the date of UEFA Champions League final"."""
    names = {"date": "the date", "time": "the time", "venue": "the venue", "name": "the name", "title": "the name"}
    parts: dict[str, list[str]] = {}
    for ask in asks:
        what = f"the {ask.count} {ask.subject}" if ask.count > 1 else names.get(ask.purpose or "", "the figure")
        if ask.count > 1:
            parts.setdefault("", []).append(what)
        elif what not in parts.setdefault(ask.subject, []):
            parts[ask.subject].append(what)
    phrases = [" and ".join(w) + (f" of {s}" if s else "") for s, w in parts.items()]
    return "; ".join(phrases)[:240]
