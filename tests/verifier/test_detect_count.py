"""Counts of generated objects: a detector counts them in the group box; without one the check is not verified.

The detector here is a fake that really looks at the pixels it is given: it finds painted
marker squares, so what it returns is in the crop's coordinates, exactly as a model's would be.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from PIL import Image, ImageDraw
from scipy import ndimage

from tessera.contract import Box, ConstraintCheck, Detection, Detector, ObjectGroup, RequiredCount, VerificationReport
from tessera.verifier import RenderVerifier
from tessera.verifier._detect_count import deduplicate

THRESHOLD = 0.3
GROUP_BOX = Box(x=112, y=312, w=800, h=400)
MARKER = 60


class MarkerDetector:
    """Detects solid squares of pure red (R 255, B 0 or 255); green is the score (G/255).

    A marker with B 255 is also reported a second time, 2 px off and less sure, as real
    detectors report one object twice.
    """

    name = "marker-detector (fake)"
    threshold = THRESHOLD

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[int, int], tuple[str, ...]]] = []

    def detect(self, image: Image.Image, labels: Sequence[str]) -> list[Detection]:
        self.calls.append((image.size, tuple(labels)))
        px = np.asarray(image.convert("RGB")).astype(int)
        marked = (px[..., 0] == 255) & np.isin(px[..., 2], (0, 255))
        blobs, _ = ndimage.label(marked)
        found = []
        for rows, cols in ndimage.find_objects(blobs):
            box = Box(x=cols.start, y=rows.start, w=cols.stop - cols.start, h=rows.stop - rows.start)
            _, green, blue = px[rows.start, cols.start]
            score = green / 255
            found.append(Detection(label=labels[0], box=box, score=score))
            if blue == 255:
                twin = Box(x=box.x + 2, y=box.y + 2, w=box.w, h=box.h)
                found.append(Detection(label=labels[0], box=twin, score=score - 0.05))
        return found


def paint_marker(image: Image.Image, x: int, y: int, score: float, duplicate: bool = False) -> Box:
    """A marker square at (x, y) that MarkerDetector reports with `score`."""
    colour = (255, round(score * 255), 255 if duplicate else 0)
    ImageDraw.Draw(image).rectangle((x, y, x + MARKER - 1, y + MARKER - 1), fill=colour)
    return Box(x=x, y=y, w=MARKER, h=MARKER)


def generated_cats(count: int = 3) -> ObjectGroup:
    return ObjectGroup(id="cats", box=GROUP_BOX, object_class="cat", count=count, look="generated")


@pytest.fixture
def scene(plan_of):
    """A generated group of cats with three confident markers in it, one of them reported twice, and
    three that must not count: one below the threshold, one centred just outside the box, one far away."""
    plan = plan_of([generated_cats()])
    image = Image.new("RGB", (1024, 1024), "#f4efe6")
    kept = [
        paint_marker(image, 200, 400, 0.9),
        paint_marker(image, 400, 400, 0.8, duplicate=True),
        paint_marker(image, 600, 400, 0.7),
    ]
    paint_marker(image, 750, 560, 0.2)  # inside, below the threshold
    paint_marker(image, GROUP_BOX.right - 20, 500, 0.9)  # straddles the right edge: centre outside
    paint_marker(image, 20, 20, 0.95)  # far outside the group box
    return plan, image, kept


def _count_check(verifier, plan, image, constraints_of, span, count: int = 3, object_class: str = "cats"):
    constraints = constraints_of(RequiredCount(id="c", object_class=object_class, count=count, source=span))
    return verifier.verify(image, plan, constraints).checks[0]


def test_a_generated_group_is_counted_from_confident_distinct_detections_centred_in_its_box(
    scene, ocr, constraints_of, span
) -> None:
    plan, image, _ = scene
    check = _count_check(RenderVerifier(ocr, detector=MarkerDetector()), plan, image, constraints_of, span)
    assert check.passed and check.verified
    assert check.measured == "3 cats counted"
    assert check.element_ids == ["cats"]
    assert check.box == Box(x=200, y=400, w=460, h=60)  # the three kept boxes, back in canvas pixels
    assert "found by marker-detector (fake) at score ≥ 0.30" in check.evidence
    assert "(200,400,60x60) 0.90, (400,400,60x60) 0.80, (600,400,60x60) 0.70" in check.evidence
    assert "1 duplicate box(es) (IoU ≥ 0.5) merged" in check.evidence
    assert "1 below the threshold" in check.evidence
    assert "1 centred outside the group box" in check.evidence


def test_a_missing_generated_instance_fails_the_count_with_the_measured_number(
    scene, ocr, constraints_of, span
) -> None:
    plan, image, _ = scene
    ImageDraw.Draw(image).rectangle((600, 400, 659, 459), fill="#f4efe6")
    check = _count_check(RenderVerifier(ocr, detector=MarkerDetector()), plan, image, constraints_of, span)
    assert not check.passed and check.verified
    assert check.measured == "2 cats counted"


def test_the_detector_sees_the_group_box_with_a_margin_and_is_asked_for_the_class(
    scene, ocr, constraints_of, span
) -> None:
    plan, image, _ = scene
    detector = MarkerDetector()
    _count_check(RenderVerifier(ocr, detector=detector), plan, image, constraints_of, span)
    [(size, labels)] = detector.calls
    assert labels == ("cat",)
    assert GROUP_BOX.w < size[0] < 1024 and GROUP_BOX.h < size[1] < 1024


def test_sprite_groups_keep_the_pixel_counter_when_a_detector_is_present(
    painter, plan_of, ocr, constraints_of, span
) -> None:
    group = ObjectGroup(id="g", box=Box(x=64, y=420, w=896, h=220), object_class="balloon", count=3)
    plan = plan_of([group])
    detector = MarkerDetector()
    check = _count_check(RenderVerifier(ocr, detector=detector), plan, painter.render(plan), constraints_of, span,
                         object_class="balloon")  # fmt: skip
    assert check.passed and check.verified
    assert check.measured == "3 balloon counted"
    assert check.evidence.startswith("counted from pixels")
    assert detector.calls == []


def test_sprite_and_generated_groups_of_one_class_add_up(scene, painter, plan_of, ocr, constraints_of, span) -> None:
    _, image, _ = scene
    sprites = ObjectGroup(id="sprite-cats", box=Box(x=64, y=780, w=896, h=200), object_class="cat", count=2)
    plan = plan_of([generated_cats(), sprites])
    painter.objects(image, sprites, seed=0)
    check = _count_check(RenderVerifier(ocr, detector=MarkerDetector()), plan, image, constraints_of, span, count=5)
    assert check.passed, check.evidence
    assert check.measured == "5 cats counted"
    assert check.element_ids == ["cats", "sprite-cats"]
    assert "counted from pixels" in check.evidence and "counted by detection" in check.evidence


def test_without_a_detector_a_generated_count_is_not_verified_and_says_what_to_set(
    scene, ocr, constraints_of, span
) -> None:
    plan, image, _ = scene
    check = _count_check(RenderVerifier(ocr), plan, image, constraints_of, span, count=7)
    assert check.status == "not_verified"
    assert check.measured == "not measured: no detector is configured"
    assert check.evidence.startswith(
        "not verified: no detector is configured (set TESSERA_DETECTOR=owlv2 and TESSERA_DETECTOR_MODEL="
    )
    assert "whose instances a generator painted" in check.evidence  # drawn as sprites, it would be counted
    assert check.instances == []
    assert check.box == GROUP_BOX


def test_the_summary_names_the_checks_nobody_could_measure(scene, painter, ocr, plan_of, constraints_of, span) -> None:
    _, image, _ = scene
    balloons = ObjectGroup(id="balloons", box=Box(x=64, y=780, w=896, h=200), object_class="balloon", count=2)
    plan = plan_of([generated_cats(), balloons])
    painter.objects(image, balloons, seed=0)
    constraints = constraints_of(
        RequiredCount(id="c-cats", object_class="cats", count=3, source=span),
        RequiredCount(id="c-balloons", object_class="balloons", count=2, source=span),
    )
    report = RenderVerifier(ocr).verify(image, plan, constraints)
    assert report.summary() == "passed 1, failed 0, not verified 1"
    assert [c.constraint_id for c in report.unverified()] == ["c-cats"]
    assert report.failures() == [] and report.passed


def test_a_report_written_before_verified_existed_loads_as_verified() -> None:
    old = {"checks": [{"constraint_id": "c", "kind": "count", "passed": True, "expected": "3", "measured": "3"}],
           "lint": [], "passed": True}  # fmt: skip
    report = VerificationReport.model_validate(old)
    assert report.checks[0].verified
    assert report.summary() == "passed 1, failed 0, not verified 0"


def test_verified_false_survives_report_json() -> None:
    check = ConstraintCheck(constraint_id="c", kind="count", passed=True, verified=False, expected="3", measured="?")
    again = VerificationReport.model_validate_json(VerificationReport(checks=[check]).model_dump_json())
    assert not again.checks[0].verified


def test_overlapping_detections_keep_the_most_confident_and_distinct_ones_survive() -> None:
    a = Detection(label="cat", box=Box(x=0, y=0, w=100, h=100), score=0.6)
    b = Detection(label="cat", box=Box(x=10, y=10, w=100, h=100), score=0.9)  # IoU with a: 0.68
    c = Detection(label="cat", box=Box(x=60, y=0, w=100, h=100), score=0.5)  # IoU with b: 0.29
    kept, suppressed = deduplicate([a, b, c])
    assert kept == [b, c] and suppressed == [a]


def test_the_fake_satisfies_the_detector_protocol() -> None:
    detector: Detector = MarkerDetector()
    assert detector.threshold == THRESHOLD
