"""Render every gallery plan through the CLI, report which pass their checks, and build the contact sheet.

    python docs/gallery/render.py                 # every NAME.json beside this script
    python docs/gallery/render.py menu-arabic qr  # only these

Each NAME.json is run as `tessera generate "<its brief>" --plan NAME.json --out NAME.png --json --effort low` in a
scratch TESSERA_HOME; the brief is the one-line description in `briefs.json`. NAME.png is kept beside the plan, with
NAME.svg, the same image as SVG with its texts live (what `--format svg` writes: the plan drawn with seed 0), and
`contact_sheet.png` shows every image with its name and verdict. Exit status 0 when every plan passed, else 1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

GALLERY = Path(__file__).resolve().parent
BRIEFS = GALLERY / "briefs.json"
SHEET = GALLERY / "contact_sheet.png"
PASSED, FAILED_CHECKS = 0, 3  # the CLI's exit codes
WORKERS = 2
THUMB = 360  # px, the longer side of a thumbnail
CAPTION = 44  # px under each thumbnail
COLUMNS = 6
# A notice with one of these says part of the design is not drawn as planned.
TROUBLE = (
    "does not fit",
    "outside the room inside frame",
    "off the",
    "no installed font draws",
    "font is not installed",
)


@dataclass
class Result:
    """What one plan's run came to."""

    name: str
    exit_code: int
    failing: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def passed(self) -> bool:
        return self.exit_code == PASSED and not self.failing and not self.trouble

    @property
    def trouble(self) -> list[str]:
        return [n for n in self.notices if any(word in n for word in TROUBLE)]


def plans(names: list[str]) -> list[Path]:
    """The gallery's plans, or only those named."""
    every = sorted(p for p in GALLERY.glob("*.json") if p != BRIEFS)
    return [p for p in every if p.stem in names] if names else every


def render(plan: Path, brief: str) -> Result:
    """Run the CLI on one plan in a scratch home; NAME.png lands beside it."""
    with tempfile.TemporaryDirectory(prefix="tessera-gallery-") as home:
        command = [
            sys.executable, "-m", "tessera", "generate", brief, "--plan", str(plan),
            "--out", str(plan.with_suffix(".png")), "--json", "--effort", "low",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, env=_env(home), timeout=300)
    if done.returncode not in (PASSED, FAILED_CHECKS):
        return Result(plan.stem, done.returncode, error=done.stderr.strip()[-600:])
    outcome = json.loads(done.stdout)
    checks = outcome["verification"]["checks"]
    failing = [f"{c['id']} ({c['kind']}): {c['measured']}" for c in checks if not c["passed"]]
    lint = outcome["verification"]["lint"]
    failing += [f"lint {f['code']}: {f['message']}" for f in lint if f["severity"] == "error"]
    return Result(plan.stem, done.returncode, failing, outcome["notices"])


def write_svg(plan: Path) -> None:
    """NAME.svg beside the plan: the plan drawn as `tessera generate --plan NAME.json --format svg` draws it."""
    from tessera.contract import LayoutPlan
    from tessera.renderer import PlanRenderer

    document = PlanRenderer().render(LayoutPlan.model_validate_json(plan.read_text()), svg=True).svg
    if document is not None:
        plan.with_suffix(".svg").write_text(document, encoding="utf-8")


def _env(home: str) -> dict[str, str]:
    return {**os.environ, "TESSERA_HOME": home}


def contact_sheet(results: list[Result]) -> None:
    """Thumbnails in a grid, each with its name and verdict."""
    rows = -(-len(results) // COLUMNS)
    cell_w, cell_h = THUMB + 24, THUMB + CAPTION + 24
    sheet = Image.new("RGB", (COLUMNS * cell_w + 24, rows * cell_h + 24), "#E9ECF1")
    draw = ImageDraw.Draw(sheet)
    font = _font(18)
    for i, result in enumerate(results):
        x, y = 24 + (i % COLUMNS) * cell_w, 24 + (i // COLUMNS) * cell_h
        image_path = GALLERY / f"{result.name}.png"
        if image_path.exists():
            with Image.open(image_path) as image:
                thumb = image.convert("RGB")
            thumb.thumbnail((THUMB, THUMB))
            sheet.paste(thumb, (x + (THUMB - thumb.width) // 2, y + (THUMB - thumb.height) // 2))
        verdict, colour = ("pass", "#1B7F3B") if result.passed else ("FAIL", "#C62828")
        draw.text((x, y + THUMB + 8), result.name, fill="#1D2433", font=font)
        draw.text((x + THUMB - 8, y + THUMB + 8), verdict, fill=colour, font=font, anchor="ra")
    sheet.save(SHEET)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def main(names: list[str]) -> int:
    briefs: dict[str, str] = json.loads(BRIEFS.read_text())
    chosen = plans(names)
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda p: render(p, briefs[p.stem]), chosen))
    for plan in chosen:
        write_svg(plan)
    for result in results:
        print(f"{'pass' if result.passed else 'FAIL'}  {result.name}")
        for line in [result.error, *result.failing, *result.trouble]:
            if line:
                print(f"      {line}")
    if not names:
        contact_sheet(results)
        print(f"contact sheet: {SHEET}")
    print(f"{sum(r.passed for r in results)}/{len(results)} passed")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
