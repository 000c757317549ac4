"""The eval's own OCR: RapidOCR (PP-OCRv4 ONNX models from its wheel) over the whole image.

It is deliberately a different engine from the verifier's tesseract, and it reads the whole
picture rather than the planned boxes, so text drawn in the wrong place or not at all shows up.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import on_backdrop
from tessera.verifier import RapidLine, block_order, rapid_models


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
    """RapidOCR with the PP-OCRv4 detection and recognition models its wheel bundles, shared with the verifier.

    Build one per process: the models load once per process (`rapid_models`, ~0.4 s). `threads` bounds
    onnxruntime's intra-op threads so parallel workers do not oversubscribe the cores.

    A line the detector split into touching word boxes is read again whole, and with `restore_spaces`
    a Latin line gets back the spaces PP-OCRv4 drops between upper-case words ("FRESH BREWS" ->
    "FRESHBREWS"), which LongText-Bench's bag of words would count as misses although every letter is
    right (see `RapidModels.lines`); `OcrLine.raw_text` keeps the text before that step.
    """

    name = "rapidocr-onnxruntime 1.4.4 (PP-OCRv4)"

    def __init__(self, *, threads: int | None = None, restore_spaces: bool = True) -> None:
        self._models = rapid_models(threads)
        self._restore_spaces = restore_spaces

    def can_read(self, text: str) -> bool:
        """Whether every letter and digit of `text` (NFKC) is in the recogniser's dictionary.

        Punctuation is left out of the test: a missing dash costs one edit, a missing script all of them.
        """
        alphabet = self._models.alphabet
        return all(char in alphabet for char in unicodedata.normalize("NFKC", text) if char.isalnum())

    def read(self, image: Path) -> OcrReading:
        """Detect and recognise every text line in the whole image."""
        started = time.perf_counter()
        with Image.open(image) as opened:
            rgb = np.asarray(on_backdrop(opened))  # a transparent render is read as the verifier sees it
        bgr = np.ascontiguousarray(rgb[:, :, ::-1])  # RapidOCR takes OpenCV's channel order
        lines = [_ocr_line(line) for line in self._models.lines(bgr, restore_spaces=self._restore_spaces)]
        return OcrReading(engine=self.name, lines=lines, seconds=round(time.perf_counter() - started, 4))


def _ocr_line(line: RapidLine) -> OcrLine:
    x0, y0, x1, y1 = line.rect
    return OcrLine(
        text=line.text, score=line.score, box=(x0, y0, max(x1 - x0, 1), max(y1 - y0, 1)), raw_text=line.raw_text
    )
