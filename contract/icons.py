"""The icon set every part shares: Tabler's icons by name or alias, as SVG documents in a colour.

Planners name icons (`IconElement.name`), the renderer draws them and the verifier draws them again to compare,
so all three read the one set shipped in `contract/data/tabler-icons.json.gz` (built by `scripts/build_icons`;
licence in `contract/data/LICENSES.md`). A name is an icon's own name ('shopping-cart'), one of the set's aliases
('2fa' for 'auth-2fa') or one of its hidden, deprecated names; `suggest` offers close names for one the set lacks,
and `search` finds icons by meaning through Tabler's tags ('launch' finds 'rocket'). The set loads on first use.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from tessera.contract._icon_words import UI_ICONS
from tessera.contract.colors import normalize_hex
from tessera.contract.plan import Box, clamped_box

ICON_DATA = "tabler-icons.json.gz"
# Tabler draws its outlines 2 units wide on a 24-unit grid: 1/12 of the icon. That reads well up to about
# 48 px; drawn bigger, the same share turns heavy next to a label's stems (10 px lines on a 120 px icon), so above
# that the lines grow more slowly than the icon, as a type family's weights do, never under 1 unit.
_STROKE_UNITS = 2.0
_LARGE_ICON_SIDE = 48  # px
_STROKE_GROWTH = 0.6  # line width grows as side ** 0.6 above _LARGE_ICON_SIDE
_MIN_STROKE_UNITS = 1.0
_NAME_WEIGHT = 3  # a query word that is a word of the icon's own name counts more than a tag
_TAG_WEIGHT = 2
_SUGGESTIONS = 3
_CLOSE_SPELLING = 0.75  # difflib ratio from which a name counts as a misspelling of another


@dataclass(frozen=True)
class Icon:
    """One icon of the set: its own name, its SVG body and the size of the grid the body is drawn on."""

    name: str
    body: str
    width: int
    height: int

    def svg(self, color: str, side: int) -> str:
        """The icon as a standalone SVG document `side` pixels square, in `color` ('#RRGGBB'), strokes as thick
        as `stroke_units(side)` says."""
        stroke = f'stroke-width="{stroke_units(side):g}"'
        body = self.body.replace("currentColor", normalize_hex(color)).replace('stroke-width="2"', stroke)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" '
            f'viewBox="0 0 {self.width} {self.height}">{body}</svg>'
        )


def stroke_units(side: int) -> float:
    """How wide an outline icon's strokes are drawn at `side` pixels, in units of its 24-unit grid."""
    if side <= _LARGE_ICON_SIDE:
        return _STROKE_UNITS
    lighter = _STROKE_UNITS * (_LARGE_ICON_SIDE / side) ** (1 - _STROKE_GROWTH)
    return round(max(_MIN_STROKE_UNITS, lighter), 2)


def square_in(box: Box) -> Box:
    """The square an icon or a QR code is drawn in: as wide as `box`'s shorter side, centred in it. The renderer
    draws there and the verifier looks there."""
    side = min(box.w, box.h)
    return clamped_box(box.x + (box.w - side) // 2, box.y + (box.h - side) // 2, side, side)


class IconSet:
    """Icons by name, alias or hidden name; close names for an unknown one; a search by meaning over tags."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.source: dict[str, str] = dict(document["source"])
        self._width = int(document["width"])
        self._height = int(document["height"])
        self._bodies: dict[str, str] = dict(document["icons"])
        self._aliases: dict[str, str] = dict(document["aliases"])
        hidden = set(document["hidden"])
        self.names: tuple[str, ...] = tuple(name for name in self._bodies if name not in hidden)
        self._tags: dict[str, list[str]] = dict(document["tags"])

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self._bodies or name in self._aliases)

    def icon(self, name: str) -> Icon | None:
        """The icon `name` stands for (its own name, an alias or a hidden name); None when the set has none."""
        own_name = self._aliases.get(name, name)
        body = self._bodies.get(own_name)
        return None if body is None else Icon(own_name, body, self._width, self._height)

    def suggest(self, name: str, limit: int = _SUGGESTIONS) -> list[str]:
        """Up to `limit` icon names close to `name`, for error messages and notices: icons its words describe first
        ('cart' -> 'shopping-cart', 'gear' -> 'settings'), then near spellings ('calender' -> 'calendar')."""
        spelt = difflib.get_close_matches(name, self._spellings(), n=limit, cutoff=_CLOSE_SPELLING)
        found = self.search(name, limit) + [self._aliases.get(match, match) for match in spelt]
        return list(dict.fromkeys(found))[:limit]

    def search(self, query: str, limit: int = 10) -> list[str]:
        """Up to `limit` icon names that mean what `query`'s words say ('launch' -> 'rocket'): icons matching more
        words first, a word of the icon's own name counting more than a tag, then plain icons before variants of
        others ('eye-dollar'), then the shortest names."""
        words = _words(query)
        scores: dict[str, tuple[int, int]] = {}
        for name, weight in ((n, w) for word in words for n, w in self._index.get(word, ())):
            matched, total = scores.get(name, (0, 0))
            scores[name] = (matched + 1, total + weight)
        ranked = sorted(
            scores, key=lambda name: (-scores[name][0], -scores[name][1], self._is_variant(name), len(name), name)
        )
        return ranked[:limit]

    def _is_variant(self, name: str) -> bool:
        """Whether the icon is another one with a badge or modifier ('eye-dollar', 'settings-x', 'mail-off')."""
        base, dash, _ = name.rpartition("-")
        return bool(dash) and base in self._bodies

    def _spellings(self) -> list[str]:
        return [*self.names, *self._aliases]

    @functools.cached_property
    def _index(self) -> dict[str, list[tuple[str, int]]]:
        """Each word to the icons it describes, with the weight of the match (the best one per icon)."""
        best: dict[str, dict[str, int]] = {}
        for name in self.names:
            described = [(word, _NAME_WEIGHT) for word in _words(name)]
            described += [(word, _TAG_WEIGHT) for tag in self._tags.get(name, ()) for word in _words(tag)]
            for word, weight in described:
                icons = best.setdefault(word, {})
                icons[name] = max(weight, icons.get(name, 0))
        return {word: list(icons.items()) for word, icons in best.items()}


def _words(text: str) -> Sequence[str]:
    """Lowercase words, with a plural's singular beside it ('carts' -> 'carts', 'cart')."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    singulars = [word[:-1] for word in words if len(word) > 3 and word.endswith("s") and not word.endswith("ss")]
    return list(dict.fromkeys(words + singulars))


def shipped_data(name: str) -> Any:
    """One of the gzipped JSON files shipped in `contract/data` (icon and emoji sets), parsed."""
    return json.loads(gzip.decompress(resources.files("tessera.contract").joinpath("data", name).read_bytes()))


@functools.cache
def icon_set() -> IconSet:
    """The shipped icon set, read once per process."""
    return IconSet(shipped_data(ICON_DATA))


def find_icon(name: str) -> Icon | None:
    """The icon `name` stands for in the shipped set (a name, an alias or a hidden name), or None."""
    return icon_set().icon(name)


def named_icon(label: str) -> str | None:
    """The icon set's name for an icon a brief names ("shopping cart": 'shopping-cart', "mail"): the interface
    icon of a common word ("cart": 'shopping-cart', `_icon_words.py`), else by its own name or alias, else the icon
    its words describe best; None when the set has nothing for it. The planner draws it and the verifier expects it."""
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    icon = find_icon(UI_ICONS.get(slug, slug))
    if icon is not None:
        return icon.name
    found = icon_set().search(label, 1)
    return found[0] if found else None
