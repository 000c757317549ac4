"""Pixel measurements shared by every check: colour spaces, local background models, ink masks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from tessera.contract import SRGB_CURVE, Box

FloatImage = NDArray[np.float32]
Mask = NDArray[np.bool_]


def _linear_formula(rgb: ArrayLike) -> NDArray[np.float32]:
    """The contract's sRGB curve, vectorised over an image."""
    c = np.asarray(rgb, dtype=np.float32) / 255.0
    curve = SRGB_CURVE
    return np.where(c <= curve.threshold, c / curve.slope, ((c + curve.offset) / curve.scale) ** curve.gamma).astype(
        np.float32
    )


_LINEAR_LUT = _linear_formula(np.arange(256, dtype=np.float32))


def _linear(rgb: ArrayLike) -> NDArray[np.float32]:
    """sRGB to linear light; 8-bit input goes through a lookup table (the power is the slow part)."""
    values = np.asarray(rgb)
    if values.dtype == np.uint8:
        return _LINEAR_LUT[values]
    return _linear_formula(values)


_RGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]],
    dtype=np.float32,
)
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883], dtype=np.float32)


def rgb_to_lab(rgb: ArrayLike) -> FloatImage:
    """sRGB (0..255 floats or uint8, last axis 3; an (r, g, b) tuple too) to CIE L*a*b* under D65."""
    xyz = _linear(rgb) @ _RGB_TO_XYZ.T / _WHITE_D65
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    lab = np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)
    return lab.astype(np.float32)


def delta_e(lab_a: NDArray[np.floating], lab_b: NDArray[np.floating]) -> NDArray[np.float32]:
    """CIE76 colour difference (Euclidean in Lab); about 2.3 is just noticeable, above 10 reads as another shade."""
    return np.sqrt(np.sum((np.asarray(lab_a) - np.asarray(lab_b)) ** 2, axis=-1)).astype(np.float32)


def clamp_box(box: Box, width: int, height: int, margin: int = 0) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1) of `box` grown by `margin` and clipped to the canvas; None when nothing is left."""
    x0, y0 = max(0, box.x - margin), max(0, box.y - margin)
    x1, y1 = min(width, box.right + margin), min(height, box.bottom + margin)
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def ring_mask(height: int, width: int, thickness: int) -> Mask:
    """True on the outer `thickness` pixels of a height x width patch."""
    mask = np.ones((height, width), dtype=bool)
    t = max(1, min(thickness, height // 2 - 1, width // 2 - 1)) if min(height, width) > 3 else 0
    if t > 0:
        mask[t:-t, t:-t] = False
    return mask


@dataclass(frozen=True)
class BackgroundModel:
    """A local background: a colour plane c(x, y) = a + b*x + c*y per channel, fitted to a patch's border.

    A plane covers both flat fills and linear gradients; the fit is trimmed twice so
    that sprites or glyphs touching the border do not pull it.
    """

    coef: NDArray[np.floating]  # 3 x 3: per channel (a, b, c)
    residual: float  # median colour residual of the kept border pixels, in 0..255 units

    def predict(self, height: int, width: int) -> FloatImage:
        """The modelled background over a height x width patch (RGB, float)."""
        yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
        return (self.coef[:, 0] + xx[..., None] * self.coef[:, 1] + yy[..., None] * self.coef[:, 2]).astype(np.float32)

    def mean_color(self, height: int, width: int) -> NDArray[np.float32]:
        """The modelled colour at the patch centre."""
        return (self.coef[:, 0] + self.coef[:, 1] * width / 2 + self.coef[:, 2] * height / 2).astype(np.float32)


def fit_background(patch: FloatImage, sample: Mask) -> BackgroundModel:
    """Fit a trimmed colour plane to the pixels of `patch` where `sample` is True."""
    ys, xs = np.nonzero(sample)
    step = max(1, len(ys) // 6000)  # a few thousand border pixels pin a plane down
    ys, xs = ys[::step], xs[::step]
    values = patch[ys, xs].astype(np.float64)
    design = np.stack([np.ones_like(xs, dtype=np.float64), xs, ys], axis=1)
    keep = np.ones(len(xs), dtype=bool)
    coef: NDArray[np.floating] = np.zeros((3, 3))
    for _ in range(3):
        if keep.sum() < 6:
            keep[:] = True
        solution, *_ = np.linalg.lstsq(design[keep], values[keep], rcond=None)
        coef = solution.T
        residual = np.linalg.norm(design @ solution - values, axis=1)
        # the border is mostly background: keep the better-fitting 60% and pixels within noise
        keep = residual <= max(np.percentile(residual, 60), 4.0)
    residual_med = float(np.median(np.linalg.norm(design[keep] @ coef.T - values[keep], axis=1))) if keep.any() else 0.0
    return BackgroundModel(coef=coef, residual=residual_med)


def ring_background(patch: FloatImage, thickness: int | None = None) -> BackgroundModel:
    """The background of a patch, fitted to its border ring."""
    h, w = patch.shape[:2]
    t = thickness if thickness is not None else max(2, round(0.04 * min(h, w)))
    return fit_background(patch, ring_mask(h, w, t))


def background_lab(background: BackgroundModel, height: int, width: int) -> FloatImage:
    """The modelled background in Lab; a flat model is converted once, a gradient on an 8 px grid."""
    if np.abs(background.coef[:, 1:]).max() * max(height, width) < 1.0:
        return np.broadcast_to(rgb_to_lab(background.mean_color(height, width)), (height, width, 3))
    step = 8
    coarse = BackgroundModel(coef=background.coef * np.array([1.0, step, step]), residual=background.residual)
    gh, gw = -(-height // step), -(-width // step)
    lab = rgb_to_lab(coarse.predict(gh, gw))
    return np.repeat(np.repeat(lab, step, axis=0), step, axis=1)[:height, :width]


# Rows of a patch converted to Lab at once: the float64 steps of a whole 3840x900 text box took 170 MB.
_LAB_STRIP_ROWS = 256


def foreground_distance(patch: NDArray[np.generic], background: BackgroundModel) -> FloatImage:
    """Per-pixel CIE76 distance between the patch and its modelled background, a strip of rows at a time."""
    h, w = patch.shape[:2]
    lab_background = background_lab(background, h, w)
    distance = np.empty((h, w), dtype=np.float32)
    for top in range(0, h, _LAB_STRIP_ROWS):
        rows = slice(top, top + _LAB_STRIP_ROWS)
        distance[rows] = delta_e(rgb_to_lab(patch[rows]), lab_background[rows])
    return distance
