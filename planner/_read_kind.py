"""The kind of document a brief asks to make (poster, slide, paper's first page, sign, scene ...) and the canvas
each kind gets when the brief names no size."""

from __future__ import annotations

import re

from tessera.contract import Canvas, Constraints, DocumentKind, SourceSpan
from tessera.planner._extract_canvas import canvas_hint
from tessera.planner._extract_spans import source_span
from tessera.planner._quotes import mask_quotes
from tessera.planner._read_texts import text_spans
from tessera.planner._text_cues import word_set

# The canvas of each kind when the brief gives no size; None: the engine's default (1024x1024).
KIND_CANVAS: dict[DocumentKind, Canvas | None] = {
    "poster": Canvas(width=1024, height=1536),
    "flyer": Canvas(width=1240, height=1754),
    "slide": Canvas(width=1920, height=1080),
    "infographic": Canvas(width=1080, height=1920),
    "menu": Canvas(width=1024, height=1536),
    "label": Canvas(width=1024, height=1024),
    "dashboard": Canvas(width=1920, height=1080),
    "login": Canvas(width=1440, height=960),
    "pricing": Canvas(width=1440, height=960),
    "product": Canvas(width=1440, height=960),
    "icon_set": Canvas(width=1024, height=1024),
    "banner": Canvas(width=1920, height=640),
    "card": Canvas(width=1200, height=1680),  # a greeting card; business cards and postcards below
    "certificate": Canvas(width=1754, height=1240),
    "paper": Canvas(width=1240, height=1754),
    "sign": Canvas(width=1536, height=1024),
    "scene": None,
    "document": None,
}
_BUSINESS_CARD = Canvas(width=1050, height=600)
_POSTCARD = Canvas(width=1800, height=1200)

_CARD_KINDS = (
    r"greeting|birthday|invitation|invite|wedding|thank[- ]you|holiday|christmas|xmas|valentine(?:['’]?s)?|"
    r"anniversary|get[- ]well|sympathy|congratulations|graduation|save[- ]the[- ]date|baby[- ]shower|new[- ]year|"
    r"mother['’]?s[- ]day|father['’]?s[- ]day|easter|diwali|eid|gift|recipe|place|loyalty|membership"
)
# Each kind's words, most specific first: "business card" before "card", "sign-up page" before "sign".
_KIND_WORDS: list[tuple[DocumentKind, str]] = [
    (
        "paper",
        r"(?:(?:first|title|front|cover|opening)\s+)?page\s+of\s+(?:an?|the|my|our)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:paper|report|thesis|dissertation|article|manuscript|preprint|study)",
    ),
    (
        "login",
        r"(?:log[- ]?in|sign[- ]?in|sign[- ]?up|register|registration|create[- ]account|auth(?:entication)?|"
        r"password[- ]reset)\s+(?:screen|page|form|view|modal|dialog|ui|flow|card)|\blog[- ]?in\b",
    ),
    (
        "pricing",
        r"pricing(?:\s+(?:page|table|section|plans?|tiers?|cards?|grid|screen))?|"
        r"(?:subscription|price|membership)\s+plans?(?:\s+page)?|plans\s+page",
    ),
    (
        "product",
        r"landing\s+page|product\s+(?:page|detail(?:s)?\s+page|listing|card|showcase)|"
        r"(?:e-?commerce|shop|store)\s+page",
    ),
    (
        "dashboard",
        r"dashboard|admin\s+(?:panel|console|page)|analytics\s+(?:page|screen|view|panel|overview|app)|"
        r"control\s+panel",
    ),
    (
        "icon_set",
        r"icon\s+(?:set|pack|sheet|family|library|collection|grid)|"
        r"(?:set|pack|collection|family|sheet|grid|series)\s+of\s+(?:[\w-]+\s+){0,3}?icons",
    ),
    (
        "infographic",
        r"info-?graphics?|(?:process|workflow|flow|decision)\s+(?:diagram|chart|map)s?|flow-?charts?|workflows?|"
        r"road-?maps?|process\s+flows?",
    ),
    ("certificate", r"certificate|diploma|(?:award|honou?r)\s+certificate"),
    (
        "card",
        rf"(?:business|visiting|name|contact|{_CARD_KINDS})\s+cards?|post-?cards?|"
        r"(?:wedding|party|birthday|dinner|event)?\s*invit(?:ation|e)s?|(?:(?<=\ba\s)|(?<=\bthe\s))cards?",
    ),
    (
        "label",
        r"(?:product|wine|beer|bottle|jar|can|bag|pouch|box|tin|packet|coffee|tea|food|shipping|candle|soap|jam|"
        r"honey|sauce|olive\s+oil|oil|"
        r"cosmetic|supplement)\s+labels?|label\s+design|packaging(?:\s+design)?|package\s+design|"
        r"(?:box|can|bottle|pouch|bag)\s+design|label\s+for",
    ),
    (
        "menu",
        r"(?:restaurant|cafe|café|coffee|bar|drinks?|cocktail|wine|dinner|lunch|breakfast|brunch|food|"
        r"dessert|bakery|pizza|sushi|taco|tasting)\s+menu|"
        r"(?<!down\s)(?<!nav\s)(?<!tion\s)(?<!burger\s)(?<!text\s)menu(?!\s*(?:bar|items?|icon|button)\b)",
    ),
    ("slide", r"(?:pitch|slide|presentation|investor|sales|keynote)\s+deck|slides?|presentation|keynote"),
    ("flyer", r"flyers?|fliers?|leaflets?|brochures?|pamphlets?|handouts?"),
    (
        "banner",
        r"(?:web|website|hero|social(?:\s+media)?|twitter|x|linkedin|youtube|facebook|channel)\s+"
        r"(?:banner|header|cover)|banner|header\s+image|cover\s+(?:photo|image|art)|channel\s+art",
    ),
    (
        "paper",
        r"(?:academic|research|scientific|conference|journal|white|term|position|working|review|arxiv)\s+paper|"
        r"whitepaper|thesis|dissertation|(?:annual|quarterly|technical|research|business)\s+report|"
        r"reports?",
    ),
    ("poster", r"(?:book|magazine)\s+cover|posters?"),
    (
        "sign",
        r"(?:street|road|shop|store|neon|wooden|warning|exit|stop|welcome|parking|directional|door|"
        r"storefront|highway|traffic|safety)\s+signs?|sign(?:board|post)s?|billboards?|signage|placards?|"
        r"\bsigns?\b(?![- ]?(?:in|up|on|off|out|language|ups?|ins?)\b)",
    ),
    # Other languages: a few common words each.
    ("poster", r"plakat|affiche|cartel|póster|locandina|manifesto|cartaz|афиша|плакат|постер|海报|ポスター|포스터"),
    ("slide", r"folie|diapositive|diapositiva|幻灯片|演示文稿|スライド|슬라이드"),
    ("flyer", r"faltblatt|dépliant|prospectus|folleto|volante|volantino|panfleto|传单|チラシ|전단지?"),
    (
        "menu",
        r"speisekarte|carta\s+de|menú|carte\s+(?:de\s+restaurant|des\s+(?:vins|boissons|desserts))|菜单|メニュー|메뉴",
    ),
    ("label", r"étiquette|etiqueta|etikett|produktetikett|产品标签|商品ラベル"),
    (
        "pricing",
        r"preisseite|preistabelle|page\s+de\s+(?:tarifs|prix)|página\s+de\s+precios|tabla\s+de\s+precios|价格页|料金表",
    ),
    (
        "login",
        r"anmelde(?:bildschirm|seite|formular|maske)|login-?(?:seite|bildschirm)|(?:page|écran)\s+de\s+connexion|"
        r"(?:pantalla|página)\s+de\s+inicio\s+de\s+sesión|登录页|登录界面|ログイン画面",
    ),
    (
        "card",
        r"visitenkarte|grußkarte|einladung|carte\s+de\s+visite|faire-part|tarjeta|biglietto|cartão|"
        r"名片|贺卡|请柬|名刺|招待状|명함|초대장",
    ),
    ("certificate", r"urkunde|certificat|certificado|certificato|证书|奖状|賞状|証明書|상장|증명서"),
    ("paper", r"论文|論文|논문"),
    ("sign", r"schild|panneau|enseigne|letrero|cartello|insegna|placa|招牌|标牌|看板|간판"),
    (
        "infographic",
        r"infografik|infographie|infografía|infografica|信息图|インフォグラフィック|인포그래픽|ablaufdiagramm|flussdiagramm|prozessdiagramm|diagramme\s+de\s+"
        r"(?:processus|flux)|feuille\s+de\s+route|diagrama\s+de\s+(?:flujo|proceso)|hoja\s+de\s+ruta",
    ),
    ("banner", r"bannière|横幅|バナー|배너"),
]
_KIND_PATTERNS: list[tuple[DocumentKind, re.Pattern[str]]] = [
    (kind, re.compile(rf"(?<![\w-])(?:{words})(?![\w-])" if words.isascii() else rf"(?:{words})", re.IGNORECASE))
    for kind, words in _KIND_WORDS
]
# A document word inside another thing's description names what is shown, not what is made: "a poster with a
# photo of a sign", "a scene with a banner", "a mockup for a menu".
_INSIDE_ANOTHER = re.compile(
    r"\b(?:of|with|showing|featuring|depicting|holding|on|in|onto|into|under|above|below|beside|behind|near|"
    r"like|for|from|carrying|wearing|has|have)\s+(?:(?:an?|the|some|two|three|several|many|its|his|her|their|"
    r"[\w'-]+)\s+){0,4}$",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?;\n\u3002\uff01\uff1f\uff1b]\s*")
_PICTURE_WORDS = re.compile(
    r"\b(?:photo(?:graph)?s?|illustrations?|paintings?|drawings?|sketch(?:es)?|scene|renders?|rendering|picture|"
    r"landscape|still life|watercolou?r|oil painting|snapshot|portrait of|view of|close-up)\b",
    re.IGNORECASE,
)
# A brief that starts with a thing ("a lamp to the left of a sofa", "three red apples") describes a scene.
_STARTS_WITH_THING = re.compile(
    r"^\s*(?:(?:please\s+)?(?:draw|make|create|generate|render|paint|show|depict|give\s+me|i\s+want)\s+)?"
    r"(?:an?|the|some|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+pair\s+of|a\s+dozen|\d+)\s+"
    r"(?P<words>(?:[\w'-]+\s+){0,3}[\w'-]+)",
    re.IGNORECASE,
)
_DESIGN_NOUNS = word_set(
    "background layout design template logo text page graphic wallpaper pattern mockup chart table diagram graph "
    "ui screen app website site form ad advertisement announcement newsletter email letter letterhead resume cv "
    "document sheet list title heading headline image composition theme palette style font typography word words "
    "quote post thumbnail story reel tile card ticket widget timeline calendar invoice receipt coupon voucher "
    "profile portfolio interface onboarding map brochure cover badge sticker"
)


def document_kind(masked: str) -> tuple[DocumentKind, tuple[int, int] | None]:
    """What the brief (texts masked) asks to make and the span of the words that say so; without such words,
    "scene" when it describes things and "document" otherwise (span None)."""
    found = sorted(
        ((m.start(), -m.end(), kind) for kind, pattern in _KIND_PATTERNS for m in pattern.finditer(masked)),
        key=lambda f: f[:2],
    )
    made = next((f for f in found if not _names_content(masked, f[0])), None)
    if made is not None:
        start, negative_end, kind = made
        return kind, (start, -negative_end)
    return ("scene" if _describes_things(masked) else "document"), None


def _names_content(masked: str, start: int) -> bool:
    """Whether the document word at `start` sits inside another thing's description ("a photo of a sign")."""
    window = max(0, start - 80)  # the few words before it are enough, however long the sentence
    clause = max((m.end() for m in _SENTENCE_START.finditer(masked, window, start)), default=window)
    return _INSIDE_ANOTHER.search(masked, clause, start) is not None


def _describes_things(masked: str) -> bool:
    """Whether the brief is a picture ("a photo of ...", not "an app with an illustration") or starts with a thing."""
    if any(not _names_content(masked, m.start()) for m in _PICTURE_WORDS.finditer(masked)):
        return True
    lead = _STARTS_WITH_THING.match(masked)
    return lead is not None and not any(w.lower() in _DESIGN_NOUNS for w in lead.group("words").split())


def kind_canvas(kind: DocumentKind, masked: str) -> Canvas | None:
    """The canvas a kind gets when the brief names no size: a card's depends on which card it is."""
    if kind == "card":
        if re.search(r"post-?cards?", masked, re.IGNORECASE):
            return _POSTCARD
        if re.search(r"(?:business|visiting|name|contact)\s+cards?|visitenkarte|carte\s+de\s+visite|名片|名刺|명함",
                     masked, re.IGNORECASE):  # fmt: skip
            return _BUSINESS_CARD
    return KIND_CANVAS[kind]


def read_kind(brief: str, masked: str) -> tuple[DocumentKind, SourceSpan | None, Canvas | None]:
    """The document kind, the words that named it, and the canvas: the size or shape the brief asks for, else the
    kind's."""
    kind, span = document_kind(masked)
    source = source_span(brief, *span) if span else None
    return kind, source, canvas_hint(masked) or kind_canvas(kind, masked)


def apply_kind(constraints: Constraints, kind: DocumentKind) -> Constraints:
    """The reading with its document kind overridden (`--kind`): the kind's canvas replaces the one read from the
    brief, unless the brief asked for a size or a shape ("1200x628", "16:9", "square")."""
    masked = mask_quotes(constraints.brief, text_spans(constraints.brief))
    canvas = canvas_hint(masked) or kind_canvas(kind, masked)
    return constraints.model_copy(update={"document": kind, "document_source": None, "canvas": canvas})
