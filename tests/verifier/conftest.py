"""Shared fixtures for the verifier tests: a tiny poster painter and a real verifier.

The painter is deliberately not the renderer (which is built elsewhere): it draws
backgrounds, panels, text with real Debian Noto fonts and Noto Color Emoji sprites
with Pillow, so every test judges real pixels.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tessera.contract import (
    Box,
    Canvas,
    Constraints,
    GradientBackground,
    LayoutPlan,
    ObjectGroup,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    ShapeElement,
    SolidBackground,
    SourceSpan,
    TextElement,
)
from tessera.verifier import RenderVerifier, TesseractOcr

_NOTO = Path("/usr/share/fonts/truetype/noto")
_CJK = Path("/usr/share/fonts/opentype/noto")
_EMOJI = _NOTO / "NotoColorEmoji.ttf"
SAMPLES = Path("/tmp/verifier_samples")


def font_for(script: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """A real Noto font that covers `script`."""
    weight = "Bold" if bold else "Regular"
    if script in ("han", "kana", "hangul"):
        index = {"han": 2, "kana": 0, "hangul": 1}[script]
        return ImageFont.truetype(str(_CJK / f"NotoSansCJK-{weight}.ttc"), size, index=index)
    name = {"arabic": "NotoSansArabic", "hebrew": "NotoSansHebrew", "devanagari": "NotoSansDevanagari"}.get(
        script, "NotoSans"
    )
    return ImageFont.truetype(str(_NOTO / f"{name}-{weight}.ttf"), size, layout_engine=ImageFont.Layout.RAQM)


@cache
def emoji_sprite(char: str, size: int) -> Image.Image:
    """One Noto Color Emoji glyph, trimmed to its ink and scaled to fit `size` x `size`."""
    font = ImageFont.truetype(str(_EMOJI), 109)
    tile = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    ImageDraw.Draw(tile).text((8, 8), char, font=font, embedded_color=True)
    tile = tile.crop(tile.getbbox())
    scale = size / max(tile.size)
    return tile.resize((max(1, round(tile.width * scale)), max(1, round(tile.height * scale))), Image.LANCZOS)


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, by_char: bool) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        units = list(paragraph) if by_char else paragraph.split(" ")
        sep = "" if by_char else " "
        line = ""
        for unit in units:
            trial = f"{line}{sep}{unit}" if line else unit
            if line and font.getlength(trial) > width:
                lines.append(line)
                line = unit
            else:
                line = trial
        lines.append(line)
    return lines


class Painter:
    """Draws a LayoutPlan the way a simple renderer would, and remembers where sprites went."""

    def __init__(self) -> None:
        self.instances: dict[str, list[Box]] = {}

    def background(self, plan: LayoutPlan) -> Image.Image:
        """A solid fill, or a linear gradient along 0 (left to right) or 90 degrees (top to bottom)."""
        w, h = plan.canvas.width, plan.canvas.height
        bg = plan.background
        if isinstance(bg, SolidBackground):
            return Image.new("RGB", (w, h), _hex(bg.color))
        if bg.angle_deg not in (0, 90):
            raise ValueError("the test painter draws gradients at 0 or 90 degrees only")
        n = w if bg.angle_deg == 0 else h
        t = np.linspace(0.0, 1.0, n)[:, None]
        ramp = np.asarray(_hex(bg.start), float) * (1 - t) + np.asarray(_hex(bg.end), float) * t
        ramp = np.round(ramp).astype(np.uint8)
        pixels = (
            np.broadcast_to(ramp[None, :, :], (h, w, 3))
            if bg.angle_deg == 0
            else np.broadcast_to(ramp[:, None, :], (h, w, 3))
        )
        return Image.fromarray(np.ascontiguousarray(pixels), "RGB")

    def render(self, plan: LayoutPlan, seed: int = 0) -> Image.Image:
        image = self.background(plan)
        for element in sorted(plan.elements, key=lambda e: e.z):
            if isinstance(element, ShapeElement):
                self.shape(image, element)
            elif isinstance(element, ObjectGroup):
                self.objects(image, element, seed)
            elif isinstance(element, TextElement):
                self.text(image, element)
        return image

    def erase(self, image: Image.Image, plan: LayoutPlan, box: Box) -> None:
        """Paint `box` over with the plan's background, as if nothing had been drawn there."""
        rect = (box.x, box.y, box.right, box.bottom)
        image.paste(self.background(plan).crop(rect), rect[:2])

    def cover(self, image: Image.Image, box: Box, color: str) -> None:
        """Paint an opaque rectangle over `box`."""
        ImageDraw.Draw(image).rectangle((box.x, box.y, box.right - 1, box.bottom - 1), fill=_hex(color))

    def shape(self, image: Image.Image, shape: ShapeElement) -> None:
        b = shape.box
        ImageDraw.Draw(image).rounded_rectangle(
            (b.x, b.y, b.right - 1, b.bottom - 1), radius=shape.corner_radius, fill=shape.fill and _hex(shape.fill)
        )

    def text(self, image: Image.Image, element: TextElement) -> None:
        b = element.box
        by_char = element.script in ("han", "kana")
        size = element.font_size or element.max_font_size
        while True:
            font = font_for(element.script, element.font_weight == "bold", size)
            lines = _wrap(element.text, font, b.w, by_char)
            ascent, descent = font.getmetrics()
            line_h = round((ascent + descent) * element.line_spacing)
            fits = all(font.getlength(line) <= b.w for line in lines) and line_h * len(lines) <= b.h
            if element.font_size or fits or size <= 8:
                break
            size = max(8, int(size * 0.92))
        draw = ImageDraw.Draw(image)
        y = b.y + (b.h - line_h * len(lines)) / 2 + (line_h - ascent - descent) / 2
        direction = "rtl" if element.script in ("arabic", "hebrew") else None
        for line in lines:
            width = font.getlength(line, direction=direction)
            x = {"left": b.x, "center": b.x + (b.w - width) / 2, "right": b.right - width}[element.align]
            draw.text((x, y), line, font=font, fill=_hex(element.color), direction=direction)
            y += line_h

    def objects(self, image: Image.Image, group: ObjectGroup, seed: int) -> None:
        char = OBJECT_EMOJI.get(group.object_class, group.object_class)
        boxes = slot_boxes(group, seed)
        self.instances[group.id] = boxes
        for box in boxes:
            sprite = emoji_sprite(char, box.w)
            image.paste(sprite, (box.x + (box.w - sprite.width) // 2, box.y + (box.h - sprite.height) // 2), sprite)


OBJECT_EMOJI = {"balloon": "🎈", "star": "⭐", "apple": "🍎", "cat": "🐱", "car": "🚗", "tree": "🌳", "flower": "🌸"}


def slot_boxes(group: ObjectGroup, seed: int = 0) -> list[Box]:
    """Square sprite boxes for a group: a row, a grid, or scattered with gaps of at least 25% of a sprite."""
    b, n = group.box, group.count
    if group.arrangement == "row":
        cols, rows = n, 1
    elif group.arrangement == "grid":
        cols = max(1, round(math.sqrt(n * b.w / b.h)))
        cols = min(cols, n)
        rows = math.ceil(n / cols)
    else:
        return _scatter(b, n, seed)
    cell = min(b.w / cols, b.h / rows)
    size = int(cell * 0.72)
    x0 = b.x + (b.w - cell * cols) / 2
    y0 = b.y + (b.h - cell * rows) / 2
    boxes = []
    for i in range(n):
        r, c = divmod(i, cols)
        cx, cy = x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell
        boxes.append(Box(x=round(cx - size / 2), y=round(cy - size / 2), w=size, h=size))
    return boxes


def _scatter(b: Box, n: int, seed: int) -> list[Box]:
    rng = random.Random(seed)
    size = int(math.sqrt(b.area / n) * 0.5)
    gap = size * 0.3
    for _ in range(200):
        boxes: list[Box] = []
        for _ in range(2000):
            if len(boxes) == n:
                return boxes
            x, y = rng.randint(b.x, b.right - size), rng.randint(b.y, b.bottom - size)
            if all(abs(x - o.x) >= size + gap or abs(y - o.y) >= size + gap for o in boxes):
                boxes.append(Box(x=x, y=y, w=size, h=size))
    raise RuntimeError("could not scatter the sprites; make the box bigger")


def _make_plan(
    elements: Iterable[object], background: str | tuple[str, str] = "#f4efe6", size: tuple[int, int] = (1024, 1024)
) -> LayoutPlan:
    bg = (
        SolidBackground(color=background)
        if isinstance(background, str)
        else GradientBackground(start=background[0], end=background[1], angle_deg=90)
    )
    return LayoutPlan(canvas=Canvas(width=size[0], height=size[1]), background=bg, elements=list(elements))  # type: ignore[arg-type]


@pytest.fixture
def plan_of():
    """Build a plan: `plan_of(elements, background="#hex" or ("#top", "#bottom"), size=(w, h))`."""
    return _make_plan


@pytest.fixture
def constraints_of():
    """Build Constraints from constraint models: `constraints_of(RequiredText(...), ...)`."""

    def make(*items: object) -> Constraints:
        return Constraints(brief="a test brief", items=list(items))  # type: ignore[arg-type]

    return make


@pytest.fixture
def span() -> SourceSpan:
    """A placeholder for where in the brief a constraint came from."""
    return SourceSpan(start=0, end=5, quote="brief")


@pytest.fixture
def painter() -> Painter:
    return Painter()


@pytest.fixture(scope="session")
def ocr() -> TesseractOcr:
    return TesseractOcr()


@pytest.fixture(scope="session")
def verifier(ocr: TesseractOcr) -> RenderVerifier:
    return RenderVerifier(ocr)


@pytest.fixture
def poster(plan_of, constraints_of, span: SourceSpan, painter: Painter):
    """A typical poster: headline, subheading, 14 px paragraph, Chinese footer, a row of balloons on a panel.

    Returns (plan, constraints, image).
    """
    elements = [
        ShapeElement(id="panel", box=Box(x=48, y=600, w=928, h=260), z=1, fill="#fff8e7", corner_radius=24),
        TextElement(id="headline", box=Box(x=64, y=64, w=896, h=180), text="Grand Opening", role="title",
                    font_weight="bold", color="#1d1d1b"),
        TextElement(id="sub", box=Box(x=112, y=260, w=800, h=80), text="Saturday 10am to 6pm", role="subtitle",
                    color="#5a1e0a"),
        TextElement(id="body", box=Box(x=112, y=360, w=800, h=60), font_size=14, color="#2b2b2b",
                    text="Free coffee for the first fifty visitors, live music all afternoon and a prize draw."),
        ObjectGroup(id="balloons", box=Box(x=96, y=620, w=832, h=220), object_class="balloon", count=5),
        TextElement(id="footer", box=Box(x=262, y=900, w=500, h=80), text="欢迎光临", script="han", language="zh",
                    font_weight="bold", color="#7a0019"),
    ]  # fmt: skip
    plan = plan_of(elements, background=("#ffd166", "#f4a261"))
    constraints = constraints_of(
        RequiredText(id="c-headline", text="Grand Opening", source=span),
        RequiredText(id="c-footer", text="欢迎光临", script="han", language="zh", source=span),
        RequiredCount(id="c-balloons", object_class="balloons", count=5, source=span),
        RequiredColor(id="c-bg", target="background", color="#fbbd63", source=span),
        RequiredPosition(id="c-pos", subject_kind="text", subject="Grand Opening", region="top", source=span),
    )
    return plan, constraints, painter.render(plan)


@pytest.fixture
def save_sample(request: pytest.FixtureRequest):
    """Save an image under /tmp/verifier_samples/ named after the test, for a person to look at."""

    def save(image: Image.Image, suffix: str = "") -> None:
        SAMPLES.mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
        image.save(SAMPLES / f"{name}{suffix}.png")

    return save
