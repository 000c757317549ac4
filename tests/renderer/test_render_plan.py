"""Whole plans: z order, determinism, the manifest, speed and missing fonts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tessera.contract import (
    Box,
    Canvas,
    GradientBackground,
    LayoutPlan,
    ObjectGroup,
    Renderer,
    SetupError,
    ShapeElement,
    SolidBackground,
    TextElement,
)
from tessera.renderer import PlanRenderer

POSTER = LayoutPlan(
    canvas=Canvas(width=1024, height=1024),
    background=GradientBackground(start="#FFF1D6", end="#FF9E7A", angle_deg=90),
    elements=[
        TextElement(id="headline", box=Box(x=80, y=60, w=864, h=200), text="Happy Birthday, Mia!", font_weight="bold"),
        TextElement(id="sub", box=Box(x=120, y=270, w=784, h=60), text="Join us for cake, games and a surprise"),
        ObjectGroup(id="balloons", box=Box(x=80, y=350, w=864, h=220), object_class="balloons", count=7),
        TextElement(id="when", box=Box(x=120, y=630, w=784, h=120), text="Saturday 14 June at 3 pm"),
        TextElement(
            id="where", box=Box(x=120, y=760, w=784, h=110), text="12 Orchard Lane, Springfield. Bring a towel."
        ),
    ],
)


def square(element_id: str, color: str, z: int) -> ShapeElement:
    return ShapeElement(id=element_id, box=Box(x=100, y=100, w=200, h=200), fill=color, z=z)


def test_plan_renderer_is_a_renderer():
    renderer: Renderer = PlanRenderer()
    assert callable(renderer.render)


def test_a_higher_z_is_painted_over_a_lower_one(render):
    image = render(square("top", "#2040E0", z=9), square("bottom", "#E02020", z=2)).image
    assert image.getpixel((200, 200)) == (0x20, 0x40, 0xE0)


def test_equal_z_paints_in_plan_order(render):
    image = render(square("first", "#E02020", z=3), square("second", "#2040E0", z=3)).image
    assert image.getpixel((200, 200)) == (0x20, 0x40, 0xE0)


def test_the_manifest_lists_every_element_in_plan_order(renderer):
    manifest = renderer.render(POSTER).manifest
    assert [item.element_id for item in manifest.items] == [e.id for e in POSTER.elements]
    assert manifest.canvas == POSTER.canvas


def test_the_same_plan_gives_identical_pixels(renderer):
    first = renderer.render(POSTER)
    second = PlanRenderer().render(POSTER)
    assert first.image.tobytes() == second.image.tobytes()
    assert first.manifest == second.manifest


def test_a_poster_renders_in_well_under_half_a_second(renderer):
    renderer.render(POSTER)
    started = time.perf_counter()
    renderer.render(POSTER)
    assert time.perf_counter() - started < 0.35


def test_the_image_is_rgb_at_the_canvas_size(renderer):
    image = renderer.render(POSTER).image
    assert image.mode == "RGB"
    assert image.size == (1024, 1024)


def test_timings_cover_the_background_and_each_element(renderer):
    timings = renderer.render(POSTER).timings
    assert {"background", "total"} <= timings.keys()
    assert all(f"element:{e.id}" in timings for e in POSTER.elements)


def test_a_missing_text_font_names_the_debian_package(tmp_path: Path):
    plan = LayoutPlan(
        background=SolidBackground(color="#FFFFFF"),
        elements=[TextElement(id="t", box=Box(x=10, y=10, w=300, h=100), text="你好", script="han")],
    )
    with pytest.raises(SetupError, match="fonts-noto-cjk"):
        PlanRenderer(font_dirs=[tmp_path]).render(plan)


def test_a_missing_latin_font_names_the_debian_package(tmp_path: Path):
    plan = LayoutPlan(
        background=SolidBackground(color="#FFFFFF"),
        elements=[TextElement(id="t", box=Box(x=10, y=10, w=300, h=100), text="Hello")],
    )
    with pytest.raises(SetupError, match="fonts-noto-core"):
        PlanRenderer(font_dirs=[tmp_path]).render(plan)


def test_a_missing_emoji_font_names_the_debian_package(tmp_path: Path):
    plan = LayoutPlan(
        background=SolidBackground(color="#FFFFFF"),
        elements=[ObjectGroup(id="g", box=Box(x=10, y=10, w=300, h=100), object_class="balloon", count=2)],
    )
    with pytest.raises(SetupError, match="fonts-noto-color-emoji"):
        PlanRenderer(font_dirs=[tmp_path]).render(plan)
