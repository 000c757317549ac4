"""What a design template is: a way to set out one kind of document, filled from the reading of a brief.

A template answers two questions. `fit`: can it carry this brief's content on this canvas, and how well (None: it
cannot, e.g. a pricing grid without tiers); `compose`: the whole page as a tree of frames and leaves, in the
plan's style. Templates never make content up: every string they set comes from the reading (or the user's
supplied data), and whatever a template does not place itself it takes from `Material.extras`, so nothing the
brief asked for is dropped. The rules planner picks among the templates that fit (see `choose`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from tessera.contract import (
    AssetElement,
    Canvas,
    Constraints,
    DocumentKind,
    Element,
    FontFamily,
    Frame,
    Node,
    ObjectGroup,
    PictureElement,
    RequiredCount,
    RequiredStructure,
    RequiredText,
    StructureKind,
    TextElement,
    TextPurpose,
    TextRole,
)
from tessera.planner._assets import AssetRequest, asset_requests, logo_box
from tessera.planner._extract import picture_requests, text_roles
from tessera.planner._extract_spans import unique_id
from tessera.planner._structure_parts import Room, structure_part
from tessera.planner._structure_plan import structure_node_ids, unplanned_reason
from tessera.planner._style import Style
from tessera.planner._typeset import fit_text

TYPE_RATIO = 1.25  # one step of the type scale (a major third)
_BODY_SHARE = 0.026  # of the short edge: body text (27 px at 1024, 28 px at 1080)
_MIN_BODY_PX = 16


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in steps of `TYPE_RATIO` from the body size: step 0 is body, -1 captions, 1 lead text, 2-3
    headings, 4-6 titles and display lines."""

    body: int

    def size(self, step: int) -> int:
        """The size `step` steps above (or below) body text."""
        return max(12, round(self.body * TYPE_RATIO**step))

    def fitted(
        self, text: str, step: int, width: float, *, max_lines: int = 2, bold: bool = True, lowest: int = 0
    ) -> int:
        """The largest size from `step` down to step `lowest` at which `text` wraps to at most `max_lines` lines
        in `width` px."""
        for candidate in range(step, lowest - 1, -1):
            size = self.size(candidate)
            fit = fit_text(text, size, size, width, max_lines, bold)
            if fit.size >= size * 0.999 and fit.lines <= max_lines:
                return size
        return self.size(lowest)


@dataclass(frozen=True)
class Slots:
    """The reading of a brief sorted into what templates fill: named texts by purpose, the rest in brief order,
    structures by kind, counted things, and pictures."""

    texts: tuple[RequiredText, ...]
    purposes: dict[str, TextPurpose]  # constraint id -> purpose, the reader's or inferred from the role
    structures: tuple[RequiredStructure, ...]  # only those that can be drawn (their entries given)
    counts: tuple[RequiredCount, ...]

    def of(self, *purposes: TextPurpose) -> list[RequiredText]:
        """The texts with one of `purposes`, in brief order."""
        return [t for t in self.texts if self.purposes.get(t.id) in purposes]

    def first(self, *purposes: TextPurpose) -> RequiredText | None:
        """The first text with one of `purposes`, in the order the purposes are given."""
        for purpose in purposes:
            found = self.of(purpose)
            if found:
                return found[0]
        return None

    def structure(self, *kinds: StructureKind) -> RequiredStructure | None:
        """The first structure of one of `kinds`."""
        return next((s for s in self.structures if s.structure in kinds), None)

    def all_structures(self, *kinds: StructureKind) -> list[RequiredStructure]:
        """Every structure of one of `kinds`, in brief order."""
        return [s for s in self.structures if s.structure in kinds]


_PURPOSE_OF_ROLE: dict[str, TextPurpose] = {
    "headline": "title",
    "subheading": "subtitle",
    "body": "body",
    "footer": "footer",
    "label": "caption",
}


def slots_of(constraints: Constraints) -> Slots:
    """The reading sorted into slots: a text's purpose is the reader's, else the one its role implies."""
    texts = tuple(c for c in constraints.items if isinstance(c, RequiredText))
    roles = text_roles(constraints)
    purposes: dict[str, TextPurpose] = {
        t.id: t.purpose or _PURPOSE_OF_ROLE.get(roles.get(t.text, "body"), "body") for t in texts
    }
    structures = tuple(c for c in constraints.items if isinstance(c, RequiredStructure) and unplanned_reason(c) is None)
    counts = tuple(c for c in constraints.items if isinstance(c, RequiredCount))
    return Slots(texts=texts, purposes=purposes, structures=structures, counts=counts)


@dataclass
class Used:
    """The reading's items a template has placed so far (by constraint id), and the user's assets it has drawn (by
    name), so `Material.extras` adds the rest."""

    ids: set[str] = field(default_factory=set)
    assets: set[str] = field(default_factory=set)

    def add(self, *items: RequiredText | RequiredStructure | RequiredCount | None) -> None:
        """Mark `items` placed (None is skipped, so optional slots can be passed straight through)."""
        self.ids.update(item.id for item in items if item is not None)

    def __contains__(self, item: object) -> bool:
        return getattr(item, "id", None) in self.ids


@dataclass(frozen=True)
class Material:
    """Everything a template fills a page from: the reading, the canvas, the style, the seed, and the slots."""

    constraints: Constraints
    canvas: Canvas
    style: Style
    seed: int
    slots: Slots

    @property
    def short(self) -> int:
        """The canvas's short edge."""
        return min(self.canvas.width, self.canvas.height)

    @property
    def margin(self) -> int:
        """The page margin: 6% of the short edge, on the 8 px grid at 1024."""
        return self.unit(0.06)

    @property
    def wide(self) -> bool:
        """Landscape enough for side-by-side columns."""
        return self.canvas.width >= 1.25 * self.canvas.height

    @property
    def tall(self) -> bool:
        """Portrait enough that blocks stack."""
        return self.canvas.height >= 1.25 * self.canvas.width

    @property
    def scale(self) -> TypeScale:
        """The type scale for this canvas."""
        return TypeScale(max(_MIN_BODY_PX, round(_BODY_SHARE * self.short)))

    def unit(self, share: float) -> int:
        """`share` of the short edge, rounded to the spacing unit (8 px at 1024 px)."""
        step = max(2, round(8 * self.short / 1024))
        return max(step, step * round(share * self.short / step))

    def room(self, width: int, height: int, *, shared: bool = True, centred: bool = False) -> Room:
        """The room a structure part is set in (see `_structure_parts.Room`)."""
        return Room(short=self.short, width=width, height=height, shared=shared, centred=centred)

    def structure_id(self, structure: RequiredStructure) -> str:
        """The node id the structure is drawn under, as the verifier's structure checks expect it."""
        return structure_node_ids(self.constraints)[structure.id]

    def part(self, structure: RequiredStructure, width: int, height: int, *, shared: bool = True) -> Frame | Element:
        """A structure drawn by the shared parts (list, table, chart, cards, form, nav) in the style's colours."""
        return structure_part(
            structure, self.structure_id(structure), self.style.look, self.room(width, height, shared=shared)
        )

    def text(
        self,
        node_id: str,
        text: RequiredText | str,
        role: TextRole,
        size: int,
        *,
        color: str | None = None,
        align: Literal["left", "center", "right"] = "left",
        weight: Literal["regular", "bold"] | None = None,
        family: FontFamily | None = None,
        italic: bool = False,
        letter_spacing: float = 0.0,
        max_lines: int | None = None,
        width: int | Literal["fill", "hug"] = "fill",
    ) -> TextElement:
        """A text node in the style: headings in the heading family and weight, everything else in the body's."""
        heading = role in ("title", "subtitle", "heading")
        words = text.text if isinstance(text, RequiredText) else text
        script = text.script if isinstance(text, RequiredText) else "latin"
        language = text.language if isinstance(text, RequiredText) else "en"
        return TextElement(
            id=node_id,
            text=words,
            script=script,
            language=language,
            role=role,
            family=family or (self.style.heading_family if heading else self.style.body_family),
            font_weight=weight or (self.style.heading_weight if heading else "regular"),
            italic=italic or (heading and self.style.heading_italic),
            font_size=size,
            max_font_size=max(size, 8),
            color=self.style.text_color(words)
            or color
            or (self.style.scheme.headline if role == "title" else self.style.scheme.ink),
            align=align,
            line_spacing=1.2 if heading else 1.4,
            letter_spacing=letter_spacing,
            max_lines=max_lines,
            width=width,
        )

    def extras(self, used: Used, width: int, *, align: Literal["left", "center", "right"] = "left") -> list[Node]:
        """Nodes for everything of the reading a template did not place itself: texts as body lines, structures as
        their parts, counted things as sprite groups, pictures as picture regions, the user's images it did not draw
        (`Used.assets`); in brief order."""
        taken: set[str] = set()
        nodes: list[Node] = []
        for text in self.slots.texts:
            if text not in used:
                nodes.append(self.text(unique_id("extra-text", taken), text, "body", self.scale.size(0), align=align))
        for structure in self.slots.structures:
            if structure not in used:
                nodes.append(self.part(structure, width, max(1, width // 2)))
        for count in self.slots.counts:
            if count not in used:
                nodes.append(_group(count, unique_id("objects", taken), self.scale.size(4)))
        for picture in picture_requests(self.constraints):
            node_id = unique_id("picture", taken)
            nodes.append(
                PictureElement(id=node_id, prompt=picture.prompt[:300], style=picture.style, height=width // 2)
            )
        nodes += [self.asset(a, width) for a in self.assets if a.name not in used.assets]
        return nodes

    @property
    def assets(self) -> list[AssetRequest]:
        """The user's images, each with its role (logo, photo, image) and the region the brief puts it in."""
        return asset_requests(self.constraints)

    def asset(self, request: AssetRequest, width: int, height: int | None = None) -> AssetElement:
        """The node drawing one of the user's images, whole (`contain`) in a box `width` wide at most: a logo a
        mark of 1.5 heading lines (in the corner or edge the brief names, when it names one), anything else as tall
        as its aspect asks (at most `height`, else half the width)."""
        if request.role == "logo" and request.span is not None and request.region is not None:
            return AssetElement(id=request.node_id, name=request.name, box=logo_box(request, self.canvas))
        if request.role == "logo":
            tall = self.scale.size(3) * 3 // 2
            return AssetElement(
                id=request.node_id, name=request.name, width=min(width, round(tall * request.asset.aspect)), height=tall
            )
        tall = min(height or width // 2, round(width / request.asset.aspect))
        return AssetElement(id=request.node_id, name=request.name, width="fill", height=max(1, tall))


def _group(count: RequiredCount, node_id: str, sprite: int) -> ObjectGroup:
    columns = min(count.count, 6)
    rows = math.ceil(count.count / columns)
    return ObjectGroup(
        id=node_id,
        object_class=count.object_class,
        count=count.count,
        arrangement="row" if rows == 1 else "grid",
        height=rows * sprite,
    )


@dataclass(frozen=True)
class Design:
    """A composed page: the template's name, the root frame that fills the canvas, and why it looks so."""

    template: str
    root: Frame
    rationale: str
    notes: tuple[str, ...] = ()


class Template(Protocol):
    """One way to set out documents of some kinds."""

    @property
    def name(self) -> str:
        """The template's name, as notes and the trace show it ('slide-split')."""
        ...

    @property
    def kinds(self) -> frozenset[DocumentKind]:
        """The document kinds it sets out."""
        ...

    def fit(self, material: Material) -> float | None:
        """How well the template suits this content and canvas, 0-1; None when it cannot carry the content."""
        ...

    def compose(self, material: Material) -> Design:
        """The page for `material`."""
        ...


def fitting(templates: Iterable[Template], material: Material) -> list[tuple[float, Template]]:
    """The templates for the brief's document kind that can carry its content, best fit first (ties: by name)."""
    scored = []
    for template in templates:
        if material.constraints.document not in template.kinds:
            continue
        score = template.fit(material)
        if score is not None:
            scored.append((score, template))
    return sorted(scored, key=lambda pair: (-pair[0], pair[1].name))


def choose(scored: Sequence[tuple[float, Template]], seed: int, *, slack: float = 0.2) -> list[Template]:
    """The templates in the order a plan tries them: among those within `slack` of the best fit, the seed picks
    which goes first (so seeds vary the design), then the rest by fit."""
    if not scored:
        return []
    close = _close(scored, slack)
    first = close[seed % len(close)]
    return [first, *(t for _, t in scored if t is not first)]


def laps(scored: Sequence[tuple[float, Template]], seed: int, *, slack: float = 0.2) -> int:
    """How many times `seed` has gone round the templates `choose` picks among: the arrangement it asks for."""
    return seed // len(_close(scored, slack)) if scored else 0


def _close(scored: Sequence[tuple[float, Template]], slack: float) -> list[Template]:
    best = scored[0][0]
    return [t for score, t in scored if score >= best - slack]
