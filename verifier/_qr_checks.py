"""Checks of the plan's QR codes: each is decoded from the pixels of its laid-out box and compared with its data.

OpenCV reads the code: its classic detector first, then the ArUco-based one, which finds the finder patterns of
large versions the classic one misses; each on the crop as drawn and inverted (light modules on a dark ground).
A crop too small for a decoder's taste is enlarged by whole multiples, nearest neighbour, so modules stay square.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np
from numpy.typing import NDArray

from tessera.contract import ConstraintCheck, QrElement
from tessera.contract.icons import square_in
from tessera.verifier._pixels import clamp_box
from tessera.verifier._scene import Scene

MARGIN_PX = 8  # of canvas around the code's square: a decoder needs to see the quiet zone's outer edge
DECODE_SIDE = 800  # px: crops smaller than this are enlarged towards it before decoding


def qr_checks(scene: Scene) -> list[ConstraintCheck]:
    """One check per QR code of the plan, with origin "plan"."""
    return [_qr_check(scene, code) for code in scene.plan.elements if isinstance(code, QrElement)]


def _qr_check(scene: Scene, element: QrElement) -> ConstraintCheck:
    expected = f"a QR code that reads {element.data!r}"[:600]
    square = square_in(element.box) if element.box is not None else None
    visible = clamp_box(square, scene.width, scene.height, MARGIN_PX) if square is not None else None
    if square is None or visible is None:
        return ConstraintCheck(
            constraint_id=element.id, kind="qr", origin="plan", status="not_verified", expected=expected,
            measured="not measured: the QR code has no box on the canvas",
            evidence="not verified: the laid-out plan puts the QR code off the canvas",
            element_ids=[element.id], box=element.box,
        )  # fmt: skip
    x0, y0, x1, y1 = visible
    decoded = decode_qr(scene.canvas[y0:y1, x0:x1])
    where = f"its {square.w}x{square.h} square at ({square.x},{square.y}) and {MARGIN_PX} px around it"
    if decoded is None:
        measured = "no QR code could be decoded there"
    elif decoded == element.data:
        measured = f"decoded {decoded!r}"
    else:
        measured = f"decoded {decoded!r}, not the plan's data"
    return ConstraintCheck(
        constraint_id=element.id, kind="qr", origin="plan", status="passed" if decoded == element.data else "failed",
        expected=expected, measured=measured[:2000],
        evidence=f"OpenCV's QR decoders read the pixels of {where}; the text they read must equal the plan's "
        "data exactly",
        element_ids=[element.id], box=square,
    )  # fmt: skip


def decode_qr(pixels: NDArray[np.uint8]) -> str | None:
    """The text of the QR code in an RGB crop, or None when no decoder can read one."""
    for gray in _readings(pixels):
        for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
            text, _, _ = detector.detectAndDecode(gray)
            if text:
                return str(text)
    return None


def _readings(pixels: NDArray[np.uint8]) -> Iterator[NDArray[np.uint8]]:
    """The crop in grey, enlarged by a whole factor towards DECODE_SIDE; then the same inverted."""
    gray = np.asarray(cv2.cvtColor(np.ascontiguousarray(pixels), cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    factor = max(1, DECODE_SIDE // max(gray.shape))
    if factor > 1:
        gray = np.repeat(np.repeat(gray, factor, axis=0), factor, axis=1)
    yield gray
    yield np.asarray(255 - gray, dtype=np.uint8)
