"""One verification's pixels and plan, with every measurement taken at most once."""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from tessera.contract import (
    Detector,
    LayoutPlan,
    ObjectGroup,
    OcrEngine,
    Script,
    TextElement,
    VerificationError,
    on_backdrop,
)
from tessera.verifier._count import InstanceCount, count_instances
from tessera.verifier._detect_count import DetectedCount, count_detections
from tessera.verifier._text import TextInk, TextReading, measure_ink, normalise_text, read_text


def singular(noun: str) -> str:
    """A crude singular for matching object classes: 'Balloons' -> 'balloon', 'berries' -> 'berry'."""
    word = re.sub(r"\s+", " ", noun.strip().lower())
    for suffix, replacement in (
        ("ies", "y"),
        ("ves", "f"),
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def as_canvas(image: Image.Image, plan: LayoutPlan) -> np.ndarray:
    """The image as an H x W x 3 uint8 array at the plan's canvas size (a same-aspect render is rescaled).

    An image with transparency is checked as it shows over `TRANSPARENT_BACKDROP` (`on_backdrop`), the ground its
    colours were chosen for, so that OCR, counting, colours and contrast lint all see the same pixels.
    """
    width, height = plan.canvas.width, plan.canvas.height
    image = on_backdrop(image)
    if image.size != (width, height):
        if abs(image.width / image.height - width / height) > 0.01:
            raise VerificationError(
                f"the image is {image.width}x{image.height} but the plan's canvas is {width}x{height}; "
                "verify the render that was made from this plan"
            )
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    return np.asarray(image)


class Scene:
    """The render as pixels plus its plan; readings, ink, counts and detections are computed on first use and kept."""

    def __init__(
        self,
        image: Image.Image,
        plan: LayoutPlan,
        ocr: OcrEngine,
        detector: Detector | None = None,
        second_ocr: OcrEngine | None = None,
    ) -> None:
        self.plan = plan
        self.canvas = as_canvas(image, plan)
        self.width, self.height = plan.canvas.width, plan.canvas.height
        self.detector = detector
        self._ocr = ocr
        self._second_ocr = second_ocr  # reads the boxes `ocr` does not read exactly, as a second opinion
        self._ink: dict[str, TextInk] = {}
        self._readings: dict[str, TextReading] = {}
        self._counts: dict[str, InstanceCount] = {}
        self._detections: dict[str, DetectedCount] = {}

    def ink(self, element: TextElement) -> TextInk:
        if element.id not in self._ink:
            self._ink[element.id] = measure_ink(self.canvas, element)
        return self._ink[element.id]

    def reading(self, element: TextElement) -> TextReading:
        if element.id not in self._readings:
            self._readings[element.id] = read_text(self.ink(element), self._ocr, self._second_ocr)
        return self._readings[element.id]

    def count(self, group: ObjectGroup) -> InstanceCount:
        if group.id not in self._counts:
            self._counts[group.id] = count_instances(self.canvas, group)
        return self._counts[group.id]

    def detected(self, group: ObjectGroup) -> DetectedCount:
        """The detector's count in the group box; only call it when the scene has a detector."""
        if self.detector is None:
            raise ValueError("this scene has no detector")
        if group.id not in self._detections:
            self._detections[group.id] = count_detections(self.canvas, group, self.detector)
        return self._detections[group.id]

    def texts_carrying(self, text: str, script: Script) -> list[TextElement]:
        """The plan's text elements whose text equals `text` after normalisation."""
        wanted = normalise_text(text, script)
        return [e for e in self.plan.texts() if normalise_text(e.text, e.script) == wanted]

    def texts_containing(self, text: str, script: Script) -> list[TextElement]:
        """The plan's text elements whose text contains `text` (after normalisation), for partial matches."""
        wanted = normalise_text(text, script)
        return [e for e in self.plan.texts() if wanted and wanted in normalise_text(e.text, e.script)]

    def groups_of(self, object_class: str) -> list[ObjectGroup]:
        """The plan's object groups of that class (case-insensitive, singular or plural)."""
        wanted = singular(object_class)
        return [g for g in self.plan.object_groups() if singular(g.object_class) == wanted]
