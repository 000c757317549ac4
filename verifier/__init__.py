"""Image + plan + constraints -> VerificationReport: per-constraint pass/fail with evidence, plus layout lint.

Public face: the `Verifier` Protocol and `RenderVerifier`, which judges pixels; the
`OcrEngine` Protocol with `TesseractOcr`; and `normalise_text`, the form strings are
compared in. Everything else lives in private modules.
"""

from verifier._ocr import OcrEngine, OcrReading, OcrWord, TesseractOcr
from verifier._text import normalise_text
from verifier._verifier import RenderVerifier, Verifier

__all__ = [
    "OcrEngine",
    "OcrReading",
    "OcrWord",
    "RenderVerifier",
    "TesseractOcr",
    "Verifier",
    "normalise_text",
]
