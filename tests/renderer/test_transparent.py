"""A plan with a transparent background renders to RGBA: clear where nothing is drawn, each part's own coverage
elsewhere, and colours that show exactly as the opaque render would over any ground."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tessera.contract import (
    Background,
    Box,
    Canvas,
    Element,
    Frame,
    IconElement,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    Shadow,
    ShapeElement,
    SolidBackground,
    TextElement,
    TransparentBackground,
    on_backdrop,
)
from tessera.contract.fakes import FakeGenerator
from tessera.renderer import PlanRenderer

CARD = Frame(
    id="card",
    layout="stack",
    box=Box(x=440, y=40, w=320, h=220),
    fill="#FFFFFF",
    radius=32,
    shadow=Shadow(blur=16, dy=8, opacity=0.4),
)
HEADLINE = TextElement(id="headline", text="Clear ground", box=Box(x=40, y=40, w=360, h=90), color="#1D3557")
BAR = ShapeElement(id="bar", shape="rectangle", box=Box(x=40, y=300, w=300, h=60), fill="#E63946")
ICON = IconElement(id="icon", name="rocket", color="#2A9D8F", box=Box(x=500, y=300, w=100, h=100))
STARS = ObjectGroup(id="stars", object_class="star", count=3, box=Box(x=40, y=400, w=400, h=100))
PARTS = [CARD, HEADLINE, BAR, ICON, STARS]


def plan_on(background: Background, *parts: Element | Frame) -> LayoutPlan:
    root = Frame(id="root", layout="stack", children=list(parts or PARTS))
    return LayoutPlan(canvas=Canvas(width=800, height=520), background=background, root=root)


@pytest.fixture(scope="module")
def clear(renderer: PlanRenderer) -> Image.Image:
    return renderer.render(plan_on(TransparentBackground())).image


def alpha(image: Image.Image) -> np.ndarray:
    return np.asarray(image.getchannel("A"))


def over(image: Image.Image, ground: str) -> np.ndarray:
    return np.asarray(Image.alpha_composite(Image.new("RGBA", image.size, ground), image).convert("RGB"), dtype=int)


def test_a_transparent_plan_renders_rgba(clear: Image.Image) -> None:
    assert clear.mode == "RGBA"
    assert clear.size == (800, 520)


def test_nothing_drawn_is_fully_clear(clear: Image.Image) -> None:
    assert alpha(clear)[500:520, 600:800].max() == 0
    assert alpha(clear)[0:20, 0:20].max() == 0


def test_solid_shapes_are_fully_opaque_in_their_own_colour(clear: Image.Image) -> None:
    inside = np.asarray(clear)[310:350, 50:330]
    assert (inside[..., 3] == 255).all()
    assert (inside[..., :3] == (0xE6, 0x39, 0x46)).all()


def test_text_edges_are_partly_transparent_in_the_text_colour(clear: Image.Image) -> None:
    pixels = np.asarray(clear)[40:130, 40:400]
    edge = (pixels[..., 3] > 20) & (pixels[..., 3] < 235)
    assert edge.sum() > 100  # antialiased outlines, not a hard mask
    # Un-premultiplied: an edge pixel has the ink's colour at a lower alpha, not a darker colour.
    assert np.abs(pixels[edge][:, :3].astype(int) - (0x1D, 0x35, 0x57)).max() <= 12


def test_a_frame_has_round_corners_and_a_soft_shadow(clear: Image.Image) -> None:
    a = alpha(clear)
    assert a[150, 600] == 255  # inside the card
    assert a[41, 441] < 255  # the rounded-off corner shows only the shadow, if anything
    below = a[262:290, 600]  # the shadow falls below the card, fading out
    assert 0 < below.max() < 255 and below[-1] < below[0]


def test_icons_and_sprites_keep_their_own_alpha(clear: Image.Image) -> None:
    icon = alpha(clear)[300:400, 500:600]
    stars = alpha(clear)[400:500, 40:440]
    for part in (icon, stars):
        assert part.max() == 255 and part.min() == 0
        assert ((part > 0) & (part < 255)).any()


@pytest.mark.parametrize("ground", ["#FFFFFF", "#000000", "#3A5A40"])
def test_over_any_ground_it_matches_the_opaque_render_on_that_ground(
    renderer: PlanRenderer, clear: Image.Image, ground: str
) -> None:
    painted = np.asarray(renderer.render(plan_on(SolidBackground(color=ground))).image, dtype=int)
    difference = np.abs(over(clear, ground) - painted)
    assert difference.max() <= 3  # no dark or light fringe anywhere: only 8-bit rounding
    assert np.percentile(difference, 99.9) <= 1


def test_the_verifier_sees_it_on_the_neutral_backdrop(renderer: PlanRenderer, clear: Image.Image) -> None:
    painted = np.asarray(renderer.render(plan_on(SolidBackground(color="#C0C0C0"))).image, dtype=int)
    assert np.abs(np.asarray(on_backdrop(clear), dtype=int) - painted).max() <= 3


def test_an_opaque_plan_still_renders_rgb(renderer: PlanRenderer) -> None:
    assert renderer.render(plan_on(SolidBackground(color="#FFFFFF"))).image.mode == "RGB"


def test_a_generated_picture_is_asked_for_once_and_is_opaque() -> None:
    generator = FakeGenerator("#336699")
    picture = PictureElement(id="hero", prompt="a lighthouse", box=Box(x=100, y=100, w=200, h=150))
    result = PlanRenderer(generator=generator).render(plan_on(TransparentBackground(), picture))
    assert len(generator.requests) == 1
    pixels = np.asarray(result.image)
    assert (pixels[100:250, 100:300] == (0x33, 0x66, 0x99, 255)).all()
    assert pixels[0:100].max() == 0
