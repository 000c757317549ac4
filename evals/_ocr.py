"""The eval's own OCR: RapidOCR (PP-OCRv4 ONNX models from its wheel) over the whole image.

It is deliberately a different engine from the verifier's tesseract, and it reads the whole
picture rather than the planned boxes, so text drawn in the wrong place or not at all shows up.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import SetupError, on_backdrop


class OcrLine(BaseModel):
    """One line of text the OCR engine found, with its confidence and bounding box."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    score: float = Field(ge=0.0, le=1.0)
    box: tuple[int, int, int, int] = Field(description="x, y, width, height in image pixels")
    raw_text: str | None = Field(default=None, description="the engine's text before word gaps were restored")


class OcrReading(BaseModel):
    """Everything OCR found in one image, in reading order (top to bottom, left to right)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: str
    lines: list[OcrLine] = Field(default_factory=list)
    seconds: float = Field(default=0.0, ge=0.0)

    @property
    def texts(self) -> list[str]:
        """The line texts in reading order."""
        return [line.text for line in self.lines]

    @property
    def raw_texts(self) -> list[str]:
        """The line texts as the engine returned them, before any post-processing."""
        return [line.raw_text if line.raw_text is not None else line.text for line in self.lines]

    @property
    def texts_by_block(self) -> list[str]:
        """The line texts with each text block's lines together, top to bottom.

        Reading order interleaves side-by-side columns (two speech bubbles at one height); here
        lines that overlap horizontally and follow each other closely form one block.
        """
        return [self.lines[i].text for i in block_order([line.box for line in self.lines])]


@runtime_checkable
class EvalOcr(Protocol):
    """Reads all text in an image. The eval's OCR must not be the verifier's."""

    name: str

    def read(self, image: Path) -> OcrReading:
        """Every line of text in the image at `image`."""
        ...

    def can_read(self, text: str) -> bool:
        """Whether the engine can output every character of `text` (else the eval leaves it unscored)."""
        ...


class RapidEvalOcr:
    """RapidOCR with the PP-OCRv4 detection and recognition models its wheel bundles.

    Build one per process: loading the three ONNX sessions takes ~0.3 s. `threads` bounds
    onnxruntime's intra-op threads so parallel workers do not oversubscribe the cores.

    Two corrections, both measured on Tessera's renders and Noto Sans test lines:
    - the detector splits a line of large text into word boxes whose margins take in a
      neighbour's letter ("WELCOME TO" -> "WELCOME", "ETO"); boxes on one line that touch are
      read again as one line;
    - PP-OCRv4's Chinese recogniser often drops the spaces between upper-case Latin words
      ("FRESH BREWS" -> "FRESHBREWS"), which LongText-Bench's bag of words would count as misses
      although every letter is right. With `restore_spaces`, a Latin line whose pixels show
      more word gaps than its text has spaces is read again one word image at a time (cut at
      the gaps), and spaces go where those readings break; the letters stay the line's own.
      `OcrLine.raw_text` keeps the text before this step.
    """

    name = "rapidocr-onnxruntime 1.4.4 (PP-OCRv4)"

    def __init__(self, *, threads: int | None = None, restore_spaces: bool = True, unclip_ratio: float = 2.0) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as err:  # pragma: no cover - depends on the environment
            raise SetupError(
                "the eval needs RapidOCR: install it with `pip install rapidocr-onnxruntime==1.4.4`"
            ) from err
        # A wider margin around each detected line than the default 1.6: with 1.6 the recogniser
        # clipped first letters ("FRESH" -> "ERESH") and dropped more spaces on Noto Sans test
        # lines (42 of 72 read exactly before restoring spaces; 53 with 2.0).
        options: dict[str, Any] = {"print_verbose": False, "det_unclip_ratio": unclip_ratio}
        if threads is not None:
            options["intra_op_num_threads"] = threads
            options["inter_op_num_threads"] = 1
        self._engine = RapidOCR(**options)
        self._restore_spaces = restore_spaces
        self._alphabet = _recogniser_alphabet(self._engine)

    def can_read(self, text: str) -> bool:
        """Whether every letter and digit of `text` (NFKC) is in the recogniser's dictionary.

        Punctuation is left out of the test: a missing dash costs one edit, a missing script all of them.
        """
        return all(char in self._alphabet for char in unicodedata.normalize("NFKC", text) if char.isalnum())

    def read(self, image: Path) -> OcrReading:
        """Detect and recognise every text line in the whole image."""
        started = time.perf_counter()
        with Image.open(image) as opened:
            rgb = np.asarray(on_backdrop(opened))  # a transparent render is read as the verifier sees it
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])  # RapidOCR takes OpenCV's channel order
        found, _ = self._engine(bgr)
        pieces = [_Piece.from_engine(item, bgr.shape) for item in found or []]
        lines = [self._line(bgr, [pieces[i] for i in group]) for group in same_line_groups([p.rect for p in pieces])]
        lines = [line for line in lines if line.text.strip()]
        return OcrReading(engine=self.name, lines=lines, seconds=round(time.perf_counter() - started, 4))

    def _line(self, bgr: np.ndarray, pieces: list[_Piece]) -> OcrLine:
        if len(pieces) == 1:
            rect, text, score = pieces[0].rect, pieces[0].text, pieces[0].score
        else:
            # The detector split one line of large text into overlapping boxes whose margins
            # take in a neighbour's letter ("WELCOME TO" -> "WELCOME", "ETO"): read the line whole.
            rect = _union([p.rect for p in pieces])
            text, score = self._recognise(bgr[rect[1] : rect[3], rect[0] : rect[2]])
        x0, y0, x1, y1 = rect
        box = (x0, y0, max(x1 - x0, 1), max(y1 - y0, 1))
        horizontal = all(p.horizontal for p in pieces)
        if not self._restore_spaces or not horizontal or not _is_latin_line(text):
            return OcrLine(text=text, score=score, box=box)
        spaced = self._respaced(bgr[y0:y1, x0:x1], text)
        if spaced is None or spaced == text:
            return OcrLine(text=text, score=score, box=box)
        return OcrLine(text=spaced, score=score, box=box, raw_text=text)

    def _recognise(self, crop: np.ndarray) -> tuple[str, float]:
        result, _ = self._engine(np.ascontiguousarray(crop), use_det=False, use_cls=False)
        if not result:
            return "", 0.0
        return "".join(str(part[0]) for part in result), min(max(float(result[0][1]), 0.0), 1.0)

    def _respaced(self, crop: np.ndarray, text: str) -> str | None:
        cuts = word_cuts(crop)
        if len(cuts) - 2 <= text.count(" "):  # no more word gaps than spaces: nothing was dropped
            return None
        words: list[str] = []
        for start, end in zip(cuts[:-1], cuts[1:], strict=True):
            word = self._recognise(crop[:, start:end])[0].replace(" ", "")
            if not word:
                continue
            # Tabular digits ("1" in a "1998") leave gaps as wide as a space: never split a number.
            if words and words[-1][-1].isdigit() and word[0].isdigit():
                words[-1] += word
            else:
                words.append(word)
        return insert_spaces(text, words)


def insert_spaces(text: str, words: list[str]) -> str | None:
    """`text` with a space added wherever `words` (the same line read word by word) has a break.

    Only spaces are added: every character still comes from `text`, so this never trades a
    right letter for a wrong one. None when the two readings disagree too much to align.
    """
    letters = text.replace(" ", "")
    joined = "".join(words)
    matcher = SequenceMatcher(None, joined, letters, autojunk=False)
    if matcher.ratio() < 0.8:
        return None
    breaks = set()
    position = 0
    for char in text:  # keep the spaces the engine did read
        if char == " ":
            breaks.add(position)
        else:
            position += 1
    boundary = 0
    opcodes = matcher.get_opcodes()
    for word in words[:-1]:
        boundary += len(word)
        breaks.add(_aligned(boundary, opcodes))
    breaks.discard(0)
    breaks.discard(len(letters))
    return "".join((" " if index in breaks else "") + char for index, char in enumerate(letters))


def _aligned(index: int, opcodes: Sequence[tuple[str, int, int, int, int]]) -> int:
    """Where position `index` of the first string of a SequenceMatcher falls in the second."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= index < i2 or (index == i2 and tag == "equal"):
            if tag == "equal":
                return j1 + (index - i1)
            return j1 + round((index - i1) * (j2 - j1) / max(i2 - i1, 1))
    return opcodes[-1][4] if opcodes else index


def _recogniser_alphabet(engine: Any) -> frozenset[str]:
    """The characters PP-OCRv4's recogniser can output (about 6,600: Han, Latin, digits, punctuation).

    rapidocr-onnxruntime keeps the dictionary from the model's metadata on its CTC decoder; the
    attribute path is that of the pinned 1.4.4. Without it, assume ASCII and CJK ideographs.
    """
    try:
        return frozenset(str(char) for char in engine.text_rec.postprocess_op.character)
    except AttributeError:  # pragma: no cover - another rapidocr version
        return frozenset(chr(code) for code in [*range(0x20, 0x7F), *range(0x4E00, 0x9FA6)])


Rect = tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels


@dataclass(frozen=True)
class _Piece:
    """One box the detector found, with what the recogniser read in it."""

    rect: Rect
    text: str
    score: float
    horizontal: bool

    @classmethod
    def from_engine(cls, item: list[Any], shape: tuple[int, ...]) -> _Piece:
        polygon = np.asarray(item[0], dtype=float)
        x0, y0 = np.floor(polygon.min(axis=0))
        x1, y1 = np.ceil(polygon.max(axis=0))
        rect = (max(int(x0), 0), max(int(y0), 0), min(int(x1), shape[1]), min(int(y1), shape[0]))
        return cls(rect, str(item[1]), min(max(float(item[2]), 0.0), 1.0), _is_horizontal(polygon))


def same_line_groups(rects: list[Rect]) -> list[list[int]]:
    """Indices of boxes grouped into lines: boxes that share most of their height and touch or overlap.

    Groups come in the order of their first box, boxes within a group from left to right.
    """
    groups = _linked_groups(len(rects), lambda i, j: _same_line(rects[i], rects[j]))
    return [sorted(group, key=lambda i: rects[i][0]) for group in groups]


def block_order(boxes: list[tuple[int, int, int, int]]) -> list[int]:
    """Line indices (boxes as x, y, width, height) regrouped so each block's lines are consecutive.

    Two lines share a block when their horizontal extents overlap and the vertical gap between
    them is under their height. Blocks keep the order of their first line; lines within a block
    go top to bottom.
    """

    def same_block(i: int, j: int) -> bool:
        (x, y, w, h), (x2, y2, w2, h2) = boxes[i], boxes[j]
        overlap = min(x + w, x2 + w2) - max(x, x2)
        gap = max(y, y2) - min(y + h, y2 + h2)
        return overlap > 0 and gap < max(h, h2)

    groups = _linked_groups(len(boxes), same_block)
    return [i for group in groups for i in sorted(group, key=lambda k: boxes[k][1])]


def _linked_groups(count: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Connected components of the `linked` relation over 0..count-1, in order of their smallest member."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(count):
        for j in range(i + 1, count):
            if linked(i, j):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=min)


def _same_line(a: Rect, b: Rect) -> bool:
    height_a, height_b = a[3] - a[1], b[3] - b[1]
    low = max(min(height_a, height_b), 1)
    if max(height_a, height_b) > 1.5 * low:
        return False
    shared = min(a[3], b[3]) - max(a[1], b[1])
    gap = max(a[0], b[0]) - min(a[2], b[2])  # negative when they overlap
    return shared >= 0.6 * low and gap <= 0.5 * low


def _union(rects: list[Rect]) -> Rect:
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def _is_latin_line(text: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in text) and not any("\u3000" <= c <= "\u9fff" for c in text)


def _is_horizontal(polygon: np.ndarray) -> bool:
    (x0, y0), (x1, y1) = polygon[0], polygon[1]
    return abs(y1 - y0) <= 0.1 * max(abs(x1 - x0), 1.0)


def word_cuts(crop: np.ndarray, *, min_gap_ratio: float = 0.33) -> list[int]:
    """Column positions that cut a text-line image into words, at the gaps between inked columns.

    Ink is whatever differs clearly from the crop's border colour (the line's background). A gap
    is a word gap when it is at least `min_gap_ratio` of the ink's height and at least twice the
    median gap. Measured on Noto Sans at 18-64 px: spaces are 0.38-0.57 of the ink height,
    gaps inside words at most 0.31 (digits aside). Returns [0, cut, ..., width].
    """
    width = crop.shape[1]
    gray = crop.astype(np.float32).mean(axis=2) if crop.ndim == 3 else crop.astype(np.float32)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    distance = np.abs(gray - float(np.median(border)))
    contrast = float(distance.max())
    if contrast < 24:  # no legible ink: leave the line alone
        return [0, width]
    ink = distance > contrast * 0.4
    rows = np.flatnonzero(ink.any(axis=1))
    columns = ink.any(axis=0)
    height = int(rows[-1] - rows[0] + 1)
    gaps: list[tuple[int, int]] = []
    column = 0
    while column < width:
        if columns[column]:
            column += 1
            continue
        start = column
        while column < width and not columns[column]:
            column += 1
        if start > 0 and column < width:  # only gaps between inked columns
            gaps.append((start, column))
    if not gaps:
        return [0, width]
    widths = np.array([end - start for start, end in gaps])
    threshold = max(min_gap_ratio * height, 2.0 * float(np.median(widths)))
    cuts = [(start + end) // 2 for start, end in gaps if end - start >= threshold]
    return [0, *cuts, width]
