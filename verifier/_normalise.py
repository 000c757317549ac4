"""The form a required string and an OCR reading are compared in, and the OCR confusions forgiven per character.

Two tables. The first, `normalise_text`, folds characters a reader takes for one another, on BOTH sides
(the required string and what OCR read), so each pair compares equal everywhere:

| class | characters | compared as |
|---|---|---|
| full-width forms (NFKC) | ＡＢＣ１２３，：！？（）￥￡＄, the ideographic space | ABC123,:!?()¥£$, a space |
| half-width forms (NFKC) | ｡ ､ ･ ｶ | 。 、 ・ カ |
| dashes | ‐ ‑ ‒ – — ― − ⸺ ⸻, and a run of them (the Chinese "——") | one - |
| spaces around a dash | "7am - 4pm", "May 6 – 7" | none: "7am-4pm" (both OCR engines drop the narrow gaps) |
| wave dashes | 〜 ～ | ~ |
| double quotes | “ ” „ ‟ ″ 〝 〞 〟 ＂ | " |
| single quotes | ‘ ’ ‚ ‛ ′ ＇ | ' |
| middle dots | · ・ • ‧ ∙ ⋅ ･ ⸱, with any space around them | · |
| ellipses | … ⋯, and any run of three or more dots (……) | ... |
| spaces | every whitespace run, newlines too | one space; none next to han or kana, none in han or kana text |
| a space between a digit and a unit of 1-3 Latin letters | "8 g", "10 AM", "120 km" | none: "8g" (OCR drops the gap) |
| invisible format characters | bidi marks, zero-width joiners | dropped |

Corner brackets 「」『』 and the ideographic full stop and comma 。、 stay themselves: they are marks of their own
that the jpn and chi_sim models read. Spaces next to han and kana go because tesseract spaces CJK characters out.

The second, `reconcile`, forgives the readings an OCR model is known to give for a character, but only where the
required string has that character, so a genuinely different string still fails: a dash read as 一 passes where a
dash is required, while a 一 (the numeral one) read as a dash does not. Which table applies is the script of the
run (`script_runs`) the character sits in, because that run's model made the reading:

| script of the run | required | also accepted where it is required |
|---|---|---|
| han, kana | - | one to three of 一 ー _ ~ - (chi_sim reads "——" as 一一 or 一-) |
| han, kana | · | 。 . , 、 - or nothing (chi_sim reads the dot as 。 or . or loses it) |
| han, kana | ' | " (chi_sim reads ‘ ’ as “ ”) |
| han, kana | 〇 | one or two of 〇 O 0 o (chi_sim reads it as O or O〇) |
| han, kana | . 。 | 。 . (either full stop for the other) |
| han, kana | 「 『 | [ |
| han, kana | 」 』 | ] J |
| han, kana | ¥ | \\ Y (in Japanese fonts the yen sign is the JIS backslash) |
| han, kana | € | E C |
| hangul | · | ᆞ (kor reads it as the letter ㆍ) . - or nothing, spaced or not |
| hangul | ¥ | \\ (a yen price after Korean words in a line read with the Japanese model too) |
| hangul | two syllables side by side | a space between them too (kor spaces out a line it reads beside Japanese) |
| every other script | · | . - or nothing, spaced or not, after a stray > or » (eng reads "A · B" as "A »·B") |
| any script | a character the model cannot read (`OcrReading.unreadable`: chi_sim has no 榛) | any one character |
"""

from __future__ import annotations

import re
import unicodedata

from tessera.contract import Script, script_of, script_runs

_SPACELESS: frozenset[Script] = frozenset({"han", "kana"})

# Applied after NFKC, so full-width and half-width forms are already folded into these.
_EQUIVALENTS = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
     "\u2e3a": "-", "\u2e3b": "-",
     "\u301c": "~",
     "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u301d": '"', "\u301e": '"',
     "\u301f": '"',
     "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
     "\u30fb": "·", "\u2022": "·", "\u2027": "·", "\u2219": "·", "\u22c5": "·", "\u2e31": "·",
     "\u22ef": "..."}
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")
_DASH_RUN = re.compile(r"-{2,}")
_SPACED_DASH = re.compile(r" ?- ?")
_DOT_RUN = re.compile(r"\.{3,}")
_SPACED_MIDDLE_DOT = re.compile(r" ?· ?")
_DIGIT_SPACE_LETTER = re.compile(r"(?<=\d) (?=[A-Za-zµ°]{1,3}\b|[€£¥₹₽₩%])")

# Required character -> what its run's OCR model may read instead (a regular expression matched in full).
_CJK_CONFUSIONS: dict[str, str] = {
    "-": r"[-一ー_~]{1,3}",
    "·": r"[。.,、-]?",
    "'": r"['\"]",
    "〇": r"[〇O0o]{1,2}",
    ".": r"[.。]",
    "。": r"[。.]",
    "「": r"[「\[]",
    "『": r"[『\[]",
    "」": r"[」\]J]",
    "』": r"[』\]J]",
    "¥": r"[¥\\Y]",
    "€": r"[€EC]",
}
_CONFUSIONS: dict[Script, dict[str, str]] = {
    "han": _CJK_CONFUSIONS,
    "kana": _CJK_CONFUSIONS,
    "hangul": {"·": r" ?[.ᆞ-]? ?", "¥": r"[¥\\]"},
}
# A yen price is Latin text, but in a Japanese table it is read with the Japanese model, whose fonts draw the yen
# sign as the JIS backslash.
_OTHER_CONFUSIONS: dict[str, str] = {"·": r" ?[>»]?[.·-]? ?", "¥": r"[¥\\]"}
_ANY_ONE = r"."  # what a character the model cannot read may be read as: anything, but not nothing
_LONGEST_CONFUSION = 3  # characters in the longest reading any table accepts


def normalise_text(text: str, script: Script = "latin") -> str:
    """`text` in the form both sides are compared in: NFKC, the equivalences above, whitespace runs as one space.

    For han and kana text every space is removed, and in any text the spaces next to a han or kana
    character, because tesseract puts spaces between CJK characters.
    """
    text = unicodedata.normalize("NFKC", text)
    # bidi marks and other invisible format characters (tesseract emits U+200F in Arabic, U+200C in Tamil)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _WHITESPACE.sub(" ", text.translate(_EQUIVALENTS)).strip()
    text = _SPACED_DASH.sub("-", _DASH_RUN.sub("-", text))
    text = _SPACED_MIDDLE_DOT.sub("·", _DOT_RUN.sub("...", text))
    text = _DIGIT_SPACE_LETTER.sub("", text)
    if script in _SPACELESS:
        return text.replace(" ", "")
    return "".join(ch for i, ch in enumerate(text) if ch != " " or not _next_to_spaceless(text, i))


def _next_to_spaceless(text: str, index: int) -> bool:
    neighbours = text[max(0, index - 1) : index] + text[index + 1 : index + 2]
    return any(script_of(ch) in _SPACELESS for ch in neighbours)


def _confusions_of(expected: str, unreadable: str) -> list[re.Pattern[str] | None]:
    """For each character of `expected`, the readings its run's OCR model may give for it, or None."""
    patterns: list[re.Pattern[str] | None] = []
    for run in script_runs(expected):
        table = _CONFUSIONS.get(run.script, _OTHER_CONFUSIONS)
        for ch in run.text:
            pattern = table.get(ch) or (_ANY_ONE if ch in unreadable else None)
            patterns.append(None if pattern is None else re.compile(pattern))  # re caches compiled patterns
    return patterns


def reconcile(read: str, expected: str, unreadable: str = "") -> str:
    """`read` (normalised) with each forgiven OCR confusion of a character of `expected` (normalised) undone.

    The two strings are aligned by edit distance in which reading a required character as one of its
    accepted look-alikes (see the module's table) costs nothing, as does any one character where
    `expected` has a character the OCR model cannot read (`unreadable`), as does a space read between two Hangul
    syllables that `expected` sets together; those readings are replaced
    by the required character and everything else is kept as read, so any other difference still counts.
    """
    patterns = _confusions_of(expected, unreadable)
    spaced_out = " " in read and any(_between_syllables(expected, i) for i in range(len(expected)))
    if read == expected or not (any(patterns) or spaced_out):
        return read
    rows, columns = len(expected) + 1, len(read) + 1
    cost = [[0] * columns for _ in range(rows)]
    # how each cell was reached: (characters of expected used, characters of read used, text it contributes)
    step: list[list[tuple[int, int, str]]] = [[(0, 0, "")] * columns for _ in range(rows)]
    for j in range(1, columns):
        cost[0][j], step[0][j] = j, (0, 1, read[j - 1])
    for i in range(1, rows):
        wanted, pattern = expected[i - 1], patterns[i - 1]
        for j in range(columns):
            options: list[tuple[int, tuple[int, int, str]]] = []
            if pattern is not None:
                options += [
                    (cost[i - 1][j - k], (1, k, wanted))
                    for k in range(min(j, _LONGEST_CONFUSION) + 1)
                    if pattern.fullmatch(read, j - k, j)
                ]
            if j:
                got = read[j - 1]
                options += [(cost[i - 1][j - 1] + (got != wanted), (1, 1, got))]
                if got == " " and _between_syllables(expected, i):
                    options.append((cost[i][j - 1], (0, 1, "")))
                options.append((cost[i][j - 1] + 1, (0, 1, got)))
            options.append((cost[i - 1][j] + 1, (1, 0, "")))
            # min keeps the first of equal costs: forgiven confusions are listed before plain edits
            cost[i][j], step[i][j] = min(options, key=lambda option: option[0])
    return _walk_back(step, rows - 1, columns - 1)


def _between_syllables(expected: str, index: int) -> bool:
    """Whether `index` falls between two Hangul syllables of `expected`, where kor may read a space that is not
    there (it spaces the syllables of a line it reads beside Japanese: '감 사 합니다')."""
    return 0 < index < len(expected) and script_of(expected[index - 1]) == script_of(expected[index]) == "hangul"


def _walk_back(step: list[list[tuple[int, int, str]]], i: int, j: int) -> str:
    pieces: list[str] = []
    while i or j:
        di, dj, text = step[i][j]
        pieces.append(text)
        i, j = i - di, j - dj
    return "".join(reversed(pieces))
