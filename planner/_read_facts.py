"""Facts a brief gives without quotation marks or a text cue, each a text to set with its purpose: on a poster,
flyer, card or banner its date and time ("Friday 8 PM"), place ("at The Loft", or "The Loft" among such facts)
and price ("tickets $15"); on a label its net quantity ("500 ml") and the product after the brand ("'Green
Valley' olive oil"); in any document it names an email address, a web address or a phone number, authors ("by Ana
Ruiz and Li Wei") and the person a certificate is "presented to". Offers, the brand an app is for, first names,
business card lines and a certificate's own lines are read by `planner._read_named`; bare prices also on products,
labels and signs ("$129").

The reading is conservative, as a text that is not one fails the run: style and layout words ("vintage style",
"bold headline") are never facts, and a fact is read on the brief with its texts and structures masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tessera.contract import DocumentKind, TextPurpose
from tessera.planner._colors import is_color_word
from tessera.planner._date_words import DATETIME, is_time_only, names_a_day
from tessera.planner._read_named import (
    business_card_lines,
    certificate_lines,
    fact,
    first_names,
    made_for_brands,
    offers,
)
from tessera.planner._read_styles import STYLE_WORDS
from tessera.planner._read_texts import UnquotedText
from tessera.planner._text_cues import word_set

# Kinds whose briefs list an event's facts, or a package's, as bare words.
_EVENT_KINDS: frozenset[DocumentKind] = frozenset({"poster", "flyer", "card", "banner"})
_PACKAGE_KINDS: frozenset[DocumentKind] = frozenset({"label", "product"})
# Kinds that sell: their briefs give prices and offers as bare words ("$129", "up to 50% off").
_SELLING_KINDS: frozenset[DocumentKind] = frozenset({"poster", "flyer", "banner", "product", "label", "sign"})
# Kinds made for a business or an app, whose brief names it: "a login screen for the Nimbus app".
_BRANDED_KINDS: frozenset[DocumentKind] = frozenset(
    {"login", "dashboard", "pricing", "product", "banner", "poster", "flyer", "sign", "slide", "menu", "label"}
)

_CURRENCY = r"(?:US\$|[$€£¥₹]|USD|EUR|GBP|CHF)"
_AMOUNT = r"\d+(?:[.,]\d{1,2})?"
_MONEY = rf"(?:{_CURRENCY}\s?{_AMOUNT}|{_AMOUNT}\s?{_CURRENCY}(?![A-Za-z]))"
_PRICE_WORDS = (
    r"tickets?|entry|admission|entrance|cover|price|only|just|from|pp|per person|each|at the door|on the door|"
    r"eintritt|karten|tickets|entrée|billets?|prix|entrada|precio|boletos?"
)
# "tickets $15", "$15 entry", "Eintritt 15 €", "free entry", "$29/mo".
_PRICE = re.compile(
    rf"(?<![\w$€£¥])(?:(?:{_PRICE_WORDS})\s*:?\s+)?{_MONEY}(?:\s?/\s?(?:mo|month|yr|year|person))?"
    rf"(?:\s+(?:{_PRICE_WORDS}))?(?![\w.,]\d)|\b(?:free\s+(?:entry|admission)|eintritt\s+frei|entrée\s+libre|"
    rf"entrada\s+libre)\b",
    re.IGNORECASE,
)
_PRICE_WORD = re.compile(rf"(?<!\w)(?:{_PRICE_WORDS}|free|frei|libre)(?!\w)|/", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s,;\x01]+[^\s,;.\x01)]|\b[\w-]+\.(?:com|org|net|io|dev|app|co|shop|store|de|fr|es|uk|eu)"
    r"\b(?:/[^\s,;\x01]*[^\s,;.\x01)])?"
)
_PHONE = re.compile(r"(?<![\w+])(?:\+\d[\d\s().-]{6,}\d|\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\d{3}[-.]\d{3}[-.]\d{4})(?!\w)")
_QUANTITY = re.compile(
    r"(?:\b(?:net\s+(?:weight|wt\.?|vol(?:ume)?\.?|contents?|quantity)|nettogewicht|inhalt|poids\s+net|"
    r"contenido(?:\s+neto)?)\s*:?\s*)?\b\d+(?:[.,]\d+)?\s?(?:ml|mL|cl|l|L|g|kg|oz|fl\.?\s?oz|lbs?)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'’-]+"
_NAME = rf"{_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+(?:van|von|de|da|del|di|le|la|du))?(?:\s+{_NAME_WORD}){{1,2}}"
_AUTHORS = re.compile(
    r"(?<!designed )(?<!made )(?<!created )(?<!inspired )(?<!illustrated )(?<!photographed )(?<!drawn )"
    rf"\b(?:by|von|par|por|written by)\s+(?P<names>{_NAME}(?:\s*(?:,\s*(?:and\s+)?|\s+(?:and|&|und|et|y)\s+){_NAME})*)"
)
_RECIPIENT = re.compile(
    rf"\b(?:presented|awarded|given|issued)\s+to\s+(?P<name>{_NAME})|\b(?:verliehen\s+an|décerné\s+à|"
    rf"otorgado\s+a)\s+(?P<other>{_NAME})"
)
_CERTIFIED = re.compile(rf"\b(?:for|für|pour|para)\s+(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)(?![\w'’])")
# Words that make "for Outstanding Performance" the award, not the person it is for.
_AWARD_WORDS = word_set(
    "excellence achievement completion performance outstanding service appreciation participation recognition "
    "merit honor honour best employee year month award leadership contribution distinction effort"
)
_AT_PLACE = re.compile(
    r"\b(?:at|@|im|au|en\s+el|en\s+la)\s+(?P<place>(?:[Tt]he\s+)?[A-Z\u00c0-\u00de][\w'’&.-]*"
    r"(?:\s+(?:[A-Z\u00c0-\u00de0-9][\w'’&.-]*|of|de|del|the|and|&|am|an|der)){0,4})"
)
_PRODUCT = re.compile(r"\b(?:for|pour|für|para)\s+\x01+\s+(?P<product>[^\W\d_][\w'’-]+(?:\s+[^\W\d_][\w'’-]+){0,3})")
_PRODUCT_STOP = word_set(
    "label labels packaging package design bottle jar can box bag pouch tin logo with in on for and or that which "
    "from by at using featuring a an the"
)
_NOT_A_PLACE = word_set(
    "style look font fonts typeface background colors colours color colour layout design theme poster flyer card "
    "banner top bottom left right center centre corner border frame photo image picture illustration logo title "
    "headline subtitle text letters serif sans bold italic stil estilo stile typo schrift police fuente "
    "hintergrund vordergrund mitte ecke rahmen farben farbe bild foto logo überschrift"
)
_SMALL_WORDS = word_set("of de del the and & am an der la le")
_SEGMENT = re.compile(r"[^,;:.!?\n\x01\u3002\uff0c\uff1b]+")


def find_facts(masked: str, kind: DocumentKind) -> list[UnquotedText]:
    """The facts the brief (texts and structures masked) gives as bare words, in brief order, none overlapping."""
    if kind in ("scene", "document"):
        return []  # a brief that names nothing to make may just talk ("see https://example.com for details")
    found: list[UnquotedText] = []
    readers = [_contacts(masked), _people(masked, kind)]
    if kind == "certificate":
        readers.append(certificate_lines(masked))
    if kind in ("card", "certificate"):
        readers.append(first_names(masked))
    if kind in _BRANDED_KINDS:
        readers.append(made_for_brands(masked))
    if kind in _SELLING_KINDS:
        readers.append(offers(masked))
    if kind in _EVENT_KINDS:
        readers.append(_event_facts(masked))
    elif kind == "certificate":
        readers.append(_dates(masked))
    if kind in _PACKAGE_KINDS:
        readers.append(_package_facts(masked))
    if kind in _SELLING_KINDS - _EVENT_KINDS:
        readers.append(_prices(masked))
    for reader in readers:
        for candidate in reader:
            if not any(candidate.start < kept.end and kept.start < candidate.end for kept in found):
                found.append(candidate)
    if kind == "card":
        found += business_card_lines(masked, found)
    return sorted(found, key=lambda kept: kept.start)


def _contacts(masked: str) -> Iterator[UnquotedText]:
    for pattern in (_EMAIL, _URL, _PHONE):
        for match in pattern.finditer(masked):
            yield UnquotedText(match.start(), match.end(), match.group(), match.start(), match.end(), purpose="contact")


def _people(masked: str, kind: DocumentKind) -> Iterator[UnquotedText]:
    """Authors after "by", and the person a certificate or card is for."""
    for match in _AUTHORS.finditer(masked):
        for name in re.finditer(_NAME, masked[match.start("names") : match.end("names")]):
            start = match.start("names") + name.start()
            if not _names_days(name.group()):
                yield fact(start, start + len(name.group()), masked, "author")
    for match in _RECIPIENT.finditer(masked):
        group = "name" if match["name"] else "other"
        yield fact(match.start(group), match.end(group), masked, "name")
    if kind in ("certificate", "card"):
        for match in _CERTIFIED.finditer(masked):
            for name in re.finditer(_NAME, match["names"]):
                if not _names_days(name.group()) and not _AWARD_WORDS.intersection(name.group().lower().split()):
                    start = match.start("names") + name.start()
                    yield fact(start, start + len(name.group()), masked, "name")


def _names_days(name: str) -> bool:
    return any(names_a_day(word) for word in name.split())


def _event_facts(masked: str) -> Iterator[UnquotedText]:
    """An event's date and time, price and place; a bare place only beside another fact ("Friday 8 PM, The
    Loft, tickets $15")."""
    facts = [*_dates(masked), *_prices(masked)]
    for match in _AT_PLACE.finditer(masked):
        place = match["place"].rstrip(".")
        if _is_place(place):
            facts.append(fact(match.start("place"), match.start("place") + len(place), masked, "venue"))
    yield from facts
    yield from _bare_places(masked, facts)
    yield from _lead_titles(masked, facts)


def _prices(masked: str) -> Iterator[UnquotedText]:
    """Prices with their words ("tickets $15", "free entry") or alone between commas ("..., $129, ...")."""
    for match in _PRICE.finditer(masked):
        if _PRICE_WORD.search(match.group()) or _alone(masked, match.start(), match.end()):
            yield fact(match.start(), match.end(), masked, "price")


_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z\u00c0-\u00de]")
_NAME_BEFORE = re.compile(r"[A-Z\u00c0-\u00de][\w'’-]*[ \t]+$")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|our|my|your|their|this|that)[ \t]+$", re.IGNORECASE)


def _describes_design(words: str) -> bool:
    """Whether words say how the design looks ("Vintage-Stil", "Navy Background"), so they name nothing to set."""
    lowered = [part for word in words.split() for part in word.lower().strip("'’.").split("-")]
    return any(word in _NOT_A_PLACE or word in STYLE_WORDS or is_color_word(word) for word in lowered)


def _alone(masked: str, start: int, end: int) -> bool:
    """Whether a figure stands alone between commas, a colon or the brief's ends ("..., $15, ..."), not inside
    words about it ("a budget of $500")."""
    before = masked[max(0, start - 3) : start].rstrip()
    after = masked[end : end + 2].lstrip()
    return (not before or before[-1] in ",:;") and (not after or after[0] in ",;.")


def _dates(masked: str) -> Iterator[UnquotedText]:
    """Dates and times, unless a name runs on from or into them ("Friday Night Jazz", "Black Friday")."""
    for match in DATETIME.finditer(masked):
        before = masked[max(0, match.start() - 40) : match.start()]
        within_name = _NAME_GOES_ON.match(masked, match.end()) or _NAME_BEFORE.search(before)
        describes = _ARTICLE_BEFORE.search(before)  # "the Friday market" names the market, not a date to set
        if (within_name or describes) and not is_time_only(match.group()):
            continue
        purpose: TextPurpose = "time" if is_time_only(match.group()) else "date"
        yield fact(match.start(), match.end(), masked, purpose)


def _is_place(words: str) -> bool:
    """Whether capitalised words can name a place: no weekday or month, no style, layout or colour word."""
    names = words.split()
    if any(names_a_day(word) for word in names) or _describes_design(words):
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or word.lower() in _SMALL_WORDS for word in names[1:])


def _bare_places(masked: str, facts: list[UnquotedText]) -> Iterator[UnquotedText]:
    """Capitalised words alone after a comma that follows a date, time or price: the place of the event ("Friday
    8 PM, The Loft"); before the facts such words more often name the event itself."""
    places: list[UnquotedText] = []  # a place may follow another: "Villa Rosa, Lake Como"
    for segment in _SEGMENT.finditer(masked):
        start, end = segment.span()
        words = masked[start:end].strip()
        first = start + len(masked[start:end]) - len(masked[start:end].lstrip())
        after_fact = any(re.fullmatch(r"\s*,\s*", masked[f.end : first]) for f in (*facts, *places))
        if (
            after_fact
            and re.fullmatch(r"[A-Z\u00c0-\u00de][\w'’&.-]*(?:\s+[\w'’&.-]+){0,4}", words)
            and _is_place(words)
            and not any(first <= f.start < end for f in facts)
        ):
            places.append(fact(first, first + len(words), masked, "venue"))
            yield places[-1]


_LEAD_TITLE = re.compile(r"[:\uff1a]\s*(?P<title>[A-Z0-9\u00c0-\u00de][^,;:.!?\n\x01]{0,80}?)\s*,\s*")


def _lead_titles(masked: str, facts: list[UnquotedText]) -> Iterator[UnquotedText]:
    """Capitalised words right after a colon and before a list of facts: the event's name ("A poster: Summer
    Fest 2025, 12 July, Stadtpark")."""
    for match in _LEAD_TITLE.finditer(masked):
        title = match["title"]
        words = [word for word in title.split() if word.lower() not in _SMALL_WORDS]
        capitalised = all(word[:1].isupper() or word[:1].isdigit() for word in words)
        if (
            capitalised
            and len(words) <= 8
            and not _describes_design(title)
            and any(f.start == match.end() for f in facts)
        ):
            yield fact(match.start("title"), match.end("title"), masked, "title")


def _package_facts(masked: str) -> Iterator[UnquotedText]:
    """A package's net quantity ("500 ml", "net weight 250 g") and the product after its brand ("for 'Green
    Valley' olive oil")."""
    for match in _QUANTITY.finditer(masked):
        yield fact(match.start(), match.end(), masked, "legal")
    for match in _PRODUCT.finditer(masked):
        if masked[match.end() : match.end() + 2].strip()[:1] == "\x01":
            continue  # "coffee 'Ethiopia Yirgacheffe'": the words lead to the product's own name
        words = match["product"].split()
        kept = []
        for word in words:
            if word.lower() in _PRODUCT_STOP or word.lower() in STYLE_WORDS:
                break
            kept.append(word)
        if kept:
            start = match.start("product")
            yield fact(start, start + len(" ".join(kept)), masked, "product")


def is_contact(text: str) -> bool:
    """Whether a text is an email address, a web address or a phone number and nothing else."""
    return any(pattern.fullmatch(text) for pattern in (_EMAIL, _URL, _PHONE))


def is_quantity(text: str) -> bool:
    """Whether a text is a package's net quantity and nothing else ("500 ml", "Net weight 250 g")."""
    return _QUANTITY.fullmatch(text) is not None
