"""Colour measurements: the background, a set of pixels' dominant colour, and whether it matches a target.

Distances are CIE76 ΔE in Lab. Chromatic targets match by hue (within 30°), because
briefs name hues ("red balloons") and sprites are shaded; achromatic targets (white,
grey, black) match by lightness.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

import numpy as np

from tessera.contract import LayoutPlan, hex_to_rgb, rgb_to_hex
from tessera.verifier._pixels import delta_e, rgb_to_lab

BACKGROUND_DELTA_E = 10.0  # the median background may be this far from the target
GRADIENT_DELTA_E = 20.0  # ... or this far, when part of the background is the target itself
PRESENT_DELTA_E = 6.0  # a pixel this close to the target "is" the target colour
PRESENT_SHARE = 0.10  # share of background pixels that must be the target in a gradient
CHROMATIC = 15.0  # Lab chroma above which a colour has a hue worth naming
HUE_TOLERANCE = 30.0  # degrees
LIGHTNESS_TOLERANCE = 20.0  # L* units, for white/grey/black targets
ACCENT_DELTA_E = 12.0
ACCENT_SHARE = 0.003  # an accent covers at least 0.3% of the canvas


@dataclass(frozen=True)
class ColourMatch:
    """A measured colour against a target."""

    passed: bool
    measured: str  # hex
    delta_e: float
    detail: str


def background_pixels(canvas: np.ndarray, plan: LayoutPlan) -> np.ndarray:
    """Pixels outside every element box (N x 3), or the canvas border when elements cover nearly everything."""
    height, width = canvas.shape[:2]
    free = np.ones((height, width), dtype=bool)
    for element in plan.elements:
        b = element.placed_box
        free[max(0, b.y) : max(0, b.bottom), max(0, b.x) : max(0, b.right)] = False
    if free.sum() < 0.02 * height * width:
        free[:] = False
        t = max(2, min(height, width) // 50)
        free[:t], free[-t:], free[:, :t], free[:, -t:] = True, True, True, True
    pixels = canvas[free]
    return pixels[:: max(1, len(pixels) // 50_000)]


def match_background(pixels: np.ndarray, target: str) -> ColourMatch:
    """The median background is near the target, or (for gradients) a good part of it is the target."""
    target_lab = rgb_to_lab(hex_to_rgb(target))
    median = np.median(pixels, axis=0)
    median_de = float(delta_e(rgb_to_lab(median), target_lab))
    share = float((delta_e(rgb_to_lab(pixels), target_lab) <= PRESENT_DELTA_E).mean())
    passed = median_de <= BACKGROUND_DELTA_E or (share >= PRESENT_SHARE and median_de <= GRADIENT_DELTA_E)
    detail = (
        f"median background {rgb_to_hex(median)} is ΔE {median_de:.1f} from {target}; "
        f"{share:.0%} of background pixels within ΔE {PRESENT_DELTA_E:g}"
    )
    return ColourMatch(passed, rgb_to_hex(median), median_de, detail)


def _hue(lab: np.ndarray) -> np.ndarray:
    return np.degrees(np.arctan2(lab[..., 2], lab[..., 1])) % 360.0


def _hue_gap(a: float, b: float) -> float:
    gap = abs(a - b) % 360.0
    return min(gap, 360.0 - gap)


def match_dominant(pixels: np.ndarray, target: str) -> ColourMatch:
    """Whether the dominant colour of `pixels` (N x 3 RGB) is the target's hue, or lightness for greys."""
    target_rgb = hex_to_rgb(target)
    target_lab = rgb_to_lab(target_rgb)
    if len(pixels) == 0:
        return ColourMatch(False, "none", float("inf"), "no pixels to measure")
    pixels = np.asarray(pixels)[:: max(1, len(pixels) // 20_000)]
    lab = rgb_to_lab(pixels)
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    chromatic = chroma >= CHROMATIC
    target_chroma = float(np.hypot(target_lab[1], target_lab[2]))
    if target_chroma >= CHROMATIC:
        if chromatic.mean() < 0.2:
            grey = np.median(pixels, axis=0)
            de = float(delta_e(rgb_to_lab(grey), target_lab))
            return ColourMatch(
                False, rgb_to_hex(grey), de, f"mostly colourless ({chromatic.mean():.0%} chromatic pixels)"
            )
        hues = _hue(lab[chromatic])
        # dominant hue: the fullest 30° window, weighted by chroma so outlines and shadows count less
        histogram, _ = np.histogram(hues, bins=36, range=(0, 360), weights=chroma[chromatic])
        window = histogram + np.roll(histogram, 1) + np.roll(histogram, -1)
        peak = (int(np.argmax(window)) + 0.5) * 10.0
        near = np.array([_hue_gap(h, peak) <= 15.0 for h in hues])
        dominant = np.median(pixels[chromatic][near], axis=0)
        dominant_hue = float(_hue(rgb_to_lab(dominant)))
        gap = _hue_gap(dominant_hue, float(_hue(target_lab)))
        de = float(delta_e(rgb_to_lab(dominant), target_lab))
        detail = (
            f"dominant colour {rgb_to_hex(dominant)}, hue {dominant_hue:.0f}° "
            f"vs {float(_hue(target_lab)):.0f}° (gap {gap:.0f}°, ΔE {de:.1f})"
        )
        return ColourMatch(gap <= HUE_TOLERANCE, rgb_to_hex(dominant), de, detail)
    if chromatic.mean() > 0.5:
        dominant = np.median(pixels[chromatic], axis=0)
        de = float(delta_e(rgb_to_lab(dominant), target_lab))
        return ColourMatch(
            False,
            rgb_to_hex(dominant),
            de,
            f"mostly coloured ({chromatic.mean():.0%} chromatic pixels), target is achromatic",
        )
    dominant = np.median(pixels[~chromatic], axis=0)
    lightness = float(rgb_to_lab(dominant)[0])
    gap = abs(lightness - float(target_lab[0]))
    de = float(delta_e(rgb_to_lab(dominant), target_lab))
    detail = (
        f"dominant colour {rgb_to_hex(dominant)}, lightness {lightness:.0f} vs {float(target_lab[0]):.0f} (ΔE {de:.1f})"
    )
    return ColourMatch(gap <= LIGHTNESS_TOLERANCE, rgb_to_hex(dominant), de, detail)


# Upper hue limits (HSV degrees) of the plain colour words.
_HUE_WORDS: tuple[tuple[float, str], ...] = (
    (15.0, "red"), (40.0, "orange"), (70.0, "yellow"), (165.0, "green"), (195.0, "cyan"), (255.0, "blue"),
    (290.0, "purple"), (345.0, "pink"), (361.0, "red"),
)  # fmt: skip


def colour_word(color: str) -> str:
    """A plain word for a colour, so evidence reads "mostly green" beside the hex: a hue name for chromatic colours,
    white, grey or black by lightness for the rest."""
    lab = rgb_to_lab(hex_to_rgb(color))
    lightness, chroma = float(lab[0]), float(np.hypot(lab[1], lab[2]))
    if chroma < CHROMATIC:
        return "white" if lightness >= 85 else "black" if lightness < 25 else "grey"
    red, green, blue = (channel / 255 for channel in hex_to_rgb(color))
    hue, _, value = colorsys.rgb_to_hsv(red, green, blue)
    degrees = hue * 360.0
    name = next(word for limit, word in _HUE_WORDS if degrees < limit)
    return "brown" if name == "orange" and value < 0.6 else name


def match_accent(canvas: np.ndarray, target: str) -> ColourMatch:
    """Whether enough of the canvas (0.3%) is within ΔE 12 of the accent colour."""
    sample = canvas[::2, ::2].reshape(-1, 3)
    de = delta_e(rgb_to_lab(sample), rgb_to_lab(hex_to_rgb(target)))
    near = de <= ACCENT_DELTA_E
    share = float(near.mean())
    if near.any():
        measured = np.median(sample[near], axis=0)
        closest = float(delta_e(rgb_to_lab(measured), rgb_to_lab(hex_to_rgb(target))))
        hexcode = rgb_to_hex(measured)
    else:
        closest, hexcode = float(de.min()), rgb_to_hex(sample[int(np.argmin(de))])
    detail = (
        f"{share:.2%} of the canvas within ΔE {ACCENT_DELTA_E:g} of {target} "
        f"(needs {ACCENT_SHARE:.1%}); closest {hexcode}"
    )
    return ColourMatch(share >= ACCENT_SHARE, hexcode, closest, detail)
