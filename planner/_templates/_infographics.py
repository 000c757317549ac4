"""Infographic templates: a process (numbered steps in circles joined by arrows, with icons where every step names
a familiar action), a timeline (dates on a line with a dot each), and figures (big numbers on a grid, then charts).

Each gives the page a reading path: left to right on a wide canvas, top to bottom on a tall one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    DocumentKind,
    Frame,
    IconElement,
    Insets,
    Node,
    RequiredStructure,
    ShapeElement,
    StructureItem,
)
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._data_parts import (
    accent_on_background,
    carded,
    entry_id,
    footer,
    heading,
    logo,
    margins,
    place,
    tint,
)
from tessera.planner._templates._decor import decoration_nodes

_KINDS: frozenset[DocumentKind] = frozenset({"infographic"})
_MAX_ACROSS = 5  # steps side by side on a wide canvas; more stack
_DATE = re.compile(r"^(?:\d{4}s?|Q[1-4]|(?:19|20)\d{2}\b.*|\d{1,2}[:.]\d{2}.*|[A-Z][a-z]{2,8}\.? ?\d{0,4})$")
# Actions a step's first word names, and the icon that shows it; a process shows icons only when every step has one.
_STEP_ICONS = {
    "order": "shopping-cart", "buy": "shopping-cart", "shop": "shopping-cart", "choose": "shopping-cart",
    "pack": "package", "deliver": "truck", "ship": "truck", "enjoy": "mood-smile", "plan": "clipboard-list",
    "design": "brush", "build": "hammer", "develop": "code", "code": "code", "test": "test-pipe",
    "launch": "rocket", "release": "rocket", "research": "search", "discover": "search", "search": "search",
    "sign": "user-plus", "register": "user-plus", "pay": "credit-card", "apply": "file-text",
    "interview": "messages", "hire": "user-check", "learn": "book", "study": "book", "write": "pencil",
    "cook": "chef-hat", "bake": "chef-hat", "eat": "tools-kitchen-2", "mix": "whisk", "measure": "ruler",
    "grow": "plant", "plant": "plant", "recycle": "recycle", "collect": "box", "sort": "filter", "review": "eye",
    "approve": "circle-check", "feedback": "message", "analyse": "chart-bar", "analyze": "chart-bar",
    "track": "map-pin", "call": "phone", "email": "mail", "book": "calendar", "relax": "armchair",
    "celebrate": "confetti", "idea": "bulb", "download": "download", "upload": "upload", "share": "share",
    "clean": "spray", "wash": "wash", "install": "download", "login": "lock", "secure": "lock", "train": "school",
    "meet": "briefcase",
}  # fmt: skip


def _step_icons(structure: RequiredStructure) -> list[str] | None:
    """An icon per step when every step's first word names a familiar action, else None."""
    icons = [_STEP_ICONS.get(re.split(r"\W+", item.label.lower(), maxsplit=1)[0]) for item in structure.items]
    return None if None in icons else [icon for icon in icons if icon]


def _dated(structure: RequiredStructure) -> bool:
    """Whether every step carries a date-like figure ("2019", "Q3", "Mar 2024", "9:00")."""
    return all(item.value and _DATE.match(item.value) for item in structure.items)


def _described(item: StructureItem) -> str | None:
    return ", ".join(item.cells) if item.cells else None


def _axis(material: Material, count: int) -> Literal["row", "column"]:
    """Steps run across a wide (or square) canvas when they fit, else down."""
    across = material.canvas.width >= material.canvas.height and count <= _MAX_ACROSS
    return "row" if across else "column"


def _page(material: Material, used: Used, path: Frame | None, *, centred: bool) -> Frame:
    """The page: heading, the reading path in the middle, the rest, a footer."""
    width = material.canvas.width - 2 * material.margin
    mark = logo(material, used, material.scale.size(3))
    if mark is not None and centred:
        mark = mark.model_copy(update={"anchor": "top"})
    top = heading(material, used, width, step=5, align="center" if centred else "left", lines=2)
    foot = footer(material, used)
    children: list[Node] = [part for part in (mark, top) if part is not None]
    middle: list[Node] = [path] if path is not None else []
    for structure in material.slots.structures:
        if structure not in used and structure.structure in ("chart", "table", "pairs"):
            middle.append(carded(material, structure, width, material.canvas.height // 3))
            place(material, used, structure)
    middle += material.extras(used, width, align="center" if centred else "left")
    children.append(
        Frame(id="content", layout="column", height="fill", justify="center", gap=material.unit(0.05), children=middle)
    )
    if foot is not None:
        children.append(foot)
    return Frame(
        id="root",
        layout="column",
        padding=margins(material, top=1.4, bottom=1.0, sides=1.3),
        gap=material.unit(0.05),
        align="stretch",
        children=[*decoration_nodes(material), *children],
    )


@dataclass(frozen=True)
class ProcessInfographic:
    """Steps as units (a tinted circle holding the step's icon or number, the number, the step's words) joined by
    arrows: across a wide canvas, down a tall one."""

    name: str = "infographic-process"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        steps = material.slots.structure("steps", "numbered")
        if steps is None:
            return None
        return 0.7 if _dated(steps) else 0.9

    def compose(self, material: Material) -> Design:
        used = Used()
        steps = material.slots.structure("steps", "numbered")
        assert steps is not None  # fit() requires it
        axis = _axis(material, len(steps.items))
        path = self._path(material, steps, axis)
        place(material, used, steps)
        root = _page(material, used, path, centred=axis == "row")
        return Design(self.name, root, "Numbered steps joined by arrows: the reading path runs along them.")

    def _path(self, material: Material, steps: RequiredStructure, axis: Literal["row", "column"]) -> Frame:
        node_id = material.structure_id(steps)
        count = len(steps.items)
        inner = material.canvas.width - 2 * margins(material, sides=1.3).left
        arrow_length = material.unit(0.05)
        unit_width = (inner - (count - 1) * (arrow_length + 2 * material.unit(0.015))) // count
        badge = min(material.unit(0.2), round(unit_width * 0.62)) if axis == "row" else material.unit(0.16)
        label_width = unit_width if axis == "row" else inner - badge - material.unit(0.035)
        label_size = min(material.scale.fitted(i.label, 4, label_width, max_lines=2, lowest=1) for i in steps.items)
        icons = _step_icons(steps)
        accent = accent_on_background(material)
        disc_fill = tint(material.style.scheme.accent, material.style.scheme.behind[0], 0.85)
        children: list[Node] = []
        for n, item in enumerate(steps.items, start=1):
            unit_id = entry_id(node_id, "step", n)
            circle = ShapeElement(id=f"{unit_id}-disc", shape="ellipse", fill=disc_fill, width="fill", height="fill")
            mark: Node
            if icons:
                side = max(1, round(badge * 0.5))
                mark = IconElement(id=f"{unit_id}-icon", name=icons[n - 1], color=accent, width=side, height=side,
                                   anchor="center")  # fmt: skip
            else:
                mark = material.text(f"{unit_id}-mark", str(n), "heading", max(12, round(badge * 0.42)), color=accent,
                                     weight="bold", align="center", width="hug")  # fmt: skip
                mark = mark.model_copy(update={"anchor": "center"})
            disc = Frame(id=f"{unit_id}-badge", layout="stack", width=badge, height=badge, align="center",
                         children=[circle, mark])  # fmt: skip
            words = self._words(material, unit_id, n, item, numbered=bool(icons), axis=axis, size=label_size)
            if axis == "row":
                unit = Frame(id=unit_id, name=f"step {item.label}"[:80], layout="column", align="center",
                             gap=material.unit(0.015), width=unit_width, children=[disc, words])  # fmt: skip
            else:
                unit = Frame(id=unit_id, name=f"step {item.label}"[:80], layout="row", align="center",
                             gap=material.unit(0.035), children=[disc, words])  # fmt: skip
            children.append(unit)
            if n < count:
                children.append(self._arrow(material, f"{unit_id}-arrow", axis, badge, arrow_length))
        return Frame(
            id=node_id,
            layout=axis,
            gap=material.unit(0.015),
            align="start" if axis == "row" else "stretch",
            justify="center" if axis == "row" else "space_between",
            height="hug" if axis == "row" else "fill",
            children=children,
        )

    @staticmethod
    def _words(
        material: Material,
        unit_id: str,
        n: int,
        item: StructureItem,
        *,
        numbered: bool,
        axis: Literal["row", "column"],
        size: int,
    ) -> Frame:
        """A step's number (when the circle shows an icon), its date or figure, its words and its description."""
        align: Literal["left", "center"] = "center" if axis == "row" else "left"
        scale = material.scale
        parts: list[Node] = []
        if numbered:
            parts.append(material.text(f"{unit_id}-number", f"{n:02d}", "heading", scale.size(3),
                                       color=accent_on_background(material), weight="bold", align=align))  # fmt: skip
        if item.value:
            parts.append(material.text(f"{unit_id}-value", item.value, "heading", scale.size(3),
                                       color=accent_on_background(material), weight="bold", align=align))  # fmt: skip
        parts.append(material.text(f"{unit_id}-label", item.label, "heading", size, weight="bold", align=align))
        described = _described(item)
        if described:
            parts.append(material.text(f"{unit_id}-text", described, "body", scale.size(1),
                                       color=material.style.muted, align=align))  # fmt: skip
        return Frame(id=f"{unit_id}-words", layout="column", gap=material.unit(0.008), width="fill", children=parts)

    @staticmethod
    def _arrow(material: Material, node_id: str, axis: Literal["row", "column"], badge: int, length: int) -> Frame:
        """An arrow from one step to the next, level with the circles' middles (or under them, going down)."""
        thick = material.unit(0.03)
        color = material.style.look.rule
        if axis == "row":
            arrow = ShapeElement(id=node_id, shape="arrow", fill=color, width=length, height=thick)
            return Frame(id=f"{node_id}-slot", height=badge, justify="center", children=[arrow])
        arrow = ShapeElement(
            id=node_id, shape="arrow", fill=color, width=round(thick * 1.5), height=round(length * 1.4)
        )
        return Frame(id=f"{node_id}-slot", width=badge, align="center", children=[arrow])


@dataclass(frozen=True)
class TimelineInfographic:
    """Dates on a line: each step's date large in the accent, a dot on the line, its words under it; across a
    wide canvas, down the left of a tall one."""

    name: str = "infographic-timeline"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        steps = material.slots.structure("steps")
        if steps is None:
            return None
        return 0.9 if _dated(steps) else 0.72

    def compose(self, material: Material) -> Design:
        used = Used()
        steps = material.slots.structure("steps")
        assert steps is not None  # fit() requires it
        axis = _axis(material, len(steps.items))
        path = self._line(material, steps, axis)
        place(material, used, steps)
        root = _page(material, used, path, centred=False)
        return Design(self.name, root, "A timeline: dates on a line with a dot each, the words beside them.")

    def _line(self, material: Material, steps: RequiredStructure, axis: Literal["row", "column"]) -> Frame:
        node_id = material.structure_id(steps)
        count = len(steps.items)
        inner = material.canvas.width - 2 * margins(material, sides=1.3).left
        dot = material.unit(0.036)
        stroke = max(2, material.unit(0.004))
        accent = accent_on_background(material)
        rail = material.style.look.rule
        scale = material.scale
        unit_width = (inner - (count - 1) * material.unit(0.02)) // count
        marks = [item.value or str(n) for n, item in enumerate(steps.items, start=1)]
        across = axis == "row"
        mark_size = min(scale.fitted(m, 5, unit_width if across else inner // 2, max_lines=1) for m in marks)
        label_size = min(scale.fitted(i.label, 3, unit_width if across else inner, lowest=1) for i in steps.items)
        children: list[Node] = []
        for n, (item, mark_words) in enumerate(zip(steps.items, marks, strict=True), start=1):
            unit_id = entry_id(node_id, "step", n)
            last = n == count
            disc = ShapeElement(id=f"{unit_id}-dot", shape="ellipse", fill=accent, width=dot, height=dot)
            mark = material.text(f"{unit_id}-mark", mark_words, "heading", mark_size, color=accent, weight="bold")
            label = material.text(f"{unit_id}-label", item.label, "heading", label_size, weight="bold")
            words: list[Node] = [label]
            described = _described(item)
            if described:
                words.append(material.text(f"{unit_id}-text", described, "body", scale.size(1),
                                           color=material.style.muted))  # fmt: skip
            if across:
                track: list[Node] = [disc]
                if not last:
                    track.append(ShapeElement(id=f"{unit_id}-line", shape="line", fill=rail, width="fill",
                                              height=stroke))  # fmt: skip
                unit = Frame(id=unit_id, name=f"milestone {item.label}"[:80], layout="column", width="fill",
                             gap=material.unit(0.015), children=[
                                 mark,
                                 Frame(id=f"{unit_id}-track", layout="row", align="center",
                                       gap=material.unit(0.01), children=track),
                                 *words])  # fmt: skip
            else:
                rail_parts: list[Node] = [disc]
                if not last:
                    rail_parts.append(ShapeElement(id=f"{unit_id}-line", shape="line", fill=rail, width=stroke,
                                                   height="fill"))  # fmt: skip
                track_frame = Frame(id=f"{unit_id}-track", layout="column", align="center", width=dot,
                                    padding=Insets(top=round(mark_size * 0.35)), gap=material.unit(0.01),
                                    children=rail_parts)  # fmt: skip
                text_column = Frame(id=f"{unit_id}-words", layout="column", width="fill",
                                    gap=material.unit(0.008),
                                    padding=Insets(bottom=material.unit(0.05) if not last else 0),
                                    children=[mark, *words])  # fmt: skip
                unit = Frame(id=unit_id, name=f"milestone {item.label}"[:80], layout="row", height="fill",
                             gap=material.unit(0.035), children=[track_frame, text_column])  # fmt: skip
            children.append(unit)
        return Frame(
            id=node_id,
            layout=axis,
            gap=material.unit(0.02) if across else 0,
            height="hug" if across else "fill",
            children=children,
        )


@dataclass(frozen=True)
class FiguresInfographic:
    """Big numbers on a grid (each the figure large in the accent over its label), then charts and tables in
    cards: the numbers lead the reading."""

    name: str = "infographic-figures"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        slots = material.slots
        if slots.structure("kpis") is not None:
            return 0.9
        if slots.structure("chart", "table", "pairs") is not None:
            return 0.75
        return None

    def compose(self, material: Material) -> Design:
        used = Used()
        grids: list[Node] = []
        width = material.canvas.width - 2 * margins(material, sides=1.3).left
        for kpis in material.slots.all_structures("kpis"):
            grids.append(self._numbers(material, kpis, width))
            place(material, used, kpis)
        path = None
        if grids:
            # On a tall page the numbers share out its height, so they lead it rather than huddle in the middle.
            spread = material.tall and all(isinstance(g, Frame) and g.layout == "column" for g in grids)
            path = Frame(
                id="figures",
                layout="column",
                gap=material.unit(0.05),
                height="fill" if spread else "hug",
                justify="space_evenly" if spread else "start",
                children=grids,
            )
        root = _page(material, used, path, centred=False)
        return Design(self.name, root, "Big numbers lead on a grid; charts and tables follow in cards.")

    @staticmethod
    def _numbers(material: Material, kpis: RequiredStructure, width: int) -> Frame:
        count = len(kpis.items)
        if material.tall:
            columns = 1 if count <= 4 else 2
        else:
            columns = min(count, 4 if material.wide else (3 if count in (3, 6) else 2))
        gap = material.unit(0.04)
        cell = (width - gap * (columns - 1)) // columns
        figures = [item.value or "" for item in kpis.items]
        size = min(material.scale.fitted(f, 9, cell, max_lines=1, lowest=3) for f in figures)
        accent = accent_on_background(material)
        node_id = material.structure_id(kpis)
        units: list[Node] = []
        for n, item in enumerate(kpis.items, start=1):
            unit_id = entry_id(node_id, "kpi", n)
            figure = material.text(f"{unit_id}-value", item.value or "", "heading", size, color=accent,
                                   weight="bold", max_lines=1)  # fmt: skip
            label_size = material.scale.fitted(item.label, 2, cell, max_lines=2, lowest=0, bold=False)
            label = material.text(f"{unit_id}-label", item.label, "body", label_size)
            units.append(Frame(id=unit_id, name=f"figure {item.label}"[:80], layout="column",
                               gap=material.unit(0.012), children=[figure, label]))  # fmt: skip
        if columns == 1 and material.tall:
            return Frame(id=node_id, layout="column", height="fill", justify="space_evenly", gap=gap, children=units)
        return Frame(id=node_id, layout="grid", columns=["1fr"] * columns, gap=gap, children=units)


INFOGRAPHIC_TEMPLATES = (ProcessInfographic(), TimelineInfographic(), FiguresInfographic())
