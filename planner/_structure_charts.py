"""Chart data in a brief: the asked chart type, its figures (the entries, a trend such as "sales rose from 10 in
Q1 to 25 in Q4", or a clause of figures right after it) and a title; a chart without figures has no items."""

from __future__ import annotations

import re
from dataclasses import replace

from tessera.contract import ChartKind
from tessera.planner._structure_entries import BriefText, Found, and_rule, clause_end, entry_item, parse_entries
from tessera.planner._structure_items import VALUE, common_unit, design_tail_at, split_items

_CHART_TYPES: tuple[tuple[str, ChartKind], ...] = (
    ("stacked bar", "stacked_bar"), ("stacked column", "stacked_column"), ("horizontal bar", "bar"),
    ("vertical bar", "column"), ("column", "column"), ("histogram", "column"), ("säulen", "column"),
    ("bar", "bar"), ("balken", "bar"), ("barres", "bar"), ("barras", "bar"), ("line", "line"), ("linien", "line"),
    ("linéaire", "line"), ("courbes", "line"), ("líneas", "line"), ("area", "area"), ("donut", "donut"),
    ("doughnut", "donut"), ("pie", "pie"), ("kreis", "pie"), ("torten", "pie"), ("circulaire", "pie"),
    ("secteurs", "pie"), ("camembert", "pie"), ("circular", "pie"), ("tarta", "pie"), ("pastel", "pie"),
    ("sectores", "pie"), ("scatter", "scatter"),
)  # fmt: skip


def _chart_type(words: str) -> ChartKind | None:
    """The chart type a cue's words name ("pie chart": pie, "Balkendiagramm": bar), if any."""
    lowered = words.lower()
    return next((kind for word, kind in _CHART_TYPES if word in lowered), None)


TREND = re.compile(
    rf"(?:(?P<measure>[^\W\d_][\w-]*)\s+)?\b(?:rose|grew|increased|climbed|jumped|went up|fell|dropped|declined|"
    rf"decreased|went down|shrank|moved|went)\s+from\s+(?P<v1>{VALUE})\s+in\s+(?P<l1>[\w' ]{{1,20}}?)\s+to\s+"
    rf"(?P<v2>{VALUE})\s+in\s+(?P<l2>[\w' ]{{1,20}}?)(?=[\s,;.]|$)",
    re.IGNORECASE,
)


def chart_reading(
    text: BriefText,
    cue: re.Match[str],
    limit: int,
    reading: Found | None,
    title: str | None,
    region: tuple[int, int] | None,
) -> Found | None:
    """A chart of the asked type with its data: the entries, a trend in the clause, or the next clause's figures;
    with none of them, a chart with no items (its data was not given), when the brief names its type or what it
    shows."""
    chart = _chart_type(cue.group()) or "column"
    end = cue.end()
    if reading is None and region:
        # "a bar chart of revenue by region": the words after it say what it shows (or name its categories).
        region_end = region[0] + design_tail_at(text.masked[slice(*region)])
        about = text.words(region[0], region_end)
        if title or chart_title(about):
            title, end = title or about, region_end
    if reading is None:
        trend = TREND.search(text.masked, cue.end(), limit)
        reading = trend_reading(trend) if trend else _figures_after(text, limit)
    if reading is None and (_chart_type(cue.group()) or title):
        return Found(cue.start(), end, "chart", title=chart_title(title), chart=chart)
    if reading is None:
        return None  # "screens display data and graphs" is scenery: a chart asked for has a type or a subject
    return replace(
        reading, start=cue.start(), structure="chart", chart=chart, title=chart_title(reading.title or title)
    )


def chart_title(title: str | None) -> str | None:
    """Words that can title a chart: a few, and not the chart's own name again."""
    if not title or _chart_type(title) or len(title.split()) > 10:
        return None
    return title


def trend_reading(trend: re.Match[str]) -> Found:
    """A trend's two points as a chart's data, its measure ("sales") as the title."""
    items = [entry_item(trend["l1"].strip(), trend["v1"]), entry_item(trend["l2"].strip(), trend["v2"])]
    measure = (trend["measure"] or "").strip() or None
    return Found(
        trend.start(), trend.end(), "chart", items, title=measure, unit=common_unit([trend["v1"], trend["v2"]])
    )


def _figures_after(text: BriefText, limit: int) -> Found | None:
    """The next clause when it is nothing but figures ("Add a bar chart of revenue. North 40, South 25.")."""
    start = limit + 1
    if start >= len(text.masked) or text.masked[limit] not in ".!?":
        return None
    end = clause_end(text.masked, start)
    entries = split_items(text.masked, start, end, and_rule("chart"))
    if len(entries) < 2:
        return None
    return parse_entries(text, "chart", entries, [text.words(*e) for e in entries])
