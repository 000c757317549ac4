"""The items of a structure in a brief: where a written list splits, and what each entry says (a label, a value
such as a price, a figure or a date, further cells).

Lists are split on the brief with its quotations masked, so a comma inside a quoted item never splits it; each
entry's words are then taken from the brief itself, quotation marks dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tessera.planner._colors import is_color_word
from tessera.planner._quotes import Quote

# A figure as briefs write it: "$12", "3.50", "2,50 €", "45%", "$1.2M", "48k", "$29/month", "-3.5%".
_CURRENCY = r"(?:US\$|A\$|C\$|R\$|[$€£¥₹₩₽]|USD|EUR|GBP|CHF|JPY)"
_AMOUNT = r"\d+(?:[.,]\d{3})*(?:[.,]\d+)?"
_SCALE = r"(?:\s?%|(?:k|K|M|B|bn|mn)\b|\s?(?:ms|s|h|min|GB|MB|TB|kB|kg|g|km|mi|°[CF]|pts|fps|Mbps|px|x)\b)"
_PERIOD = (
    r"(?:\s?/\s?(?i:mo|month|yr|year|user|seat|wk|week|monat|jahr|mois|an|mes|año|mese|anno|月|年)\b|"
    r"\s+(?:per|a)\s+(?:month|year|user|seat|week)\b)"
)
VALUE = rf"[-+\u2212]?(?:{_CURRENCY}\s?{_AMOUNT}{_SCALE}?|{_AMOUNT}{_SCALE}?(?:\s?{_CURRENCY}(?![A-Za-z]))?){_PERIOD}?"
_PRICE = re.compile(rf"{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}\s?{_CURRENCY}|\b\d+[.,]\d\d\b")
_VALUE_LAST = re.compile(
    rf"^(?P<label>.*?[^\W_].*?)(?P<sep>\s*[:=]\s*|\s+[\u2013\u2014-]\s+|\s+(?:at|for|is|are)\s+|\s*\(\s*|\s+)"
    rf"(?P<value>{VALUE})\)?$"
)
_VALUE_FIRST = re.compile(
    rf"^(?P<value>{VALUE})(?:\s*[:=\u2013\u2014-]\s*|\s+(?:of|in|for|on)\s+|\s+)(?P<label>.*[^\W\d_].*)$"
)
_PLACE_TAIL = re.compile(
    rf"(?P<value>{VALUE})\s+(?:on|in|at|over|under|against|set|written|shown|across|along|below|above)\s+\D*$"
)
_TIMES = re.compile(r"\d\s?(?:am|pm|a\.m\.|p\.m\.)$|\b\d{1,2}:\d\d$", re.IGNORECASE)

_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE = (
    rf"(?:{_MONTH_NAMES}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\.?\s+{_MONTH_NAMES}\.?(?:\s+\d{{4}})?"
    rf"|{_MONTH_NAMES}\.?(?:\s+\d{{4}})?|Q[1-4](?:\s+\d{{4}}|\s*'\d\d)?|H[12]\s+\d{{4}}|(?:1[5-9]|20)\d\d(?:s\b)?"
    r"|\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}[:.h]\d\d"
    r"|(?:day|week|month|year|phase|stage|step|tag|jour|semaine|día|semana)\s+\d{1,2})"
)
_DATE_FIRST = re.compile(rf"^(?P<date>{DATE})(?:\s*[:,\u2013\u2014-]\s*|\s+)(?P<label>.*[^\W\d_].*)$", re.IGNORECASE)
_DATE_LAST = re.compile(
    rf"^(?P<label>.*?[^\W\d_].*?)(?:\s*[:,\u2013\u2014-]\s*|\s+(?:in|on|at|by|from|since|im|en)\s+|\s*\(\s*|\s+)"
    rf"(?P<date>{DATE})\)?$",
    re.IGNORECASE,
)

_PARENTHESES = re.compile(r"\([^()]*\)")  # a comma in "(5 users, 100 GB)" parts no entries
_ARROWS = re.compile(r"\s*(?:\u2192|->|=>|\u27f6|\u2794|\u279c|>)\s*")
_COMMA = re.compile(r",(?=\s|$)|\u3001|\uff0c")
CONJUNCTION = re.compile(r"\s+(?:and|&|or|plus|as well as|und|sowie|oder|et|ou|y|e|o)\s+", re.IGNORECASE)
_LEADING_CONJUNCTION = re.compile(r"(?:and|&|or|plus|und|sowie|oder|et|ou|y|e|o)\s+", re.IGNORECASE)
_LONE_CONJUNCTION = re.compile(r"(?:and|&|or|plus|und|sowie|oder|et|ou|y|e|o)", re.IGNORECASE)
_TRAILING_CONJUNCTION = re.compile(r"[\s,]+(?:and|&|or|plus|und|sowie|oder|et|ou|y|e|o)$", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t\r\n.,;:!?\u3001\u3002\uff0c"
# A trailing clause about the design ("..., free trial on a navy background") is not part of the last item.
_DESIGN_TAIL = re.compile(
    r"\s+(?:on|in|over|against|with|at|set in|using|across|along)\s+(?:an?\s+|the\s+)?[\w\s-]{0,30}?"
    r"\b(?:background|backdrop|colou?rs?|fonts?|type(?:face)?|text|poster|slide|canvas|page|layout|style|theme|"
    r"top|bottom|left|right|corner|side|centre|center|middle|footer|header)\b.*$",
    re.IGNORECASE,
)


def split_items(
    masked: str, start: int, end: int, splits_at_and: Callable[[str, str], bool] | None = None
) -> list[tuple[int, int]]:
    """The spans of a written list's entries between `start` and `end`: split on arrows, else semicolons, else
    commas and the words "and"/"or" before a last entry; `splits_at_and(left, right)` says whether an "and" inside
    the last entry parts two entries (by default: when commas part the others).

    An "and" between two entries joined by nothing else ("email and password") splits only when the caller
    says so."""
    region = _PARENTHESES.sub(lambda m: "(" + "\x02" * (len(m.group()) - 2) + ")", masked[start:end])
    if len(_ARROWS.findall(region)) >= 2 and not re.search(r"\d\s*>\s*\d", region):
        cuts = list(_ARROWS.finditer(region))
    elif ";" in region:
        cuts = list(re.finditer(r"\s*;\s*", region))
    else:
        cuts = list(_COMMA.finditer(region))
    spans, at = [], 0
    for cut in cuts:
        spans.append((start + at, start + cut.start()))
        at = cut.end()
    spans.append((start + at, end))
    spans = [span for span in (_trimmed(masked, *span) for span in spans) if span[1] > span[0]]
    if spans:
        spans[-1:] = _split_at_and(masked, *spans[-1], len(spans) > 1, splits_at_and)
    return spans


def _split_at_and(
    masked: str, start: int, end: int, after_commas: bool, splits_at_and: Callable[[str, str], bool] | None
) -> list[tuple[int, int]]:
    """The last entry, or the two entries an "and" parts it into."""
    match = None
    for candidate in CONJUNCTION.finditer(masked, start, end):
        match = candidate
    if match is None:
        return [(start, end)]
    left, right = masked[start : match.start()], masked[match.end() : end]
    wanted = splits_at_and(left, right) if splits_at_and else after_commas
    if not wanted or not left.strip() or not right.strip():
        return [(start, end)]
    return [
        *_split_at_and(masked, start, match.start(), after_commas, splits_at_and),
        _trimmed(masked, match.end(), end),
    ]


def _trimmed(masked: str, start: int, end: int) -> tuple[int, int]:
    """A span without surrounding spaces and punctuation, nor a leading "and"."""
    while start < end and masked[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and masked[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    if _LONE_CONJUNCTION.fullmatch(masked, start, end):
        return (start, start)
    lead = _LEADING_CONJUNCTION.match(masked, start, end)
    if lead:
        start = lead.end()
    trailing = _TRAILING_CONJUNCTION.search(masked, start, end)
    return (start, trailing.start()) if trailing else (start, end)


def words_of(brief: str, quotes: Sequence[Quote], start: int, end: int) -> str:
    """The brief's words from `start` to `end` with each quotation in them replaced by its text (marks dropped)."""
    parts, at = [], start
    for quote in quotes:
        if quote.end <= start or quote.start >= end:
            continue
        parts.append(brief[at : max(at, quote.start)])
        parts.append(quote.text)
        at = max(at, quote.end)
    parts.append(brief[at:end] if at < end else "")
    return re.sub(r"\s+", " ", "".join(parts)).strip(_EDGE_PUNCTUATION)


def design_tail_at(text: str) -> int:
    """Where a trailing clause about the design starts in a last entry ("free trial| on a navy background"), or
    the entry's length when it has none."""
    match = _DESIGN_TAIL.search(text)
    return match.start() if match and match.start() > 0 else len(text)


def label_value(text: str, *, figure_first: bool = True) -> tuple[str, str] | None:
    """An entry's label and figure: "North 40", "Revenue: 40", "Espresso – 3.50", "45% rent", "$1.2M revenue"
    (the last two only with `figure_first`).

    A label without letters ("2019: 40") needs a colon or an equals sign; a time ("7pm") is no figure; words
    after the figure that say where it goes ("Veggie $13 on a chalkboard") are no part of it."""
    text = _PLACE_TAIL.sub(r"\g<value>", text)
    match = _VALUE_LAST.match(text)
    if match and not _TIMES.search(match["value"]):
        label, sep = match["label"].strip(), match["sep"].strip()
        if re.search(r"[^\W\d_]", label) or sep in (":", "="):
            return label.rstrip(" :=-\u2013\u2014"), match["value"].strip()
    match = _VALUE_FIRST.match(text) if figure_first else None
    if match:
        return match["label"].strip(), match["value"].strip()
    return None


def is_figure(text: str) -> bool:
    """Whether `text` is a figure and nothing else ("$29", "45%")."""
    return re.fullmatch(VALUE, text.strip()) is not None


def is_price(value: str) -> bool:
    """Whether a figure reads as a price: with a currency, or with two decimals ("3.50")."""
    return _PRICE.search(value) is not None


def dated(text: str) -> tuple[str, str | None]:
    """An entry's label and its date or time when it has one: "2019 founded", "Series A in 2021", "Day 1: arrive"."""
    for pattern in (_DATE_FIRST, _DATE_LAST):
        match = pattern.match(text)
        if match:
            return match["label"].strip(" :,-\u2013\u2014"), match["date"].strip()
    return text, None


def value_number(value: str) -> float | None:
    """The number a written figure stands for, its scale and currency dropped ("$1,200" 1200, "2,50 €" 2.5,
    "45%" 45, "1.2M" 1.2): a chart keeps the unit apart."""
    match = re.search(r"[-+\u2212]?\d+(?:[.,]\d+)*", value)
    if match is None:
        return None
    digits = match.group().replace("\u2212", "-")
    groups = re.split(r"[.,]", digits.lstrip("+-"))
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and (len(groups) > 2 or "," in digits):
        number = digits.replace(",", "").replace(".", "")  # thousands: "1,200", "1.200.000"
    elif "," in digits and "." not in digits:
        number = digits.replace(",", ".")  # a decimal comma: "2,50"
    else:
        number = digits.replace(",", "")
    try:
        return float(number)
    except ValueError:
        return None


_CURRENCIES = (("$", r"\$"), ("€", r"€|EUR"), ("£", r"£|GBP"), ("¥", r"¥|JPY"), ("₹", r"₹"))
_SCALES = (("%", r"%"), ("k", r"\d\s?[kK]\b"), ("M", r"\d\s?(?:M|mn)\b"), ("B", r"\d\s?(?:B|bn)\b"))


def common_unit(values: Sequence[str]) -> str | None:
    """The unit every figure shares: a currency, a scale or both ("%", "$", "€", "k", "$M"), or None."""
    if not values:
        return None
    shared = [
        next((unit for unit, pattern in table if all(re.search(pattern, v) for v in values)), "")
        for table in (_CURRENCIES, _SCALES)
    ]
    return "".join(shared) or None


_BUTTON = re.compile(
    r"^(?:(?:an?|the|one)\s+)?(?P<label>.*?)\s*\b(?:button|btn|cta)\b"
    r"(?:\s+(?:labell?ed|saying|reading|that says|with the (?:text|label)|titled|called)\s+(?P<after>.+))?$",
    re.IGNORECASE,
)
_CONTROL = re.compile(
    r"^(?:(?:an?|the|one)\s+)?(?P<label>.+?)\s+(?P<control>checkbox|check box|toggle|switch)$", re.IGNORECASE
)
_STYLE_WORDS = frozenset(
    [
        "primary",
        "secondary",
        "main",
        "big",
        "large",
        "small",
        "wide",
        "full-width",
        "prominent",
        "bold",
        "round",
        "rounded",
        "solid",
        "outlined",
        "ghost",
        "bright",
        "dark",
        "light",
        "single",
    ]
)


_PHRASAL = re.compile(r"\b(sign|log|check|opt)-(in|up|out)\b", re.IGNORECASE)


def button_label(text: str) -> str | None:
    """The label of a button an entry names ("a Sign in button", "a button labelled Log in"), "" for a button
    without one ("a big blue button"), or None when the entry names no button."""
    match = _BUTTON.match(text)
    if match is None:
        return None
    words = (match["after"] or match["label"]).split()
    kept = [w for w in words if w.lower() not in _STYLE_WORDS and not is_color_word(w)]
    # "a sign-in button" is worded "Sign in" on the button.
    return _PHRASAL.sub(r"\1 \2", " ".join(kept)).strip(" ,:'\"")


def control_label(text: str) -> tuple[str, str] | None:
    """The label and the kind of a control an entry names ("a remember me checkbox"): (label, "checkbox")."""
    match = _CONTROL.match(text)
    if match is None:
        return None
    kind = "checkbox" if "check" in match["control"].lower() else "toggle"
    return match["label"], kind
