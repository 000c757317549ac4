"""An icon set split into one image per icon, cropped from the kept image, so each is exactly as the set shows it.

Each icon is cut out with the tile (card) it sits on, or, bare on a sheet, with a square of the surface around it:
same colours, stroke and size as in the grid, which the verifier has checked. The crops are kept in the run folder
(`icons/<name>.png`, served by the API as artifacts) and named by the brief's word for the icon ("cart"), which
the plan keeps in the name of the icon's holder ("icon cart"), else by the icon set's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from tessera.contract import Box, DrawnPart, Frame, IconElement, LayoutPlan
from tessera.contract.plan import clamped_box

if TYPE_CHECKING:
    from tessera.agents.engine import RunOutcome

ICONS_FOLDER = "icons"
_HOLDER_PREFIX = "icon "
_BARE_MARGIN = 0.35  # room around a bare icon, as a share of its side on each side


@dataclass(frozen=True)
class SplitIcon:
    """One icon of the set as its own image: the brief's name for it, the icon set's, and the PNG in the run folder."""

    name: str
    icon: str
    path: Path


def split_icons(outcome: RunOutcome) -> list[SplitIcon]:
    """Each icon the kept image shows, cropped into its own PNG under the run folder's `icons/`, in drawing order;
    empty when the image shows no icon."""
    icons = [part for part in outcome.drawn if part.kind == "icon"]
    if not icons:
        return []
    folder = outcome.folder / ICONS_FOLDER
    folder.mkdir(exist_ok=True)
    labels = _labels(outcome.plan)
    cards = [part for part in outcome.drawn if part.kind == "card"]
    taken: set[str] = set()
    split = []
    with Image.open(outcome.image) as image:
        image.load()
        for part in icons:
            name = labels.get(part.id) or part.name or part.id
            path = folder / f"{_unique(_slug(name), taken)}.png"
            image.crop(_corners(_crop_box(part, icons, cards, image.size))).save(path, format="PNG")
            split.append(SplitIcon(name=name, icon=part.name or "", path=path))
    return split


def _labels(plan: LayoutPlan) -> dict[str, str]:
    """The brief's word for each icon, by icon id: its holder frame is named 'icon <word>'."""
    labels: dict[str, str] = {}

    def visit(frame: Frame) -> None:
        for child in frame.children:
            if isinstance(child, Frame):
                if child.name and child.name.startswith(_HOLDER_PREFIX):
                    for leaf in child.children:
                        if isinstance(leaf, IconElement):
                            labels[leaf.id] = child.name.removeprefix(_HOLDER_PREFIX)
                visit(child)

    visit(plan.root)
    return labels


def _crop_box(icon: DrawnPart, icons: list[DrawnPart], cards: list[DrawnPart], size: tuple[int, int]) -> Box:
    """The smallest card holding the icon and no other (its tile), else a square around it with a margin, on the
    image."""
    holders = [
        card.box
        for card in cards
        if _holds(card.box, icon.box) and not any(_holds(card.box, other.box) for other in icons if other is not icon)
    ]
    if holders:
        return min(holders, key=lambda box: box.area)
    box = icon.box
    side = round(max(box.w, box.h) * (1 + 2 * _BARE_MARGIN))
    x = box.x + box.w // 2 - side // 2
    y = box.y + box.h // 2 - side // 2
    width, height = size
    return clamped_box(max(0, min(x, width - side)), max(0, min(y, height - side)), min(side, width), min(side, height))


def _holds(outer: Box, inner: Box) -> bool:
    return outer.x <= inner.x and outer.y <= inner.y and outer.right >= inner.right and outer.bottom >= inner.bottom


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "icon"


def _unique(slug: str, taken: set[str]) -> str:
    unique, number = slug, 2
    while unique in taken:
        unique, number = f"{slug}-{number}", number + 1
    taken.add(unique)
    return unique


def _corners(box: Box) -> tuple[int, int, int, int]:
    return box.x, box.y, box.right, box.bottom
