"""The contract's colours: hex parsing and WCAG 2.x luminance and contrast, to the published values."""

from __future__ import annotations

import pytest

from tessera.contract import (
    WCAG_AA_CONTRAST,
    WCAG_AA_LARGE_TEXT_CONTRAST,
    contrast_ratio,
    hex_to_rgb,
    normalize_hex,
    relative_luminance,
    rgb_to_hex,
)


def test_black_on_white_is_the_largest_contrast() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)


def test_a_colour_on_itself_has_no_contrast() -> None:
    assert contrast_ratio("#1F4FFF", "#1F4FFF") == pytest.approx(1.0)


def test_contrast_does_not_depend_on_which_colour_is_the_ink() -> None:
    assert contrast_ratio("#777777", "#FFFFFF") == contrast_ratio("#FFFFFF", "#777777")


def test_mid_grey_on_white_just_misses_wcag_aa() -> None:
    ratio = contrast_ratio("#777777", "#FFFFFF")
    assert ratio == pytest.approx(4.48, abs=0.01)
    assert WCAG_AA_LARGE_TEXT_CONTRAST < ratio < WCAG_AA_CONTRAST


def test_luminance_runs_from_black_to_white() -> None:
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)


def test_luminance_weighs_green_most_and_blue_least() -> None:
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert relative_luminance("#00FF00") == pytest.approx(0.7152)
    assert relative_luminance("#0000FF") == pytest.approx(0.0722)


def test_a_hex_string_and_its_rgb_channels_are_the_same_colour() -> None:
    assert relative_luminance("#336699") == relative_luminance((0x33, 0x66, 0x99))
    assert contrast_ratio("#336699", (255.0, 255.0, 255.0)) == contrast_ratio("#336699", "#FFFFFF")


@pytest.mark.parametrize(
    ("text", "rgb"),
    [("#AABBCC", (170, 187, 204)), ("#aabbcc", (170, 187, 204)), ("#abc", (170, 187, 204)), ("#000", (0, 0, 0))],
)
def test_hex_colours_parse_in_either_case_and_in_short_form(text: str, rgb: tuple[int, int, int]) -> None:
    assert hex_to_rgb(text) == rgb


@pytest.mark.parametrize("text", ["AABBCC", "#AABBC", "#GGGGGG", "red", "#AABBCCDD", ""])
def test_a_bad_colour_is_refused_with_the_form_to_use(text: str) -> None:
    with pytest.raises(ValueError, match="#RRGGBB"):
        hex_to_rgb(text)


def test_channels_are_clamped_and_rounded_to_uppercase_hex() -> None:
    assert rgb_to_hex((255.4, -3.0, 15.6)) == "#FF0010"


def test_short_and_lowercase_codes_normalise_to_the_plan_form() -> None:
    assert normalize_hex("#fff") == "#FFFFFF"
    assert normalize_hex("#1f4fff") == "#1F4FFF"
