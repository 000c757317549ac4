"""Reading planned text boxes from pixels: crop, scale, OCR each box, compare normalised strings."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from PIL import Image
from scipy import ndimage

from tessera.contract import Box, OcrEngine, OcrReading, Script, TextElement
from tessera.contract.bidi import display_order
from tessera.verifier._normalise import normalise_text, reconcile
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
    """The ink found in a text crop: mask, lines and typical line height."""

    mask: np.ndarray
    lines: int
    line_height: float
    box: tuple[int, int, int, int] | None  # x0, y0, x1, y1 within the crop
    line_rows: tuple[tuple[int, int], ...] = ()  # each line's rows (y0, y1) within the crop, cut midway between lines


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
    lines = [runs[i][0] for i in np.flatnonzero(tall)]
    cuts = [0] + [(above.stop + below.start) // 2 for above, below in itertools.pairwise(lines)] + [mask.shape[0]]
    ys, xs = np.nonzero(mask)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    return InkLayout(mask, len(lines), float(np.median(heights[tall])), box, tuple(itertools.pairwise(cuts)))


def _scale_for(line_height: float, target: int) -> float:
    if line_height <= 0 or abs(line_height - target) <= 0.15 * target:
        return 1.0
    return min(MAX_UPSCALE, max(MIN_SCALE, target / line_height))


def _around_ink(distance: FloatImage, ink: InkLayout) -> FloatImage:
    """The part of the crop around the ink, padded by a quarter line (tesseract's raw-line mode wants it tight)."""
    if ink.box is None:
        return distance
    return _padded(distance, ink.box, ink.line_height)


def _each_line(distance: FloatImage, ink: InkLayout) -> list[FloatImage]:
    """The part of the crop around each line's ink, padded like `_around_ink`."""
    parts = []
    for y0, y1 in ink.line_rows:
        ys, xs = np.nonzero(ink.mask[y0:y1])
        if len(ys):
            box = (int(xs.min()), y0 + int(ys.min()), int(xs.max()) + 1, y0 + int(ys.max()) + 1)
            parts.append(_padded(distance, box, ink.line_height))
    return parts


def _padded(distance: FloatImage, box: tuple[int, int, int, int], line_height: float) -> FloatImage:
    pad = max(4, round(0.25 * line_height))
    x0, y0, x1, y1 = box
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
    box = element.placed_box
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
class EngineReading:
    """One OCR engine's closest read of a text box."""

    text: str  # normalised OCR text, forgiven OCR confusions of the element's characters undone (`reconcile`)
    error_rate: float  # against the element's own normalised text
    ocr: OcrReading
    scale: float

    def reads_every_letter(self, text: str) -> bool:
        """Whether the engine's model can read every letter of `text`, so its exact read proves them all."""
        return not set(self.ocr.unreadable) & set(text)

    def describe(self) -> str:
        """What the engine read, for evidence."""
        if self.ocr.unreadable and not self.ocr.text:
            return f"{self.ocr.engine} cannot read {self.ocr.unreadable!r}: it read nothing"
        unreadable = (
            f"; its model cannot read {self.ocr.unreadable!r}, so any one character counts there"
            if self.ocr.unreadable
            else ""
        )
        exact = " (exact)" if self.error_rate == 0 else ""
        return (
            f"{self.ocr.engine} read {self.ocr.text!r} at {self.scale:.2g}x scale, "
            f"mean confidence {self.ocr.confidence:.0f}, CER {self.error_rate:.2f}{exact}{unreadable}"
        )


@dataclass(frozen=True)
class TextReading:
    """What OCR read in one text element's box: the first engine's closest read, then the second opinion's.

    The reading that decides (`decisive`) is the first exact read by an engine that can read every letter
    of the element's text; else the first engine's read when it is exact where its model can read; else
    the closest read of an engine that can read every letter (the first engine's on a tie, or when none can).
    """

    element_id: str
    element_text: str
    reads: tuple[EngineReading, ...]  # the first engine's, then the second engine's when it was asked
    crop: tuple[int, int, int, int] | None

    @property
    def decisive(self) -> EngineReading:
        """The read the verdict rests on."""
        proving = [read for read in self.reads if read.reads_every_letter(self.element_text)]
        exact = [read for read in proving if read.error_rate == 0]
        if exact:
            return exact[0]
        if self.reads[0].error_rate == 0:
            return self.reads[0]  # exact where its model can read; the check says the rest was not verified
        return min(proving or self.reads[:1], key=lambda read: read.error_rate)

    @property
    def text(self) -> str:
        """The decisive read, normalised and reconciled with the element's text."""
        return self.decisive.text

    @property
    def error_rate(self) -> float:
        """The decisive read's character error rate against the element's own normalised text."""
        return self.decisive.error_rate

    @property
    def ocr(self) -> OcrReading:
        """The decisive engine's raw reading."""
        return self.decisive.ocr

    @property
    def scale(self) -> float:
        """The scale the decisive read was made at."""
        return self.decisive.scale

    @property
    def evidence(self) -> str:
        """Which engine read what, where."""
        where = "off the canvas" if self.crop is None else "in box ({},{},{},{})".format(*self.crop)
        return f"{'; '.join(read.describe() for read in self.reads)}; {where}"


# How a crop is handed to OCR: as one line, as a block of lines, or line by line (each line cut out and read as
# one line, for blocks whose block read drops a line).
ReadMode = Literal["line", "block", "lines"]


def read_text(ink: TextInk, ocr: OcrEngine, second: OcrEngine | None = None, *, try_hard: bool = True) -> TextReading:
    """OCR the ink of one text box in the languages of its scripts, its lines scaled to ~40 px.

    When the first read is not exact (and `try_hard`), other page modes and two other scales
    are tried, and the closest read is kept: a render is only failed after that. Readings are
    compared normalised, with the OCR confusions `reconcile` forgives undone. A line that mixes directions is
    also compared in display order, which is how OCR reports it ('Price 2026 مرحبا' for 'Price مرحبا 2026'):
    read that way, it counts as the string read exactly.

    When the first engine's closest read is still not exact, or is exact only because its model cannot
    read some letter, the `second` engine reads the same ink (`_second_attempts`), and its closest
    read is kept beside the first: the text passes when either engine that can read every letter reads
    it exactly. An exact first read costs no second read.
    """
    element = ink.element
    if ink.crop is None:
        nothing = OcrReading(text="", engine="nothing to read: the box is off the canvas")
        return TextReading(element.id, element.text, (EngineReading("", 1.0, nothing, 1.0),), None)
    attempts = _attempts(ink)
    first = _closest(ink, ocr, attempts[: len(attempts) if try_hard else 1])
    proven = first.error_rate == 0 and first.reads_every_letter(element.text)
    if try_hard and not proven and element.script == "han" and element.language == "ja":
        # Japanese kanji: chi_sim has no 営 or 業, the Japanese model reads them (but reads 〜 as て): its reading
        # counts when it is as close and proves more letters.
        japanese = _closest(ink, ocr, attempts, script="kana")
        better = (japanese.error_rate, len(japanese.ocr.unreadable)) < (first.error_rate, len(first.ocr.unreadable))
        first = japanese if better else first
    reads: tuple[EngineReading, ...] = (first,)
    if second is not None and try_hard and not (first.error_rate == 0 and first.reads_every_letter(element.text)):
        reads += (_second_opinion(ink, second, attempts),)
    return TextReading(element.id, element.text, reads, ink.crop)


def _closest(
    ink: TextInk, ocr: OcrEngine, attempts: list[tuple[float, ReadMode]], *, script: Script | None = None
) -> EngineReading:
    """`ocr`'s reads at `attempts` in order (with the models of `script`, default the element's), until one is
    exact; the closest of them."""
    element = ink.element
    expected = normalise_text(element.text, element.script)
    displayed = normalise_text(display_order(element.text, element.script), element.script)
    best: EngineReading | None = None
    for scale, mode in attempts:
        reading = _read(ink, ocr, scale, mode, script or element.script)
        read = normalise_text(reading.text, element.script)
        text = reconcile(read, expected, reading.unreadable)
        if text != expected and displayed != expected and reconcile(read, displayed, reading.unreadable) == displayed:
            text = expected  # the same pieces, reported in the order they are displayed
        cer = character_error_rate(text, expected)
        if best is None or cer < best.error_rate:
            best = EngineReading(text, cer, reading, scale)
        if cer == 0:
            break
    assert best is not None
    return best


def _second_opinion(ink: TextInk, second: OcrEngine, attempts: list[tuple[float, ReadMode]]) -> EngineReading:
    """The second engine's closest read of the ink, asked once only when it cannot read every letter (RapidOCR
    then runs no model and reads nothing)."""
    first, *others = _second_attempts(attempts)
    opinion = _closest(ink, second, [first])
    if opinion.error_rate == 0 or not others or not opinion.reads_every_letter(ink.element.text):
        return opinion
    other = _closest(ink, second, others)
    return other if other.error_rate < opinion.error_rate else opinion


def _second_attempts(attempts: list[tuple[float, ReadMode]]) -> list[tuple[float, ReadMode]]:
    """The second engine's (scale, mode): the first engine's first, then the whole crop as a block at its own size.

    The block read lets RapidOCR's own line detector find the lines where the ink's line finding failed (text
    running over the edge of a panel drawn behind it made one 547 px "line" on LongText-Bench): of the 11 text
    boxes tesseract failed in 320 LongText-Bench renders, RapidOCR read 3 exactly in the first mode, 10 as a
    block at 1x. The first mode goes first as it costs a fifth as much (median 0.1 s a box against 0.5 s).
    """
    first_scale, first_mode = attempts[0]
    mode: ReadMode = "line" if first_mode == "line" else "lines"
    return list(dict.fromkeys([(first_scale, mode), (1.0, "block")]))


def _attempts(ink: TextInk) -> list[tuple[float, ReadMode]]:
    """(scale, mode) in the order tried: the first ladder height in both modes, then the other heights."""
    layout, element = ink.layout, ink.element
    scales = [
        _scale_for(layout.line_height, target) for target in LINE_HEIGHT_LADDER.get(element.script, DEFAULT_LADDER)
    ]
    if layout.lines <= 1 and "\n" not in element.text:
        attempts: list[tuple[float, ReadMode]] = [(scales[0], "line"), (scales[0], "block")]
        attempts += [(scale, "line") for scale in scales[1:]]
    else:
        attempts = [(scales[0], "block"), (scales[0], "lines")]
        attempts += [(scale, mode) for scale in scales[1:] for mode in ("block", "lines")]
    return list(dict.fromkeys(attempts))


def _read(ink: TextInk, ocr: OcrEngine, scale: float, mode: ReadMode, script: Script) -> OcrReading:
    element = ink.element
    if mode != "lines":
        image = _scaled(_ink_image(_around_ink(ink.distance, ink.layout)), scale)
        return ocr.read(image, script=script, single_line=mode == "line", alphabet=element.text)
    lines = [
        ocr.read(_scaled(_ink_image(part), scale), script=script, single_line=True, alphabet=element.text)
        for part in _each_line(ink.distance, ink.layout)
    ]
    return OcrReading(
        text="\n".join(line.text for line in lines),
        confidence=sum(line.confidence for line in lines) / max(1, len(lines)),
        engine=f"{lines[0].engine if lines else 'ocr'}, line by line",
        unreadable=lines[0].unreadable if lines else "",
    )


def _scaled(image: Image.Image, scale: float) -> Image.Image:
    if scale == 1.0:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _ink_color(patch: np.ndarray, distance: FloatImage, mask: np.ndarray) -> np.ndarray | None:
    """Median colour of the solid ink: the half of the ink pixels farthest from the background (no anti-aliasing)."""
    if mask.sum() < 12:
        return None
    core = mask & (distance >= np.percentile(distance[mask], 50))
    return np.median(patch[core], axis=0).astype(np.float32)
