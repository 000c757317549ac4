"""Scores computed from the eval's own OCR, independently of the verifier's verdict.

- LongText-Bench accuracy, exactly as X-Omni-Team/X-Omni `textbench/summary_scores.py` (commit
  2b8237b) defines it: the required strings are joined with spaces; both sides are normalised
  (`longtext_normalise`); English compares bags of words, Chinese bags of characters; a brief
  scores matched / required (multiset intersection, so OCR noise never lowers recall and a word
  read twice counts once per required occurrence); a suite scores the sum of matches over the sum
  of required units (a micro average, not a mean of per-brief ratios).
- Normalised edit distance per required string: the Levenshtein distance to the best-matching
  substring of the whole image's OCR text, divided by the string's length.
- Count accuracy, for Tessera suites only, from the verifier's count evidence: OCR cannot count
  objects, so this number is NOT independent and is labelled as such everywhere it appears.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, computed_field

from tessera.contract import VerificationReport
from tessera.evals._suite import MetricLanguage, SuiteEntry

# Verbatim character classes from summary_scores.py: Latin letters with French accents, digits,
# the CJK Unified Ideographs block up to U+9FA5, and (English only) whitespace. Everything else
# (punctuation, other scripts) is dropped before comparing.
_LONGTEXT_DROP = re.compile(r"[^\u4e00-\u9fa5a-zA-Z0-9\sàâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ]")
_LONGTEXT_KEEP_ZH = re.compile(r"[\u4e00-\u9fa5a-zA-Z0-9àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WHITESPACE = re.compile(r"\s+")
_MAX_LISTED = 50
# Dashes and quotes a typesetter chooses and an OCR engine may not have in its alphabet.
_TYPOGRAPHIC = str.maketrans(
    {**dict.fromkeys("‐‑‒–—―−", "-"), **dict.fromkeys("‘’‚‛′", "'"), **dict.fromkeys("“”„‟″", '"')}
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Scored(BaseModel):
    # Computed fields are written out for readers of the JSON and recomputed when it is read back.
    model_config = ConfigDict(extra="ignore", frozen=True)


class TextAccuracy(_Scored):
    """LongText-Bench's score for one brief: required words (en) or characters (zh) found by OCR."""

    language: MetricLanguage
    matched: int = Field(ge=0)
    required: int = Field(ge=0)
    missing: list[str] = Field(default_factory=list, description="required units OCR did not find (first 50)")

    @computed_field
    @property
    def score(self) -> float | None:
        """matched / required; None when no required unit survives normalisation (e.g. Cyrillic)."""
        return self.matched / self.required if self.required else None


class StringScore(_Scored):
    """How closely the whole-image OCR text reproduces one required string."""

    expected: str
    best_match: str = Field(description="the OCR substring closest to the expected string")
    distance: int = Field(ge=0, description="Levenshtein distance after normalisation")
    ned: float = Field(ge=0.0, le=1.0, description="distance / length of the expected string")

    @computed_field
    @property
    def exact(self) -> bool:
        """Whether OCR found the string exactly (after normalisation)."""
        return self.distance == 0


class CountScore(_Model):
    """A required count against the count the verifier measured (verifier evidence, not independent)."""

    object_class: str
    expected: int
    verifier_measured: int | None = Field(description="None: the verifier reported no count for this class")
    correct: bool
    evidence: str = Field(default="", description="the verifier's own words")
    source: str = "verifier"


def longtext_normalise(text: str, language: MetricLanguage) -> str:
    """`preprocess_string` of LongText-Bench: drop what it does not compare, lowercase English."""
    if language == "en":
        cleaned = _LONGTEXT_DROP.sub("", text)
        return _WHITESPACE.sub(" ", cleaned).strip().lower()
    return "".join(_LONGTEXT_KEEP_ZH.findall(text)).strip()


def longtext_units(text: str, language: MetricLanguage) -> list[str]:
    """The units LongText-Bench counts: words in English, characters in Chinese."""
    normalised = longtext_normalise(text, language)
    return normalised.split() if language == "en" else list(normalised)


def longtext_accuracy(required: Sequence[str], ocr_text: str, language: MetricLanguage) -> TextAccuracy:
    """LongText-Bench's per-brief accuracy of `ocr_text` against the required strings."""
    wanted = Counter(longtext_units(" ".join(required), language))
    found = Counter(longtext_units(ocr_text, language))
    missing = wanted - found
    return TextAccuracy(
        language=language,
        matched=sum((wanted & found).values()),
        required=sum(wanted.values()),
        missing=list(missing.elements())[:_MAX_LISTED],
    )


def edit_normalise(text: str) -> str:
    """Normal form for edit distances: NFKC (full-width forms to ASCII), typographic dashes and
    quotes to ASCII ones, whitespace runs to one space.

    Strings with Han characters lose all whitespace: Chinese OCR does not report the gaps
    around CJK, and a Chinese reader does not see them as characters.
    """
    folded = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC)
    folded = _WHITESPACE.sub(" ", folded).strip()
    return folded.replace(" ", "") if _HAN.search(folded) else folded


def best_substring_match(pattern: str, text: str) -> tuple[int, str]:
    """The Levenshtein distance from `pattern` to its closest substring of `text`, and that substring.

    Sellers' algorithm (free start and end in `text`), one numpy row per pattern character;
    the start of the match comes from the same recurrence run backwards from the best end.
    """
    if not pattern:
        return 0, ""
    if not text:
        return len(pattern), ""
    p, t = _codes(pattern), _codes(text)
    last = _last_row(p, t, free_start=True)
    end = int(np.argmin(last))
    distance = int(last[end])
    back = _last_row(p[::-1], t[:end][::-1], free_start=False)
    length = int(np.argmin(back))
    return distance, text[end - length : end]


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _last_row(pattern: np.ndarray, text: np.ndarray, *, free_start: bool) -> np.ndarray:
    """Last row of the edit-distance table of `pattern` against prefixes of `text`.

    Row i holds the cost of matching pattern[:i] ending at each text position. Moving right
    along a row costs 1 per step, so the row is a running minimum of (candidate - position)
    plus position: D[j] = j + min over k <= j of (E[k] - k).
    """
    n = len(text)
    positions = np.arange(n + 1, dtype=np.int64)
    row = np.zeros(n + 1, dtype=np.int64) if free_start else positions.copy()
    for i, char in enumerate(pattern, start=1):
        candidate = np.empty(n + 1, dtype=np.int64)
        candidate[0] = i
        candidate[1:] = np.minimum(row[:-1] + (text != char), row[1:] + 1)
        row = positions + np.minimum.accumulate(candidate - positions)
    return row


def string_score(expected: str, ocr_lines: Sequence[str], *other_orders: Sequence[str]) -> StringScore:
    """Score one required string against the OCR lines of the whole image.

    The lines are joined, so that a string the renderer wrapped over two lines still matches;
    `other_orders` are the same lines in other orders (e.g. column by column), and the best
    match over all orders counts.
    """
    pattern = edit_normalise(expected)
    joiner = "" if _HAN.search(pattern) else " "
    best: tuple[int, str] | None = None
    for lines in (ocr_lines, *other_orders):
        haystack = joiner.join(edit_normalise(line) for line in lines)
        found = best_substring_match(pattern, haystack)
        if best is None or found[0] < best[0]:
            best = found
    distance, match = best or (len(pattern), "")
    return StringScore(
        expected=expected, best_match=match, distance=distance, ned=min(1.0, distance / max(len(pattern), 1))
    )


def count_scores(counts: dict[str, int], report: VerificationReport | None) -> list[CountScore]:
    """Required counts against the verifier's count checks for the same class (verifier evidence)."""
    checks = [c for c in report.checks if c.kind == "count"] if report else []
    scores: list[CountScore] = []
    for object_class, expected in counts.items():
        check = next((c for c in checks if _names_class(c.expected + " " + c.constraint_id, object_class)), None)
        measured = _first_int(check.measured) if check else None
        scores.append(
            CountScore(
                object_class=object_class,
                expected=expected,
                verifier_measured=measured,
                correct=measured == expected,
                evidence=(check.measured if check else "the verifier reported no count for this class")[:300],
            )
        )
    return scores


def _names_class(text: str, object_class: str) -> bool:
    # Verifier wording varies ("3 balloon", "balloons"); match the singular stem as a word prefix.
    stem = object_class.lower().rstrip("s")
    return re.search(rf"\b{re.escape(stem)}", text.lower()) is not None


def _first_int(text: str) -> int | None:
    match = re.search(r"-?\d+", text)
    return int(match.group()) if match else None


def score_texts(
    entry: SuiteEntry, reading: Sequence[Sequence[str]], can_read: Callable[[str], bool]
) -> tuple[TextAccuracy, list[StringScore], list[str]]:
    """LongText-Bench accuracy, per-string edit distances, and the strings left unscored.

    `reading` is the OCR's lines in one or more orders (reading order first). A required string
    with a letter the OCR engine cannot output (Cyrillic, Arabic, Korean for RapidOCR's
    PP-OCRv4) gets no edit distance: a miss there would measure the OCR, not the image.
    LongText-Bench accuracy keeps its own rule (its normalisation drops those scripts).
    """
    lines = reading[0] if reading else []
    accuracy = longtext_accuracy(entry.texts, "\n".join(lines), entry.language)
    scored = [text for text in entry.texts if can_read(text)]
    unscored = [text for text in entry.texts if not can_read(text)]
    return accuracy, [string_score(text, lines, *reading[1:]) for text in scored], unscored
