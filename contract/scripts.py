"""Which writing systems a string is in, from its characters: the dominant one, and the runs of each."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tessera.contract.plan import Script

_LANGUAGE_OF_SCRIPT: dict[Script, str] = {
    "latin": "en",
    "cyrillic": "ru",
    "greek": "el",
    "han": "zh",
    "kana": "ja",
    "hangul": "ko",
    "arabic": "ar",
    "hebrew": "he",
    "devanagari": "hi",
    "thai": "th",
    "bengali": "bn",
    "tamil": "ta",
}

_NAME_PREFIXES: list[tuple[str, Script]] = [
    ("CJK", "han"),
    ("HIRAGANA", "kana"),
    ("KATAKANA", "kana"),
    ("HANGUL", "hangul"),
    ("ARABIC", "arabic"),
    ("HEBREW", "hebrew"),
    ("DEVANAGARI", "devanagari"),
    ("THAI", "thai"),
    ("BENGALI", "bengali"),
    ("TAMIL", "tamil"),
    ("CYRILLIC", "cyrillic"),
    ("GREEK", "greek"),
    ("LATIN", "latin"),
]


@dataclass(frozen=True)
class ScriptRun:
    """A stretch of a string in one script; digits, spaces, punctuation and symbols belong to the run around them."""

    text: str
    script: Script
    start: int


def script_of(char: str) -> Script | None:
    """The script of one character, or None for characters every script shares (digits, punctuation, emoji)."""
    return _script_of_char(char)


def script_runs(text: str) -> list[ScriptRun]:
    """`text` cut where its script changes: 'Café 東京 2026' is [latin 'Café ', han '東京 2026'].

    Shared characters join the run before them (at the start, the first run), so every character is in one run;
    a string with no letters is one latin run. Kana and han stay apart: Japanese lines come out as several runs.
    """
    runs: list[ScriptRun] = []
    for index, char in enumerate(text):
        script = _script_of_char(char)
        if runs and (script is None or script == runs[-1].script):
            last = runs[-1]
            runs[-1] = ScriptRun(last.text + char, last.script, last.start)
        elif script is not None:
            # The first run also takes the shared characters before it.
            start = 0 if not runs else index
            runs.append(ScriptRun(text[start : index + 1], script, start))
    if not runs and text:
        return [ScriptRun(text, "latin", 0)]
    return runs


def _script_of_char(char: str) -> Script | None:
    name = unicodedata.name(char, "")
    for prefix, script in _NAME_PREFIXES:
        if name.startswith(prefix):
            return script
    return None


def detect_script(text: str) -> Script:
    """The dominant script of `text`; kana wins over han so Japanese is told from Chinese."""
    counts: dict[Script, int] = {}
    for char in text:
        script = _script_of_char(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "latin"
    if counts.get("kana"):
        return "kana"
    return max(counts, key=lambda s: counts[s])


def language_of(script: Script, context: str = "") -> str:
    """The default language tag for a script; Chinese characters written among kana (`context`: the brief they
    come from) are Japanese ("営業中と書かれた看板" asks for the Japanese 営業中)."""
    if script == "han" and any(script_of(char) == "kana" for char in context):
        return "ja"
    return _LANGUAGE_OF_SCRIPT[script]
