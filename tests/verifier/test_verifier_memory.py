"""The verifier's work on a 3840 px canvas stays within the memory a request may take (issue 17), and its readings of
normal-sized images do not change for it.

numpy's allocations are measured with tracemalloc (numpy reports them to it); RapidOCR's detector allocates inside
onnxruntime, so its read is measured in a fresh process, by the kernel's high-water mark of its resident memory.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest
from PIL import Image

from tessera.contract import Box, Canvas, IconElement, LayoutPlan, SolidBackground
from tessera.contract.fakes import FakeOcrEngine
from tessera.renderer import RENDER_MEMORY_BOUND_MB, PlanRenderer
from tessera.verifier._design_score import _edge_density
from tessera.verifier._icon_checks import icon_checks
from tessera.verifier._ocr_rapid import MAX_DETECTED_SIDE, _squared
from tessera.verifier._scene import Scene

MAX_EDGE = 3840
# What one check may allocate in numpy on a 3840 px canvas: a few arrays the canvas's size at most, not dozens.
NUMPY_PEAK_MB = 100

T = TypeVar("T")


def _numpy_peak_megabytes(work: Callable[[], T]) -> tuple[T, float]:
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _icon_scene(planned: str, drawn: str, side: int) -> Scene:
    canvas = Canvas(width=side, height=side)
    box = Box(x=0, y=0, w=side, h=side)

    def plan(name: str) -> LayoutPlan:
        icon = IconElement(id="icon", name=name, color="#1F4FFF", box=box)
        return LayoutPlan(canvas=canvas, background=SolidBackground(color="#F4F1EA"), elements=[icon])

    renderer = PlanRenderer()
    laid = renderer.render(plan(planned)).manifest.plan  # the same box: laid out alike, drawn with the other icon
    assert laid is not None
    return Scene(renderer.render(plan(drawn)).image, laid, FakeOcrEngine())


@pytest.mark.slow
def test_an_icon_filling_a_3840_px_canvas_is_compared_within_bounded_memory() -> None:
    scene = _icon_scene("rocket", "rocket", MAX_EDGE)
    (check,), peak = _numpy_peak_megabytes(lambda: icon_checks(scene))
    assert check.passed, check.measured
    assert "taken down to 512x512 px" in check.evidence
    assert peak < NUMPY_PEAK_MB, f"the icon check allocated {peak:.0f} MB"


@pytest.mark.slow
def test_a_large_icon_compared_scaled_down_still_tells_a_badge_apart() -> None:
    (check,) = icon_checks(_icon_scene("circle-dot", "circle", 1600))
    assert not check.passed, check.measured


def test_edge_density_of_a_3840_px_canvas_takes_bounded_memory_and_matches_the_whole_canvas_reading() -> None:
    rng = np.random.default_rng(7)
    canvas = np.zeros((MAX_EDGE, MAX_EDGE, 3), dtype=np.uint8)
    canvas[::7, ::5] = rng.integers(0, 255, size=canvas[::7, ::5].shape, dtype=np.uint8)
    density, peak = _numpy_peak_megabytes(lambda: _edge_density(canvas, 48, 48))
    assert peak < NUMPY_PEAK_MB, f"edge density allocated {peak:.0f} MB"
    # The same shares as differences taken over the whole canvas at once (what strips replaced), on a part of it.
    part = canvas[:700, :900]
    pixels = part.astype(np.int16)
    across = np.abs(np.diff(pixels, axis=1)).max(axis=2)[:-1, :]
    down = np.abs(np.diff(pixels, axis=0)).max(axis=2)[:, :-1]
    edges = Image.fromarray((np.maximum(across, down) > 24).astype(np.float32))
    whole = np.asarray(edges.resize((36, 28), Image.Resampling.BOX))
    np.testing.assert_allclose(_edge_density(part, 36, 28), whole, atol=1e-6)
    assert density.shape == (48, 48)


def test_a_crop_within_the_detector_limit_is_squared_as_it_is() -> None:
    crop = np.full((120, MAX_DETECTED_SIDE), 30, dtype=np.uint8)
    square = _squared(crop)
    assert square.shape == (MAX_DETECTED_SIDE, MAX_DETECTED_SIDE)
    assert (square[:120] == 30).all() and (square[120:] == 255).all()


def test_a_larger_crop_is_scaled_down_to_the_detector_limit() -> None:
    crop = np.full((600, 3000), 30, dtype=np.uint8)
    square = _squared(crop)
    assert square.shape == (MAX_DETECTED_SIDE, MAX_DETECTED_SIDE)
    rows = round(600 * MAX_DETECTED_SIDE / 3000)
    assert (square[:rows] == 30).all() and (square[rows:] == 255).all()


_READ_A_HUGE_BLOCK = """
    import sys
    from pathlib import Path

    import psutil
    from PIL import Image, ImageDraw, ImageFont

    from tessera.verifier import RapidOcr

    def high_water_megabytes() -> float:
        status = Path("/proc/self/status").read_text().splitlines()
        return int(next(line for line in status if line.startswith("VmHWM:")).split()[1]) / 1024

    def block(side: int, size: int) -> Image.Image:
        image = Image.new("RGB", (side, side), "white")
        font = ImageFont.truetype("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", size)
        ImageDraw.Draw(image).multiline_text((size // 2, size // 2), "HELLO\\nWORLD", fill="black", font=font)
        return image

    ocr = RapidOcr()
    ocr.read(Image.new("RGB", (40, 20), "white"), script="latin", single_line=True)  # the models load
    image = block(3840, 800)
    Path("/proc/self/clear_refs").write_text("5")
    before = psutil.Process().memory_info().rss / 2**20
    reading = ocr.read(image, script="latin", single_line=False, alphabet="HELLO WORLD")
    print(reading.text.replace("\\n", " "), high_water_megabytes() - before, sep="|")
"""


@pytest.mark.slow
def test_rapidocr_reads_a_3840_px_block_of_800_px_text_within_the_bound() -> None:
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_READ_A_HUGE_BLOCK)],
        capture_output=True, text=True, timeout=120, check=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    text, rise = run.stdout.strip().splitlines()[-1].split("|")
    assert text == "HELLO WORLD"
    assert float(rise) < 2 / 3 * RENDER_MEMORY_BOUND_MB, f"the read took {float(rise):.0f} MB"
