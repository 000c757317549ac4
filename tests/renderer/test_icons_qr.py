"""Icons and QR codes as the renderer draws them: in their box, in their colours, an unknown icon never fatal."""

from __future__ import annotations

import cv2
import numpy as np

from tessera.contract import Box, IconElement, QrElement, RenderResult
from tests.renderer.conftest import RenderElements

RED = (220, 30, 40)


def _pixels(result: RenderResult, box: Box) -> np.ndarray:
    return np.asarray(result.image)[box.y : box.bottom, box.x : box.right].astype(int)


def _near(pixels: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 8) -> np.ndarray:
    return np.abs(pixels - np.array(rgb)).max(axis=-1) <= tolerance


def test_an_icon_is_drawn_in_its_colour_inside_its_box(render: RenderElements) -> None:
    box = Box(x=100, y=100, w=96, h=96)
    result = render(IconElement(id="launch", name="rocket", color="#DC1E28", box=box))
    inside = _pixels(result, box)
    assert _near(inside, RED).sum() > 300
    everything = np.asarray(result.image).astype(int)
    assert _near(everything, RED).sum() == _near(inside, RED).sum()
    (item,) = result.manifest.items
    assert (item.kind, item.sprite, item.fallback) == ("icon", "icon:rocket", False)
    assert item.ink_box is not None and item.ink_box.intersection(box) == item.ink_box


def test_an_icon_in_a_wide_box_keeps_its_aspect_and_sits_in_the_middle(render: RenderElements) -> None:
    result = render(IconElement(id="mail", name="mail", color="#DC1E28", box=Box(x=0, y=0, w=300, h=100)))
    ink = result.manifest.items[0].ink_box
    assert ink is not None
    assert ink.x >= 100 and ink.right <= 200
    assert abs((ink.x + ink.right) / 2 - 150) <= 2


def test_an_alias_draws_the_icon_it_stands_for(render: RenderElements) -> None:
    result = render(IconElement(id="mfa", name="2fa", box=Box(x=10, y=10, w=64, h=64)))
    assert result.manifest.items[0].sprite == "icon:auth-2fa"


def test_an_unknown_icon_draws_a_grey_badge_and_a_notice_with_close_names(render: RenderElements) -> None:
    box = Box(x=100, y=100, w=96, h=96)
    result = render(IconElement(id="when", name="calender", color="#DC1E28", box=box))
    (item,) = result.manifest.items
    assert item.fallback and item.ink_box is not None
    assert not _near(_pixels(result, box), RED, tolerance=40).any()
    (notice,) = result.manifest.notices
    assert "'when'" in notice and "'calender'" in notice and "'calendar'" in notice


def test_a_qr_code_is_drawn_in_its_colours_and_decodes_to_its_data(render: RenderElements) -> None:
    box = Box(x=40, y=40, w=240, h=240)
    data = "https://example.org/tickets?id=42"
    result = render(QrElement(id="tickets", data=data, color="#1B2A41", background="#FFF8EE", box=box))
    square = _pixels(result, box)
    two_colours = _near(square, (0x1B, 0x2A, 0x41), 0) | _near(square, (0xFF, 0xF8, 0xEE), 0)
    assert two_colours.all()  # whole pixels per module: no blended edges
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(cv2.cvtColor(square.astype(np.uint8), cv2.COLOR_RGB2GRAY))
    assert decoded == data
    assert (result.manifest.items[0].kind, result.manifest.notices) == ("qr", [])


def test_a_qr_code_too_small_to_scan_is_drawn_and_reported(render: RenderElements) -> None:
    result = render(QrElement(id="tiny", data="https://example.org/" + "x" * 60, box=Box(x=0, y=0, w=40, h=40)))
    (notice,) = result.manifest.notices
    assert "'tiny'" in notice and "too few to scan" in notice
