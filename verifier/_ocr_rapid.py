"""RapidOCR (PP-OCRv4 ONNX models from its wheel) as an `OcrEngine`: the verifier's second opinion on a text box.

The models load once per process (`rapid_models`) and are shared with the eval's whole-image reads
(tessera.evals), which also use the line machinery here: re-reading a line word by word to put back
the spaces PP-OCRv4 drops between Latin words (`word_cuts`, `insert_spaces`).
"""

from __future__ import annotations

import itertools
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import numpy as np
from PIL import Image

from tessera.contract import OcrReading, Script, SetupError, script_of

RAPIDOCR = "rapidocr PP-OCRv4"

# The scripts PP-OCRv4's Chinese recogniser reads, measured on its dictionary (6,623 characters): all 62 ASCII
# letters and digits and 13 accented Latin letters (no ñ ç ö ß), 6,280 Han characters; of other scripts only
# strays (10 of 48 Greek letters, 6 of 66 Cyrillic, 5 katakana, 1 hiragana, 2 hangul syllables, no Arabic).
RAPIDOCR_SCRIPTS: frozenset[Script] = frozenset({"latin", "han"})

# A wider margin around each detected line than RapidOCR's default 1.6: with 1.6 the recogniser clipped first
# letters ("FRESH" -> "ERESH") and dropped more spaces on Noto Sans test lines (42 of 72 read exactly before
# restoring spaces; 53 with 2.0).
_UNCLIP_RATIO = 2.0

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1 in image pixels


@dataclass(frozen=True)
class RapidLine:
    """One line of text RapidOCR found in an image."""

    rect: Rect
    text: str
    score: float  # 0..1
    raw_text: str | None = None  # the recogniser's text before dropped spaces were restored, when they were


@dataclass(frozen=True)
class _Piece:
    """One box the detector found, with what the recogniser read in it."""

    rect: Rect
    text: str
    score: float
    horizontal: bool

    @classmethod
    def from_engine(cls, item: Sequence[Any], shape: tuple[int, ...]) -> _Piece:
        polygon = np.asarray(item[0], dtype=float)
        x0, y0 = np.floor(polygon.min(axis=0))
        x1, y1 = np.ceil(polygon.max(axis=0))
        rect = (max(int(x0), 0), max(int(y0), 0), min(int(x1), shape[1]), min(int(y1), shape[0]))
        (ax, ay), (bx, by) = polygon[0], polygon[1]
        horizontal = abs(by - ay) <= 0.1 * max(abs(bx - ax), 1.0)
        return cls(rect, str(item[1]), min(max(float(item[2]), 0.0), 1.0), horizontal)


class RapidModels:
    """PP-OCRv4's detection, direction and recognition sessions, loaded together (~0.4 s), used one call at a time.

    One lock around every call: RapidOCR's call writes its detector's settings, so two threads must not share it.
    `threads` bounds onnxruntime's intra-op threads so parallel workers do not oversubscribe the cores.
    """

    def __init__(self, threads: int | None = None) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as err:  # pragma: no cover - a main dependency; depends on the environment
            raise SetupError("RapidOCR is missing: install it with `pip install rapidocr-onnxruntime==1.4.4`") from err
        options: dict[str, Any] = {"print_verbose": False, "det_unclip_ratio": _UNCLIP_RATIO}
        if threads is not None:
            options["intra_op_num_threads"] = threads
            options["inter_op_num_threads"] = 1
        self._engine = RapidOCR(**options)
        # The detector's working memory (~150 MB at the largest square it is given) is taken once, with the models,
        # so that a process holds it from the start and the first block a request reads does not add it.
        self._engine(np.full((MAX_DETECTED_SIDE, MAX_DETECTED_SIDE, 3), 255, dtype=np.uint8))
        self._lock = threading.Lock()
        self.alphabet = _recogniser_alphabet(self._engine)

    def lines(self, image: np.ndarray, *, restore_spaces: bool = True) -> list[RapidLine]:
        """Every line of text in an image (BGR or grey), in RapidOCR's reading order.

        The detector splits a line of large text into word boxes whose margins take in a neighbour's letter
        ("WELCOME TO" -> "WELCOME", "ETO"): boxes on one line that touch are read again as one line. With
        `restore_spaces`, horizontal Latin lines get their dropped spaces back (`respaced`).
        """
        bgr = _three_channels(image)
        with self._lock:
            found, _ = self._engine(np.ascontiguousarray(bgr))
        pieces = [_Piece.from_engine(item, bgr.shape) for item in found or []]
        groups = same_line_groups([piece.rect for piece in pieces])
        lines = [self._line(bgr, [pieces[i] for i in group], restore_spaces) for group in groups]
        return [line for line in lines if line.text.strip()]

    def recognise(self, crop: np.ndarray) -> tuple[str, float]:
        """The text of one line image (BGR or grey) and its score (0..1), without detection."""
        with self._lock:
            result, _ = self._engine(np.ascontiguousarray(_three_channels(crop)), use_det=False, use_cls=False)
        if not result:
            return "", 0.0
        return "".join(str(part[0]) for part in result), min(max(float(result[0][1]), 0.0), 1.0)

    def respaced(self, crop: np.ndarray, text: str) -> str | None:
        """`text` (the recogniser's reading of the line image `crop`) with the spaces it dropped put back, or None.

        PP-OCRv4's Chinese recogniser often drops the spaces between upper-case Latin words ("FRESH BREWS" ->
        "FRESHBREWS"). When the pixels show more word gaps than the text has spaces, the line is read again
        one word image at a time (cut at the gaps), and spaces go where those readings break; the letters
        stay the line's own. None when nothing was dropped or the two readings do not align.
        """
        cuts = word_cuts(crop)
        if len(cuts) - 2 <= text.count(" "):
            return None
        words: list[str] = []
        for start, end in itertools.pairwise(cuts):
            word = self.recognise(crop[:, start:end])[0].replace(" ", "")
            if not word:
                continue
            # Tabular digits ("1" in a "1998") leave gaps as wide as a space: never split a number.
            if words and words[-1][-1].isdigit() and word[0].isdigit():
                words[-1] += word
            else:
                words.append(word)
        return insert_spaces(text, words)

    def _line(self, bgr: np.ndarray, pieces: list[_Piece], restore_spaces: bool) -> RapidLine:
        if len(pieces) == 1:
            rect, text, score = pieces[0].rect, pieces[0].text, pieces[0].score
        else:
            rect = union([piece.rect for piece in pieces])
            text, score = self.recognise(bgr[rect[1] : rect[3], rect[0] : rect[2]])
        x0, y0, x1, y1 = rect
        if not restore_spaces or not all(piece.horizontal for piece in pieces) or not is_latin_line(text):
            return RapidLine(rect, text, score)
        spaced = self.respaced(bgr[y0:y1, x0:x1], text)
        if spaced is None or spaced == text:
            return RapidLine(rect, text, score)
        return RapidLine(rect, spaced, score, raw_text=text)


_loaded: list[RapidModels] = []  # at most one: the process's
_loading = threading.Lock()


def rapid_models(threads: int | None = None) -> RapidModels:
    """The process's PP-OCRv4 models, loaded on first use with `threads`; later callers share them as they are."""
    with _loading:
        if not _loaded:
            _loaded.append(RapidModels(threads))
        return _loaded[0]


class RapidOcr:
    """RapidOCR as an `OcrEngine`: reads one text box's crop, as independent of tesseract as an engine can be.

    A single line is recognised without detection (the crop is already one line); a block is detected
    (on a white square, see `_squared`) and recognised line by line. Only boxes whose every letter the
    model can output are read: for any other, `read` runs no model and names the letters in
    `OcrReading.unreadable`. Latin lines get the spaces PP-OCRv4 drops put back (`RapidModels.respaced`).
    Models load on the first read, once per process (with `threads` intra-op threads when this engine is
    the first to load them), or at once with `preload`: a server's, so that their memory (~250 MB with the
    detector's working memory) is held from its start and never counted against the request that first needs
    them. Safe to share between threads.
    """

    scripts: frozenset[Script] = RAPIDOCR_SCRIPTS

    def __init__(self, *, threads: int | None = None, preload: bool = False) -> None:
        self._threads = threads
        if preload:
            rapid_models(threads)

    def read(self, image: Image.Image, *, script: Script, single_line: bool, alphabet: str = "") -> OcrReading:
        """Read `image` when the model reads every letter of `alphabet` (whatever `script` says); else run no model."""
        models = rapid_models(self._threads)
        unreadable = self.unreadable(alphabet, models.alphabet)
        if unreadable:
            return OcrReading(text="", engine=RAPIDOCR, unreadable=unreadable)
        grey = np.asarray(image.convert("L"))
        if single_line:
            text, score = models.recognise(grey)
            if is_latin_line(text):
                text = models.respaced(grey, text) or text
            return OcrReading(text=text, confidence=100 * score, engine=f"{RAPIDOCR} rec")
        lines = models.lines(_squared(grey))
        return OcrReading(
            text="\n".join(line.text for line in lines),
            confidence=100 * min((line.score for line in lines), default=0.0),
            engine=f"{RAPIDOCR} det+rec",
        )

    def unreadable(self, alphabet: str, known: frozenset[str]) -> str:
        """The letters and digits of `alphabet` that are not (in NFKC form) in `known`, the model's dictionary,
        or not in a script it reads, in order."""
        return "".join(dict.fromkeys(ch for ch in alphabet if not self._can_read(ch, known)))

    def _can_read(self, char: str, known: frozenset[str]) -> bool:
        letters = [ch for ch in unicodedata.normalize("NFKC", char) if unicodedata.category(ch)[0] in "LMN"]
        return all(ch in known and script_of(ch) in (None, *self.scripts) for ch in letters)


def same_line_groups(rects: list[Rect]) -> list[list[int]]:
    """Indices of boxes grouped into lines: boxes that share most of their height and touch or overlap.

    The detector splits a line of large text into word boxes whose margins take in a neighbour's letter
    ("WELCOME TO" -> "WELCOME", "ETO"); grouped, the line is read whole. Groups come in the order of their
    first box, boxes within a group from left to right.
    """
    groups = linked_groups(len(rects), lambda i, j: _same_line(rects[i], rects[j]))
    return [sorted(group, key=lambda i: rects[i][0]) for group in groups]


def block_order(boxes: list[tuple[int, int, int, int]]) -> list[int]:
    """Line indices (boxes as x, y, width, height) regrouped so each block's lines are consecutive.

    Two lines share a block when their horizontal extents overlap and the vertical gap between
    them is under their height. Blocks keep the order of their first line; lines within a block
    go top to bottom.
    """

    def same_block(i: int, j: int) -> bool:
        (x, y, w, h), (x2, y2, w2, h2) = boxes[i], boxes[j]
        overlap = min(x + w, x2 + w2) - max(x, x2)
        gap = max(y, y2) - min(y + h, y2 + h2)
        return overlap > 0 and gap < max(h, h2)

    groups = linked_groups(len(boxes), same_block)
    return [i for group in groups for i in sorted(group, key=lambda k: boxes[k][1])]


def linked_groups(count: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Connected components of the `linked` relation over 0..count-1, in order of their smallest member."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(count):
        for j in range(i + 1, count):
            if linked(i, j):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=min)


def _same_line(a: Rect, b: Rect) -> bool:
    height_a, height_b = a[3] - a[1], b[3] - b[1]
    low = max(min(height_a, height_b), 1)
    if max(height_a, height_b) > 1.5 * low:
        return False
    shared = min(a[3], b[3]) - max(a[1], b[1])
    gap = max(a[0], b[0]) - min(a[2], b[2])  # negative when they overlap
    return shared >= 0.6 * low and gap <= 0.5 * low


def union(rects: Sequence[Rect]) -> Rect:
    """The smallest rectangle holding every one of `rects`."""
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def is_latin_line(text: str) -> bool:
    """Whether a read line is Latin words (some ASCII letter, no CJK), the lines whose dropped spaces are restored."""
    return any(c.isascii() and c.isalpha() for c in text) and not any("\u3000" <= c <= "\u9fff" for c in text)


def insert_spaces(text: str, words: list[str]) -> str | None:
    """`text` with a space added wherever `words` (the same line read word by word) has a break.

    Only spaces are added: every character still comes from `text`, so this never trades a
    right letter for a wrong one. None when the two readings disagree too much to align.
    """
    letters = text.replace(" ", "")
    joined = "".join(words)
    matcher = SequenceMatcher(None, joined, letters, autojunk=False)
    if matcher.ratio() < 0.8:
        return None
    breaks = set()
    position = 0
    for char in text:  # keep the spaces the engine did read
        if char == " ":
            breaks.add(position)
        else:
            position += 1
    boundary = 0
    opcodes = matcher.get_opcodes()
    for word in words[:-1]:
        boundary += len(word)
        breaks.add(_aligned(boundary, opcodes))
    breaks.discard(0)
    breaks.discard(len(letters))
    return "".join((" " if index in breaks else "") + char for index, char in enumerate(letters))


def _aligned(index: int, opcodes: Sequence[tuple[str, int, int, int, int]]) -> int:
    """Where position `index` of the first string of a SequenceMatcher falls in the second."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 <= index < i2 or (index == i2 and tag == "equal"):
            if tag == "equal":
                return j1 + (index - i1)
            return j1 + round((index - i1) * (j2 - j1) / max(i2 - i1, 1))
    return opcodes[-1][4] if opcodes else index


def _recogniser_alphabet(engine: Any) -> frozenset[str]:
    """The characters PP-OCRv4's recogniser can output (about 6,600: Han, Latin, digits, punctuation).

    rapidocr-onnxruntime keeps the dictionary from the model's metadata on its CTC decoder; the
    attribute path is that of the pinned 1.4.4. Without it, assume ASCII and CJK ideographs.
    """
    try:
        return frozenset(str(char) for char in engine.text_rec.postprocess_op.character)
    except AttributeError:  # pragma: no cover - another rapidocr version
        return frozenset(chr(code) for code in [*range(0x20, 0x7F), *range(0x4E00, 0x9FA6)])


# px: the side of the largest square the detector gets. Its memory grows with the pixels it sees, and much of it
# stays with the process (measured in a process that had not detected yet: +135 MB at 736², RapidOCR's smallest,
# +180 MB at 896², +290 MB at 1024², +630 MB at 2000², RapidOCR's own limit); a larger crop is taken down to this,
# which text over ~40 px tall in it survives.
MAX_DETECTED_SIDE = 736


def _squared(grey: np.ndarray) -> np.ndarray:
    """A grey crop on a white square, for the detector, at most `MAX_DETECTED_SIDE` px a side.

    RapidOCR scales an image up until its short side is 736 px: a 900x50 px line became 13,000x736 px and took
    4 s to detect (median over LongText-Bench text boxes). Detected at its own size instead, small type read
    worse ('Q3 Resulls' for 16 px 'Q3 Results'). On a square the scale is what a whole page gets. A crop whose
    long side is over `MAX_DETECTED_SIDE` is scaled down (area averaging) to fit, before the square is made.
    """
    if max(grey.shape) > MAX_DETECTED_SIDE:
        scale = MAX_DETECTED_SIDE / max(grey.shape)
        size = (max(1, round(grey.shape[1] * scale)), max(1, round(grey.shape[0] * scale)))
        grey = np.asarray(Image.fromarray(grey).resize(size, Image.Resampling.BOX))
    side = max(grey.shape)
    square = np.full((side, side), 255, dtype=grey.dtype)
    square[: grey.shape[0], : grey.shape[1]] = grey
    return square


def _three_channels(image: np.ndarray) -> np.ndarray:
    """A grey image as the three equal channels RapidOCR expects; a colour one unchanged."""
    return np.repeat(image[:, :, None], 3, axis=2) if image.ndim == 2 else image


def word_cuts(crop: np.ndarray, *, min_gap_ratio: float = 0.33) -> list[int]:
    """Column positions that cut a text-line image into words, at the gaps between inked columns.

    Ink is whatever differs clearly from the crop's border colour (the line's background). A gap
    is a word gap when it is at least `min_gap_ratio` of the ink's height and at least twice the
    median gap. Measured on Noto Sans at 18-64 px: spaces are 0.38-0.57 of the ink height,
    gaps inside words at most 0.31 (digits aside). Returns [0, cut, ..., width].
    """
    width = crop.shape[1]
    gray = crop.astype(np.float32).mean(axis=2) if crop.ndim == 3 else crop.astype(np.float32)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    distance = np.abs(gray - float(np.median(border)))
    contrast = float(distance.max())
    if contrast < 24:  # no legible ink: leave the line alone
        return [0, width]
    ink = distance > contrast * 0.4
    rows = np.flatnonzero(ink.any(axis=1))
    columns = ink.any(axis=0)
    height = int(rows[-1] - rows[0] + 1)
    gaps: list[tuple[int, int]] = []
    column = 0
    while column < width:
        if columns[column]:
            column += 1
            continue
        start = column
        while column < width and not columns[column]:
            column += 1
        if start > 0 and column < width:  # only gaps between inked columns
            gaps.append((start, column))
    if not gaps:
        return [0, width]
    widths = np.array([end - start for start, end in gaps])
    threshold = max(min_gap_ratio * height, 2.0 * float(np.median(widths)))
    cuts = [(start + end) // 2 for start, end in gaps if end - start >= threshold]
    return [0, *cuts, width]
