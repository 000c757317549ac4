"""Where the user's own images go: the brief's words for each supplied asset ("our logo top-left", "the product
photo on the right", "with the logo"), and the nodes that draw them in the rules plan.

Every supplied asset is placed, named in the brief or not: a logo the brief does not place goes in the
bottom-right corner (clear of the headline), a photo or other image takes the picture region. A logo is a small
mark with a fixed box that the rest of the layout keeps clear of; a photo is a block (`_blocks.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tessera.contract import AssetElement, AssetInfo, Box, Canvas, Constraints, Node, Region
from tessera.planner._blocks import BlockRequest
from tessera.planner._picture_layout import margin_of
from tessera.planner._pictures import Extent, Spot

AssetRole = Literal["logo", "photo", "image"]

_LOGO_WORDS = re.compile(r"\b(?:logo|logotype|emblem|brand\s*mark|wordmark)\b", re.I)
_PHOTO_WORDS = re.compile(r"\b(?:photo|photograph|picture|shot|headshot|portrait|image|pic)s?\b", re.I)
_DETERMINER = r"(?:(?:our|the|my|an?|its|their|your|his|her)\s+)?"
_REGIONS: tuple[tuple[re.Pattern[str], Region], ...] = (
    (re.compile(r"\b(?:top|upper)[\s-]+left\b", re.I), "top-left"),
    (re.compile(r"\b(?:top|upper)[\s-]+right\b", re.I), "top-right"),
    (re.compile(r"\b(?:bottom|lower)[\s-]+left\b", re.I), "bottom-left"),
    (re.compile(r"\b(?:bottom|lower)[\s-]+right\b", re.I), "bottom-right"),
    (re.compile(r"\b(?:at|on|in|along|across|to)\s+the\s+top\b|\bat\s+top\b", re.I), "top"),
    (re.compile(r"\b(?:at|on|in|along|across|to)\s+the\s+bottom\b|\bat\s+bottom\b", re.I), "bottom"),
    (re.compile(r"\b(?:on|to|at|in)\s+the\s+left\b|\bleft[\s-]+(?:side|half)\b", re.I), "left"),
    (re.compile(r"\b(?:on|to|at|in)\s+the\s+right\b|\bright[\s-]+(?:side|half)\b", re.I), "right"),
    (re.compile(r"\bin\s+the\s+(?:center|centre|middle)\b", re.I), "center"),
)
_WINDOW = 48  # characters after the asset's name in which a place word belongs to it
_CLAUSE_END = re.compile(r"[.;:!?\n]")
_LOGO_SHARE = 0.11  # of the short edge: the height of a logo mark
_LOGO_MAX_ASPECT = 3.0  # a wide wordmark grows wider, up to this many times its height
_DEFAULT_LOGO: Region = "bottom-right"


@dataclass(frozen=True)
class AssetRequest:
    """One supplied asset and where it goes: its role, the region the brief puts it in (None: the planner's
    choice), and the brief's words that name it (None: supplied but not named)."""

    asset: AssetInfo
    role: AssetRole
    region: Region | None
    span: tuple[int, int] | None

    @property
    def name(self) -> str:
        return self.asset.name

    @property
    def node_id(self) -> str:
        """The id of the node that draws it (asset names are unique, so the ids are too)."""
        return f"asset-{self.asset.name}"


def asset_requests(constraints: Constraints) -> list[AssetRequest]:
    """One request per supplied asset, in the order supplied."""
    supplied = constraints.supplied
    brand_logo = supplied.brand.logo if supplied.brand else None
    mentions = {a.name: _mention(constraints.brief, a, a.name == brand_logo) for a in supplied.assets}
    starts = sorted(span[0] for span in mentions.values() if span is not None)
    requests = []
    for asset in supplied.assets:
        mention = mentions[asset.name]
        role = _role(asset.name, asset.name == brand_logo, constraints.brief, mention)
        if mention is None:
            requests.append(AssetRequest(asset, role, _DEFAULT_LOGO if role == "logo" else None, None))
            continue
        following = next((s for s in starts if s > mention[0]), len(constraints.brief))
        region, end = _region_after(constraints.brief, mention[1], following)
        requests.append(AssetRequest(asset, role, region, (mention[0], max(mention[1], end))))
    return requests


def _spoken(name: str) -> str:
    """A name as the brief would write it: 'product-photo' as 'product photo' (or with its '-' or '_')."""
    return r"[\s_-]+".join(re.escape(part) for part in re.split(r"[-_]+", name) if part)


def _mention(brief: str, asset: AssetInfo, brand_logo: bool) -> tuple[int, int] | None:
    """Where the brief names the asset: by its name, else (a logo) by the word 'logo', else (a photo) by a word for
    a photo."""
    by_name = re.search(rf"{_DETERMINER}\b{_spoken(asset.name)}\b(?:\s+(?:logo|photo|image|picture))?", brief, re.I)
    if by_name is not None:
        return by_name.span()
    words = _LOGO_WORDS if brand_logo or _LOGO_WORDS.search(asset.name) else None
    if words is None and _PHOTO_WORDS.search(asset.name.replace("-", " ").replace("_", " ")):
        words = _PHOTO_WORDS
    found = re.search(rf"{_DETERMINER}(?:[\w-]+\s+)?{words.pattern}", brief, re.I) if words is not None else None
    return found.span() if found is not None else None


def _role(name: str, brand_logo: bool, brief: str, mention: tuple[int, int] | None) -> AssetRole:
    words = f"{name.replace('-', ' ').replace('_', ' ')} {brief[mention[0] : mention[1]] if mention else ''}"
    if brand_logo or _LOGO_WORDS.search(words):
        return "logo"
    return "photo" if _PHOTO_WORDS.search(words) else "image"


def _region_after(brief: str, start: int, stop: int) -> tuple[Region | None, int]:
    """The first place word in the clause after the asset's name (and before the next asset's), and where it ends."""
    window = brief[start : min(stop, start + _WINDOW)]
    clause_end = _CLAUSE_END.search(window)
    window = window[: clause_end.start()] if clause_end else window
    found = [(m.start(), m.end(), region) for pattern, region in _REGIONS if (m := pattern.search(window))]
    if not found:
        return None, start
    first = min(found)
    # "in the bottom right": the corner, which overlaps the band word that starts first, is the place meant.
    chosen = max((f for f in found if f[0] < first[1]), key=lambda f: f[1])
    return chosen[2], start + chosen[1]


def logo_marks(constraints: Constraints, canvas: Canvas) -> list[AssetElement]:
    """The logos as small marks with fixed boxes in their regions, inside the page margin."""
    return [
        AssetElement(id=r.node_id, name=r.name, box=logo_box(r, canvas))
        for r in asset_requests(constraints)
        if r.role == "logo"
    ]


def logo_box(request: AssetRequest, canvas: Canvas) -> Box:
    """A logo's box: `_LOGO_SHARE` of the short edge high, as wide as its aspect asks, in its region."""
    short = min(canvas.width, canvas.height)
    height = round(_LOGO_SHARE * short)
    width = min(round(height * min(request.asset.aspect, _LOGO_MAX_ASPECT)), canvas.width // 2)
    margin = margin_of(canvas)
    region = request.region or _DEFAULT_LOGO
    vertical, _, horizontal = region.partition("-")
    if region in ("left", "right"):
        vertical, horizontal = "center", region
    x = {"left": margin, "right": canvas.width - margin - width}.get(horizontal, (canvas.width - width) // 2)
    y = {"top": margin, "bottom": canvas.height - margin - height}.get(vertical, (canvas.height - height) // 2)
    return Box(x=x, y=y, w=width, h=height)


def photo_blocks(constraints: Constraints) -> list[BlockRequest]:
    """The photos and other images as blocks: in the region the brief names, else the picture (hero) region."""
    blocks = []
    for request in asset_requests(constraints):
        if request.role == "logo":
            continue
        spot, extent = _spot_of(request.region)

        def fill(box: Box, request: AssetRequest = request) -> list[Node]:
            return [AssetElement(id=request.node_id, name=request.name, box=box)]

        blocks.append(BlockRequest(request.node_id, spot, extent, fill))
    return blocks


def _spot_of(region: Region | None) -> tuple[Spot | None, Extent]:
    if region is None:
        return None, "half"
    if region == "center":
        return "center", "inset"
    if "-" in region:
        return region, "corner"
    return region, "band" if region in ("top", "bottom") else "side"
