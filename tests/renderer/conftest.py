"""Shared fixtures for renderer tests: one renderer for the session and a quick way to render elements."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from tessera.contract import Background, Canvas, Element, LayoutPlan, RenderResult, SolidBackground
from tessera.renderer import PlanRenderer

RenderElements = Callable[..., RenderResult]


@pytest.fixture(scope="session")
def renderer() -> PlanRenderer:
    """The real renderer with the system's Noto fonts."""
    return PlanRenderer()


@pytest.fixture
def render(renderer: PlanRenderer) -> RenderElements:
    """render(*elements, width=1024, height=1024, background=white) -> RenderResult."""

    def _render(
        *elements: Element, width: int = 1024, height: int = 1024, background: Background | None = None
    ) -> RenderResult:
        plan = LayoutPlan(
            canvas=Canvas(width=width, height=height),
            background=background or SolidBackground(color="#FFFFFF"),
            elements=list(elements),
        )
        return renderer.render(plan)

    return _render


def painted_blobs(image: Image.Image, background: tuple[int, int, int] = (255, 255, 255)) -> int:
    """How many separate painted shapes differ visibly from a plain background (holes filled, as in letters)."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    painted = np.abs(pixels - np.array(background, dtype=np.int16)).max(axis=-1) > 24
    return int(ndimage.label(ndimage.binary_fill_holes(painted))[1])


@pytest.fixture
def count_blobs() -> Callable[[Image.Image], int]:
    """Counts separate painted shapes on a white background."""
    return painted_blobs
