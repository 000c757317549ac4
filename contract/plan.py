"""The layout plan: the one contract shared by planner, renderer, verifier and agents.

Every list and string is bounded so that the generated JSON schema keeps small
LLMs from looping or truncating (see docs/architecture.md).  Coordinates are
canvas pixels with the origin at the top-left corner.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Final = 2

MIN_EDGE = 64
MAX_EDGE = 3840
MAX_ASPECT = 8.0
MAX_BRIEF_CHARS = 10_000
MAX_CONSTRAINTS = 96  # read from one brief
MIN_TEXT_SIZE = 10  # px: fitted text shrinks to this and no further; what still does not fit is reported

Effort = Literal["low", "medium", "high"]  # how much work a run may spend: the LLM's thinking budget, the revisions
PlannerChoice = Literal["auto", "llm", "rules"]  # auto: the LLM when one is configured and answers, else the rules
CanvasRule = Literal["edge", "aspect"]

HexColor = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="sRGB colour as #RRGGBB")]
MAX_ID = 64  # characters; a list's or table's id leaves room for the ids of the rows and cells it becomes
ElementId = Annotated[str, Field(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9_.-]+$")]
ExpandedId = Annotated[str, Field(min_length=1, max_length=MAX_ID - 8, pattern=r"^[A-Za-z0-9_.-]+$")]
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


def clamped_box(x: int, y: int, w: int, h: int) -> Box:
    """A rectangle worked out from a plan as a Box: its corner clamped to the +-MAX_EDGE a Box may reach, its size
    to 1..MAX_EDGE.

    A node placed near the reach's edge paints ink, cells or squares past it. Such a rectangle lies wholly off every
    canvas (none is wider or taller than MAX_EDGE), and so does its clamped Box: its intersection with the canvas,
    None, is unchanged.
    """

    def clamp(value: int, low: int, high: int) -> int:
        return min(high, max(low, value))

    return Box(
        x=clamp(x, -MAX_EDGE, MAX_EDGE),
        y=clamp(y, -MAX_EDGE, MAX_EDGE),
        w=clamp(w, 1, MAX_EDGE),
        h=clamp(h, 1, MAX_EDGE),
    )


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


# The colour a transparent canvas is designed and checked on: inks are chosen to read on it and the verifier
# composites the image over it. A mid-light grey: an ink that reads on it reads better still on white, and a
# white card or a pale ink that would vanish on a light page fails the checks here instead of passing unseen.
TRANSPARENT_BACKDROP = "#C0C0C0"


class TransparentBackground(_Model):
    """No background: the canvas is clear (alpha 0) wherever nothing is drawn, for a sticker, a logo or an overlay.

    The image is written with an alpha channel (PNG or WebP; never JPEG). Colours are chosen to read on, and the
    image is verified over, `TRANSPARENT_BACKDROP`.
    """

    kind: Literal["transparent"] = "transparent"


Background = Annotated[SolidBackground | GradientBackground | TransparentBackground, Field(discriminator="kind")]


def backdrop_colors(background: SolidBackground | GradientBackground | TransparentBackground) -> list[str]:
    """The colours a background shows under the plan: its colour, a gradient's two ends, or the transparent
    canvas's backdrop."""
    if isinstance(background, GradientBackground):
        return [background.start, background.end]
    if isinstance(background, TransparentBackground):
        return [TRANSPARENT_BACKDROP]
    return [background.color]


Size = Annotated[
    Annotated[int, Field(ge=1, le=MAX_EDGE)] | Literal["fill", "hug"],
    Field(
        description="pixels (fixed); 'fill': take the room the parent has left (shared with other fills); "
        "'hug': just big enough for the content",
    ),
]
Track = Annotated[
    Annotated[int, Field(ge=1, le=MAX_EDGE)] | Annotated[str, Field(pattern=r"^(auto|[1-9][0-9]?fr)$")],
    Field(description="a grid track: pixels, 'auto' (as big as its content) or a share of the free room, e.g. '1fr'"),
]
TextRole = Literal["title", "subtitle", "heading", "body", "caption", "label", "quote", "code", "price", "footer"]
FontFamily = Literal["sans", "serif", "mono", "display", "handwriting"]
FrameRole = Literal[
    "card", "button", "input", "nav", "sidebar", "header", "footer", "badge", "tag", "panel",
    "section", "hero", "toolbar", "modal", "chip", "avatar", "list_item", "list", "table",
]  # fmt: skip
FrameLayout = Literal["column", "row", "grid", "stack"]
Align = Literal["start", "center", "end", "stretch"]
Justify = Literal["start", "center", "end", "space_between", "space_around", "space_evenly"]
# In one plan, frames and leaves together: room for the largest table (40 rows of 12 cells, each a frame and a
# text once the renderer sets it) and the page around it; a planner's own trees are far smaller.
MAX_NODES = 1200
MAX_DEPTH = 12  # frames inside frames
MAX_CHILDREN = 600  # a table's grid holds a frame per cell, 480 at most, and its rules


class _Node(_Model):
    """What every node of the tree has: an id, a size for the layout engine, and optionally a fixed place.

    `box` set: the node sits exactly there, in canvas pixels, outside its parent's flow (CSS `position:
    absolute`); a laid-out plan has a box on every node. `anchor`: where the node sits inside the room its
    parent gives it (a stack: the whole frame; a grid: its cell; a row or column: only the cross-axis part
    counts); None follows the parent's `align`.
    """

    id: ElementId
    box: Box | None = Field(default=None, description="a fixed place in canvas pixels; None: the layout decides")
    width: Size = "hug"
    height: Size = "hug"
    anchor: Region | None = None
    column_span: int = Field(default=1, ge=1, le=12, description="grid columns this node spans")
    row_span: int = Field(default=1, ge=1, le=12, description="grid rows this node spans")

    @property
    def placed_box(self) -> Box:
        """The node's box in canvas pixels; only a laid-out plan (or a node with a fixed place) has one."""
        if self.box is None:
            raise ValueError(f"node {self.id!r} has not been laid out: lay the plan out first (the renderer does)")
        return self.box


class TextElement(_Node):
    """An exact string, set in any mix of scripts. `font_size` None means: the largest size that fits its box."""

    kind: Literal["text"] = "text"
    width: Size = "fill"
    z: int = Field(default=10, ge=0, le=1000)
    text: str = Field(min_length=1, max_length=500)
    script: Script = "latin"
    language: str = Field(
        default="en", min_length=2, max_length=8, description="BCP 47 primary tag, e.g. en, zh, ru, ar"
    )
    role: TextRole = "body"
    level: int = Field(default=1, ge=1, le=4, description="heading level, 1 the largest; only for role 'heading'")
    family: FontFamily = "sans"
    font_weight: Literal["regular", "bold"] = "regular"
    italic: bool = False
    font_size: int | None = Field(default=None, ge=8, le=800)
    max_font_size: int = Field(default=400, ge=8, le=800, description="upper bound when fitting")
    color: HexColor = "#111111"
    align: Literal["left", "center", "right"] = "center"
    line_spacing: float = Field(default=1.15, ge=0.8, le=3.0)
    letter_spacing: float = Field(default=0.0, ge=-0.1, le=1.0, description="extra room between letters, in em")
    max_lines: int | None = Field(default=None, ge=1, le=40, description="wrap into at most this many lines")


class ObjectGroup(_Node):
    """`count` instances of one object class, arranged inside the group's box without overlapping.

    `look` "sprite" draws an icon per instance; "generated" fills each instance's own box
    with the generative layer from `prompt`, so the count is fixed by the plan, not the model.
    """

    kind: Literal["objects"] = "objects"
    width: Size = "fill"
    z: int = Field(default=5, ge=0, le=1000)
    object_class: str = Field(min_length=1, max_length=40, description="singular noun, e.g. balloon")
    count: int = Field(ge=1, le=100)
    arrangement: Literal["row", "grid", "scatter"] = "row"
    color: HexColor | None = Field(default=None, description="tint the sprites towards this colour")
    look: Literal["sprite", "generated"] = "sprite"
    prompt: str | None = Field(
        default=None, max_length=300, description="what one generated instance shows; None: the object class"
    )


class PictureElement(_Node):
    """A pictorial region (a photo or an illustration; the whole canvas for a background) the generative layer fills."""

    kind: Literal["picture"] = "picture"
    width: Size = "fill"
    height: Size = "fill"
    z: int = Field(default=2, ge=0, le=1000)
    prompt: str = Field(min_length=1, max_length=300, description="what the region shows, in the brief's words")
    style: Literal["photo", "illustration"] = "photo"


class ShapeElement(_Node):
    """A decorative or structural shape: panels, rules, dividers, frames, badges, arrows."""

    kind: Literal["shape"] = "shape"
    width: Size = "fill"
    z: int = Field(default=1, ge=0, le=1000)
    shape: Literal["rectangle", "rounded_rectangle", "ellipse", "line", "arrow", "divider"] = "rectangle"
    fill: HexColor | None = None
    stroke: HexColor | None = None
    stroke_width: int = Field(default=0, ge=0, le=200)
    corner_radius: int = Field(default=0, ge=0, le=1000)


ItemText = Annotated[str, Field(min_length=1, max_length=300)]
Cell = Annotated[str, Field(max_length=120)]
ColumnAlign = Literal["left", "center", "right"]


class ListElement(_Node):
    """Items one under another, each after its marker: a bullet, its number, a check mark, an icon, or none.

    The renderer sets it as a column of rows (marker, then the item's text) at one size; each item is read back.
    """

    kind: Literal["list"] = "list"
    id: ExpandedId
    width: Size = "fill"
    z: int = Field(default=10, ge=0, le=1000)
    items: list[ItemText] = Field(min_length=1, max_length=40)
    marker: Literal["bullet", "number", "check", "icon", "none"] = "bullet"
    icon: str | None = Field(default=None, max_length=60, description="the icon before each item (marker 'icon')")
    script: Script = "latin"
    language: str = Field(default="en", min_length=2, max_length=8)
    role: TextRole = "body"
    family: FontFamily = "sans"
    font_weight: Literal["regular", "bold"] = "regular"
    font_size: int | None = Field(default=None, ge=8, le=800, description="None: the role's size, fitted")
    color: HexColor = "#111111"
    marker_color: HexColor | None = Field(default=None, description="None: the text colour")
    align: Literal["left", "right"] = "left"
    gap: int | None = Field(default=None, ge=0, le=MAX_EDGE, description="pixels between items; None: half a line")


class TableElement(_Node):
    """A table: an optional header row, then rows of cells; numbers are right-aligned unless `column_align` says.

    Every row has as many cells as the widest row or the header (short rows are padded with empty cells)."""

    kind: Literal["table"] = "table"
    id: ExpandedId
    width: Size = "fill"
    z: int = Field(default=10, ge=0, le=1000)
    header: list[Cell] = Field(default_factory=list, max_length=12)
    rows: list[Annotated[list[Cell], Field(min_length=1, max_length=12)]] = Field(min_length=1, max_length=40)
    column_align: list[ColumnAlign] | None = Field(
        default=None, max_length=12, description="per column; None: numbers right, everything else left"
    )
    style: Literal["lines", "stripes", "grid", "plain"] = "lines"
    script: Script = "latin"
    language: str = Field(default="en", min_length=2, max_length=8)
    family: FontFamily = "sans"
    font_size: int | None = Field(default=None, ge=8, le=800, description="None: the body size, fitted")
    color: HexColor = "#111111"
    header_color: HexColor | None = Field(default=None, description="None: the text colour")
    header_fill: HexColor | None = None
    rule_color: HexColor | None = Field(default=None, description="lines and stripes; None: a tint of the text")


MAX_CHART_VALUE = 1e15  # a quadrillion: any real quantity fits; a larger one would print as a label of 400 digits
ChartValue = Annotated[float, Field(ge=-MAX_CHART_VALUE, le=MAX_CHART_VALUE, allow_inf_nan=False)]


class Series(_Model):
    """One named run of values, one per category (or per x value in a scatter)."""

    name: str = Field(min_length=1, max_length=60)
    values: list[ChartValue] = Field(min_length=1, max_length=60)
    color: HexColor | None = None


class ChartElement(_Node):
    """A data chart drawn in the plan's fonts and colours; its title, labels and bars are checked from the pixels."""

    kind: Literal["chart"] = "chart"
    width: Size = "fill"
    height: Size = "fill"
    z: int = Field(default=6, ge=0, le=1000)
    chart: Literal["bar", "column", "stacked_bar", "stacked_column", "line", "area", "pie", "donut", "scatter"]
    title: str | None = Field(default=None, max_length=120)
    categories: list[Cell] = Field(default_factory=list, max_length=60, description="one label per value")
    series: list[Series] = Field(min_length=1, max_length=8)
    x_values: list[ChartValue] | None = Field(default=None, max_length=60, description="a scatter's x values")
    unit: str | None = Field(default=None, max_length=16, description="shown with the values, e.g. '$', '%', 'k'")
    x_title: str | None = Field(default=None, max_length=80)
    y_title: str | None = Field(default=None, max_length=80)
    legend: bool | None = Field(default=None, description="None: when there is more than one series")
    value_labels: bool = False
    color: HexColor = Field(default="#111111", description="text, axes and labels")
    script: Script = "latin"
    language: str = Field(default="en", min_length=2, max_length=8)

    @model_validator(mode="after")
    def _data_lines_up(self) -> ChartElement:
        expected = len(self.x_values) if self.chart == "scatter" and self.x_values else len(self.categories)
        for series in self.series:
            if expected and len(series.values) != expected:
                raise ValueError(
                    f"series {series.name!r} has {len(series.values)} values for {expected} "
                    f"{'x values' if self.chart == 'scatter' else 'categories'}: give one value each"
                )
        return self


class IconElement(_Node):
    """One icon from the icon set, by name or alias ('rocket', 'shopping-cart', 'mail'), drawn in one colour."""

    kind: Literal["icon"] = "icon"
    z: int = Field(default=8, ge=0, le=1000)
    name: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    color: HexColor = "#111111"


class AssetElement(_Node):
    """One of the user's own images (`--asset NAME=PATH`: a logo, a product photo), drawn whole in its box: scaled to
    fit (`contain`, the default, never cropped) or to fill it (`cover`, cropped to the box)."""

    kind: Literal["asset"] = "asset"
    z: int = Field(default=6, ge=0, le=1000)
    name: str = Field(
        min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$", description="the asset's name, e.g. 'logo'"
    )
    fit: Literal["contain", "cover"] = "contain"


class QrElement(_Node):
    """A QR code that encodes `data` (a link, a contact, any text); checked by decoding it from the pixels."""

    kind: Literal["qr"] = "qr"
    z: int = Field(default=8, ge=0, le=1000)
    data: str = Field(min_length=1, max_length=1000)
    color: HexColor = "#000000"
    background: HexColor = "#FFFFFF"


class ControlElement(_Node):
    """A UI control drawn in its state: a toggle, checkbox or radio (on at `value` 1, off at 0), or a progress bar or
    slider filled to the share `value`; checked by measuring that state from the pixels."""

    kind: Literal["control"] = "control"
    z: int = Field(default=8, ge=0, le=1000)
    control: Literal["toggle", "checkbox", "radio", "progress", "slider"]
    value: float = Field(ge=0, le=1, description="toggle, checkbox, radio: 1 on, 0 off; progress, slider: the share")
    color: HexColor | None = Field(default=None, description="the 'on' colour; None: the plan's accent")

    @model_validator(mode="before")
    @classmethod
    def _bars_fill_their_row(cls, data: object) -> object:
        # A bar takes the width it is given (a row's or a card's) unless the plan sizes it.
        if isinstance(data, dict) and data.get("control") in ("progress", "slider") and "width" not in data:
            return {**data, "width": "fill"}
        return data


Leaf = (
    TextElement
    | ObjectGroup
    | ShapeElement
    | PictureElement
    | ListElement
    | TableElement
    | ChartElement
    | IconElement
    | QrElement
    | ControlElement
    | AssetElement
)
Element = Annotated[Leaf, Field(discriminator="kind")]
"""A leaf of the tree: something drawn."""


class Insets(_Model):
    """Room inside a frame's edge, in pixels, per side."""

    top: int = Field(default=0, ge=0, le=MAX_EDGE)
    right: int = Field(default=0, ge=0, le=MAX_EDGE)
    bottom: int = Field(default=0, ge=0, le=MAX_EDGE)
    left: int = Field(default=0, ge=0, le=MAX_EDGE)


class Border(_Model):
    """A line along a frame's edge, inside its box."""

    color: HexColor
    width: int = Field(default=1, ge=1, le=64)


class Shadow(_Model):
    """A soft drop shadow under a frame."""

    color: HexColor = "#000000"
    opacity: float = Field(default=0.25, ge=0.0, le=1.0)
    blur: int = Field(default=12, ge=0, le=200)
    dx: int = Field(default=0, ge=-200, le=200)
    dy: int = Field(default=4, ge=-200, le=200)


class Frame(_Node):
    """A container: lays out its children as a column, a row, a grid of tracks, or a stack (one over another).

    Its look (fill, border, corner radius, shadow) is drawn under its children. `role` names the part (a card, a
    button) in `drawn` and in checks, and gives styling defaults where the plan leaves them out.
    """

    kind: Literal["frame"] = "frame"
    z: int = Field(default=4, ge=0, le=1000)
    layout: FrameLayout = "column"
    gap: int = Field(default=0, ge=0, le=MAX_EDGE, description="pixels between children (rows and columns)")
    padding: Annotated[int, Field(ge=0, le=MAX_EDGE)] | Insets = Field(
        default=0, description="pixels inside the edge, on every side or per side"
    )
    align: Align = Field(default="stretch", description="children on the cross axis (both axes in a stack)")
    justify: Justify = Field(default="start", description="children along the main axis")
    wrap: bool = Field(default=False, description="rows and columns wrap onto further lines when full")
    columns: list[Track] = Field(default_factory=list, max_length=12, description="grid column tracks")
    rows: list[Track] = Field(default_factory=list, max_length=24, description="grid row tracks; more rows: 'auto'")
    fill: HexColor | GradientBackground | None = None
    border: Border | None = None
    radius: int = Field(default=0, ge=0, le=1000)
    shadow: Shadow | None = None
    role: FrameRole | None = None
    variant: Literal["primary", "secondary", "ghost"] | None = Field(
        default=None,
        description="a button's emphasis: primary filled, secondary outlined, ghost bare; None: primary",
    )
    name: str | None = Field(default=None, max_length=80, description="what the part is, e.g. 'pricing tier Pro'")
    children: list[Node] = Field(default_factory=list, max_length=MAX_CHILDREN)

    @property
    def insets(self) -> Insets:
        """The padding per side."""
        if isinstance(self.padding, Insets):
            return self.padding
        return Insets(top=self.padding, right=self.padding, bottom=self.padding, left=self.padding)


Node = Annotated[Frame | Leaf, Field(discriminator="kind")]
"""A node of the plan's tree: a frame or a leaf."""

Frame.model_rebuild()


def root_frame(children: Sequence[Element | Frame]) -> Frame:
    """The root stack that holds placed elements: the shape a v1 plan takes in v2 (the root always fills the canvas)."""
    return Frame(id="root", layout="stack", children=list(children))


class FactSource(_Model):
    """A fact from the web the plan sets as text, and where it came from (see `tessera.contract.grounding`)."""

    text: str = Field(min_length=1, max_length=160)
    url: str = Field(min_length=1, max_length=2000)
    snippet: str = Field(default="", max_length=2000, description="the search result's words it was taken from")
    nodes: list[ElementId] = Field(default_factory=list, max_length=16, description="the plan nodes that set it")


class LayoutPlan(_Model):
    """What goes where on the canvas, in what look, and why: a canvas, a background and a tree of frames and leaves.

    The root frame takes the whole canvas. A plan the renderer has laid out (`RenderResult.plan`) has a box on
    every node, in canvas pixels, and the size every text was set at: the verifier and revision work on that.
    """

    schema_version: Literal[2] = SCHEMA_VERSION
    canvas: Canvas = Field(default_factory=Canvas)
    background: Background
    root: Frame = Field(default_factory=lambda: Frame(id="root", layout="stack"))
    rationale: str = Field(default="", max_length=2000)
    sources: list[FactSource] = Field(
        default_factory=list,
        max_length=12,
        description="every fact from a web search the plan sets as text, with its source; written by the run, "
        "never by a planner",
    )

    @model_validator(mode="before")
    @classmethod
    def _upgrade_version_1(cls, data: object) -> object:
        # A version 1 plan (a flat list of elements, each with its box) is the same design as a canvas-sized stack
        # whose children keep their boxes; its roles headline/subheading are now title/subtitle.
        if isinstance(data, dict) and (str(data.get("schema_version", "")) == "1" or "elements" in data):
            return upgrade_version_1(data)
        return data

    @model_validator(mode="after")
    def _tree_is_bounded(self) -> LayoutPlan:
        seen: set[str] = set()
        for node, depth in _walk(self.root, 0):
            if node.id in seen:
                raise ValueError(f"node id {node.id!r} is used twice; give every node its own id")
            seen.add(node.id)
            if depth > MAX_DEPTH:
                raise ValueError(f"frames are nested more than {MAX_DEPTH} deep at {node.id!r}; flatten the tree")
        if len(seen) > MAX_NODES:
            raise ValueError(f"the plan has {len(seen)} nodes; at most {MAX_NODES} are allowed")
        return self

    @property
    def elements(self) -> list[Element]:
        """Every leaf of the tree, depth first in tree order."""
        return [node for node, _ in _walk(self.root, 0) if not isinstance(node, Frame)]

    def frames(self) -> list[Frame]:
        """Every frame of the tree, the root first."""
        return [node for node, _ in _walk(self.root, 0) if isinstance(node, Frame)]

    def node(self, node_id: str) -> Frame | Element:
        """The node with that id; KeyError when there is none."""
        for node, _ in _walk(self.root, 0):
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def element(self, element_id: str) -> Element:
        """The leaf with that id; KeyError when there is none."""
        node = self.node(element_id)
        if isinstance(node, Frame):
            raise KeyError(element_id)
        return node

    def texts(self) -> list[TextElement]:
        return [e for e in self.elements if isinstance(e, TextElement)]

    def object_groups(self) -> list[ObjectGroup]:
        return [e for e in self.elements if isinstance(e, ObjectGroup)]

    def shapes(self) -> list[ShapeElement]:
        return [e for e in self.elements if isinstance(e, ShapeElement)]

    def pictures(self) -> list[PictureElement]:
        return [e for e in self.elements if isinstance(e, PictureElement)]

    def with_elements(self, elements: Sequence[Element]) -> LayoutPlan:
        """This plan with its leaves replaced by `elements`, matched by id and drawn in their order: a leaf left out
        is removed; a new one (which must have a box) joins the root just before the next of `elements` that the
        root holds, else on top. Frames stay where they are."""
        by_id = {e.id: e for e in elements}
        order = {e.id: index for index, e in enumerate(elements)}
        known = {e.id for e in self.elements}
        for element in elements:
            if element.id not in known and element.box is None:
                raise ValueError(f"new element {element.id!r} needs a box: it joins the root stack")

        def rebuilt(frame: Frame) -> Frame:
            kept = [
                rebuilt(child) if isinstance(child, Frame) else by_id[child.id]
                for child in frame.children
                if isinstance(child, Frame) or child.id in by_id
            ]
            # Leaves take the order they are given in; frames keep their places among them.
            slots = [i for i, child in enumerate(kept) if not isinstance(child, Frame)]
            for slot, leaf in zip(slots, sorted((kept[i] for i in slots), key=lambda c: order[c.id]), strict=True):
                kept[slot] = leaf
            return frame.model_copy(update={"children": kept})

        root = rebuilt(self.root)
        children = list(root.children)
        for index, element in enumerate(elements):
            if element.id in known:
                continue
            at_root = [c.id for c in children]
            following = next((e.id for e in elements[index + 1 :] if e.id in at_root), None)
            children.insert(at_root.index(following) if following else len(children), element)
        root = root.model_copy(update={"children": children})
        return self.model_validate({**self.model_dump(), "root": root.model_dump()})


def _walk(node: Frame | Element, depth: int) -> list[tuple[Frame | Element, int]]:
    found: list[tuple[Frame | Element, int]] = [(node, depth)]
    if isinstance(node, Frame):
        for child in node.children:
            found.extend(_walk(child, depth + 1))
    return found


_V1_ROLES = {"headline": "title", "subheading": "subtitle"}


def upgrade_version_1(data: dict[str, object]) -> dict[str, object]:
    """A version 1 plan's data as version 2: its elements become children of a canvas-sized stack, boxes kept."""
    elements = data.get("elements") or []
    if not isinstance(elements, list):
        raise ValueError("a version 1 plan's 'elements' must be a list")
    children = []
    for element in elements:
        if isinstance(element, dict) and element.get("kind") == "text" and element.get("role") in _V1_ROLES:
            element = {**element, "role": _V1_ROLES[str(element["role"])]}
        children.append(element)
    upgraded = {key: value for key, value in data.items() if key not in ("elements", "schema_version")}
    root = {"kind": "frame", "id": "root", "layout": "stack", "children": children}
    return {**upgraded, "schema_version": 2, "root": root}
