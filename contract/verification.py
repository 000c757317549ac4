"""The verifier's seams: the Verifier itself, the OCR engine it reads text with, the detector it counts with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from PIL import Image

from tessera.contract.plan import Box, LayoutPlan, Script
from tessera.contract.reading import Constraints
from tessera.contract.report import VerificationReport


class Verifier(Protocol):
    """Checks a render against its plan and the brief's constraints."""

    def verify(self, image: Image.Image, plan: LayoutPlan, constraints: Constraints) -> VerificationReport:
        """Per-constraint pass/fail with evidence, plus layout lint."""
        ...


@dataclass(frozen=True)
class OcrWord:
    """One recognised word, its confidence (0..100) and its box in the read image's pixels."""

    text: str
    confidence: float
    box: Box


@dataclass(frozen=True)
class OcrReading:
    """What an OCR engine read in one image."""

    text: str
    confidence: float = 0.0  # mean word confidence, 0..100
    words: tuple[OcrWord, ...] = field(default_factory=tuple)
    engine: str = "ocr"  # how it was read, e.g. "tesseract chi_sim psm 7"
    unreadable: str = ""  # characters of the alphabet the engine's model cannot read (no output for them, say)


class OcrEngine(Protocol):
    """Reads the text in an image that holds one planned text box."""

    def read(self, image: Image.Image, *, script: Script, single_line: bool, alphabet: str = "") -> OcrReading:
        """The text in `image`, read as `script`; `single_line` says the box holds one line.

        `alphabet` holds the characters the box is meant to use, so an engine can pick a model
        that knows them (accented Latin, non-Russian Cyrillic) and say which of them its model
        cannot read (`OcrReading.unreadable`); it must not constrain the read.
        """
        ...


@dataclass(frozen=True)
class Detection:
    """One thing a detector found: which of the asked-for classes, where (in the image's pixels), how sure."""

    label: str
    box: Box
    score: float


class Detector(Protocol):
    """Finds instances of the named classes in an image.

    `detect` may return candidates below `threshold` (so evidence can mention near misses);
    the caller keeps those at or above it. Implementations must be safe to share between threads.
    """

    @property
    def name(self) -> str:
        """What detected, for evidence: the backend and its weights, e.g. "owlv2 (google/owlv2-base-patch16)"."""
        ...

    @property
    def threshold(self) -> float:
        """The lowest score a detection counts at."""
        ...

    def detect(self, image: Image.Image, labels: Sequence[str]) -> list[Detection]:
        """Detections of `labels` in `image`, boxes in `image`'s pixels, each labelled with one of `labels`."""
        ...
