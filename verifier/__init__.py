"""Image + plan + constraints -> VerificationReport: per-constraint pass/fail with evidence, plus layout lint.

Public face: the `Verifier` Protocol and `RenderVerifier`, which judges pixels; the
`OcrEngine` Protocol with `TesseractOcr` and `RapidOcr`, the second opinion on text tesseract misreads
(its process-wide models, `rapid_models`, and `block_order` also serve the eval's whole-image reads);
`score_design`, the design score of a laid-out plan and its image (also in every report the verifier writes);
the `Detector` Protocol, which counts generated objects, with `DetectorConfig` and `load_detector`
(transformers OWLv2 / Grounding DINO, imported only when loaded); and `normalise_text`, the form strings are
compared in. Everything else lives in private modules.
"""

from tessera.contract import Detection, Detector, OcrEngine, OcrReading, OcrWord, Verifier
from tessera.verifier._design_score import score_design
from tessera.verifier._detect import DetectorConfig, load_detector
from tessera.verifier._ocr import TesseractOcr
from tessera.verifier._ocr_rapid import RAPIDOCR_SCRIPTS, RapidLine, RapidModels, RapidOcr, block_order, rapid_models
from tessera.verifier._text import normalise_text
from tessera.verifier._verifier import RenderVerifier

__all__ = [
    "Detection",
    "Detector",
    "DetectorConfig",
    "OcrEngine",
    "OcrReading",
    "OcrWord",
    "RAPIDOCR_SCRIPTS",
    "RapidLine",
    "RapidModels",
    "RapidOcr",
    "RenderVerifier",
    "TesseractOcr",
    "Verifier",
    "block_order",
    "load_detector",
    "normalise_text",
    "rapid_models",
    "score_design",
]
