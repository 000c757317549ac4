"""Render time and peak memory of plan v2 trees against element count and canvas size, with the floor.

Each case is a dashboard-like tree: a title, then a grid of cards, each card a heading and a line of body text
(so 10, 50 or 200 text leaves in as many frames, laid out by the engine). Each measurement is a fresh process
(imports count), median of `--runs`; peak memory is the child's maximum resident set size.

- tessera: `PlanRenderer.render` (layout with Taffy, shaping, painting), PNG encoding, and the verifier's checks
  of every element (OCR per text box, plus its lint).
- floor: the same strings drawn plainly with Pillow at the sizes and places the layout gave them, PNG-encoded,
  and one tesseract call per text box. No layout, fitting, frames, checks or lint.
- render, laid out: the same render of the laid-out plan (a box on every node, every text's size set), in a
  fresh process: what drawing costs once nothing is left to decide.
- engine share: the layout engine's own seconds (`timings["layout"]` less the texts' measuring,
  `timings["layout_text_measure"]`) over the render's (`timings["total"]`); layout share: all of
  `timings["layout"]` (engine and measuring) over the render's. Both in a process whose fonts are loaded (a warm-up
  plan of other strings is rendered first, as a service has rendered other briefs), so that loading font files
  is not counted as layout; the strings themselves are shaped for the first time.

    .venv/bin/python bench/bench_render.py --runs 3
    .venv/bin/python bench/bench_render.py --runs 1 --gallery docs/gallery
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTS = (10, 50, 200)
SIZES = ((512, 512), (1024, 1024), (1920, 1080), (2048, 2048), (3840, 2160))
_TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


def tree_plan(texts: int, width: int, height: int) -> dict[str, object]:
    """A title and a grid of cards holding `texts` - 1 more texts in all (a heading and a body line per card)."""
    cards = texts // 2
    columns = max(1, min(10, math.ceil(math.sqrt(cards * width / height))))
    short = min(width, height)
    children: list[dict[str, object]] = []
    for index in range(cards):
        body = [{"kind": "text", "id": f"h{index}", "text": f"Region {index + 1}", "role": "heading", "level": 3}]
        if 2 * index + 2 < texts:  # the title is the first text: the last card may hold its heading alone
            body.append({"kind": "text", "id": f"b{index}", "text": f"Revenue {100 + index}k", "role": "body"})
        children.append(
            {
                "kind": "frame",
                "id": f"card{index}",
                "role": "card",
                "fill": "#FFFFFF",
                "padding": max(4, short // 80),
                "gap": max(2, short // 160),
                "children": body,
            }
        )
    grid = {
        "kind": "frame",
        "id": "grid",
        "layout": "grid",
        "columns": ["1fr"] * columns,
        "gap": max(4, short // 60),
        "height": "fill",
        "children": children,
    }
    title = {"kind": "text", "id": "title", "text": "Quarterly dashboard", "role": "title", "font_weight": "bold"}
    root = {"kind": "frame", "id": "root", "padding": short // 24, "gap": short // 40, "children": [title, grid]}
    return {
        "schema_version": 2,
        "canvas": {"width": width, "height": height},
        "background": {"kind": "solid", "color": "#F3F5F9"},
        "root": root,
    }


def child_tessera(plan_path: Path) -> dict[str, float]:
    """Render, encode and verify one plan; the timings."""
    from tessera.contract import Constraints, LayoutPlan
    from tessera.renderer import PlanRenderer
    from tessera.verifier import RenderVerifier

    plan = LayoutPlan.model_validate_json(plan_path.read_text())
    started = time.perf_counter()
    result = PlanRenderer().render(plan)
    rendered = time.perf_counter()
    result.image.save(io.BytesIO(), format="PNG")
    laid_out = result.manifest.plan or plan
    report = RenderVerifier().verify(result.image, laid_out, Constraints(brief="benchmark"))
    finished = time.perf_counter()
    plan_path.with_suffix(".laid.json").write_text(laid_out.model_dump_json())
    plan_path.with_suffix(".manifest.json").write_text(result.manifest.model_dump_json())
    return {
        "render": rendered - started,
        "total": finished - started,
        "layout": result.timings["layout"],
        "measure": result.timings["layout_text_measure"],
        "render_total": result.timings["total"],
        "texts": float(len(laid_out.texts())),
        "width": float(plan.canvas.width),
        "height": float(plan.canvas.height),
        "passed": float(report.passed),
    }


def child_layout(plan_path: Path) -> dict[str, float]:
    """The layout's share of a render in a process that has its fonts loaded (as a service has after its first
    request) but has never shaped these strings: a warm-up plan of other strings is rendered first."""
    from tessera.contract import LayoutPlan
    from tessera.renderer import PlanRenderer

    renderer = PlanRenderer()
    plan = LayoutPlan.model_validate_json(plan_path.read_text())
    warm_up = json.loads(plan_path.read_text().replace("Region", "Area").replace("Revenue", "Income"))
    warm_up["root"]["children"][0]["text"] = "Weekly summary"
    renderer.render(LayoutPlan.model_validate(warm_up))
    timings = renderer.render(plan).timings
    return {"layout": timings["layout"], "measure": timings["layout_text_measure"], "render": timings["total"]}


def child_placed(plan_path: Path) -> dict[str, float]:
    """Render the laid-out plan (a box on every node, every text's size set): the render without deciding where."""
    from tessera.contract import LayoutPlan
    from tessera.renderer import PlanRenderer

    plan = LayoutPlan.model_validate_json(plan_path.with_suffix(".laid.json").read_text())
    started = time.perf_counter()
    PlanRenderer().render(plan)
    return {"render": time.perf_counter() - started}


def child_floor(plan_path: Path) -> dict[str, float]:
    """The same strings drawn plainly where the layout put them, encoded, OCR'd once per box."""
    import tesserocr
    from PIL import Image, ImageDraw, ImageFont

    laid_out = json.loads(plan_path.with_suffix(".laid.json").read_text())
    drawn = {i["element_id"]: i for i in json.loads(plan_path.with_suffix(".manifest.json").read_text())["items"]}
    texts = list(_texts(laid_out["root"]))
    started = time.perf_counter()
    canvas = laid_out["canvas"]
    image = Image.new("RGB", (canvas["width"], canvas["height"]), "white")
    draw = ImageDraw.Draw(image)
    for text in texts:
        item = drawn[text["id"]]
        font = ImageFont.truetype(item["font_file"], item["font_size"], layout_engine=ImageFont.Layout.RAQM)
        draw.multiline_text((text["box"]["x"], text["box"]["y"]), "\n".join(item["lines"]), font=font, fill="black")
    image.save(io.BytesIO(), format="PNG")
    with tesserocr.PyTessBaseAPI(path=_TESSDATA, lang="eng", psm=tesserocr.PSM.SINGLE_BLOCK) as api:
        for text in texts:
            box = text["box"]
            api.SetImage(image.crop((box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"])))
            api.GetUTF8Text()
    return {"total": time.perf_counter() - started}


def _texts(node: dict[str, object]) -> list[dict[str, object]]:
    if node.get("kind") == "frame":
        children = node.get("children", [])
        assert isinstance(children, list)
        return [leaf for child in children for leaf in _texts(child)]
    return [node] if node.get("kind") == "text" else []


def _measure(mode: str, plan_path: Path) -> tuple[dict[str, float], float]:
    """One child's timings and peak RSS in MiB."""
    command = [sys.executable, __file__, "--child", mode, str(plan_path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return json.loads(out), usage.ru_maxrss / 1024


def bench_case(texts: int, width: int, height: int, runs: int, workdir: Path) -> dict[str, object]:
    plan_path = workdir / f"plan-{texts}-{width}x{height}.json"
    plan_path.write_text(json.dumps(tree_plan(texts, width, height)))
    return _bench(plan_path, runs, shares=True)


def bench_gallery_plan(plan: Path, runs: int, workdir: Path) -> dict[str, object]:
    """One gallery plan (docs/gallery): its render against the floor, without the layout shares (the warm-up
    plan that keeps font loading out of them is made of the dashboard's strings)."""
    plan_path = workdir / plan.name
    plan_path.write_text(plan.read_text())
    row = _bench(plan_path, runs, shares=False)
    return {**row, "case": f"{plan.stem} ({row['case']})"}


def _bench(plan_path: Path, runs: int, *, shares: bool) -> dict[str, object]:
    tessera, layout, placed, floor = [], [], [], []
    for _ in range(runs):
        tessera.append(_measure("tessera", plan_path))
        if shares:
            layout.append(_measure("layout", plan_path)[0])
        placed.append(_measure("placed", plan_path))
        floor.append(_measure("floor", plan_path))
    render = statistics.median(t["render"] for t, _ in tessera)
    total = statistics.median(t["total"] for t, _ in tessera)
    floor_total = statistics.median(f["total"] for f, _ in floor)
    engine_share = statistics.median((w["layout"] - w["measure"]) / w["render"] for w in layout) if layout else None
    layout_share = statistics.median(w["layout"] / w["render"] for w in layout) if layout else None
    placed_render = statistics.median(p["render"] for p, _ in placed)
    peak, floor_peak = max(m for _, m in tessera), max(m for _, m in floor)
    return {
        "case": f"{int(tessera[0][0]['texts'])} texts, {tessera[0][0]['width']:.0f}x{tessera[0][0]['height']:.0f}",
        "render s": round(render, 3),
        "render, laid out s": round(placed_render, 3),
        "render+verify s": round(total, 3),
        "floor s": round(floor_total, 3),
        "time ratio": f"{total / floor_total:.2f}x",
        "engine share": "-" if engine_share is None else f"{100 * engine_share:.1f}%",
        "layout share": "-" if layout_share is None else f"{100 * layout_share:.1f}%",
        "peak MiB": round(peak, 1),
        "floor peak MiB": round(floor_peak, 1),
        "memory ratio": f"{peak / floor_peak:.2f}x",
        "verified": all(t["passed"] for t, _ in tessera),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gallery", type=Path, help="bench every plan in this folder (docs/gallery) instead")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PLAN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, plan = args.child
        measure = {"tessera": child_tessera, "layout": child_layout, "placed": child_placed, "floor": child_floor}[mode]
        print(json.dumps(measure(Path(plan))))
        return
    cases = [(count, 1024, 1024) for count in COUNTS] + [(50, w, h) for w, h in SIZES if (w, h) != (1024, 1024)]
    with tempfile.TemporaryDirectory() as workdir:
        if args.gallery:
            plans = sorted(args.gallery.glob("*.json"))
            rows = [bench_gallery_plan(plan, args.runs, Path(workdir)) for plan in plans if plan.stem != "briefs"]
        else:
            rows = [bench_case(count, w, h, args.runs, Path(workdir)) for count, w, h in cases]
    header = list(rows[0])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(row[key]) for key in header) + " |")


if __name__ == "__main__":
    main()
