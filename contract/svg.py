"""SVG documents to pixels (resvg): the one way the parts turn the shipped vector drawings into images.

The renderer paints icons and emoji sprites with it, the contract rasterises emoji to tell whether they draw as one
shape, and the verifier draws a class's drawing again to know what its instances should look like.
"""

from __future__ import annotations

import io

import resvg_py
from PIL import Image


def rasterise(svg: str) -> Image.Image:
    """An SVG document as an RGBA image at the size it declares."""
    png = resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True)
    return Image.open(io.BytesIO(bytes(png))).convert("RGBA")
