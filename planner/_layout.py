"""Where things go: a poster as rows of text and sprite groups, stacked top to bottom inside margins.

Items fall into three blocks: the top block (anchored to the top margin: things asked for "across the top"
or in a top corner), the main block (headline, subheading, sprite groups, body, set a little above centre)
and the bottom block (anchored to the bottom margin: footers and things asked for "at the bottom").
Sizes start from fractions of the canvas and shrink together until everything fits, text no smaller than its
floor until nothing else is left to give; sprite groups then grow into the room that is left. An item asked for
"in the middle" has its centre on the canvas's centre line, with the headline lines above it and the rest below;
the spare room goes between the blocks. Paragraphs are set as body copy, flush left, and no text but a headline
runs longer than a comfortable measure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from tessera.contract import Box, Region, Script
from tessera.planner._quotes import Role
from tessera.planner._typeset import (
    GroupFit,
    TextFit,
    fit_group,
    fit_text,
    line_count,
    measure_width,
    text_height,
    text_width_em,
)

Block = Literal["top", "main", "bottom"]
Side = Literal["full", "left", "right"]

MARGIN = 0.06  # of the short edge
_ROLE_BASE: dict[Role, float] = {"headline": 0.095, "subheading": 0.05, "body": 0.034, "label": 0.036, "footer": 0.027}
_ROLE_MIN: dict[Role, float] = {"headline": 1.6, "subheading": 1.25, "body": 1.0, "label": 1.0, "footer": 1.0}
_ROLE_LINES: dict[Role, int] = {"headline": 3, "subheading": 2, "body": 4, "label": 2, "footer": 2}
_ROLE_RANK: dict[Role, float] = {"headline": 0, "subheading": 1, "body": 3, "label": 3, "footer": 5}
BOLD_ROLES = ("headline", "label")
MIN_BODY_PX = 24  # about 17 px cap height: the smallest text tesseract reads reliably
MIN_SPRITE_PX = 48
MAX_SPRITE_PX = 420  # the renderer enlarges an emoji bitmap at most ~4x (about 500 px)
GROUP_SHARE = 0.25  # of the canvas height: the most a sprite group grows into spare room
SPARE_SHARE = 0.14  # of the content height: room kept free for spacing when sprite groups grow
GAP_GROWTH = 1.0  # gaps grow by up to this factor before the rest of the spare room goes between blocks
CENTER_SLACK = 0.1  # of the canvas height: how far from the centre line an item asked for the middle may sit
BRAND_BAR_SHARE = 0.006  # of the canvas: a brand-colour bar this big is plainly visible (verifiers want 0.3%)
MIN_GIVE = 0.25  # in an over-full layout, gaps, sprite groups and rules shrink to this share before text shrinks
# Running text (a paragraph, whatever its role) is set as body copy: a step below the short body lines and flush
# to the start of its lines. No text but a headline runs longer than a measure of about 45 Latin characters, the
# short end of the typographer's 45-75: longer lines are what OCR misreads most (PP-OCR's direction classifier
# squeezes a line into 192 x 48 px and may read it upside down; measured on Noto Sans lines of 24-37 px, it turns
# 0.2% of lines of 45 characters, 2% of 50, 12% of 70 and 22% of 100).
RUNNING_TEXT_EM = 48.0  # estimated em on one line (about 85 Latin characters or 45 ideographs)
TYPE_STEP = 1.25  # one step of the type scale
MEASURE_EM = 22.0  # the longest line of text other than a headline, in estimated em of its size (~45 characters)
WIDER_MEASURES_EM = (26.0, 30.0)  # a crowded layout widens the measure (to ~57 characters) before text shrinks
_RTL_SCRIPTS = ("arabic", "hebrew")


@dataclass
class TextSpec:
    """A required string to set, with its role and any colour or place the brief asked for."""

    id: str
    text: str
    role: Role
    script: Script
    language: str
    color: str
    region: Region | None = None
    panel: str | None = None  # fill of a panel behind the text, when its colour needs one to read
    headline_rank: int = 0  # 0 for the first headline, 1 for a second one (e.g. a translation)
    emphasis: float = 1.0  # size factor: a lone short line under the headline is set a step larger


@dataclass
class GroupSpec:
    """A counted object class to draw as sprites, or as generated instances (one per box) when `look` says so."""

    id: str
    object_class: str
    count: int
    color: str | None
    region: Region | None = None
    one_row: bool = False  # the brief asked for a row: never wrap it into a grid
    look: Literal["sprite", "generated"] = "sprite"
    prompt: str | None = None  # what one generated instance shows


@dataclass
class AccentSpec:
    """A short rule in the accent colour under the headline; a bolder one for a brand colour."""

    id: str
    color: str
    brand: bool = False


Spec = TextSpec | GroupSpec | AccentSpec


@dataclass
class Slot:
    """One item in a row and the side of the row it takes."""

    spec: Spec
    side: Side = "full"


@dataclass
class Row:
    """Items that share a horizontal band."""

    slots: list[Slot]
    block: Block


@dataclass
class Placed:
    """Where an item ended up, and at what size."""

    spec: Spec
    box: Box
    align: Literal["left", "center", "right"] = "center"
    text_fit: TextFit | None = None
    group_fit: GroupFit | None = None
    panel_box: Box | None = None


@dataclass
class Layout:
    """The placed items and the figures behind them."""

    placed: list[Placed]
    margin: int
    scale: float


def _block_and_side(region: Region | None, default: Block) -> tuple[Block, Side]:
    if region == "center":
        return "main", "full"
    if region is None:
        return default, "full"
    vertical, _, horizontal = region.partition("-")
    if region in ("left", "right"):
        return "main", region
    block: Block = "top" if vertical == "top" else "bottom"
    side: Side = "left" if horizontal == "left" else "right" if horizontal == "right" else "full"
    return block, side


def _rank(spec: Spec) -> float:
    if isinstance(spec, TextSpec):
        return _ROLE_RANK[spec.role] + 0.1 * spec.headline_rank
    return 2.0


def order_rows(
    texts: list[TextSpec], groups: list[GroupSpec], accent: AccentSpec | None, relations: list[tuple[str, str, str]]
) -> list[Row]:
    """Rows in reading order: blocks by region, roles by rank, relations ('below'/'above' another id) applied last."""
    placed: list[tuple[Block, Side, Spec]] = []
    for text in texts:
        default: Block = "bottom" if text.role == "footer" else "main"
        block, side = _block_and_side(text.region, default)
        placed.append((block, side, text))
    for group in groups:
        block, side = _block_and_side(group.region, "main")
        placed.append((block, side, group))

    def key(item: tuple[Block, Side, Spec]) -> tuple[int, float]:
        block, side, spec = item
        block_rank = {"top": 0, "main": 1, "bottom": 2}[block]
        if block == "top":
            return block_rank, (0 if side != "full" else 1) + (0.5 if isinstance(spec, TextSpec) else 0)
        if block == "bottom":
            corner = side != "full" and isinstance(spec, GroupSpec)
            return block_rank, 9 if corner else _rank(spec) + (0 if isinstance(spec, GroupSpec) else 1)
        return block_rank, _rank(spec) + (0.5 if side != "full" else 0)

    sequence = sorted(placed, key=key)  # sorted() is stable: brief order breaks ties
    for subject_id, relation, reference_id in relations:
        ids = [spec.id for _, _, spec in sequence]
        if subject_id not in ids or reference_id not in ids:
            continue
        s, r = ids.index(subject_id), ids.index(reference_id)
        if (relation == "below" and s == r + 1) or (relation == "above" and s == r - 1):
            continue  # "below it" reads as directly below: anything else moves out from between
        item = sequence.pop(s)
        r = [spec.id for _, _, spec in sequence].index(reference_id)
        block = sequence[r][0]
        at = r
        if relation == "below":
            # A headline keeps its subheading: "below the headline" means below that pair.
            reference = sequence[r][2]
            while isinstance(reference, TextSpec) and reference.role == "headline" and at + 1 < len(sequence):
                following = sequence[at + 1][2]
                if not (isinstance(following, TextSpec) and following.role == "subheading"):
                    break
                at += 1
            at += 1
        sequence.insert(at, (block, item[1] if item[0] == block else "full", item[2]))
    if accent is not None:
        _insert_accent(sequence, accent)
    _center_after_lead(sequence, relations)
    return _merge_rows([Row([Slot(spec, side)], block) for block, side, spec in sequence])


def _insert_accent(sequence: list[tuple[Block, Side, Spec]], accent: AccentSpec) -> None:
    texts = [(i, spec) for i, (_, _, spec) in enumerate(sequence) if isinstance(spec, TextSpec)]
    if not texts:
        return
    first = next((i for i, spec in texts if spec.role == "headline"), texts[0][0])
    end = first
    while end + 1 < len(sequence):
        block, _side, spec = sequence[end + 1]
        if not (isinstance(spec, TextSpec) and spec.role in ("headline", "subheading") and block == sequence[first][0]):
            break
        end += 1
    if sequence[first][1] != "full":
        return  # a headline squeezed to one side has no room for a centred rule
    sequence.insert(end + 1, (sequence[first][0], "full", accent))


def is_lead(spec: Spec) -> bool:
    """Whether an item belongs to the lead: the headline lines and the accent rule under them."""
    return isinstance(spec, AccentSpec) or (isinstance(spec, TextSpec) and spec.role in ("headline", "subheading"))


def _relations_hold(sequence: list[tuple[Block, Side, Spec]], relations: list[tuple[str, str, str]]) -> set[int]:
    """Indexes of the relations whose subject comes after ('below') or before ('above') its reference."""
    ids = [spec.id for _, _, spec in sequence]
    held = set()
    for n, (subject_id, relation, reference_id) in enumerate(relations):
        if subject_id in ids and reference_id in ids:
            s, r = ids.index(subject_id), ids.index(reference_id)
            if (relation == "below" and s > r) or (relation == "above" and s < r):
                held.add(n)
    return held


def _center_after_lead(sequence: list[tuple[Block, Side, Spec]], relations: list[tuple[str, str, str]]) -> None:
    """Move an item asked for the middle to just after the headline lines, so the rest can go below it."""
    main = [i for i, (block, _, _) in enumerate(sequence) if block == "main"]
    center = next(
        (i for i in main if getattr(sequence[i][2], "region", None) == "center" and not is_lead(sequence[i][2])),
        None,
    )
    if center is None:
        return
    after_lead = next((i for i in main if not is_lead(sequence[i][2])), center)
    if center <= after_lead:
        return
    moved = list(sequence)
    moved.insert(after_lead, moved.pop(center))
    if _relations_hold(moved, relations) >= _relations_hold(sequence, relations):
        sequence[:] = moved


def _merge_rows(rows: list[Row]) -> list[Row]:
    """Put a left and a right item side by side, and a footer beside a corner group."""
    merged: list[Row] = []
    for row in rows:
        if merged and merged[-1].block == row.block and len(merged[-1].slots) == 1:
            previous, current = merged[-1].slots[0], row.slots[0]
            sides = {previous.side, current.side}
            if sides == {"left", "right"}:
                merged[-1].slots.append(current)
                continue
            pair = (previous, current)
            text = next(
                (
                    s
                    for s in pair
                    if isinstance(s.spec, TextSpec) and s.side == "full" and s.spec.role in ("footer", "label")
                ),
                None,
            )
            group = next((s for s in pair if isinstance(s.spec, GroupSpec) and s.side != "full"), None)
            if text and group and row.block != "main":
                text.side = "left" if group.side == "right" else "right"
                merged[-1].slots.append(current)
                continue
        merged.append(row)
    return merged


@dataclass(frozen=True)
class _Frame:
    width: int
    height: int
    margin: int
    scale: float  # geometric mean of the edges: the unit of every size
    measure_em: float = MEASURE_EM  # the longest line of text other than a headline, in estimated em

    @property
    def content_width(self) -> int:
        return self.width - 2 * self.margin

    @property
    def content_height(self) -> int:
        return self.height - 2 * self.margin

    @property
    def floor(self) -> float:
        short = min(self.width, self.height)
        return min(max(0.022 * short, MIN_BODY_PX), 0.07 * self.height)


def _slot_width(frame: _Frame, row: Row, slot: Slot) -> float:
    wc = frame.content_width
    if slot.side == "full":
        return wc
    if len(row.slots) == 1:
        return 0.48 * wc
    other = next(s for s in row.slots if s is not slot)
    if isinstance(slot.spec, TextSpec) and isinstance(other.spec, GroupSpec):
        return 0.56 * wc
    if isinstance(slot.spec, GroupSpec) and isinstance(other.spec, TextSpec):
        return 0.40 * wc
    return 0.48 * wc


def _sprite_base(count: int) -> float:
    if count == 1:
        return 0.22
    if count <= 3:
        return 0.15
    if count <= 5:
        return 0.12
    if count <= 8:
        return 0.10
    return 0.085


@dataclass
class _Measured:
    slot: Slot
    width: float
    height: float
    text_fit: TextFit | None = None
    group_fit: GroupFit | None = None
    panel_inset: tuple[float, float] = (0.0, 0.0)


def _measure(frame: _Frame, row: Row, k: float, floor_scale: float, boost: float = 1.0) -> list[_Measured]:
    """Each item's size at text scale `k` (shrunk floors at `floor_scale`), sprite groups grown by `boost`."""
    measured = []
    for slot in row.slots:
        width = _slot_width(frame, row, slot)
        spec = slot.spec
        if isinstance(spec, TextSpec):
            measured.append(_measure_text(frame, slot, spec, width, k, floor_scale))
        elif isinstance(spec, GroupSpec):
            band = (0.22 if row.block != "main" else 0.34) * frame.content_height * max(k, 0.5)
            max_height = GROUP_SHARE * frame.height if boost > 1 else band
            sprite = _sprite_base(spec.count) * frame.scale * k * boost
            sprite = max(sprite, min(MIN_SPRITE_PX * floor_scale, _sprite_base(spec.count) * frame.scale))
            # Across the top or along the bottom means a row; in the main block a short row may wrap.
            one_row = spec.one_row or row.block != "main"
            fit = fit_group(spec.count, width, max(max_height, 8), min(sprite, MAX_SPRITE_PX), one_row=one_row)
            measured.append(_Measured(slot, fit.width, fit.height, group_fit=fit))
        else:
            measured.append(_Measured(slot, *_accent_size(frame, spec)))
    return measured


def is_running_text(spec: TextSpec) -> bool:
    """Whether a text is a paragraph to be set as body copy rather than a display line of its role."""
    return spec.role != "headline" and text_width_em(spec.text, spec.role in BOLD_ROLES) > RUNNING_TEXT_EM


def _measure_text(frame: _Frame, slot: Slot, spec: TextSpec, width: float, k: float, floor_scale: float) -> _Measured:
    running = is_running_text(spec)
    sizing: Role = "body" if running else spec.role
    natural = _ROLE_BASE[sizing] * frame.scale * (0.8 if spec.headline_rank else 1.0) * spec.emphasis
    if spec.role == "headline":
        natural = min(natural, 0.2 * frame.content_height)
    if running:
        natural /= TYPE_STEP  # a paragraph reads as copy: a step below the short body lines
    base = natural * k
    # Crowded content shrinks every role alike, but none below its floor (nor above its own size, on a small
    # canvas whose floor is larger) until the floors themselves give way: body text stays readable while the
    # display sizes step down.
    minimum = min(natural, frame.floor * _ROLE_MIN[sizing] * floor_scale)
    max_lines = _ROLE_LINES[sizing]
    bold = spec.role in BOLD_ROLES
    measure = None if spec.role == "headline" else frame.measure_em
    if measure is not None:
        # The lines a text needs at its measure are the same at every size: never shrink it to need fewer.
        max_lines = max(max_lines, line_count(spec.text, 1.0, measure, bold) or max_lines)
    # A panel gets padding in proportion to the text: about half a letter at the sides, a quarter above and below.
    pad = 0.8 * max(base, minimum)
    inset = (0.5 * pad, 0.25 * pad) if spec.panel else (0.0, 0.0)
    fit = fit_text(spec.text, max(base, minimum), minimum, width - 2 * inset[0], max_lines, bold, measure)
    height = text_height(fit.size, fit.lines, spec.script) + 2 * inset[1]
    if spec.panel and fit.lines == 1:
        # A one-line panel hugs its text rather than spanning the column.
        width = min(width, text_width_em(spec.text, bold) * fit.size + 2 * inset[0])
    elif fit.lines > 1:
        # Wrapped text keeps its measure: the box is no wider than the lines it was fitted to.
        width = measure_width(width - 2 * inset[0], fit.size, measure) + 2 * inset[0]
    return _Measured(slot, width, height, text_fit=fit, panel_inset=inset)


def _accent_size(frame: _Frame, spec: AccentSpec) -> tuple[float, float]:
    """A short rule under the headline; for a brand colour, a bold bar of a fixed share of the canvas."""
    width, height = max(40.0, 0.16 * frame.content_width), max(4.0, round(0.008 * frame.scale))
    if spec.brand:
        area = BRAND_BAR_SHARE * frame.width * frame.height
        height = max(height, math.sqrt(area / 24))  # about 24:1, a pill rather than a slab
        width = min(area / height, 0.45 * frame.content_width)
        height = area / width
    return width, height


def _gap_before(previous: Row | None, row: Row) -> float:
    if previous is None:
        return 0.0
    a, b = previous.slots[0].spec, row.slots[0].spec
    if isinstance(b, AccentSpec):
        return 0.5
    if isinstance(a, AccentSpec):
        return 0.7
    if isinstance(a, TextSpec) and isinstance(b, TextSpec):
        if a.role == "headline" and b.role == "headline":
            return 0.35
        if a.role == "headline" and b.role == "subheading":
            return 0.45
        if a.role == b.role:
            return 0.6
    return 1.0


def _row_heights(measured: list[list[_Measured]]) -> list[float]:
    return [max(m.height for m in ms) for ms in measured]


# Text scales to try, largest first: sizes shrink (none below its floor), then the measure widens, and only then
# do the floors give way.
_ATTEMPTS = (
    [(0.93**i, 1.0, MEASURE_EM) for i in range(14)]
    + [(0.93**13, 1.0, measure) for measure in WIDER_MEASURES_EM]
    + [(0.93**13, 0.9**i, WIDER_MEASURES_EM[-1]) for i in range(1, 12)]
)


def _fit_rows(frame: _Frame, rows: list[Row]) -> tuple[list[list[_Measured]], list[float], float]:
    """Measured rows and the gap before each, at the largest scale that fits the content height.

    Sprite groups then grow into the spare room (up to a quarter of the canvas height each), keeping
    some of it free for spacing.
    """
    base_gap = 0.05 * frame.content_height
    for k, floor_scale, measure_em in _ATTEMPTS:
        sized = replace(frame, measure_em=measure_em)
        measured = [_measure(sized, row, k, floor_scale) for row in rows]
        gap_scale = max(k, 0.45) * (1.0 if floor_scale == 1.0 else floor_scale)
        gaps = [_gap_before(rows[i - 1] if i else None, row) * base_gap * gap_scale for i, row in enumerate(rows)]
        if sum(_row_heights(measured)) + sum(gaps) <= frame.content_height:
            return _grow_groups(sized, rows, measured, gaps, k, floor_scale), gaps, k
    return measured, gaps, k  # over-full: place_rows squeezes it


def _grow_groups(
    frame: _Frame, rows: list[Row], measured: list[list[_Measured]], gaps: list[float], k: float, floor_scale: float
) -> list[list[_Measured]]:
    """The rows with their sprite groups as big as the spare room allows."""
    budget = (1 - SPARE_SHARE) * frame.content_height - sum(gaps)
    has_group = [any(isinstance(slot.spec, GroupSpec) for slot in row.slots) for row in rows]
    if not any(has_group):
        return measured
    best = measured
    for step in range(1, 12):
        grown = [
            _measure(frame, row, k, floor_scale, boost=1.15**step) if group else ms
            for row, ms, group in zip(rows, measured, has_group, strict=True)
        ]
        if sum(_row_heights(grown)) > budget:
            break
        if any(g < b for g, b in zip(_row_heights(grown), _row_heights(best), strict=True)):
            break  # past a quarter of the canvas: growing further would only shrink a group
        best = grown
    return best


def place_rows(
    width: int, height: int, rows: list[Row], margin: int | None = None, scale: float | None = None
) -> Layout:
    """Boxes for every item of `rows` on a width x height canvas: inside margins, in order, never overlapping.

    `margin` and `scale` (the unit of every size) override the defaults (6% of the short edge, the geometric mean
    of the edges), e.g. for the room beside a picture, where text keeps more of the canvas's size.
    """
    short = min(width, height)
    frame = _Frame(
        width,
        height,
        round(MARGIN * short) if margin is None else margin,
        math.sqrt(width * height) if scale is None else scale,
    )
    measured, gaps, k = _fit_rows(frame, rows)
    heights = _row_heights(measured)
    squeezes, gap_squeeze = _squeezes(frame, rows, heights, gaps)
    heights = [h * squeeze for h, squeeze in zip(heights, squeezes, strict=True)]
    gaps = [g * gap_squeeze for g in gaps]
    leftover = frame.content_height - sum(heights) - sum(gaps)
    grow = min(GAP_GROWTH, leftover / sum(gaps)) if sum(gaps) > 0 else 0.0
    while grow > 0.05 and not _center_reachable(frame, rows, heights, [g * (1 + grow) for g in gaps]):
        grow /= 2  # wide gaps above an item asked for the middle would push it off the centre line
    gaps = [g * (1 + grow) for g in gaps]
    leftover = max(0.0, frame.content_height - sum(heights) - sum(gaps))

    extra = _spread(frame, rows, heights, gaps, leftover)
    y = float(frame.margin)
    tops: list[float] = []
    for i in range(len(rows)):
        y += gaps[i] + extra[i]
        tops.append(y)
        y += heights[i]

    placed: list[Placed] = []
    for row, ms, top, row_height, squeeze in zip(rows, measured, tops, heights, squeezes, strict=True):
        for m in ms:
            placed.append(_place(frame, row, m, top, row_height, squeeze))
    return Layout(placed=placed, margin=frame.margin, scale=k * min(squeezes, default=1.0))


def _squeezes(frame: _Frame, rows: list[Row], heights: list[float], gaps: list[float]) -> tuple[list[float], float]:
    """The factor of each row's height, and of the gaps, that makes an over-full layout fit the content height.

    Gaps, sprite groups and rules give way first (down to MIN_GIVE of their size), so that text keeps a size the
    renderer can set (on a small canvas, its floor); only when that is not enough does everything shrink alike.
    """
    has_text = [any(isinstance(slot.spec, TextSpec) for slot in row.slots) for row in rows]
    text = sum(h for h, t in zip(heights, has_text, strict=True) if t)
    flexible = sum(h for h, t in zip(heights, has_text, strict=True) if not t) + sum(gaps)
    room = frame.content_height
    if text + flexible <= room:
        return [1.0] * len(rows), 1.0
    alike = room / (text + flexible)
    if alike <= MIN_GIVE or not text or not flexible:
        return [alike] * len(rows), alike
    give = max(MIN_GIVE, min(1.0, (room - text) / flexible))
    text_squeeze = min(1.0, (room - give * flexible) / text)
    return [text_squeeze if t else give for t in has_text], give


def _center_reachable(frame: _Frame, rows: list[Row], heights: list[float], gaps: list[float]) -> bool:
    """Whether the rows asked for the middle can have their centre within CENTER_SLACK of the centre line."""
    centers = [i for i, row in enumerate(rows) if _is_center(row)]
    if not centers:
        return True
    c0, c1 = centers[0], centers[-1]
    above = frame.margin + sum(gaps[i] + heights[i] for i in range(c0)) + gaps[c0]
    unit = sum(heights[c0 : c1 + 1]) + sum(gaps[c0 + 1 : c1 + 1])
    below = sum(gaps[i] + heights[i] for i in range(c1 + 1, len(rows))) + frame.margin
    lo, hi = (0.5 - CENTER_SLACK) * frame.height, (0.5 + CENTER_SLACK) * frame.height
    return above + unit / 2 <= hi and frame.height - below - unit / 2 >= lo


def _is_center(row: Row) -> bool:
    return any(getattr(slot.spec, "region", None) == "center" for slot in row.slots)


def _section_break(above: Row, below: Row) -> float:
    """How much spare room may open between two rows (0: none): a full share between blocks and around sprite
    groups, half a share between the headline lines and body text, so sparse content spreads out instead of
    leaving empty bands while the text still reads as one piece."""
    if above.block != below.block:
        return 1.0
    if above.block != "main":
        return 0.0
    a, b = above.slots[0].spec, below.slots[0].spec
    if isinstance(a, GroupSpec) or isinstance(b, GroupSpec):
        return 1.0
    return 0.5 if is_lead(a) != is_lead(b) else 0.0


def _spacers(rows: list[Row]) -> dict[int, float]:
    """Where spare room goes, as weights by position (before row p; p == len(rows) is after the last row).

    The top and bottom blocks stay on their margins; a free top edge takes a little less than a free bottom
    edge, so the content sits a little above centre.
    """
    n = len(rows)
    spacers = {p: w for p in range(1, n) if (w := _section_break(rows[p - 1], rows[p])) > 0}
    if rows[0].block != "top":
        spacers[0] = 0.8
    if rows[-1].block != "bottom":
        spacers[n] = 1.2
    return spacers


def _share(room: float, spacers: dict[int, float], extra: list[float]) -> None:
    total = sum(spacers.values())
    for position, weight in spacers.items():
        extra[position] += room * weight / total


def _spread(frame: _Frame, rows: list[Row], heights: list[float], gaps: list[float], leftover: float) -> list[float]:
    """Spare room before each row (and after the last): where it goes decides where the blocks sit."""
    n = len(rows)
    extra = [0.0] * (n + 1)
    spacers = _spacers(rows) if rows else {}
    if spacers:
        _share(leftover, spacers, extra)
    centers = [i for i, row in enumerate(rows) if _is_center(row)]
    if not centers:
        return extra
    # The rows asked for the middle keep their natural place when it is near the centre line (within a tenth of
    # the height, well inside the verifier's middle 40%), else move as near to it as room allows.
    c0, c1 = centers[0], centers[-1]
    above = sum(gaps[i] + heights[i] for i in range(c0)) + gaps[c0]
    unit = sum(heights[c0 : c1 + 1]) + sum(gaps[c0 + 1 : c1 + 1])
    below = sum(gaps[i] + heights[i] for i in range(c1 + 1, n))
    natural = frame.margin + above + sum(extra[: c0 + 1]) + unit / 2
    target = min(max(natural, (0.5 - CENTER_SLACK) * frame.height), (0.5 + CENTER_SLACK) * frame.height)
    extra = [0.0] * (n + 1)
    lowest, highest = frame.margin + above, frame.height - frame.margin - below - unit
    unit_top = min(max(target - unit / 2, lowest), max(lowest, highest))
    room_above = min(leftover, unit_top - lowest)
    upper = {p: w for p, w in spacers.items() if p <= c0} | ({c0: 1.0} if c0 > 0 else {})
    lower = {p: w for p, w in spacers.items() if p > c1} or {n: 1.0}
    _share(room_above, upper, extra)
    _share(leftover - room_above, lower, extra)
    return extra


def _place(frame: _Frame, row: Row, m: _Measured, top: float, row_height: float, squeeze: float) -> Placed:
    slot, spec = m.slot, m.slot.spec
    left, wc = frame.margin, frame.content_width
    width = min(m.width, wc)
    if slot.side == "full":
        x = left + (wc - width) / 2
    elif slot.side == "left":
        x = left
    else:
        x = left + wc - width
    height = min(m.height * squeeze, row_height)
    y = top + (row_height - height) / 2
    box = _int_box(x, y, width, height)
    if isinstance(spec, TextSpec):
        align = _text_align(spec, slot.side)
        if spec.panel:
            inset_x, inset_y = (v * squeeze for v in m.panel_inset)
            text_box = _int_box(x + inset_x, y + inset_y, width - 2 * inset_x, height - 2 * inset_y)
            return Placed(spec, text_box, align, text_fit=_squeezed(m.text_fit, squeeze), panel_box=box)
        return Placed(spec, box, align, text_fit=_squeezed(m.text_fit, squeeze))
    if isinstance(spec, GroupSpec):
        return Placed(spec, box, group_fit=m.group_fit)
    return Placed(spec, box)


def _text_align(spec: TextSpec, side: Side) -> Literal["left", "center", "right"]:
    """Running text is flush to the start of its lines (right for right-to-left scripts), wherever its box sits;
    display lines are centred in a full row and flush to their side in a half."""
    if is_running_text(spec):
        return "right" if spec.script in _RTL_SCRIPTS else "left"
    return "center" if side == "full" else side


def _squeezed(fit: TextFit | None, squeeze: float) -> TextFit | None:
    return None if fit is None else TextFit(fit.size * squeeze, fit.lines)


def _int_box(x: float, y: float, w: float, h: float) -> Box:
    x0, y0 = math.ceil(x), math.ceil(y)
    x1, y1 = math.floor(x + w), math.floor(y + h)
    return Box(x=x0, y=y0, w=max(1, x1 - x0), h=max(1, y1 - y0))
