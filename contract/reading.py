"""The reading of a brief: everything it asks for, each item pointing at its words, and the coverage map.

`Constraints` is the reading. Its items are the hard constraints (texts to set, quoted or not; things with
counts and attributes; colours; positions and relations between things; structures such as bullet lists,
price lists, tables and chart data), beside the document kind and a canvas size. After planning, `coverage`
maps every item to the plan nodes that carry it or says why none does; a not-planned entry fails the run.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from tessera.contract.material import Supplied
from tessera.contract.plan import (
    MAX_BRIEF_CHARS,
    MAX_CONSTRAINTS,
    Canvas,
    ElementId,
    HexColor,
    Region,
    Script,
    TextRole,
    _Model,
)

DocumentKind = Literal[
    "poster", "flyer", "slide", "infographic", "menu", "label", "dashboard", "login", "pricing", "product",
    "icon_set", "banner", "card", "certificate", "paper", "sign", "scene", "document",
]  # fmt: skip
"""What the brief asks to make; "document" when it names nothing more specific."""

Relation = Literal[
    "left_of", "right_of", "above", "below", "on_top_of", "under", "next_to", "between",
    "in_front_of", "behind", "inside", "around", "facing",
]  # fmt: skip
"""How one subject stands to another (or, for "between", to two others)."""

AttributeKind = Literal["color", "size", "material", "style"]
StructureKind = Literal[
    "bullets", "numbered", "pairs", "table", "prices", "steps", "kpis", "tiers", "fields", "nav", "chart", "icons"
]
TextPurpose = Literal[
    "brand", "product", "title", "subtitle", "tagline", "body", "date", "time", "venue", "price", "cta", "contact",
    "author", "legal", "caption", "badge", "footer", "name",
]  # fmt: skip
"""What a text is for on the page, as the brief's words say ("for 'Green Valley'": the brand; "tickets $15": the
price; "on Friday 8 PM": the date): templates give each purpose its place and its emphasis."""

StyleName = Literal[
    "serif", "sans", "mono", "vintage", "playful", "minimal", "elegant", "bold", "hand_drawn", "chalkboard",
    "corporate", "retro", "modern", "luxury", "tech", "natural", "dark", "light",
]  # fmt: skip
"""A look the brief asks for in words ("a vintage poster", "in a serif", "chalkboard menu")."""

ChartKind = Literal["bar", "column", "stacked_bar", "stacked_column", "line", "area", "pie", "donut", "scatter"]
MAX_LEFT_OUT = 32
MAX_COVERAGE = MAX_CONSTRAINTS + MAX_LEFT_OUT + 8  # and the pictures asked for, or the whole brief


class SourceSpan(_Model):
    """Where in the brief a constraint came from: character offsets and the words themselves.

    A constraint that did not come from the brief (the verifier's checks of a plan element, the model's
    background) has the empty span 0-0 and a quote that says where it came from, e.g. "plan element 'title'".
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(max_length=600)


class RequiredText(_Model):
    """A string that must appear exactly, in its script: quoted in the brief, or introduced by a cue such as
    "Title:", "reads", "is written on" or "labelled"."""

    kind: Literal["text"] = "text"
    id: ElementId
    text: str = Field(min_length=1, max_length=500)
    script: Script = "latin"
    language: str = Field(default="en", min_length=2, max_length=8)
    role: TextRole | None = Field(default=None, description="what the brief calls it (title, caption, ...), if it says")
    quoted: bool = Field(default=True, description="False when the brief gave the words without quotation marks")
    carrier: str | None = Field(
        default=None, max_length=40, description="the thing the text is written on ('banner', 'sign'), if any"
    )
    purpose: TextPurpose | None = Field(
        default=None, description="what the text is for on the page (brand, price, date...), if the brief says"
    )
    source: SourceSpan


class Attribute(_Model):
    """A word that says how a thing looks: its colour, size, material or style."""

    kind: AttributeKind
    word: str = Field(min_length=1, max_length=40)


class RequiredCount(_Model):
    """An exact number of instances of one thing ("a lamp", "three traffic cones", "seven sheep").

    `object_class` is the singular ("traffic cone", "sheep"); `noun` the words as the brief wrote them.
    """

    kind: Literal["count"] = "count"
    id: ElementId
    object_class: str = Field(min_length=1, max_length=40)
    count: int = Field(ge=1, le=100)
    noun: str | None = Field(default=None, max_length=60, description="the noun as written ('people', 'boxes')")
    attributes: list[Attribute] = Field(default_factory=list, max_length=8)
    source: SourceSpan


class RequiredColor(_Model):
    """A colour the brief asks for: the background, an object class, a text, or a brand accent."""

    kind: Literal["color"] = "color"
    id: ElementId
    target: Literal["background", "objects", "text", "accent"]
    subject: str | None = Field(
        default=None, max_length=500, description="object class or exact text; None for background/accent"
    )
    color: HexColor
    source: SourceSpan


class RequiredPosition(_Model):
    """Where something must be: a canvas region, and/or a relation to another subject ("a lamp left of a sofa",
    "the date below 'GRAND OPENING'", "a cat between two dogs")."""

    kind: Literal["position"] = "position"
    id: ElementId
    subject_kind: Literal["text", "objects"]
    subject: str = Field(min_length=1, max_length=500, description="object class or exact text")
    region: Region | None = None
    relation: Relation | None = None
    reference_kind: Literal["text", "objects"] = "text"
    reference: str | None = Field(default=None, max_length=500, description="object class or exact text")
    second_reference: str | None = Field(
        default=None, max_length=500, description="the other side of 'between', of the reference's kind"
    )
    source: SourceSpan


class StructureItem(_Model):
    """One entry of a structure: a bullet, a step, a menu dish with its price, a KPI, a table row."""

    label: str = Field(min_length=1, max_length=200)
    value: str | None = Field(default=None, max_length=80, description="price, figure, date or field hint")
    cells: list[str] = Field(
        default_factory=list, max_length=12, description="a table row's further cells, after the label"
    )


class RequiredStructure(_Model):
    """Content with a shape: bullet and numbered items, category-value pairs, table rows, name-price pairs,
    steps, KPI label-value pairs, pricing tiers, form fields, navigation items, a chart's data, or named icons."""

    kind: Literal["structure"] = "structure"
    id: ElementId
    structure: StructureKind
    title: str | None = Field(default=None, max_length=120)
    items: list[StructureItem] = Field(default_factory=list, max_length=40)
    header: list[str] = Field(default_factory=list, max_length=12, description="a table's column titles")
    chart: ChartKind | None = Field(default=None, description="the chart type asked for, for a chart")
    unit: str | None = Field(default=None, max_length=16)
    source: SourceSpan


Constraint = Annotated[
    RequiredText | RequiredCount | RequiredColor | RequiredPosition | RequiredStructure, Field(discriminator="kind")
]


class StyleCue(_Model):
    """A style word of the brief and the look it names."""

    style: StyleName
    source: SourceSpan


class CoverageEntry(_Model):
    """One content-bearing clause of the brief and the plan nodes that carry it, or why none does."""

    clause: str = Field(max_length=600, description="the words of the brief")
    span: tuple[int, int] = Field(description="character offsets [start, end) in the brief")
    status: Literal["planned", "not_planned"]
    nodes: list[str] = Field(default_factory=list, max_length=64, description="ids of the plan nodes that carry it")
    reason: str = Field(default="", max_length=300, description="why it is not planned, or how it is carried")
    item: str | None = Field(default=None, max_length=64, description="the id of the constraint it accounts for")


class Constraints(_Model):
    """The reading of a brief: its hard constraints, the document kind, a canvas size, and (once a plan exists)
    the coverage map. Every item points at the words it came from."""

    brief: str = Field(min_length=1, max_length=MAX_BRIEF_CHARS)
    items: list[Constraint] = Field(default_factory=list, max_length=MAX_CONSTRAINTS)
    canvas: Canvas | None = Field(default=None, description="a size the brief asks for, if any")
    document: DocumentKind = Field(default="document", description="what the brief asks to make")
    document_source: SourceSpan | None = Field(
        default=None, description="the words that named the document kind; None when inferred or overridden"
    )
    styles: list[StyleCue] = Field(default_factory=list, max_length=8, description="the looks the brief names")
    supplied: Supplied = Field(
        default_factory=lambda: Supplied(), description="the user's own assets, brand kit and data, by name"
    )
    left_out: list[CoverageEntry] = Field(
        default_factory=list,
        max_length=MAX_LEFT_OUT,
        description="what the reader found but no plan can carry (past the plan's limits), each not planned",
    )
    coverage: list[CoverageEntry] = Field(default_factory=list, max_length=MAX_COVERAGE)

    def of_kind(self, kind: str) -> list[Constraint]:
        """The constraints of one kind, in brief order."""
        return [c for c in self.items if c.kind == kind]

    def not_planned(self) -> list[CoverageEntry]:
        """The coverage entries no plan node carries."""
        return [entry for entry in self.coverage if entry.status == "not_planned"]
