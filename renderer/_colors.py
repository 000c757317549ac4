"""Picking a readable ink on a fill and mixing colours; parsing colours and WCAG contrast are the contract's."""

from __future__ import annotations

from tessera.contract import (
    RGB,
    TRANSPARENT_BACKDROP,
    Background,
    GradientBackground,
    TransparentBackground,
    contrast_ratio,
    hex_to_rgb,
)

_WHITE: RGB = (255, 255, 255)
_NEAR_BLACK: RGB = (17, 17, 17)  # #111111, the plans' default ink


def readable_ink(fill: RGB) -> RGB:
    """Near-black or white, whichever contrasts more with `fill`."""
    return _WHITE if contrast_ratio(_WHITE, fill) >= contrast_ratio(_NEAR_BLACK, fill) else _NEAR_BLACK


def mix(a: RGB, b: RGB, share_of_b: float) -> RGB:
    """`a` moved `share_of_b` of the way towards `b` (0: a, 1: b)."""
    red, green, blue = (round(x + (y - x) * share_of_b) for x, y in zip(a, b, strict=True))
    return red, green, blue


def background_color(background: Background) -> RGB:
    """The colour a plan's background shows behind everything: a solid's colour, a gradient's middle, or the
    backdrop a transparent canvas is designed on."""
    if isinstance(background, TransparentBackground):
        return hex_to_rgb(TRANSPARENT_BACKDROP)
    return middle_color(background if isinstance(background, GradientBackground) else background.color)


def middle_color(fill: str | GradientBackground) -> RGB:
    """A fill's colour, or a gradient's middle colour."""
    if isinstance(fill, GradientBackground):
        return mix(hex_to_rgb(fill.start), hex_to_rgb(fill.end), 0.5)
    return hex_to_rgb(fill)
