"""The detector seam: an open-vocabulary detector finds instances of named classes in an image.

`Detector` is the Protocol the verifier counts generated objects with; `DetectorConfig`
says which backend and weights to use, and `load_detector` builds it once per process.
The transformers backends live in `_detect_transformers` and import torch only when loaded.
"""

from __future__ import annotations

import threading
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import Detector, SetupError

DetectorBackend = Literal["none", "owlv2", "grounding-dino"]


class DetectorConfig(BaseModel):
    """Which detector to load: the backend, its weights (a hub id or a local folder), its threshold and device."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: DetectorBackend = Field(default="none", description="none: generated objects are not counted")
    model: str | None = Field(
        default=None, description="hub id or local folder, e.g. google/owlv2-base-patch16-ensemble"
    )
    threshold: float = Field(default=0.3, gt=0.0, lt=1.0, description="lowest score a detection counts at")
    device: str = Field(default="auto", description="torch device: auto (cuda when present), cpu, cuda, cuda:1")


_loaded: dict[DetectorConfig, Detector] = {}
_loading = threading.Lock()


def load_detector(config: DetectorConfig) -> Detector | None:
    """The detector `config` names, loaded once per process and shared; None for backend "none".

    Raises SetupError, naming the model and what to set, when the weights cannot be loaded.
    """
    if config.backend == "none":
        return None
    if not config.model:
        raise SetupError(
            f"the {config.backend} detector needs weights: set TESSERA_DETECTOR_MODEL to a hub id "
            "(e.g. google/owlv2-base-patch16-ensemble) or a local folder, or TESSERA_DETECTOR=none"
        )
    # one lock for every load: two threads asking for the same weights must not load them twice
    with _loading:
        if config not in _loaded:
            from tessera.verifier._detect_transformers import TransformersDetector

            _loaded[config] = TransformersDetector.from_config(config)
        return _loaded[config]
