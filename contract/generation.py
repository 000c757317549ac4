"""The generative layer's seam: a region of the canvas filled from a prompt (and, to inpaint, its known pixels)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from tessera.contract.errors import SetupError

StepCallback = Callable[[int, int], None]
"""Called as on_step(step, steps) while a region is generated (step counts from 1)."""


@dataclass(frozen=True)
class RegionRequest:
    """Pixels wanted for one `width` x `height` region.

    With `context` (the canvas pixels of the region, RGB, same size) and `mask` (mode L,
    255 where new pixels are wanted), the generator continues the known pixels: it
    inpaints. Without them it draws the region from the prompt alone.
    """

    prompt: str
    width: int
    height: int
    seed: int = 0
    steps: int | None = None
    guidance: float | None = None
    context: Image.Image | None = None
    mask: Image.Image | None = None


class Generator(Protocol):
    """Fills a region of the canvas from a prompt: the generative layer's one seam."""

    @property
    def name(self) -> str:
        """'<kind>:<model>', as recorded in the manifest."""
        ...

    def generate(self, request: RegionRequest, on_step: StepCallback | None = None) -> Image.Image:
        """An RGB image of exactly `request.width` x `request.height`.

        The same request gives the same pixels. With a mask, pixels outside it equal the context.
        Raises `GeneratorError` when the model cannot load or fails.
        """
        ...


class GeneratorError(SetupError):
    """The generator could not load its weights or failed on a region; the message says what to change."""
