"""Facts by pattern, without a model: for each ask's slot a pattern over the results' snippets, and a majority vote.

A date is a month-name date with its year or an ISO date; a time a clock time; a place a named venue ("Puskás
Aréna", "Wembley Stadium, London") or capitalised words after "at"/"in"; a figure a number with its scale or unit
("1.43 billion", "37,400,000 people"), with the name before it for a ranking ("India (1.43 billion)"); a name the
capitalised words next to the subject's own words, or a version number for a release. The candidate most results
agree on wins (the earliest on a tie), kept with the snippet and URL it came from. A result any of whose words
read as an instruction to a model is never read: search results are data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tessera.contract import Fact, FactAsk, SearchResult, SearchRun
from tessera.contract.grounding import MAX_FACT_CHARS, normalized
from tessera.planner._date_words import names_a_day
from tessera.planner._text_cues import word_set
from tessera.planner._untrusted import result_looks_like_instruction

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"\b{_WEEKDAY}(?:{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_YEAR}-[01]\d-[0-3]\d)\b"
)
_TIME = re.compile(
    r"(?<![\d:.])(?:\d{1,2}[:.]\d\d\s?(?:[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?)(?:\s?(?:CET|CEST|BST|GMT|UTC|ET|EST|EDT|"
    r"PT|PST|PDT|local\s+time))?(?![\w:])",
    re.IGNORECASE,
)
_CAP = r"[A-Z\u00c0-\u00de][\w'\u2019.&-]*"
_VENUE_WORDS = (
    r"Stadium|Arena|Ar\u00e9na|Hall|Centre|Center|Park|Stadion|Stade|Estadio|Est\u00e1dio|Stadio|Field|Gardens?|Dome|"
    r"Theatre|Theater|Coliseum|Colosseum|Pavilion|Bowl|Ground|Palace|Forum|Oval"
)
# "Puskás Aréna in Budapest", "Wembley Stadium, London", "the Allianz Arena".
_VENUE = re.compile(
    rf"(?<![\w'\u2019])(?:{_CAP}\s+){{1,3}}(?:{_VENUE_WORDS})\b(?:(?:,\s*|\s+in\s+){_CAP}(?:\s+{_CAP})?)?"
)
_AT_PLACE = re.compile(rf"\b(?:at|in)\s+(?:the\s+)?(?P<place>{_CAP}(?:\s+{_CAP}){{0,3}})")
_SCALE = r"(?:trillion|billion|million|thousand|bn|mn|tn)"
_UNIT = (
    r"(?:people|inhabitants|residents|persons|km\u00b2|km2|sq\s?km|square\s+kilometres|square\s+kilometers|sq\s?mi|"
    r"metres|meters|feet|ft|km|miles|USD|EUR|dollars|euros|%|per\s+cent|percent)"
)
_AMOUNT = (
    r"(?:[$\u20ac\u00a3\u00a5]\s?)?\d{1,3}(?:[,\u202f ]\d{3})+(?:\.\d+)?|(?:[$\u20ac\u00a3\u00a5]\s?)?\d+(?:\.\d+)?"
)
# A figure with its scale or unit, or one long enough to be a count ("37,468,000").
_FIGURE = re.compile(
    rf"(?<![\w.,])(?:(?:{_AMOUNT})\s?{_SCALE}(?:\s+{_UNIT})?|(?:{_AMOUNT})\s?{_UNIT}|"
    rf"[$\u20ac\u00a3\u00a5]\s?\d(?:[\d,]*\d)?(?:\.\d+)?|\d{{1,3}}(?:,\d{{3}}){{2,}}(?:\.\d+)?)(?![\w])",
    re.IGNORECASE,
)
_LABEL = rf"{_CAP}(?:\s+(?:of\s+|and\s+|the\s+)?{_CAP}){{0,3}}"
# "India (1.43 billion)", "China: 1.41 billion", "United States - 340 million", "Indonesia with 279 million".
_RANKED = re.compile(
    rf"(?P<label>{_LABEL})\s*(?:\(|:|\u2013|\u2014|-|,\s*with|\s+with|\s+at|\s+has|\s+had)\s*(?:about\s+|around\s+|"
    rf"approximately\s+|roughly\s+|over\s+)?(?P<value>(?i:{_FIGURE.pattern}))"
)
_VERSION = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+){0,2}(?:[-.]?(?:rc|post|alpha|beta)\d*)?(?![\w.]*\d)")
_NAME = re.compile(rf"(?<![\w'\u2019]){_CAP}(?:\s+(?:de\s+|van\s+|von\s+)?{_CAP}){{1,3}}")
_NOT_NAMES = word_set(
    "the a an in on at of for and or but with by from to this that these those it its he she they we his her their "
    "our who what when where which how why after before during final finals league cup season year tournament "
    "championship championships open men's women's singles doubles title release version news latest official "
    "home live watch read more today yesterday"
)
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
_NEAR = 120  # characters around the subject's words a name is looked for in
_SMALLEST = re.compile(r"\b(?:smallest|least|lowest|shortest|fewest)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Candidate:
    text: str
    result: SearchResult
    query: str
    label: str | None = None


def facts_by_pattern(asks: list[FactAsk], searches: list[SearchRun]) -> list[Fact]:
    """For each ask, the fact (or, for a ranking, the facts) most results agree on, each quoted from a snippet
    with its URL; none for an ask no snippet answers. Results that read as instructions are skipped."""
    trusted = [(run.query, result) for run in searches for result in run.results if _trusted_as_data(result)]
    facts: list[Fact] = []
    for index, ask in enumerate(asks):
        readable = [(query, result) for query, result in trusted if _about(ask, result)]
        if ask.count > 1:
            facts += _ranked_facts(index, ask, readable)
            continue
        finder = _FINDERS[ask.slot if ask.purpose != "time" else "time"]
        candidates = [c for query, result in readable for c in finder(ask, query, result)]
        chosen = _vote(candidates)
        fact = _fact(index, ask, chosen) if chosen else None
        if fact is not None:
            facts.append(fact)
    return facts


def _trusted_as_data(result: SearchResult) -> bool:
    """Whether a result can be read for facts: none of its title, URL or snippet speaks to a model."""
    return bool(result.snippet) and not result_looks_like_instruction(result)


def _about(ask: FactAsk, result: SearchResult) -> bool:
    """Whether a result speaks of the ask's subject: it names half the names of the subject or more ("Taylor
    Swift", "London"), or, for a subject without names, half its words."""
    words = set(re.findall(r"[\w'\u2019-]+", normalized(f"{result.title} {result.snippet}")))
    names = [w for w in re.findall(r"[\w'\u2019-]+", ask.subject) if w[:1].isupper() or w[:1].isdigit()]
    if names:
        return sum(normalized(name) in words for name in names) * 2 >= len(names)
    own = [w for w in _subject_words(ask) if w not in _NOT_NAMES]
    return sum(w in words for w in own) * 2 >= len(own)


def _vote(candidates: list[_Candidate]) -> _Candidate | None:
    """The candidate most results give (compared as `normalized`), the earliest of the most given."""
    if not candidates:
        return None
    counts = Counter(normalized(c.text) for c in candidates)
    best = max(counts.values())
    return next(c for c in candidates if counts[normalized(c.text)] == best)


def _fact(index: int, ask: FactAsk, chosen: _Candidate) -> Fact | None:
    try:
        return Fact(
            slot=ask.slot,
            text=chosen.text,
            url=chosen.result.url,
            snippet=chosen.result.snippet,
            query=chosen.query,
            ask=index,
            label=chosen.label,
        )
    except ValueError:
        return None  # not quoted from its snippet after all (normalisation differs): no fact rather than a wrong one


def _dates(ask: FactAsk, query: str, result: SearchResult) -> Iterator[_Candidate]:
    for match in _DATE.finditer(result.snippet):
        yield _Candidate(match.group(), result, query)


def _times(ask: FactAsk, query: str, result: SearchResult) -> Iterator[_Candidate]:
    for match in _TIME.finditer(result.snippet):
        yield _Candidate(match.group().strip(), result, query)


def _places(ask: FactAsk, query: str, result: SearchResult) -> Iterator[_Candidate]:
    """Named venues first; capitalised words after "at"/"in" only where a snippet names no venue."""
    subject = _subject_words(ask)
    venues = [m.group() for m in _VENUE.finditer(result.snippet)]
    venues = [re.sub(r"^(?:The|At|In)\s+", "", v) for v in venues if not _is_subject(v, subject)]
    if not venues:
        venues = [
            m["place"]
            for m in _AT_PLACE.finditer(result.snippet)
            if not _is_subject(m["place"], subject) and not any(names_a_day(w) for w in m["place"].split())
        ]
    for venue in venues:
        yield _Candidate(venue, result, query)


def _figures(ask: FactAsk, query: str, result: SearchResult) -> Iterator[_Candidate]:
    for match in _FIGURE.finditer(result.snippet):
        yield _Candidate(match.group(), result, query)


def _names(ask: FactAsk, query: str, result: SearchResult) -> Iterator[_Candidate]:
    """A version number for a release ("vLLM v0.11.0"); else capitalised names near the subject's words."""
    snippet = result.snippet
    subject = _subject_words(ask)
    if ask.purpose == "title":
        for match in _VERSION.finditer(snippet):
            named = re.search(r"([\w.-]+)\s+$", snippet[max(0, match.start() - 40) : match.start()])
            text = match.group()
            if named and named.group(1).lower() in subject:
                text = snippet[match.start() - len(named.group(0)) : match.end()]
            yield _Candidate(text.strip(), result, query)
        return
    anchors = [m.start() for word in subject for m in re.finditer(rf"\b{re.escape(word)}\b", snippet, re.IGNORECASE)]
    for match in _NAME.finditer(snippet):
        words = match.group().split()
        near = any(abs(match.start() - at) <= _NEAR for at in anchors)
        if near and not _is_subject(match.group(), subject) and not any(_not_a_name(w) for w in words):
            yield _Candidate(match.group(), result, query)


def _not_a_name(word: str) -> bool:
    return word.lower().strip(".'\u2019") in _NOT_NAMES or names_a_day(word.strip(".,"))


def _subject_words(ask: FactAsk) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'\u2019-]+", ask.subject) if len(w) > 2}


def _is_subject(words: str, subject: set[str]) -> bool:
    """Whether capitalised words only repeat the subject's ("UEFA Champions League"), naming no fact."""
    own = [w for w in re.findall(r"[\w'\u2019-]+", words.lower()) if len(w) > 2]
    return bool(own) and all(w in subject for w in own)


_FINDERS: dict[str, Callable[[FactAsk, str, SearchResult], Iterator[_Candidate]]] = {
    "date": _dates,
    "time": _times,
    "place": _places,
    "number": _figures,
    "name": _names,
    "text": _names,
}


def _ranked_facts(index: int, ask: FactAsk, readable: list[tuple[str, SearchResult]]) -> list[Fact]:
    """The labelled figures of a ranking: the labels most results name, each with the figure most given for it,
    in order of the figure (largest first, unless the brief asks for the smallest)."""
    by_label: dict[str, list[_Candidate]] = {}
    for query, result in readable:
        seen: set[str] = set()
        for match in _RANKED.finditer(result.snippet):
            label = re.sub(r"^(?:The|And)\s+", "", match["label"])
            key = normalized(label)
            if key in seen or _not_a_name(label.split()[0]) or len(label) > MAX_FACT_CHARS:
                continue
            seen.add(key)
            by_label.setdefault(key, []).append(_Candidate(match["value"], result, query, label=label))
    chosen = [c for c in (_vote(found) for found in by_label.values()) if c is not None]
    # Labels more results name first; then by the figure.
    support = {normalized(c.label or ""): len(by_label[normalized(c.label or "")]) for c in chosen}
    chosen.sort(key=lambda c: -support[normalized(c.label or "")])
    top = chosen[: ask.count]
    top.sort(key=lambda c: magnitude(c.text), reverse=_SMALLEST.search(ask.subject) is None)
    return [fact for fact in (_fact(index, ask, c) for c in top) if fact is not None]


def magnitude(figure: str) -> float:
    """A figure's value ("1.43 billion" -> 1.43e9); 0 when it cannot be read."""
    number = re.search(r"\d[\d,\u202f ]*(?:\.\d+)?", figure)
    if number is None:
        return 0.0
    value = float(re.sub(r"[,\u202f ]", "", number.group()))
    return value * scale_of(figure)[1]


def scale_of(figure: str) -> tuple[str, float]:
    """The scale word of a figure and its factor ("1.43 billion" -> ("billion", 1e9)); ("", 1) for none."""
    scale = re.search(r"\b(trillion|billion|million|thousand|bn|mn|tn)\b", figure, re.IGNORECASE)
    return (scale.group(1).lower(), _SCALES[scale.group(1).lower()]) if scale else ("", 1.0)
