"""Menus: the venue's name on top, then the sections, each its heading, a rule and its dishes with the prices
right-aligned in one column; in one column, or two columns of sections when the page is wide or the menu long.

The type is set as large as the page allows (a three-dish menu on a tall page does not leave its lower half
empty); a dish's description, when the brief gives one, goes small under its name.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    DocumentKind,
    Frame,
    Node,
    RequiredStructure,
    RequiredText,
    ShapeElement,
    StructureKind,
    TableElement,
    TextElement,
    detect_script,
    language_of,
)
from tessera.planner._templates._base import Design, Material, TypeScale, Used
from tessera.planner._templates._commerce_parts import column, logo, logo_names, page, row, rule

_KINDS: frozenset[DocumentKind] = frozenset({"menu"})
_SECTION_KINDS: tuple[StructureKind, ...] = ("prices", "pairs")
_MAX_ITEMS = 40
_ROW_LINES = 1.9  # a table row's height in lines of its type: the text and the room around it
_DESCRIBED_ROW_LINES = 2.9  # a dish with its description under it


@dataclass(frozen=True)
class _Menu:
    """What a menu sets: its sections, the venue's name, a line under it, and the rest for the foot."""

    sections: list[RequiredStructure]
    title: RequiredText | None
    kicker: RequiredText | None

    @property
    def items(self) -> int:
        return sum(len(s.items) for s in self.sections)


def _read(material: Material) -> _Menu | None:
    sections = material.slots.all_structures(*_SECTION_KINDS)
    if not sections or sum(len(s.items) for s in sections) > _MAX_ITEMS:
        return None
    title = material.slots.first("brand", "title", "venue")
    kicker = material.slots.first("subtitle", "tagline", "time", "date")
    return _Menu(sections, title, kicker)


def _described(section: RequiredStructure) -> bool:
    return any(item.cells for item in section.items)


def _section_lines(section: RequiredStructure) -> float:
    """A section's height in lines of body type: its heading and rule, then its rows."""
    rows = len(section.items) * (_DESCRIBED_ROW_LINES if _described(section) else _ROW_LINES)
    return rows + (2.6 if section.title else 0.0)


def _split(sections: list[RequiredStructure], count: int) -> list[list[RequiredStructure]]:
    """The sections in `count` columns, in order, cut where the longest column comes out shortest."""
    lines = [_section_lines(s) for s in sections]

    def longest(bounds: tuple[int, ...]) -> float:
        return max(sum(lines[a:b]) for a, b in itertools.pairwise(bounds))

    cuts = min(
        ((0, *inner, len(sections)) for inner in itertools.combinations(range(1, len(sections)), count - 1)),
        key=longest,
    )
    return [sections[a:b] for a, b in itertools.pairwise(cuts)]


def _scale_for(material: Material, columns: list[list[RequiredStructure]], room: float, width: float) -> TypeScale:
    """The largest type, up to five steps above body (a three-dish board sets large), at which the longest column
    fits `room` px of height and its longest dish and price share a line of `width` px."""
    longest = max(sum(_section_lines(s) for s in col) + 1.6 * (len(col) - 1) for col in columns)
    widest = max(len(item.label) + len(item.value or "") + 4 for col in columns for s in col for item in s.items)
    for lift in (5, 4, 3, 2, 1, 0):
        scale = TypeScale(round(material.scale.body * 1.25**lift))
        body = scale.size(0)
        if longest * body * 1.1 <= room and widest * 0.55 * body <= width:
            return scale
    return material.scale


def _section(material: Material, section: RequiredStructure, scale: TypeScale, colors: tuple[str, str, str]) -> Frame:
    """A section: its heading in the accent, a rule, then its dishes and prices."""
    ink, accent, rule_color = colors
    node_id = material.structure_id(section)
    size = scale.size(0)
    parts: list[Node] = []
    if section.title:
        heading = material.text(f"{node_id}-title", section.title, "heading", scale.size(2), color=accent)
        parts += [heading, rule(f"{node_id}-rule", rule_color, max(1, material.short // 600))]
    if _described(section):
        parts.append(_described_dishes(material, section, node_id, scale, colors))
    else:
        parts.append(_dish_table(material, section, node_id, size, ink, accent))
    return column(f"{node_id}-section", parts, gap=round(0.6 * size))


def _dish_table(
    material: Material, section: RequiredStructure, node_id: str, size: int, ink: str, accent: str
) -> TableElement:
    """Dishes and prices as a two-column table, the prices right-aligned at the section's right edge."""
    rows = [[item.label, item.value or ""] for item in section.items]
    script = detect_script(" ".join(cell for r in rows for cell in r))
    return TableElement(
        id=node_id,
        rows=rows,
        column_align=["left", "right"],
        style="plain",
        color=ink,
        header_color=accent,
        family=material.style.body_family,
        font_size=size,
        width="fill",
        script=script,
        language=language_of(script),
    )


def _described_dishes(
    material: Material, section: RequiredStructure, node_id: str, scale: TypeScale, colors: tuple[str, str, str]
) -> Frame:
    """Dishes with descriptions: the name bold and the price on one line, the description small under it."""
    ink, accent, _ = colors
    dishes: list[Node] = []
    for n, item in enumerate(section.items, start=1):
        dish_id = f"{node_id}-{n}"
        line: list[Node] = [
            material.text(f"{dish_id}-name", item.label, "body", scale.size(0), color=ink, weight="bold")
        ]
        if item.value:
            price = material.text(
                f"{dish_id}-price", item.value, "price", scale.size(0), color=accent, weight="bold", align="right"
            )
            line.append(price.model_copy(update={"width": "hug"}))
        lines: list[Node] = [row(f"{dish_id}-line", line, gap=scale.size(0), align="end")]
        if item.cells:
            lines.append(
                material.text(
                    f"{dish_id}-description",
                    ", ".join(item.cells),
                    "caption",
                    scale.size(-1),
                    color=material.style.muted,
                )
            )
        dishes.append(column(dish_id, lines, gap=round(0.15 * scale.size(0))))
    return column(
        node_id, dishes, gap=round(0.6 * scale.size(0)), role="list", name=f"{section.title or 'menu'} dishes"
    )


def _head(material: Material, menu: _Menu, width: int, align: Literal["left", "center"]) -> list[Node]:
    """The venue's name large and the line under it, tracked, in the accent."""
    scale = material.scale
    nodes: list[Node] = []
    mark = logo(material, scale.size(5))
    if mark is not None:
        nodes.append(mark)
    if menu.title is not None:
        size = scale.fitted(
            menu.title.text, 7 if menu.items <= 6 and not material.wide else 6, width, max_lines=2, lowest=3
        )
        nodes.append(material.text("title", menu.title, "title", size, align=align))
    if menu.kicker is not None:
        nodes.append(
            material.text(
                "kicker",
                menu.kicker,
                "subtitle",
                scale.size(0),
                color=material.style.look.accent,
                align=align,
                weight="bold",
                letter_spacing=0.12,
            )
        )
    if nodes:
        thickness = max(2, material.short // 300)
        nodes.append(
            ShapeElement(
                id="head-rule",
                shape="rectangle",
                fill=material.style.look.accent,
                width=material.unit(0.1),
                height=thickness,
            )
        )
    return nodes


def _used(material: Material, menu: _Menu) -> Used:
    used = Used(assets=logo_names(material))
    used.add(menu.title, menu.kicker, *menu.sections)
    return used


def _colors(material: Material) -> tuple[str, str, str]:
    style = material.style
    return style.scheme.ink, style.look.accent, style.look.rule


def _head_height(head: list[Node]) -> float:
    return sum(1.3 * (n.font_size or 0) for n in head if isinstance(n, TextElement))


@dataclass(frozen=True)
class OneColumn:
    """The sections one under another under a centred head, the prices in one column at the right."""

    name: str = "menu-one-column"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        menu = _read(material)
        if menu is None:
            return None
        if material.wide:
            return 0.5 if len(menu.sections) == 1 else 0.3
        return 0.9 if menu.items <= 16 else 0.6

    def compose(self, material: Material) -> Design:
        menu = _read(material)
        assert menu is not None
        margin = material.margin
        inner_w = material.canvas.width - 2 * margin
        width = min(inner_w, round(0.9 * inner_w) if material.wide else inner_w)
        head = _head(material, menu, inner_w, "center")
        gap = material.unit(0.06)
        room = material.canvas.height - 2 * margin - _head_height(head) - 2 * gap
        scale = _scale_for(material, [menu.sections], room, width)
        sections = [_section(material, s, scale, _colors(material)) for s in menu.sections]
        body: list[Node] = [column("sections", sections, gap=round(1.6 * scale.size(0)), width=width)]
        extras = material.extras(_used(material, menu), width, align="center")
        children: list[Node] = []
        if head:
            children.append(column("head", head, gap=material.unit(0.024), align="center"))
        children += body
        if extras:
            children.append(column("foot", extras, gap=material.unit(0.012), width=width))
        root = page(material, children, gap=gap, align="center", justify="center")
        return Design(self.name, root, f"{len(menu.sections)} menu section(s) in one column, prices right-aligned.")


@dataclass(frozen=True)
class Columns:
    """The sections in columns with rules between them, under a centred head: two, or three for three or more
    sections on a wide page; for wide pages and long menus."""

    name: str = "menu-columns"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        menu = _read(material)
        if menu is None or len(menu.sections) < 2:
            return None
        if material.canvas.width >= material.canvas.height:
            return 0.9
        return 0.75 if menu.items > 12 else 0.4

    def compose(self, material: Material) -> Design:
        menu = _read(material)
        assert menu is not None
        margin = material.margin
        inner_w = material.canvas.width - 2 * margin
        count = 3 if len(menu.sections) >= 3 and material.canvas.width >= 1.3 * material.canvas.height else 2
        gutter = material.unit(0.08)
        col_w = round((inner_w - gutter * (count - 1)) / count)
        head = _head(material, menu, inner_w, "center")
        gap = material.unit(0.06)
        room = material.canvas.height - 2 * margin - _head_height(head) - 2 * gap
        columns = _split(menu.sections, count)
        scale = _scale_for(material, columns, room, col_w)
        colors = _colors(material)
        thickness = max(1, material.short // 600)
        parts: list[Node] = []
        for n, sections in enumerate(columns, start=1):
            if n > 1:
                parts.append(
                    ShapeElement(
                        id=f"column-rule-{n - 1}", shape="rectangle", fill=colors[2], width=thickness, height="fill"
                    )
                )
            built: list[Node] = [_section(material, s, scale, colors) for s in sections]
            parts.append(column(f"column-{n}", built, gap=round(1.6 * scale.size(0)), width="fill"))
        children: list[Node] = []
        if head:
            children.append(column("head", head, gap=material.unit(0.024), align="center"))
        children.append(row("columns", parts, gap=round(gutter / 2)))
        extras = material.extras(_used(material, menu), inner_w, align="center")
        if extras:
            children.append(column("foot", extras, gap=material.unit(0.012)))
        root = page(material, children, gap=gap, justify="center")
        return Design(self.name, root, f"{len(menu.sections)} menu sections in {count} columns, prices right-aligned.")


MENU_TEMPLATES = (OneColumn(), Columns())
