"""The design score: what a designer checks (DESIGN-QUALITY.md) that can be measured, from a laid-out plan and its
pixels: margins, alignment, type scale, readable sizes, contrast, balance, emphasis and overlap, each 0-1 with the
reason, and their weighted total.

Sizes are shares of the canvas's short edge, so a thumbnail and a poster are judged alike. The score never decides
a pass; it ranks candidate layouts and tells a user where one is weak.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from itertools import combinations

import numpy as np
from PIL import Image

from tessera.contract import (
    TRANSPARENT_BACKDROP,
    WCAG_AA_CONTRAST,
    WCAG_AA_LARGE_TEXT_CONTRAST,
    Box,
    Constraints,
    DesignAspect,
    DesignPart,
    DesignScore,
    Element,
    Frame,
    GradientBackground,
    LayoutPlan,
    RequiredText,
    SolidBackground,
    TextElement,
    TextPurpose,
    contrast_ratio,
    hex_to_rgb,
    rgb_to_hex,
)
from tessera.verifier._scene import as_canvas
from tessera.verifier._text import TextInk, measure_ink, normalise_text

WEIGHTS: dict[DesignAspect, float] = {
    "margins": 1.0,
    "alignment": 1.0,
    "type_scale": 1.0,
    "readable_sizes": 1.0,
    "contrast": 2.0,  # unreadable text costs more than any other weakness
    "balance": 1.0,
    "emphasis": 1.0,
    "overlap": 2.0,
}
MARGIN_SHARE = 0.04  # of the short edge: nearer the canvas edge than this reads as touching it
BAND_SPAN = 0.9  # a non-text part spanning this share of the canvas's width or height is a band or bleed
BODY_SHARE = 0.022  # of the short edge: the smallest readable body text (24 px at 1080)
CAPTION_SHARE = 0.015  # ... and caption (16 px at 1080)
SMALL_ROLES = frozenset({"caption", "label", "footer", "code"})
# WCAG's large text is 24 px, or 18.7 px bold, against a 16 px body: the same multiples of the smallest body size.
LARGE_TEXT = 1.5
LARGE_BOLD_TEXT = 1.17
GOOD_STEP = 1.2  # a type scale step at least this big reads as a new level
MAX_SIZES = 5  # title, subtitle, lead, body, caption: more reads as arbitrary
BALANCE_CELLS = 48  # the long edge of the grid visual weight is measured on
EDGE_STEP = 24  # a step between neighbouring pixels, in some RGB channel, that makes an edge
EDGE_STRIP_ROWS = 256  # rows of the canvas whose edges are found at once
INK_DISTANCE = 40.0  # RGB distance from the bare background that makes a coloured area
FILL_WEIGHT = 0.3  # coloured areas' share of the visual weight; edges (text, outlines, pictures) carry the rest
EMPTY_QUADRANT = 0.03  # a quadrant holding less than this share of the visual weight is empty
CARD_ROLES = frozenset({"card", "panel", "badge", "hero", "tag", "chip"})
_KEY_NUMBER = re.compile(r"^[^\w\s]{0,2}\s?[+\-−]?\d[\d,.\s]*\s?(%|[kKmMbB]|[^\w\s]{1,2})?(\s?/\s?\w+)?$")

InkOf = Callable[[TextElement], TextInk]


def score_design(image: Image.Image, plan: LayoutPlan, constraints: Constraints | None = None) -> DesignScore:
    """The design score of `image`, rendered from the laid-out `plan`; `constraints` name the brand, title and
    prices the emphasis part looks for (without them: the plan's roles)."""
    canvas = as_canvas(image, plan)
    return design_score(canvas, plan, constraints, lambda text: measure_ink(canvas, text))


def design_score(canvas: np.ndarray, plan: LayoutPlan, constraints: Constraints | None, ink_of: InkOf) -> DesignScore:
    """The score from the canvas's pixels (H x W x 3 at the plan's size); `ink_of` measures a text's ink (the
    verifier passes its scene's, so nothing is measured twice)."""
    texts = [t for t in plan.texts() if t.box is not None and t.box.w > 0 and t.box.h > 0]
    short = min(plan.canvas.width, plan.canvas.height)
    scored: list[tuple[DesignAspect, float, str]] = [
        ("margins", *_margins(plan)),
        ("alignment", *_alignment(texts, plan)),
        ("type_scale", *_type_scale(texts)),
        ("readable_sizes", *_readable_sizes(texts, short)),
        ("contrast", *_contrast(texts, plan, short, ink_of)),
        ("balance", *_balance(canvas, plan)),
        ("emphasis", *_emphasis(texts, plan, constraints)),
        ("overlap", *_overlap(texts)),
    ]
    return DesignScore.of(
        [
            DesignPart(aspect=aspect, score=round(_clamp(score), 4), weight=WEIGHTS[aspect], reason=reason[:600])
            for aspect, score, reason in scored
        ]
    )


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _size(text: TextElement) -> int:
    # A laid-out text has the size it was set at; one without is judged by its box.
    return text.font_size if text.font_size is not None else max(1, round(text.placed_box.h / text.line_spacing))


def _name(text: TextElement) -> str:
    words = text.text if len(text.text) <= 30 else text.text[:29] + "…"
    return f"text {words!r}"


def _drawn_nodes(plan: LayoutPlan) -> Iterator[Element | Frame]:
    """Every leaf, and every frame that draws something (a fill, a border, a shadow), that has a box."""
    for node in [*plan.frames()[1:], *plan.elements]:
        if node.box is None or node.box.w <= 0 or node.box.h <= 0:
            continue
        if isinstance(node, Frame) and not _draws(node):
            continue
        yield node


def _is_band(node: Element | Frame, width: int, height: int) -> bool:
    """A full-bleed background, band or sidebar: a non-text part that spans (nearly) the canvas one way."""
    box = node.placed_box
    return not isinstance(node, TextElement) and (box.w >= BAND_SPAN * width or box.h >= BAND_SPAN * height)


def _edge_distance(box: Box, width: int, height: int) -> tuple[int, str]:
    return min((box.x, "left"), (box.y, "top"), (width - box.right, "right"), (height - box.bottom, "bottom"))


def _margins(plan: LayoutPlan) -> tuple[float, str]:
    width, height = plan.canvas.width, plan.canvas.height
    wanted = MARGIN_SHARE * min(width, height)
    nodes = [n for n in _drawn_nodes(plan) if not _is_band(n, width, height)]
    if not nodes:
        return 1.0, "nothing but bands and backgrounds reaches the edges"
    measured = [(_edge_distance(n.placed_box, width, height), n) for n in nodes]
    (distance, edge), nearest = min(measured, key=lambda item: item[0][0])
    clear = sum(d >= wanted for (d, _), _ in measured)
    if distance >= wanted:
        return 1.0, f"all {len(nodes)} parts keep at least {wanted:.0f} px (4% of the short edge) from the edges"
    what = _name(nearest) if isinstance(nearest, TextElement) else f"{nearest.kind} {nearest.id!r}"
    return distance / wanted, (
        f"{what} is {distance} px from the {edge} edge (wants at least {wanted:.0f} px, 4% of the short edge); "
        f"{clear} of {len(nodes)} parts are clear"
    )


def _markers(plan: LayoutPlan) -> list[Box]:
    """Boxes of the small non-text leaves a text may hang from: bullets, numbers drawn as shapes, icons."""
    return [e.box for e in plan.elements if not isinstance(e, TextElement) and e.box is not None]


def _hanging_from(text: TextElement, markers: list[Box]) -> float | None:
    """The left edge of the marker a list item hangs from (a bullet just left of its first line), if any: a
    designer lines the bullet up with the text above, not the item's words."""
    box, size = text.placed_box, _size(text)
    first_line = (box.y, box.y + size * text.line_spacing)
    hung = [
        m.x
        for m in markers
        if m.right <= box.x + 1
        and box.x - m.right <= 1.5 * size
        and m.w <= 2 * size
        and first_line[0] <= m.y + m.h / 2 <= first_line[1]
    ]
    return min(hung) if hung else None


def _anchor(text: TextElement, markers: list[Box]) -> float:
    """Where a text's edge that should line up is: left (its bullet's, for a list item) or right for aligned text,
    the centre for centred."""
    box = text.placed_box
    if text.align == "left":
        hung = _hanging_from(text, markers)
        return hung if hung is not None else box.x
    if text.align == "right":
        return box.right
    return box.x + box.w / 2


def _next_below(text: TextElement, texts: list[TextElement]) -> list[TextElement]:
    """The texts just under `text` that share some of its width: the next line of its column (or a row of them)."""
    box = text.placed_box
    below = [
        t
        for t in texts
        if t is not text
        and t.placed_box.y >= box.bottom - 2
        and min(box.right, t.placed_box.right) > max(box.x, t.placed_box.x)
    ]
    if not below:
        return []
    nearest = min(t.placed_box.y for t in below)
    slack = max(4, box.h // 2)
    return [t for t in below if t.placed_box.y <= nearest + slack]


def _draws(frame: Frame) -> bool:
    return frame.fill is not None or frame.border is not None or frame.shadow is not None


def _surfaces(plan: LayoutPlan) -> dict[str, str]:
    """Each text's surface: the nearest frame around it that draws something (a card, a button, a band), else the
    page. Texts line up with their neighbours on one surface; a card's padding rightly sets its text in from the
    page's."""
    found: dict[str, str] = {}

    def walk(frame: Frame, surface: str) -> None:
        here = frame.id if _draws(frame) else surface
        for child in frame.children:
            if isinstance(child, Frame):
                walk(child, here)
            elif isinstance(child, TextElement):
                found[child.id] = here

    walk(plan.root, plan.root.id)
    return found


def _alignment(texts: list[TextElement], plan: LayoutPlan) -> tuple[float, str]:
    tolerance = max(3.0, 0.005 * plan.canvas.width)
    markers = _markers(plan)
    surfaces = _surfaces(plan)
    pairs = aligned = 0
    ragged: tuple[TextElement, TextElement] | None = None
    for text in texts:
        neighbours = [t for t in texts if surfaces.get(t.id) == surfaces.get(text.id)]
        alike = [t for t in _next_below(text, neighbours) if t.align == text.align]
        if not alike:
            continue
        pairs += 1
        if any(abs(_anchor(t, markers) - _anchor(text, markers)) <= tolerance for t in alike):
            aligned += 1
        elif ragged is None:
            ragged = (text, alike[0])
    left = [t for t in texts if t.align == "left"]
    left_edges = _distinct([_anchor(t, markers) for t in left], tolerance)
    on = len({surfaces.get(t.id) for t in left})
    edges = f"{left_edges} distinct left edge(s) among left-aligned texts on {on} surface(s)"
    if pairs == 0:
        return 1.0, f"no texts stacked in a column to line up; {edges}"
    if ragged is None:
        return 1.0, f"all {pairs} stacked pairs line up; {edges}"
    upper, lower = ragged
    side = {"left": "left edges", "right": "right edges"}.get(upper.align, "centres")
    return aligned / pairs, (
        f"{aligned} of {pairs} stacked pairs line up; {edges}; e.g. {_name(upper)} and {_name(lower)} below it: "
        f"{side} {_anchor(upper, markers):.0f} and {_anchor(lower, markers):.0f} px"
    )


def _distinct(values: list[float], tolerance: float) -> int:
    count, last = 0, -math.inf
    for value in sorted(values):
        if value - last > tolerance:
            count += 1
            last = value
    return count


def _type_scale(texts: list[TextElement]) -> tuple[float, str]:
    sizes = sorted({_size(t) for t in texts})
    if len(sizes) <= 1:
        return 1.0, f"one size ({sizes[0]} px)" if sizes else "no text"
    steps = [(small, large, large / small) for small, large in zip(sizes, sizes[1:], strict=False)]
    # A step under GOOD_STEP costs in proportion: 1.1 half a step, 1.0 (nearly the same size) a whole one.
    shortfall = sum(1.0 - min(1.0, (ratio - 1.0) / (GOOD_STEP - 1.0)) for _, _, ratio in steps)
    extra = max(0, len(sizes) - MAX_SIZES)
    score = 1.0 - 0.5 * shortfall - 0.15 * extra
    listed = ", ".join(str(s) for s in sizes)
    close = [f"{small}/{large}" for small, large, ratio in steps if ratio < GOOD_STEP]
    problems = []
    if close:
        problems.append(f"sizes too close to read as levels: {', '.join(close)} (steps want at least {GOOD_STEP:g}x)")
    if extra:
        problems.append(f"{len(sizes)} sizes (at most {MAX_SIZES} read as a scale)")
    return score, f"sizes {listed} px: " + ("; ".join(problems) if problems else "each a clear step from the next")


def _readable_sizes(texts: list[TextElement], short: int) -> tuple[float, str]:
    if not texts:
        return 1.0, "no text"

    def wanted(text: TextElement) -> float:
        return (CAPTION_SHARE if text.role in SMALL_ROLES else BODY_SHARE) * short

    worst = min(texts, key=lambda t: _size(t) / wanted(t))
    ratio = _size(worst) / wanted(worst)
    kind = "captions want" if worst.role in SMALL_ROLES else "body text wants"
    share = CAPTION_SHARE if worst.role in SMALL_ROLES else BODY_SHARE
    if ratio >= 1.0:
        return 1.0, f"every text is readable; the nearest its role's minimum is {_name(worst)} at {_size(worst)} px"
    return ratio, (
        f"{_name(worst)} ({worst.role}) is set at {_size(worst)} px; {kind} at least {wanted(worst):.0f} px "
        f"({share:.1%} of the {short} px short edge)"
    )


def _is_large(text: TextElement, short: int) -> bool:
    body = BODY_SHARE * short
    return _size(text) >= LARGE_TEXT * body or (text.font_weight == "bold" and _size(text) >= LARGE_BOLD_TEXT * body)


def _contrast(texts: list[TextElement], plan: LayoutPlan, short: int, ink_of: InkOf) -> tuple[float, str]:
    width, height = plan.canvas.width, plan.canvas.height
    measured = []
    for text in texts:
        if not text.placed_box.inside(width, height):
            continue
        ink = ink_of(text)
        colour = ink.ink_color if ink.ink_color is not None else hex_to_rgb(text.color)
        ratio = contrast_ratio(colour, ink.background)
        wanted = WCAG_AA_LARGE_TEXT_CONTRAST if _is_large(text, short) else WCAG_AA_CONTRAST
        measured.append(((ratio - 1.0) / (wanted - 1.0), ratio, wanted, text, colour, ink.background))
    if not measured:
        return 1.0, "no text on the canvas"
    score, ratio, wanted, worst, colour, background = min(measured, key=lambda m: m[0])
    low = sum(m[0] < 1.0 for m in measured)
    detail = f"{_name(worst)}: {rgb_to_hex(colour)} on {rgb_to_hex(background)} is {ratio:.1f}:1"
    if score >= 1.0:
        return 1.0, f"every text reads at WCAG AA; the lowest is {detail}"
    return score, f"{low} of {len(measured)} texts below WCAG AA; the worst, {detail} (wants {wanted:g}:1)"


def _background_pixels(plan: LayoutPlan, rows: int, columns: int) -> np.ndarray:
    """The plan's background on a rows x columns grid, RGB floats: what the page would show with nothing on it."""
    background = plan.background
    if isinstance(background, GradientBackground):
        angle = math.radians(background.angle_deg)
        dx, dy = math.cos(angle), math.sin(angle)
        xs = (np.arange(columns) + 0.5) / columns * plan.canvas.width * dx
        ys = (np.arange(rows) + 0.5) / rows * plan.canvas.height * dy
        corners = [
            0.0,
            plan.canvas.width * dx,
            plan.canvas.height * dy,
            plan.canvas.width * dx + plan.canvas.height * dy,
        ]
        t = np.clip((ys[:, None] + xs[None, :] - min(corners)) / max(max(corners) - min(corners), 1e-6), 0.0, 1.0)
        start = np.array(hex_to_rgb(background.start), dtype=np.float32)
        end = np.array(hex_to_rgb(background.end), dtype=np.float32)
        return start + t[..., None] * (end - start)
    colour = background.color if isinstance(background, SolidBackground) else TRANSPARENT_BACKDROP
    return np.broadcast_to(np.array(hex_to_rgb(colour), dtype=np.float32), (rows, columns, 3))


def _grid_size(width: int, height: int) -> tuple[int, int]:
    scale = BALANCE_CELLS / max(width, height)
    return max(2, round(width * scale)), max(2, round(height * scale))


def _edge_density(canvas: np.ndarray, columns: int, rows: int) -> np.ndarray:
    """The share of each grid cell's pixels on an edge (a step of more than EDGE_STEP in some channel): where text,
    outlines and pictures are; smooth gradients and the inside of flat fills have none."""
    height, width = canvas.shape[:2]
    # Found a strip of rows at a time, as 0/255 bytes: the int16 differences of a whole 3840 px canvas took 280 MB.
    edges = np.empty((height - 1, width - 1), dtype=np.uint8)
    for top in range(0, height - 1, EDGE_STRIP_ROWS):
        bottom = min(top + EDGE_STRIP_ROWS, height - 1)
        pixels = canvas[top : bottom + 1].astype(np.int16)  # one row more, for the steps down from the strip's last
        across = np.abs(np.diff(pixels[:-1], axis=1)).max(axis=2)
        down = np.abs(np.diff(pixels, axis=0)).max(axis=2)[:, :-1]
        edges[top:bottom] = np.where(np.maximum(across, down) > EDGE_STEP, 255, 0)
    shares = Image.fromarray(edges).convert("F").resize((columns, rows), Image.Resampling.BOX)
    return np.asarray(shares) / np.float32(255)


def _fill_share(canvas: np.ndarray, plan: LayoutPlan, columns: int, rows: int) -> np.ndarray:
    """1 where a grid cell differs from the plan's bare background (a panel, a band, a picture), else 0."""
    small = np.asarray(Image.fromarray(canvas).resize((columns, rows), Image.Resampling.BOX), dtype=np.float32)
    distance = np.linalg.norm(small - _background_pixels(plan, rows, columns), axis=2)
    return (distance > INK_DISTANCE).astype(np.float32)


def _visual_weight(canvas: np.ndarray, plan: LayoutPlan) -> np.ndarray:
    """Where the page's visual weight lies, on a coarse grid summing to 1 (all zeros on a blank page): mostly its
    edges (text, outlines, pictures), partly its coloured areas, so a bold panel weighs something but less than
    the words on it."""
    height, width = canvas.shape[:2]
    columns, rows = _grid_size(width, height)
    weight = np.zeros((rows, columns), dtype=np.float32)
    for share, part in (
        (1.0 - FILL_WEIGHT, _edge_density(canvas, columns, rows)),
        (FILL_WEIGHT, _fill_share(canvas, plan, columns, rows)),
    ):
        total = float(part.sum())
        if total > 0:
            weight += share * part / total
    total = float(weight.sum())
    return weight / total if total > 0 else weight


def _balance(canvas: np.ndarray, plan: LayoutPlan) -> tuple[float, str]:
    ink = _visual_weight(canvas, plan)
    if float(ink.sum()) == 0:
        return 0.0, "nothing stands out from the background"
    rows, columns = ink.shape
    cy = float((ink.sum(axis=1) * (np.arange(rows) + 0.5)).sum()) / rows
    cx = float((ink.sum(axis=0) * (np.arange(columns) + 0.5)).sum()) / columns
    # 0 at the centre, 1 at an edge's midpoint; a little off centre is how most pages sit.
    offset = math.hypot((cx - 0.5) / 0.5, (cy - 0.5) / 0.5)
    centred = _clamp(1.0 - max(0.0, offset - 0.15) / 0.6)
    half_r, half_c = rows // 2, columns // 2
    quadrants = {
        "top-left": ink[:half_r, :half_c], "top-right": ink[:half_r, half_c:],
        "bottom-left": ink[half_r:, :half_c], "bottom-right": ink[half_r:, half_c:],
    }  # fmt: skip
    empty = [name for name, part in quadrants.items() if float(part.sum()) < EMPTY_QUADRANT]
    score = centred * (1.0 - 0.25 * len(empty))
    where = f"visual weight centred at ({cx:.0%}, {cy:.0%}) of the width and height"
    return score, where + (f"; empty: {', '.join(empty)}" if empty else "; every quadrant holds something")


_LEAD_PURPOSES: tuple[TextPurpose, ...] = ("brand", "product", "title")
_DEMOTING_PURPOSES: tuple[TextPurpose, ...] = ("tagline", "subtitle")


def _carrying(
    texts: list[TextElement], constraints: Constraints | None, purposes: tuple[TextPurpose, ...]
) -> list[TextElement]:
    """The plan's texts that carry a brief text of one of `purposes`."""
    if constraints is None:
        return []
    wanted = {
        normalise_text(c.text, c.script)
        for c in constraints.items
        if isinstance(c, RequiredText) and c.purpose in purposes
    }
    return [t for t in texts if normalise_text(t.text, t.script) in wanted]


def _is_key_number(text: TextElement, prices: list[TextElement]) -> bool:
    return text.role == "price" or text in prices or _KEY_NUMBER.match(text.text.strip()) is not None


def _cards(frame: Frame, card: Frame | None = None) -> Iterator[tuple[Frame, list[TextElement]]]:
    """Each card-like frame (a card, a panel, a badge) with the texts inside it, innermost card first."""
    here = frame if frame.role in CARD_ROLES else card
    inside: list[TextElement] = []
    for child in frame.children:
        if isinstance(child, Frame):
            for found in _cards(child, here):
                yield found
                if here is frame:
                    inside.extend(found[1])
        elif isinstance(child, TextElement) and child.box is not None:
            inside.append(child)
    if here is frame:
        yield frame, inside


def _emphasis(texts: list[TextElement], plan: LayoutPlan, constraints: Constraints | None) -> tuple[float, str]:
    if not texts:
        return 1.0, "no text"
    checks: list[tuple[float, str]] = []
    prices = _carrying(texts, constraints, ("price",))
    leads = _carrying(texts, constraints, _LEAD_PURPOSES) or [t for t in texts if t.role == "title"]
    # A big number may be the entry point itself (a price on a tier card, a KPI): it does not demote the lead.
    words = [t for t in texts if not _is_key_number(t, prices)] or texts
    largest = max(words, key=_size)
    if leads:
        lead = max(leads, key=_size)
        outranked = f"{_name(largest)} ({_size(largest)} px) outranks the lead {_name(lead)} ({_size(lead)} px)"
        led = _size(lead) >= _size(largest)
        checks.append(
            (1.0, f"{_name(lead)} leads at {_size(lead)} px") if led else (_size(lead) / _size(largest), outranked)
        )
    brands = _carrying(texts, constraints, ("brand", "product"))
    demoting = [t for t in _carrying(texts, constraints, _DEMOTING_PURPOSES) if t not in brands]
    for brand in brands:
        above = [t for t in demoting if _size(t) > _size(brand)]
        if above:
            checks.append((_size(brand) / _size(above[0]), f"the brand {_name(brand)} is set below {_name(above[0])}"))
    for card, inside in _cards(plan.root):
        labels = [t for t in inside if not _is_key_number(t, prices) and t.role not in ("title", "subtitle", "heading")]
        for number in (t for t in inside if _is_key_number(t, prices)):
            if not labels:
                continue
            label = max(labels, key=_size)
            ratio = _size(number) / _size(label)
            # 1.2 times its label or more reads as the point of the card; the same size as a label does not.
            score = _clamp((ratio - 0.8) / 0.4)
            checks.append((score, f"in {card.role} {card.id!r}, {_name(number)} is {ratio:.2f}x {_name(label)}"))
    if not checks:
        return 1.0, "no title, brand or key number to emphasise"
    worst = min(checks, key=lambda c: c[0])
    return worst[0], worst[1] if worst[0] < 1.0 else f"{len(checks)} emphasis check(s) hold; {worst[1]}"


def _overlap(texts: list[TextElement]) -> tuple[float, str]:
    overlapping = []
    for a, b in combinations(texts, 2):
        shared = a.placed_box.intersection(b.placed_box)
        # A pixel or two of shared edge is rounding, not an overlap.
        if shared is not None and shared.area > 0.01 * min(a.placed_box.area, b.placed_box.area):
            overlapping.append((a, b))
    if not overlapping:
        return 1.0, "no text overlaps another"
    a, b = overlapping[0]
    score = 1.0 / (1.0 + 2.0 * len(overlapping))  # one pair a third, two a fifth...
    return score, f"{len(overlapping)} pair(s) of texts overlap, e.g. {_name(a)} and {_name(b)}"
