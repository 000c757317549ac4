"""Icon sets: the named icons in one grid, every icon the same size, colour and stroke; names under them only when
the brief asks for labels.

| template     | kinds    | layout                                                                          |
|--------------|----------|---------------------------------------------------------------------------------|
| icons-tiles  | icon_set | the title centred over a grid of tiles, one icon on each                         |
| icons-sheet  | icon_set | the title left-aligned over one sheet (a card) with the icons bare on it         |
"""

from __future__ import annotations

from dataclasses import dataclass

from tessera.contract import DocumentKind, Frame, Node, RequiredStructure
from tessera.planner._structure_parts import icon_grid
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._print_parts import Align, asks_for_labels, first_for, ink_on, leaves, page, texts_for

_ICON_SET: frozenset[DocumentKind] = frozenset({"icon_set"})


def _icons(material: Material) -> RequiredStructure | None:
    return material.slots.structure("icons")


def _header(material: Material, used: Used, align: Align) -> tuple[list[Node], int]:
    """The set's title and subline, and the height they take."""
    ink = ink_on(material)
    title = first_for(material, used, "title", "brand", "product")
    used.add(title)
    sublines = texts_for(material, used, "subtitle", "tagline")[:1]
    used.add(*sublines)
    nodes: list[Node] = []
    height = 0
    if title:
        size = material.scale.size(4)
        nodes.append(material.text("title", title, "title", size, color=ink.headline, align=align))
        height += round(1.3 * size)
    for n, line in enumerate(sublines, start=1):
        size = material.scale.size(0)
        nodes.append(material.text(f"subline-{n}", line, "body", size, color=ink.muted, align=align))
        height += round(1.5 * size)
    return nodes, height


@dataclass(frozen=True)
class IconsTiles:
    """The title centred over a grid of tiles, one named icon on each, all the same size and colour."""

    name: str = "icons-tiles"
    kinds: frozenset[DocumentKind] = _ICON_SET

    def fit(self, material: Material) -> float | None:
        return 0.8 if _icons(material) else None

    def compose(self, material: Material) -> Design:
        icons = _icons(material)
        assert icons is not None  # fit said so
        used = Used()
        used.add(icons)
        margin = round(1.4 * material.margin)
        header, header_height = _header(material, used, "center")
        gap = material.unit(0.06)
        width = material.canvas.width - 2 * margin
        height = material.canvas.height - 2 * margin - header_height - (gap if header else 0)
        room = material.room(width, height)
        grid = icon_grid(
            icons, material.structure_id(icons), material.style.look, room, labels=asks_for_labels(material)
        )
        extras = material.extras(used, width, align="center")
        root = page(
            material,
            [*header, grid, *extras],
            padding=margin,
            gap=gap,
            align="center",
            justify="center",
        )
        return Design(self.name, root, "An icon set: every icon on its own tile in one grid, one size and colour.")


@dataclass(frozen=True)
class IconsSheet:
    """A specimen sheet: the title left-aligned, then one card holding the icons bare in a grid, drawn larger."""

    name: str = "icons-sheet"
    kinds: frozenset[DocumentKind] = _ICON_SET

    def fit(self, material: Material) -> float | None:
        return 0.75 if _icons(material) else None

    def compose(self, material: Material) -> Design:
        icons = _icons(material)
        assert icons is not None  # fit said so
        used = Used()
        used.add(icons)
        margin = round(1.2 * material.margin)
        look = material.style.look
        header, header_height = _header(material, used, "left")
        gap = material.unit(0.05)
        padding = material.unit(0.06)
        width = material.canvas.width - 2 * margin - 2 * padding
        height = material.canvas.height - 2 * margin - header_height - (gap if header else 0) - 2 * padding
        room = material.room(width, height)
        grid = icon_grid(icons, material.structure_id(icons), look, room, labels=asks_for_labels(material), tiles=False)
        sheet = Frame(
            id="sheet",
            role="card",
            name="icon sheet",
            fill=look.surface,
            radius=round(material.style.radius * material.short),
            padding=padding,
            width="fill",
            height="fill",
            align="stretch",
            justify="center",
            children=[grid],
        )
        extras = material.extras(used, material.canvas.width - 2 * margin)
        root = page(material, leaves([*header, sheet, *extras]), padding=margin, gap=gap)
        return Design(self.name, root, "An icon sheet: the icons bare on one card, in one grid, one size and colour.")


ICON_SET_TEMPLATES = (IconsTiles(), IconsSheet())
"""The templates for icon sets."""
