"""sRGB colours: parsing plan hex strings and picking a readable ink on a fill."""

from __future__ import annotations

RGB = tuple[int, int, int]


def hex_to_rgb(color: str) -> RGB:
    """'#RRGGBB' as an (r, g, b) tuple of 0-255 ints."""
    value = color.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def relative_luminance(rgb: RGB) -> float:
    """WCAG relative luminance in [0, 1]."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def readable_ink(fill: RGB) -> RGB:
    """Near-black or white, whichever contrasts more with `fill`."""
    lum = relative_luminance(fill)
    contrast_white = 1.05 / (lum + 0.05)
    contrast_dark = (lum + 0.05) / 0.0556  # #111111 has luminance 0.0056
    return (255, 255, 255) if contrast_white >= contrast_dark else (17, 17, 17)
