"""The floor a Tessera run is compared with: the same text drawn plainly, encoded, and OCR'd once per box.

Reads a finished run's folder: the render manifest of its best attempt from the trace (the plan as laid
out, and the font file, size and wrapped lines of every text element), draws those lines with Pillow into
the same boxes on a flat background, encodes the PNG, and makes one tesseract call per text box. No
planning, fitting, sprites, checks or revisions: what is left is the unavoidable work.

    .venv/bin/python bench/floor.py RUN_FOLDER OUT.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import tesserocr
from PIL import Image, ImageDraw, ImageFont

_TESSERACT_LANGUAGE = {"latin": "eng", "cyrillic": "rus", "han": "chi_sim", "arabic": "ara"}
_TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


def main(run_folder: Path, out: Path) -> None:
    record = json.loads((run_folder / "run.json").read_text())
    events = [json.loads(line) for line in (run_folder / "trace.jsonl").read_text().splitlines()]
    render = [e for e in events if e["node"] == "render" and e["attempt"] == record["best_iteration"]][-1]
    drawn = {item["element_id"]: item for item in render["outputs"]["manifest"]["items"]}
    plan = render["outputs"]["manifest"]["plan"]

    canvas = plan["canvas"]
    image = Image.new("RGB", (canvas["width"], canvas["height"]), "white")
    draw = ImageDraw.Draw(image)
    texts = _texts(plan["root"])
    for element in texts:
        item = drawn[element["id"]]
        font = ImageFont.truetype(item["font_file"], item["font_size"], layout_engine=ImageFont.Layout.RAQM)
        box = element["box"]
        draw.multiline_text((box["x"], box["y"]), "\n".join(item["lines"]), font=font, fill="black")
    image.save(out, format="PNG")

    apis: dict[str, tesserocr.PyTessBaseAPI] = {}
    for element in texts:
        language = _TESSERACT_LANGUAGE.get(element["script"], "eng")
        if language not in apis:
            apis[language] = tesserocr.PyTessBaseAPI(path=_TESSDATA, lang=language, psm=tesserocr.PSM.SINGLE_BLOCK)
        box = element["box"]
        crop = image.crop((box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"]))
        apis[language].SetImage(crop)
        apis[language].GetUTF8Text()
    for api in apis.values():
        api.End()


def _texts(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The text leaves of a laid-out plan's tree, in tree order."""
    if node["kind"] == "frame":
        return [leaf for child in node["children"] for leaf in _texts(child)]
    return [node] if node["kind"] == "text" else []


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
