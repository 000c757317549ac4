"""Object groups: one drawing per instance in its arranged cell (a colour emoji, else an icon in the group's colour
or a readable ink), or a labelled badge per instance when nothing draws the class.

Each drawing sits in its cell where the group's `anchor` says (centred when it says nothing; a scene stands its
things on the bottom of their cells). A drawing laid over paint already on the canvas (a thing in front of
another) is cut out with a halo of the colour around it, so the two stay apart to the eye and to a pixel counter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

from tessera.contract import (
    RGB,
    Box,
    Drawing,
    ObjectGroup,
    Region,
    RenderError,
    TextElement,
    detect_script,
    drawing_for,
    hex_to_rgb,
)
from tessera.contract.plan import clamped_box
from tessera.renderer._arrange import arrange
from tessera.renderer._colors import mix, readable_ink
from tessera.renderer._fonts import FontBook
from tessera.renderer._shapes import outline_mask
from tessera.renderer._sprites import blends_into, icon_sprite, sample_step, sprite, with_halo
from tessera.renderer._text import paint_text

BADGE_COLOR = "#5B6B8C"  # a neutral slate for badges of groups without a colour
_BADGE_RADIUS = 0.22  # corner radius as a share of the badge height
_BADGE_SHARE = 0.92  # of its cell's side: a badge's side
_BADGE_PADDING = 0.12  # inner margin as a share of the badge height
_BADGE_RING_INSET, _BADGE_RING, _BADGE_RING_TONE = 0.06, 0.035, 0.45  # a placeholder's inner outline: where, how
# thick, and how far from the fill towards the ink
_BADGE_GLYPH = 0.36  # the placeholder's picture glyph, as a share of the badge height
_BADGE_NAME = 0.26  # the largest size of the thing's name, as a share of the badge height
_LARGEST_NAME = 800  # px: the largest max_font_size a TextElement takes (contract/plan.py), however big the badge
_PLACEHOLDER_GLYPH = "photo"  # the icon a placeholder shows above the name: "a picture goes here"
_OPAQUE = 128  # median alpha under a group from which its sprites stand on a colour
_HALO_STRENGTH = 0.6  # how far a halo goes from the backdrop towards white or near-black: set off, not outlined
_ICON_INK_SOFTENING = 0.15  # an icon without a colour is the readable ink this far towards the backdrop
_PAINTED = 64  # alpha above which a drawing's pixel is painted
_FOREIGN_DISTANCE = 48  # RGB distance from the backdrop at which a pixel under a drawing is another thing's paint
_FOREIGN_SHARE = 0.03  # a drawing over more than this share of another thing's paint gets a halo


@dataclass(frozen=True)
class PaintedGroup:
    """What drawing an object group left on the canvas."""

    instance_boxes: list[Box]
    sprite: str | None
    fallback: bool
    notices: list[str] = field(default_factory=list)


def paint_objects(canvas: Image.Image, group: ObjectGroup, fonts: FontBook) -> PaintedGroup:
    """Draw exactly `group.count` instances inside the group's box; a badge per instance when nothing draws it."""
    drawing = drawing_for(group.object_class)
    notices: list[str] = []
    painted: PaintedGroup | None = None
    if drawing is not None:
        try:
            painted = _paint_drawings(canvas, group, fonts, drawing)
        except RenderError as error:
            notices.append(f"sprite for {group.object_class!r} failed ({error}); drew labelled badges instead")
    if painted is None:
        painted = _paint_badges(canvas, group, fonts)
        if drawing is None:
            notices.append(
                f"no sprite for {group.object_class!r}; drew {group.count} labelled badge"
                f"{'s' if group.count != 1 else ''} instead"
            )
    if any(not _inside(cell, group.placed_box) for cell in painted.instance_boxes):
        notices.append(
            f"object group {group.id!r}: its {group.placed_box.w}x{group.placed_box.h} box is too small for "
            f"{group.count} separate instances; they spill over its edges"
        )
    return PaintedGroup(painted.instance_boxes, painted.sprite, painted.fallback, [*painted.notices, *notices])


def _inside(inner: Box, outer: Box) -> bool:
    return inner.x >= outer.x and inner.y >= outer.y and inner.right <= outer.right and inner.bottom <= outer.bottom


def _paint_drawings(canvas: Image.Image, group: ObjectGroup, fonts: FontBook, drawing: Drawing) -> PaintedGroup:
    backdrop = _backdrop(canvas, group.placed_box)

    def drawn(size: int) -> Image.Image:
        if drawing.emoji is not None:
            return sprite(fonts.emoji_face(), drawing.emoji, size, group.color, drawing.variant)
        return icon_sprite(drawing.icon or "", size, group.color or _icon_ink(backdrop))

    cells = _anchored(arrange(group.placed_box, group.count, group.arrangement, seed=group.id), group)
    image = drawn(cells[0].h)
    if backdrop is not None and blends_into(image, backdrop):
        image = with_halo(image, mix(backdrop, readable_ink(backdrop), _HALO_STRENGTH))
    boxes = []
    for cell in cells:
        x, y = _placed_in(cell, image.width, image.height, group.anchor)
        shown = image
        if backdrop is not None and _over_other_paint(canvas, image, x, y, backdrop):
            shown = with_halo(image, backdrop)
        canvas.paste(shown, (x, y), shown)
        boxes.append(clamped_box(x, y, image.width, image.height))
    return PaintedGroup(instance_boxes=boxes, sprite=drawing.sprite_id, fallback=False)


def _icon_ink(backdrop: RGB | None) -> str:
    """An icon's colour when the group has none: the readable ink on its backdrop, softened a little."""
    ground = backdrop or (255, 255, 255)
    return "#{:02X}{:02X}{:02X}".format(*mix(readable_ink(ground), ground, _ICON_INK_SOFTENING))


def _anchored(cells: list[Box], group: ObjectGroup) -> list[Box]:
    """The arranged cells moved together to where the group's anchor puts them in its box (None: centred)."""
    if group.anchor is None:
        return cells
    block = Box(
        x=min(c.x for c in cells),
        y=min(c.y for c in cells),
        w=max(c.right for c in cells) - min(c.x for c in cells),
        h=max(c.bottom for c in cells) - min(c.y for c in cells),
    )
    x, y = _placed_in(group.placed_box, block.w, block.h, group.anchor)
    return [c.model_copy(update={"x": c.x + x - block.x, "y": c.y + y - block.y}) for c in cells]


def _placed_in(cell: Box, width: int, height: int, anchor: Region | None) -> tuple[int, int]:
    """The top-left corner of a `width` x `height` drawing in `cell`, where `anchor` puts it (None: centred)."""
    vertical, _, horizontal = (anchor or "center").partition("-")
    if anchor in ("left", "right"):
        vertical, horizontal = "center", anchor
    x = {"left": cell.x, "right": cell.right - width}.get(horizontal, cell.x + (cell.w - width) // 2)
    y = {"top": cell.y, "bottom": cell.bottom - height}.get(vertical, cell.y + (cell.h - height) // 2)
    return x, y


def _over_other_paint(canvas: Image.Image, image: Image.Image, x: int, y: int, backdrop: RGB) -> bool:
    """Whether the drawing, pasted at (x, y), would cover another thing's paint rather than its plain backdrop."""
    visible = clamped_box(x, y, image.width, image.height).intersection(Box(x=0, y=0, w=canvas.width, h=canvas.height))
    if visible is None:
        return False
    step = sample_step((visible.w, visible.h))
    under = np.asarray(canvas.crop((visible.x, visible.y, visible.right, visible.bottom)).convert("RGB"))
    under = under[::step, ::step]
    alpha = np.asarray(image.getchannel("A"))[visible.y - y : visible.bottom - y, visible.x - x : visible.right - x]
    covered = under[alpha[::step, ::step] > _PAINTED].astype(np.float32)
    if len(covered) == 0:
        return False
    distance = np.linalg.norm(covered - np.asarray(backdrop, np.float32), axis=1)
    return float((distance > _FOREIGN_DISTANCE).mean()) > _FOREIGN_SHARE


def _backdrop(canvas: Image.Image, box: Box) -> RGB | None:
    """The typical colour already painted under `box`, what the group's sprites stand on; None where that is
    mostly transparent (nothing to blend into) or off the canvas."""
    visible = box.intersection(Box(x=0, y=0, w=canvas.width, h=canvas.height))
    if visible is None:
        return None
    area = np.asarray(canvas.convert("RGBA").crop((visible.x, visible.y, visible.right, visible.bottom)))
    pixels = area.reshape(-1, 4)
    if np.median(pixels[:, 3]) < _OPAQUE:
        return None
    red, green, blue = (int(np.median(band)) for band in pixels[:, :3].T)
    return red, green, blue


def _paint_badges(canvas: Image.Image, group: ObjectGroup, fonts: FontBook) -> PaintedGroup:
    """Rounded square badges in the group colour, each carrying the class name: a placeholder takes the square a
    drawing of the thing would, so it stands where the plan expects the thing (on a scene's ground line, under
    what rests on it). A little smaller than its cell, as a drawing's rounded outline is, so the cell's edges
    keep the background a pixel counter models."""
    cells = _anchored(arrange(group.placed_box, group.count, group.arrangement, seed=group.id), group)
    side = max(1, round(_BADGE_SHARE * min(cells[0].w, cells[0].h)))
    badge = _badge(group, fonts, side, side)
    boxes = []
    for cell in cells:
        x, y = _placed_in(cell, badge.width, badge.height, group.anchor)
        canvas.paste(badge, (x, y), badge)
        boxes.append(clamped_box(x, y, badge.width, badge.height))
    return PaintedGroup(instance_boxes=boxes, sprite=None, fallback=True)


def _badge(group: ObjectGroup, fonts: FontBook, width: int, height: int) -> Image.Image:
    """A placeholder of the thing: a rounded tile in the group colour with an inner outline, a picture glyph and
    the thing's name under it (which also keep the tile from reading as a flat panel to the pixel counter)."""
    fill = group.color or BADGE_COLOR
    ink_rgb = readable_ink(hex_to_rgb(fill))
    ink = "#{:02X}{:02X}{:02X}".format(*ink_rgb)
    face = Image.new("RGB", (width, height), hex_to_rgb(fill))
    inset, line = round(_BADGE_RING_INSET * height), max(2, round(_BADGE_RING * height))
    ImageDraw.Draw(face).rounded_rectangle(
        (inset, inset, width - 1 - inset, height - 1 - inset),
        radius=max(1, round(_BADGE_RADIUS * height) - inset),
        outline=mix(hex_to_rgb(fill), ink_rgb, _BADGE_RING_TONE),
        width=line,
    )
    padding = max(1, round(_BADGE_PADDING * height))
    glyph_side = round(_BADGE_GLYPH * height)
    if glyph_side >= 8:
        glyph = icon_sprite(_PLACEHOLDER_GLYPH, glyph_side, ink)
        face.paste(glyph, ((width - glyph.width) // 2, padding + (glyph_side - glyph.height) // 2), glyph)
    name_top = padding + glyph_side + round(0.04 * height)
    if width > 2 * padding and height - padding > name_top:
        label = TextElement(
            id=f"{group.id}.badge"[:40],
            box=Box(x=padding, y=name_top, w=width - 2 * padding, h=height - padding - name_top),
            text=group.object_class,
            script=detect_script(group.object_class),
            font_weight="bold",
            color=ink,
            max_font_size=min(_LARGEST_NAME, max(8, round(_BADGE_NAME * height))),
        )
        paint_text(face, label, fonts)
    face.putalpha(outline_mask(width, height, "rounded_rectangle", round(_BADGE_RADIUS * height)))
    return face
