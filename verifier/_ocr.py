"""The OCR seam's tesseract implementation (tesserocr, one API per language setting) and which languages read a box."""

from __future__ import annotations

import functools
import struct
import threading
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from PIL import Image

from tessera.contract import Box, OcrReading, OcrWord, Script, SetupError, VerificationError, script_of, script_runs
from tessera.verifier._normalise import normalise_text
from tessera.verifier._ocr_misses import RARELY_READ

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
    "thai": "tha",
    "bengali": "ben",
    "tamil": "tam",
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
_LATIN_MODELS = frozenset({"eng", "Latin"})
# Mean word confidence below which a psm 7 line is read again in raw-line mode. On LongText-Bench Chinese,
# right psm 7 reads had a median confidence of 92 (a tenth below 85), wrong ones about 72.
_SURE = 90.0


# Scripts a language model reads besides its own, so their runs need no second model (jpn reads kanji).
_ALSO_READS: dict[Script, frozenset[Script]] = {"kana": frozenset({"han"})}


def tesseract_language(script: Script, alphabet: str = "") -> str:
    """The traineddata to read a box of `script` with, '+'-joined when its text (`alphabet`) mixes scripts.

    A box in one script gets that script's model alone, exactly as single-script boxes always have:
    mixed settings such as eng+chi_sim+rus break Arabic, Japanese and Korean. A mixed box, such as
    'Open 周一至周五', gets its own script's model first, then one for each other script it has a run
    of letters in (`script_runs`), unless the first already reads those letters: chi_sim+eng.
    """
    letters = _letters_by_script(alphabet)
    others = [s for s in letters if s != script and s not in _ALSO_READS.get(script, frozenset())]
    if not others:
        return _language_model(script, alphabet)
    models = [_language_model(script, letters.get(script, ""))] + [_language_model(s, letters[s]) for s in others]
    return "+".join(dict.fromkeys(models))


def _letters_by_script(text: str) -> dict[Script, str]:
    """The text of every run of `text` that has letters, joined per script, in the order the scripts appear."""
    letters: dict[Script, str] = {}
    for run in script_runs(text):
        if any(script_of(ch) is not None for ch in run.text):
            letters[run.script] = letters.get(run.script, "") + run.text
    return letters


def _language_model(script: Script, alphabet: str) -> str:
    """The traineddata for one script: its language model, or the whole-script model for other letters."""
    if script in _SCRIPT_MODELS:
        model, known = _SCRIPT_MODELS[script]
        if any(ch not in known and not ch.isspace() for ch in alphabet):
            return model
    return TESSERACT_LANGUAGE[script]


_LSTM_UNICHARSET = 21  # the LSTM character set's slot in a traineddata file (tesseract's TessdataType)
_SPECIAL_UNICHARS = frozenset({"NULL", "Joined", "|Broken|0|1"})  # unicharset entries that are not characters


@functools.lru_cache(maxsize=32)
def _model_characters(path: Path) -> frozenset[str]:
    """Every code point the LSTM model in a traineddata file can output; empty when the file is missing.

    A traineddata file is a table of component offsets (an int32 count, then int64 offsets, -1 for
    an absent component) followed by the components; the LSTM character set is a text component
    whose lines start with one unit each (a letter, or a cluster of code points in Indic scripts).
    """
    if not path.is_file():
        return frozenset()
    with path.open("rb") as file:
        (count,) = struct.unpack("<i", file.read(4))
        offsets = struct.unpack(f"<{count}q", file.read(8 * count))
        start = offsets[_LSTM_UNICHARSET] if count > _LSTM_UNICHARSET else -1
        if start < 0:
            return frozenset()
        end = min((offset for offset in offsets if offset > start), default=path.stat().st_size)
        file.seek(start)
        lines = file.read(end - start).decode("utf-8").splitlines()[1:]
    units = (line.split(" ", 1)[0] for line in lines)
    return frozenset(ch for unit in units if unit not in _SPECIAL_UNICHARS for ch in unit)


class TesseractOcr:
    """Tesseract through tesserocr: one reusable API per language setting, each behind a lock.

    Languages: see `tesseract_language`. Page segmentation: psm 7 (one line) or psm 6 (a
    uniform block). Whole-page modes drop short CJK lines, so callers crop one text box at a
    time. Arabic single lines use psm 13 (raw line): with psm 7 the Arabic model returns
    nothing for many clean lines. Any other single line that psm 7 reads with little
    confidence (or not at all) is read again in raw-line mode, and the surer reading is kept:
    on LongText-Bench Chinese lines psm 7 alone read 88% exactly, the surer of the two 93%.
    """

    def __init__(self, tessdata: Path = DEBIAN_TESSDATA) -> None:
        self.tessdata = Path(tessdata)
        # Any: tesserocr ships no stubs, so its PyTessBaseAPI has no type to name.
        self._apis: dict[str, tuple[Any, threading.Lock]] = {}
        self._guard = threading.Lock()

    def read(self, image: Image.Image, *, script: Script, single_line: bool, alphabet: str = "") -> OcrReading:
        """Read `image` with the traineddata for `script` and the scripts of `alphabet`."""
        from tesserocr import PSM

        language = tesseract_language(script, alphabet)
        psm = PSM.SINGLE_LINE if single_line else PSM.SINGLE_BLOCK
        if single_line and script in _RAW_LINE_SCRIPTS:
            psm = PSM.RAW_LINE
        reading = self._surest(image, language, psm)
        models = language.split("+")
        scripts = [m for m in models if m not in _LATIN_MODELS]
        if single_line and len(scripts) > 1 and reading.confidence < _SURE:
            # The first model of a mixed setting leads the read: 'ソウル 서울 カフェ' is garbled by jpn+kor and read
            # exactly by kor+jpn, so a line mixing two such scripts, read with little confidence, is read with the
            # other script's model first too (a Latin model stays last: it only reads the digits and Latin runs).
            rotated = scripts[1:] + scripts[:1] + [m for m in models if m in _LATIN_MODELS]
            swapped = self._surest(image, "+".join(rotated), psm)
            if swapped.text and swapped.confidence > reading.confidence:
                reading = swapped
        return replace(reading, unreadable=self.unreadable(language, alphabet))

    def _surest(self, image: Image.Image, language: str, psm: int) -> OcrReading:
        """The read in page mode `psm`; a psm 7 line read with little confidence (or not at all) is read again in
        raw-line mode, and the surer of the two kept."""
        from tesserocr import PSM

        reading = self._recognise(image, language, psm)
        if psm == PSM.SINGLE_LINE and (not reading.text or reading.confidence < _SURE):
            raw = self._recognise(image, language, PSM.RAW_LINE)
            if raw.text and (not reading.text or raw.confidence > reading.confidence):
                reading = raw
        return reading

    def unreadable(self, language: str, alphabet: str) -> str:
        """The letters and digits of `alphabet` that no model of `language` ('chi_sim+eng') can read, in order.

        A model cannot read what is not in its LSTM character set (chi_sim has no 榛 or 獾), nor
        the letters it rarely read back from clean renders (`RARELY_READ`: chi_sim reads 爵 as 历).
        Punctuation and symbols are left to the comparison's table of OCR confusions.
        """
        models = language.split("+")
        letters = (ch for ch in alphabet if unicodedata.category(ch)[0] in "LMN")
        return "".join(dict.fromkeys(ch for ch in letters if not any(self._can_read(model, ch) for model in models)))

    def _can_read(self, model: str, char: str) -> bool:
        """Whether `model` can give back `char`, or a form the comparison takes for it (: for ：)."""
        if char in RARELY_READ.get(model, ""):
            return False
        known = _model_characters(self.tessdata / f"{model}.traineddata")
        folded = normalise_text(char)
        return char in known or (bool(folded) and all(ch in known for ch in folded))

    def _recognise(self, image: Image.Image, language: str, psm: int) -> OcrReading:
        from tesserocr import RIL, iterate_level

        api, lock = self._api(language)
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
        for model in language.split("+"):
            if not (self.tessdata / f"{model}.traineddata").is_file():
                package = _SCRIPT_PACKAGES.get(model, "tesseract-ocr-" + model.replace("_", "-"))
                raise SetupError(
                    f"tesseract has no '{model}' language data in {self.tessdata}; "
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
