"""Each kind of structure as plan nodes: a list, a table, a chart, a row of cards, a form, a navigation bar, in
colours from the plan's scheme, sized to the room the block gives it.

| structure      | drawn as                                                                                     |
|----------------|----------------------------------------------------------------------------------------------|
| bullets        | a list with bullets                                                                          |
| numbered       | a numbered list                                                                              |
| pairs, prices  | a two-column table, the figures right-aligned                                                |
| table          | a table with its header                                                                      |
| chart          | a chart of the asked type, one series                                                        |
| steps          | a row of cards, each its number or date over its words; a numbered list in a narrow block    |
| kpis           | a row of cards: the figure large, its label small                                            |
| tiers          | a row of cards: name, price, features with checks, a button                                  |
| fields         | a card: each field's label over its input, check boxes, then one primary button             |
| nav            | a navigation bar: the items in a row, the first one marked as the current page               |
| icons          | a grid of tiles, each one named icon, all of one size and colour                             |
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    Border,
    ChartElement,
    ControlElement,
    Element,
    Frame,
    IconElement,
    Insets,
    ListElement,
    RequiredStructure,
    Series,
    Size,
    TableElement,
    TextElement,
    TextRole,
    detect_script,
    language_of,
    relative_luminance,
)
from tessera.contract.icons import named_icon
from tessera.planner._colors import best_ink, readable_shade, shift_lightness, worst_contrast
from tessera.planner._extract_spans import slug, unique_id
from tessera.planner._palette import LARGE_TEXT_CONTRAST, MIN_CONTRAST, ColorScheme
from tessera.planner._structure_items import value_number

_MAX_STEP_CARDS = 5
_SUBMIT_WORDS = (
    (r"log-?in|sign[- ]?in", "Sign in"),
    (r"sign[- ]?up|signup|regist", "Create account"),
    (r"contact|feedback", "Send"),
    (r"newsletter|subscri", "Subscribe"),
    (r"checkout|payment", "Pay now"),
    (r"booking", "Book now"),
)
# Type set to fill the block: at most this share of the short edge, and only when larger than the role's own
# size (a fixed size never shrinks, so it is used only where it surely fits).
_MAX_TYPE, _MIN_TYPE = 0.048, 0.032
_EM_PER_CHAR = 0.52  # the average advance of a Noto Sans letter, in em
_BODY_TYPE = 0.03  # of the short edge: body text's own size
_HEADING_TYPE = 0.055  # of the short edge: a first-level heading's own size
_MAX_FIGURE = 0.08  # of the short edge: the largest a card's big figure is set
_FIGURE_EM_PER_CHAR = 0.62  # bold figures and capitals run wider than text
_CARD_GAP, _CARD_PADDING = 0.025, 0.028  # of the short edge


@dataclass(frozen=True)
class PartLook:
    """The block's colours, each readable where it is set."""

    ink: str  # text on the background
    accent: str  # markers, dates and the current navigation item on the background
    series: str | None  # a chart's bars and lines: the accent where it shows, else the chart palette's
    surface: str  # cards and inputs
    card_ink: str
    card_muted: str  # labels and hints on cards
    card_accent: str  # prices and numbers on cards
    button: str
    button_ink: str
    rule: str  # input borders


def part_look(scheme: ColorScheme) -> PartLook:
    """The block's colours from the plan's scheme: white cards on a light background, the background lifted on a
    dark one; the accent wherever it reads, else the ink."""
    behind = scheme.behind
    dark = relative_luminance(behind[0]) < 0.18
    surface = shift_lightness(behind[0], 0.08) if dark else "#FFFFFF"
    card_ink = best_ink([surface], [scheme.ink, "#1E1E24", "#F7F4EC"])
    muted = "#C9CED6" if dark else "#5F6673"
    series = readable_shade(scheme.accent, behind, LARGE_TEXT_CONTRAST)
    button = scheme.accent if worst_contrast(scheme.accent, [surface]) >= LARGE_TEXT_CONTRAST else card_ink
    return PartLook(
        ink=scheme.ink,
        accent=_readable(scheme.accent, behind, scheme.ink),
        series=series if series != scheme.ink else None,
        surface=surface,
        card_ink=card_ink,
        card_muted=muted if worst_contrast(muted, [surface]) >= MIN_CONTRAST else card_ink,
        card_accent=_readable(scheme.accent, [surface], card_ink),
        button=button,
        button_ink=best_ink([button], ["#FFFFFF", "#111111"]),
        rule=shift_lightness(surface, 0.25 if dark else -0.2),
    )


def _readable(color: str, behind: Sequence[str], fallback: str) -> str:
    """`color` where text in it reads on everything behind, else `fallback`."""
    return color if worst_contrast(color, behind) >= MIN_CONTRAST else fallback


@dataclass(frozen=True)
class Room:
    """What a structure's part is set in: the canvas's short edge, the block's inner size, and whether it shares
    the block or is centred in it."""

    short: int
    width: int
    height: int
    shared: bool
    centred: bool

    @property
    def narrow(self) -> bool:
        """Too narrow for a row of cards."""
        return self.width < 1.2 * self.height

    def figure_size(self, cards: int, figure: str) -> int | None:
        """A size for the big figure of each of a row of `cards` cards ("$1.2M", "2019") that fits its card, or
        None (its role's own size) where that would be smaller."""
        gutter, padding = _CARD_GAP * self.short, _CARD_PADDING * self.short
        inner = (self.width - gutter * (cards - 1)) / cards - 2 * padding
        size = min(_MAX_FIGURE * self.short, inner / max(1.0, _FIGURE_EM_PER_CHAR * len(figure)))
        return round(size) if size > _HEADING_TYPE * self.short else None

    def type_size(self, lines: int, em_wide: float) -> int | None:
        """A font size that fills the room with `lines` lines `em_wide` wide, or None (the role's own size)."""
        if self.shared:
            return None
        size = min(_MAX_TYPE * self.short, self.height / (2.2 * lines), self.width / max(em_wide, 1.0))
        return round(size) if size > _MIN_TYPE * self.short else None


def structure_part(structure: RequiredStructure, node_id: str, look: PartLook, room: Room) -> Frame | Element:
    """One structure's part, with its title above it when the brief gives one (a chart sets its own)."""
    kind = structure.structure
    if kind == "chart":
        return _chart(structure, node_id, look)
    if kind in ("bullets", "numbered"):
        part: Frame | Element = _list(structure, node_id, look, room)
    elif kind in ("pairs", "prices", "table"):
        part = _table(structure, node_id, look, room)
    elif kind == "steps":
        part = _steps(structure, node_id, look, room)
    elif kind == "kpis":
        part = _kpis(structure, node_id, look, room)
    elif kind == "tiers":
        part = _tiers(structure, node_id, look, room.short)
    elif kind == "fields":
        part = _form(structure, node_id, look, room.short)
    elif kind == "icons":
        part = icon_grid(structure, node_id, look, room)
    else:
        part = _nav(structure, node_id, look, room.short)
    if not structure.title or kind == "fields":
        return part
    heading = _text(f"{node_id}-title", structure.title, look.ink, role="heading", level=3, bold=True)
    return Frame(id=f"{node_id}-section", layout="column", gap=round(0.02 * room.short), children=[heading, part])


def _text(
    node_id: str,
    words: str,
    color: str,
    *,
    role: TextRole = "body",
    level: int = 1,
    bold: bool = False,
    align: Literal["left", "center", "right"] = "left",
    width: Size = "fill",
    font_size: int | None = None,
) -> TextElement:
    """A text leaf, its script and language told by its words."""
    script = detect_script(words)
    return TextElement(
        id=node_id,
        text=words,
        role=role,
        level=level,
        color=color,
        align=align,
        font_weight="bold" if bold else "regular",
        width=width,
        script=script,
        language=language_of(script),
        font_size=font_size,
    )


def _list(structure: RequiredStructure, node_id: str, look: PartLook, room: Room) -> ListElement:
    """A list; centred in its block, it is as wide as its longest item (with room to spare) set at its size."""
    items = [_entry_words(item.label, item.value) for item in structure.items]
    script = detect_script(" ".join(items))
    em_wide = _EM_PER_CHAR * max(len(i) for i in items) + 2.5  # the marker and its gap take about 2.5 em
    size = room.type_size(len(items), em_wide)
    width = min(room.width, round(1.1 * em_wide * (size or _BODY_TYPE * room.short)))
    return ListElement(
        id=node_id,
        items=items,
        marker="number" if structure.structure == "numbered" else "bullet",
        color=look.ink,
        marker_color=look.accent,
        width=width if room.centred else "fill",
        font_size=size,
        script=script,
        language=language_of(script),
    )


def _entry_words(label: str, value: str | None) -> str:
    """An entry as one line: its date or figure, a dash, its words."""
    return f"{value} \u2014 {label}" if value else label


def _table(structure: RequiredStructure, node_id: str, look: PartLook, room: Room) -> TableElement:
    """A table; a list of pairs or prices is a two-column one with the figures right-aligned across the room."""
    align: list[Literal["left", "center", "right"]] | None = None
    if structure.structure == "table":
        rows = [[item.label, *item.cells][:12] for item in structure.items]
        header = structure.header[:12]
    else:
        rows = [[item.label, item.value or ""] for item in structure.items]
        header, align = [], ["left", "right"]
    width = max([len(header), *(len(row) for row in rows)])
    rows = [row + [""] * (width - len(row)) for row in rows]
    padded_header = header + [""] * (width - len(header))  # a header shorter than the rows (or none) still lines up
    columns = [max(len(cell) for cell in column) for column in zip(*rows, padded_header, strict=True)]
    script = detect_script(" ".join(cell for row in rows for cell in row))
    return TableElement(
        id=node_id,
        header=header,
        rows=rows,
        column_align=align,
        style="lines",
        color=look.ink,
        header_color=look.accent,
        script=script,
        language=language_of(script),
        width="hug" if structure.structure == "table" else "fill",
        # Each column takes its longest cell and a gutter of about 2 em.
        font_size=room.type_size(len(rows) + bool(header), sum(_EM_PER_CHAR * c + 2 for c in columns) + 4),
    )


def figure_of(value: str | None) -> float | None:
    """The number a written figure stands for, None for none."""
    return value_number(value) if value else None


def _chart(structure: RequiredStructure, node_id: str, look: PartLook) -> ChartElement:
    """The asked chart with the brief's figures as one series, in the accent; a pie's slices start from the accent
    and take the colours the renderer derives from it. Value labels where they add to what the chart shows (not a
    share beside a pie's own share)."""
    kind = structure.chart or "column"
    sliced = kind in ("pie", "donut")
    script = detect_script(" ".join(item.label for item in structure.items))
    return ChartElement(
        id=node_id,
        chart=kind,
        title=structure.title,
        categories=[item.label[:120] for item in structure.items],
        series=[
            Series(
                name=(structure.title or _series_name(structure))[:60],
                values=[figure_of(item.value) or 0.0 for item in structure.items],
                color=look.series,
            )
        ],
        unit=structure.unit,
        value_labels=kind in ("bar", "column") or (sliced and structure.unit != "%"),
        color=look.ink,
        script=script,
        language=language_of(script),
    )


def _series_name(structure: RequiredStructure) -> str:
    """A name for the one series of a chart without a title: a donut shows it in its hole."""
    return "Share" if structure.unit == "%" else "Total"


def _card(node_id: str, name: str, look: PartLook, short: int, children: list[Frame | Element]) -> Frame:
    """A card on the plan's surface, as wide as its row allows."""
    return Frame(
        id=node_id,
        role="card",
        name=name[:80],
        fill=look.surface,
        radius=round(0.02 * short),
        padding=round(_CARD_PADDING * short),
        gap=round(0.012 * short),
        width="fill",
        children=children,
    )


def _card_row(node_id: str, name: str, short: int, cards: list[Frame | Element]) -> Frame:
    """Cards side by side, as tall as the tallest."""
    return Frame(id=node_id, name=name, layout="row", gap=round(_CARD_GAP * short), children=cards)


def _steps(structure: RequiredStructure, node_id: str, look: PartLook, room: Room) -> Frame | Element:
    """A row of cards, each its number or date over its words; a numbered list when a row would not fit."""
    if room.narrow or len(structure.items) > _MAX_STEP_CARDS:
        return _list(structure.model_copy(update={"structure": "numbered"}), node_id, look, room)
    cards: list[Frame | Element] = []
    for n, item in enumerate(structure.items, start=1):
        step_id = f"step-{n}" if node_id == "steps" else f"{node_id}-{n}"
        mark_words = item.value or str(n)
        size = room.figure_size(len(structure.items), mark_words)
        mark = _text(
            f"{step_id}-mark", mark_words, look.card_accent, role="heading", level=2, bold=True, font_size=size
        )
        label = _text(f"{step_id}-label", item.label, look.card_ink)
        cards.append(_card(step_id, f"step {item.label}", look, room.short, [mark, label]))
    return _card_row(node_id, "steps", room.short, cards)


def _kpis(structure: RequiredStructure, node_id: str, look: PartLook, room: Room) -> Frame:
    """A row of cards: each figure large and bold, its label small under it."""
    cards: list[Frame | Element] = []
    size = room.figure_size(len(structure.items), max((item.value or "" for item in structure.items), key=len))
    for n, item in enumerate(structure.items, start=1):
        kpi_id = f"kpi-{n}" if node_id == "kpis" else f"{node_id}-{n}"
        figure = item.value or ""
        value = _text(f"{kpi_id}-value", figure, look.card_ink, role="heading", level=1, bold=True, font_size=size)
        label = _text(f"{kpi_id}-label", item.label, look.card_muted, role="caption")
        cards.append(_card(kpi_id, f"KPI {item.label}", look, room.short, [value, label]))
    return _card_row(node_id, "KPIs", room.short, cards)


def _tiers(structure: RequiredStructure, node_id: str, look: PartLook, short: int) -> Frame:
    """A row of pricing cards: the tier's name, its price large, its features with checks, a button at the foot."""
    cards: list[Frame | Element] = []
    for n, item in enumerate(structure.items, start=1):
        tier_id = f"tier-{n}" if node_id == "tiers" else f"{node_id}-{n}"
        parts: list[Frame | Element] = [
            _text(f"{tier_id}-name", item.label, look.card_ink, role="heading", level=3, bold=True)
        ]
        if item.value:
            size = round(0.055 * short)
            parts.append(
                _text(f"{tier_id}-price", item.value, look.card_accent, role="price", bold=True, font_size=size)
            )
        if item.cells:
            parts.append(
                ListElement(
                    id=f"{tier_id}-features",
                    items=list(item.cells),
                    marker="check",
                    color=look.card_ink,
                    marker_color=look.card_accent,
                    role="caption",
                )
            )
        parts.append(Frame(id=f"{tier_id}-spacer", height="fill"))
        parts.append(_button(f"{tier_id}-button", "Choose", f"choose {item.label} button", look, short))
        card = _card(tier_id, f"pricing tier {item.label}", look, short, parts)
        cards.append(card.model_copy(update={"height": "fill"}))
    return _card_row(node_id, "pricing tiers", short, cards)


def _button(node_id: str, label: str, name: str, look: PartLook, short: int) -> Frame:
    return Frame(
        id=node_id,
        role="button",
        name=name[:80],
        fill=look.button,
        radius=round(0.012 * short),
        padding=Insets(
            top=round(0.014 * short), bottom=round(0.014 * short), left=round(0.03 * short), right=round(0.03 * short)
        ),
        width="fill",
        align="center",
        children=[_text(f"{node_id}-label", label, look.button_ink, role="label", bold=True, align="center")],
    )


def _form(structure: RequiredStructure, node_id: str, look: PartLook, short: int) -> Frame:
    """A card of fields (a label over an input with a hint in it), check boxes, and one primary button: the one
    the brief names, else one worded for the form ("Sign in" for a login form)."""
    taken: set[str] = {node_id}
    parts: list[Frame | Element] = []
    button = None
    for item in structure.items:
        field_id = unique_id(slug(item.label), taken)
        if item.value == "button":
            button = item.label if item.label != "button" else None
        elif item.value in ("checkbox", "toggle"):
            kind: Literal["checkbox", "toggle"] = "toggle" if item.value == "toggle" else "checkbox"
            control = ControlElement(id=f"{field_id}-{kind}", control=kind, value=0)
            label = _text(f"{field_id}-label", item.label, look.card_ink, role="label")
            row = Frame(id=field_id, layout="row", gap=round(0.012 * short), align="center", children=[control, label])
            parts.append(row)
        else:
            parts.append(_field(field_id, item.label, look, short))
    button_words = button or submit_words(structure.title)
    parts.append(_button(f"{node_id}-submit", button_words, f"{button_words} button", look, short))
    form = _card(node_id, f"{structure.title or 'entry'} form", look, short, parts)
    return form.model_copy(update={"gap": round(0.022 * short), "padding": round(0.036 * short)})


def _field(field_id: str, label: str, look: PartLook, short: int) -> Frame:
    """A field: its label over an input box holding a quiet hint ("Enter your email")."""
    hint = f"Enter your {label.lower()}" if label.isascii() else label
    box = Frame(
        id=f"{field_id}-input",
        role="input",
        name=f"{label} field",
        fill=look.surface,
        border=Border(color=look.rule, width=max(1, round(short / 600))),
        radius=round(0.01 * short),
        padding=Insets(
            top=round(0.012 * short), bottom=round(0.012 * short), left=round(0.018 * short), right=round(0.018 * short)
        ),
        children=[_text(f"{field_id}-hint", hint, look.card_muted, role="caption")],
    )
    label_text = _text(f"{field_id}-label", label, look.card_ink, role="label", bold=True)
    return Frame(id=field_id, layout="column", gap=round(0.008 * short), children=[label_text, box])


def submit_words(purpose: str | None) -> str:
    """The words of a form's button when the brief names none, by what the form is for."""
    for pattern, words in _SUBMIT_WORDS:
        if purpose and re.search(pattern, purpose, re.IGNORECASE):
            return words
    return "Submit"


def _nav(structure: RequiredStructure, node_id: str, look: PartLook, short: int) -> Frame:
    """A navigation bar: the items in a row, the first set bold in the accent as the current page."""
    items: list[Frame | Element] = [
        _text(
            f"{node_id}-{n}",
            item.label,
            look.accent if n == 1 else look.ink,
            role="label",
            bold=n == 1,
            width="hug",
        )
        for n, item in enumerate(structure.items, start=1)
    ]
    return Frame(
        id=node_id,
        role="nav",
        name="navigation",
        layout="row",
        gap=round(0.04 * short),
        align="center",
        wrap=True,
        children=items,
    )


def icon_name(label: str) -> str | None:
    """The icon set's name for an icon the brief names (`contract.icons.named_icon`)."""
    return named_icon(label)


def icon_columns(count: int, wide: bool) -> int:
    """How many icons a row of an icon grid holds: rows of equal length where the count allows (6 as 3 x 2, or
    6 in a row on a wide block; 8 as 4 x 2; 9 as 3 x 3)."""
    if count <= 4:
        return count
    if wide and count <= 6:
        return count
    for columns in (3, 4) if count % 3 == 0 and count <= 9 else (4, 3, 5, 6):
        if count % columns == 0:
            return columns
    return 4 if count <= 12 else 6


def icon_grid(
    structure: RequiredStructure, node_id: str, look: PartLook, room: Room, *, labels: bool = False, tiles: bool = True
) -> Frame:
    """The named icons in a grid of equal cells, each on a tile (or bare, on a sheet of the surface), all of one
    size, colour and stroke; with its name under it when `labels`."""
    names = [(item.label, icon_name(item.label)) for item in structure.items]
    columns = icon_columns(len(names), room.width > 2.2 * room.height)
    rows = -(-len(names) // columns)
    gap = round(0.04 * room.short)
    label_room = round(0.06 * room.short) if labels else 0
    cell = min((room.width - gap * (columns - 1)) / columns, (room.height - gap * (rows - 1)) / rows - label_room)
    tile = max(24, round(min(cell, (0.3 if len(names) <= 4 else 0.22) * room.short)))
    side = round(tile * (0.5 if tiles else 0.8))
    cells: list[Frame | Element] = []
    for n, (label, name) in enumerate(names, start=1):
        if name is None:
            continue
        icon = IconElement(id=f"{node_id}-{n}", name=name, color=look.card_accent, width=side, height=side)
        holder = Frame(
            id=f"{node_id}-{n}-tile",
            role="card" if tiles else None,
            name=f"icon {label}"[:80],
            fill=look.surface if tiles else None,
            radius=round(0.2 * tile) if tiles else 0,
            width=tile,
            height=tile,
            align="center",
            justify="center",
            children=[icon],
        )
        parts: list[Frame | Element] = [holder]
        if labels:
            parts.append(_text(f"{node_id}-{n}-label", label, look.ink, role="label", align="center", bold=True))
        gap_under = round(0.015 * room.short)
        cells.append(Frame(id=f"{node_id}-{n}-cell", layout="column", gap=gap_under, align="center", children=parts))
    return Frame(
        id=node_id,
        name="icon set",
        layout="grid",
        columns=["1fr"] * columns,
        gap=gap,
        align="center",
        justify="center",
        width="fill",
        children=cells,
    )
