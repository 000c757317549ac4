"""sRGB colours as plans write them ('#RRGGBB') and WCAG 2.x contrast: the one definition every package uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

RGB = tuple[int, int, int]
Color = str | Iterable[float]  # '#RRGGBB' (or '#RGB'), or three sRGB channels in 0..255

WCAG_AA_CONTRAST = 4.5  # WCAG 2.x level AA for normal text
WCAG_AA_LARGE_TEXT_CONTRAST = 3.0  # ... for large text: 24 px, or 18.7 px bold

_HEX = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")


class SrgbCurve(NamedTuple):
    """The sRGB transfer function (IEC 61966-2-1): linear below `threshold`, a power curve above.

    WCAG 2.0 printed the threshold as 0.03928; WCAG 2.1 and later use the standard's 0.04045. No 8-bit channel
    (a multiple of 1/255) lies between the two, so the choice matters only for measured, fractional colours.
    """

    threshold: float = 0.04045
    slope: float = 12.92
    offset: float = 0.055
    scale: float = 1.055
    gamma: float = 2.4

    def to_linear(self, encoded: float) -> float:
        """One channel in 0..1 as linear light in 0..1."""
        if encoded <= self.threshold:
            return encoded / self.slope
        return float(((encoded + self.offset) / self.scale) ** self.gamma)


SRGB_CURVE = SrgbCurve()
LUMINANCE_WEIGHTS: tuple[float, float, float] = (0.2126, 0.7152, 0.0722)  # of linear R, G, B (ITU-R BT.709)


def hex_to_rgb(color: str) -> RGB:
    """'#RRGGBB' or '#RGB' (any case) as an (r, g, b) tuple of 0..255; ValueError for anything else."""
    if not _HEX.fullmatch(color):
        raise ValueError(f"colour {color!r} is not a hex colour; write it as #RRGGBB, e.g. #1F4FFF")
    digits = color[1:] if len(color) == 7 else "".join(c * 2 for c in color[1:])
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def rgb_to_hex(rgb: Iterable[float]) -> str:
    """Three sRGB channels in 0..255 (clamped and rounded) as '#RRGGBB'."""
    channels = [max(0, min(255, round(float(v)))) for v in rgb]
    if len(channels) != 3:
        raise ValueError(f"an RGB colour has 3 channels, not {len(channels)}")
    return "#" + "".join(f"{v:02X}" for v in channels)


def normalize_hex(color: str) -> str:
    """A hex colour in the plan's form: '#fff' as '#FFFFFF', '#1f4fff' as '#1F4FFF'."""
    return rgb_to_hex(hex_to_rgb(color))


def _channels(color: Color) -> tuple[float, ...]:
    channels = hex_to_rgb(color) if isinstance(color, str) else tuple(float(v) for v in color)
    if len(channels) != 3:
        raise ValueError(f"an RGB colour has 3 channels, not {len(channels)}")
    return channels


def relative_luminance(color: Color) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    return sum(w * SRGB_CURVE.to_linear(c / 255) for w, c in zip(LUMINANCE_WEIGHTS, _channels(color), strict=True))


def contrast_ratio(a: Color, b: Color) -> float:
    """WCAG 2.x contrast ratio between two colours, 1 (none) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
