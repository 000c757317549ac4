"""PlanRenderer: lays a plan out, paints it node by node (frames under their children, siblings in z order) and
records what it drew."""

from __future__ import annotations

import copy
import time
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from tessera.contract import (
    MIN_TEXT_SIZE,
    AssetElement,
    Box,
    ChartElement,
    ControlElement,
    DrawnItem,
    Element,
    Frame,
    Generator,
    GeneratorError,
    IconElement,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    ProgressCallback,
    QrElement,
    RenderError,
    RenderManifest,
    RenderResult,
    ShapeElement,
    SuppliedFiles,
    TextElement,
    TransparentBackground,
)
from tessera.renderer._assets import asset_bytes, font_file, paint_asset
from tessera.renderer._background import paint_background
from tessera.renderer._budget import check_laid_out, check_plan
from tessera.renderer._chart import draw_chart
from tessera.renderer._controls import draw_control
from tessera.renderer._fonts import FontBook
from tessera.renderer._frames import has_look, paint_frame
from tessera.renderer._icons import draw_icon
from tessera.renderer._layout import LaidOutPlan, TextFit, lay_out
from tessera.renderer._matte import ReplayingGenerator, black_canvas, matte
from tessera.renderer._objects import paint_objects
from tessera.renderer._pictures import generate_group, generate_picture
from tessera.renderer._placeholder import placeholder, placeholder_accent
from tessera.renderer._qr import draw_qr
from tessera.renderer._shapes import paint_shape
from tessera.renderer._svg import RasterPart, SvgSources, plan_svg
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
        self._files: SuppliedFiles | None = None

    def render(
        self,
        plan: LayoutPlan,
        *,
        seed: int = 0,
        on_progress: ProgressCallback | None = None,
        svg: bool = False,
        files: SuppliedFiles | None = None,
    ) -> RenderResult:
        """The image of `plan` (RGB; RGBA for a transparent background) and a manifest of every node as drawn, in
        plan order, with the plan as laid out; with `svg`, the same image as an SVG document too (`_svg.py`).

        Raises `SetupError` when a font the plan needs is not installed; `PlanError` when the plan names an asset
        `files` lacks or sets a text at a fixed size its box cannot hold; `TooLargeError` when the plan asks for
        more work than a render's budget allows (`_budget.py`), before anything big is allocated.
        """
        if files is not None:
            return self._with_files(files).render(plan, seed=seed, on_progress=on_progress, svg=svg)
        started = time.perf_counter()
        check_plan(plan)
        laid = lay_out(plan, self._fonts)
        ceilings = {text_id: fit.ceiling for text_id, fit in laid.text_fits.items()}
        check_laid_out(laid.plan, plan, ceilings)  # before the canvas or anything on it is allocated
        timings = {"layout": time.perf_counter() - started}
        background_started = time.perf_counter()
        image = paint_background(plan.canvas, plan.background)
        timings["background"] = time.perf_counter() - background_started
        timings["layout_text_measure"] = laid.measuring_seconds  # of "layout": shaping texts to measure them
        notices = list(laid.notices)
        transparent = isinstance(plan.background, TransparentBackground)
        painter = self._replaying() if transparent else self
        sources = SvgSources() if svg else None
        drawn = painter._paint(image, laid, seed, on_progress, notices, timings, sources)
        if transparent:  # the second pass of difference matting (_matte.py): same plan, black ground
            matte_started = time.perf_counter()
            on_black = black_canvas(plan.canvas)
            painter._paint(on_black, laid, seed, None, [], {})
            image = matte(image, on_black)
            timings["transparency"] = time.perf_counter() - matte_started
        timings["total"] = time.perf_counter() - started
        laid_plan = _with_drawn_sizes(laid.plan, drawn)
        items = [drawn[node.id] for node in _tree_order(laid_plan.root) if node.id in drawn]
        manifest = RenderManifest(canvas=plan.canvas, plan=laid_plan, items=items, notices=notices)
        document = None
        if sources is not None:
            svg_started = time.perf_counter()
            document = plan_svg(laid.plan, _paint_order(laid.plan.root), drawn, sources, self._fonts)
            timings["svg"] = time.perf_counter() - svg_started
        return RenderResult(image=image, manifest=manifest, timings=timings, svg=document)

    def _paint(
        self,
        image: Image.Image,
        laid: LaidOutPlan,
        seed: int,
        on_progress: ProgressCallback | None,
        notices: list[str],
        timings: dict[str, float],
        sources: SvgSources | None = None,
    ) -> dict[str, DrawnItem]:
        """Paint every node onto `image` in paint order; what was drawn, by node id. `sources` keeps what the SVG
        needs of the painting."""
        drawn: dict[str, DrawnItem] = {}
        for node in _paint_order(laid.plan.root):
            node_started = time.perf_counter()
            if isinstance(node, Frame):
                if node.role is not None or has_look(node):
                    drawn[node.id] = _draw_frame(image, node)
                    timings[f"frame:{node.id}"] = time.perf_counter() - node_started
                continue
            drawn[node.id] = self._draw_leaf(image, node, laid, seed, on_progress, notices, sources)
            if sources is not None:
                sources.keep_pixels(node, image, drawn[node.id], self._fonts)
            timings[f"element:{node.id}"] = time.perf_counter() - node_started
        return drawn

    def _with_files(self, files: SuppliedFiles) -> PlanRenderer:
        """This renderer drawing with the user's files: their assets, and their brand fonts for the texts."""
        twin = copy.copy(self)
        twin._files = files
        if files.heading_font is not None or files.body_font is not None:
            heading = font_file(files.heading_font) if files.heading_font is not None else None
            body = font_file(files.body_font) if files.body_font is not None else None
            twin._fonts = self._fonts.with_brand(heading, body)
        return twin

    def _replaying(self) -> PlanRenderer:
        """This renderer (fonts shared) with its generator answering each region once for both matting passes."""
        twin = copy.copy(self)
        twin.generator = None if self.generator is None else ReplayingGenerator(self.generator)
        return twin

    def _draw_leaf(
        self,
        image: Image.Image,
        leaf: Element,
        laid: LaidOutPlan,
        seed: int,
        on_progress: ProgressCallback | None,
        notices: list[str],
        sources: SvgSources | None = None,
    ) -> DrawnItem:
        if isinstance(leaf, TextElement):
            return self._draw_text(image, leaf, laid.text_fits.get(leaf.id), notices, sources)
        if isinstance(leaf, PictureElement):
            return self._draw_picture(image, leaf, laid.plan, seed, on_progress, notices)
        if isinstance(leaf, ObjectGroup) and leaf.look == "generated":
            return self._draw_generated(image, leaf, seed, on_progress, notices)
        if isinstance(leaf, ObjectGroup):
            return self._draw_objects(image, leaf, notices)
        if isinstance(leaf, ShapeElement):
            return _draw_shape(image, leaf)
        if isinstance(leaf, ChartElement):
            return draw_chart(image, leaf, laid.plan, self._fonts, notices)
        if isinstance(leaf, IconElement):
            return draw_icon(image, leaf, notices)
        if isinstance(leaf, QrElement):
            return draw_qr(image, leaf, notices)
        if isinstance(leaf, ControlElement):
            return draw_control(image, leaf)
        if isinstance(leaf, AssetElement):
            return self._draw_asset(image, leaf, sources)
        raise RenderError(f"{leaf.kind} {leaf.id!r}: the renderer cannot draw a {leaf.kind} yet")

    def _draw_text(
        self,
        image: Image.Image,
        element: TextElement,
        fit: TextFit | None,
        notices: list[str],
        sources: SvgSources | None = None,
    ) -> DrawnItem:
        if fit is None:  # a text with a box of its own, fitted into it as it always was
            painted = paint_text(image, element, self._fonts)
        else:
            painted = paint_text(image, element, self._fonts, ceiling=fit.ceiling, strut=True)
        layout = painted.layout
        if sources is not None:
            sources.texts[element.id] = layout
        if painted.missing:
            chars = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in painted.missing)
            notices.append(
                f"text {element.id!r} has characters no installed font draws: {chars}; they show as empty boxes: "
                "install a font that has them or leave them out"
            )
        package = self._fonts.missing_family(element.family)
        if package is not None:
            notices.append(
                f"text {element.id!r} asks for the {element.family} family, whose font is not installed; it was set "
                f"in sans: install the Debian package {package} (apt-get install {package})"
            )
        if not layout.fits:
            notices.append(_overflow_notice(element, layout.size, len(layout.lines)))
        return DrawnItem(
            element_id=element.id,
            kind="text",
            box=element.placed_box,
            ink_box=painted.ink_box,
            font_file=str(layout.face.path),
            font_size=layout.size,
            lines=list(layout.lines),
            clipped=not layout.fits,
        )

    def _draw_asset(self, image: Image.Image, element: AssetElement, sources: SvgSources | None) -> DrawnItem:
        painted = paint_asset(image, element, asset_bytes(element, self._files))
        if sources is not None:
            sources.rasters[element.id] = RasterPart(painted.x, painted.y, painted.pixels)
        return DrawnItem(element_id=element.id, kind="asset", box=element.placed_box, ink_box=painted.ink_box)

    def _draw_objects(self, image: Image.Image, group: ObjectGroup, notices: list[str]) -> DrawnItem:
        painted = paint_objects(image, group, self._fonts)
        notices.extend(painted.notices)
        return DrawnItem(
            element_id=group.id,
            kind="objects",
            box=group.placed_box,
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
        covered = element.placed_box.intersection(Box(x=0, y=0, w=image.width, h=image.height))
        reason = NO_GENERATOR
        if self.generator is not None:
            try:
                generate_picture(image, element, self.generator, seed, on_progress)
                return DrawnItem(
                    element_id=element.id,
                    kind="picture",
                    box=element.placed_box,
                    ink_box=covered,
                    generator=self.generator.name,
                )
            except GeneratorError as error:
                reason = str(error)
        image.paste(
            placeholder(element, placeholder_accent(plan), self._fonts), (element.placed_box.x, element.placed_box.y)
        )
        notice = f"picture {element.id!r} was drawn as a placeholder: {reason}"
        notices.append(notice)
        return DrawnItem(
            element_id=element.id,
            kind="picture",
            box=element.placed_box,
            ink_box=covered,
            fallback=True,
            fallback_reason=notice,
        )

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
                    box=group.placed_box,
                    ink_box=_union(painted.instance_boxes),
                    instance_boxes=painted.instance_boxes,
                    generator=self.generator.name,
                )
            except GeneratorError as error:
                reason = str(error)
        notices.append(f"object group {group.id!r} (look 'generated') was drawn with sprites: {reason}")
        return self._draw_objects(image, group, notices)


def _overflow_notice(element: TextElement, size: int, lines: int) -> str:
    box = element.placed_box
    at = f"at the requested {size} px" if element.font_size is not None else f"even at {MIN_TEXT_SIZE} px"
    if element.max_lines is not None and lines > element.max_lines:
        return (
            f"text {element.id!r} does not fit its {box.w}x{box.h} box in {element.max_lines} lines {at}; it takes "
            f"{lines}: shorten it, allow more lines or give it a wider box"
        )
    return (
        f"text {element.id!r} does not fit its {box.w}x{box.h} box {at}; it runs over the box edges: "
        "shorten it or give it a bigger box"
    )


def _draw_frame(image: Image.Image, frame: Frame) -> DrawnItem:
    painted = paint_frame(image, frame)
    return DrawnItem(element_id=frame.id, kind="frame", box=frame.placed_box, role=frame.role, ink_box=painted)


def _paint_order(frame: Frame) -> list[Frame | Element]:
    """Depth first: a frame, then its children stably sorted by z, each frame's look under its own children."""
    order: list[Frame | Element] = [frame]
    for child in sorted(frame.children, key=lambda node: node.z):
        order.extend(_paint_order(child) if isinstance(child, Frame) else [child])
    return order


def _tree_order(frame: Frame) -> list[Frame | Element]:
    order: list[Frame | Element] = [frame]
    for child in frame.children:
        order.extend(_tree_order(child) if isinstance(child, Frame) else [child])
    return order


def _with_drawn_sizes(plan: LayoutPlan, drawn: dict[str, DrawnItem]) -> LayoutPlan:
    """The laid-out plan with every text's `font_size` set to the size it was drawn at."""
    sizes = {item.element_id: item.font_size for item in drawn.values() if item.font_size is not None}
    return plan.model_copy(update={"root": _with_font_sizes(plan.root, sizes)})


def _with_font_sizes(frame: Frame, sizes: dict[str, int]) -> Frame:
    """The tree with every text's `font_size` set to the size it was drawn at."""
    children: list[Frame | Element] = []
    for child in frame.children:
        if isinstance(child, Frame):
            children.append(_with_font_sizes(child, sizes))
        elif isinstance(child, TextElement) and child.id in sizes:
            children.append(child.model_copy(update={"font_size": sizes[child.id]}))
        else:
            children.append(child)
    return frame.model_copy(update={"children": children})


def _draw_shape(image: Image.Image, element: ShapeElement) -> DrawnItem:
    covered = paint_shape(image, element)
    visible = element.fill is not None or element.stroke is not None or element.shape in ("line", "divider", "arrow")
    return DrawnItem(element_id=element.id, kind="shape", box=element.placed_box, ink_box=covered if visible else None)


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    left, top = min(b.x for b in boxes), min(b.y for b in boxes)
    right, bottom = max(b.right for b in boxes), max(b.bottom for b in boxes)
    return Box(x=left, y=top, w=right - left, h=bottom - top)
