"""The safety net under the reading: words of a document brief that carry content but that no reader took.

A brief is cut into fragments at commas, semicolons, a colon before a space and sentence ends. A fragment whose
words no item, style word, document word, text or picture covers is left out, with a reason the user can act on,
when what is left of it carries content: a figure in a short list item ("slices $3", "42 Elm Street"), a name
right after "for" where the document shows who or what it is for ("a menu for Café Luna"), or capitalised words
standing alone in a list ("..., Villa Rosa, ...").

It is conservative, as such an entry fails the run: scenes and briefs that name no document are never read;
fragments that speak about the design (a style, colour, layout, size or budget word), sizes ("A4", "16:9"), the
fragment that names the document ("a 24h fitness poster", "a slide deck about Q3 results"), sentences of prose
and topics ("about Paris") carry no content; and German briefs, whose nouns all start with a capital, are read
for figures only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tessera.contract import CoverageEntry, DocumentKind
from tessera.planner._colors import is_color_word
from tessera.planner._date_words import names_a_day
from tessera.planner._read_named import DESCRIBES_BUSINESS, OTHER_SCRIPT
from tessera.planner._read_styles import STYLE_WORDS
from tessera.planner._text_cues import word_set

REASON = "not read as a text to set: quote it ('…') to have it set, or leave it out"
_CLAUSE_CHARS = 600

_FRAGMENT_END = re.compile(
    r"[,;\n\uff0c\uff1b\u3001]|[:\uff1a](?=\s)|[.!?\u3002\uff01\uff1f](?=\s|$)|\s[-\u2013\u2014]\s"
)
_WORD = re.compile(r"[^\W_][\w'’&.-]*")
_FIGURE = re.compile(r"[$€£¥₹]|\d")
# Figures that are the canvas or the type, not content: "1080x1080", "16:9", "A4", "4K", "300 dpi", "72 pt".
_SIZE = re.compile(
    r"\d+\s?[x×]\s?\d+|\d+\s?:\s?\d+|\b[aA][0-6]\b|\b\d+\s?(?:k|p|px|dpi|ppi|pt|mm|cm|in|inch(?:es)?|%\s+opacity)\b",
    re.IGNORECASE,
)
# Words that make a fragment speak about the design, the layout or the job rather than give content.
_DESIGN_WORDS = word_set(
    "style styles styled look looks looking feel vibe theme themed font fonts typeface typography type serif sans "
    "background backgrounds colors colours color colour palette gradient layout design designed template border "
    "frame margin margins padding grid column columns row rows line lines section sections panel panels card cards "
    "icon icons image images photo photos picture pictures illustration illustrations size sized resolution pixels "
    "budget deadline version draft aspect ratio format portrait landscape square orientation opacity transparent "
    "shadow shadows corner corners top bottom left right center centre centered centred middle side sides align "
    "aligned alignment bold italic uppercase lowercase large small big tiny huge wide tall dark light bright muted "
    "pastel accent accents white space spacing logo logos slide slides page pages chart charts bullet bullets "
    "point points button buttons field fields kpi kpis tab tabs item items step steps stil estilo stile schrift "
    "hintergrund farben farbe fond couleurs police fuente colores"
)
_TOPIC = re.compile(
    r"\b(?:about|on|of|showing|depicting|featuring|celebrating|promoting|advertising|explaining|comparing|like|"
    r"inspired\s+by|in\s+the\s+style\s+of|designed\s+by|made\s+by|by)\s+(?:(?:the|a|an|our|my)\s+)?$",
    re.IGNORECASE,
)
_FOR = re.compile(r"\b(?:for|pour|para)\s+(?:(?:the|our|my|la|le|el|l['’])\s*)?$", re.IGNORECASE)
# Capitalised words that name no content to set: platforms, holidays, formats, the first person.
_NOT_NAMES = word_set(
    "i instagram facebook linkedin youtube twitter tiktok pinterest x web ios android mac windows png jpg jpeg pdf "
    "svg gif hd ui ux cta seo ai christmas xmas easter halloween thanksgiving diwali eid hanukkah ramadan new year "
    "valentine valentine's valentines mother's father's mothers fathers day weekend kids beginners everyone "
    "english german french spanish mom mum dad mother father grandma grandpa"
)
_SMALL_WORDS = word_set("of de del the and & am an der la le du von van y et und")
_GERMAN = re.compile(r"\b(?:ein|eine|einen|einem|mit|für|und|der|die|das|den|dem|des|zum|zur|auf)\b", re.IGNORECASE)
_SKIPPED_KINDS: frozenset[DocumentKind] = frozenset({"scene", "document"})
# Kinds whose "for" names who or what the document is made for and shows: a card's person, a menu's restaurant.
_NAMED_FOR_KINDS: frozenset[DocumentKind] = frozenset(
    {"card", "certificate", "menu", "label", "login", "pricing", "dashboard", "product"}
)
_LIST_MARKS = ",;:\uff0c\uff1b\uff1a\u3001"
_MAX_FACT_WORDS = 4  # a fact in a list is a few words ("slices $3", "open 7 days"); a longer one is prose


def unread_fragments(
    brief: str, kind: DocumentKind, covered: Sequence[tuple[int, int]], kind_start: int | None
) -> list[CoverageEntry]:
    """A not-planned entry for each fragment of a document brief whose uncovered words carry content.

    `covered` holds the spans of everything read (items, left-out entries, style words, pictures, the document
    word); `kind_start` is where the document word starts, if the brief has one."""
    if kind in _SKIPPED_KINDS:
        return []
    open_text = _uncovered(brief, covered)
    # German nouns start with a capital, so names are not told apart; a brief in another script writes its
    # names in that script, so Latin letters here are a transliteration, not a text to set.
    names_read = len(_GERMAN.findall(brief)) < 2 and not OTHER_SCRIPT.search(brief)
    entries = []
    for start, end in _fragments(brief):
        words = open_text[start:end]
        if not words.strip() or _speaks_about_design(words):
            continue
        listed = start > 0 and brief[start - 1] in _LIST_MARKS  # an item of a list, not a sentence of prose
        names_the_kind = kind_start is not None and start <= kind_start < end
        figure = listed and not names_the_kind and _has_figure(words) and len(words.split()) <= _MAX_FACT_WORDS
        named = names_read and (
            (kind in _NAMED_FOR_KINDS and _named_for(words)) or (listed and _standalone_name(brief, start, words))
        )
        if figure or named:
            first = start + len(words) - len(words.lstrip())  # the words no reader took, from first to last
            last = start + len(words.rstrip())
            entries.append(
                CoverageEntry(
                    clause=brief[first:last][:_CLAUSE_CHARS], span=(first, last), status="not_planned", reason=REASON
                )
            )
    return entries


def _uncovered(brief: str, covered: Sequence[tuple[int, int]]) -> str:
    """The brief with every covered span blanked, offsets kept."""
    chars = list(brief)
    for start, end in covered:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _fragments(brief: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _FRAGMENT_END.finditer(brief):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(brief)))
    return [(a, b) for a, b in spans if b > a]


def _speaks_about_design(words: str) -> bool:
    lowered = [part for w in _WORD.findall(words) for part in w.lower().strip("'’.").split("-")]
    return any(w in _DESIGN_WORDS or w in STYLE_WORDS or is_color_word(w) for w in lowered)


def _has_figure(words: str) -> bool:
    """Whether the uncovered words hold a figure that is no size."""
    return _FIGURE.search(_SIZE.sub(lambda m: " " * len(m.group()), words)) is not None


def _named_for(words: str) -> bool:
    """Whether a capitalised name follows "for" in the uncovered words ("for the Chess club", "for Emma")."""
    for match in re.finditer(r"[A-Z\u00c0-\u00de][\w'’&.-]*", words):
        describes = DESCRIBES_BUSINESS.match(words, match.end()) is not None  # "for the Italian restaurant"
        if _FOR.search(words, 0, match.start()) and _is_name(match.group()) and not describes:
            return True
    return False


def _standalone_name(brief: str, start: int, words: str) -> bool:
    """Whether a fragment after a comma or a semicolon is capitalised words alone ("Town Hall")."""
    found = _WORD.findall(words)
    capitalised = [w for w in found if w[:1].isupper()]
    return (
        bool(capitalised)
        and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in found)
        and any(_is_name(w) for w in capitalised)
        and not _TOPIC.search(brief[max(0, start - 40) : start])
    )


def _is_name(word: str) -> bool:
    lowered = word.lower().strip("'’.")
    if any(c.isdigit() for c in lowered):
        return False  # "A4", "Q3": sizes and periods
    return not (lowered in _NOT_NAMES or names_a_day(lowered) or lowered in STYLE_WORDS or is_color_word(lowered))
