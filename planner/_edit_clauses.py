"""An edit instruction in clauses: "make the background dark, remove the second balloon and change 'A, B' to 'C'"
is three edits, each carried out (or refused) on its own.

Clauses end at a semicolon, a sentence's end, a comma or an "and" outside quotations, when what follows starts an
edit of its own (a verb such as "make", "remove", "set", or "the title should read"); otherwise the words stay
with the clause before ("make the title bold and italic", "set Q1 to 5 and Q2 to 7").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.planner._quotes import Quote, find_quotes

EDIT_VERBS = (
    "add", "append", "change", "color", "colour", "delete", "drop", "enlarge", "get", "give", "hide", "increase",
    "decrease", "insert", "keep", "let", "make", "move", "only", "place", "put", "recolor", "recolour", "reduce",
    "remove", "rename", "replace", "resize", "scale", "set", "shrink", "show", "swap", "switch", "take", "turn",
    "use", "write", "align", "update", "edit", "paint", "fill", "double", "halve",
)  # fmt: skip
_STARTS_EDIT = re.compile(
    rf"^\s*(?:please\s+|also\s+|then\s+)*(?:{'|'.join(EDIT_VERBS)})\b"
    r"|^\s*(?:the|its|it|all|every)\b[^.;]*?\b(?:should|must|needs? to|to be|is to)\b",
    re.IGNORECASE,
)
_BREAK = re.compile(r";|\.(?=\s|$)|,|\band\b|\bthen\b", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    """One edit of the instruction: its words and where they stand in the instruction (start, end)."""

    text: str
    start: int
    end: int

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

    def inside_quote(offset: int) -> bool:
        return any(start <= offset < end for start, end in quoted)

    cuts = [m for m in _BREAK.finditer(instruction) if not inside_quote(m.start())]
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        pieces.append((start, cut.start()))
        start = cut.end()
    pieces.append((start, len(instruction)))
    clauses: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        words = instruction[piece_start:piece_end]
        if not words.strip():
            continue
        if clauses and not _STARTS_EDIT.search(words):
            clauses[-1] = (clauses[-1][0], piece_end)  # "bold and italic": the words belong to the clause before
        else:
            clauses.append((piece_start, piece_end))
    return [_trimmed(instruction, start, end) for start, end in clauses]


def _trimmed(instruction: str, start: int, end: int) -> Clause:
    words = instruction[start:end]
    lead = len(words) - len(words.lstrip(" \t\n,;"))
    tail = len(words.rstrip(" \t\n,;."))
    return Clause(text=words[lead:tail], start=start + lead, end=start + tail)
