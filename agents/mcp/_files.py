"""The files a tool hands back: the full image in the format asked for, and a small preview to look at.

Clients cap a tool result near 1 MB and many agents cannot see images at all, so the preview is small (at most
512 px, and smaller when one call makes several images: together they stay under PREVIEW_BUDGET bytes) and the
full file travels by reference, as a resource (`tessera://runs/ID/image.FORMAT`) and, over stdio, a path.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tessera.agents.engine import Engine
from tessera.agents.mcp._models import ImageFormat
from tessera.agents.runs import RunFolder
from tessera.contract import RequestError, for_output

PREVIEW_EDGE = 512
PREVIEW_BUDGET = 480_000
"""Bytes all previews of one tool result may take before base64 (which adds a third): well under 1 MB in all."""
_SMALLEST_EDGE = 96
_MIME: dict[ImageFormat, str] = {"png": "image/png", "webp": "image/webp", "jpeg": "image/jpeg", "svg": "image/svg+xml"}
_SAVE_OPTIONS: dict[str, dict[str, int]] = {"jpeg": {"quality": 92}, "webp": {"quality": 90}}


def mime_type(image_format: ImageFormat) -> str:
    return _MIME[image_format]


def resource_uri(run_id: str, image_format: ImageFormat) -> str:
    """The MCP resource a run's image is read from."""
    return f"tessera://runs/{run_id}/image.{image_format}"


def best_image(folder: RunFolder) -> Path:
    """The run's kept image (PNG); RequestError while it has none."""
    best = folder.best()
    if best is None or best.image is None:
        raise RequestError(f"run {folder.run_id} has no image yet ({folder.read_record().status})")
    return best.image


def export(engine: Engine, folder: RunFolder, image_format: ImageFormat) -> Path:
    """The run's kept image as a file in `image_format`: the PNG the verifier checked, or a copy converted next to
    the run's record (an SVG is the plan drawn again with live text)."""
    source = best_image(folder)
    if image_format == "png":
        return source
    target = folder.path / f"image.{image_format}"
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    if image_format == "svg":
        target.write_text(engine.svg(folder.run_id), encoding="utf-8")
        return target
    with Image.open(source) as image:
        kept = for_output(image, image_format)  # a transparent image keeps its alpha in WebP
    kept.save(target, format=image_format.upper(), **_SAVE_OPTIONS[image_format])
    return target


def preview(source: Path, budget: int) -> tuple[bytes, str]:
    """The image at most PREVIEW_EDGE px on its long side, in at most `budget` bytes: PNG when it has transparency
    (a JPEG would paint it black), else JPEG; shrunk until it fits. Answers the bytes and their MIME type."""
    with Image.open(source) as opened:
        image = opened.copy()
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    edge = PREVIEW_EDGE
    while True:
        small = image.copy()
        small.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if transparent:
            small.convert("RGBA").save(buffer, format="PNG", optimize=True)
        else:
            small.convert("RGB").save(buffer, format="JPEG", quality=80, optimize=True)
        if buffer.tell() <= budget or edge <= _SMALLEST_EDGE:
            return buffer.getvalue(), "image/png" if transparent else "image/jpeg"
        edge = max(_SMALLEST_EDGE, int(edge * 0.75))
