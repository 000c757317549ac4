"""What constraints read from a brief share: the subjects it names, the words each came from, and their ids."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.contract import SourceSpan


@dataclass(frozen=True)
class Mention:
    """A subject named in the brief: a quoted text or a counted object class."""

    start: int
    end: int
    kind: str  # "text" | "objects" | "picture" (a picture's place is no constraint, but its words are not another's)
    subject: str


def source_span(brief: str, start: int, end: int) -> SourceSpan:
    """The brief's words from `start` to `end` (at most 600 characters) as a constraint's source."""
    end = min(end, start + 600)
    return SourceSpan(start=start, end=end, quote=brief[start:end])


def slug(text: str) -> str:
    """`text` as a short id part: lowercase letters and digits joined by hyphens."""
    joined = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return joined[:30] or "item"


def unique_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`...: the first not in `taken`, which it joins."""
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
