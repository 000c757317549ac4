"""Transparent renders by difference matting: the plan is painted twice, on two opaque backdrops, and each pixel's
alpha and colour are solved from the pair.

Why this and not painting into RGBA throughout: every painter (text, frames and their shadows, shapes, sprites,
icons, charts, QR codes, pictures) draws with Pillow's `paste(ink, box, mask)` or an opaque fill, which is the
"over" operator: a pixel becomes `ink * a + behind * (1 - a)`. Painted on backdrop B, a stack of such layers
leaves `P + (1 - A) * B`, where `P` is the premultiplied colour and `A` the alpha of the whole stack; two
backdrops give two equations, so `A` and `P` are exact (to 8-bit rounding) for whatever any painter does, with
no painter changed. Painting into RGBA instead would mean replacing every `paste` with a true alpha composite
(Pillow's masked paste blends the alpha band linearly and darkens edges over a clear canvas) in a dozen modules,
and keeping the opaque path's pixels identical through that. The cost here is a second painting pass for
transparent plans only; layout, and every generated region (replayed, not generated again), are done once.

The first pass paints on `TRANSPARENT_BACKDROP`, the grey the plan's colours were chosen for, so that the
generative layer inpaints against that grey, as a verifier composite shows it; the second on black.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from tessera.contract import (
    TRANSPARENT_BACKDROP,
    Canvas,
    Generator,
    GeneratorError,
    RegionRequest,
    StepCallback,
    hex_to_rgb,
)

BLACK = (0, 0, 0)
_STRIP_ROWS = 256  # rows solved at once: about 12 MB of float arrays at the widest canvas


def backdrop_canvas(canvas: Canvas) -> Image.Image:
    """The first pass's ground: the canvas filled with `TRANSPARENT_BACKDROP`."""
    return Image.new("RGB", (canvas.width, canvas.height), hex_to_rgb(TRANSPARENT_BACKDROP))


def black_canvas(canvas: Canvas) -> Image.Image:
    """The second pass's ground: the canvas filled with black."""
    return Image.new("RGB", (canvas.width, canvas.height), BLACK)


def matte(on_backdrop: Image.Image, on_black: Image.Image) -> Image.Image:
    """The RGBA image whose composites over `TRANSPARENT_BACKDROP` and over black are the two passes.

    Alpha is `1 - (on_backdrop - on_black) / backdrop`, averaged over the channels (a normal composite has one
    alpha for all three, so the mean only halves the rounding noise). The colour is un-premultiplied:
    `on_black / alpha`, since over black a pixel is its premultiplied colour.
    """
    width, height = on_backdrop.size
    solved = Image.new("RGBA", (width, height))
    # A strip of rows at a time: solved whole, a 3840 px canvas's float arrays would take over half a gigabyte.
    for top in range(0, height, _STRIP_ROWS):
        strip = (0, top, width, min(height, top + _STRIP_ROWS))
        lit = np.asarray(on_backdrop.crop(strip), dtype=np.float32)
        dark = np.asarray(on_black.crop(strip), dtype=np.float32)
        solved.paste(Image.fromarray(_matte_pixels(lit, dark), "RGBA"), strip[:2])
    return solved


def _matte_pixels(lit: np.ndarray, dark: np.ndarray) -> np.ndarray:
    grey = np.array(hex_to_rgb(TRANSPARENT_BACKDROP), dtype=np.float32)
    coverage = 1.0 - ((lit - dark) / grey).mean(axis=2)
    alpha = np.rint(np.clip(coverage, 0.0, 1.0) * 255.0)
    # Divide by the alpha as stored, so that compositing the stored pixel gives back the painted one.
    safe = np.maximum(alpha, 1.0)[..., None]
    color = np.where(alpha[..., None] > 0, np.clip(np.rint(dark * 255.0 / safe), 0, 255), 0)
    return np.dstack([color, alpha]).astype(np.uint8)


class ReplayingGenerator:
    """A generator for the two passes: the first asks `generator` and keeps each answer (an image or the error it
    raised), the second gets the same answers back, so both passes paint the same pixels.

    A request is known by its prompt, size and seed, not its context: the second pass's context is the same
    canvas on another backdrop.
    """

    def __init__(self, generator: Generator) -> None:
        self._generator = generator
        self._answers: dict[tuple[str, int, int, int], Image.Image | GeneratorError] = {}

    @property
    def name(self) -> str:
        """The wrapped generator's name."""
        return self._generator.name

    def generate(self, request: RegionRequest, on_step: StepCallback | None = None) -> Image.Image:
        """The wrapped generator's image for `request`, asked once; raises the error it raised."""
        key = (request.prompt, request.width, request.height, request.seed)
        if key not in self._answers:
            try:
                self._answers[key] = self._generator.generate(request, on_step)
            except GeneratorError as error:
                self._answers[key] = error
        answer = self._answers[key]
        if isinstance(answer, GeneratorError):
            raise answer
        return answer.copy()
