"""The vector emoji set by name: CLDR names and aliases (through the `emoji` package) of every emoji it draws.

"dog face" is found as "dog" too. An emoji whose name joins two things ("couch and lamp") answers to its whole
name only: drawn for "couch" it would show a lamp no one asked for. Only emoji that draw as one shape are named
here: a sprite the verifier's pixel counter would see as several alike blobs would count wrong.
"""

from __future__ import annotations

import functools
import re

import emoji as emoji_data
import numpy as np

from tessera.contract.svg import rasterise
from tessera.contract.vector_emoji import find_vector_emoji

_CHECK_SIDE = 96  # px: an emoji is drawn this big to see whether it is one shape
_SOLID = 64  # alpha above which a pixel is painted
_JOIN = 0.08  # of the side: pieces this close are one shape, as the pixel counter joins them
_ALIKE_AREA = 0.55  # a second piece with less than this share of the largest one's area is not counted as a thing
_SKIPPED = re.compile(r"^(?:flag|keycap|regional indicator)\b|\bskin tone\b")


def _clean(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip(":").replace("-", " ")).strip().lower()


def _heads(name: str) -> list[str]:
    """Shorter names an emoji answers to: a face's animal ("dog face": "dog")."""
    return [name[:-5]] if name.endswith(" face") and len(name) > 5 else []


@functools.cache
def _names(with_aliases: bool = True) -> dict[str, str]:
    """Name -> emoji: CLDR names first, then aliases, then the shorter names, each kept for its first emoji."""
    own: dict[str, str] = {}
    aliases: dict[str, str] = {}
    heads: dict[str, str] = {}
    for symbol, data in emoji_data.EMOJI_DATA.items():
        name = _clean(str(data["en"]))
        if _SKIPPED.search(name) or find_vector_emoji(symbol) is None:
            continue
        own.setdefault(name, symbol)
        for alias in data.get("alias", []) if with_aliases else []:
            aliases.setdefault(_clean(str(alias)), symbol)
        for head in _heads(name):
            heads.setdefault(head, symbol)
    return {**heads, **aliases, **own}


def emoji_named(name: str, *, aliases: bool = True) -> str | None:
    """The emoji whose CLDR name (or shorter name, or with `aliases` an alias) is `name`, when it draws as one
    shape; else None. Aliases are loose (":office:" is an office building): a synonym's lookup leaves them out."""
    symbol = _names(aliases).get(_clean(name))
    return symbol if symbol is not None and draws_as_one_shape(symbol) else None


@functools.cache
def draws_as_one_shape(symbol: str) -> bool:
    """Whether the vector drawing of `symbol` is one shape to the pixel counter: its pieces, joined where they
    nearly touch, are one large piece and at most small ones beside it."""
    from scipy import ndimage  # here, not at the top: every part imports the contract, few ask this

    vector = find_vector_emoji(symbol)
    if vector is None:
        return False
    image = rasterise(vector.svg((0.0, 0.0, float(vector.width), float(vector.height)), _CHECK_SIDE, _CHECK_SIDE))
    painted = np.asarray(image.getchannel("A")) > _SOLID
    joined = ndimage.binary_fill_holes(
        ndimage.binary_closing(painted, iterations=max(1, round(_JOIN * _CHECK_SIDE)), border_value=0)
    )
    labels, count = ndimage.label(joined)
    if count <= 1:
        return count == 1
    areas = sorted(ndimage.sum_labels(joined, labels, index=np.arange(1, count + 1)), reverse=True)
    return bool(areas[1] < _ALIKE_AREA * areas[0])
