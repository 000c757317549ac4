"""Emoji sprites: drawn from the vector set (Fluent Emoji Flat) at their exact size, tinted on demand.

An emoji the vector set lacks is drawn from Noto Color Emoji instead, a bitmap font with one 109 px strike that is
enlarged (at most 4x). Inline emoji in text always come from the bitmap font (`emoji_strike`).
"""

from __future__ import annotations

import colorsys
import math
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage

from tessera.contract import RenderError, hex_to_rgb
from tessera.contract.drawings import variant_drawing, vector_drawing
from tessera.contract.icons import find_icon
from tessera.contract.svg import rasterise
from tessera.contract.vector_emoji import VectorEmoji
from tessera.renderer._fonts import EMOJI_SIZE, FontFace, load_font

_SPECK_REACH = 0.05  # pieces closer than this share of the glyph size belong together
_SPECK_SHARE = 0.1  # a separate piece with less than this share of the painted area is a speck
_SOLID = 64  # alpha above which a pixel counts as painted rather than anti-aliasing halo
_MAX_UPSCALE = 4.0  # of the bitmap strike
_REFERENCE_SIDE = 512  # px: the vector emoji is rasterised this big once, to find its painted part
_CACHED_SPRITES = 64  # drawn sprites kept, per kind
_LARGEST_DRAWN = 2048  # px: a sprite's largest drawing; a larger one is this, enlarged
_CACHED_SIDE = 512  # px: a larger sprite (up to 3840 px, 59 MB) is drawn anew each time rather than kept
_SATURATED = 0.2  # HSV saturation above which a pixel carries the sprite's colour
_ACHROMATIC_SPRITE = 0.15  # below this share of saturated pixels, the whole sprite is recoloured
_ACHROMATIC_TARGET = 0.12  # a target colour this unsaturated is treated as black/grey/white
_HUE_SPREAD_KEPT = 0.5  # share of each pixel's hue offset from the sprite's own hue a tint keeps
_BLENDING_DISTANCE = 48  # RGB distance under which a sprite pixel is lost against its backdrop
_BLENDING_SHARE = 0.6  # a sprite with more of its pixels lost than this gets a halo
_HALO_WIDTH = 0.035  # halo width as a share of the sprite's size, at least 2 px
_SAMPLED_PIXELS = 1 << 20  # the most pixels of a sprite read to judge its colours
_FINE_HALO = 16  # px: a halo wider than this is grown at a coarser scale


@lru_cache(maxsize=1 << 14)
def emoji_strike_box(face: FontFace, text: str, *, rtl: bool = False) -> tuple[int, int, int, int]:
    """Left, top, right and bottom of `text`'s strike (see `emoji_strike`) relative to the pen, drawing nothing."""
    font = load_font(face, EMOJI_SIZE)
    left, top, right, bottom = font.getbbox(text, anchor="ls", direction="rtl" if rtl else "ltr")
    return int(left), int(top), max(int(left) + 1, int(right)), max(int(top) + 1, int(bottom))


def emoji_strike(face: FontFace, text: str, *, rtl: bool = False) -> tuple[Image.Image, tuple[int, int]]:
    """`text` in the colour emoji face at its one size (RGBA), and its top-left corner relative to the pen.

    The pen sits on the baseline; inline emoji in text are this bitmap scaled by size / EMOJI_SIZE. Not cached: a
    run of emoji makes a strike as wide as the run, and a line can hold hundreds.
    """
    font = load_font(face, EMOJI_SIZE)
    direction = "rtl" if rtl else "ltr"
    left, top, right, bottom = emoji_strike_box(face, text, rtl=rtl)
    strike = Image.new("RGBA", (right - left, bottom - top), (0, 0, 0, 0))
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


def sprite(face: FontFace, emoji: str, size: int, color: str | None, variant: str | None = None) -> Image.Image:
    """The emoji (or the `variant` drawing made from it) fitted inside a `size` x `size` square (aspect kept),
    tinted towards `color`.

    Drawn from the vector set at exactly that size (above `_LARGEST_DRAWN`, drawn at that and enlarged). An emoji
    the catalogue draws from the bitmap `face` (one the set lacks) is never enlarged more than 4x (about 500 px):
    beyond that its edges turn visibly blocky, so a larger cell gets a smaller sprite centred in it.

    Do not modify the result: it is shared through the cache.
    """
    if size > _LARGEST_DRAWN:  # tinting and cleaning a 3840 px sprite would take half a gigabyte
        largest = sprite(face, emoji, _LARGEST_DRAWN, color, variant)
        scale = size / _LARGEST_DRAWN
        enlarged = (max(1, round(largest.width * scale)), max(1, round(largest.height * scale)))
        return largest.resize(enlarged, Image.Resampling.LANCZOS)
    return (_small_sprite if size <= _CACHED_SIDE else _sprite)(face, emoji, size, color, variant)


def _sprite(face: FontFace, emoji: str, size: int, color: str | None, variant: str | None) -> Image.Image:
    vector = vector_drawing(emoji)
    vector = (variant_drawing(variant) if variant is not None else None) or vector
    fitted = vector_glyph(vector, size) if vector is not None else _bitmap_glyph(face, emoji, size)
    return tint(fitted, color) if color is not None else fitted


_small_sprite = lru_cache(maxsize=_CACHED_SPRITES)(_sprite)


def icon_sprite(name: str, size: int, color: str) -> Image.Image:
    """The icon `name` of the icon set in `color`, its painted part fitted inside a `size` x `size` square (RGBA):
    drawn once at `size`, and again larger where the icon's own padding left it short.

    Do not modify the result: it is shared through the cache.
    """
    return (_small_icon_sprite if size <= _CACHED_SIDE else _icon_sprite)(name, size, color)


def _icon_sprite(name: str, size: int, color: str) -> Image.Image:
    icon = find_icon(name)
    if icon is None:
        raise RenderError(f"the icon set has no icon {name!r}")
    glyph = _cropped(rasterise(icon.svg(color, size)), name)
    if max(glyph.size) < size - 1:
        glyph = _cropped(rasterise(icon.svg(color, round(size * size / max(glyph.size)))), name)
    if max(glyph.size) > size:  # the larger drawing's rounding can overshoot by a pixel
        scale = size / max(glyph.size)
        glyph = glyph.resize(
            (max(1, round(glyph.width * scale)), max(1, round(glyph.height * scale))), Image.Resampling.LANCZOS
        )
    return glyph


_small_icon_sprite = lru_cache(maxsize=_CACHED_SPRITES)(_icon_sprite)


def _cropped(image: Image.Image, name: str) -> Image.Image:
    bbox = image.getchannel("A").getbbox()
    if bbox is None:
        raise RenderError(f"the icon {name!r} paints nothing")
    return image.crop(bbox)


def _bitmap_glyph(face: FontFace, emoji: str, size: int) -> Image.Image:
    glyph = emoji_glyph(face, emoji)
    scale = min(size / max(glyph.width, glyph.height), _MAX_UPSCALE)
    return glyph.resize(
        (max(1, round(glyph.width * scale)), max(1, round(glyph.height * scale))), Image.Resampling.LANCZOS
    )


def vector_glyph(emoji: VectorEmoji, size: int) -> Image.Image:
    """The vector emoji's painted part rasterised to fit a `size` x `size` square (RGBA), without specks.

    The painted part is known to a reference pixel; where that leaves the glyph short of `size`, it is drawn once
    more at the corrected scale. Do not modify the result.
    """
    return (_small_vector_glyph if size <= _CACHED_SIDE else _vector_glyph)(emoji, size)


def _vector_glyph(emoji: VectorEmoji, size: int) -> Image.Image:
    view = painted_view(emoji)
    glyph = _rasterised_part(emoji, view, size / max(view[2], view[3]))
    if max(glyph.size) < size - 1:
        glyph = _rasterised_part(emoji, view, size / max(view[2], view[3]) * size / max(glyph.size))
    return glyph


_small_vector_glyph = lru_cache(maxsize=_CACHED_SPRITES)(_vector_glyph)


def _rasterised_part(emoji: VectorEmoji, view: tuple[float, float, float, float], scale: float) -> Image.Image:
    """The emoji's part inside `view` at `scale` pixels per grid unit, specks removed, cropped to what is painted."""
    width, height = max(1, round(view[2] * scale)), max(1, round(view[3] * scale))
    glyph = _without_specks(rasterise(emoji.svg(view, width, height)))
    bbox = glyph.getchannel("A").getbbox()
    if bbox is None:
        raise RenderError(f"the vector emoji {emoji.name!r} paints nothing at {width}x{height} px")
    return glyph.crop(bbox)


@lru_cache(maxsize=512)
def painted_view(emoji: VectorEmoji) -> tuple[float, float, float, float]:
    """The part of the emoji's grid its main shape covers (x, y, w, h in grid units): its padding and specks cut.

    Found once on a large rasterisation, with a reference pixel's margin so that anti-aliased edges stay whole.
    """
    full = (0.0, 0.0, float(emoji.width), float(emoji.height))
    unit = _REFERENCE_SIDE / max(emoji.width, emoji.height)
    reference = rasterise(emoji.svg(full, round(emoji.width * unit), round(emoji.height * unit)))
    bbox = _without_specks(reference).getchannel("A").getbbox()
    if bbox is None:
        raise RenderError(f"the vector emoji {emoji.name!r} paints nothing")
    left, top, right, bottom = bbox
    x, y = max(0, left - 1) / unit, max(0, top - 1) / unit
    return x, y, (right + 1) / unit - x, (bottom + 1) / unit - y


def tint(image: Image.Image, color: str) -> Image.Image:
    """`image` (RGBA) recoloured towards `color`, keeping its shading and outlines.

    Saturated pixels take the target's hue (keeping half their offset from the sprite's own hue, so flat artwork
    drawn in two hues, a sun's yellow disc and orange rays, stays two shapes), and their saturation and value are
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
        offset = (h - _mean_hue(h[selected]) + 0.5) % 1.0 - 0.5
        h = np.where(selected, (target_h + _HUE_SPREAD_KEPT * offset) % 1.0, h)
        s = np.where(selected, np.clip(s * target_s / median_s, 0, 1), s)
        v = np.where(selected, np.clip(v * target_v / median_v, 0, 1), v)
    bands = [Image.fromarray(np.rint(band * 255).astype(np.uint8)) for band in (h, s, v)]
    recoloured = Image.merge("HSV", bands).convert("RGB")
    recoloured.putalpha(image.getchannel("A"))
    return recoloured


def _mean_hue(hues: np.ndarray) -> float:
    """The circular mean of hues in [0, 1) (red sits at both ends)."""
    angles = hues.astype(np.float64) * 2 * np.pi
    return float(np.arctan2(np.sin(angles).mean(), np.cos(angles).mean()) / (2 * np.pi)) % 1.0


def blends_into(image: Image.Image, backdrop: tuple[int, int, int]) -> bool:
    """Whether most of the sprite's painted pixels are close to `backdrop`'s colour (a green tree on forest green)."""
    step = sample_step(image.size)
    alpha = np.asarray(image.getchannel("A"))[::step, ::step]
    painted = np.asarray(image.convert("RGB"))[::step, ::step][alpha > _SOLID].astype(np.float32)
    if len(painted) == 0:
        return False
    distance = np.linalg.norm(painted - np.asarray(backdrop, dtype=np.float32), axis=1)
    return float((distance < _BLENDING_DISTANCE).mean()) > _BLENDING_SHARE


def sample_step(size: tuple[int, int]) -> int:
    """Every how many rows and columns to look at an image of `size` to judge its colours: every one up to a
    megapixel, a megapixel's worth beyond (a 3840 px sprite in float would be a third of a gigabyte)."""
    return max(1, math.ceil(math.sqrt(size[0] * size[1] / _SAMPLED_PIXELS)))


def with_halo(image: Image.Image, color: tuple[int, int, int]) -> Image.Image:
    """The sprite on a `color` silhouette a few pixels wider all round, as a sticker is cut: it stays one shape
    that stands off a backdrop of its own colour. The result is no larger than `image`: the sprite shrinks to fit."""
    width = max(2, round(_HALO_WIDTH * max(image.size)))
    inner = image.resize((max(1, image.width - 2 * width), max(1, image.height - 2 * width)), Image.Resampling.LANCZOS)
    alpha = np.zeros((image.height, image.width), dtype=np.uint8)
    alpha[width : width + inner.height, width : width + inner.width] = np.asarray(inner.getchannel("A"))
    grown = _grown(alpha, width)
    halo = Image.new("RGBA", image.size, (*color, 0))
    halo.putalpha(Image.fromarray(grown))
    halo.alpha_composite(inner, (width, width))
    return halo


def _grown(alpha: np.ndarray, width: int) -> np.ndarray:
    """`alpha` dilated by a disc `width` px across; a wide disc at a coarser scale, where the same disc is at most
    `_FINE_HALO` px (dilating by a disc hundreds of pixels across takes minutes and gigabytes)."""
    scale = math.ceil(width / _FINE_HALO)
    if scale <= 1:
        y, x = np.ogrid[-width : width + 1, -width : width + 1]
        return np.asarray(ndimage.grey_dilation(alpha, footprint=x * x + y * y <= width * width))
    coarse = np.asarray(Image.fromarray(alpha).reduce(scale))
    grown = Image.fromarray(_grown(coarse, math.ceil(width / scale)))
    return np.asarray(grown.resize((alpha.shape[1], alpha.shape[0]), Image.Resampling.BILINEAR))
