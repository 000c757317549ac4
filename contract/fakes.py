"""A fake of each part's Protocol: instant, deterministic, and true to what its Protocol promises.

Tests of everything that uses a part (the graph, the services, the CLI) take these instead of the real
implementations, so they are about their own logic; demos run with them on a machine without fonts, OCR data
or model weights. Each fake records what it was asked, for tests to assert on.

- `FakePlanner`: plans one text element per required text and one sprite group per required count.
- `FakeRenderer`: paints flat boxes and lists every element of the plan in its manifest.
- `FakeVerifier`: fails the first N reports, then passes; or answers a script of reports.
- `FakeOcrEngine`: reads the texts it is given, in order.
- `FakeDetector`: finds the detections it is given, whatever the image.
- `FakeGenerator`: fills a region with one flat colour, of exactly the requested size.

Only the contract, pydantic and Pillow are imported here, so importing the fakes costs no more than the contract.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from PIL import Image, ImageDraw

from tessera.contract.generation import RegionRequest, StepCallback
from tessera.contract.material import SuppliedFiles
from tessera.contract.plan import (
    Box,
    Canvas,
    Element,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    Script,
    ShapeElement,
    SolidBackground,
    TextElement,
    TransparentBackground,
    root_frame,
)
from tessera.contract.planning import PlanResult
from tessera.contract.reading import (
    Constraint,
    Constraints,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
)
from tessera.contract.rendering import DrawnItem, ProgressCallback, RenderManifest, RenderProgress, RenderResult
from tessera.contract.report import ConstraintCheck, VerificationReport
from tessera.contract.verification import Detection, OcrReading

_MARGIN = 32
_PICTURE_GREY = "#9a9a9a"
_OBJECT_GREY = "#6b6b6b"


class FakePlanner:
    """Answers a given plan, or stacks one band per required text and count; a revision only renames the rationale.

    `revisions` lists the `attempt` of each `revise` call, and `seeds` the seeds of each `plan` call, in order.
    """

    def __init__(self, plan: LayoutPlan | None = None, *, name: str = "fake") -> None:
        self.name = name
        self.revisions: list[int] = []
        self.seeds: list[tuple[int, int | None]] = []
        self._plan = plan

    def plan(
        self, constraints: Constraints, canvas: Canvas, *, seed: int = 0, style_seed: int | None = None
    ) -> PlanResult:
        """The given plan moved onto `canvas`, or a plan of `constraints`' texts and counts in horizontal bands;
        `seeds` records each call's (seed, style seed), the style seed as given."""
        self.seeds.append((seed, style_seed))
        if self._plan is not None:
            plan = self._plan.model_copy(update={"canvas": canvas})
        else:
            plan = _banded_plan(constraints, canvas)
        return PlanResult(plan=plan, planner=self.name)

    def revise(
        self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
    ) -> PlanResult:
        """The same elements under the rationale 'revision <attempt>'."""
        self.revisions.append(attempt)
        note = f"revision {attempt}"
        return PlanResult(plan=plan.model_copy(update={"rationale": note}), planner=self.name, notes=[note])


def _banded_plan(constraints: Constraints, canvas: Canvas) -> LayoutPlan:
    """A white plan with one full-width band per required text (a text element) and count (a sprite group)."""
    wanted = [c for c in constraints.items if isinstance(c, RequiredText | RequiredCount)]
    band = (canvas.height - 2 * _MARGIN) // max(1, len(wanted))
    elements: list[Element] = []
    for index, constraint in enumerate(wanted):
        box = Box(x=_MARGIN, y=_MARGIN + index * band, w=canvas.width - 2 * _MARGIN, h=max(1, band - 8))
        if isinstance(constraint, RequiredText):
            text = TextElement(
                id=f"text-{index}",
                box=box,
                text=constraint.text,
                script=constraint.script,
                language=constraint.language,
            )
            elements.append(text)
        else:
            group = ObjectGroup(
                id=f"objects-{index}", box=box, object_class=constraint.object_class, count=constraint.count
            )
            elements.append(group)
    return LayoutPlan(
        canvas=canvas,
        background=SolidBackground(color="#ffffff"),
        root=root_frame(elements),
        rationale="fake plan",
    )


class FakeRenderer:
    """Paints the background's colour (a gradient's start) and each element as a flat box, in z order.

    The manifest lists every element of the plan, an object group with one instance box per object in a row.
    `calls` counts renders; with `crash_on_call`, that render raises RuntimeError, as an unexpected fault would.
    """

    def __init__(self, *, notices: Sequence[str] = (), crash_on_call: int | None = None) -> None:
        self.calls = 0
        self.notices = list(notices)
        self.crash_on_call = crash_on_call

    def render(
        self,
        plan: LayoutPlan,
        *,
        seed: int = 0,
        on_progress: ProgressCallback | None = None,
        svg: bool = False,
        files: SuppliedFiles | None = None,
    ) -> RenderResult:
        """The flat image and the manifest; `on_progress` hears one step per picture element; with `svg`, the same
        boxes as an SVG document, each text's string in a `<text>`.

        It lays nothing out: every leaf of `plan` must have its box, and the manifest's laid-out plan is `plan`."""
        self.calls += 1
        if self.calls == self.crash_on_call:
            raise RuntimeError(f"fake renderer crashed on call {self.calls}")
        background = plan.background
        if isinstance(background, TransparentBackground):
            image = Image.new("RGBA", (plan.canvas.width, plan.canvas.height), (0, 0, 0, 0))
        else:
            fill = background.color if isinstance(background, SolidBackground) else background.start
            image = Image.new("RGB", (plan.canvas.width, plan.canvas.height), fill)
        draw = ImageDraw.Draw(image)
        for element in sorted(plan.elements, key=lambda e: e.z):
            box = element.placed_box
            draw.rectangle((box.x, box.y, box.right - 1, box.bottom - 1), fill=_flat_colour(element))
            if isinstance(element, PictureElement) and on_progress is not None:
                on_progress(RenderProgress(element_id=element.id, step=1, steps=1, message="painted flat"))
        items = [_drawn(element) for element in plan.elements]
        return RenderResult(
            image=image,
            manifest=RenderManifest(canvas=plan.canvas, plan=plan, items=items, notices=self.notices),
            svg=_flat_svg(plan) if svg else None,
        )


def _flat_svg(plan: LayoutPlan) -> str:
    """The fake's flat boxes as an SVG document, with each text's string as live text."""
    parts = []
    for element in sorted(plan.elements, key=lambda e: e.z):
        box = element.placed_box
        parts.append(f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" fill="{_flat_colour(element)}"/>')
        if isinstance(element, TextElement):
            parts.append(f'<text x="{box.x}" y="{box.bottom}" xml:space="preserve">{xml_escape(element.text)}</text>')
    width, height = plan.canvas.width, plan.canvas.height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg>\n'
    )


def _flat_colour(element: Element) -> str:
    if isinstance(element, TextElement):
        return element.color
    if isinstance(element, ShapeElement):
        return element.fill or element.stroke or _OBJECT_GREY
    if isinstance(element, ObjectGroup):
        return element.color or _OBJECT_GREY
    return _PICTURE_GREY


def _drawn(element: Element) -> DrawnItem:
    text = element if isinstance(element, TextElement) else None
    return DrawnItem(
        element_id=element.id,
        kind=element.kind,
        box=element.placed_box,
        ink_box=element.placed_box,
        instance_boxes=_row_of(element.placed_box, element.count) if isinstance(element, ObjectGroup) else [],
        font_size=text.font_size if text else None,
        lines=[text.text] if text else [],
    )


def _row_of(box: Box, count: int) -> list[Box]:
    width = max(1, box.w // count)
    return [Box(x=box.x + i * width, y=box.y, w=width, h=box.h) for i in range(count)]


class FakeVerifier:
    """Checks every constraint of the brief and fails them all for the first `failures` calls, then passes them.

    Given `reports`, it answers those in order instead, and the last one again once they run out.
    `calls` counts the reports written.
    """

    def __init__(self, failures: int = 0, *, reports: Sequence[VerificationReport] = ()) -> None:
        self.failures = failures
        self.reports = list(reports)
        self.calls = 0

    def verify(self, image: Image.Image, plan: LayoutPlan, constraints: Constraints) -> VerificationReport:
        """The next scripted report, or one check per constraint, passed once `failures` calls have failed."""
        self.calls += 1
        if self.reports:
            return self.reports[min(self.calls, len(self.reports)) - 1]
        passed = self.calls > self.failures
        return VerificationReport(checks=[_check(c, passed, self.failures) for c in constraints.items])


def _check(constraint: Constraint, passed: bool, failures: int) -> ConstraintCheck:
    expected = _expected(constraint)[:600]
    return ConstraintCheck(
        constraint_id=constraint.id,
        kind=constraint.kind,
        status="passed" if passed else "failed",
        expected=expected,
        measured=expected if passed else "nothing (the fake verifier fails this call)",
        evidence=f"fake verifier: fails the first {failures} call(s), then passes",
    )


def _expected(constraint: Constraint) -> str:
    if isinstance(constraint, RequiredText):
        return constraint.text
    if isinstance(constraint, RequiredCount):
        return f"{constraint.count} {constraint.object_class}"
    if isinstance(constraint, RequiredColor):
        return f"{constraint.target} {constraint.color}"
    assert isinstance(constraint, RequiredPosition)
    where = constraint.region or f"{constraint.relation} {constraint.reference}"
    return f"{constraint.subject} {where}"


@dataclass(frozen=True)
class OcrCall:
    """What `FakeOcrEngine.read` was asked: the script, whether one line, the alphabet, and the image's size."""

    script: Script
    single_line: bool
    alphabet: str
    size: tuple[int, int]


class FakeOcrEngine:
    """Reads the given texts in order, one per call, and the last one again once they run out ("" with none).

    `calls` records each request, so a test can see how the verifier read a box.
    """

    def __init__(self, *texts: str, confidence: float = 95.0) -> None:
        self.texts = list(texts)
        self.confidence = confidence
        self.calls: list[OcrCall] = []

    def read(self, image: Image.Image, *, script: Script, single_line: bool, alphabet: str = "") -> OcrReading:
        """The next text, whatever the image holds."""
        self.calls.append(OcrCall(script=script, single_line=single_line, alphabet=alphabet, size=image.size))
        text = self.texts[min(len(self.calls), len(self.texts)) - 1] if self.texts else ""
        return OcrReading(text=text, confidence=self.confidence if text else 0.0, engine="fake ocr")


class FakeDetector:
    """Finds the given detections of the asked-for labels, whatever the image.

    `calls` records each request as (image size, labels).
    """

    def __init__(
        self, detections: Sequence[Detection] = (), *, threshold: float = 0.3, name: str = "fake detector"
    ) -> None:
        self.detections = list(detections)
        self.name = name
        self.threshold = threshold
        self.calls: list[tuple[tuple[int, int], tuple[str, ...]]] = []

    def detect(self, image: Image.Image, labels: Sequence[str]) -> list[Detection]:
        """The given detections whose label is one of `labels`, in the order given."""
        self.calls.append((image.size, tuple(labels)))
        return [d for d in self.detections if d.label in labels]


class FakeGenerator:
    """Fills a region with one flat colour: `color`, or one derived from the prompt and seed.

    Like a real generator, the same request gives the same pixels, another seed others, and with a mask the
    pixels outside it are the context's. `on_step` hears every step. `requests` records what was asked.
    """

    def __init__(self, color: str | None = None, *, name: str = "fake:flat") -> None:
        self.color = color
        self.name = name
        self.requests: list[RegionRequest] = []

    def generate(self, request: RegionRequest, on_step: StepCallback | None = None) -> Image.Image:
        """An RGB image of exactly `request.width` x `request.height`."""
        self.requests.append(request)
        steps = request.steps or 1
        for step in range(1, steps + 1):
            if on_step is not None:
                on_step(step, steps)
        image = Image.new("RGB", (request.width, request.height), self.color or _colour_of(request))
        if request.context is not None and request.mask is not None:
            image = Image.composite(image, request.context.convert("RGB"), request.mask.convert("L"))
        return image


def _colour_of(request: RegionRequest) -> str:
    # A stable digest, not hash(): str hashes change between processes.
    digest = hashlib.sha256(f"{request.seed}:{request.prompt}".encode()).hexdigest()
    return f"#{digest[:6]}"
