"""Colour names, hex codes in briefs, shades and readable inks: what the planner needs to pick colours.

Parsing hex colours and WCAG contrast are the contract's (`tessera.contract.colors`).
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Sequence

from PIL import ImageColor

from tessera.contract import WCAG_AA_CONTRAST, contrast_ratio, hex_to_rgb, normalize_hex, rgb_to_hex

# CSS names (Pillow ships the 148 of CSS Color Module 4) plus names people use in briefs.
_EXTRA_NAMES: dict[str, str] = {
    "cream": "#FFF8E1",
    "offwhite": "#FAF9F6",
    "burgundy": "#800020",
    "mustard": "#E1AD01",
    "charcoal": "#36454F",
    "mint": "#3EB489",
    "emerald": "#50C878",
    "ruby": "#E0115F",
    "sapphire": "#0F52BA",
    "amber": "#FFBF00",
    "peach": "#FFCBA4",
    "rose": "#E8507A",
    "sand": "#D8C8A8",
    "terracotta": "#E2725B",
    "lilac": "#C8A2C8",
    "mauve": "#B784A7",
    "rust": "#B7410E",
    "golden": "#FFD700",
    "babyblue": "#89CFF0",
    "navyblue": "#000080",
    "skyblue": "#87CEEB",
    "wine": "#722F37",
    "forest": "#228B22",
    "ochre": "#CC7722",
    "scarlet": "#FF2400",
    "jade": "#00A86B",
    "cobalt": "#0047AB",
    "pastelblue": "#AEC6CF",
}

# Modifiers change lightness and saturation in HLS; None keeps the value.
MODIFIERS: dict[str, tuple[float | None, float | None]] = {
    "deep": (0.25, 0.85),
    "dark": (0.22, None),
    "light": (0.80, None),
    "bright": (0.55, 1.0),
    "vivid": (0.50, 1.0),
    "pale": (0.88, 0.55),
    "pastel": (0.82, 0.55),
    "soft": (0.75, 0.45),
    "muted": (None, 0.35),
    "dusty": (0.62, 0.30),
    "warm": (None, None),
    "cool": (None, None),
    "rich": (0.35, 0.90),
    "hot": (0.55, 1.0),
}

_HEX = re.compile(r"#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})(?![0-9A-Za-z])")


def base_color(word: str) -> str | None:
    """The hex of one colour name ("navy", "light blue" joined as "lightblue"), or None."""
    key = word.lower().replace(" ", "").replace("-", "")
    key = key.replace("grey", "gray") if key not in ImageColor.colormap else key
    if key in _EXTRA_NAMES:
        return _EXTRA_NAMES[key]
    value = ImageColor.colormap.get(key)
    # Pillow replaces a name's hex string with an RGB tuple the first time anyone resolves it.
    if isinstance(value, tuple):
        return "#{:02X}{:02X}{:02X}".format(*value[:3])
    if isinstance(value, str) and value.startswith("#") and len(value) == 7:
        return value.upper()
    return None


def is_color_word(word: str) -> bool:
    """Whether a single word names a colour or modifies one."""
    return base_color(word) is not None or word.lower() in MODIFIERS


def hex_codes(text: str) -> list[tuple[int, int, str]]:
    """Every hex colour code in `text` as (start, end, '#RRGGBB')."""
    return [(m.start(), m.end(), normalize_hex(m.group())) for m in _HEX.finditer(text)]


def apply_modifier(color: str, modifier: str) -> str:
    """`color` changed the way a word such as 'deep' or 'pale' changes it."""
    lightness, saturation = MODIFIERS.get(modifier.lower(), (None, None))
    h, light, s = _hls(color)
    if lightness is not None:
        light = lightness
    if saturation is not None:
        s = saturation if s > 0.05 else s  # keep greys grey
    return _from_hls(h, light, s)


def _hls(color: str) -> tuple[float, float, float]:
    r, g, b = (v / 255 for v in hex_to_rgb(color))
    return colorsys.rgb_to_hls(r, g, b)


def _from_hls(h: float, light: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, light)), max(0.0, min(1.0, s)))
    return rgb_to_hex((r * 255, g * 255, b * 255))


def shift_lightness(color: str, delta: float) -> str:
    """`color` with its HLS lightness moved by `delta` (-1..1)."""
    h, light, s = _hls(color)
    return _from_hls(h, light + delta, s)


def readable_shade(color: str, behind: Sequence[str], minimum: float) -> str | None:
    """The shade of `color` (same hue and saturation) nearest in lightness that reads at `minimum` contrast.

    None when no shade within 0.2 of its HLS lightness does; a named colour such as "red"
    is a family of shades, so a darker red on a pale background still honours the brief.
    """
    h, light, s = _hls(color)
    # Past a fifth of the lightness range the hue stops reading as the colour asked for
    # (yellow turns olive): then a panel behind the text is the better answer.
    shades = [step / 100 for step in range(8, 95)]
    candidates = sorted((abs(shade - light), shade) for shade in shades if abs(shade - light) <= 0.2)
    for _, shade in candidates:
        candidate = _from_hls(h, shade, s)
        if worst_contrast(candidate, behind) >= minimum:
            return candidate
    return None


def lightness(color: str) -> float:
    """HLS lightness in 0..1."""
    return _hls(color)[1]


def worst_contrast(color: str, behind: Sequence[str]) -> float:
    """The lowest contrast of `color` against any of the colours behind it."""
    return min(contrast_ratio(color, b) for b in behind)


INK_LIGHT = "#FFFFFF"
INK_DARK = "#111111"


def best_ink(behind: Sequence[str], preferred: Sequence[str] = (), minimum: float = WCAG_AA_CONTRAST) -> str:
    """The first preferred colour readable on every colour behind, else white or near-black, whichever reads better."""
    for candidate in preferred:
        if worst_contrast(candidate, behind) >= minimum:
            return candidate
    return max((INK_LIGHT, INK_DARK, "#000000"), key=lambda c: worst_contrast(c, behind))
