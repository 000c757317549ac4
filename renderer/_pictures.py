"""Pictorial regions through a Generator: pictures fill their box, generated object instances are inpainted one by one.

Only pixels inside the element's box ever change. Pictures are drawn from their
prompt alone and fill the box edge to edge. Each instance of a generated object
group gets its own cell (the same arrangement sprites use), its own prompt and a
seed derived from the run's seed, and is inpainted into a window of the canvas
around it, so it continues the background; it is blended in with a soft edge
that lies inside its cell.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter

from tessera.contract import (
    Box,
    Generator,
    ObjectGroup,
    PictureElement,
    ProgressCallback,
    RegionRequest,
    RenderProgress,
)
from tessera.renderer._arrange import arrange

_STYLE_WORDS = {"photo": "photograph", "illustration": "flat illustration"}
_CONTEXT_MARGIN = 0.25  # the inpainting window reaches this share of the cell's side beyond each edge
_FEATHER = 0.06  # soft edge of an instance, as a share of its cell's side, inside the cell
_CORNER = 0.2


@dataclass(frozen=True)
class GeneratedGroup:
    """What generating an object group left on the canvas."""

    instance_boxes: list[Box]
    notices: list[str] = field(default_factory=list)


def derive_seed(seed: int, element_id: str, index: int = 0) -> int:
    """A seed for one region, fixed by the run's seed, the element and the instance (31 bits)."""
    digest = hashlib.sha256(f"{seed}:{element_id}:{index}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def picture_prompt(element: PictureElement) -> str:
    """The picture's prompt with its style spelled out for the model."""
    return f"{element.prompt}, {_STYLE_WORDS[element.style]}"


def instance_prompt(group: ObjectGroup) -> str:
    """What one instance shows: one whole object, so the group's count stays the plan's (instances differ by seed)."""
    subject = group.prompt or group.object_class
    return f"{subject}, a single one, whole and centred"


def generate_picture(
    canvas: Image.Image,
    element: PictureElement,
    generator: Generator,
    seed: int,
    on_progress: ProgressCallback | None,
) -> None:
    """Fill the picture's box (clipped to the canvas) with the generator's image. Raises GeneratorError."""
    box = element.placed_box
    request = RegionRequest(
        prompt=picture_prompt(element), width=box.w, height=box.h, seed=derive_seed(seed, element.id)
    )

    def on_step(step: int, steps: int) -> None:
        if on_progress is not None:
            on_progress(RenderProgress(element_id=element.id, step=step, steps=steps, message="generating the picture"))

    image = generator.generate(request, on_step)
    canvas.paste(image.convert("RGB"), (box.x, box.y))


def generate_group(
    canvas: Image.Image,
    group: ObjectGroup,
    generator: Generator,
    seed: int,
    on_progress: ProgressCallback | None,
) -> GeneratedGroup:
    """Inpaint `group.count` instances, one per arranged cell. Raises GeneratorError with the canvas untouched."""
    cells = arrange(group.placed_box, group.count, group.arrangement, seed=group.id)
    box = group.placed_box
    before = canvas.crop((box.x, box.y, box.right, box.bottom))
    try:
        for index, cell in enumerate(cells):
            _generate_instance(canvas, group, index, cell, generator, seed, on_progress)
    except Exception:
        canvas.paste(before, (box.x, box.y))  # a failed group leaves no half-drawn instances behind
        raise
    notices = []
    if any(cell.intersection(group.placed_box) != cell for cell in cells):
        notices.append(
            f"object group {group.id!r}: its {group.placed_box.w}x{group.placed_box.h} box is too small for "
            f"{group.count} separate instances; they were cut at its edges"
        )
    return GeneratedGroup(instance_boxes=cells, notices=notices)


def _generate_instance(
    canvas: Image.Image,
    group: ObjectGroup,
    index: int,
    cell: Box,
    generator: Generator,
    seed: int,
    on_progress: ProgressCallback | None,
) -> None:
    window = _window(cell, canvas.width, canvas.height)
    inner = Box(x=cell.x - window.x, y=cell.y - window.y, w=cell.w, h=cell.h)
    mask = Image.new("L", (window.w, window.h), 0)
    ImageDraw.Draw(mask).rectangle((inner.x, inner.y, inner.right - 1, inner.bottom - 1), fill=255)
    request = RegionRequest(
        prompt=instance_prompt(group),
        width=window.w,
        height=window.h,
        seed=derive_seed(seed, group.id, index),
        context=canvas.crop((window.x, window.y, window.right, window.bottom)),
        mask=mask,
    )

    def on_step(step: int, steps: int) -> None:
        if on_progress is not None:
            message = f"generating {group.object_class} {index + 1} of {group.count}"
            total = steps * group.count
            on_progress(RenderProgress(element_id=group.id, step=index * steps + step, steps=total, message=message))

    image = generator.generate(request, on_step).convert("RGB")
    # Only the part of the cell inside the group's box (and the canvas) may change.
    visible = cell.intersection(group.placed_box)
    visible = visible.intersection(Box(x=0, y=0, w=canvas.width, h=canvas.height)) if visible else None
    if visible is None:
        return
    alpha = _soft_cell(cell.w, cell.h)
    part = (visible.x - cell.x, visible.y - cell.y, visible.right - cell.x, visible.bottom - cell.y)
    piece = image.crop((inner.x + part[0], inner.y + part[1], inner.x + part[2], inner.y + part[3]))
    canvas.paste(piece, (visible.x, visible.y), alpha.crop(part))


def _window(cell: Box, width: int, height: int) -> Box:
    """A square around the cell with some canvas on every side, kept on the canvas where it fits."""
    side = round(max(cell.w, cell.h) * (1 + 2 * _CONTEXT_MARGIN))
    side = max(max(cell.w, cell.h), min(side, width, height))
    cx, cy = cell.x + cell.w / 2, cell.y + cell.h / 2
    x = min(max(0, round(cx - side / 2)), max(0, width - side))
    y = min(max(0, round(cy - side / 2)), max(0, height - side))
    # A cell larger than the canvas (or off it) keeps its own position: the window must contain it.
    x, y = min(x, cell.x), min(y, cell.y)
    x, y = max(x, cell.right - side), max(y, cell.bottom - side)
    return Box(x=x, y=y, w=side, h=side)


def _soft_cell(width: int, height: int) -> Image.Image:
    """Coverage of a rounded square whose soft edge fades out just inside the cell."""
    feather = max(1, round(_FEATHER * min(width, height)))
    mask = Image.new("L", (width, height), 0)
    if width > 2 * feather and height > 2 * feather:
        radius = round(_CORNER * min(width, height))
        ImageDraw.Draw(mask).rounded_rectangle(
            (feather, feather, width - 1 - feather, height - 1 - feather), radius=radius, fill=255
        )
        return mask.filter(ImageFilter.GaussianBlur(feather / 2))
    return Image.new("L", (width, height), 255)
