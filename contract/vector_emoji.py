"""Fluent Emoji Flat, the vector emoji set sprites are drawn from: emoji to icon name, icon to SVG document.

The set ships in `contract/data/fluent-emoji-flat.json.gz` (built by `scripts/build_icons`; MIT licence in
`contract/data/LICENSES.md`) and loads on first use. Emoji are keyed by their codepoints without variation
selectors, so '☀️' and '☀' find the same icon; skin-tone variants are not shipped.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from tessera.contract.icons import shipped_data

EMOJI_DATA = "fluent-emoji-flat.json.gz"
SPRITE_PREFIX = "fluent"
_VARIATION_SELECTOR = "\ufe0f"


@dataclass(frozen=True)
class VectorEmoji:
    """One emoji of the set: its name ('balloon'), its SVG body and the size of the grid it is drawn on."""

    name: str
    body: str
    width: int
    height: int

    @property
    def sprite_id(self) -> str:
        """The id the manifest gives sprites drawn from it, e.g. 'fluent:balloon'."""
        return f"{SPRITE_PREFIX}:{self.name}"

    def svg(self, view: tuple[float, float, float, float], width: int, height: int) -> str:
        """The part of the emoji inside `view` (x, y, w, h in grid units) as an SVG document of `width` x `height`
        pixels."""
        x, y, w, h = view
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="{x:g} {y:g} {w:g} {h:g}" preserveAspectRatio="none">{self.body}</svg>'
        )


class VectorEmojiSet:
    """The shipped emoji by codepoint sequence."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.source: dict[str, str] = dict(document["source"])
        self._width = int(document["width"])
        self._height = int(document["height"])
        self._bodies: dict[str, str] = dict(document["icons"])
        self._sizes: dict[str, list[int]] = dict(document.get("sizes", {}))
        self._names: dict[str, str] = dict(document["chars"])

    def __len__(self) -> int:
        return len(self._bodies)

    def find(self, emoji: str) -> VectorEmoji | None:
        """The set's drawing of `emoji` (one emoji, possibly a sequence), or None when the set lacks it."""
        name = self._names.get(codepoint_key(emoji))
        if name is None:
            return None
        width, height = self._sizes.get(name, (self._width, self._height))
        return VectorEmoji(name=name, body=self._bodies[name], width=width, height=height)


def codepoint_key(emoji: str) -> str:
    """The set's key for an emoji: lower-case hex codepoints joined by '-', variation selectors left out."""
    return "-".join(f"{ord(char):x}" for char in emoji if char != _VARIATION_SELECTOR)


@functools.cache
def vector_emoji_set() -> VectorEmojiSet:
    """The shipped set, read once per process."""
    return VectorEmojiSet(shipped_data(EMOJI_DATA))


def find_vector_emoji(emoji: str) -> VectorEmoji | None:
    """`emoji` drawn by the shipped vector set, or None when the set lacks it (the bitmap font draws it then)."""
    return vector_emoji_set().find(emoji)
