"""QR codes with segno: whole pixels per module, centred in the square of the laid-out box, quiet zone kept."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import segno
from PIL import Image, ImageDraw

from tessera.contract import Box, DrawnItem, PlanError, QrElement, hex_to_rgb
from tessera.contract.icons import square_in
from tessera.contract.plan import clamped_box

QUIET_ZONE = 4  # modules of background around the code: the minimum ISO/IEC 18004 asks for
ERROR_CORRECTION = "m"  # recovers about 15% of the code; segno raises it where the version has room to spare
SCANNABLE_MODULE_PX = 2  # below this a phone camera, or the verifier's decoder, struggles


def draw_qr(image: Image.Image, element: QrElement, notices: list[str]) -> DrawnItem:
    """Paint `element`'s code, each module the same whole number of pixels, as big as its box's square allows."""
    square = square_in(element.placed_box)
    try:
        code = _code(element.data)
    except segno.encoder.DataOverflowError:
        # The schema bounds characters; a QR code holds at most 2331 bytes at this error correction, and a
        # character outside Latin-1 takes two to four of them.
        size = len(element.data.encode("utf-8"))
        raise PlanError(
            f"QR code {element.id!r}: its data is {size} bytes, more than a QR code holds (2331 bytes at error "
            "correction M, fewer for text outside Latin letters): shorten it or encode a link to it"
        ) from None
    modules = int(code.symbol_size(scale=1, border=QUIET_ZONE)[0])
    scale = max(1, square.w // modules)
    if scale < SCANNABLE_MODULE_PX:
        notices.append(
            f"QR code {element.id!r} has {modules} modules (quiet zone included) in a {square.w} px square, "
            f"{scale} px per module, too few to scan reliably: give it at least {SCANNABLE_MODULE_PX * modules} px "
            "or shorten its data"
        )
    side = modules * scale
    corner = (square.x + (square.w - side) // 2, square.y + (square.h - side) // 2)
    # The square's slack (less than one module's worth per side) takes the background too, so the margin is even.
    ImageDraw.Draw(image).rectangle(
        (square.x, square.y, square.right - 1, square.bottom - 1), fill=hex_to_rgb(element.background)
    )
    dark = np.array(list(code.matrix_iter(scale=scale, border=QUIET_ZONE)), dtype=np.uint8) * 255
    image.paste(hex_to_rgb(element.color), (*corner, corner[0] + side, corner[1] + side), Image.fromarray(dark, "L"))
    drawn = clamped_box(min(corner[0], square.x), min(corner[1], square.y), max(side, square.w), max(side, square.h))
    ink = drawn.intersection(Box(x=0, y=0, w=image.width, h=image.height))
    return DrawnItem(element_id=element.id, kind="qr", box=element.placed_box, ink_box=ink)


@lru_cache(maxsize=64)
def _code(data: str) -> segno.QRCode:
    """The code for `data`: encoding 1000 characters takes a tenth of a second or more (segno tries all eight
    masks), and a transparent plan is painted twice, a page of tickets draws the same code many times."""
    return segno.make_qr(data, error=ERROR_CORRECTION)
