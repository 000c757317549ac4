"""The layout plan: the one contract shared by planner, renderer, verifier and agents.

Every list and string is bounded so that the generated JSON schema keeps small
LLMs from looping or truncating (see docs/architecture.md).  Coordinates are
canvas pixels with the origin at the top-left corner.
"""

from __future__ import annotations

import math
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Final = "1"

MIN_EDGE = 64
MAX_EDGE = 3840
MAX_ASPECT = 8.0
MAX_BRIEF_CHARS = 10_000
MIN_TEXT_SIZE = 10  # px: fitted text shrinks to this and no further; what still does not fit is reported

Effort = Literal["low", "medium", "high"]  # how much work a run may spend: the LLM's thinking budget, the revisions
PlannerChoice = Literal["auto", "llm", "rules"]  # auto: the LLM when one is configured and answers, else the rules
CanvasRule = Literal["edge", "aspect"]

HexColor = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="sRGB colour as #RRGGBB")]
ElementId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")]
Script = Literal[
    "latin", "cyrillic", "greek", "han", "kana", "hangul", "arabic", "hebrew", "devanagari", "thai", "bengali", "tamil"
]
Region = Literal[
    "top-left", "top", "top-right",
    "left", "center", "right",
    "bottom-left", "bottom", "bottom-right",
]  # fmt: skip


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Box(_Model):
    """An axis-aligned rectangle in canvas pixels."""

    x: int = Field(ge=-MAX_EDGE, le=MAX_EDGE)
    y: int = Field(ge=-MAX_EDGE, le=MAX_EDGE)
    w: int = Field(ge=1, le=MAX_EDGE)
    h: int = Field(ge=1, le=MAX_EDGE)

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    @property
    def area(self) -> int:
        return self.w * self.h

    def intersection(self, other: Box) -> Box | None:
        """The overlapping rectangle of two boxes, or None when they do not overlap."""
        x0, y0 = max(self.x, other.x), max(self.y, other.y)
        x1, y1 = min(self.right, other.right), min(self.bottom, other.bottom)
        if x1 <= x0 or y1 <= y0:
            return None
        return Box(x=x0, y=y0, w=x1 - x0, h=y1 - y0)

    def inside(self, width: int, height: int) -> bool:
        """Whether the box lies wholly on a canvas of that size."""
        return self.x >= 0 and self.y >= 0 and self.right <= width and self.bottom <= height


class Canvas(_Model):
    """The image size, exactly as drawn: any edge from 64 to 3840 px, the long edge at most 8 times the short one."""

    width: int = Field(default=1024, ge=MIN_EDGE, le=MAX_EDGE)
    height: int = Field(default=1024, ge=MIN_EDGE, le=MAX_EDGE)

    @staticmethod
    def broken_rule(width: int, height: int) -> CanvasRule | None:
        """The first rule a width x height canvas breaks (an edge out of range, a long side over eight times the
        short one), or None when it is a valid size."""
        if not (MIN_EDGE <= width <= MAX_EDGE and MIN_EDGE <= height <= MAX_EDGE):
            return "edge"
        if max(width, height) > MAX_ASPECT * min(width, height):
            return "aspect"
        return None

    @classmethod
    def nearest(cls, width: float, height: float) -> Canvas:
        """The valid canvas nearest width x height: edges rounded to whole pixels and clamped to 64..3840, then
        the short edge grown to an eighth of the long one. A valid size comes back exactly as it is."""
        w, h = (min(MAX_EDGE, max(MIN_EDGE, round(edge))) for edge in (width, height))
        # Growing the short edge, not cutting the long one, keeps the long edge the user named.
        shortest = math.ceil(max(w, h) / MAX_ASPECT)
        return cls(width=max(w, shortest), height=h) if w < h else cls(width=w, height=max(h, shortest))

    @model_validator(mode="after")
    def _aspect_is_bounded(self) -> Canvas:
        # The fields' own bounds (which the JSON schema carries too) have passed: only the aspect can be wrong.
        if self.broken_rule(self.width, self.height) is not None:
            raise ValueError(
                f"aspect ratio of {self.width}x{self.height} exceeds {MAX_ASPECT:g}:1; "
                f"make the short edge at least 1/{MAX_ASPECT:g} of the long edge"
            )
        return self


class SolidBackground(_Model):
    """One flat colour."""

    kind: Literal["solid"] = "solid"
    color: HexColor


class GradientBackground(_Model):
    """A linear gradient from `start` to `end`; 0 degrees runs left to right, 90 top to bottom."""

    kind: Literal["linear_gradient"] = "linear_gradient"
    start: HexColor
    end: HexColor
    angle_deg: float = Field(default=90.0, ge=0.0, lt=360.0)


Background = Annotated[SolidBackground | GradientBackground, Field(discriminator="kind")]


class TextElement(_Model):
    """An exact string set in a box. `font_size` None means: the largest size that fits."""

    kind: Literal["text"] = "text"
    id: ElementId
    box: Box
    z: int = Field(default=10, ge=0, le=1000)
    text: str = Field(min_length=1, max_length=500)
    script: Script = "latin"
    language: str = Field(
        default="en", min_length=2, max_length=8, description="BCP 47 primary tag, e.g. en, zh, ru, ar"
    )
    role: Literal["headline", "subheading", "body", "footer", "label"] = "body"
    font_weight: Literal["regular", "bold"] = "regular"
    font_size: int | None = Field(default=None, ge=8, le=800)
    max_font_size: int = Field(default=400, ge=8, le=800, description="upper bound when fitting")
    color: HexColor = "#111111"
    align: Literal["left", "center", "right"] = "center"
    line_spacing: float = Field(default=1.15, ge=0.8, le=3.0)


class ObjectGroup(_Model):
    """`count` instances of one object class, arranged inside `box` without overlapping.

    `look` "sprite" draws an icon per instance; "generated" fills each instance's own box
    with the generative layer from `prompt`, so the count is fixed by the plan, not the model.
    """

    kind: Literal["objects"] = "objects"
    id: ElementId
    box: Box
    z: int = Field(default=5, ge=0, le=1000)
    object_class: str = Field(min_length=1, max_length=40, description="singular noun, e.g. balloon")
    count: int = Field(ge=1, le=100)
    arrangement: Literal["row", "grid", "scatter"] = "row"
    color: HexColor | None = Field(default=None, description="tint the sprites towards this colour")
    look: Literal["sprite", "generated"] = "sprite"
    prompt: str | None = Field(
        default=None, max_length=300, description="what one generated instance shows; None: the object class"
    )


class PictureElement(_Model):
    """A pictorial region (a photo or an illustration; the whole canvas for a background) the generative layer fills."""

    kind: Literal["picture"] = "picture"
    id: ElementId
    box: Box
    z: int = Field(default=2, ge=0, le=1000)
    prompt: str = Field(min_length=1, max_length=300, description="what the region shows, in the brief's words")
    style: Literal["photo", "illustration"] = "photo"


class ShapeElement(_Model):
    """A decorative or structural shape: panels, rules, frames, badges."""

    kind: Literal["shape"] = "shape"
    id: ElementId
    box: Box
    z: int = Field(default=1, ge=0, le=1000)
    shape: Literal["rectangle", "rounded_rectangle", "ellipse", "line"] = "rectangle"
    fill: HexColor | None = None
    stroke: HexColor | None = None
    stroke_width: int = Field(default=0, ge=0, le=200)
    corner_radius: int = Field(default=0, ge=0, le=1000)


Element = Annotated[TextElement | ObjectGroup | ShapeElement | PictureElement, Field(discriminator="kind")]


class SourceSpan(_Model):
    """Where in the brief a constraint came from: character offsets and the words themselves.

    A constraint that did not come from the brief (the verifier's checks of a plan element, the model's
    background) has the empty span 0-0 and a quote that says where it came from, e.g. "plan element 'title'".
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(max_length=600)


class RequiredText(_Model):
    """A string that must appear exactly, in its script."""

    kind: Literal["text"] = "text"
    id: ElementId
    text: str = Field(min_length=1, max_length=500)
    script: Script = "latin"
    language: str = Field(default="en", min_length=2, max_length=8)
    source: SourceSpan


class RequiredCount(_Model):
    """An exact number of instances of one object class."""

    kind: Literal["count"] = "count"
    id: ElementId
    object_class: str = Field(min_length=1, max_length=40)
    count: int = Field(ge=1, le=100)
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
    """Where something must be: a canvas region, or below/above another subject."""

    kind: Literal["position"] = "position"
    id: ElementId
    subject_kind: Literal["text", "objects"]
    subject: str = Field(min_length=1, max_length=500, description="object class or exact text")
    region: Region | None = None
    relation: Literal["below", "above"] | None = None
    reference: str | None = Field(default=None, max_length=500, description="exact text the relation refers to")
    source: SourceSpan


Constraint = Annotated[RequiredText | RequiredCount | RequiredColor | RequiredPosition, Field(discriminator="kind")]


class Constraints(_Model):
    """The hard constraints read from a brief. Every one points at the words it came from."""

    brief: str = Field(min_length=1, max_length=MAX_BRIEF_CHARS)
    items: list[Constraint] = Field(default_factory=list, max_length=64)
    canvas: Canvas | None = Field(default=None, description="a size the brief asks for, if any")

    def of_kind(self, kind: str) -> list[Constraint]:
        """The constraints of one kind, in brief order."""
        return [c for c in self.items if c.kind == kind]


class LayoutPlan(_Model):
    """What goes where on the canvas, in what look, and why."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    canvas: Canvas = Field(default_factory=Canvas)
    background: Background
    elements: list[Element] = Field(default_factory=list, max_length=64)
    rationale: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _ids_are_unique(self) -> LayoutPlan:
        seen: set[str] = set()
        for element in self.elements:
            if element.id in seen:
                raise ValueError(f"element id {element.id!r} is used twice; give every element its own id")
            seen.add(element.id)
        return self

    def element(self, element_id: str) -> Element:
        """The element with that id; KeyError when there is none."""
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def texts(self) -> list[TextElement]:
        return [e for e in self.elements if isinstance(e, TextElement)]

    def object_groups(self) -> list[ObjectGroup]:
        return [e for e in self.elements if isinstance(e, ObjectGroup)]

    def shapes(self) -> list[ShapeElement]:
        return [e for e in self.elements if isinstance(e, ShapeElement)]

    def pictures(self) -> list[PictureElement]:
        return [e for e in self.elements if isinstance(e, PictureElement)]
