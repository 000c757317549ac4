"""Backgrounds: solid fills and linear gradients in the documented directions."""

from __future__ import annotations

import time

from tessera.contract import GradientBackground, SolidBackground

BLACK_TO_WHITE = {"start": "#000000", "end": "#FFFFFF"}


def luminance(image, xy):
    return sum(image.getpixel(xy)) / 3


def test_solid_background_fills_the_whole_canvas(render):
    image = render(background=SolidBackground(color="#1F4FFF"), width=512, height=256).image
    assert image.mode == "RGB"
    assert image.size == (512, 256)
    assert image.getcolors() == [(512 * 256, (0x1F, 0x4F, 0xFF))]


def test_gradient_at_0_degrees_runs_left_to_right(render):
    image = render(background=GradientBackground(**BLACK_TO_WHITE, angle_deg=0), width=512, height=256).image
    assert luminance(image, (0, 128)) < 5
    assert luminance(image, (511, 128)) > 250
    assert abs(luminance(image, (256, 0)) - luminance(image, (256, 255))) <= 1


def test_gradient_at_90_degrees_runs_top_to_bottom(render):
    image = render(background=GradientBackground(**BLACK_TO_WHITE, angle_deg=90), width=256, height=512).image
    assert luminance(image, (128, 0)) < 5
    assert luminance(image, (128, 511)) > 250
    assert abs(luminance(image, (0, 256)) - luminance(image, (255, 256))) <= 1


def test_gradient_at_180_degrees_runs_right_to_left(render):
    image = render(background=GradientBackground(**BLACK_TO_WHITE, angle_deg=180), width=512, height=256).image
    assert luminance(image, (0, 128)) > 250
    assert luminance(image, (511, 128)) < 5


def test_gradient_at_45_degrees_runs_from_top_left_to_bottom_right(render):
    image = render(background=GradientBackground(**BLACK_TO_WHITE, angle_deg=45), width=512, height=512).image
    assert luminance(image, (0, 0)) < 5
    assert luminance(image, (511, 511)) > 250
    assert abs(luminance(image, (511, 0)) - luminance(image, (0, 511))) <= 2


def test_gradient_changes_smoothly_between_its_ends(render):
    image = render(
        background=GradientBackground(start="#FF0000", end="#0000FF", angle_deg=0), width=1024, height=512
    ).image
    reds = [image.getpixel((x, 100))[0] for x in range(0, 1024, 64)]
    assert reds == sorted(reds, reverse=True)
    middle = image.getpixel((512, 100))
    assert abs(middle[0] - 128) <= 3 and abs(middle[2] - 128) <= 3


def test_a_4k_gradient_renders_in_well_under_half_a_second(render):
    render(background=GradientBackground(**BLACK_TO_WHITE, angle_deg=30), width=3840, height=2160)
    started = time.perf_counter()
    render(background=GradientBackground(**BLACK_TO_WHITE, angle_deg=30), width=3840, height=2160)
    assert time.perf_counter() - started < 0.4
