"""Paper templates: a research paper's first page (the title and authors centred, an "Abstract" block when the
brief gives an abstract, the body in two columns) and a report page (a running header, the title left-aligned, the
body, tables and charts in one measure).

An abstract is a text the brief introduces as one ("abstract: '...'"); none is ever made up, and its heading is the
brief's own word for it ("Abstract", "Zusammenfassung").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.contract import DocumentKind, Element, Frame, Insets, Node, RequiredText, ShapeElement, TextPurpose
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._data_parts import footer, logo, place, title_of
from tessera.planner._templates._decor import decoration_nodes

_KINDS: frozenset[DocumentKind] = frozenset({"paper"})
# "Abstract" in the languages the reader knows, as the word that introduces the brief's abstract.
_ABSTRACT_CUE = re.compile(
    r"(abstract|summary|zusammenfassung|kurzfassung|résumé|resume|resumen|sommario|摘要|要旨|概要)\W{0,4}$",
    re.IGNORECASE,
)
_HEADER_PURPOSES: tuple[TextPurpose, ...] = ("brand", "venue", "date")
_PAPER_FLOW: tuple[TextPurpose, ...] = ("body", "caption", "badge", "price", "cta", "time", "subtitle", "tagline")


def abstract_of(material: Material) -> tuple[RequiredText, str] | None:
    """The text the brief introduces as the abstract, and the word it introduces it with ("Abstract",
    "Zusammenfassung"), as a heading; None when the brief gives no abstract."""
    brief = material.constraints.brief
    for text in material.slots.texts:
        cue = _ABSTRACT_CUE.search(brief[max(0, text.source.start - 24) : text.source.start])
        if cue:
            word = cue.group(1)
            return text, word[:1].upper() + word[1:]
    return None


def _paragraphs(material: Material, used: Used, width: int, prefix: str) -> list[Node]:
    """The brief's remaining prose as paragraphs at body size, left-aligned, in brief order."""
    nodes: list[Node] = []
    for n, text in enumerate((t for t in material.slots.of(*_PAPER_FLOW) if t not in used), start=1):
        nodes.append(material.text(f"{prefix}-{n}", text, "body", material.scale.size(0)))
        used.add(text)
    return nodes


def _measured(part: Frame | Element, height: int) -> Frame | Element:
    """A structure's part set in the page's measure: a table across it, a chart `height` tall (a chart left to fill
    would take the whole page)."""
    if part.kind == "table":
        return part.model_copy(update={"width": "fill"})
    if part.kind == "chart":
        return part.model_copy(update={"height": height})
    return part


def _columns(material: Material, used: Used, width: int) -> Frame | None:
    """The body in two columns: paragraphs, then structures, filled down the first column, then the second."""
    gutter = material.unit(0.04)
    column = (width - gutter) // 2
    parts: list[Node] = []
    for structure in material.slots.structures:
        if structure not in used:
            parts.append(_measured(material.part(structure, column, column), column))
            place(material, used, structure)
    flow = _paragraphs(material, used, column, "paragraph") + parts
    if not flow:
        return None
    half = -(-len(flow) // 2)
    gap = material.unit(0.02)
    left = Frame(id="column-1", layout="column", gap=gap, children=flow[:half])
    right = Frame(id="column-2", layout="column", gap=gap, children=flow[half:])
    return Frame(id="body", layout="grid", columns=["1fr", "1fr"], gap=gutter, children=[left, right])


@dataclass(frozen=True)
class ResearchFirstPage:
    """The first page of a paper: title and authors centred, the abstract under its heading in a narrower measure,
    then the body in two columns."""

    name: str = "paper-first-page"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if title_of(material) is None:
            return None
        scholarly = abstract_of(material) is not None or bool(material.slots.of("author"))
        return 0.9 if scholarly else 0.7

    def compose(self, material: Material) -> Design:
        used = Used()
        width = material.canvas.width - 2 * material.margin
        scale = material.scale
        children: list[Node] = []
        mark = logo(material, used, scale.size(3))
        if mark is not None:
            children.append(mark.model_copy(update={"anchor": "top"}))
        header = [t for t in material.slots.of("venue", "date") if t not in used]
        for n, text in enumerate(header, start=1):
            children.append(material.text(f"venue-{n}", text, "caption", scale.size(-1), color=material.style.muted,
                                          align="center"))  # fmt: skip
            used.add(text)
        title = title_of(material)
        if title is not None:
            size = scale.fitted(title.text, 4, round(width * 0.85), max_lines=3, lowest=2)
            children.append(material.text("title", title, "title", size, align="center"))
            used.add(title)
        for n, subtitle in enumerate((t for t in material.slots.of("subtitle") if t not in used), start=1):
            children.append(material.text(f"subtitle-{n}", subtitle, "subtitle", scale.size(1), align="center",
                                          weight="regular", color=material.style.muted))  # fmt: skip
            used.add(subtitle)
        authors: list[Node] = []
        for n, author in enumerate((t for t in material.slots.of("author", "name") if t not in used), start=1):
            authors.append(material.text(f"author-{n}", author, "body", scale.size(1), align="center", width="hug"))
            used.add(author)
        if authors:  # one line of names, as a paper sets them, wrapping when long
            children.append(Frame(id="authors", layout="row", wrap=True, justify="center",
                                  gap=material.unit(0.04), children=authors))  # fmt: skip
        found = abstract_of(material)
        if found is not None and found[0] not in used:
            children.append(self._abstract(material, *found, round(width * 0.82)))
            used.add(found[0])
        foot = footer(material, used)
        body = _columns(material, used, width)
        if body is not None:
            children.append(body)
        children += material.extras(used, width)
        root = Frame(
            id="root",
            layout="column",
            padding=round(material.margin * 1.4),
            gap=material.unit(0.03),
            align="stretch",
            children=[
                *decoration_nodes(material),
                Frame(id="page", layout="column", gap=material.unit(0.03), height="fill", children=children),
                *(p for p in (foot,) if p is not None),
            ],
        )
        return Design(self.name, root, "A paper's first page: centred title and authors, the abstract, two columns.")

    @staticmethod
    def _abstract(material: Material, abstract: RequiredText, word: str, width: int) -> Frame:
        label = material.text("abstract-heading", word, "heading", material.scale.size(1), weight="bold",
                              align="center")  # fmt: skip
        text = material.text("abstract", abstract, "body", material.scale.size(0), width=width)
        return Frame(id="abstract-block", layout="column", align="center", gap=material.unit(0.012),
                     padding=Insets(top=material.unit(0.02), bottom=material.unit(0.02)),
                     children=[label, text])  # fmt: skip


@dataclass(frozen=True)
class ReportPage:
    """A report page: a running header (organisation, date) over a rule, the title large and left-aligned, the
    lead paragraph, then tables, charts and lists in one measure, and the footer line."""

    name: str = "paper-report"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if title_of(material) is None:
            return None
        scholarly = abstract_of(material) is not None or bool(material.slots.of("author"))
        return 0.65 if scholarly else 0.85

    def compose(self, material: Material) -> Design:
        used = Used()
        width = material.canvas.width - 2 * material.margin
        scale = material.scale
        look = material.style.look
        children: list[Node] = []
        mark = logo(material, used, scale.size(2))
        if mark is not None:
            children.append(mark)
        title = title_of(material)
        header_texts = [t for t in material.slots.of(*_HEADER_PURPOSES) if t is not title]
        if header_texts:
            cells: list[Node] = []
            for n, text in enumerate(header_texts[:2], start=1):
                lead = n == 1  # the organisation leads in the accent; the date or venue follows, quieter, right
                cells.append(
                    material.text(
                        f"running-head-{n}",
                        text,
                        "label",
                        scale.size(0 if lead else -1),
                        color=look.accent if lead else material.style.muted,
                        weight="bold" if lead else "regular",
                        align="left" if lead else "right",
                        width="fill" if lead else "hug",
                    )
                )
                used.add(text)
            children.append(Frame(id="running-head", layout="row", align="end", children=cells))
            children.append(
                ShapeElement(id="head-rule", shape="line", fill=look.accent, height=max(2, material.unit(0.003)))
            )
        if title is not None:
            children.append(
                material.text("title", title, "title", scale.fitted(title.text, 6, width, max_lines=2, lowest=3))
            )
            used.add(title)
        for n, author in enumerate((t for t in material.slots.of("author", "subtitle") if t not in used), start=1):
            children.append(material.text(f"byline-{n}", author, "subtitle", scale.size(1), weight="regular",
                                          color=material.style.muted))  # fmt: skip
            used.add(author)
        foot = footer(material, used)
        parts: list[Node] = []
        for structure in material.slots.structures:
            if structure not in used:
                height = round(material.canvas.height * 0.3)
                parts.append(_measured(material.part(structure, width, height), height))
                place(material, used, structure)
        children += _paragraphs(material, used, width, "paragraph") + parts
        children += material.extras(used, width)
        root = Frame(
            id="root",
            layout="column",
            padding=round(material.margin * 1.3),
            gap=material.unit(0.03),
            children=[
                *decoration_nodes(material),
                Frame(id="page", layout="column", gap=material.unit(0.03), height="fill", children=children),
                *(p for p in (foot,) if p is not None),
            ],
        )
        return Design(self.name, root, "A report page: running header, a large left-aligned title, tables in measure.")


PAPER_TEMPLATES = (ResearchFirstPage(), ReportPage())
