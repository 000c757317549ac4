"""The words that introduce text to set without quotation marks, in several languages, and the role each gives.

A label cue ends in a colon ("Title:", "Author list:", "标题："); an inline cue runs into the text ("a poster
titled ...", "a sign that reads ...", "mit der Aufschrift ..."); a trailing cue follows it ("... is written on
the banner", "...と書かれた看板", "...라고 적힌 간판").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from tessera.contract import TextRole


def word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list, as a set to look words up in."""
    return frozenset(words.split())


# Label words (before a colon) by the role they give; matched case-insensitively as the label's last words.
_LABEL_WORDS: dict[TextRole, str] = {
    "title": (
        r"titles?|headlines?|headings?|^(?:the\s+|your\s+)?name|(?:brand|product|company|event|store|shop|app|"
        r"restaurant|caf[eé]|business|band|full) name|"
        r"titel|überschrift|titre|título|titulo|titolo|заголовок|название|"
        r"标题|主标题|题目|標題|タイトル|表題|見出し|제목|헤드라인"
    ),
    "subtitle": (
        r"sub-?titles?|sub-?headings?|subheads?|taglines?|slogans?|straplines?|mottos?|"
        r"job title|untertitel|unterzeile|sous-titre|accroche|subtítulo|subtitulo|eslogan|lema|"
        r"sottotitolo|"
        r"подзаголовок|слоган|副标题|标语|口号|サブタイトル|副題|キャッチコピー|スローガン|부제목|부제|슬로건"
    ),
    "heading": r"section headings?|section titles?|chapter titles?|zwischenüberschrift|小标题|小見出し|소제목",
    "body": (
        r"author list|authors?|author names|byline|abstract|body|body text|body copy|copy|text|paragraph|"
        r"message|affiliations?|keywords|e-?mail|phone|tel|telephone|mobile|website|web|url|address|"
        r"ingredients|allergens|zutaten|ingrédients|ingredientes|配料|原材料|"
        r"autor|autoren|autorenliste|zusammenfassung|kurzfassung|fließtext|texte?|auteurs?|résumé|"
        r"autores|resumen|texto|autore|autori|riassunto|sommario|testo|resumo|"
        r"авторы?|аннотация|текст|"
        r"作者|摘要|正文|文字|文本|内容|著者|要旨|概要|本文|テキスト|저자|초록|요약|본문|내용|텍스트"
    ),
    "caption": (
        r"captions?|photo caption|image caption|figure caption|bildunterschrift|légende|legende|pie de foto|"
        r"leyenda|didascalia|legenda|подпись|图注|图片说明|说明|キャプション|캡션"
    ),
    "label": (
        r"labels?|buttons?|button labels?|button text|badges?|tags?|stickers?|cta|call to action|"
        r"etikett|beschriftung|aufschrift|étiquette|bouton|etiqueta|botón|etichetta|pulsante|rótulo|botão|"
        r"标签|按钮|ラベル|ボタン|라벨|레이블|버튼"
    ),
    "price": r"prices?|preis|prix|precio|prezzo|preço|价格|価格|가격",
    "quote": r"quote|quotation|zitat|citation|cita|citazione|citação|引言|引用|인용문",
    "footer": (
        r"footers?|footnotes?|dates?|fine print|small print|copyright|datum|fußzeile|fusszeile|pied de page|"
        r"fecha|pie de página|piè di pagina|rodapé|дата|日期|页脚|日付|フッター|날짜|바닥글|푸터"
    ),
}
# One pattern, so the leftmost (longest) label wins: "Job title" is a subtitle, "Section heading" a heading. Not
# "\b": CJK label words follow other CJK characters ("海报标题：").
_LABEL_ROLE = re.compile(
    r"(?:(?<![^\W\d_])|(?<=[\u3040-\u9fff\uac00-\ud7af]))(?:"
    + "|".join(f"(?P<{role}>{words})" for role, words in _LABEL_WORDS.items())
    + r")$",
    re.IGNORECASE,
)
# Words that may sit between the label word and its colon: "The title should be:", "Title text:".
_LABEL_TAIL = re.compile(
    r"(?:\s+(?:text|line|copy|string|wording))?"
    r"(?:\s+(?:is|are|should be|must be|will be|shall be|reads|should read))?\s*$",
    re.IGNORECASE,
)
# Label words whose colon lists several items when plural ("Labels: S, M, L"): a structure, not one text.
LIST_ROLES: frozenset[TextRole] = frozenset({"title", "subtitle", "heading", "label", "price", "caption"})
# Carriers named by a label: "Sign: OPEN", "Banner text: Happy Birthday".
_CARRIER_LABEL = re.compile(
    r"(?<![^\W\d_])(?P<carrier>sign|signboard|banner|billboard|plaque|placard|board)(?:\s+text)?$", re.IGNORECASE
)


_PROSE_LABEL = re.compile(
    r"(?:abstract|body|body text|body copy|copy|text|paragraph|message|quote|quotation|zusammenfassung|kurzfassung|"
    r"fließtext|texte?|résumé|resumen|texto|riassunto|sommario|testo|resumo|аннотация|текст|citation|zitat|"
    r"摘要|正文|文字|文本|内容|要旨|概要|本文|テキスト|초록|요약|본문|내용|텍스트)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LabelCue:
    """What a label before a colon says of the text after it."""

    role: TextRole
    carrier: str | None = None
    prose: bool = False  # the text may run over several sentences (an abstract, a body text)


def label_cue(label: str) -> LabelCue | None:
    """What a label ("Title", "Author list", "Sign", "摘要") says of the text after its colon; None for a label
    that names no kind of text ("Colors", "Three bullet points")."""
    core = _LABEL_TAIL.sub("", label.strip())
    if not core[-1:].isalpha():
        return None
    if carrier := _CARRIER_LABEL.search(core):
        # "Sign: OPEN" names the text; "A holiday sale banner: ..." describes the design that follows.
        described = re.match(r"(?:an?|the)\s", core, re.IGNORECASE) is not None
        return None if described else LabelCue("title", carrier.group("carrier").lower())
    if found := _LABEL_ROLE.search(core):
        role = cast(TextRole, found.lastgroup)  # the pattern's group names are the roles
        return LabelCue(role, prose=_PROSE_LABEL.search(core) is not None)
    return None


# Inline cues, in the order they are tried: (pattern, role, whether the word before names the carrier).
_DOCUMENT_NOUNS = (
    r"poster|slide|presentation|deck|talk|lecture|paper|book|novel|report|thesis|flyer|leaflet|brochure|event|"
    r"exhibition|festival|conference|workshop|course|album|app|website|site|page|menu|show|film|movie|podcast|"
    r"newsletter|magazine|game|campaign|card|certificate|infographic|banner|store|shop|caf[eé]|restaurant|bakery|"
    r"bar|brand|company|product|startup|project|series|song|playlist|blog|channel|band|team|club|hotel|salon"
)
INLINE_CUES: list[tuple[re.Pattern[str], TextRole | None, bool]] = [
    (re.compile(r"\b(?:titled|entitled|title[ds]? as)\s*:?\s+", re.IGNORECASE), "title", False),
    (
        re.compile(rf"\b(?:{_DOCUMENT_NOUNS})s?\s+(?:named|called)\s*:?\s+", re.IGNORECASE),
        "title",
        False,
    ),
    (re.compile(r"\bcaptioned\s*:?\s+", re.IGNORECASE), "caption", False),
    (re.compile(r"\blabell?ed\s+(?:with\s+)?(?:the\s+(?:words?|text)\s+)?:?\s*", re.IGNORECASE), "label", True),
    (
        re.compile(
            r"\b(?:that|which|it)\s+(?:reads?|says?|said|states?|spells?(?:\s+out)?|should\s+(?:read|say))\s*:?\s+",
            re.IGNORECASE,
        ),
        None,
        True,
    ),
    (re.compile(r"\b(?:reads|says|reading|saying|stating)\s*:?\s+", re.IGNORECASE), None, True),
    (re.compile(r"\b(?:should|must|will|shall)\s+(?:read|say)\s*:?\s+", re.IGNORECASE), None, True),
    (
        re.compile(
            r"\bwith\s+(?:the|a)\s+(?:words?|text|phrase|message|inscription|lettering|writing)\s*:?\s+",
            re.IGNORECASE,
        ),
        None,
        True,
    ),
    (re.compile(r"\bwritten\s+(?:on|across|in)\s+(?:it|them)\s+(?:is|are|was)\s*:?\s+", re.IGNORECASE), None, True),
    # German, French, Spanish, Italian, Portuguese.
    (
        re.compile(
            r"\bmit\s+(?:der|dem|den)\s+(?:Aufschrift|Text|Worten|Schriftzug|Titel|Überschrift)\s*:?\s+",
            re.IGNORECASE,
        ),
        None,
        True,
    ),
    (
        re.compile(
            r"\b(?:qui\s+dit|qui\s+indique|avec\s+(?:le\s+texte|les\s+mots|l['’]inscription|le\s+titre)|"
            r"portant\s+l['’]inscription|intitulée?s?)\s*:?\s+",
            re.IGNORECASE,
        ),
        None,
        True,
    ),
    (
        re.compile(
            r"\b(?:que\s+dice|donde\s+dice|con\s+(?:el\s+texto|las\s+palabras|la\s+leyenda|la\s+inscripción|"
            r"el\s+título)|titulad[oa])\s*:?\s+",
            re.IGNORECASE,
        ),
        None,
        True,
    ),
    (
        re.compile(
            r"\b(?:che\s+dice|con\s+(?:il\s+testo|la\s+scritta|le\s+parole|il\s+titolo)|intitolat[oa])\s*:?\s+",
            re.IGNORECASE,
        ),
        None,
        True,
    ),
    (
        re.compile(
            r"\b(?:que\s+diz|com\s+(?:o\s+texto|as\s+palavras|a\s+inscrição|o\s+título)|intitulad[oa])\s*:?\s+",
            re.IGNORECASE,
        ),
        None,
        True,
    ),
    # Chinese: "写着…", "上面写着…", "印着…", "标题为…".
    (re.compile(r"(?:写着|写有|印着|印有|写的是|文字为|文字是|内容为|内容是)[:：]?\s*"), None, False),
    (re.compile(r"(?:标题为|标题是|题为|名为)[:：]?\s*"), "title", False),
]
# Words before a "titled"/"reads" cue that name a role rather than a carrier: "the headline should read ...".
ROLE_NOUNS: dict[str, TextRole] = {
    "headline": "title", "title": "title", "heading": "title", "header": "title", "subtitle": "subtitle",
    "subheading": "subtitle", "tagline": "subtitle", "slogan": "subtitle", "caption": "caption",
    "footer": "footer", "label": "label", "button": "label", "badge": "label", "price": "price",
}  # fmt: skip
# Noun cues: "with the headline Grand Opening", "the caption Sunset over Tahoe". The text must start with a
# capital, a digit or a non-Latin letter, so "the headline in red" and "the title should be large" are not texts.
NOUN_CUE = re.compile(
    r"(?:\b(?:with|and|plus|add|has|have|including)\s+)?(?:\b(?:the|a|an)\s+)?(?:\b(?:main|big|bold|large|small|short)\s+)?"
    r"\b(?P<noun>(?i:headline|title|subtitle|sub-?heading|heading|tagline|slogan|caption|footer|button|byline|date))"
    r"\s+(?=[A-Z0-9\u00c0-\u00de\u0400-\u042f\u3040-\u9fff\uac00-\ud7af])",
)
NOUN_ROLES: dict[str, TextRole] = {
    "headline": "title", "title": "title", "heading": "title", "subtitle": "subtitle", "subheading": "subtitle",
    "sub-heading": "subtitle", "tagline": "subtitle", "slogan": "subtitle", "caption": "caption",
    "footer": "footer", "button": "label", "byline": "body", "date": "footer",
}  # fmt: skip
# Trailing cues: the text comes before them.
WRITTEN_ON = re.compile(
    r"\s+(?:is|are)\s+(?:written|printed|painted|displayed|shown|lettered|engraved|embroidered|stamped|spelled\s+out)"
    r"\s+(?:on|across|along|over|in|at\s+the\s+(?:top|bottom)\s+of)\s+(?:the|a|an|its|this|that)\s+"
    r"(?:\w+\s+){0,2}?(?P<carrier>[A-Za-z-]+)\b",
    re.IGNORECASE,
)
WITH_WRITTEN = re.compile(
    r"\b(?:with|has|have|bearing)\s+(?!the\s+words?\b|the\s+text\b)(?P<value>[^,;.\n\x01]{1,120}?)\s+"
    r"(?:written|printed|painted|lettered|engraved|embroidered|stamped|spelled\s+out)\s+"
    r"(?:on|across|along|over|in|at)\b",
    re.IGNORECASE,
)
# Japanese "…と書かれた", "…という文字"; Korean "…라고 적힌", "…라는 문구".
CJK_TRAILING = re.compile(
    r"(?:と書かれ|と書いて|と描かれ|と記され|という文字|という言葉|라고\s*(?:적힌|쓰인|써진|적혀|쓰여)|라는\s*(?:문구|글자|글씨))"
)
