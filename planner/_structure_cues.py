"""Structures a layout noun asks for ("three bullet points", "a bar chart of revenue", "navigation", "KPIs"),
with the entries after it: after a colon, a dash, or a word such as "with", "showing" or "such as"."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from tessera.contract import StructureKind
from tessera.planner._numbers import NUMBER_WORD_PATTERN, number_word_value
from tessera.planner._quotes import PLACEHOLDER
from tessera.planner._structure_charts import chart_reading
from tessera.planner._structure_entries import (
    VALUED,
    BriefText,
    Found,
    and_rule,
    clause_end,
    numbered_run,
    parse_entries,
)
from tessera.planner._structure_forms import FORM, fields_after, fields_before, form_reading
from tessera.planner._structure_items import CONJUNCTION, design_tail_at, split_items
from tessera.planner._structure_tables import table_reading

_COUNT = rf"(?P<count>{NUMBER_WORD_PATTERN}|\d{{1,2}})"
_LEAD = (
    rf"(?:\b(?:an?|the|one|some|several|a few|these|following|{_COUNT})\s+)?"
    r"(?:(?:short|simple|clean|small|big|large|key|main|nice|minimal|modern|vertical|horizontal|colou?rful|"
    r"interactive|annotated|labell?ed|[a-z]+-column|[a-z]+-item|[a-z]+-step)\s+){0,2}"
)
_CHART_NOUN = r"(?:charts?|graphs?|plots?|diagrams?)"
# (kind, strong, pattern): a strong cue may run straight into its entries ("bullets fast setup, ..."), take
# them after "with" or "showing", or stand without any (its count still asks for the structure); a weak one
# ("points", "menu", "plans") needs a colon, a dash or "such as" and entries of the kind's shape.
_CUE_TABLE: tuple[tuple[StructureKind, bool, str], ...] = (
    (
        "chart",
        True,
        rf"(?:(?:horizontal|vertical|stacked|grouped|simple)\s+)?(?:bar|column|line|area|pie|donut|doughnut|"
        rf"scatter)[- ]?{_CHART_NOUN}|scatter ?plots?|histograms?|balkendiagramm|säulendiagramm|liniendiagramm|"
        r"kreisdiagramm|tortendiagramm|diagramme (?:en barres|circulaire|en secteurs)|graphique (?:en barres|"
        r"circulaire|linéaire|en courbes)|camembert|(?:gráfico|diagrama) (?:de barras|de líneas|circular|de tarta|"
        rf"de pastel|de sectores)|{_CHART_NOUN}|diagramm|diagramme|graphique|gráfico|diagrama",
    ),
    ("numbered", True, r"numbered (?:list|points|items|bullets)|ordered list|ranked list|nummerierte liste|"
     r"liste numérotée|lista numerada"),
    ("numbered", False, r"top (?:\d{1,2}|three|five|ten)(?:\s+[a-z]+)?|ranking"),
    ("bullets", True, r"bullet(?:ed)?[- ]?(?:points?|lists?|items?)|bullets|check ?lists?|stichpunkten?|"
     r"aufzählungspunkten?|aufzählung|liste à puces|puces|lista de viñetas|viñetas"),
    ("bullets", False, r"(?:key |main |selling )?(?:points|takeaways|highlights|benefits|reasons|tips|advantages|"
     r"features)|(?:feature |item )?list|vorteilen?|punkten?|avantages|points clés|ventajas|puntos|lista"),
    ("steps", True, r"(?:[a-z]+-)?steps|timeline|time line|milestones|schritten?|zeitleiste|zeitstrahl|étapes|"
     r"chronologie|pasos|etapas|cronología|línea de tiempo"),
    ("steps", False, r"stages|phases|process|workflow|roadmap|history|agenda|schedule|itinerary|instructions|"
     r"how it works|programme|ablauf|programa|calendrier"),
    ("kpis", True, r"kpis?(?:\s+(?:cards?|tiles?|blocks?|boxes))?|key (?:metrics|figures|numbers|stats|statistics|"
     r"performance indicators)|stats? cards|kennzahlen|indicateurs(?: clés)?|indicadores(?: clave)?"),
    ("kpis", False, r"metrics|stats|statistics|figures|big numbers|dashboard"),
    ("tiers", True, r"(?:pricing|price|subscription)[- ](?:tiers|plans|packages|options|cards|table|levels)|"
     r"tiers|plan cards|tarife|preisstufen|preispakete|formules|planes de precios"),
    ("tiers", False, r"plans|packages|pricing|offres|planes|paquetes|pakete"),
    ("fields", True, r"(?:input|text|form)[- ](?:fields|boxes)|fields|inputs|eingabefeldern?|feldern?|champs|campos"),
    ("nav", True, r"nav(?:igation)?[- ]?(?:bar|menu|links|items)|navbar|navigation|menu ?bar|top menu|main menu|"
     r"tab ?bar|navigationsleiste|navigationsmenü|barre de navigation|menu de navigation|barra de navegación|"
     r"menú de navegación|navegación"),
    ("icons", True, r"icons|icon\s+(?:set|pack|sheet|grid|family|library|collection)(?!\s+of\s+(?:\w+\s+)?icons)|"
     r"symbole|icônes|iconos"),
    ("nav", False, r"nav|tabs|links|sidebar(?:\s+(?:menu|nav|items|links))?|menu items"),
    ("prices", False, r"(?:(?:drinks|food|dinner|lunch|brunch|cocktail|coffee|wine|breakfast|dessert|cafe|café|"
     r"restaurant|bistro|bakery|pizza|pizzeria|bar|pub|diner|tea|juice) )?(?:menu|price list|"
     r"prices|specials|drinks|dishes)|speisekarte|getränkekarte|preisliste|preise|carte|tarifs|menú|carta|precios"),
    ("pairs", False, r"breakdown|split|values|budget|scores|results|ergebnisse|résultats|resultados|datos|données"),
    ("table", False, r"tables?|tabelle|tableau|tabla"),
)  # fmt: skip
CUE = re.compile(
    _LEAD + r"\b(?:" + "|".join(f"(?P<c{n}>{pattern})" for n, (_, _, pattern) in enumerate(_CUE_TABLE)) + r")\b",
    re.IGNORECASE,
)
_NOT_A_CHART = re.compile(r"\b(?:org|flow|seating|size|star|sea|birth|gantt|nautical)\s*$", re.IGNORECASE)
_SEP_WORDS = re.compile(
    r"\s*,?\s*(?:with|showing|listing|such as|like|including|saying|reading|namely|containing|comparing|that "
    r"(?:says|reads|lists|shows)|mit|avec|con|zeigt|montrant|mostrando|of|about|on|for)\s+"
    r"(?:(?:the|its|these|following|our|their)\s+)*"
    r"(?:(?:items?|links?|entries|labels?|tabs?|values?|data|bars?|slices?|categories|points?|options?)\s*:?\s+)?",
    re.IGNORECASE,
)
_TOPIC_SEPS = ("of", "about", "on", "for")  # these introduce what a structure is about, rarely its entries
# A count asks for these even without their entries ("three bullet points"); "12 steps to success" is a title.
_ASKED_WITHOUT_ITEMS: frozenset[StructureKind] = frozenset({"bullets", "numbered", "kpis", "tiers", "nav", "fields"})
_DASH = re.compile(r"\s+[\u2013\u2014-]\s+")


class _Region(NamedTuple):
    """Where a cue's entries may be, what the words before them call the structure, whether a topic word
    ("of", "about") introduced them, as it more often introduces a title than entries, and where the structure's
    words end when a mark closes them (a parenthesis)."""

    span: tuple[int, int]
    title: str | None
    topic: bool
    closed_at: int | None = None


def cue_kind(match: re.Match[str]) -> tuple[StructureKind, bool]:
    """The structure a cue names, and whether it is a strong cue."""
    name = next(
        name for name, value in match.groupdict().items() if value and name.startswith("c") and name[1:].isdigit()
    )
    kind, strong, _ = _CUE_TABLE[int(name[1:])]
    return kind, strong


def from_cues(text: BriefText) -> list[Found]:
    """Structures a layout noun asks for, with the entries around it: strong cues' first."""
    masked = text.masked
    cues = [m for m in CUE.finditer(masked) if not _is_false_cue(masked, m)]
    forms = list(FORM.finditer(masked))
    strong: list[Found] = [reading for reading in (form_reading(text, form) for form in forms) if reading]
    weak: list[Found] = []
    for index, cue in enumerate(cues):
        kind, is_strong = cue_kind(cue)
        later = [c.start() for c in cues[index + 1 :] if cue_kind(c)[0] != kind and _ends_a_list(c)]
        reading = _cued(text, cue, min([clause_end(masked, cue.end()), *later]))
        if reading is not None:
            (strong if is_strong else weak).append(reading)
    # Where two cues read the same words ("a dashboard with KPIs: ..."), the strong one's reading is kept; of two
    # weak ones, the nearer to the entries ("precios con tres planes: ...": the plans).
    return strong + sorted(weak, key=lambda reading: -reading.start)


def _ends_a_list(cue: re.Match[str]) -> bool:
    """Whether a later cue ends the list before it: a strong one, or one with an article or count ("and a menu"),
    not a list entry that happens to be a layout word ("Home, Pricing, Contact")."""
    return cue_kind(cue)[1] or cue.start() != cue.start(cue.lastgroup or 0)


def _is_false_cue(masked: str, cue: re.Match[str]) -> bool:
    """An "org chart", a "flow chart" or a "seating chart" holds no data."""
    kind, _ = cue_kind(cue)
    return kind == "chart" and _NOT_A_CHART.search(masked[max(0, cue.start() - 12) : cue.start()]) is not None


def _cued(text: BriefText, cue: re.Match[str], limit: int) -> Found | None:
    """The structure one cue asks for: its entries after a colon, a dash or a word such as "with" (or, for
    fields and table columns, before it), at most as many as its count says."""
    kind, strong = cue_kind(cue)
    if kind == "table":
        return table_reading(text, cue, limit)
    if kind == "fields":
        return fields_before(text, cue, limit) or fields_after(text, cue, limit)
    count = _count_of(cue)
    # "bullet points about our product" names no bullet: only figures may follow a topic word.
    regions = [
        r for r in _entries_regions(text, cue, limit, kind, strong) if kind in VALUED or kind == "icons" or not r.topic
    ]
    readings = ((region, _reading(text, kind, region, count)) for region in regions)
    region, reading = next(((r, found) for r, found in readings if found), (regions[0] if regions else None, None))
    if reading is not None and region is not None and region.closed_at is not None:
        reading = replace(reading, end=region.closed_at)  # "(North 42, South 31)": its closing mark too
    if kind == "chart":
        return chart_reading(
            text, cue, limit, reading, region.title if region else None, region.span if region else None
        )
    if reading is not None:
        return replace(reading, start=cue.start())
    if kind == "kpis" and strong and region is not None:
        # "KPI cards for revenue and orders" names them without figures: read, but not drawn with made-up ones.
        named = _reading(text, "bullets", region, count)
        if named is not None:
            return replace(named, start=cue.start(), structure="kpis")
    if strong and count is not None and kind in _ASKED_WITHOUT_ITEMS:
        return Found(cue.start(), cue.end(), kind)
    return None


def _reading(text: BriefText, kind: StructureKind, region: _Region, count: int | None) -> Found | None:
    """The region's entries read as the kind's items, ending where prose takes over if it must; one entry alone
    is a text, not a structure, unless the brief counts one."""
    tries = _shorter(text, *_entries(text, kind, region.span, count))
    readings = (parse_entries(text, kind, *entries) for entries in tries)
    return next((found for found in readings if found and (len(found.items) >= 2 or count == 1)), None)


def _count_of(cue: re.Match[str]) -> int | None:
    """How many entries the cue asks for ("three bullet points"), if it says."""
    words = cue["count"]
    if words is None:
        return None
    return int(words) if words.isdigit() else number_word_value(words)


def _entries_regions(
    text: BriefText, cue: re.Match[str], limit: int, kind: StructureKind, strong: bool
) -> list[_Region]:
    """Where a cue's entries may be, best first: after a colon (the words before it say what the structure is
    about), after a dash, or after a word such as "with" or "showing" (a weak cue: "such as", or figures)."""
    masked = text.masked
    regions: list[_Region] = []
    parenthesis = _PARENTHESISED.match(masked, cue.end(), limit)
    if parenthesis is not None:
        about = text.words(*parenthesis.span("about"))
        regions.append(_Region(parenthesis.span("entries"), about or None, False, parenthesis.end()))
    colon = re.compile(r"[:\uff1a]").search(masked, cue.end(), limit)
    # A colon after a figure's label ("comparing 2022: 40 and 2023: 55") is the pair's, not the list's.
    if colon and colon.start() - cue.end() <= 80 and not re.search(r"(?:\d|\bQ[1-4])\s*$", masked[: colon.start()]):
        between = masked[cue.end() : colon.start()]
        about = re.sub(r"^\s*(?:of|showing|about|on|for|comparing|with|der|des|de|du)\s+", "", between).strip()
        regions.append(
            _Region((colon.end(), limit), text.words(colon.start() - len(about), colon.start()) or None, False)
        )
    dash = _DASH.match(masked, cue.end(), limit)
    if dash:
        regions.append(_Region((dash.end(), limit), None, False))
    sep = _SEP_WORDS.match(masked, cue.end(), limit)
    if sep is not None:
        topic = sep.group().strip(" ,").split()[0].lower() in _TOPIC_SEPS
        # "features such as reddish terrain and deep craters" describes a scene; "highlights like 'Live music',
        # 'Food stalls'" lists what to set.
        listing = (
            re.search(r"such as|like|including|namely", sep.group()) is not None
            and masked[sep.end() : sep.end() + 1] == PLACEHOLDER
        )
        if strong or listing or (kind in VALUED and not topic) or _names_links(masked, kind, sep.end(), limit):
            regions.append(_Region((sep.end(), limit), None, topic))
    if strong and kind != "chart" and _STRAIGHT.match(masked, cue.end(), limit):
        regions.append(_Region((cue.end(), limit), None, False))  # "KPI cards Revenue $48k, Orders 1,204"
    return regions


# Entries in parentheses after a cue and the words that say what it shows: "a bar chart of revenue by region
# (North 42, South 31)", "a sidebar (Overview, Orders)".
_PARENTHESISED = re.compile(
    r"\s*[:\uff1a]?\s*(?:(?:of|for|showing|about|on|with|comparing|des|der|du|de\s+la|de|del)\s+)?(?P<about>[^(),.;:\n\x01\d$€£¥]{0,60}?)\s*"
    r"[(\uff08](?P<entries>[^()\uff08\uff09]+)[)\uff09]"
)
# Entries straight after a strong cue start with a capital, a figure or a quotation: "tiers Free $0, Pro $29".
_STRAIGHT = re.compile(r"\s+(?=[A-Z0-9$€£¥\x01])")
_LINK_ENTRY = re.compile(r"(?:[A-Z\x01][\w'’&-]*)(?:\s+[\w'’&-]+){0,2}$")


def _names_links(masked: str, kind: StructureKind, start: int, limit: int) -> bool:
    """Whether a weak navigation cue's "with" leads to names of links ("a sidebar with Overview, Orders and
    Settings"), each a capitalised word or three, not a description ("a sidebar with icons and a chart")."""
    if kind != "nav":
        return False
    entries = split_items(masked, start, limit, lambda left, right: True)
    return len(entries) >= 2 and all(_LINK_ENTRY.match(masked[a:b]) for a, b in entries)


def _entries(
    text: BriefText, kind: StructureKind, region: tuple[int, int], count: int | None
) -> tuple[list[tuple[int, int]], list[str]]:
    """The entries in a region and their words: an inline numbered run when one starts there, else the written
    list, without a clause about the design at its end, at most `count` of them."""
    run = numbered_run(text.masked, region[0])
    entries = run or split_items(text.masked, *region, and_rule(kind))
    entries = _quoted_run(text, _until_design_clause(text.masked, entries))
    if count and len(entries) > count:
        entries = entries[:count]
    if entries:
        start, end = entries[-1]
        entries[-1] = (start, start + design_tail_at(text.masked[start:end]))
    return entries, [text.words(*e) for e in entries]


def _shorter(
    text: BriefText, entries: list[tuple[int, int]], labels: list[str]
) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """The entries as read, then ending where prose takes over: the last one cut at its "and" ("Pro $29| and
    2 balloons"), or left out."""
    tries = [(entries, labels)]
    if not entries:
        return tries
    start, end = entries[-1]
    conjunctions = list(CONJUNCTION.finditer(text.masked, start, end))
    if conjunctions:
        cut = (start, conjunctions[0].start())
        tries.append(([*entries[:-1], cut], [*labels[:-1], text.words(*cut)]))
    if len(entries) > 2:
        tries.append((entries[:-1], labels[:-1]))
    return tries


def _quoted_run(text: BriefText, entries: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A list of quotations ends at the first entry that is no quotation, or right after a quotation that prose
    follows ('tabs like "Home" and "Courses" are distinctly visible')."""
    if not entries or text.masked[entries[0][0]] != PLACEHOLDER:
        return entries
    kept: list[tuple[int, int]] = []
    for start, end in entries:
        quote = next((q for q in text.quotes if q.start == start), None)
        if quote is None:
            break
        rest = text.masked[quote.end : end]
        if len(rest.split()) > 2 and not re.search(r"\d", rest):
            kept.append((start, quote.end))
            break
        kept.append((start, end))
    return kept


_DESIGN_CLAUSE = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+){0,2}(?:title|headline|heading|logo|background|footer|caption|subtitle|tagline|"
    r"photo|picture|image|illustration|button|icon|qr code|map)\b|^(?:on|in|with|over|against|set in|using)\s",
    re.IGNORECASE,
)


def _until_design_clause(masked: str, entries: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The entries before one that is a clause about the design ("..., and the title 'Why us' at the top")."""
    for n, (start, end) in enumerate(entries[1:], start=1):
        if _DESIGN_CLAUSE.match(masked[start:end]):
            return entries[:n]
    return entries
