"""The user's own images (`AssetElement`) drawn in their boxes, and the brand's font files made into faces.

An asset is scaled with its aspect ratio kept: `contain` fits it whole inside the box, centred (never cropped);
`cover` fills the box and crops what overhangs, centred. Its alpha is kept: a transparent logo shows the page
behind it.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from tessera.contract import AssetElement, Box, PlanError, RenderError, SuppliedFiles
from tessera.contract.plan import clamped_box


@dataclass(frozen=True)
class PaintedAsset:
    """The asset's pixels as placed: RGBA, and the canvas box they cover (None: wholly off the canvas)."""

    pixels: Image.Image
    x: int
    y: int
    ink_box: Box | None


def asset_bytes(element: AssetElement, files: SuppliedFiles | None) -> bytes:
    """The image file the asset names; a PlanError naming it when the request supplied none by that name."""
    data = files.assets.get(element.name) if files is not None else None
    if data is None:
        supplied = ", ".join(sorted(files.assets)) if files is not None and files.assets else "none"
        raise PlanError(
            f"the plan draws the asset {element.name!r} (node {element.id!r}), but the request supplied no asset by "
            f"that name (supplied: {supplied}); supply it with --asset {element.name}=PATH (API: assets."
            f"{element.name}) or take the node out of the plan"
        )
    return data


def paint_asset(canvas: Image.Image, element: AssetElement, data: bytes) -> PaintedAsset:
    """Draw the asset into its box on `canvas`, over what is there, alpha kept."""
    box = element.placed_box
    pixels, x, y = _placed(_decoded(data), box, element.fit)
    canvas.paste(pixels, (x, y), pixels)
    placed = clamped_box(x, y, pixels.width, pixels.height)
    return PaintedAsset(pixels, x, y, placed.intersection(Box(x=0, y=0, w=canvas.width, h=canvas.height)))


def _placed(source: Image.Image, box: Box, fit: str) -> tuple[Image.Image, int, int]:
    """The source scaled for `box` and the corner it goes at: whole and centred (contain), or filling the box and
    cut to it (cover)."""
    scale_w, scale_h = box.w / source.width, box.h / source.height
    scale = min(scale_w, scale_h) if fit == "contain" else max(scale_w, scale_h)
    width, height = max(1, round(source.width * scale)), max(1, round(source.height * scale))
    scaled = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    if fit == "contain":
        return scaled, box.x + (box.w - width) // 2, box.y + (box.h - height) // 2
    left, top = (width - box.w) // 2, (height - box.h) // 2
    return scaled.crop((left, top, left + box.w, top + box.h)), box.x, box.y


@lru_cache(maxsize=16)
def _decoded(data: bytes) -> Image.Image:
    """The image file as RGBA (checked when it was supplied; a file that fails here was damaged on the way)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.convert("RGBA")
    except Exception as err:
        raise RenderError(
            f"an asset's image could not be decoded ({err}); supply it again as PNG, JPEG or WebP"
        ) from err


def font_file(data: bytes) -> Path:
    """A path FreeType can open for a brand font's bytes: written once per content under the temporary folder."""
    digest = hashlib.sha256(data).hexdigest()[:32]
    folder = Path(tempfile.gettempdir()) / "tessera-brand-fonts"
    path = folder / f"{digest}.font"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=folder, suffix=".partial")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(partial).replace(path)  # atomic: a concurrent render never opens half a file
    return path
