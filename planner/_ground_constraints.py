"""Facts into the reading: each fact a text the brief asked for, a ranking one structure, and the sources caption.

A fact becomes a `RequiredText` (not quoted, its purpose the ask's, pointing at the brief's words that asked), so
planners set it and the coverage map and the verifier check it like any text the brief gives; a ranking's facts
become one `RequiredStructure` of label-value pairs, laid out as a list or a chart. An ask no fact answers stays
not planned, with a reason that says why (the search found nothing, failed, or the run did not search), so the
run fails honestly rather than drawing a poster without the date it was asked for. After planning, the plan
records the facts it sets with their sources (`plan_sources`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tessera.contract import (
    MAX_CONSTRAINTS,
    MAX_LEFT_OUT,
    ChartElement,
    Constraint,
    Constraints,
    CoverageEntry,
    Fact,
    FactAsk,
    FactSource,
    Grounding,
    LayoutPlan,
    ListElement,
    RequiredCount,
    RequiredStructure,
    RequiredText,
    SourceSpan,
    StructureItem,
    TableElement,
    TextElement,
    detect_script,
)
from tessera.contract.plan import TextRole
from tessera.planner._ground_facts import magnitude, scale_of
from tessera.planner._ground_need import sources_caption_span

SOURCES_ID = "fact-sources"
SUBJECT_ID = "fact-subject"
# Pages made for an event or a release, whose title names it.
_TITLED_KINDS = frozenset({"poster", "flyer", "banner", "card", "slide", "sign", "document"})
_ROLES: dict[str, TextRole] = {"date": "body", "time": "body", "venue": "subtitle", "name": "title", "title": "title"}
_MAX_HOSTS = 3
_SCALE_WORDS = {"thousand": "thousands", "million": "millions", "mn": "millions", "billion": "billions",
                "bn": "billions", "trillion": "trillions", "tn": "trillions"}  # fmt: skip


def fact_id(grounding: Grounding, fact: Fact) -> str:
    """The id of the constraint a fact becomes: `fact-<n>` for a text (n counts the facts from 1), `fact-list-<n>`
    for a ranking's structure (n counts the asks from 1)."""
    ask = grounding.asks[fact.ask]
    if ask.count > 1:
        return f"fact-list-{fact.ask + 1}"
    return f"fact-{grounding.facts.index(fact) + 1}"


def with_fills(grounding: Grounding) -> Grounding:
    """`grounding` with each fact's `fills`: the id of the constraint it becomes in `with_facts`."""
    facts = [fact.model_copy(update={"fills": fact_id(grounding, fact)}) for fact in grounding.facts]
    return grounding.model_copy(update={"facts": facts})


def with_facts(constraints: Constraints, grounding: Grounding) -> Constraints:
    """The reading with the grounding's facts as texts (or, for a ranking, one structure) pointing at the words
    that asked, a sources caption when the brief asked for one, and a not-planned entry for each ask no fact
    answers. A reading that needed no grounding is returned as it is."""
    if not grounding.needed or not grounding.asks:
        return constraints
    added: list[Constraint] = []
    unanswered: list[CoverageEntry] = []
    ranked_spans: list[tuple[int, int]] = []
    for index, ask in enumerate(grounding.asks):
        facts = [fact for fact in grounding.facts if fact.ask == index]
        if ask.count > 1:
            ranked_spans.append((ask.source.start, ask.source.end))
        if not facts:
            unanswered.append(_unanswered(ask, grounding))
        elif ask.count > 1:
            added.append(_ranking(grounding, ask, facts, _empty_chart(constraints)))
        else:
            added += [_text(grounding, fact, ask) for fact in facts]
    title = _subject_title(constraints, grounding, added)
    if title is not None:
        added.insert(0, title)
    caption = _sources_caption(constraints.brief, grounding)
    if caption is not None:
        added.append(caption)
    # A ranking's words ("the five largest countries") are read as things to count too, and a chart the brief asks
    # for without its data ("as a bar chart") is left empty by the reading: the ranking replaces both.
    filled = {item.id for item in added if isinstance(item, RequiredStructure)}
    kept = [
        item
        for item in constraints.items
        if not _counted_in(item, ranked_spans) and not (filled and item == _empty_chart(constraints))
    ]
    room = MAX_CONSTRAINTS - len(kept)
    past = [_past_the_limit(item) for item in added[room:]]
    left_out = [*constraints.left_out, *unanswered, *past][:MAX_LEFT_OUT]
    return constraints.model_copy(update={"items": [*kept, *added[:room]], "left_out": left_out})


def plan_sources(plan: LayoutPlan, grounding: Grounding) -> list[FactSource]:
    """Every fact the plan sets as text, with its source and the nodes that set it (a ranking's by its label)."""
    strings = {leaf.id: [" ".join(s.split()) for s in _strings(leaf)] for leaf in plan.elements}
    sources = []
    for fact in grounding.facts:
        wanted = [" ".join(fact.text.split())] + ([" ".join(fact.label.split())] if fact.label else [])
        nodes = [node for node, found in strings.items() if any(w in s for s in found for w in wanted)]
        if nodes:
            sources.append(FactSource(text=fact.text, url=fact.url, snippet=fact.snippet, nodes=nodes[:16]))
    return sources[:12]


def _strings(leaf: object) -> list[str]:
    """The strings a leaf sets: a text's, a list's items, a table's cells, a chart's labels."""
    if isinstance(leaf, TextElement):
        return [leaf.text]
    if isinstance(leaf, ListElement):
        return list(leaf.items)
    if isinstance(leaf, TableElement):
        return [*leaf.header, *(cell for row in leaf.rows for cell in row)]
    if isinstance(leaf, ChartElement):
        return [*leaf.categories, leaf.title or ""]
    return []


def _text(grounding: Grounding, fact: Fact, ask: FactAsk) -> RequiredText:
    return RequiredText(
        id=fact_id(grounding, fact),
        text=fact.text,
        script=detect_script(fact.text),
        role=_ROLES.get(ask.purpose or "", "body"),
        quoted=False,
        purpose=ask.purpose,
        source=ask.source,
    )


def _ranking(
    grounding: Grounding, ask: FactAsk, facts: list[Fact], chart: RequiredStructure | None
) -> RequiredStructure:
    """A ranking's facts as big figures with their labels; or, where the brief asks for a chart of them, the chart's
    data, every figure in the unit of the smallest ("1.43 billion" and "340 million": 1430 and 340 million)."""
    title = ask.subject[:1].upper() + ask.subject[1:120]
    items = [StructureItem(label=fact.label or fact.text, value=fact.text[:80]) for fact in facts]
    if chart is None:
        return RequiredStructure(
            id=fact_id(grounding, facts[0]), structure="kpis", title=title, items=items, source=ask.source
        )
    unit, factor = min((scale_of(fact.text) for fact in facts), key=lambda scale: scale[1])
    values = [f"{magnitude(fact.text) / factor:.6g}" for fact in facts]
    title = _without_caption_words(chart.title or title)
    # The scale goes in the title ("(millions)"): on every axis tick it would crowd them.
    return RequiredStructure(
        id=fact_id(grounding, facts[0]),
        structure="chart",
        chart=chart.chart,
        title=f"{title} ({_SCALE_WORDS[unit]})" if unit else title,
        items=[item.model_copy(update={"value": value}) for item, value in zip(items, values, strict=True)],
        source=ask.source,
    )


def _without_caption_words(title: str) -> str:
    """A chart title as the reader took it, less the words asking for a sources caption ("…, with sources")."""
    span = sources_caption_span(title)
    return title if span is None else title[: span.start].rstrip(" ,;:-") or title


def _empty_chart(constraints: Constraints) -> RequiredStructure | None:
    """The chart the brief asks for without giving its data, if any: a ranking's figures are its data."""
    return next(
        (
            item
            for item in constraints.items
            if isinstance(item, RequiredStructure) and item.structure == "chart" and not item.items
        ),
        None,
    )


def _subject_title(constraints: Constraints, grounding: Grounding, added: list[Constraint]) -> RequiredText | None:
    """The event or thing the facts are about as the page's title, in the brief's own words ("a poster for this
    year's UEFA Champions League final with the venue and date": 'UEFA Champions League final'), when the page
    is for it and has no title of its own: without one a poster's biggest line would be its venue."""
    if (
        constraints.document not in _TITLED_KINDS
        or not added
        or not any(isinstance(item, RequiredText) for item in added)
    ):
        return None
    texts = [item for item in [*constraints.items, *added] if isinstance(item, RequiredText)]
    if any(item.role == "title" or item.purpose in ("title", "brand", "product", "name") for item in texts):
        return None
    subject = next((ask.subject for ask in grounding.asks if ask.count == 1), None)
    start = constraints.brief.find(subject) if subject else -1
    if subject is None or start < 0:
        return None
    span = SourceSpan(start=start, end=start + len(subject), quote=subject)
    return RequiredText(
        id=SUBJECT_ID, text=subject, script=detect_script(subject), role="title", quoted=False, purpose="title",
        source=span,
    )  # fmt: skip


def _sources_caption(brief: str, grounding: Grounding) -> RequiredText | None:
    """The caption naming the hosts the facts came from ("Sources: uefa.com, wikipedia.org"), when the brief
    asked for one."""
    span = sources_caption_span(brief)
    hosts = list(dict.fromkeys(h for h in (_host(f.url) for f in grounding.facts) if h))
    if not grounding.sources_caption or span is None or not hosts:
        return None
    text = "Sources: " + ", ".join(hosts[:_MAX_HOSTS])
    return RequiredText(id=SOURCES_ID, text=text, role="caption", quoted=False, purpose="caption", source=span)


def _host(url: str) -> str | None:
    """A URL's host name without "www." ("https://www.uefa.com/x" -> "uefa.com"); None when it has none."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host if "." in host and host.replace(".", "").replace("-", "").isalnum() else None


def _unanswered(ask: FactAsk, grounding: Grounding) -> CoverageEntry:
    """The not-planned entry of an ask no fact answers, saying why and what to do."""
    failed = [run.error for run in grounding.searches if run.error]
    if not grounding.searches:
        why = (
            "the run did not search the web (grounding is off: --no-web or TESSERA_SEARCH=off); give the value in "
            "the brief or run with --web"
        )
    elif failed and len(failed) == len(grounding.searches):
        why = f"the web search failed ({failed[0]}); give the value in the brief or try again later"
    else:
        why = f"the web search found no {_what(ask)} for '{ask.subject}'; give the value in the brief"
    return CoverageEntry(
        clause=ask.source.quote, span=(ask.source.start, ask.source.end), status="not_planned", reason=why[:300]
    )


def _what(ask: FactAsk) -> str:
    if ask.count > 1:
        return "ranking"
    return {"time": "time", "venue": "venue", "date": "date"}.get(ask.purpose or "", ask.slot)


def _counted_in(item: Constraint, spans: list[tuple[int, int]]) -> bool:
    return isinstance(item, RequiredCount) and any(
        start <= item.source.start and item.source.end <= end for start, end in spans
    )


def _past_the_limit(item: Constraint) -> CoverageEntry:
    return CoverageEntry(
        clause=item.source.quote,
        span=(item.source.start, item.source.end),
        status="not_planned",
        reason=f"the brief asks for more than a plan carries ({MAX_CONSTRAINTS} items); split it into several images",
    )
