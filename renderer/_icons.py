"""Icons from the shared set (`tessera.contract.icons`), rasterised with resvg into the square of their laid-out box.

An icon name the set lacks is never fatal: a neutral grey question-mark badge stands in its place and the notice
names the icon and the closest names the set has (the verifier then fails that icon's check).
"""

from __future__ import annotations

from PIL import Image

from tessera.contract import Box, DrawnItem, IconElement
from tessera.contract.icons import find_icon, icon_set, square_in
from tessera.contract.plan import clamped_box
from tessera.contract.svg import rasterise

PLACEHOLDER_ICON = "help-square-rounded"
PLACEHOLDER_COLOR = "#9AA0A6"  # a neutral grey: it must not read as the icon that was asked for


def draw_icon(image: Image.Image, element: IconElement, notices: list[str]) -> DrawnItem:
    """Paint `element` centred in its box, as big as the box's shorter side, in its colour."""
    square = square_in(element.placed_box)
    icon = find_icon(element.name)
    if icon is None:
        notices.append(_unknown_icon_notice(element))
        placeholder = find_icon(PLACEHOLDER_ICON)
        if placeholder is None:  # the shipped set always has it; a rebuilt one without it draws nothing
            return DrawnItem(element_id=element.id, kind="icon", box=element.placed_box, fallback=True)
        ink = _composite(image, placeholder.svg(PLACEHOLDER_COLOR, square.w), square)
        return DrawnItem(element_id=element.id, kind="icon", box=element.placed_box, ink_box=ink, fallback=True)
    ink = _composite(image, icon.svg(element.color, square.w), square)
    return DrawnItem(
        element_id=element.id, kind="icon", box=element.placed_box, ink_box=ink, sprite=f"icon:{icon.name}"
    )


def _composite(image: Image.Image, svg: str, square: Box) -> Box | None:
    """Draw `svg` over `image` at `square`'s corner, blended by its alpha; the canvas box of what was painted."""
    icon = rasterise(svg)
    image.paste(icon, (square.x, square.y), icon)
    painted = icon.getchannel("A").getbbox()
    if painted is None:
        return None
    left, top, right, bottom = painted
    drawn = clamped_box(square.x + left, square.y + top, right - left, bottom - top)
    return drawn.intersection(Box(x=0, y=0, w=image.width, h=image.height))


def _unknown_icon_notice(element: IconElement) -> str:
    close = icon_set().suggest(element.name)
    hint = f"close names: {', '.join(repr(name) for name in close)}" if close else "see tessera.contract.icons"
    return (
        f"icon {element.id!r} asks for {element.name!r}, which is not in the icon set (Tabler); a grey question "
        f"mark was drawn in its place: use a name from the set ({hint})"
    )
