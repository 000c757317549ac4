"""Open-vocabulary detection with transformers: OWLv2 and Grounding DINO, weights from configuration.

Imported only by `load_detector`, so a verifier without a detector never imports torch.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import torch
from PIL import Image
from transformers import AutoModelForZeroShotObjectDetection, AutoProcessor
from transformers.utils import is_torchvision_available

from tessera.contract import Box, Detection, SetupError, VerificationError
from tessera.verifier._detect import DetectorConfig

# model_type values in a checkpoint's config.json that each backend accepts
_MODEL_TYPES = {"owlv2": {"owlv2"}, "grounding-dino": {"grounding-dino", "mm-grounding-dino"}}
# candidates down to this share of the threshold come back, so evidence can name near misses
_CANDIDATE_FLOOR = 0.5


def _device(choice: str) -> torch.device:
    if choice == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(choice)


class TransformersDetector:
    """A zero-shot object detector from transformers (`AutoModelForZeroShotObjectDetection` + `AutoProcessor`).

    One forward pass at a time: the lock keeps a shared model's memory bounded and its
    outputs untangled when several runs verify at once.
    """

    def __init__(self, config: DetectorConfig, processor: Any, model: Any, device: torch.device) -> None:
        self.config = config
        self.device = device
        self._processor = processor
        self._model = model
        self._lock = threading.Lock()

    @classmethod
    def from_config(cls, config: DetectorConfig) -> TransformersDetector:
        """Load processor and weights with `from_pretrained(config.model)`; SetupError says what to set on failure."""
        assert config.model is not None and config.backend != "none"
        what = f"the {config.backend} detector {config.model!r}"
        hint = (
            "set TESSERA_DETECTOR_MODEL to a hub id (e.g. google/owlv2-base-patch16-ensemble) or a local folder "
            "holding the model's config, weights and processor files, or TESSERA_DETECTOR=none"
        )
        try:
            device = _device(config.device)
            backend = "torchvision" if is_torchvision_available() else "pil"
            processor = AutoProcessor.from_pretrained(config.model, backend=backend)
            model = AutoModelForZeroShotObjectDetection.from_pretrained(config.model).to(device).eval()
        except Exception as err:  # from_pretrained raises OSError, ValueError, KeyError... for a bad source
            raise SetupError(f"could not load {what}: {err}. {hint}") from err
        model_type = getattr(model.config, "model_type", "?")
        if model_type not in _MODEL_TYPES[config.backend]:
            raise SetupError(
                f"{what} is a {model_type!r} model, not {config.backend}: set TESSERA_DETECTOR to match the weights"
            )
        return cls(config, processor, model, device)

    @property
    def name(self) -> str:
        """The backend and its weights, e.g. "owlv2 (google/owlv2-base-patch16-ensemble)"."""
        return f"{self.config.backend} ({self.config.model})"

    @property
    def threshold(self) -> float:
        return self.config.threshold

    def detect(self, image: Image.Image, labels: Sequence[str]) -> list[Detection]:
        """Detections of `labels` in `image` with scores from `_CANDIDATE_FLOOR` x threshold up, boxes in its pixels."""
        labels = list(labels)
        if not labels:
            return []
        image = image.convert("RGB")
        floor = self.threshold * _CANDIDATE_FLOOR
        try:
            with self._lock, torch.inference_mode():
                inputs = self._processor(images=image, text=[labels], return_tensors="pt").to(self.device)
                outputs = self._model(**inputs)
                result = self._post_process(outputs, inputs, floor, (image.height, image.width), labels)
        except RuntimeError as err:  # out of memory, a device failure
            raise VerificationError(f"the detector {self.name} failed: {err}") from err
        detections = []
        for coords, score, text in zip(
            result["boxes"].tolist(), result["scores"].tolist(), result["text_labels"], strict=True
        ):
            box = _box(coords, image.size)
            if box is not None:
                detections.append(Detection(label=self._label(text, labels), box=box, score=float(score)))
        return detections

    def _post_process(
        self, outputs: Any, inputs: Any, floor: float, size: tuple[int, int], labels: list[str]
    ) -> dict[str, Any]:
        if self.config.backend == "owlv2":
            # OWLv2 pads to a square before resizing; the processor scales boxes back to (height, width) itself
            return self._processor.post_process_grounded_object_detection(
                outputs, threshold=floor, target_sizes=[size], text_labels=[labels]
            )[0]
        return self._processor.post_process_grounded_object_detection(
            outputs, input_ids=inputs["input_ids"], threshold=floor, text_threshold=floor, target_sizes=[size]
        )[0]

    @staticmethod
    def _label(text: str | None, labels: list[str]) -> str:
        """Grounding DINO names what it found with words from the prompt: map them back to an asked-for label."""
        if text in labels or not text:
            return text or labels[0]
        return next((label for label in labels if text in label or label in text), labels[0])


def _box(coords: Sequence[float], size: tuple[int, int]) -> Box | None:
    """An (x0, y0, x1, y1) float box clipped to an image of `size` (w, h), in whole pixels.

    None when nothing of it is left: OWLv2 pads the image to a square, and a box wholly in
    the padding shows nothing of the image.
    """
    width, height = size
    x0, x1 = (min(max(round(v), 0), width) for v in (coords[0], coords[2]))
    y0, y1 = (min(max(round(v), 0), height) for v in (coords[1], coords[3]))
    if x1 <= x0 or y1 <= y0:
        return None
    return Box(x=x0, y=y0, w=x1 - x0, h=y1 - y0)
