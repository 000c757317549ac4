"""PlanRenderer: paints a layout plan element by element in z order and records what it drew."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from tessera.contract import (
    MIN_TEXT_SIZE,
    Box,
    DrawnItem,
    Generator,
    GeneratorError,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    ProgressCallback,
    RenderManifest,
    RenderResult,
    ShapeElement,
    TextElement,
)
from tessera.renderer._background import paint_background
from tessera.renderer._fonts import FontBook
from tessera.renderer._objects import paint_objects
from tessera.renderer._pictures import generate_group, generate_picture
from tessera.renderer._placeholder import placeholder, placeholder_accent
from tessera.renderer._shapes import paint_shape
from tessera.renderer._text import paint_text

DEFAULT_FONT_DIRS: tuple[Path, ...] = (Path("/usr/share/fonts"),)
NO_GENERATOR = (
    "no generator is configured (set TESSERA_GENERATOR=janus|amused and TESSERA_GENERATOR_MODEL=<hub id or folder>)"
)


class PlanRenderer:
    """Draws a `LayoutPlan` with Noto fonts and Noto Color Emoji sprites found under `font_dirs`.

    Pictures and object groups with look "generated" are filled by `generator`; without
    one (or when it cannot load) pictures become captioned placeholders and generated
    groups sprites, and the manifest's notices say so. The same plan and seed always
    give the same pixels. Fonts and sprites are cached for the life of the process.
    """

    def __init__(self, font_dirs: Sequence[Path] = DEFAULT_FONT_DIRS, generator: Generator | None = None) -> None:
        self._fonts = FontBook(tuple(Path(d) for d in font_dirs))
        self.generator = generator

    def render(self, plan: LayoutPlan, *, seed: int = 0, on_progress: ProgressCallback | None = None) -> RenderResult:
        """The RGB image of `plan` and a manifest of every element as drawn, in plan order.

        Raises `planner.SetupError` when a font the plan needs is not installed.
        """
        started = time.perf_counter()
        image = paint_background(plan.canvas, plan.background)
        timings = {"background": time.perf_counter() - started}
        drawn: dict[str, DrawnItem] = {}
        notices: list[str] = []
        for element in sorted(plan.elements, key=lambda e: e.z):
            element_started = time.perf_counter()
            if isinstance(element, TextElement):
                drawn[element.id] = self._draw_text(image, element, notices)
            elif isinstance(element, PictureElement):
                drawn[element.id] = self._draw_picture(image, element, plan, seed, on_progress, notices)
            elif isinstance(element, ObjectGroup) and element.look == "generated":
                drawn[element.id] = self._draw_generated(image, element, seed, on_progress, notices)
            elif isinstance(element, ObjectGroup):
                drawn[element.id] = self._draw_objects(image, element, notices)
            else:
                drawn[element.id] = _draw_shape(image, element)
            timings[f"element:{element.id}"] = time.perf_counter() - element_started
        timings["total"] = time.perf_counter() - started
        manifest = RenderManifest(canvas=plan.canvas, items=[drawn[e.id] for e in plan.elements], notices=notices)
        return RenderResult(image=image, manifest=manifest, timings=timings)

    def _draw_text(self, image: Image.Image, element: TextElement, notices: list[str]) -> DrawnItem:
        painted = paint_text(image, element, self._fonts)
        layout = painted.layout
        if painted.missing:
            chars = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in painted.missing)
            notices.append(
                f"text {element.id!r} has characters no installed font draws: {chars}; they show as empty boxes: "
                "install a font that has them or leave them out"
            )
        if not layout.fits:
            at = (
                f"at the requested {layout.size} px" if element.font_size is not None else f"even at {MIN_TEXT_SIZE} px"
            )
            notices.append(
                f"text {element.id!r} does not fit its {element.box.w}x{element.box.h} box {at}; "
                "it runs over the box edges: shorten it or give it a bigger box"
            )
        return DrawnItem(
            element_id=element.id,
            kind="text",
            box=element.box,
            ink_box=painted.ink_box,
            font_file=str(layout.face.path),
            font_size=layout.size,
            lines=list(layout.lines),
            clipped=not layout.fits,
        )

    def _draw_objects(self, image: Image.Image, group: ObjectGroup, notices: list[str]) -> DrawnItem:
        painted = paint_objects(image, group, self._fonts)
        notices.extend(painted.notices)
        return DrawnItem(
            element_id=group.id,
            kind="objects",
            box=group.box,
            ink_box=_union(painted.instance_boxes),
            instance_boxes=painted.instance_boxes,
            sprite=painted.sprite,
            fallback=painted.fallback,
        )

    def _draw_picture(
        self,
        image: Image.Image,
        element: PictureElement,
        plan: LayoutPlan,
        seed: int,
        on_progress: ProgressCallback | None,
        notices: list[str],
    ) -> DrawnItem:
        covered = element.box.intersection(Box(x=0, y=0, w=image.width, h=image.height))
        reason = NO_GENERATOR
        if self.generator is not None:
            try:
                generate_picture(image, element, self.generator, seed, on_progress)
                return DrawnItem(
                    element_id=element.id,
                    kind="picture",
                    box=element.box,
                    ink_box=covered,
                    generator=self.generator.name,
                )
            except GeneratorError as error:
                reason = str(error)
        image.paste(placeholder(element, placeholder_accent(plan), self._fonts), (element.box.x, element.box.y))
        notices.append(f"picture {element.id!r} was drawn as a placeholder: {reason}")
        return DrawnItem(element_id=element.id, kind="picture", box=element.box, ink_box=covered, fallback=True)

    def _draw_generated(
        self,
        image: Image.Image,
        group: ObjectGroup,
        seed: int,
        on_progress: ProgressCallback | None,
        notices: list[str],
    ) -> DrawnItem:
        reason = NO_GENERATOR
        if self.generator is not None:
            try:
                painted = generate_group(image, group, self.generator, seed, on_progress)
                notices.extend(painted.notices)
                return DrawnItem(
                    element_id=group.id,
                    kind="objects",
                    box=group.box,
                    ink_box=_union(painted.instance_boxes),
                    instance_boxes=painted.instance_boxes,
                    generator=self.generator.name,
                )
            except GeneratorError as error:
                reason = str(error)
        notices.append(f"object group {group.id!r} (look 'generated') was drawn with sprites: {reason}")
        return self._draw_objects(image, group, notices)


def _draw_shape(image: Image.Image, element: ShapeElement) -> DrawnItem:
    covered = paint_shape(image, element)
    visible = element.fill is not None or element.stroke is not None or element.shape == "line"
    return DrawnItem(element_id=element.id, kind="shape", box=element.box, ink_box=covered if visible else None)


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    left, top = min(b.x for b in boxes), min(b.y for b in boxes)
    right, bottom = max(b.right for b in boxes), max(b.bottom for b in boxes)
    return Box(x=left, y=top, w=right - left, h=bottom - top)
