"""Evidence a person can see: for each check with a place on the canvas, a small picture cut from the render that
shows what was measured there (the text read, the instances counted, the colour found, the subject's place).

The pictures are drawn here, in the graph, from the image the run folder keeps, so a run whose verifier is a
service gets them too. Which checks get one: every check with a box (a colour check with a measured colour gets the
whole canvas when it has none), failed checks first, then the not verified, then the passed, in report order, at
most `MAX_EVIDENCE` an attempt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple, TypeVar

from PIL import Image, ImageDraw, ImageFont

from tessera.contract import (
    Box,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    RequiredColor,
    RequiredPosition,
    VerificationReport,
    hex_to_rgb,
)
from tessera.contract.relations import region_area

MAX_EVIDENCE = 64  # pictures an attempt keeps: enough for every check a person reads, bounded for the disk
LONG_SIDE = 480  # the crop's long side at most, in pixels
MAX_ZOOM = 4.0  # a small box is enlarged at most this much: beyond it the pixels say nothing more
MIN_WIDTH = 320  # a narrow crop is set on a wider picture, so that the words under it keep to a few lines
LABEL_SIZE = 14
LABEL_LINES = 7
SWATCH = 28

INSTANCE_INK = (255, 0, 255)  # magenta: counted instances and measured subjects, rare in a design
BOX_INK = (0, 112, 255)  # blue: the box the check looked in, and the plan's boxes of the elements it names
REGION_TINT = (255, 200, 0, 70)  # where a position check wants the subject's centre
STATUS_INK = {"failed": (200, 30, 30), "not_verified": (190, 120, 0), "passed": (20, 140, 60)}
STATUS_WORD = {"failed": "FAILED", "not_verified": "NOT VERIFIED", "passed": "PASSED"}
_ORDER = {"failed": 0, "not_verified": 1, "passed": 2}
_HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_READ_PREFIX = re.compile(r"(^|; )([\w.-]+): read ")  # "headline: read 'X'" of a text check's `measured`
# Fonts Pillow finds by file name among the system's fonts, widest coverage first (CJK Noto also has Latin, kana,
# hangul); without any, Pillow's own font draws the Latin alphabet.
_LABEL_FONTS = ("NotoSansCJK-Regular.ttc", "NotoSans-Regular.ttf", "DejaVuSans.ttf")

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
SaveEvidence = Callable[[str, Image.Image], str]
_Constraint = TypeVar("_Constraint", RequiredColor, RequiredPosition)


class _View(NamedTuple):
    """Which part of the canvas a picture shows, and how much it is enlarged."""

    x: int
    y: int
    w: int
    h: int
    scale: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x) * self.scale, (y - self.y) * self.scale

    def rectangle(self, box: Box) -> tuple[float, float, float, float]:
        (x0, y0), (x1, y1) = self.point(box.x, box.y), self.point(box.right, box.bottom)
        return x0, y0, x1 - 1, y1 - 1


def with_evidence(
    report: VerificationReport,
    image: Image.Image,
    plan: LayoutPlan,
    constraints: Constraints,
    save: SaveEvidence,
    *,
    limit: int = MAX_EVIDENCE,
) -> VerificationReport:
    """The report with `evidence_image` set on the checks that get a picture; `save(file name, picture)` keeps each
    one and answers its path relative to the run folder."""
    checks = list(report.checks)
    canvas = _opaque(image)  # once, not once a picture
    for index in evidence_order(report, limit=limit):
        picture = draw_evidence(checks[index], canvas, plan, constraints)
        if picture is not None:
            path = save(evidence_name(index, checks[index]), picture)
            checks[index] = checks[index].model_copy(update={"evidence_image": path})
    return report.model_copy(update={"checks": checks})


def evidence_order(report: VerificationReport, *, limit: int = MAX_EVIDENCE) -> list[int]:
    """The places in `report.checks` of the checks that get a picture: failed first, then not verified, then
    passed, each in report order, at most `limit`."""
    shown = [i for i, check in enumerate(report.checks) if _has_place(check)]
    return sorted(shown, key=lambda i: _ORDER[report.checks[i].status])[:limit]


def evidence_name(index: int, check: ConstraintCheck) -> str:
    """A file name that is safe whatever the check's id holds: its place in the report, its kind, its id."""
    safe_id = _UNSAFE.sub("_", check.constraint_id).strip("_")[:40] or "check"
    return f"{index:04d}-{check.kind}-{safe_id}.png"


def draw_evidence(
    check: ConstraintCheck, image: Image.Image, plan: LayoutPlan, constraints: Constraints
) -> Image.Image | None:
    """The picture of one check: what it measured, drawn on its part of the canvas, and a few lines of words under
    it; None for a check with no place on the canvas."""
    if not _has_place(check):
        return None
    canvas = _opaque(image)
    if check.kind == "position":
        return _position(check, canvas, plan, constraints)
    # Without a box, a colour measured over the whole canvas (the background, an accent).
    view = _whole(canvas) if check.box is None else _around([check.box, *check.instances], canvas)
    picture = _cut(canvas, view)
    draw = ImageDraw.Draw(picture)
    if check.box is not None and not _bounds_instances(check):
        _outline(draw, view.rectangle(check.box), BOX_INK, width=2)
    _number_instances(draw, view, check.instances)
    lines = [*_kind_lines(check), *_legend(check)]
    swatches = _swatches(check, constraints) if check.kind == "color" else []
    return _with_label(picture, _heading(check), lines, swatches)


def _has_place(check: ConstraintCheck) -> bool:
    return check.box is not None or (check.kind == "color" and check.measured_color is not None)


def _bounds(boxes: Iterable[Box]) -> tuple[int, int, int, int]:
    """Left, top, right and bottom of the smallest rectangle holding `boxes` (at least one)."""
    listed = list(boxes)
    return (
        min(b.x for b in listed), min(b.y for b in listed), max(b.right for b in listed), max(b.bottom for b in listed)
    )  # fmt: skip


def _bounds_instances(check: ConstraintCheck) -> bool:
    """Whether the check's box is just the rectangle around its instances (not worth a line of its own)."""
    box = check.box
    return (
        bool(check.instances) and box is not None and _bounds(check.instances) == (box.x, box.y, box.right, box.bottom)
    )


def _opaque(image: Image.Image) -> Image.Image:
    """The render as RGB; a transparent one on a checkerboard, so that nothing drawn in white disappears."""
    if image.mode not in ("RGBA", "LA", "PA") and "transparency" not in image.info:
        return image if image.mode == "RGB" else image.convert("RGB")
    board = Image.new("RGB", image.size, (255, 255, 255))
    tile = 16
    draw = ImageDraw.Draw(board)
    for y in range(0, image.height, tile):
        for x in range((y // tile) % 2 * tile, image.width, 2 * tile):
            draw.rectangle((x, y, x + tile - 1, y + tile - 1), fill=(220, 220, 220))
    board.paste(image.convert("RGBA"), mask=image.convert("RGBA"))
    return board


def _whole(canvas: Image.Image) -> _View:
    scale = min(LONG_SIDE / max(canvas.size), MAX_ZOOM)
    return _View(0, 0, canvas.width, canvas.height, scale)


def _around(boxes: Iterable[Box], canvas: Image.Image) -> _View:
    """The boxes with a margin, kept on the canvas; the whole canvas when they lie off it."""
    x0, y0, x1, y1 = _bounds(boxes)
    margin = max(12, round(0.35 * min(x1 - x0, y1 - y0)))
    x0, y0 = max(0, x0 - margin), max(0, y0 - margin)
    x1, y1 = min(canvas.width, x1 + margin), min(canvas.height, y1 + margin)
    if x1 <= x0 or y1 <= y0:
        return _whole(canvas)
    scale = min(LONG_SIDE / max(x1 - x0, y1 - y0), MAX_ZOOM)
    return _View(x0, y0, x1 - x0, y1 - y0, scale)


def _cut(canvas: Image.Image, view: _View) -> Image.Image:
    size = (max(1, round(view.w * view.scale)), max(1, round(view.h * view.scale)))
    crop = canvas.crop((view.x, view.y, view.x + view.w, view.y + view.h))
    if view.scale >= 2:  # well enlarged, a crop keeps hard pixel edges: a person sees the pixels that were measured
        return crop.resize(size, Image.Resampling.NEAREST)
    return crop.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _outline(draw: ImageDraw.ImageDraw, rectangle: tuple[float, float, float, float], ink: tuple[int, int, int],
             *, width: int) -> None:  # fmt: skip
    """A frame `width` pixels wide in `ink` just outside the rectangle, so the measured pixels stay in sight, with a
    thin white edge outside it, so it shows on dark and on light pixels alike."""
    x0, y0, x1, y1 = rectangle
    draw.rectangle((x0 - width - 1, y0 - width - 1, x1 + width + 1, y1 + width + 1), outline=(255, 255, 255), width=1)
    draw.rectangle((x0 - width, y0 - width, x1 + width, y1 + width), outline=ink, width=width)


def _number_instances(draw: ImageDraw.ImageDraw, view: _View, instances: list[Box], *, numbered: bool = True) -> None:
    """Each instance framed; numbered on a tag just above its frame (inside it at the picture's top edge)."""
    font = _font(11)
    for number, box in enumerate(instances, start=1):
        rectangle = view.rectangle(box)
        _outline(draw, rectangle, INSTANCE_INK, width=2)
        if not numbered:
            continue
        left, top, right, bottom = draw.textbbox((0, 0), str(number), font=font)
        tag_w, tag_h = right - left + 6, bottom + 4
        x, y = rectangle[0] - 2, rectangle[1] - 2 - tag_h
        y = y if y >= 0 else rectangle[1]
        draw.rectangle((x, y, x + tag_w - 1, y + tag_h - 1), fill=INSTANCE_INK)
        draw.text((x + 3 - left, y + 2), str(number), fill=(255, 255, 255), font=font)


def _position(check: ConstraintCheck, canvas: Image.Image, plan: LayoutPlan, constraints: Constraints) -> Image.Image:
    """The whole canvas: the region the subject's centre must lie in, shaded; the plan's boxes of the elements the
    check looked at; the subject as measured."""
    view = _whole(canvas)
    picture = _cut(canvas, view).convert("RGBA")
    constraint = _constraint(check, constraints, RequiredPosition)
    if constraint is not None and constraint.region is not None:
        shade = Image.new("RGBA", picture.size, (0, 0, 0, 0))
        band = region_area(constraint.region, canvas.width, canvas.height)
        ImageDraw.Draw(shade).rectangle(view.rectangle(band), fill=REGION_TINT, outline=REGION_TINT[:3], width=2)
        picture = Image.alpha_composite(picture, shade)
    picture = picture.convert("RGB")
    draw = ImageDraw.Draw(picture)
    boxes = _plan_boxes(plan)
    for element_id in dict.fromkeys(check.element_ids):
        if element_id in boxes:
            _outline(draw, view.rectangle(boxes[element_id]), BOX_INK, width=1)
    # Small on a whole canvas: framed, not numbered, as numbers would hide them.
    _number_instances(draw, view, check.instances, numbered=False)
    if check.box is not None and not _bounds_instances(check):
        _outline(draw, view.rectangle(check.box), INSTANCE_INK, width=2)
    region = constraint is not None and constraint.region is not None
    lines = [f"expected: {check.expected}", f"measured: {check.measured}", *_legend(check, region=region)]
    return _with_label(picture, _heading(check), lines, [])


def _plan_boxes(plan: LayoutPlan) -> dict[str, Box]:
    nodes = [*plan.frames(), *plan.elements]
    return {node.id: node.box for node in nodes if node.box is not None}


def _constraint(check: ConstraintCheck, constraints: Constraints, kind: type[_Constraint]) -> _Constraint | None:
    """The brief's constraint a check measured, when it is of `kind`."""
    if check.origin != "brief":
        return None
    found = next((c for c in constraints.items if c.id == check.constraint_id), None)
    return found if isinstance(found, kind) else None


def _heading(check: ConstraintCheck) -> tuple[str, tuple[int, int, int]]:
    origin = "" if check.origin == "brief" else " (from the plan)"
    return f"{STATUS_WORD[check.status]} · {check.kind} {check.constraint_id}{origin}", STATUS_INK[check.status]


def _kind_lines(check: ConstraintCheck) -> list[str]:
    if check.kind == "text":
        engines = _engines(check.evidence)
        return [
            f"expected: {check.expected}",
            "read: " + _READ_PREFIX.sub(r"\1\2: ", check.measured),
            *([f"by: {', '.join(engines)}"] if engines else []),
        ]
    if check.kind == "color":
        return [f"expected: {check.expected}"]
    return [f"expected: {check.expected}", f"measured: {check.measured}"]


def _engines(evidence: str) -> list[str]:
    """The OCR engines a text check's evidence names ("t1: tesseract eng psm 7 read 'HELLO' in box ...")."""
    found = re.findall(r"(?:^|;\s*)(?:[\w.-]+:\s*)?([^;:']+?) read ['\"]", evidence)
    return list(dict.fromkeys(name.strip() for name in found))


def _legend(check: ConstraintCheck, *, region: bool = False) -> list[str]:
    """What the frames mean."""
    if check.kind == "position":
        shaded = "; shaded: where its centre must lie" if region else ""
        return [f"magenta: the subject as measured; blue: the plan's boxes of the elements looked at{shaded}"]
    box = "" if check.box is None or _bounds_instances(check) else "; blue: the box measured"
    if check.instances:
        how = "counted, numbered" if check.kind == "count" else "measured"
        return [f"magenta: the {len(check.instances)} instance(s) {how}{box}"]
    return ["blue: the box measured"] if check.box is not None else []


def _swatches(check: ConstraintCheck, constraints: Constraints) -> list[tuple[str, str]]:
    """The expected colour (the brief's constraint, else the first hex of `expected`) and the measured one."""
    constraint = _constraint(check, constraints, RequiredColor)
    expected = constraint.color if constraint is not None else next(iter(_HEX.findall(check.expected)), None)
    measured = check.measured_color or next(iter(_HEX.findall(check.measured)), None)
    return [(label, color) for label, color in (("expected", expected), ("measured", measured)) if color]


def _with_label(
    picture: Image.Image, heading: tuple[str, tuple[int, int, int]], lines: list[str], swatches: list[tuple[str, str]]
) -> Image.Image:
    """The picture above a white strip: the status heading in its colour, colour swatches, then the lines."""
    width = max(picture.width, MIN_WIDTH)
    font, pad = _font(LABEL_SIZE), 8
    line_height = round(LABEL_SIZE * 1.35)
    wrapped = [piece for line in lines for piece in _wrap(line, font, width - 2 * pad)][:LABEL_LINES]
    captions = [f"{label} {color.upper()}" for label, color in swatches]
    places = _swatch_places([SWATCH + 6 + round(font.getlength(c)) for c in captions], width - 2 * pad)
    rows = max((row + 1 for _, row in places), default=0)
    strip = line_height + rows * (SWATCH + 6) + line_height * len(wrapped) + 2 * pad
    sheet = Image.new("RGB", (width, picture.height + strip), (255, 255, 255))
    sheet.paste(picture, ((width - picture.width) // 2, 0))
    draw = ImageDraw.Draw(sheet)
    y = picture.height + pad
    text, ink = heading
    draw.text((pad, y), _fit(text, font, width - 2 * pad), fill=ink, font=font)
    y += line_height
    for (_, color), caption, (x, row) in zip(swatches, captions, places, strict=True):
        top, left = y + row * (SWATCH + 6), pad + x
        draw.rectangle((left, top, left + SWATCH - 1, top + SWATCH - 1), fill=hex_to_rgb(color), outline=(90, 90, 90))
        draw.text((left + SWATCH + 6, top + (SWATCH - LABEL_SIZE) // 2), caption, fill=(30, 30, 30), font=font)
    y += rows * (SWATCH + 6)
    for line in wrapped:
        draw.text((pad, y), line, fill=(30, 30, 30), font=font)
        y += line_height
    return sheet


def _swatch_places(widths: list[int], room: int) -> list[tuple[int, int]]:
    """Where each swatch with its caption goes (its left edge and its row): side by side while they fit."""
    places: list[tuple[int, int]] = []
    x, row = 0, 0
    for width in widths:
        if x and x + width > room:
            x, row = 0, row + 1
        places.append((x, row))
        x += width + 16
    return places


def _wrap(line: str, font: Font, width: int) -> list[str]:
    """`line` cut into pieces that fit `width`, at spaces where it can be and anywhere where it must (a long line is
    cut short first: the strip shows a few lines, report.json has them all)."""
    pieces: list[str] = []
    current = ""
    for word in _fit(line, font, width * LABEL_LINES).split(" "):
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while font.getlength(word) > width:
            cut = max(1, _longest_fitting(word, font, width))
            pieces.append(word[:cut])
            word = word[cut:]
        current = word
    return [*pieces, current] if current else pieces


def _fit(text: str, font: Font, width: int) -> str:
    """`text`, cut short with an ellipsis where it is wider than `width`."""
    if font.getlength(text) <= width:
        return text
    return text[: _longest_fitting(text, font, width, suffix="…")] + "…"


def _longest_fitting(text: str, font: Font, width: int, *, suffix: str = "") -> int:
    """How many of `text`'s first characters fit `width` followed by `suffix` (found by halving: labels of long
    measurements are measured a few times, not once a character)."""
    fits, too_long = 0, len(text) + 1
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if font.getlength(text[:middle] + suffix) <= width:
            fits = middle
        else:
            too_long = middle
    return fits


@cache
def _font(size: int) -> Font:
    for name in _LABEL_FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)
