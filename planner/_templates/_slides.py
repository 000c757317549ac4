"""Slide templates: a title slide, a slide of points beside a chart (or a picture or a table), and a slide led by
its chart.

Every slide keeps the title top-left on generous margins, sets points as a list with markers, left-aligned, and
puts sources, dates and names in a small footer line.
"""

from __future__ import annotations

from dataclasses import dataclass

from tessera.contract import (
    DocumentKind,
    Frame,
    ListElement,
    Node,
    RequiredStructure,
    ShapeElement,
    StructureKind,
    detect_script,
    language_of,
)
from tessera.planner._extract import picture_requests
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._data_parts import FOOTER_PURPOSES, footer, heading, logo, margins, place, title_of
from tessera.planner._templates._decor import decoration_nodes

_KINDS: frozenset[DocumentKind] = frozenset({"slide"})
_LIST_KINDS: tuple[StructureKind, ...] = ("bullets", "numbered")
_FIGURE_KINDS: tuple[StructureKind, ...] = ("chart", "table", "pairs", "prices")
_TEXT_SHARE = 0.62  # of the content width: the longest a line of points runs when nothing stands beside them


@dataclass(frozen=True)
class _Content:
    """A slide's content sorted: the points (a list), the figures (charts, tables), and whether anything else
    (paragraphs, other structures, pictures) is left to set."""

    points: RequiredStructure | None
    figures: tuple[RequiredStructure, ...]
    others: bool

    @property
    def empty(self) -> bool:
        return self.points is None and not self.figures and not self.others


def _content(material: Material) -> _Content:
    slots = material.slots
    points = slots.structure(*_LIST_KINDS)
    figures = tuple(slots.all_structures(*_FIGURE_KINDS))
    rest = [s for s in slots.structures if s is not points and s not in figures]
    body = slots.of("body", "caption", "badge", "price", "cta", "venue", "time")
    return _Content(points, figures, bool(rest or body or picture_requests(material.constraints)))


def _heading_and_footer(material: Material, used: Used) -> tuple[Frame | None, Frame | None]:
    """The slide's heading and footer, set before its body so that the body's extras leave their texts out."""
    width = material.canvas.width - 2 * margins(material, sides=1.6).left
    mark = logo(material, used, material.scale.size(4))
    top = heading(
        material, used, width - (mark.width if mark is not None and isinstance(mark.width, int) else 0), step=5
    )
    if mark is not None:
        parts: list[Node] = [p for p in (top,) if p is not None]
        top = Frame(id="heading-row", layout="row", align="start", justify="space_between", gap=material.unit(0.04),
                    children=[*(p.model_copy(update={"width": "fill"}) for p in parts), mark])  # fmt: skip
    return top, footer(material, used)


def _slide_frame(material: Material, top: Frame | None, body: Frame, foot: Frame | None) -> Frame:
    """The slide: heading top-left, the body filling the middle, the footer at the foot."""
    return Frame(
        id="root",
        layout="column",
        padding=margins(material, top=1.3, bottom=0.9, sides=1.6),
        gap=material.unit(0.05),
        children=[*decoration_nodes(material), *(part for part in (top, body, foot) if part is not None)],
    )


def _points(material: Material, used: Used, structure: RequiredStructure, width: int, height: int) -> ListElement:
    """The points as a list with markers in the accent, as large as fits the column (type step 3 at most)."""
    items = [f"{item.value} \u2014 {item.label}" if item.value else item.label for item in structure.items]
    scale = material.scale
    longest = max(items, key=len)
    # A few short points read larger; a long list steps down so that it still fits the column.
    size = scale.fitted(
        longest, 3 if len(items) <= 4 else 2, width - scale.size(1) * 2, max_lines=2, lowest=0, bold=False
    )
    while size > scale.size(0) and len(items) * size * 1.4 * 1.9 > height:
        size = round(size / 1.25)
    place(material, used, structure)
    script = detect_script(" ".join(items))
    return ListElement(
        id=material.structure_id(structure),
        items=items,
        marker="number" if structure.structure == "numbered" else "bullet",
        color=material.style.scheme.ink,
        marker_color=material.style.look.accent,
        font_size=size,
        gap=round(0.9 * size),
        family=material.style.body_family,
        script=script,
        language=language_of(script),
    )


def _text_column(material: Material, used: Used, content: _Content, width: int, height: int) -> Frame | None:
    """The points and any paragraphs, left-aligned, centred in the column's height."""
    children: list[Node] = []
    if content.points is not None:
        children.append(_points(material, used, content.points, width, height))
    for n, text in enumerate(t for t in material.slots.of("body") if t not in used):
        size = material.scale.fitted(text.text, 1, width, max_lines=4, lowest=0, bold=False)
        children.append(material.text(f"point-text-{n + 1}", text, "body", size))
        used.add(text)
    if not children:
        return None
    return Frame(
        id="points", layout="column", width="fill", justify="center", gap=material.unit(0.03), children=children
    )


def _figure_column(material: Material, used: Used, content: _Content, width: int, height: int) -> Frame | None:
    """The charts and tables, then whatever else the brief asks for, filling the column."""
    children: list[Node] = []
    for figure in content.figures:
        part = material.part(figure, width, height // max(1, len(content.figures)))
        if part.kind == "table":
            part = part.model_copy(update={"width": "fill"})
        children.append(part)
        place(material, used, figure)
    children += material.extras(used, width)
    if not children:
        return None
    charted = any(figure.structure == "chart" for figure in content.figures)
    return Frame(
        id="figure", layout="column", width="fill", height="fill", gap=material.unit(0.03), children=children,
        justify="center" if charted else "start",  # a table or picture hangs from the heading; a chart fills
    )  # fmt: skip


def _body_room(material: Material) -> tuple[int, int]:
    """The width and height the slide's body has between heading and footer, roughly."""
    side = margins(material, sides=1.6).left
    return material.canvas.width - 2 * side, round(material.canvas.height * 0.62)


@dataclass(frozen=True)
class SplitSlide:
    """The points on the left, the chart (or table, or picture) on the right, each half the width; points alone
    run across a comfortable measure, a chart alone takes the whole body."""

    name: str = "slide-split"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        content = _content(material)
        if content.empty or title_of(material) is None:
            return None
        both = content.points is not None and (content.figures or content.others)
        score = 0.9 if both else 0.85
        return score if material.wide else score - 0.15

    def compose(self, material: Material) -> Design:
        used = Used()
        top, foot = _heading_and_footer(material, used)
        content = _content(material)
        width, height = _body_room(material)
        gap = material.unit(0.08)
        # The text column is laid out first so that the figure column's extras leave out what it set.
        has_figure = bool(content.figures or content.others)
        split = has_figure and (content.points is not None or material.slots.of("body"))
        column = (width - gap) // 2 if split else width
        side_by_side = material.wide
        text = _text_column(material, used, content, column if side_by_side else width, height)
        figure = _figure_column(material, used, content, column if side_by_side else width, height)
        if text is not None and figure is None:
            text = text.model_copy(update={"width": round(width * _TEXT_SHARE)})
        parts: list[Node] = [p for p in (text, figure) if p is not None]
        body = Frame(
            id="body",
            layout="row" if side_by_side else "column",
            gap=gap,
            height="fill",
            align="stretch",
            children=parts,
        )
        root = _slide_frame(material, top, body, foot)
        return Design(self.name, root, "Title top-left; points left and the figure right, half the width each.")


@dataclass(frozen=True)
class FigureSlide:
    """The chart (or table) leads: it takes three fifths of the width on the right, the points a narrow column on
    the left, or the whole body when there are none."""

    name: str = "slide-figure"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        content = _content(material)
        if not content.figures or title_of(material) is None:
            return None
        score = 0.75 if content.points is not None else 0.9
        return score if material.wide else score - 0.2

    def compose(self, material: Material) -> Design:
        used = Used()
        top, foot = _heading_and_footer(material, used)
        content = _content(material)
        width, height = _body_room(material)
        gap = material.unit(0.06)
        narrow = round((width - gap) * 0.36)
        text = _text_column(material, used, content, narrow, height) if material.wide else None
        figure = _figure_column(material, used, content, width - narrow - gap if text else width, height)
        if text is not None:
            text = text.model_copy(update={"width": narrow})
        body = Frame(
            id="body",
            layout="row",
            gap=gap,
            height="fill",
            children=[p for p in (text, figure) if p is not None],
        )
        root = _slide_frame(material, top, body, foot)
        return Design(self.name, root, "Title top-left; the chart leads across most of the width.")


@dataclass(frozen=True)
class TitleSlide:
    """An opening slide: the title large on the left third of the height, an accent rule above it, the subtitle
    under it, and names and dates at the foot."""

    name: str = "slide-title"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        slots = material.slots
        title = title_of(material)
        if title is None or slots.structures or slots.counts or picture_requests(material.constraints):
            return None
        kept = ("title", "subtitle", "tagline", "brand", "product", "name", *FOOTER_PURPOSES)
        if any(slots.purposes.get(t.id) not in kept for t in slots.texts):
            return None
        return 0.95

    def compose(self, material: Material) -> Design:
        used = Used()
        width = material.canvas.width - 2 * margins(material, sides=1.6).left
        rule = ShapeElement(
            id="title-rule",
            shape="rectangle",
            fill=material.style.look.accent,
            width=material.unit(0.12),
            height=max(4, material.unit(0.008)),
        )
        top = heading(material, used, round(width * 0.8), step=7, lines=3)
        names = [t for t in material.slots.of("author", "date") if t not in used]
        by_line: list[Node] = []
        for n, text in enumerate(names, start=1):
            by_line.append(
                material.text(f"byline-{n}", text, "body", material.scale.size(1), color=material.style.muted)
            )
            used.add(text)
        foot = footer(material, used)
        block: list[Node] = [rule, *(p for p in (top,) if p is not None), *by_line]
        block += material.extras(used, width)
        middle = Frame(
            id="opening", layout="column", height="fill", justify="center", gap=material.unit(0.04), children=block
        )
        root = Frame(
            id="root",
            layout="column",
            padding=margins(material, top=1.3, bottom=0.9, sides=1.6),
            gap=material.unit(0.05),
            children=[*decoration_nodes(material), middle, *(p for p in (foot,) if p is not None)],
        )
        return Design(self.name, root, "A title slide: the title large and left-aligned, the subtitle under it.")


SLIDE_TEMPLATES = (SplitSlide(), FigureSlide(), TitleSlide())
