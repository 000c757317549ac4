"""What each text of a brief is for on the page (brand, product, tagline, date, price, call to action...), read
from the words around it ("for 'Green Valley'", "claims 'Organic', 'Cold pressed'", "a 'Sign up' button"),
else from its own shape (an email address, "$15", "Friday 8 PM"); and the role each text then takes.

A purpose the brief's words give also settles the text's role, so a brand is the headline unless the brief names
another one, and a date, a price or a badge never takes the headline's place. A purpose told only by the text's
shape leaves its role as the brief's order gives it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tessera.contract import DocumentKind, TextPurpose
from tessera.planner._date_words import DATETIME, is_time_only
from tessera.planner._quotes import Quote, Role
from tessera.planner._read_facts import is_contact, is_quantity

# Cue words before a text, by the purpose they give; each must end right before the text, give or take a
# colon, "is", "reads", "called" or an article ("brand name: 'Acme'", "a tagline that reads 'Fresh daily'").
_CUES: dict[TextPurpose, str] = {
    "brand": (
        r"brand(?:\s+name)?|logo(?:\s+text)?|wordmark|company(?:\s+name)?|business\s+name|shop\s+name|store\s+name|"
        r"restaurant\s+name|caf[eé]\s+name|maker|brewery|winery|bakery\s+name|marke|markenname|firmenname|marque|"
        r"nom\s+de\s+(?:la\s+)?marque|marca|nombre\s+de\s+(?:la\s+)?marca|品牌|品牌名|ブランド名?|브랜드"
    ),
    "product": (
        r"product(?:\s+name)?|flavou?r|variety|produkt(?:name)?|nom\s+du\s+produit|produit|producto|"
        r"nombre\s+del\s+producto|产品名?|商品名?|제품명?"
    ),
    "tagline": (
        r"taglines?|slogans?|straplines?|mottos?|claim\s+line|werbespruch|accroche|eslogan|lema|标语|口号|"
        r"キャッチコピー|スローガン|슬로건"
    ),
    "badge": (
        r"claims?|badges?|seals?|stickers?|certifications?|callouts?|siegel|abzeichen|hinweis(?:e|en)?|pastilles?|mentions(?!\s+légales)|"
        r"sellos?|insignias?|徽章|认证|バッジ|배지"
    ),
    "cta": (
        r"cta|call[- ]to[- ]action|buttons?|btn|button\s+(?:text|label)|link|schaltfläche|knopf|bouton|botón|"
        r"按钮|ボタン|버튼"
    ),
    "price": r"prices?|priced\s+at|costs?|ticket\s+price|preis|prix|precio|价格|価格|가격",
    "date": r"dates?|dated|on\s+the\s+date|datum|fecha|日期|日付|날짜",
    "time": r"time|starts?\s+at|doors\s+at|uhrzeit|heure|hora|时间|時間|시간",
    "venue": r"venue|location|address|held\s+at|ort|veranstaltungsort|lieu|lugar|地点|场地|会場|장소",
    "contact": (
        r"e-?mail|phone|tel\.?|telephone|mobile|website|web\s+address|url|contact|kontakt|courriel|correo|"
        r"teléfono|电话|邮箱|网址|電話|メール|연락처"
    ),
    "author": (
        r"by|authors?|author\s+names?|written\s+by|byline|von|par|por|autor(?:en)?|auteurs?|autores|作者|著者|저자"
    ),
    "legal": (
        r"ingredients|net\s+(?:weight|wt\.?|vol(?:ume)?|contents?)|allergens?|disclaimer|legal\s+(?:text|line|note)|"
        r"copyright|fine\s+print|small\s+print|zutaten|ingrédients|ingredientes|配料|原材料|성분"
    ),
    "caption": r"captions?|captioned|legend|bildunterschrift|légende|leyenda|图注|キャプション|캡션",
    "footer": r"footer|footnote|fußzeile|pied\s+de\s+page|pie\s+de\s+página|页脚|フッター|바닥글",
    "name": (
        r"presented\s+to|awarded\s+to|given\s+to|recipient(?:'s)?(?:\s+name)?|name\s+of\s+the\s+recipient|"
        r"verliehen\s+an|décerné\s+à|otorgado\s+a|授予|受賞者"
    ),
    "title": (
        r"titled|entitled|title|headline|heading|header|titel|überschrift|titre|título|标题|タイトル|見出し|제목"
    ),
    "subtitle": r"sub-?titles?|sub-?headings?|subheads?|untertitel|sous-titre|subtítulo|副标题|サブタイトル|부제",
    "body": (
        r"body(?:\s+(?:text|copy))?|paragraph|description|blurb|abstract|message|beschreibung|résumé|resumen|正文|"
        r"本文|본문"
    ),
}
_CUE_GROUPS = "|".join(f"(?P<{purpose}>{words})" for purpose, words in _CUES.items())
_TAIL = (
    r"(?:\s+(?:text|line|copy|words?))?\s*(?:[:=\uff1a]|\b(?:is|are|reads?|reading|says?|saying|that\s+(?:says|reads)|"
    r"which\s+(?:says|reads)|called|named|labell?ed|as|of|like|such\s+as|including)\b)?\s*(?:(?:the|a|an|our|its)\s+)?"
)
_BEFORE = re.compile(rf"(?:^|(?<=[^\w-])|(?<=[\u3040-\u9fff]))(?:{_CUE_GROUPS}){_TAIL}$", re.IGNORECASE)
_AFTER = re.compile(
    rf"^\s*(?:(?:as|for)\s+(?:(?:the|a|an|its|our)\s+)?)?(?:(?:main|small|big|primary|round|green|red|blue)\s+)?"
    rf"(?:{_CUE_GROUPS})(?![\w-])",
    re.IGNORECASE,
)
# Purposes that "by", "as", "like" would give from the postfix position make no sense ("'X' by the door").
_NOT_AFTER: frozenset[str] = frozenset({"author", "name", "time", "venue", "date"})
_LIST_GOES_ON = re.compile(
    r"^\s*(?:,|;|/|\band\b|\bor\b|&|\bund\b|\bet\b|\by\b|、|，)?\s*(?:\band\b)?\s*$", re.IGNORECASE
)
_LISTED: frozenset[TextPurpose] = frozenset({"badge", "author", "cta", "contact"})
# "for 'X'", "for the restaurant 'X'", "para el restaurante 'X'".
_FOR = re.compile(
    r"(?:^|\s)(?:for|für|pour|para)\s+(?:(?:the|el|la|le|l['’]|die|das|den|dem)\s*)?(?:(?:restaurant|restaurante|"
    r"caf[eé]|bakery|bar|shop|store|app|brand|company|boutique|tienda|marca|empresa|marque|bäckerei|firma)\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[.!?;\n\u3002\uff01\uff1f\uff1b]\s")
_PRICE_SHAPE = re.compile(
    r"(?:[A-Za-z]+\s+)?(?:[$€£¥]\s?\d+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?[$€£¥])(?:\s?/\s?(?:mo|month|yr|year))?"
    r"(?:\s+[A-Za-z]+)?"
)
# The purposes of texts the brief makes for something named "for": a package's or a shop's brand, the person a
# card or a certificate is for; an event poster's "for" names its event, unless another text is its title.
_FOR_PURPOSE: dict[DocumentKind, TextPurpose] = {
    "label": "brand", "product": "brand", "menu": "brand", "banner": "brand", "sign": "brand", "pricing": "brand",
    "login": "brand", "dashboard": "brand", "card": "name", "certificate": "name", "poster": "brand",
    "flyer": "brand", "slide": "brand",
}  # fmt: skip
_TITLED_FIRST: frozenset[DocumentKind] = frozenset({"poster", "flyer", "slide"})


@dataclass(frozen=True)
class Purpose:
    """A text's purpose, and whether the brief's words said it (not only the text's shape)."""

    purpose: TextPurpose
    said: bool = True


@dataclass(frozen=True)
class Placed:
    """One text of the brief: its words, its span, and the purpose its reader already gave it (a fact's)."""

    text: str
    start: int
    end: int
    purpose: TextPurpose | None = None


def text_purposes(masked: str, texts: Sequence[Placed], kind: DocumentKind, titled: bool) -> dict[str, Purpose]:
    """The purpose of each distinct text (by its words), in brief order; `titled`: another text is named the title.

    `masked` is the brief with every text masked; a text's purpose comes from the words right before it, then right
    after it, then from the text before it in a list ("claims 'Organic', 'Cold pressed'"), then from "for"
    before it, then from its own shape."""
    purposes: dict[str, Purpose] = {}
    previous: Purpose | None = None  # the purpose of the text before, which a list of texts carries on
    for index, placed in enumerate(texts):
        if placed.text in purposes:
            continue
        start = max(_clause_start(masked, placed.start), texts[index - 1].end if index else 0)
        end = texts[index + 1].start if index + 1 < len(texts) else len(masked)
        before, after = masked[start : placed.start], masked[placed.end : end]
        found = _said(placed, before, after, previous, kind, titled) or _shaped(placed.text)
        if found is not None:
            purposes[placed.text] = found
        previous = found
    return purposes


def _said(
    placed: Placed,
    before: str,
    after: str,
    previous: Purpose | None,
    kind: DocumentKind,
    titled: bool,
) -> Purpose | None:
    """The purpose the words around a text give it."""
    if placed.purpose is not None:
        return Purpose(placed.purpose)
    if cue := _BEFORE.search(before):
        return Purpose(_group(cue))
    if (cue := _AFTER.match(after)) and _group(cue) not in _NOT_AFTER:
        return Purpose(_group(cue))
    if previous and previous.purpose in _LISTED and _LIST_GOES_ON.match(before):
        return previous
    for_purpose = _FOR_PURPOSE.get(kind)
    if for_purpose and _FOR.search(before) and (titled or kind not in _TITLED_FIRST):
        return Purpose(for_purpose)
    return None


def _group(match: re.Match[str]) -> TextPurpose:
    """The purpose whose cue words matched: the pattern's group names are the purposes."""
    return next(purpose for purpose in _CUES if match.group(purpose) is not None)


def _shaped(text: str) -> Purpose | None:
    """The purpose a text's own shape tells: an address or a number to call, a net quantity, a price, a date or a
    time."""
    if is_contact(text):
        return Purpose("contact", said=False)
    if is_quantity(text):
        return Purpose("legal", said=False)
    if _PRICE_SHAPE.fullmatch(text):
        return Purpose("price", said=False)
    if DATETIME.fullmatch(text):
        return Purpose("time" if is_time_only(text) else "date", said=False)
    return None


def _clause_start(masked: str, position: int) -> int:
    window = max(0, position - 200)
    return max((m.end() for m in _CLAUSE_START.finditer(masked, window, position)), default=window)


# The role a text takes for what it is for, where the brief names no role for it.
_ROLE_OF_PURPOSE: dict[TextPurpose, Role] = {
    "product": "subheading", "tagline": "subheading", "subtitle": "subheading", "date": "body", "time": "body",
    "venue": "body", "author": "body", "body": "body", "caption": "body", "price": "label", "cta": "label",
    "badge": "label", "contact": "footer", "legal": "footer", "footer": "footer",
}  # fmt: skip
_LEADS: frozenset[TextPurpose] = frozenset({"brand", "name", "title"})


def settled_roles(order: Sequence[str], named: dict[str, Role], purposes: dict[str, Purpose]) -> dict[str, Role]:
    """Each text's role: the one the brief names, else the one its purpose gives; a brand, a person's name or an
    unnamed text is the headline while there is none, the ones after it sub-headings or body.

    A role named only by a document noun ("label" in "a product label for 'X'") gives way to a brand's."""
    named = {
        text: role
        for text, role in named.items()
        if not (role == "label" and text in purposes and purposes[text].purpose in ("brand", "name", "product"))
    }
    roles: dict[str, Role] = {}
    has_headline = "headline" in named.values()
    for text in order:
        found = purposes.get(text)
        purpose = found.purpose if found and found.said else None
        if text in named:
            roles[text] = named[text]
        elif purpose is not None and purpose in _ROLE_OF_PURPOSE:
            roles[text] = _ROLE_OF_PURPOSE[purpose]
        elif not has_headline:
            roles[text], has_headline = "headline", True
        else:
            roles[text] = "subheading" if purpose in _LEADS else "body"
    return roles


def placed_quote(quote: Quote) -> Placed:
    """A quotation as a placed text, with no purpose yet."""
    return Placed(quote.text, quote.start, quote.end)
