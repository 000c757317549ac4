"""What the renderer reports it drew: the manifest, and the Renderer Protocol."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.contract.plan import Box, Canvas, LayoutPlan


class DrawnItem(BaseModel):
    """One plan element as drawn."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    element_id: str
    kind: Literal["text", "objects", "shape", "picture"]
    box: Box = Field(description="the planned box")
    ink_box: Box | None = Field(default=None, description="bounding box of what was actually painted")
    instance_boxes: list[Box] = Field(default_factory=list, description="one box per drawn object instance")
    font_file: str | None = None
    font_size: int | None = None
    lines: list[str] = Field(default_factory=list, description="the text as wrapped into lines")
    sprite: str | None = Field(default=None, description="the sprite used, e.g. 'emoji:U+1F388'")
    fallback: bool = Field(default=False, description="True when no sprite matched and a labelled badge was drawn")
    clipped: bool = Field(default=False, description="True when the text did not fit its box even at the minimum size")
    generator: str | None = Field(
        default=None,
        description="the generative model that filled this element's pixels, e.g. 'janus:/models/janus-pro-1b'",
    )


class RenderManifest(BaseModel):
    """Everything drawn, plus notices a user should read (fallbacks, clipping)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    canvas: Canvas
    items: list[DrawnItem] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class RenderResult:
    """The raster image (RGB, canvas-sized) and the manifest."""

    image: Image.Image
    manifest: RenderManifest
    timings: dict[str, float] = field(default_factory=dict)


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

    def render(self, plan: LayoutPlan, *, seed: int = 0, on_progress: ProgressCallback | None = None) -> RenderResult:
        """The image of `plan` and a manifest of what was drawn where.

        `seed` fixes whatever is sampled (generated pictures); the same plan and seed give the same pixels.
        `on_progress` hears about long steps as they happen.
        """
        ...
