"""What a list or table is set against when it is expanded: the fonts, the canvas, the layout's scale, the backdrop."""

from __future__ import annotations

from dataclasses import dataclass

from tessera.contract import RGB, Canvas, TextElement, hex_to_rgb, rgb_to_hex
from tessera.renderer._colors import mix
from tessera.renderer._fonts import FontBook
from tessera.renderer._typescale import scaled_text_size


@dataclass(frozen=True)
class Surroundings:
    """The fonts texts are measured in, the canvas, the scale the layout sets the renderer's sizes at, and the
    colour behind the part (its nearest enclosing fill, else the background)."""

    fonts: FontBook
    canvas: Canvas
    scale: float
    backdrop: RGB

    @property
    def short_edge(self) -> int:
        return min(self.canvas.width, self.canvas.height)

    def text_size(self, text: TextElement) -> int:
        """The size `text` starts at in this layout: the size its markers, gaps and padding are measured from."""
        return scaled_text_size(text, self.canvas, self.scale)

    def tint(self, color: str, strength: float) -> str:
        """`color` laid over the backdrop at `strength` (0: the backdrop, 1: the colour): a quiet rule or stripe
        that reads on any background, light or dark."""
        return rgb_to_hex(mix(self.backdrop, hex_to_rgb(color), strength))
