"""Quoted strings in a brief, in any quote style and script, and the role each one plays on the poster."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

Role = Literal["headline", "subheading", "body", "footer", "label"]

# Opening mark -> the marks that may close it.
_PAIRS: dict[str, str] = {
    '"': '"',
    "'": "'",
    "\u201c": "\u201d\u201c",  # “…” and the reversed “…“
    "\u2018": "\u2019",  # ‘…’
    "\u00ab": "\u00bb",  # «…»
    "\u00bb": "\u00ab",  # »…« (German, Danish)
    "\u201e": "\u201c\u201d",  # „…“ „…”
    "\u201a": "\u2018\u2019",  # ‚…‘
    "\u2039": "\u203a",  # ‹…›
    "\u300c": "\u300d",  # 「…」
    "\u300e": "\u300f",  # 『…』
    "\u300a": "\u300b",  # 《…》
    "\uff02": "\uff02",  # ＂…＂
    "\u201d": "\u201d",  # ”…” (Swedish, Finnish)
}
# Marks that double as apostrophes or inch signs: they open only at a word start and close only at a word end.
_AMBIGUOUS = {"'", '"', "\u2019", "\u201d"}
MAX_QUOTE_CHARS = 500
PLACEHOLDER = "\x01"


@dataclass(frozen=True)
class Quote:
    """One quoted string: the span of the whole quotation (marks included) and its text."""

    start: int
    end: int
    text: str


def _is_word_char(char: str) -> bool:
    # CJK and kana do not make words with apostrophes, and Chinese runs text straight on after a
    # closing mark (“…”的), so only alphabets below U+2E80 count as word characters here.
    return char.isalnum() and ord(char) < 0x2E80


def _can_open(brief: str, i: int) -> bool:
    if brief[i] not in _AMBIGUOUS:
        return True
    before = brief[i - 1] if i > 0 else " "
    after = brief[i + 1] if i + 1 < len(brief) else " "
    return not _is_word_char(before) and not after.isspace()


def _can_close(brief: str, i: int) -> bool:
    if brief[i] not in _AMBIGUOUS:
        return True
    before = brief[i - 1]
    after = brief[i + 1] if i + 1 < len(brief) else " "
    return not before.isspace() and not _is_word_char(after)


def find_quotes(brief: str) -> list[Quote]:
    """Every quoted string, left to right; apostrophes inside words (Let's, O'Brien) neither open nor close."""
    quotes: list[Quote] = []
    i = 0
    while i < len(brief):
        mark = brief[i]
        if mark in _PAIRS and _can_open(brief, i):
            for k in range(i + 1, len(brief)):
                if brief[k] in _PAIRS[mark] and _can_close(brief, k):
                    text = brief[i + 1 : k].strip()
                    if text:
                        quotes.append(Quote(start=i, end=k + 1, text=text))
                        i = k
                    break
        i += 1
    return quotes


def mask_quotes(brief: str, quotes: list[Quote]) -> str:
    """The brief with every quotation replaced by placeholder characters, offsets kept."""
    chars = list(brief)
    for quote in quotes:
        chars[quote.start : quote.end] = PLACEHOLDER * (quote.end - quote.start)
    return "".join(chars)


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[\u3002\uff01\uff1f\n]")


def sentences(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a quote-masked brief."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(masked):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(masked):
        spans.append((start, len(masked)))
    return spans


def sentence_of(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence that holds a character offset."""
    for start, end in spans:
        if start <= offset < end:
            return start, end
    return spans[-1] if spans else (0, 0)


_ROLE_WORDS = re.compile(
    r"\b(?:(?P<subheading>sub-?headings?|sub-?heads?|subtitles?|sub-titles?|taglines?|slogans?|straplines?)"
    r"|(?P<headline>headlines?|titles?|titled|entitled|headings?|headers?)"
    r"|(?P<footer>footers?|dates?|fine print|small print|at the bottom|bottom line)"
    r"|(?P<label>labels?|buttons?|captions?|prices?|badges?|tags?|stickers?|call to action|cta)"
    r"|(?P<body>body|paragraphs?|descriptions?|blurb))\b",
    re.IGNORECASE,
)
# "below the headline" names another text; the words after a relation must not give a role.
_RELATION_TARGET = re.compile(
    r"\b(?:below|under|underneath|beneath|above|over|after|before|beside|next to|than|like)\s+(?:the\s+)?\w+",
    re.IGNORECASE,
)


_POSTFIX = r"^\s*(?:(?:as|is|in|for|at|on)\s+)?(?:(?:the|a|an|its|our)\s+)?(?:main\s+|small\s+|big\s+)?"


def _explicit_role(window: str, last: bool) -> Role | None:
    cleaned = _RELATION_TARGET.sub(lambda m: " " * len(m.group()), window)
    matches = list(_ROLE_WORDS.finditer(cleaned))
    if not matches:
        return None
    match = matches[-1] if last else matches[0]
    return cast(Role, match.lastgroup)  # the pattern's group names are the roles


def _postfix_role(window: str) -> tuple[Role | None, int]:
    """A role word right after a quotation ("'X' headline", "'X' as the subtitle", "'X' at the bottom") and its end."""
    lead = re.match(_POSTFIX, window, re.IGNORECASE)
    start = lead.end() if lead else 0
    match = _ROLE_WORDS.match(window, start)
    if match and not _RELATION_TARGET.match(window, max(0, start - 6)):
        return cast(Role, match.lastgroup), match.end()  # the pattern's group names are the roles
    if re.match(r"^[\s,]*at the bottom\b", window, re.IGNORECASE):
        return "footer", 0
    return None, 0


def quote_roles(brief: str, quotes: list[Quote]) -> dict[str, Role]:
    """The role of each distinct quoted text, read from the words around its quotations.

    A role word between the previous quotation and this one (in the same sentence) wins; else one after it,
    before the next quotation. Without role words the first text is the headline and the rest are body.
    """
    explicit = explicit_roles(brief, quotes)
    order = list(dict.fromkeys(quote.text for quote in quotes))
    roles: dict[str, Role] = {}
    has_headline = "headline" in explicit.values()
    for text in order:
        if text in explicit:
            roles[text] = explicit[text]
        elif not has_headline:
            roles[text] = "headline"
            has_headline = True
        else:
            roles[text] = "body"
    return roles


def explicit_roles(brief: str, quotes: list[Quote]) -> dict[str, Role]:
    """The role of each quoted text whose surrounding words name one ("the headline 'X'", "'Y' as subtitle")."""
    masked = mask_quotes(brief, quotes)
    spans = sentences(masked)
    explicit: dict[str, Role] = {}
    for index, quote in enumerate(quotes):
        sent_start, sent_end = sentence_of(spans, quote.start)
        prev_end = quotes[index - 1].end if index > 0 else 0
        next_start = quotes[index + 1].start if index + 1 < len(quotes) else len(brief)
        before = masked[max(sent_start, prev_end) : quote.start]
        if prev_end > sent_start:
            # "'X' headline, 'Y'": a role word right after the previous quotation names that one, not this one.
            _, used = _postfix_role(before)
            before = " " * used + before[used:]
        role = _explicit_role(before, last=True)
        if role is None:
            role = _postfix_role(masked[quote.end : min(sent_end, next_start)])[0]
        if role is not None and quote.text not in explicit:
            explicit[quote.text] = role
    return explicit
