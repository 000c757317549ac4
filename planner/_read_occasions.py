"""The title of a page whose brief says what it is for and gives no words to set.

"A poster for the Berlin Marathon" is titled with the event's name, 'Berlin Marathon'; "a birthday card for my
mom's 60th birthday" with the occasion's greeting, 'Happy 60th Birthday'; "a Christmas card", 'Merry Christmas'.
Without a title such a page would have nothing to set and the run would fail as blank. The reader only runs when
the brief gives no title of its own (no quoted or cued text, no brand), only in the kinds whose briefs speak so
(posters, flyers and banners name events; cards and banners greet), and never takes a day, a month or a style word
for a name. A greeting is the convention of its occasion, set as written here; the verifier reads it like any text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tessera.contract import DocumentKind
from tessera.planner._read_named import fact, names_nothing
from tessera.planner._read_texts import UnquotedText

_EVENT_KINDS: frozenset[DocumentKind] = frozenset({"poster", "flyer", "banner"})
_GREETING_KINDS: frozenset[DocumentKind] = frozenset({"card", "banner"})

_CAPITAL = r"[A-Z\u00c0-\u00de][\w'’&.-]*"
_YEAR = r"(?:19|20)\d\d"
_JOIN = r"(?:of|the|and|de|du|des|la|le|von|am|&)"
# "for the Berlin Marathon", "for Coachella 2026", "for the 2026 FIFA World Cup final": capitalised words and years,
# and the word for the kind of event after them.
_EVENT = re.compile(
    rf"\bfor\s+(?:the\s+|this\s+year['’]s\s+|next\s+year['’]s\s+)?"
    rf"(?P<event>(?:{_YEAR}\s+)?{_CAPITAL}(?:\s+(?:{_JOIN}\s+)?(?:{_CAPITAL}|{_YEAR}))*"
    r"(?:\s+(?:final|finals|festival|concert|tour|conference|summit|fair|expo|gala|parade|race|match|show))?)"
    r"(?![\w'’&.-])"
    # "for the Marketing team": a capitalised word before a common noun describes it and names no event.
    r"(?!\s+(?!(?:in|at|on|with|and|or|this|next|from|to|by|featuring|showing|for|of|near|during)\b)[a-z])"
)
_NTH = r"(?:(?P<nth>\d{1,3}(?:st|nd|rd|th))\s+)?"
# The occasion's words and its greeting; {nth} is "60th " when the brief gives the number.
_GREETINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b{_NTH}{words}\b", re.IGNORECASE), greeting)
    for words, greeting in (
        (r"birthday", "Happy {nth}Birthday"),
        (r"(?:wedding\s+)?anniversary", "Happy {nth}Anniversary"),
        (r"christmas|xmas", "Merry Christmas"),
        (r"(?:lunar|chinese)\s+new\s+year", "Happy Lunar New Year"),
        (r"new\s+year(?:['’]s)?", "Happy New Year"),
        (r"mother['’]?s\s+day", "Happy Mother's Day"),
        (r"father['’]?s\s+day", "Happy Father's Day"),
        (r"valentine(?:['’]?s)?(?:\s+day)?", "Happy Valentine's Day"),
        (r"thanksgiving", "Happy Thanksgiving"),
        (r"easter", "Happy Easter"),
        (r"halloween", "Happy Halloween"),
        (r"diwali", "Happy Diwali"),
        (r"eid", "Eid Mubarak"),
        (r"hanukkah|chanukah", "Happy Hanukkah"),
        (r"graduation", "Congratulations, Graduate"),
        (r"retirement", "Happy Retirement"),
        (r"get[\s-]well", "Get Well Soon"),
        (r"thank[\s-]you", "Thank You"),
        (r"congratulations", "Congratulations"),
    )
)


def occasion_titles(masked: str, kind: DocumentKind) -> Iterator[UnquotedText]:
    """The page's title from what the brief says it is for: an occasion's greeting on a card or a banner, else the
    name of the event a poster, flyer or banner is for. At most one."""
    if kind in _GREETING_KINDS:
        for pattern, greeting in _GREETINGS:
            # "a birthday card for my mom's 60th birthday": the mention with its number, else the first.
            matches = sorted(pattern.finditer(masked), key=lambda found: found["nth"] is None)
            if matches:
                match = matches[0]
                nth = f"{match['nth']} " if match["nth"] else ""
                yield fact(match.start(), match.end(), masked, "title", greeting.format(nth=nth))
                return
    if kind in _EVENT_KINDS:
        for match in _EVENT.finditer(masked):
            event = match["event"].rstrip(".-&")
            if not names_nothing(event) and len(event) >= 3:
                start = match.start("event")
                yield fact(start, start + len(event), masked, "title")
                return
