"""Dates and times as briefs write them, in English, German, French and Spanish: "Friday 8 PM", "June 14",
"Sat 14 June 2025", "20:00", "Freitag 20 Uhr", "vendredi 20h", "viernes 14 de junio"."""

from __future__ import annotations

import re

_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|"
    r"sábado|domingo"
)
_WEEKDAY_SHORT = r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|"
    r"märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
_MONTH_SHORT = r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_DAY = r"\d{1,2}(?:st|nd|rd|th|\.|er)?"
_YEAR = r"(?:19|20)\d\d"
_MONTH = rf"(?:{_MONTHS}|(?:{_MONTH_SHORT})\.?)"
_TIME = (
    r"(?:\d{1,2}(?::\d\d)?\s?(?:[-\u2013]\s?\d{1,2}(?::\d\d)?\s?)?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d\d(?:\s?(?:uhr|h))?|\d{1,2}\s?uhr|\d{1,2}h\d\d|"
    r"noon|midnight|mittag|midi|mediodía)"
)
# A date with its month named next to a day or a year, a numeric date, or a weekday; then times.
_DATE = (
    rf"(?:{_WEEKDAYS}|(?:{_WEEKDAY_SHORT})\.?(?=,?\s+(?:{_DAY}\s+)?{_MONTH}\b)|"
    rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+)?{_YEAR})?|{_MONTH}\s+{_YEAR}|"
    rf"\d{{1,2}}[./]\d{{1,2}}[./](?:{_YEAR}|\d\d)|{_YEAR}-\d\d-\d\d)"
)
_JOIN = (
    r"(?:,?\s+(?:at|from|to|until|till|um|ab|bis|à|de|a\s+las|a\s+la|dès|desde|hasta)\s+|\s*[-\u2013\u2014]\s*|,?\s+)"
)
_PIECE = rf"(?:{_DATE}|{_TIME})"
_HOUR = r"\d{1,2}h"  # "vendredi 20h": an hour this short only after a day ("24h service" is no time)
DATETIME = re.compile(
    rf"(?<![\w$€£¥]){_PIECE}(?:{_JOIN}(?:{_PIECE}|{_HOUR}))*(?![\w-])",
    re.IGNORECASE,
)
"""A run of dates and times ("Friday 8 PM", "June 14, 7-10 pm", "Sat 14 June 2025 from 20:00")."""
_ONLY_TIMES = re.compile(rf"(?:{_TIME})(?:{_JOIN}(?:{_TIME}))*", re.IGNORECASE)
_NAMES_A_DAY = re.compile(rf"(?<!\w)(?:{_WEEKDAYS}|{_MONTHS}|{_MONTH_SHORT}|{_WEEKDAY_SHORT})(?!\w)", re.IGNORECASE)


def is_time_only(words: str) -> bool:
    """Whether a date-and-time run holds times only ("8 PM", "7-10 pm"), no day."""
    return _ONLY_TIMES.fullmatch(words) is not None


def names_a_day(word: str) -> bool:
    """Whether a word is a weekday or a month ("Friday", "June"), so a name made of it is no place or person."""
    return _NAMES_A_DAY.fullmatch(word) is not None
