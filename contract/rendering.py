"""What the renderer reports it drew: the manifest, the drawn parts a user sees, and the Renderer Protocol."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.contract.colors import hex_to_rgb
from tessera.contract.material import SuppliedFiles
from tessera.contract.plan import (
    TRANSPARENT_BACKDROP,
    AssetElement,
    Box,
    Canvas,
    ChartElement,
    ControlElement,
    Element,
    Frame,
    FrameRole,
    IconElement,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    QrElement,
    TextElement,
)


class DrawnItem(BaseModel):
    """One plan node as drawn: a leaf, or a frame with a role or a look of its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    element_id: str
    kind: Literal[
        "text", "objects", "shape", "picture", "list", "table", "chart", "icon", "qr", "control", "asset", "frame"
    ]
    box: Box = Field(description="the box the layout gave it")
    role: FrameRole | None = Field(default=None, description="a frame's role, e.g. 'button'")
    ink_box: Box | None = Field(default=None, description="bounding box of what was actually painted")
    instance_boxes: list[Box] = Field(default_factory=list, description="one box per drawn object instance")
    font_file: str | None = None
    font_size: int | None = None
    lines: list[str] = Field(default_factory=list, description="the text as wrapped into lines")
    sprite: str | None = Field(default=None, description="the sprite used, e.g. 'emoji:U+1F388'")
    fallback: bool = Field(
        default=False,
        description="True when no sprite matched and a labelled badge was drawn, or no generator filled a picture",
    )
    fallback_reason: str | None = Field(
        default=None, max_length=1000, description="why a fallback was drawn instead: e.g. the generator's failure"
    )
    clipped: bool = Field(default=False, description="True when the text did not fit its box even at the minimum size")
    generator: str | None = Field(
        default=None,
        description="the generative model that filled this element's pixels, e.g. 'janus:/models/janus-pro-1b'",
    )


class RenderManifest(BaseModel):
    """Everything drawn, plus notices a user should read (fallbacks, clipping)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    canvas: Canvas
    plan: LayoutPlan | None = Field(
        default=None, description="the plan as laid out: a box on every node, the size every text was set at"
    )
    items: list[DrawnItem] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)


DrawnKind = Literal["text", "objects", "shape", "picture", "chart", "icon", "qr", "control", "asset"] | FrameRole
"""What a drawn part is: a leaf's kind (an "asset" is one of the user's own images), or the role of a container
("button", "card", "list", "table"...).
A plan's lists and tables are drawn as containers with those roles, holding a text per item and per cell."""


class DrawnPart(BaseModel):
    """One part of the image as a user, a coding agent or a test sees it: what it is and where, in canvas pixels.

    The shape of `drawn` in `tessera generate --json` and in the API's response; it is stable: fields are only
    ever added. Each counted instance of an object group is its own part, with the id `<group id>#<n>`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: DrawnKind
    id: str = Field(description="the plan node's id; `<group id>#<n>` (from 1) for the n-th instance of a group")
    name: str | None = Field(
        description="the object class, the picture's prompt, the asset's name, or a container's name; None for "
        "texts and shapes"
    )
    text: str | None = Field(
        description="the exact string drawn (a container's: its texts joined by spaces); None for parts without text"
    )
    box: Box = Field(description="where the part lies on the canvas (clipped to it), in canvas pixels")


def drawn_parts(manifest: RenderManifest, plan: LayoutPlan) -> list[DrawnPart]:
    """Every part `manifest` says was drawn of `plan`, in drawing order: each leaf, each instance of an object group,
    and each container with a role. A part wholly off the canvas is left out."""
    canvas = Box(x=0, y=0, w=manifest.canvas.width, h=manifest.canvas.height)
    parts = [part for item in manifest.items for part in _parts_of(item, plan.node(item.element_id))]
    clipped = ((part, part.box.intersection(canvas)) for part in parts)
    return [part.model_copy(update={"box": box}) for part, box in clipped if box is not None]


def _parts_of(item: DrawnItem, element: Element | Frame) -> list[DrawnPart]:
    """What one drawn node shows: itself, each instance of an object group, or nothing (a frame without a role)."""
    if isinstance(element, Frame):
        if element.role is None:
            return []
        texts = " ".join(leaf.text for leaf in _texts_in(element)) or None
        return [DrawnPart(kind=element.role, id=element.id, name=element.name, text=texts, box=item.box)]
    if isinstance(element, ObjectGroup):
        return [
            DrawnPart(kind="objects", id=f"{element.id}#{number}", name=element.object_class, text=None, box=cell)
            for number, cell in enumerate(item.instance_boxes, start=1)
        ]
    name = _name_of(element)
    text = element.text if isinstance(element, TextElement) else None
    return [DrawnPart(kind=element.kind, id=element.id, name=name, text=text, box=item.box)]


def _name_of(element: Element) -> str | None:
    """What a leaf is, in words: a picture's prompt, a chart's type, an icon's name, what a QR code encodes, a
    control's type, the name of the user's asset."""
    if isinstance(element, PictureElement):
        return element.prompt
    if isinstance(element, ChartElement):
        return element.chart
    if isinstance(element, IconElement):
        return element.name
    if isinstance(element, QrElement):
        return element.data
    if isinstance(element, ControlElement):
        return element.control
    if isinstance(element, AssetElement):
        return element.name
    return None


def _texts_in(frame: Frame) -> list[TextElement]:
    found: list[TextElement] = []
    for child in frame.children:
        if isinstance(child, Frame):
            found.extend(_texts_in(child))
        elif isinstance(child, TextElement):
            found.append(child)
    return found


@dataclass(frozen=True)
class RenderResult:
    """The raster image (canvas-sized; RGB, or RGBA for a plan with a transparent background) and the manifest
    (which holds the plan as laid out)."""

    image: Image.Image
    manifest: RenderManifest
    timings: dict[str, float] = field(default_factory=dict)
    svg: str | None = None  # the same image as an SVG document (live text), when the render was asked for one


def has_alpha(image: Image.Image) -> bool:
    """Whether the image carries transparency (an alpha band, or a palette or grey image with a transparent
    colour)."""
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def on_backdrop(image: Image.Image) -> Image.Image:
    """The image as RGB as it is seen and checked: one with transparency composited over `TRANSPARENT_BACKDROP`.

    Every reader of pixels (the verifier, OCR in evals, JPEG output) goes through this, so that all of them judge
    a transparent render on the same ground the planner chose its colours for.
    """
    if not has_alpha(image):
        return image.convert("RGB")
    backdrop = Image.new("RGBA", image.size, hex_to_rgb(TRANSPARENT_BACKDROP))
    return Image.alpha_composite(backdrop, image.convert("RGBA")).convert("RGB")


def for_output(image: Image.Image, output_format: str) -> Image.Image:
    """The image ready to save as `output_format`: RGB, or RGBA where it has transparency and the format keeps
    alpha (PNG, WebP); a JPEG of a transparent image shows it over `TRANSPARENT_BACKDROP`."""
    if output_format.lower() in ("jpeg", "jpg"):
        return on_backdrop(image)
    return image.convert("RGBA" if has_alpha(image) else "RGB")


class RenderProgress(BaseModel):
    """One step of drawing an element, e.g. step 7 of 12 of a generated picture."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    element_id: str
    step: int = Field(ge=0)
    steps: int = Field(ge=1)
    message: str = ""


ProgressCallback = Callable[[RenderProgress], None]


class Renderer(Protocol):
    """Draws a layout plan."""

    def render(
        self,
        plan: LayoutPlan,
        *,
        seed: int = 0,
        on_progress: ProgressCallback | None = None,
        svg: bool = False,
        files: SuppliedFiles | None = None,
    ) -> RenderResult:
        """The image of `plan` and a manifest of what was drawn where.

        `seed` fixes whatever is sampled (generated pictures); the same plan and seed give the same pixels.
        `on_progress` hears about long steps as they happen. With `svg`, the result's `svg` is the same image as
        an SVG document: texts live `<text>` in the fonts drawn with, pictures and sprites embedded PNG.
        `files` holds the user's images the plan's assets name and the brand's fonts; a plan that names an asset
        `files` lacks is a PlanError.
        """
        ...
