"""Reading planned text boxes from pixels: crop, scale, OCR one language per box, compare normalised strings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
from PIL import Image
from scipy import ndimage

from tessera.contract import Box, OcrEngine, OcrReading, Script, TextElement
from tessera.verifier._pixels import (
    BackgroundModel,
    FloatImage,
    clamp_box,
    fit_background,
    foreground_distance,
    ring_background,
    ring_mask,
)

# Line heights (ink rows, px) to scale a crop to, in the order tried until a read is exact.
# Measured on Noto fonts: tesseract misreads CJK lines taller than ~64 px, and its Arabic model
# returns nothing for some line heights above ~35 px, so Arabic starts smaller.
LINE_HEIGHT_LADDER: dict[str, tuple[int, ...]] = {"arabic": (30, 24, 36)}
DEFAULT_LADDER = (40, 28, 56)
MAX_UPSCALE = 4.0
MIN_SCALE = 0.1
INK_DELTA_E = 18.0  # colour distance from the local background that counts as ink

_SPACELESS: frozenset[str] = frozenset({"han", "kana"})
# Typographic variants that OCR cannot tell from their plain forms at poster sizes
# (an en dash from a hyphen, curly from straight quotes): compared as the plain form.
_LOOK_ALIKES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
     "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
     "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str, script: Script = "latin") -> str:
    """The form two strings are compared in: NFKC, every whitespace run (newlines too) as one space, stripped.

    Invisible format characters (bidi marks, zero-width joiners) are dropped; dashes and curly
    quotes compare as '-', "'" and '"'. For han and kana every space is removed, because
    tesseract puts spaces between CJK characters.
    """
    text = unicodedata.normalize("NFKC", text)
    # bidi marks and other invisible format characters (tesseract emits U+200F in Arabic)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _WHITESPACE.sub(" ", text.translate(_LOOK_ALIKES)).strip()
    if script in _SPACELESS:
        text = text.replace(" ", "")
    return text


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) between two strings."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def character_error_rate(read: str, expected: str) -> float:
    """Levenshtein distance over the expected length (0 is exact; can exceed 1)."""
    return levenshtein(read, expected) / max(1, len(expected))


@dataclass(frozen=True)
class InkLayout:
    """The ink found in a text crop: mask, line count and typical line height."""

    mask: np.ndarray
    lines: int
    line_height: float
    box: tuple[int, int, int, int] | None  # x0, y0, x1, y1 within the crop


def find_ink(distance: FloatImage) -> InkLayout:
    """Ink pixels and text lines, from the distance-to-background image of a crop."""
    mask = distance > INK_DELTA_E
    rows = mask.sum(axis=1) > 0
    labels, count = ndimage.label(rows)
    if count == 0:
        return InkLayout(mask, 0, 0.0, None)
    runs = ndimage.find_objects(labels)
    heights = np.array([r[0].stop - r[0].start for r in runs], dtype=float)
    # diacritics and descenders make thin runs of their own; a line is a run at least 35% as tall as the tallest
    tall = heights >= 0.35 * heights.max()
    ys, xs = np.nonzero(mask)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    return InkLayout(mask, int(tall.sum()), float(np.median(heights[tall])), box)


def _scale_for(line_height: float, target: int) -> float:
    if line_height <= 0 or abs(line_height - target) <= 0.15 * target:
        return 1.0
    return min(MAX_UPSCALE, max(MIN_SCALE, target / line_height))


def _around_ink(distance: FloatImage, ink: InkLayout) -> FloatImage:
    """The part of the crop around the ink, padded by a quarter line (tesseract's raw-line mode wants it tight)."""
    if ink.box is None:
        return distance
    pad = max(4, round(0.25 * ink.line_height))
    x0, y0, x1, y1 = ink.box
    return distance[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]


def _ink_image(distance: FloatImage) -> Image.Image:
    """Dark ink on white, whatever the colours: tesseract's binarisation then sees one contrast."""
    strength = np.clip(distance / (2 * INK_DELTA_E), 0.0, 1.0)
    return Image.fromarray((255 * (1.0 - strength)).astype(np.uint8), "L")


@dataclass(frozen=True)
class TextInk:
    """The pixels of one text element's box: its crop, local background and ink."""

    element: TextElement
    crop: tuple[int, int, int, int] | None  # canvas rectangle (x0, y0, x1, y1) looked at; None when off the canvas
    distance: FloatImage = field(repr=False)  # colour distance from the background, crop-sized
    layout: InkLayout = field(repr=False)
    background: np.ndarray  # modelled RGB under the text
    ink_color: np.ndarray | None  # median RGB of the solid ink; None when there is no ink

    @property
    def ink_box(self) -> Box | None:
        """Bounding box of the ink, in canvas pixels."""
        if self.crop is None or self.layout.box is None:
            return None
        bx0, by0, bx1, by1 = self.layout.box
        return Box(x=self.crop[0] + bx0, y=self.crop[1] + by0, w=bx1 - bx0, h=by1 - by0)


def _box_background(patch: FloatImage, rect: tuple[int, int, int, int], box: Box, thickness: int) -> BackgroundModel:
    """The background under the text, fitted to the inner border of the planned box.

    The box's own border rather than the margin around it: a panel drawn behind the text
    fills the box, while the margin may straddle the panel's edge and blend two colours.
    """
    height, width = patch.shape[:2]
    sample = np.zeros((height, width), dtype=bool)
    bx0, by0 = max(0, box.x - rect[0]), max(0, box.y - rect[1])
    bx1, by1 = min(width, box.right - rect[0]), min(height, box.bottom - rect[1])
    if bx1 - bx0 > 2 * thickness and by1 - by0 > 2 * thickness:
        sample[by0:by1, bx0:bx1] = ring_mask(by1 - by0, bx1 - bx0, thickness)
        return fit_background(patch, sample)
    return ring_background(patch, thickness=thickness)


def measure_ink(canvas: np.ndarray, element: TextElement) -> TextInk:
    """Crop the element's box with a small margin, model the background from the margin, find the ink."""
    height, width = canvas.shape[:2]
    box = element.box
    margin = max(4, round(0.08 * min(box.w, box.h)))
    rect = clamp_box(box, width, height, margin)
    if rect is None:
        nothing = np.zeros((1, 1), np.float32)
        return TextInk(element, None, nothing, find_ink(nothing), np.zeros(3, np.float32), None)
    x0, y0, x1, y1 = rect
    patch = canvas[y0:y1, x0:x1]
    background = _box_background(patch, rect, box, thickness=max(2, margin // 2))
    distance = foreground_distance(patch, background)
    layout = find_ink(distance)
    return TextInk(
        element=element,
        crop=rect,
        distance=distance,
        layout=layout,
        background=background.mean_color(*patch.shape[:2]),
        ink_color=_ink_color(patch, distance, layout.mask),
    )


@dataclass(frozen=True)
class TextReading:
    """What OCR read in one text element's box."""

    element_id: str
    text: str  # normalised OCR text
    error_rate: float  # against the element's own normalised text
    ocr: OcrReading
    crop: tuple[int, int, int, int] | None
    scale: float

    @property
    def evidence(self) -> str:
        where = "off the canvas" if self.crop is None else "in box ({},{},{},{})".format(*self.crop)
        return (
            f"{self.ocr.engine} read {self.ocr.text!r} {where} at {self.scale:.2g}x scale, "
            f"mean confidence {self.ocr.confidence:.0f}; CER {self.error_rate:.2f}"
        )


def read_text(ink: TextInk, ocr: OcrEngine, *, try_hard: bool = True) -> TextReading:
    """OCR the ink of one text box with its script's language, its lines scaled to ~40 px.

    When the first read is not exact (and `try_hard`), the other page mode and two other
    scales are tried, and the closest read is kept: a render is only failed after that.
    """
    element = ink.element
    expected = normalise_text(element.text, element.script)
    if ink.crop is None:
        nothing = OcrReading(text="", engine="nothing to read: the box is off the canvas")
        return TextReading(element.id, "", 1.0, nothing, None, 1.0)
    layout = ink.layout
    ink_image = _ink_image(_around_ink(ink.distance, layout))
    single = layout.lines <= 1 and "\n" not in element.text
    # (scale, single line?) in the order tried; stop at the first exact read, else keep the closest
    ladder = LINE_HEIGHT_LADDER.get(element.script, DEFAULT_LADDER)
    attempts = [(_scale_for(layout.line_height, target), single) for target in ladder]
    attempts.insert(1, (attempts[0][0], not single))
    best: tuple[float, str, OcrReading, float] | None = None
    tried: set[tuple[float, bool]] = set()
    for scale, single_line in attempts[: len(attempts) if try_hard else 1]:
        if (scale, single_line) in tried:
            continue
        tried.add((scale, single_line))
        image = ink_image
        if scale != 1.0:
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(size, Image.Resampling.LANCZOS)
        reading = ocr.read(image, script=element.script, single_line=single_line, alphabet=element.text)
        text = normalise_text(reading.text, element.script)
        cer = character_error_rate(text, expected)
        if best is None or cer < best[0]:
            best = (cer, text, reading, scale)
        if cer == 0:
            break
    assert best is not None
    cer, text, reading, scale = best
    return TextReading(element.id, text, cer, reading, ink.crop, scale)


def _ink_color(patch: np.ndarray, distance: FloatImage, mask: np.ndarray) -> np.ndarray | None:
    """Median colour of the solid ink: the half of the ink pixels farthest from the background (no anti-aliasing)."""
    if mask.sum() < 12:
        return None
    core = mask & (distance >= np.percentile(distance[mask], 50))
    return np.median(patch[core], axis=0).astype(np.float32)
