"""A render's budget (renderer/_budget.py): every plan renders within bounds or is refused, before anything big is
allocated, with an error that names the element and what to change."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from pydantic import ValidationError

from tessera.agents.remote import HttpRenderer
from tessera.contract import LayoutPlan, PlanError, TooLargeError
from tessera.renderer import (
    MAX_GLYPHS,
    MAX_WORK_PIXELS,
    RENDER_MEMORY_BOUND_MB,
    PlanRenderer,
)
from tests.hostile_plans import TINY_BOX_HUGE_TEXT, TINY_BOX_HUGE_TEXT_V1
from tests.service_fixtures import Service, free_port, service_env

REPO = Path(__file__).resolve().parents[2]
WHITE = {"kind": "solid", "color": "#FFFFFF"}
FULL = {"x": 0, "y": 0, "w": 3840, "h": 3840}
SHAPES = [{"kind": "shape", "id": f"s{i}", "shape": "ellipse", "fill": "#FF0000", "box": FULL} for i in range(40)]


def plan_of(*children: dict[str, Any], width: int = 512, height: int = 512, layout: str = "stack") -> LayoutPlan:
    root = {"kind": "frame", "id": "root", "layout": layout, "children": list(children)}
    return LayoutPlan.model_validate({"canvas": {"width": width, "height": height}, "background": WHITE, "root": root})


def text(node_id: str, words: str = "W" * 500, **fields: Any) -> dict[str, Any]:
    return {"kind": "text", "id": node_id, "text": words, **fields}


@pytest.fixture
def allocations(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[int, int]]]:
    """The size of every image `Image.new` makes while the test runs."""
    made: list[tuple[int, int]] = []
    new = Image.new

    def recorded(mode: str, size: tuple[int, int], *args: Any, **kwargs: Any) -> Image.Image:
        made.append(size)
        return new(mode, size, *args, **kwargs)

    monkeypatch.setattr(Image, "new", recorded)
    yield made


@pytest.mark.parametrize("hostile", [TINY_BOX_HUGE_TEXT_V1, TINY_BOX_HUGE_TEXT], ids=["v1", "v2"])
def test_the_issues_plan_is_refused_naming_the_text_and_the_sizes_that_would_do(
    renderer: PlanRenderer, hostile: dict[str, Any], allocations: list[tuple[int, int]]
) -> None:
    with pytest.raises(PlanError) as refused:
        renderer.render(LayoutPlan.model_validate(hostile))
    assert str(refused.value) == (
        "text 't': font_size 800 needs a box at least 200 px tall; its box is 1 px tall: enlarge the box or set "
        "font_size ≤ 10 (or leave font_size out to fit the text to its box)"
    )
    assert allocations == []  # refused before the canvas, let alone the text, was allocated


def test_a_fixed_size_text_in_a_flow_box_too_narrow_for_it_is_refused(renderer: PlanRenderer) -> None:
    plan = plan_of(text("t", "Hello", font_size=400, width=20, height=200), layout="column")
    with pytest.raises(PlanError, match=r"text 't': font_size 400 needs a box at least 100 px wide; its box is 20"):
        renderer.render(plan)


def test_a_fixed_size_a_little_too_big_for_its_box_still_renders_and_says_it_runs_over(
    renderer: PlanRenderer,
) -> None:
    result = renderer.render(plan_of(text("t", "Grand opening", font_size=60, box={"x": 0, "y": 0, "w": 200, "h": 30})))
    assert any("does not fit its 200x30 box at the requested 60 px" in notice for notice in result.manifest.notices)


def test_a_huge_text_in_a_box_it_fits_is_drawn_into_a_mask_no_bigger_than_the_canvas_and_a_margin(
    renderer: PlanRenderer, allocations: list[tuple[int, int]]
) -> None:
    # 500 letters at 800 px, each on a line of its own: laid out whole they would need a mask of gigabytes.
    result = renderer.render(plan_of(text("t", font_size=800, box={"x": 0, "y": 0, "w": 200, "h": 200})))
    assert max(w * h for w, h in allocations) <= (512 + 2 * 64) ** 2
    assert result.manifest.items[-1].clipped


def test_a_fitted_text_is_never_refused_for_its_size(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(text("t", box={"x": 0, "y": 0, "w": 1, "h": 1})))
    assert result.manifest.plan.element("t").font_size == 10


def test_a_laid_out_plan_renders_again_unrefused_with_every_size_fixed(renderer: PlanRenderer) -> None:
    plan = LayoutPlan.model_validate_json((REPO / "tests/renderer/plans/dashboard_grid.json").read_text())
    laid = renderer.render(plan).manifest.plan
    assert all(t.font_size is not None for t in laid.texts())
    assert renderer.render(laid).image.size == (plan.canvas.width, plan.canvas.height)


def test_too_many_characters_are_refused_before_layout_naming_the_largest(
    renderer: PlanRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_layout(*args: object) -> None:
        raise AssertionError("the plan was laid out")

    monkeypatch.setattr("tessera.renderer._render.lay_out", no_layout)
    table = {"kind": "table", "id": "menu", "rows": [["x" * 120] * 12] * 40}
    with pytest.raises(TooLargeError) as refused:
        renderer.render(plan_of(table, text("note", "A note"), layout="column"))
    assert f"a render sets at most {MAX_GLYPHS:,}" in str(refused.value)
    assert "table 'menu' 57,600" in str(refused.value)


def test_painting_over_the_pixel_budget_is_refused_before_the_canvas_is_made(
    renderer: PlanRenderer, allocations: list[tuple[int, int]]
) -> None:
    shapes = [{"kind": "shape", "id": f"s{i}", "shape": "ellipse", "fill": "#FF0000", "box": FULL} for i in range(40)]
    with pytest.raises(TooLargeError) as refused:
        renderer.render(plan_of(*shapes, width=3840, height=3840))
    assert f"a render may take {MAX_WORK_PIXELS / 1e6:,.0f} megapixels" in str(refused.value)
    assert "shape 's0'" in str(refused.value)
    assert allocations == []


def test_a_tables_parts_count_against_the_table_by_its_own_id(renderer: PlanRenderer) -> None:
    table = {"kind": "table", "id": "menu", "font_size": 800, "rows": [["Coffee", "Tea", "3.50"]] * 40}
    with pytest.raises(TooLargeError, match=r"\(table 'menu' \d"):
        renderer.render(plan_of(table, width=3840, height=3840, layout="column"))


def test_frames_with_huge_shadows_are_refused(renderer: PlanRenderer) -> None:
    card = {"kind": "frame", "fill": "#EEEEEE", "radius": 40, "shadow": {"blur": 200}, "box": FULL}
    with pytest.raises(TooLargeError, match="frame 'card0'"):
        renderer.render(plan_of(*({**card, "id": f"card{i}"} for i in range(40)), width=3840, height=3840))


def test_a_line_of_marks_stacked_hundreds_high_is_refused_before_its_bitmap(renderer: PlanRenderer) -> None:
    zalgo = text("t", "a" + "\u0301" * 499, font_size=800, box={"x": 0, "y": 0, "w": 3840, "h": 3840})
    with pytest.raises(TooLargeError, match=r"text 't': a line of it would be drawn \d+x\d+ px"):
        renderer.render(plan_of(zalgo, width=3840, height=3840))


def test_emoji_at_the_largest_size_render(renderer: PlanRenderer) -> None:
    emoji = text("t", "😀🎈" * 250, font_size=800, box={"x": 0, "y": 0, "w": 3840, "h": 3840})
    result = renderer.render(plan_of(emoji, width=3840, height=3840))
    assert result.manifest.items[-1].ink_box is not None


@pytest.mark.parametrize("value", [1e300, float("inf"), float("nan")])
def test_chart_values_are_bounded_by_the_contract(value: float) -> None:
    series = [{"name": "sales", "values": [value]}]
    chart = {"kind": "chart", "id": "c", "chart": "bar", "categories": ["a"], "series": series}
    with pytest.raises(ValidationError):
        plan_of(chart)


def test_frames_nested_as_deep_as_the_contract_allows_render(renderer: PlanRenderer) -> None:
    node: dict[str, Any] = text("leaf", "Deep", font_size=40)
    for depth in range(11):  # with the root, 12 frames deep
        node = {"kind": "frame", "id": f"f{depth}", "layout": "column", "padding": 2, "children": [node]}
    assert renderer.render(plan_of(node, layout="column")).manifest.items


def test_the_stated_memory_bound_is_a_named_figure() -> None:
    assert RENDER_MEMORY_BOUND_MB == 300


_PEAK = """
import json, sys, threading, time
import psutil
from tessera.contract import LayoutPlan, TesseraError
from tessera.renderer import PlanRenderer
renderer, process = PlanRenderer(), psutil.Process()
warm = {"background": {"kind": "solid", "color": "#FFFFFF"}, "root": {"kind": "frame", "id": "root",
        "layout": "column", "children": [{"kind": "text", "id": "a", "text": "Warm 😀"}]}}
renderer.render(LayoutPlan.model_validate(warm))
plan = LayoutPlan.model_validate(json.loads(sys.stdin.read()))
before = process.memory_info().rss
peak, done = [before], threading.Event()
def sample():
    while not done.is_set():
        peak[0] = max(peak[0], process.memory_info().rss)
        time.sleep(0.002)
thread = threading.Thread(target=sample)
thread.start()
try:
    image = renderer.render(plan).image
    canvas = len(image.tobytes())
except TesseraError:
    canvas = 0
done.set()
thread.join()
print((peak[0] - before - canvas) / 2**20)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "hostile",
    [
        TINY_BOX_HUGE_TEXT_V1,
        plan_of(text("t", font_size=800, box=FULL), width=3840, height=3840).model_dump(),
        plan_of(text("t", "😀🎈" * 250, font_size=800, box=FULL), width=3840, height=3840).model_dump(),
    ],
    ids=["issue", "huge-text", "huge-emoji"],
)
def test_a_render_adds_at_most_the_stated_bound_to_the_process(hostile: dict[str, Any]) -> None:
    measured = subprocess.run(
        [sys.executable, "-c", _PEAK], input=json.dumps(hostile), capture_output=True, text=True, check=True, cwd=REPO
    )
    assert float(measured.stdout) < RENDER_MEMORY_BOUND_MB


@pytest.mark.slow
def test_the_cli_refuses_the_issues_plan_with_its_message_and_no_traceback(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(TINY_BOX_HUGE_TEXT_V1))
    home = tmp_path / "home"
    command = [sys.executable, "-m", "tessera", "generate", "x", "--plan", str(plan), "--out", str(tmp_path / "o.png")]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TESSERA_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
    assert done.returncode == 2
    assert "text 't': font_size 800 needs a box at least 200 px tall" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "o.png").exists()


@pytest.fixture(scope="module")
def renderer_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("renderer-service")
    service = Service("renderer", free_port(), service_env(root / "home"), root / "renderer.log").start()
    yield service
    service.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("hostile", "refusal"),
    [(TINY_BOX_HUGE_TEXT, PlanError), (plan_of(*SHAPES, width=3840, height=3840).model_dump(), TooLargeError)],
    ids=["font-size", "pixels"],
)
def test_a_renderer_service_refuses_with_the_same_error_type_and_message(
    renderer_service: Service, renderer: PlanRenderer, hostile: dict[str, Any], refusal: type[Exception]
) -> None:
    plan = LayoutPlan.model_validate(hostile)
    with pytest.raises(refusal) as local:
        renderer.render(plan)
    with pytest.raises(refusal) as remote:
        HttpRenderer(renderer_service.url, timeout_s=60).render(plan)
    assert str(local.value) in str(remote.value)


@pytest.mark.slow
def test_a_single_process_server_answers_the_issues_request_with_a_422_naming_the_text(tmp_path: Path) -> None:
    server = Service("all", free_port(), service_env(tmp_path / "home"), tmp_path / "all.log").start()
    try:
        body = {"prompt": "x", "n": 4, "quality": "low", "plan": TINY_BOX_HUGE_TEXT_V1}
        reply = httpx.post(f"{server.url}/v1/images/generations", json=body, timeout=120)
    finally:
        server.stop()
    assert reply.status_code == 422
    error = reply.json()["error"]
    assert error["type"] == "plan_error"
    assert "text 't': font_size 800 needs a box at least 200 px tall" in error["message"]


@pytest.mark.slow
def test_one_object_filling_a_3840_px_canvas_of_its_own_colour_renders_with_its_halo(renderer: PlanRenderer) -> None:
    balloon = {"kind": "objects", "id": "o", "object_class": "balloon", "count": 1, "color": "#FF0000", "box": FULL}
    plan = plan_of(balloon, width=3840, height=3840).model_dump()
    red = LayoutPlan.model_validate({**plan, "background": {"kind": "solid", "color": "#FF0000"}})
    assert renderer.render(red).manifest.items[-1].instance_boxes
