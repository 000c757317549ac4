"""A contact sheet of variants (`tessera generate --n N --sheet`): the images side by side, each with its variant
number, run id and verdict under it, for a person to compare and choose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tessera.contract import on_backdrop

_PAGE = "#F4F4F1"
_INK, _MUTED = "#1E1E24", "#5F6673"
_PASSED, _FAILED = "#1F7A3A", "#B3261E"
_CELL = 360  # px: the longer side of each image on the sheet
_GAP = 32
_CAPTION = 64
_MAX_COLUMNS = 5
_FONTS = {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf"}
_FALLBACK_FONT = "DejaVuSans.ttf"

_Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class SheetEntry:
    """One variant on the sheet: its image file, run id and verdict (`failures` says what failed, in words)."""

    image: Path
    run_id: str
    passed: bool
    failures: str = ""


def write_variant_sheet(
    entries: Sequence[SheetEntry], target: Path, *, title: str, font_dirs: Sequence[Path] = ()
) -> Path:
    """Draw the variants on one PNG at `target`: a title line, then the images in rows of up to five, each scaled to
    one cell of their shape and captioned 'variant N · run id' over a green 'passed' or a red 'FAILED: ...'."""
    pictures = [_thumbnail(entry.image) for entry in entries]
    cell_width = max(p.width for p in pictures)
    cell_height = max(p.height for p in pictures)
    columns = min(_MAX_COLUMNS, max(1, len(entries)))
    rows = -(-len(entries) // columns)
    heading = 48
    width = max(columns * cell_width + (columns + 1) * _GAP, 640)
    height = heading + rows * (cell_height + _CAPTION) + (rows + 1) * _GAP
    sheet = Image.new("RGB", (width, height), _PAGE)
    draw = ImageDraw.Draw(sheet)
    bold, regular = _font(font_dirs, "bold", 20), _font(font_dirs, "regular", 16)
    draw.text((_GAP, _GAP), _fitted(draw, title, bold, width - 2 * _GAP), font=bold, fill=_INK)
    for index, (entry, picture) in enumerate(zip(entries, pictures, strict=True)):
        x = _GAP + (index % columns) * (cell_width + _GAP)
        y = heading + _GAP + (index // columns) * (cell_height + _CAPTION + _GAP)
        sheet.paste(picture, (x, y))
        # a hairline round the image, so a white one keeps its edge on the page
        draw.rectangle((x - 1, y - 1, x + picture.width, y + picture.height), outline="#D6D6D0", width=1)
        caption = _fitted(draw, f"variant {index + 1} · {entry.run_id}", regular, cell_width)
        draw.text((x, y + cell_height + 10), caption, font=regular, fill=_MUTED)
        colour = _PASSED if entry.passed else _FAILED
        mark = y + cell_height + 42
        draw.ellipse((x, mark - 5, x + 10, mark + 5), fill=colour)
        verdict = "passed" if entry.passed else f"FAILED{': ' + entry.failures if entry.failures else ''}"
        draw.text(
            (x + 16, mark), _fitted(draw, verdict, regular, cell_width - 16), font=regular, fill=colour, anchor="lm"
        )
    sheet.save(target, format="PNG")
    return target


def _thumbnail(path: Path) -> Image.Image:
    """The image scaled so its longer side is one cell."""
    with Image.open(path) as image:
        picture = on_backdrop(image)
    picture.thumbnail((_CELL, _CELL), Image.Resampling.LANCZOS)
    return picture


def _fitted(draw: ImageDraw.ImageDraw, text: str, font: _Font, width: int) -> str:
    """`text`, cut with an ellipsis where it would run past `width` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def _font(font_dirs: Sequence[Path], weight: str, size: int) -> _Font:
    for directory in font_dirs:
        for name in (_FONTS[weight], _FALLBACK_FONT):
            found = next(directory.rglob(name), None) if directory.is_dir() else None
            if found is not None:
                return ImageFont.truetype(str(found), size)
    return ImageFont.load_default(size)
