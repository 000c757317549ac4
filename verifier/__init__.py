"""Image + plan + constraints -> VerificationReport: per-constraint pass/fail with evidence, plus layout lint.

Public face: the `Verifier` Protocol and `RenderVerifier`, which judges pixels; the
`OcrEngine` Protocol with `TesseractOcr`; `score_design`, the design score of a laid-out plan and its image
(also in every report the verifier writes); the `Detector` Protocol, which counts generated
objects, with `DetectorConfig` and `load_detector` (transformers OWLv2 / Grounding DINO,
imported only when loaded); and `normalise_text`, the form strings are compared in.
Everything else lives in private modules.
"""

from tessera.contract import Detection, Detector, OcrEngine, OcrReading, OcrWord, Verifier
from tessera.verifier._design_score import score_design
from tessera.verifier._detect import DetectorConfig, load_detector
from tessera.verifier._ocr import TesseractOcr
from tessera.verifier._text import normalise_text
from tessera.verifier._verifier import RenderVerifier

__all__ = [
    "Detection",
    "Detector",
    "DetectorConfig",
    "OcrEngine",
    "OcrReading",
    "OcrWord",
    "RenderVerifier",
    "TesseractOcr",
    "Verifier",
    "load_detector",
    "normalise_text",
    "score_design",
]
