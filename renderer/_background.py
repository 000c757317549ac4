"""Backgrounds: a flat colour or a linear gradient, computed with numpy in one pass."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from tessera.contract import Background, Canvas, GradientBackground, TransparentBackground, hex_to_rgb
from tessera.renderer._matte import backdrop_canvas

_STRIP_ROWS = 256  # rows of a gradient computed at once: about 12 MB of float arrays at the widest canvas
# A 4x4 ordered-dither matrix: spreads the rounding of each pixel so slow gradients do not band.
_BAYER = (np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], dtype=np.float32) + 0.5) / 16


def paint_background(canvas: Canvas, background: Background) -> Image.Image:
    """A new RGB image of the canvas size filled with the background; for a transparent one, the backdrop of the
    first matting pass (`_matte.py`)."""
    if isinstance(background, GradientBackground):
        return linear_gradient(canvas.width, canvas.height, background)
    if isinstance(background, TransparentBackground):
        return backdrop_canvas(canvas)
    return Image.new("RGB", (canvas.width, canvas.height), hex_to_rgb(background.color))


def linear_gradient(width: int, height: int, gradient: GradientBackground) -> Image.Image:
    """`start` at the edge the angle points away from, `end` at the edge it points to.

    0 degrees runs left to right and 90 top to bottom (image y grows downwards).
    """
    angle = math.radians(gradient.angle_deg)
    dx, dy = math.cos(angle), math.sin(angle)
    along_x = (np.arange(width, dtype=np.float32) + 0.5) * dx
    along_y = (np.arange(height, dtype=np.float32) + 0.5) * dy
    # The projections of the canvas corners bound the gradient's run.
    corners = [0.0, width * dx, height * dy, width * dx + height * dy]
    low, span = min(corners), max(max(corners) - min(corners), 1e-6)
    start = np.array(hex_to_rgb(gradient.start), dtype=np.float32)
    end = np.array(hex_to_rgb(gradient.end), dtype=np.float32)
    image = Image.new("RGB", (width, height))
    # A strip of rows at a time (a multiple of the dither's 4 rows): whole, a 3840 px canvas's float arrays would
    # take a quarter of a gigabyte.
    for top in range(0, height, _STRIP_ROWS):
        rows = min(height, top + _STRIP_ROWS) - top
        t = along_y[top : top + rows, None] + along_x[None, :]
        t -= low
        t /= span
        np.clip(t, 0.0, 1.0, out=t)
        dither = np.tile(_BAYER, (rows // 4 + 1, width // 4 + 1))[:rows, :width]
        pixels = np.empty((rows, width, 3), dtype=np.uint8)
        value = np.empty_like(t)
        for channel in range(3):
            # start + t * (end - start) + dither stays inside [0, 256), so truncation is the rounding.
            np.multiply(t, end[channel] - start[channel], out=value)
            value += dither
            value += start[channel]
            pixels[..., channel] = value
        image.paste(Image.fromarray(pixels), (0, top))
    return image
