"""Object groups: one sprite per instance in its arranged cell, or labelled badges when no sprite exists."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from tessera.contract import Box, ObjectGroup, RenderError, TextElement, detect_script, hex_to_rgb
from tessera.renderer._arrange import arrange
from tessera.renderer._catalog import emoji_for, sprite_id
from tessera.renderer._colors import mix, readable_ink
from tessera.renderer._fonts import FontBook
from tessera.renderer._shapes import outline_mask
from tessera.renderer._sprites import blends_into, sprite, with_halo
from tessera.renderer._text import paint_text

BADGE_COLOR = "#5B6B8C"  # a neutral slate for badges of groups without a colour
_BADGE_RADIUS = 0.22  # corner radius as a share of the badge height
_BADGE_PADDING = 0.12  # inner margin as a share of the badge height
_OPAQUE = 128  # median alpha under a group from which its sprites stand on a colour
_HALO_STRENGTH = 0.6  # how far a halo goes from the backdrop towards white or near-black: set off, not outlined


@dataclass(frozen=True)
class PaintedGroup:
    """What drawing an object group left on the canvas."""

    instance_boxes: list[Box]
    sprite: str | None
    fallback: bool
    notices: list[str] = field(default_factory=list)


def paint_objects(canvas: Image.Image, group: ObjectGroup, fonts: FontBook) -> PaintedGroup:
    """Draw exactly `group.count` instances inside the group's box; a badge per instance when no sprite fits."""
    emoji = emoji_for(group.object_class)
    notices: list[str] = []
    painted: PaintedGroup | None = None
    if emoji is not None:
        try:
            painted = _paint_sprites(canvas, group, fonts, emoji)
        except RenderError as error:
            notices.append(f"sprite for {group.object_class!r} failed ({error}); drew labelled badges instead")
    if painted is None:
        painted = _paint_badges(canvas, group, fonts)
        if emoji is None:
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


def _paint_sprites(canvas: Image.Image, group: ObjectGroup, fonts: FontBook, emoji: str) -> PaintedGroup:
    cells = arrange(group.placed_box, group.count, group.arrangement, seed=group.id)
    image = sprite(fonts.emoji_face(), emoji, cells[0].h, group.color)
    backdrop = _backdrop(canvas, group.placed_box)
    if backdrop is not None and blends_into(image, backdrop):
        image = with_halo(image, mix(backdrop, readable_ink(backdrop), _HALO_STRENGTH))
    boxes = []
    for cell in cells:
        x, y = cell.x + (cell.w - image.width) // 2, cell.y + (cell.h - image.height) // 2
        canvas.paste(image, (x, y), image)
        boxes.append(Box(x=x, y=y, w=image.width, h=image.height))
    return PaintedGroup(instance_boxes=boxes, sprite=sprite_id(emoji), fallback=False)


def _backdrop(canvas: Image.Image, box: Box) -> tuple[int, int, int] | None:
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
    """Rounded badges in the group colour, each carrying the class name."""
    # Wide enough for the name at about 40% of the badge height.
    aspect = min(3.0, max(1.0, 0.3 + 0.24 * len(group.object_class)))
    cells = arrange(group.placed_box, group.count, group.arrangement, aspect=aspect, seed=group.id)
    badge = _badge(group, fonts, cells[0].w, cells[0].h)
    for cell in cells:
        canvas.paste(badge, (cell.x, cell.y), badge)
    return PaintedGroup(instance_boxes=list(cells), sprite=None, fallback=True)


def _badge(group: ObjectGroup, fonts: FontBook, width: int, height: int) -> Image.Image:
    fill = group.color or BADGE_COLOR
    ink = "#{:02X}{:02X}{:02X}".format(*readable_ink(hex_to_rgb(fill)))
    face = Image.new("RGB", (width, height), hex_to_rgb(fill))
    padding = max(1, round(_BADGE_PADDING * height))
    if width > 2 * padding and height > 2 * padding:
        script = detect_script(group.object_class)
        label = TextElement(
            id=f"{group.id}.badge"[:40],
            box=Box(x=padding, y=padding, w=width - 2 * padding, h=height - 2 * padding),
            text=group.object_class,
            script=script,
            font_weight="bold",
            color=ink,
            max_font_size=max(8, round(0.45 * height)),
        )
        paint_text(face, label, fonts)
    face.putalpha(outline_mask(width, height, "rounded_rectangle", round(_BADGE_RADIUS * height)))
    return face
