"""Which writing system a string is in, from its characters."""

from __future__ import annotations

import unicodedata

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
}

_NAME_PREFIXES: list[tuple[str, Script]] = [
    ("CJK", "han"),
    ("HIRAGANA", "kana"),
    ("KATAKANA", "kana"),
    ("HANGUL", "hangul"),
    ("ARABIC", "arabic"),
    ("HEBREW", "hebrew"),
    ("DEVANAGARI", "devanagari"),
    ("CYRILLIC", "cyrillic"),
    ("GREEK", "greek"),
    ("LATIN", "latin"),
]


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


def language_of(script: Script) -> str:
    """The default language tag for a script."""
    return _LANGUAGE_OF_SCRIPT[script]
