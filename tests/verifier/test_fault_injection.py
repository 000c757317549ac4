"""Fault injection: a correct render passes every check, and one fault put into it fails exactly the check that
looks for that fault, named, while every other check keeps its status.

Real renders (`PlanRenderer`) and the real verifier (`RenderVerifier`, tesseract) throughout. Each scene is drawn
and verified once per module; each fault is its own test, listed in `FAULTS` with the check it must fail.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from tessera.contract import (
    AssetElement,
    Box,
    Canvas,
    ChartElement,
    CheckStatus,
    Constraints,
    ControlElement,
    Element,
    Frame,
    IconElement,
    LayoutPlan,
    ObjectGroup,
    QrElement,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    Series,
    SolidBackground,
    SourceSpan,
    StructureItem,
    SuppliedFiles,
    TableElement,
    TextElement,
    VerificationReport,
    hex_to_rgb,
    root_frame,
)
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

pytestmark = pytest.mark.slow

PAGE = "#F7F3EA"
SPAN = SourceSpan(start=0, end=5, quote="brief")


def _plan(*children: Element | Frame, width: int = 1024, height: int = 768) -> LayoutPlan:
    return LayoutPlan(
        canvas=Canvas(width=width, height=height),
        background=SolidBackground(color=PAGE),
        root=root_frame(list(children)),
    )


def _box(x: int, y: int, w: int, h: int) -> Box:
    return Box(x=x, y=y, w=w, h=h)


def _logo() -> bytes:
    image = Image.new("RGBA", (160, 80), (0, 0, 0, 0))
    image.paste((30, 60, 200, 255), (10, 10, 150, 70))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Scene:
    """A plan, the brief's reading of it and the user's files: what a correct render of it must pass."""

    plan: LayoutPlan
    constraints: Constraints = field(default_factory=lambda: Constraints(brief="a test brief"))
    files: SuppliedFiles | None = None


POSTER = Scene(
    _plan(
        TextElement(id="title", box=_box(64, 40, 896, 120), text="Grand Opening", role="title", font_weight="bold",
                    color="#B42318"),
        TextElement(id="when", box=_box(64, 180, 896, 60), text="Saturday 10am", role="subtitle", align="left",
                    color="#1D1D1B"),
        ObjectGroup(id="apples", box=_box(64, 280, 896, 180), object_class="apple", count=3),
        ObjectGroup(id="tree", box=_box(160, 500, 220, 220), object_class="tree", count=1),
        ObjectGroup(id="car", box=_box(644, 500, 220, 220), object_class="car", count=1),
    ),
    Constraints(brief="a test brief", items=[
        RequiredText(id="c-title", text="Grand Opening", source=SPAN),
        RequiredColor(id="c-title-color", target="text", subject="Grand Opening", color="#B42318", source=SPAN),
        RequiredCount(id="c-apples", object_class="apple", count=3, source=SPAN),
        RequiredColor(id="c-apples-color", target="objects", subject="apple", color="#F92F2F", source=SPAN),
        RequiredPosition(id="c-tree-left", subject_kind="objects", subject="tree", relation="left_of",
                         reference_kind="objects", reference="car", source=SPAN),
    ]),
)  # fmt: skip

UI = Scene(
    _plan(
        Frame(id="card", role="card", box=_box(64, 64, 520, 200), fill="#DCE6FF", radius=16, padding=24, children=[
            TextElement(id="card-title", text="Weekly report", role="title", font_weight="bold", color="#14213D"),
        ]),
        IconElement(id="heart", name="heart", color="#B42318", box=_box(680, 96, 128, 128)),
        QrElement(id="qr", data="https://example.com/menu", box=_box(64, 360, 240, 240)),
        ControlElement(id="wifi", control="toggle", value=1, color="#0B6E4F", box=_box(420, 440, 120, 64)),
        AssetElement(id="brand-logo", name="logo", box=_box(640, 400, 320, 160)),
    ),
    files=SuppliedFiles(assets={"logo": _logo()}),
)  # fmt: skip

BAR_COLOR = "#2A6FDB"
CHART = Scene(
    _plan(
        TextElement(id="headline", box=_box(72, 40, 1456, 90), text="Quarterly revenue", role="title",
                    color="#1F2937"),
        ChartElement(id="chart", box=_box(72, 160, 1456, 680), chart="column", title="Revenue 2025",
                     categories=["North", "South", "East", "West", "Central"], unit="$", value_labels=True,
                     series=[Series(name="Revenue", values=[42, 55, 30, 71, 48], color=BAR_COLOR)]),
        width=1600, height=900,
    )
)  # fmt: skip

ROWS = [["Espresso", "$2.80", "$3.40"], ["Flat white", "$3.90", "$4.60"], ["Cold brew", "$4.20", "$5.10"]]
TABLE = Scene(
    _plan(
        TableElement(id="prices", box=_box(64, 64, 896, 320), header=["Drink", "Small", "Large"], rows=ROWS,
                     style="stripes", color="#3F2A1D"),
    ),
    Constraints(brief="a test brief", items=[
        RequiredStructure(id="c-menu", structure="prices", source=SPAN,
                          items=[StructureItem(label=drink, value=small) for drink, small, _ in ROWS]),
    ]),
)  # fmt: skip

SCENES = {"poster": POSTER, "ui": UI, "chart": CHART, "table": TABLE}


@dataclass(frozen=True)
class Drawn:
    """A render and the laid-out plan it is verified against."""

    image: Image.Image
    plan: LayoutPlan
    boxes: dict[str, Box]  # what each node's drawing covers: its ink, else its box
    instances: dict[str, list[Box]]  # each object group's drawn instances


class Studio:
    """Draws and verifies each scene once, on first use, and draws its faulty variants."""

    def __init__(self, renderer: PlanRenderer, verifier: RenderVerifier) -> None:
        self.renderer = renderer
        self.verifier = verifier
        self._drawn: dict[str, Drawn] = {}
        self._reports: dict[str, VerificationReport] = {}

    def drawn(self, scene: str) -> Drawn:
        if scene not in self._drawn:
            self._drawn[scene] = self.draw(SCENES[scene].plan, scene)
        return self._drawn[scene]

    def report(self, scene: str) -> VerificationReport:
        if scene not in self._reports:
            drawn = self.drawn(scene)
            self._reports[scene] = self.verify(scene, drawn.image, drawn.plan)
        return self._reports[scene]

    def draw(self, plan: LayoutPlan, scene: str) -> Drawn:
        result = self.renderer.render(plan, files=SCENES[scene].files)
        assert result.manifest.plan is not None
        items = result.manifest.items
        return Drawn(
            image=result.image,
            plan=result.manifest.plan,
            boxes={item.element_id: item.ink_box or item.box for item in items},
            instances={item.element_id: item.instance_boxes for item in items if item.instance_boxes},
        )

    def verify(self, scene: str, image: Image.Image, plan: LayoutPlan) -> VerificationReport:
        return self.verifier.verify(image, plan, SCENES[scene].constraints)

    def redrawn(self, scene: str, node_id: str, **changes: Any) -> Image.Image:
        """The image of the scene's plan with one node changed, which must lie where the plan puts it."""
        drawn = self.drawn(scene)
        changed = _with_node(SCENES[scene].plan, node_id, changes)
        image_of = self.draw(changed, scene)
        assert image_of.plan.node(node_id).box == drawn.plan.node(node_id).box
        return image_of.image


def _with_node(plan: LayoutPlan, node_id: str, changes: dict[str, Any]) -> LayoutPlan:
    """`plan` with `changes` made to the node `node_id` (a leaf or a frame), everything else as it was."""

    def rebuilt(node: Frame | Element) -> Frame | Element:
        if node.id == node_id:
            return node.model_copy(update=changes)
        if isinstance(node, Frame):
            return node.model_copy(update={"children": [rebuilt(child) for child in node.children]})
        return node

    root = rebuilt(plan.root)
    return LayoutPlan.model_validate({**plan.model_dump(), "root": root.model_dump()})


# --- the faults: each takes the studio and gives the wrong image with the plan it is verified against -----------

Injected = tuple[Image.Image, LayoutPlan]


def _paint(image: Image.Image, box: Box, color: str) -> Image.Image:
    painted = image.copy()
    painted.paste(hex_to_rgb(color), (box.x, box.y, box.right, box.bottom))
    return painted


def _grown(box: Box, by: int) -> Box:
    return Box(x=box.x - by, y=box.y - by, w=box.w + 2 * by, h=box.h + 2 * by)


def string_covered(studio: Studio) -> Injected:
    """The subtitle painted over with the page's colour, as if another element hid it."""
    drawn = studio.drawn("poster")
    return _paint(drawn.image, _grown(drawn.boxes["when"], 2), PAGE), drawn.plan


def one_object_hidden(studio: Studio) -> Injected:
    """The second of three apples painted over."""
    drawn = studio.drawn("poster")
    return _paint(drawn.image, drawn.instances["apples"][1], PAGE), drawn.plan


def title_recoloured(studio: Studio) -> Injected:
    """The title's ink drawn in blue instead of red, antialiased edges kept: each pixel keeps its share of ink."""
    drawn = studio.drawn("poster")
    box = drawn.boxes["title"]
    pixels = np.asarray(drawn.image, dtype=np.float32).copy()
    patch = pixels[box.y : box.bottom, box.x : box.right]
    page, ink, blue = (np.array(hex_to_rgb(c), dtype=np.float32) for c in (PAGE, "#B42318", "#1D4ED8"))
    share = np.clip((patch - page) @ (ink - page) / float((ink - page) @ (ink - page)), 0.0, 1.0)
    pixels[box.y : box.bottom, box.x : box.right] = page + share[..., None] * (blue - page)
    return Image.fromarray(np.round(pixels).astype(np.uint8), "RGB"), drawn.plan


def one_object_recoloured(studio: Studio) -> Injected:
    """The second apple painted blue where it was red (its leaf kept)."""
    drawn = studio.drawn("poster")
    box = drawn.instances["apples"][1]
    pixels = np.asarray(drawn.image).copy()
    patch = pixels[box.y : box.bottom, box.x : box.right]
    red = (patch[..., 0] > 150) & (patch[..., 1] < 120) & (patch[..., 2] < 120)
    patch[red] = hex_to_rgb("#2B59C3")
    return Image.fromarray(pixels, "RGB"), drawn.plan


def relation_swapped(studio: Studio) -> Injected:
    """The tree and the car trade places: the tree now stands right of the car."""
    drawn = studio.drawn("poster")
    tree, car = (drawn.plan.node(node_id).placed_box for node_id in ("tree", "car"))
    swapped = drawn.image.copy()
    swapped.paste(drawn.image.crop((car.x, car.y, car.right, car.bottom)), (tree.x, tree.y))
    swapped.paste(drawn.image.crop((tree.x, tree.y, tree.right, tree.bottom)), (car.x, car.y))
    return swapped, drawn.plan


def tofu_glyph(studio: Studio) -> Injected:
    """The subtitle set with a character no installed font has (U+E000), drawn as an empty box."""
    drawn = studio.draw(_with_node(POSTER.plan, "when", {"text": "Saturday \ue000 10am"}), "poster")
    return drawn.image, drawn.plan


def moved_off_canvas(studio: Studio) -> Injected:
    """The subtitle's box moved so that it reaches past the right edge (its words still on the canvas)."""
    drawn = studio.draw(_with_node(POSTER.plan, "when", {"box": _box(300, 180, 896, 60)}), "poster")
    return drawn.image, drawn.plan


def chart_bar_missing(studio: Studio) -> Injected:
    """The third bar ('East') painted over with what lies beside it."""
    drawn = studio.drawn("chart")
    chart = drawn.plan.node("chart").placed_box
    pixels = np.asarray(drawn.image)[chart.y : chart.bottom, chart.x : chart.right].astype(np.int16)
    bar_pixels = np.abs(pixels - np.array(hex_to_rgb(BAR_COLOR))).max(axis=2) < 24
    labels, count = ndimage.label(bar_pixels)
    bars = sorted(ndimage.find_objects(labels), key=lambda found: found[1].start)
    assert len(bars) == 5, f"found {count} bar-coloured blobs"
    rows, columns = bars[2]
    east = Box(x=chart.x + columns.start, y=chart.y + rows.start, w=columns.stop - columns.start,
               h=rows.stop - rows.start)  # fmt: skip
    beside = drawn.image.getpixel((east.x - 4, east.y + east.h // 2))
    painted = drawn.image.copy()
    painted.paste(beside, (east.x, east.y, east.right, east.bottom))
    return painted, drawn.plan


def table_cell_rewritten(studio: Studio) -> Injected:
    """One price written as another in the same cell, in the same font."""
    wrong = [row.copy() for row in ROWS]
    wrong[1][2] = "$4.80"
    return studio.redrawn("table", "prices", rows=wrong), studio.drawn("table").plan


def table_stripes_missing(studio: Studio) -> Injected:
    """The table's stripes painted over with the page's colour (its words and rules kept)."""
    drawn = studio.drawn("table")
    stripe = drawn.plan.node("prices.r1c1f")
    assert isinstance(stripe, Frame) and isinstance(stripe.fill, str)
    pixels = np.asarray(drawn.image).copy()
    pixels[np.abs(pixels.astype(np.int16) - hex_to_rgb(stripe.fill)).max(axis=2) < 6] = hex_to_rgb(PAGE)
    return Image.fromarray(pixels, "RGB"), drawn.plan


def table_row_left_out(studio: Studio) -> Injected:
    """The plan drops the last row ('Cold brew') that the brief's price list has."""
    drawn = studio.draw(_with_node(TABLE.plan, "prices", {"rows": ROWS[:2]}), "table")
    return drawn.image, drawn.plan


def card_fill_missing(studio: Studio) -> Injected:
    """The card drawn without its fill (its text still there)."""
    return studio.redrawn("ui", "card", fill=None), studio.drawn("ui").plan


def wrong_icon(studio: Studio) -> Injected:
    """A star where the heart should be."""
    return studio.redrawn("ui", "heart", name="star"), studio.drawn("ui").plan


def qr_other_data(studio: Studio) -> Injected:
    """A QR code that encodes another address."""
    return studio.redrawn("ui", "qr", data="https://example.com/other"), studio.drawn("ui").plan


def toggle_drawn_off(studio: Studio) -> Injected:
    """The switch drawn off where the plan says on."""
    return studio.redrawn("ui", "wifi", value=0), studio.drawn("ui").plan


def asset_missing(studio: Studio) -> Injected:
    """The user's logo never drawn: its box shows the page."""
    drawn = studio.drawn("ui")
    return _paint(drawn.image, drawn.plan.node("brand-logo").placed_box, PAGE), drawn.plan


@dataclass(frozen=True)
class Fault:
    """A fault put into a scene's correct render, and the one check (or lint finding) that must catch it."""

    scene: str
    inject: Callable[[Studio], Injected]
    fails: str  # the constraint id of the check that must fail, or "lint:<code>:<element id>"
    kind: str  # the failing check's kind, or the lint finding's code
    names: str  # what the failed check's measurement (or the finding's message) must say


FAULTS: dict[str, Fault] = {
    "string covered": Fault("poster", string_covered, "when", "text", "read"),
    "one object hidden": Fault("poster", one_object_hidden, "c-apples", "count", "2 apple counted"),
    "wrong text colour": Fault("poster", title_recoloured, "c-title-color", "color", "#1D4ED8"),
    "wrong object colour": Fault("poster", one_object_recoloured, "c-apples-color", "color", "2 of 3"),
    "swapped relation": Fault("poster", relation_swapped, "c-tree-left", "position", "left_of does not hold"),
    "tofu glyph": Fault("poster", tofu_glyph, "when", "text", "read"),
    "element off canvas": Fault("poster", moved_off_canvas, "lint:off_canvas:when", "off_canvas", "past the"),
    "missing chart bar": Fault("chart", chart_bar_missing, "chart", "chart", "no bar for 'East'"),
    "wrong table cell": Fault("table", table_cell_rewritten, "prices.r2c3", "text", "$4.80"),
    "table stripes missing": Fault("table", table_stripes_missing, "prices", "part", "not shown: 'prices.r1c1f'"),
    "table row left out": Fault("table", table_row_left_out, "c-menu", "structure", "missing: Cold brew"),
    "card fill missing": Fault("ui", card_fill_missing, "card", "part", "0% of its edge band"),
    "wrong icon": Fault("ui", wrong_icon, "heart", "icon", "IoU"),
    "qr with other data": Fault("ui", qr_other_data, "qr", "qr", "decoded 'https://example.com/other'"),
    "toggle drawn off": Fault("ui", toggle_drawn_off, "wifi", "part", "off"),
    "asset missing": Fault("ui", asset_missing, "brand-logo", "asset", "blank"),
}


def _statuses(report: VerificationReport) -> dict[str, CheckStatus]:
    """Each check's status by its constraint id, and each lint error as 'lint:<code>:<element id>' (failed).
    Contradictions are left out: they say which failures no revision can fix, not what else is wrong."""
    statuses: dict[str, CheckStatus] = {
        check.constraint_id: check.status for check in report.checks if check.kind != "contradiction"
    }
    statuses |= {f"lint:{finding.code}:{finding.element_id}": "failed" for finding in report.errors()}
    return statuses


@pytest.fixture(scope="module")
def studio() -> Studio:
    return Studio(PlanRenderer(), RenderVerifier())


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_a_correct_render_passes_every_check(studio: Studio, scene: str) -> None:
    report = studio.report(scene)
    assert {check.constraint_id: check.status for check in report.checks if not check.passed} == {}
    assert report.lint == [] and report.passed


def test_every_kind_of_check_is_faulted() -> None:
    kinds = {fault.kind for fault in FAULTS.values()}
    assert kinds == {
        "text", "count", "color", "position", "chart", "part", "icon", "qr", "asset", "structure", "off_canvas"
    }  # fmt: skip


@pytest.mark.parametrize("name", list(FAULTS))
def test_a_fault_fails_exactly_the_check_that_looks_for_it(studio: Studio, name: str) -> None:
    fault = FAULTS[name]
    before = _statuses(studio.report(fault.scene))
    after_report = studio.verify(fault.scene, *fault.inject(studio))
    after = _statuses(after_report)
    # Checks of nodes a fault takes out of the plan (a row left out) are gone, not changed.
    changed = {check: status for check, status in after.items() if before.get(check) != status}
    assert changed == {fault.fails: "failed"}, after_report.summary()
    assert fault.names in _said_by(after_report, fault)
    named = {conflict for check in after_report.checks if check.kind == "contradiction" for conflict in check.conflicts}
    assert named <= {fault.fails, f"plan:{fault.fails}"}  # a tofu glyph no font has can never be drawn


def _said_by(report: VerificationReport, fault: Fault) -> str:
    """The failed check's measurement (its kind checked), or the lint finding's message."""
    if fault.fails.startswith("lint:"):
        return next(f.message for f in report.errors() if f.code == fault.kind)
    failed = next(check for check in report.checks if check.constraint_id == fault.fails)
    assert failed.kind == fault.kind
    return failed.measured


@pytest.mark.parametrize("scene", ["poster", "ui"])
def test_a_blank_canvas_passes_no_check(studio: Studio, scene: str) -> None:
    """The page alone, for a plan that draws texts and objects (poster) or a part, an icon, a QR code, a control and
    an asset (ui): every check fails, none is left passed or unmeasured."""
    drawn = studio.drawn(scene)
    blank = Image.new("RGB", drawn.image.size, hex_to_rgb(PAGE))
    report = studio.verify(scene, blank, drawn.plan)
    assert {check.status for check in report.checks} == {"failed"}, report.summary()


def test_an_empty_plan_fails_its_content_check(studio: Studio) -> None:
    """The "0/0" of old: a plan that draws nothing is one failed check, never a pass."""
    plan = _plan()
    image = Image.new("RGB", (plan.canvas.width, plan.canvas.height), hex_to_rgb(PAGE))
    report = studio.verifier.verify(image, plan, Constraints(brief="a poster"))
    assert [(check.constraint_id, check.kind, check.status) for check in report.checks] == [
        ("content", "plan", "failed")
    ]
