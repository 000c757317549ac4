"""A contact sheet: a grid of result thumbnails labelled with id and scores, for a person to look at."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tessera.contract import on_backdrop
from tessera.evals._results import BriefResult

_LABEL_HEIGHT = 44
_GAP = 6
_FONT_NAMES = ("NotoSans-Regular.ttf", "DejaVuSans.ttf")
_GOOD, _BAD, _DISAGREE, _NONE = "#1f7a3a", "#a32020", "#b36b00", "#555555"


def sample_results(results: Sequence[BriefResult], count: int) -> list[BriefResult]:
    """`count` results spread evenly over the list (all of them when there are fewer), in order."""
    if len(results) <= count:
        return list(results)
    step = len(results) / count
    return [results[int(i * step)] for i in range(count)]


def write_contact_sheet(
    results: Sequence[BriefResult],
    images: Path,
    target: Path,
    *,
    columns: int = 6,
    thumb: int = 256,
    font_dirs: Sequence[Path] = (Path("/usr/share/fonts"),),
) -> Path | None:
    """Draw `results` as a grid of thumbnails to `target` (PNG); None when there is nothing to draw.

    `images` is the results folder's `briefs/` directory. A label under each thumbnail gives the
    id, the LongText-Bench accuracy, the mean edit distance and the verifier's verdict; its colour
    says green (all read, verifier passed), red (not all read, verifier failed), orange (the eval
    and the verifier disagree), grey (no image).
    """
    if not results:
        return None
    rows = -(-len(results) // columns)
    width = columns * thumb + (columns + 1) * _GAP
    height = rows * (thumb + _LABEL_HEIGHT) + (rows + 1) * _GAP
    sheet = Image.new("RGB", (width, height), "#e8e8e8")
    draw = ImageDraw.Draw(sheet)
    font = _label_font(font_dirs, 15)
    for index, result in enumerate(results):
        x = _GAP + (index % columns) * (thumb + _GAP)
        y = _GAP + (index // columns) * (thumb + _LABEL_HEIGHT + _GAP)
        _paste_thumbnail(sheet, images / result.id / "image.png" if result.image else None, x, y, thumb)
        draw.rectangle((x, y + thumb, x + thumb - 1, y + thumb + _LABEL_HEIGHT - 1), fill=_label_colour(result))
        first, second = _label_lines(result)
        draw.text((x + 5, y + thumb + 3), first, font=font, fill="white")
        draw.text((x + 5, y + thumb + 22), second, font=font, fill="white")
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target, format="PNG")
    return target


def _paste_thumbnail(sheet: Image.Image, path: Path | None, x: int, y: int, size: int) -> None:
    if path is None or not path.exists():
        ImageDraw.Draw(sheet).rectangle((x, y, x + size - 1, y + size - 1), fill="#bbbbbb")
        return
    with Image.open(path) as image:
        picture = on_backdrop(image)
    picture.thumbnail((size, size), Image.Resampling.LANCZOS)
    cell = Image.new("RGB", (size, size), "#ffffff")
    cell.paste(picture, ((size - picture.width) // 2, (size - picture.height) // 2))
    sheet.paste(cell, (x, y))


def _label_lines(result: BriefResult) -> tuple[str, str]:
    accuracy = result.text_accuracy.score
    ned = result.mean_ned
    verdict = "verifier pass" if result.verifier_passed else "verifier FAIL"
    if result.status != "done":
        verdict = result.status
    first = f"{result.id}  {result.category}"[:34]
    second = (
        f"acc {'-' if accuracy is None else f'{accuracy:.2f}'}  ned {'-' if ned is None else f'{ned:.2f}'}  {verdict}"
    )
    return first, second


def _label_colour(result: BriefResult) -> str:
    if result.status != "done":
        return _NONE
    if result.misread_but_verifier_passed or result.read_but_verifier_failed:
        return _DISAGREE
    return _GOOD if result.verifier_passed else _BAD


def _label_font(font_dirs: Sequence[Path], size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for directory in font_dirs:
        for name in _FONT_NAMES:
            found = next(directory.rglob(name), None) if directory.is_dir() else None
            if found is not None:
                return ImageFont.truetype(str(found), size)
    return ImageFont.load_default(size)
