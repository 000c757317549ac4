"""The fakes keep the promises of the Protocols they stand in for, so a test that passes with a fake means something."""

from __future__ import annotations

import pytest
from PIL import Image

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    Detection,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    RegionRequest,
    RenderProgress,
    RequiredColor,
    RequiredCount,
    RequiredText,
    ShapeElement,
    SolidBackground,
    SourceSpan,
    TextElement,
    VerificationReport,
)
from tessera.contract.fakes import (
    FakeDetector,
    FakeGenerator,
    FakeOcrEngine,
    FakePlanner,
    FakeRenderer,
    FakeVerifier,
)

SPAN = SourceSpan(start=0, end=5, quote="brief")
CONSTRAINTS = Constraints(
    brief="A poster with 'HELLO' and three balloons on a red background.",
    items=[
        RequiredText(id="c-text", text="HELLO", source=SPAN),
        RequiredCount(id="c-count", object_class="balloon", count=3, source=SPAN),
        RequiredColor(id="c-color", target="background", color="#cc0000", source=SPAN),
    ],
)
PLAN = LayoutPlan(
    canvas=Canvas(width=512, height=384),
    background=SolidBackground(color="#fafafa"),
    elements=[
        TextElement(id="headline", box=Box(x=32, y=32, w=448, h=96), text="HELLO", color="#112233"),
        ObjectGroup(id="balloons", box=Box(x=32, y=160, w=300, h=100), object_class="balloon", count=3),
        ShapeElement(id="panel", box=Box(x=0, y=300, w=512, h=84), fill="#00ff00"),
        PictureElement(id="photo", box=Box(x=360, y=160, w=120, h=100), prompt="a beach"),
    ],
)


def test_the_fake_planner_plans_every_required_text_and_count_on_the_asked_canvas() -> None:
    canvas = Canvas(width=768, height=512)
    plan = FakePlanner().plan(CONSTRAINTS, canvas).plan
    assert plan.canvas == canvas
    assert [t.text for t in plan.texts()] == ["HELLO"]
    assert [(g.object_class, g.count) for g in plan.object_groups()] == [("balloon", 3)]
    assert all(e.box.inside(canvas.width, canvas.height) for e in plan.elements)


def test_the_fake_planner_moves_a_given_plan_onto_the_asked_canvas() -> None:
    canvas = Canvas(width=512, height=512)
    result = FakePlanner(PLAN, name="scripted").plan(CONSTRAINTS, canvas)
    assert result.planner == "scripted"
    assert result.plan.canvas == canvas and result.plan.elements == PLAN.elements


def test_a_fake_revision_keeps_the_elements_and_records_its_attempt() -> None:
    planner = FakePlanner()
    first = planner.plan(CONSTRAINTS, Canvas()).plan
    revised = [planner.revise(first, CONSTRAINTS, VerificationReport(), attempt=n) for n in (1, 2)]
    assert planner.revisions == [1, 2]
    assert revised[1].plan.elements == first.elements
    assert revised[1].notes == ["revision 2"]


def test_the_fake_renderer_draws_an_rgb_image_of_the_canvas_size() -> None:
    image = FakeRenderer().render(PLAN).image
    assert (image.mode, image.size) == ("RGB", (512, 384))


def test_the_fake_renderers_manifest_lists_every_element_of_the_plan() -> None:
    manifest = FakeRenderer(notices=["a notice"]).render(PLAN).manifest
    assert [(i.element_id, i.kind) for i in manifest.items] == [(e.id, e.kind) for e in PLAN.elements]
    assert len(manifest.items[1].instance_boxes) == 3
    assert manifest.items[0].lines == ["HELLO"]
    assert manifest.notices == ["a notice"]


def test_the_fake_renderer_paints_each_element_where_the_plan_puts_it() -> None:
    image = FakeRenderer().render(PLAN).image
    assert image.getpixel((100, 80)) == (0x11, 0x22, 0x33)
    assert image.getpixel((10, 350)) == (0, 255, 0)
    assert image.getpixel((500, 10)) == (0xFA, 0xFA, 0xFA)


def test_the_fake_renderer_reports_progress_of_pictures() -> None:
    heard: list[RenderProgress] = []
    FakeRenderer().render(PLAN, on_progress=heard.append)
    assert [(p.element_id, p.step, p.steps) for p in heard] == [("photo", 1, 1)]


def test_the_fake_renderer_crashes_on_the_asked_call_only() -> None:
    renderer = FakeRenderer(crash_on_call=2)
    renderer.render(PLAN)
    with pytest.raises(RuntimeError, match="crashed"):
        renderer.render(PLAN)
    renderer.render(PLAN)
    assert renderer.calls == 3


def test_the_fake_verifier_checks_every_constraint() -> None:
    report = FakeVerifier().verify(Image.new("RGB", (512, 384)), PLAN, CONSTRAINTS)
    assert [(c.constraint_id, c.kind) for c in report.checks] == [(c.id, c.kind) for c in CONSTRAINTS.items]
    assert report.passed


def test_the_fake_verifier_fails_the_first_calls_then_passes() -> None:
    verifier = FakeVerifier(failures=2)
    image = Image.new("RGB", (512, 384))
    verdicts = [verifier.verify(image, PLAN, CONSTRAINTS).passed for _ in range(4)]
    assert verdicts == [False, False, True, True]
    assert verifier.calls == 4


def test_the_fake_verifier_answers_scripted_reports_then_repeats_the_last() -> None:
    failing = VerificationReport(
        checks=[ConstraintCheck(constraint_id="c", kind="text", passed=False, expected="HELLO", measured="HELL")]
    )
    verifier = FakeVerifier(reports=[failing, VerificationReport()])
    image = Image.new("RGB", (512, 384))
    reports = [verifier.verify(image, PLAN, CONSTRAINTS) for _ in range(3)]
    assert reports == [failing, VerificationReport(), VerificationReport()]


def test_the_fake_ocr_engine_reads_its_texts_in_order_then_the_last_again() -> None:
    ocr = FakeOcrEngine("HELL", "HELLO")
    image = Image.new("L", (200, 40), 255)
    texts = [ocr.read(image, script="latin", single_line=True).text for _ in range(3)]
    assert texts == ["HELL", "HELLO", "HELLO"]


def test_the_fake_ocr_engine_records_how_it_was_asked_to_read() -> None:
    ocr = FakeOcrEngine("Привет")
    ocr.read(Image.new("L", (120, 30), 255), script="cyrillic", single_line=False, alphabet="Привет")
    (call,) = ocr.calls
    assert (call.script, call.single_line, call.alphabet, call.size) == ("cyrillic", False, "Привет", (120, 30))


def test_a_fake_ocr_engine_without_texts_reads_nothing() -> None:
    reading = FakeOcrEngine().read(Image.new("L", (64, 32), 255), script="latin", single_line=True)
    assert (reading.text, reading.confidence) == ("", 0.0)


def test_the_fake_detector_finds_only_the_asked_for_labels() -> None:
    cat = Detection(label="cat", box=Box(x=1, y=2, w=30, h=40), score=0.9)
    dog = Detection(label="dog", box=Box(x=50, y=2, w=30, h=40), score=0.2)
    detector = FakeDetector([cat, dog], threshold=0.25)
    assert detector.detect(Image.new("RGB", (100, 60)), ["cat"]) == [cat]
    assert detector.detect(Image.new("RGB", (100, 60)), ["cat", "dog"]) == [cat, dog]
    assert detector.threshold == 0.25 and detector.name == "fake detector"
    assert detector.calls == [((100, 60), ("cat",)), ((100, 60), ("cat", "dog"))]


@pytest.mark.parametrize(("width", "height"), [(64, 64), (37, 211), (1, 1), (300, 17)])
def test_the_fake_generator_returns_exactly_the_requested_size(width: int, height: int) -> None:
    image = FakeGenerator().generate(RegionRequest(prompt="a cat", width=width, height=height))
    assert (image.mode, image.size) == ("RGB", (width, height))


def test_the_same_request_gives_the_same_pixels_and_another_seed_others() -> None:
    generator = FakeGenerator()
    first, again, other = (
        generator.generate(RegionRequest(prompt="a cat", width=32, height=32, seed=seed)) for seed in (1, 1, 2)
    )
    assert first.tobytes() == again.tobytes()
    assert first.tobytes() != other.tobytes()


def test_the_fake_generator_paints_its_given_colour() -> None:
    image = FakeGenerator("#336699").generate(RegionRequest(prompt="sky", width=8, height=8))
    assert image.getcolors() == [(64, (0x33, 0x66, 0x99))]


def test_inpainting_keeps_every_pixel_outside_the_mask() -> None:
    context = Image.new("RGB", (40, 20), "#ffffff")
    mask = Image.new("L", (40, 20), 0)
    mask.paste(255, (0, 0, 20, 20))
    image = FakeGenerator("#000000").generate(
        RegionRequest(prompt="x", width=40, height=20, context=context, mask=mask)
    )
    assert image.getpixel((5, 5)) == (0, 0, 0)
    assert image.getpixel((30, 5)) == (255, 255, 255)


def test_the_fake_generator_reports_every_step() -> None:
    steps: list[tuple[int, int]] = []
    FakeGenerator().generate(
        RegionRequest(prompt="x", width=8, height=8, steps=3), on_step=lambda s, n: steps.append((s, n))
    )
    assert steps == [(1, 3), (2, 3), (3, 3)]
