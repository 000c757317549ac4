"""Emoji sprites: rasterised once from Noto Color Emoji, cropped, resized and tinted on demand."""

from __future__ import annotations

import colorsys
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from tessera.contract import RenderError, hex_to_rgb
from tessera.renderer._fonts import EMOJI_SIZE, FontFace, load_font

_SPECK_REACH = 0.05  # pieces closer than this share of the glyph size belong together
_SPECK_SHARE = 0.1  # a separate piece with less than this share of the painted area is a speck
_SOLID = 64  # alpha above which a pixel counts as painted rather than anti-aliasing halo
_MAX_UPSCALE = 4.0
_SATURATED = 0.2  # HSV saturation above which a pixel carries the sprite's colour
_ACHROMATIC_SPRITE = 0.15  # below this share of saturated pixels, the whole sprite is recoloured
_ACHROMATIC_TARGET = 0.12  # a target colour this unsaturated is treated as black/grey/white


@lru_cache(maxsize=512)
def emoji_strike(face: FontFace, text: str, *, rtl: bool = False) -> tuple[Image.Image, tuple[int, int]]:
    """`text` in the colour emoji face at its one size (RGBA), and its top-left corner relative to the pen.

    The pen sits on the baseline; inline emoji in text are this bitmap scaled by
    size / EMOJI_SIZE. Do not modify the result.
    """
    font = load_font(face, EMOJI_SIZE)
    direction = "rtl" if rtl else "ltr"
    left, top, right, bottom = (int(edge) for edge in font.getbbox(text, anchor="ls", direction=direction))
    strike = Image.new("RGBA", (max(1, right - left), max(1, bottom - top)), (0, 0, 0, 0))
    ImageDraw.Draw(strike).text((-left, -top), text, font=font, anchor="ls", direction=direction, embedded_color=True)
    return strike, (left, top)


@lru_cache(maxsize=512)
def emoji_glyph(face: FontFace, emoji: str) -> Image.Image:
    """The emoji's colour bitmap (RGBA), cropped to its painted pixels. Do not modify the result."""
    strike, _ = emoji_strike(face, emoji)
    bbox = strike.getchannel("A").getbbox()
    if bbox is None:
        raise RenderError(f"Noto Color Emoji has no glyph for {emoji!r}")
    glyph = _without_specks(strike.crop(bbox))
    return glyph.crop(glyph.getchannel("A").getbbox())


def _without_specks(glyph: Image.Image) -> Image.Image:
    """The glyph without decorative specks (stars, dots) that float apart from the main shape.

    Counting downstream sees every separate blob as one object, so a rocket with
    two stars beside it would count as three. Pieces within a few percent of the
    size of each other are one shape (confetti around a popper stays).
    """
    alpha = np.asarray(glyph.getchannel("A"))
    painted = alpha > _SOLID
    reach = max(1, round(_SPECK_REACH * max(alpha.shape)))
    groups, count = ndimage.label(ndimage.binary_dilation(painted, iterations=reach))
    if count <= 1:
        return glyph
    areas = ndimage.sum_labels(painted, groups, index=np.arange(1, count + 1))
    keep = np.isin(groups, 1 + np.flatnonzero(areas >= _SPECK_SHARE * areas.sum()))
    cleaned = glyph.copy()
    cleaned.putalpha(Image.fromarray(np.where(keep, alpha, 0).astype(np.uint8)))
    return cleaned


@lru_cache(maxsize=512)
def sprite(face: FontFace, emoji: str, size: int, color: str | None) -> Image.Image:
    """The emoji fitted inside a `size` x `size` square (aspect kept), tinted towards `color`.

    The bitmap is never enlarged more than 4x (about 500 px): beyond that its edges
    turn visibly blocky, so a larger cell gets a smaller sprite centred in it.

    Do not modify the result: it is shared through the cache.
    """
    glyph = emoji_glyph(face, emoji)
    scale = min(size / max(glyph.width, glyph.height), _MAX_UPSCALE)
    resized = glyph.resize(
        (max(1, round(glyph.width * scale)), max(1, round(glyph.height * scale))), Image.Resampling.LANCZOS
    )
    return tint(resized, color) if color is not None else resized


def tint(image: Image.Image, color: str) -> Image.Image:
    """`image` (RGBA) recoloured towards `color`, keeping its shading and outlines.

    Saturated pixels take the target's hue, and their saturation and value are
    scaled so the sprite's typical pixel matches the target. A target without
    colour (black, grey, white) desaturates them and shifts their value instead.
    A sprite with hardly any colour of its own (a ghost, a cloud) is recoloured whole.
    """
    target_h, target_s, target_v = colorsys.rgb_to_hsv(*(c / 255 for c in hex_to_rgb(color)))
    hsv = np.asarray(image.convert("RGB").convert("HSV"), dtype=np.float32) / 255
    alpha = np.asarray(image.getchannel("A"))
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    opaque = alpha > 32
    selected = opaque & (s > _SATURATED)
    if selected.sum() < _ACHROMATIC_SPRITE * max(1, int(opaque.sum())):
        selected = opaque
    if not selected.any():
        return image
    median_s = max(float(np.median(s[selected])), 1e-3)
    median_v = max(float(np.median(v[selected])), 1e-3)
    if target_s < _ACHROMATIC_TARGET:
        s = np.where(selected, 0.0, s)
        v = np.where(selected, np.clip(target_v + (v - median_v) * 0.6, 0, 1), v)
    else:
        h = np.where(selected, target_h, h)
        s = np.where(selected, np.clip(s * target_s / median_s, 0, 1), s)
        v = np.where(selected, np.clip(v * target_v / median_v, 0, 1), v)
    bands = [Image.fromarray(np.rint(band * 255).astype(np.uint8)) for band in (h, s, v)]
    recoloured = Image.merge("HSV", bands).convert("RGB")
    recoloured.putalpha(image.getchannel("A"))
    return recoloured
