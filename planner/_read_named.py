"""More facts everyday briefs give as bare words: an offer on a sale banner or a product ("up to 50% off"), the
brand an app or a shop is made for ("a login screen for the Nimbus app"), the first names a card or a certificate
is for ("for Anna & Tom", "for Mia"), a business card's job title and company ("Jane Doe, Senior Designer, Acme
Inc"), and a certificate's own title and what it is awarded for ("a certificate of achievement ... for completing
the Python Bootcamp").

Each reader is as conservative as the facts reader that calls it (`planner._read_facts`): words that only name a
style, a colour, a day or an occasion are never read as a name, and each runs only in the kinds whose briefs say
such things.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tessera.contract import TextPurpose
from tessera.planner._colors import is_color_word
from tessera.planner._date_words import names_a_day
from tessera.planner._read_styles import STYLE_WORDS
from tessera.planner._read_texts import UnquotedText
from tessera.planner._text_cues import word_set

_PERCENT = r"(?:-\s?)?\d{1,3}(?:[.,]\d)?\s?%"
_MONEY = r"(?:[$€£¥]\s?\d+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?[$€£¥])"
# "up to 50% off", "save $20", "20% off everything", "bis zu 50 % Rabatt", "jusqu'à -50 %", "hasta 50% de descuento".
_ON = (
    r"(?:\s+(?:on\s+)?(?:everything|sitewide|storewide|all\s+[a-z]+|your\s+first\s+order|selected\s+items|"
    rf"orders?\s+(?:over|above|from)\s+{_MONEY}))?"
)
_OFFER = re.compile(
    rf"(?<![\w%])(?:(?:up\s+to|save|extra|flat|get|an\s+extra|now)\s+)?{_PERCENT}\s?off{_ON}(?!\w)|"
    rf"(?<!\w)save\s+(?:up\s+to\s+)?(?:{_MONEY}|{_PERCENT}){_ON}(?!\w)|(?<!\w){_MONEY}\s+off{_ON}(?!\w)|"
    r"(?<!\w)(?:buy\s+one,?\s+get\s+one\s+(?:free|half\s+price)|free\s+(?:shipping|delivery)|bogo)(?!\w)|"
    rf"(?<!\w)(?:bis\s+zu\s+)?{_PERCENT}(?:\s+auf\s+alles)?\s+rabatt(?!\w)|(?<!\w)bis\s+zu\s+{_PERCENT}(?!\w)|"
    rf"(?<!\w)jusqu['’]à\s+{_PERCENT}(?:\s+de\s+(?:réduction|remise))?(?!\w)|"
    rf"(?<!\w){_PERCENT}\s+de\s+(?:réduction|remise|descuento)(?!\w)|"
    rf"(?<!\w)hasta\s+(?:un\s+)?{_PERCENT}(?:\s+de\s+descuento)?(?!\w)|(?<!\w)livraison\s+gratuite(?!\w)|"
    r"(?<!\w)envío\s+gratis(?!\w)|(?<!\w)(?:gratis|kostenloser)\s+versand(?!\w)",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z\u00c0-\u00de][\w'’&.+-]*"
_BRAND = rf"(?P<brand>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
_BUSINESS = (
    r"app|application|web\s+app|website|site|platform|service|startup|company|brand|store|shop|tool|software|"
    r"saas|bank|caf[eé]|coffee\s+shop|restaurant|bakery|bar|studio|agency|gym|hotel|marketplace|portal|"
    r"newsletter|podcast|extension"
)
# "for the Nimbus app", "for the Ledgerly bookkeeping app", "for the Levantine restaurant Al Yasmin" (the name
# after the business wins over a word before it), "für die Nimbus-App", "pour l'application Nimbus".
_FOR_BRAND = (
    re.compile(
        rf"\b(?:for|from)\s+(?:the\s+|our\s+|my\s+)?(?:[A-Za-z]+\s+){{0,2}}?(?:{_BUSINESS})\s+(?:called\s+|named\s+)?"
        rf"{_BRAND}(?![\w'’])"
    ),
    re.compile(
        rf"\b(?:for|from)\s+(?:the\s+|our\s+|my\s+)?{_BRAND}(?:\s+[a-z]+){{0,2}}\s+(?:{_BUSINESS})s?\b"
        rf"(?!\s+(?:called\s+|named\s+)?{_NAME_WORD})"
    ),
    # "a pricing page for Acme with three tiers", "a login screen for Nimbus."
    re.compile(rf"\bfor\s+{_BRAND}(?=\s*(?:[,.;:]|$)|\s+(?:with|featuring|showing)\b)"),
    re.compile(
        rf"\bfür\s+(?:die|das|den|unsere?n?)\s+{_BRAND}[- ](?:App|Website|Webseite|Plattform|Firma|Marke|Shop)\b"
    ),
    re.compile(
        r"\b(?:pour|para)\s+(?:l['’]|la\s+|le\s+|el\s+|notre\s+|nuestra\s+)?(?:application|app|appli|site|"
        rf"plateforme|boutique|marque|entreprise|aplicación|plataforma|tienda|marca|empresa)\s+{_BRAND}(?![\w'’])"
    ),
)
DESCRIBES_BUSINESS = re.compile(rf"\s+(?:[a-z]+\s+)?(?:{_BUSINESS})s?\b")
"""What follows a capitalised word that describes a business rather than names it ("Italian restaurant")."""
OTHER_SCRIPT = re.compile(
    r"\b(?:arabic|hebrew|persian|farsi|urdu|chinese|japanese|korean|russian|ukrainian|greek|hindi|thai)\b|"
    r"\bright[- ]to[- ]left\b",
    re.IGNORECASE,
)
"""Words that put a brief's texts in a script other than Latin: names given in Latin letters are not its texts."""
_COUPLE = re.compile(
    r"\b(?:for|für|pour|para)\s+(?P<names>[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+\s+(?:&|and|und|et|y)\s+"
    r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+)(?![\w'’])"
)
_FIRST_NAME = re.compile(
    r"\b(?:for|für|pour|para)\s+(?P<name>[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+)"
    r"(?=\s*(?:[,.;!\n]|$|\s+(?:with|on|in|from|mit|avec|con)\b))"
)
# Capitalised words after "for" that name an occasion or a group, not a person: "a card for Christmas".
_NOT_PEOPLE = word_set(
    "christmas xmas easter halloween thanksgiving diwali eid hanukkah ramadan valentine valentines weihnachten "
    "ostern noël navidad pascua everyone kids children mom mum dad mother father grandma grandpa teachers"
)
_CERTIFICATE_FOR = word_set(
    "achievement completion appreciation excellence participation recognition attendance merit honor honour "
    "training graduation accomplishment distinction"
)
_CERTIFICATE_TITLE = re.compile(
    r"\b(?P<title>(?:certificate|diploma)\s+of\s+(?P<for>[A-Za-z]+)|certificat\s+de\s+(?:réussite|participation|"
    r"formation|mérite|reconnaissance|excellence|fin\s+d['’]études)|certificado\s+de\s+(?:reconocimiento|"
    r"participación|asistencia|finalización|logro|excelencia|mérito)|diploma\s+de\s+honor|"
    r"(?:teilnahme|sieger|ehren|anerkennungs|abschluss)urkunde)\b",
    re.IGNORECASE,
)
# "for completing the Python Bootcamp", "pour avoir suivi la formation Python", "por completar el curso".
_AWARDED_FOR = re.compile(
    r"\b(?:for\s+(?:successfully\s+)?(?:completing|completion\s+of|finishing|participating\s+in|participation\s+in|"
    r"attending|excellence\s+in|outstanding\s+\w+\s+(?:in|to)|contributions?\s+to|winning|graduating\s+from)|"
    r"pour\s+avoir\s+(?:suivi|terminé|complété|réussi|participé\s+à)|"
    r"por\s+(?:completar|haber\s+completado|finalizar|su\s+participación\s+en)|"
    r"für\s+die\s+(?:erfolgreiche\s+)?teilnahme\s+an)\s+[^,;:.!?\n\x01]+",
    re.IGNORECASE,
)
_AWARD_ENDS = re.compile(r"\s+(?:with|on|in)\s+(?:a|an|the)\s+|\s+(?:[\w-]+\s+)?(?:style|look|theme)\b", re.I)
_TITLE_SMALL_WORDS = word_set("of de la le el du des del")
_BUSINESS_CARD = re.compile(
    r"\b(?:business|visiting|name|contact)\s+cards?\b|visitenkarte|carte\s+de\s+visite|tarjeta\s+de\s+visita|名片|名刺|명함",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^,;:.!?\n\x01]+")
_CAPITALISED_LINE = re.compile(
    r"[A-Z\u00c0-\u00de][\w'’&.-]*(?:\s+(?:[A-Z\u00c0-\u00de&][\w'’&.-]*|of|de|and|für|du|del))*"
)
_COMPANY = re.compile(
    r"\b(?:inc|ltd|llc|gmbh|ag|sa|sarl|s\.l|co|corp|company|studio|studios|agency|labs?|group|partners)\.?$",
    re.IGNORECASE,
)


def fact(start: int, end: int, masked: str, purpose: TextPurpose, text: str | None = None) -> UnquotedText:
    """A fact set as a design sets it: its first letter a capital ("tickets $15": "Tickets $15")."""
    words = masked[start:end] if text is None else text
    return UnquotedText(start, end, words[:1].upper() + words[1:], start, end, purpose=purpose)


def offers(masked: str) -> Iterator[UnquotedText]:
    """Offers on a sale: "up to 50% off", "save $20", "free shipping"."""
    for match in _OFFER.finditer(masked):
        yield fact(match.start(), match.end(), masked, "price")


def made_for_brands(masked: str) -> Iterator[UnquotedText]:
    """The brand an app, a site or a shop is for: "for the Nimbus app", "pour l'application Nimbus"."""
    if OTHER_SCRIPT.search(masked):
        return  # the name is written in the brief's other script on the page, not in these Latin letters
    taken: list[tuple[int, int]] = []
    for pattern in _FOR_BRAND:
        for match in pattern.finditer(masked):
            span = match.span("brand")
            not_a_brand = names_nothing(match["brand"]) or match["brand"].lower() in _NOT_PEOPLE
            if not_a_brand or any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            yield fact(span[0], span[1], masked, "brand")


def first_names(masked: str) -> Iterator[UnquotedText]:
    """The people a card or a certificate is for by their first names: two set together ("for Anna & Tom"), or
    one alone before the clause ends or goes on ("a birthday card for Mia", "for Emma, watercolor style")."""
    for match in _COUPLE.finditer(masked):
        first, *_, second = match["names"].split()
        if not names_nothing(first) and not names_nothing(second):
            yield fact(match.start("names"), match.end("names"), masked, "name")
    for match in _FIRST_NAME.finditer(masked):
        if not names_nothing(match["name"]) and match["name"].lower() not in _NOT_PEOPLE:
            yield fact(match.start("name"), match.end("name"), masked, "name")


def certificate_lines(masked: str) -> Iterator[UnquotedText]:
    """A certificate's own title ("a certificate of achievement": "Certificate of Achievement") and what it is
    awarded for ("for completing the Python Bootcamp")."""
    for match in _CERTIFICATE_TITLE.finditer(masked):
        if match["for"] is not None and match["for"].lower() not in _CERTIFICATE_FOR:
            continue  # "a certificate of Maria's": no kind of certificate
        words = match["title"]
        if match["for"] is not None:  # English titles are set in title case
            words = " ".join(w if w.lower() in _TITLE_SMALL_WORDS else w[:1].upper() + w[1:] for w in words.split())
        yield fact(match.start("title"), match.end("title"), masked, "title", words)
    for match in _AWARDED_FOR.finditer(masked):
        words = match.group().rstrip()
        if end := _AWARD_ENDS.search(words):
            words = words[: end.start()]
        yield fact(match.start(), match.start() + len(words), masked, "body")


def business_card_lines(masked: str, facts: list[UnquotedText]) -> list[UnquotedText]:
    """A business card's lines after the person's name, each capitalised words between commas: a job title
    ("Senior Designer": the subtitle) or a company ("Acme Inc": the brand)."""
    if not _BUSINESS_CARD.search(masked):
        return []
    lines: list[UnquotedText] = []
    names = [f for f in facts if f.purpose == "name"]
    for segment in _LINE.finditer(masked):
        words = segment.group().strip()
        first = segment.start() + len(segment.group()) - len(segment.group().lstrip())
        after = [*names, *lines]
        if not any(re.fullmatch(r"\s*,\s*", masked[f.end : first]) for f in after):
            continue
        if not _CAPITALISED_LINE.fullmatch(words) or len(words.split()) > 5 or names_nothing(words):
            continue
        if any(first < f.end and f.start < first + len(words) for f in facts):
            continue
        purpose: TextPurpose = "brand" if _COMPANY.search(words) else "subtitle"
        lines.append(fact(first, first + len(words), masked, purpose))
    return lines


def names_nothing(words: str) -> bool:
    """Whether words are only days, months or words on how the design looks ("Modern", "Friday"), so they name no
    person or brand; a colour among other words may ("Blue Moon")."""
    lowered = [part for word in words.split() for part in word.lower().strip("'’.").split("-")]
    return all(names_a_day(word) or word in STYLE_WORDS or is_color_word(word) for word in lowered)
