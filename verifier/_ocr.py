"""The OCR seam: the `OcrEngine` Protocol and its tesseract implementation (tesserocr, one API per language)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PIL import Image

from tessera.contract import Box, OcrReading, OcrWord, Script, SetupError, VerificationError

DEBIAN_TESSDATA = Path("/usr/share/tesseract-ocr/5/tessdata")

TESSERACT_LANGUAGE: dict[Script, str] = {
    "latin": "eng",
    "cyrillic": "rus",
    "greek": "ell",
    "han": "chi_sim",
    "kana": "jpn",
    "hangul": "kor",
    "arabic": "ara",
    "hebrew": "heb",
    "devanagari": "hin",
}

# Tesseract's whole-script models, for letters the language models above do not know
# (eng has no 'ä' or '¡', rus no 'і'); the language models read their own letters better.
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
_SCRIPT_MODELS: dict[Script, tuple[str, str]] = {
    "latin": ("Latin", _ASCII),
    "cyrillic": ("Cyrillic", _ASCII + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ«»—–"),
}

# Debian packages of the whole-script models (not named tesseract-ocr-<lang>).
_SCRIPT_PACKAGES = {"Latin": "tesseract-ocr-script-latn", "Cyrillic": "tesseract-ocr-script-cyrl"}

_RAW_LINE_SCRIPTS: frozenset[str] = frozenset({"arabic"})


def tesseract_language(script: Script, alphabet: str = "") -> str:
    """The traineddata to read `script` with: its language model, or the whole-script model for other letters."""
    if script in _SCRIPT_MODELS:
        model, known = _SCRIPT_MODELS[script]
        if any(ch not in known and not ch.isspace() for ch in alphabet):
            return model
    return TESSERACT_LANGUAGE[script]


class TesseractOcr:
    """Tesseract through tesserocr: one language per box, one reusable API per language, each behind a lock.

    Page segmentation: psm 7 (one line) or psm 6 (a uniform block). Whole-page modes
    drop short CJK lines, so callers crop one text box at a time. Arabic single lines use
    psm 13 (raw line): with psm 7 the Arabic model returns nothing for many clean lines.
    """

    def __init__(self, tessdata: Path = DEBIAN_TESSDATA) -> None:
        self.tessdata = Path(tessdata)
        # Any: tesserocr ships no stubs, so its PyTessBaseAPI has no type to name.
        self._apis: dict[str, tuple[Any, threading.Lock]] = {}
        self._guard = threading.Lock()

    def read(self, image: Image.Image, *, script: Script, single_line: bool, alphabet: str = "") -> OcrReading:
        """Read `image` with the traineddata for `script` (and `alphabet`)."""
        from tesserocr import PSM, RIL, iterate_level

        language = tesseract_language(script, alphabet)
        api, lock = self._api(language)
        psm = PSM.SINGLE_LINE if single_line else PSM.SINGLE_BLOCK
        if single_line and script in _RAW_LINE_SCRIPTS:
            psm = PSM.RAW_LINE
        words: list[OcrWord] = []
        with lock:
            api.SetPageSegMode(psm)
            api.SetImage(image)
            api.Recognize()
            text = api.GetUTF8Text() or ""
            iterator = api.GetIterator()
            if iterator is not None:
                for word in iterate_level(iterator, RIL.WORD):
                    try:
                        content = word.GetUTF8Text(RIL.WORD)
                    except RuntimeError:  # tesserocr raises on an empty word
                        continue
                    bbox = word.BoundingBox(RIL.WORD)
                    if not content or bbox is None:
                        continue
                    x0, y0, x1, y1 = bbox
                    words.append(
                        OcrWord(
                            content,
                            float(word.Confidence(RIL.WORD)),
                            Box(x=x0, y=y0, w=max(1, x1 - x0), h=max(1, y1 - y0)),
                        )
                    )
            api.Clear()
        confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
        return OcrReading(
            text=text.strip(), confidence=confidence, words=tuple(words), engine=f"tesseract {language} psm {int(psm)}"
        )

    def _api(self, language: str) -> tuple[Any, threading.Lock]:
        with self._guard:
            if language not in self._apis:
                self._apis[language] = (self._open(language), threading.Lock())
            return self._apis[language]

    def _open(self, language: str) -> Any:
        try:
            from tesserocr import OEM, PyTessBaseAPI
        except ImportError as exc:  # pragma: no cover - tesserocr is a hard dependency
            raise SetupError("tesserocr is not installed; install the 'tessera' package with its dependencies") from exc
        if not (self.tessdata / f"{language}.traineddata").is_file():
            package = _SCRIPT_PACKAGES.get(language, "tesseract-ocr-" + language.replace("_", "-"))
            raise SetupError(
                f"tesseract has no '{language}' language data in {self.tessdata}; "
                f"install the Debian package {package} (apt-get install {package}) "
                "or point TesseractOcr at a tessdata folder that has it"
            )
        try:
            # tesserocr wants the folder path with a trailing separator
            return PyTessBaseAPI(path=str(self.tessdata) + "/", lang=language, oem=OEM.LSTM_ONLY)
        except RuntimeError as exc:
            raise VerificationError(f"tesseract could not load '{language}' from {self.tessdata}: {exc}") from exc

    def close(self) -> None:
        """Free every tesseract API this engine opened."""
        with self._guard:
            for api, lock in self._apis.values():
                with lock:
                    api.End()
            self._apis.clear()
