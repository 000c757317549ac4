"""Which letters each CJK tesseract model rarely reads back from clean renders; writes verifier/_ocr_misses.py.

Usage (from the repository root; about two and a half minutes on two cores):

    PYTHONPATH=. .venv/bin/python bench/measure_ocr_misses.py

Every han, kana or hangul letter of a model's character set is drawn black on white in Noto Sans
CJK (the face the renderer sets that script in), regular and bold, 40 px high, in lines of eight
letters in eight random orders, and each line is read with `TesseractOcr` as the verifier reads a
one-line box. A letter that at most a quarter of its sixteen lines give back is listed: OCR is no
evidence either way about it (chi_sim reads 爵 as 历 almost always), so the verifier accepts any
one character in its place and says so (`OcrReading.unreadable`). How often a letter is read
depends on its neighbours, hence the many orders.
"""

from __future__ import annotations

import difflib
import random
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tessera.contract import Script
from tessera.verifier import TesseractOcr
from tessera.verifier._ocr import DEBIAN_TESSDATA, _model_characters

CJK_FONTS = Path("/usr/share/fonts/opentype/noto")
# model -> (script it is read as, face index in NotoSansCJK-*.ttc, Unicode name prefixes of the letters measured)
MODELS: dict[str, tuple[Script, int, tuple[str, ...]]] = {
    "chi_sim": ("han", 2, ("CJK UNIFIED",)),
    "jpn": ("kana", 0, ("CJK UNIFIED", "HIRAGANA", "KATAKANA")),
    "kor": ("hangul", 1, ("HANGUL SYLLABLE",)),
}
ORDERS = 8
MOST_READS = 4  # a letter given back by at most this many of its 2 * ORDERS lines (a quarter) is listed
LINE = 8
OUT = Path(__file__).resolve().parent.parent / "verifier" / "_ocr_misses.py"


def letters_of(model: str) -> list[str]:
    """The model's single-code-point letters of the measured kinds, sorted."""
    prefixes = MODELS[model][2]
    known = _model_characters(DEBIAN_TESSDATA / f"{model}.traineddata")
    return sorted(ch for ch in known if unicodedata.name(ch, "").startswith(prefixes))


def lines_of(letters: list[str]) -> list[str]:
    """The letters in `ORDERS` random orders (fixed seeds), cut into lines of `LINE`."""
    lines = []
    for seed in range(ORDERS):
        shuffled = letters[:]
        random.Random(seed).shuffle(shuffled)
        lines += ["".join(shuffled[i : i + LINE]) for i in range(0, len(shuffled), LINE)]
    return lines


def read_back(model: str, weight: str, lines: list[str]) -> Counter[str]:
    """How often each letter of `lines` was given back in place by OCR, drawn at `weight`."""
    script, index, _ = MODELS[model]
    font = ImageFont.truetype(str(CJK_FONTS / f"NotoSansCJK-{weight}.ttc"), 40, index=index)
    ocr = TesseractOcr()
    read: Counter[str] = Counter()
    for line in lines:
        image = Image.new("L", (round(font.getlength(line)) + 24, 64), 255)
        ImageDraw.Draw(image).text((12, 6), line, font=font, fill=0)
        got = ocr.read(image, script=script, single_line=True, alphabet=line).text.replace(" ", "")
        blocks = difflib.SequenceMatcher(a=line, b=got, autojunk=False).get_matching_blocks()
        read.update(line[a + i] for a, _, size in blocks for i in range(size))
    return read


def rarely_read(model: str, pool: ProcessPoolExecutor) -> str:
    """The model's letters given back by at most `MOST_READS` of their lines, in either weight."""
    letters = letters_of(model)
    lines = lines_of(letters)
    jobs = [pool.submit(read_back, model, weight, lines[part::2]) for weight in ("Regular", "Bold") for part in (0, 1)]
    read = sum((job.result() for job in jobs), Counter[str]())
    print(model, "letters by lines read back:", sorted(Counter(read[ch] for ch in letters).items()))
    return "".join(ch for ch in letters if read[ch] <= MOST_READS)


def module_text(misses: dict[str, str]) -> str:
    """verifier/_ocr_misses.py, with each model's letters in lines that fit the line length."""
    body = []
    for model, letters in misses.items():
        chunks = [letters[i : i + 50] for i in range(0, len(letters), 50)]
        if len(chunks) <= 1:
            body.append(f'    "{model}": "{letters}",')
        else:
            body.append(f'    "{model}": (\n' + "".join(f'        "{chunk}"\n' for chunk in chunks) + "    ),")
    return (
        '"""The letters each CJK tesseract model rarely or never read back from clean Noto renders, by model.\n\n'
        "Written by bench/measure_ocr_misses.py (read it for how); do not edit by hand. Measured on\n"
        "Debian's tesseract-ocr 4.1 language data; measure again when the tessdata changes.\n"
        '"""\n\n'
        "RARELY_READ: dict[str, str] = {\n" + "\n".join(body) + "\n}\n"
    )


def main() -> None:
    """Measure every model in `MODELS` and write the module."""
    with ProcessPoolExecutor(2) as pool:
        misses = {model: rarely_read(model, pool) for model in MODELS}
    for model, letters in misses.items():
        print(f"{model}: {len(letters)} of {len(letters_of(model))} letters rarely or never read back")
    OUT.write_text(module_text(misses), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
