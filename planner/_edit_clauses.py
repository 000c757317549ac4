"""An edit instruction in clauses: "make the background dark, remove the second balloon and change 'A, B' to 'C'"
is three edits, each carried out (or refused) on its own.

Clauses end at a semicolon, a sentence's end, a comma or an "and" outside quotations, when what follows starts an
edit of its own (a verb such as "make", "remove", "set", or "the title should read"); otherwise the words stay
with the clause before ("make the title bold and italic", "set Q1 to 5 and Q2 to 7").

One verb may lead a list of edits: "make the title red and the subtitle blue", "change the background to navy and
the text to white". Words that name their own target ("the subtitle", a quoted text) and a look of their own,
after a clause that has a look too, are an edit of their own that borrows the clause's verb ("make the subtitle
blue"); "make the title and the subtitle blue" stays one clause, for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.planner._edit_words import names_a_look
from tessera.planner._numbers import NUMBER_WORD_PATTERN
from tessera.planner._quotes import Quote, find_quotes

EDIT_VERBS = (
    "add", "append", "change", "color", "colour", "delete", "drop", "enlarge", "get", "give", "hide", "increase",
    "decrease", "insert", "keep", "let", "make", "move", "only", "place", "put", "recolor", "recolour", "reduce",
    "remove", "rename", "replace", "resize", "scale", "set", "shrink", "show", "swap", "switch", "take", "turn",
    "use", "write", "align", "update", "edit", "paint", "fill", "double", "halve", "center", "centre", "translate",
)  # fmt: skip
_VERB = re.compile(rf"^\s*(?:please\s+|also\s+|then\s+)*(?P<verb>{'|'.join(EDIT_VERBS)})\b", re.IGNORECASE)
_STARTS_EDIT = re.compile(
    rf"^\s*(?:please\s+|also\s+|then\s+)*(?:{'|'.join(EDIT_VERBS)})\b"
    r"|^\s*(?:the|its|it|all|every)\b[^.;]*?\b(?:should|must|needs? to|to be|is to)\b",
    re.IGNORECASE,
)
_BREAK = re.compile(r";|\.(?=\s|$)|,|\band\b|\bthen\b", re.IGNORECASE)
_OWN_TARGET = re.compile(r"^\s*(?:the|its|their|\x01)", re.IGNORECASE)
# Verbs whose list of targets needs no look each: "remove the second balloon and the subtitle", "add two stars and
# a heart" are two edits.
_TAKES_LIST = re.compile(r"^(?:remove|delete|drop|hide|add|insert|include)$", re.IGNORECASE)
_NEW_THING = re.compile(rf"^\s*(?:an?|one|another|\d+|{NUMBER_WORD_PATTERN})\s", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    """One edit of the instruction: its words and where they stand in the instruction (start, end). A clause that
    borrows the verb of the one before ("the subtitle blue" after "make the title red") reads "make the subtitle
    blue": its first `lead` characters are that verb and a space, and its own words start at `start`."""

    text: str
    start: int
    end: int
    lead: int = 0

    def position(self, offset: int) -> int:
        """Where an offset within the clause's text stands in the instruction (a borrowed verb: at its own words)."""
        return self.start + max(0, offset - self.lead)

    @property
    def quotes(self) -> list[Quote]:
        """The quoted strings of the clause, their offsets within the clause."""
        return find_quotes(self.text)

    def masked(self) -> str:
        """The clause with each quotation blanked to a placeholder of the same length, so that words inside quotes
        ("change 'Title' to 'Top'") are never read as the instruction's own words."""
        text = self.text
        for quote in self.quotes:
            text = text[: quote.start] + "\x01" * (quote.end - quote.start) + text[quote.end :]
        return text


def split_clauses(instruction: str) -> list[Clause]:
    """The edits of `instruction`, in order; quoted strings are never split."""
    quoted = [(q.start, q.end) for q in find_quotes(instruction)]
    masked = instruction
    for start, end in quoted:
        masked = masked[:start] + "\x01" * (end - start) + masked[end:]

    def inside_quote(offset: int) -> bool:
        return any(start <= offset < end for start, end in quoted)

    cuts = [m for m in _BREAK.finditer(instruction) if not inside_quote(m.start())]
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        pieces.append((start, cut.start()))
        start = cut.end()
    pieces.append((start, len(instruction)))
    clauses: list[Clause] = []
    # The clause whose verb the words after it may borrow, and whether the last clause asks for a look.
    verb: str | None = None
    for piece_start, piece_end in pieces:
        words = masked[piece_start:piece_end]
        if not words.strip():
            continue
        if not clauses or _STARTS_EDIT.search(words):
            clauses.append(_trimmed(instruction, piece_start, piece_end))
            said = _VERB.search(words)
            verb = said.group("verb") if said else None
        elif verb and _own_edit(verb, words, _masked(clauses[-1])):
            own = _trimmed(instruction, piece_start, piece_end)
            clauses.append(Clause(f"{verb} {own.text}", own.start, own.end, lead=len(verb) + 1))
        else:  # "bold and italic": the words belong to the clause before
            last = clauses[-1]
            joined = _trimmed(instruction, last.start, piece_end)
            clauses[-1] = Clause(last.text[: last.lead] + joined.text, joined.start, joined.end, last.lead)
    return clauses


def _own_edit(verb: str, words: str, before: str) -> bool:
    """Whether (quote-masked) words after a clause are an edit of their own with its verb: a target and a look of
    their own after a clause with a look; another part to remove; another thing to add."""
    if _TAKES_LIST.match(verb):
        removes = verb.lower() in ("remove", "delete", "drop", "hide")
        return bool(_OWN_TARGET.search(words) if removes else _NEW_THING.search(words) or _OWN_TARGET.search(words))
    return bool(_OWN_TARGET.search(words)) and names_a_look(words) and names_a_look(before)


def _masked(clause: Clause) -> str:
    return clause.masked()[clause.lead :]


def _trimmed(instruction: str, start: int, end: int) -> Clause:
    words = instruction[start:end]
    lead = len(words) - len(words.lstrip(" \t\n,;"))
    tail = len(words.rstrip(" \t\n,;."))
    return Clause(text=words[lead:tail], start=start + lead, end=start + tail)
