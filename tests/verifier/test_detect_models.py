"""The transformers detectors (OWLv2, Grounding DINO), loaded by the `from_pretrained` path a real checkpoint takes.

The model is tiny and random (tests/detector_models.py): its detections are arbitrary, so
these tests assert loading, errors and plumbing, and the counting logic is specified with a
fake in test_detect_count.py.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tessera.contract import Box, Detection, Detector, ObjectGroup, RequiredCount, SetupError
from tessera.verifier import DetectorConfig, RenderVerifier, load_detector
from tessera.verifier._detect_count import MARGIN_FRACTION, deduplicate
from tests.detector_models import save_tiny_grounding_dino, save_tiny_owlv2

GROUP_BOX = Box(x=64, y=128, w=384, h=256)


class RecordingDetector:
    """Passes calls to a real detector and keeps what it returned."""

    def __init__(self, inner: Detector) -> None:
        self.inner = inner
        self.returned: list[Detection] = []
        self.images: list[Image.Image] = []

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def threshold(self) -> float:
        return self.inner.threshold

    def detect(self, image: Image.Image, labels: Sequence[str]) -> list[Detection]:
        self.images.append(image)
        self.returned = self.inner.detect(image, labels)
        return self.returned


@pytest.fixture(scope="session")
def owlv2_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random OWLv2 checkpoint folder, built once per session."""
    return save_tiny_owlv2(tmp_path_factory.mktemp("tiny-owlv2"))


@pytest.fixture(scope="session")
def grounding_dino_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Grounding DINO checkpoint folder, built once per session."""
    return save_tiny_grounding_dino(tmp_path_factory.mktemp("tiny-grounding-dino"))


@pytest.fixture
def owlv2(owlv2_folder: Path) -> Detector:
    detector = load_detector(DetectorConfig(backend="owlv2", model=str(owlv2_folder), device="cpu"))
    assert detector is not None
    return detector


def _poster() -> Image.Image:
    image = Image.new("RGB", (512, 512), "#dbe7f0")
    draw = ImageDraw.Draw(image)
    for x in (96, 224, 352):
        draw.ellipse((x, 200, x + 64, 264), fill="#c0392b")
    return image


def test_a_tiny_owlv2_loads_from_its_folder_and_detects_in_image_pixels(owlv2: Detector, owlv2_folder: Path) -> None:
    assert owlv2.name == f"owlv2 ({owlv2_folder})"
    assert owlv2.threshold == 0.3
    image = Image.new("RGB", (300, 200), "#808080")
    detections = owlv2.detect(image, ["cat", "dog"])
    assert detections, "a random OWLv2 with 16 patches still proposes boxes"
    for d in detections:
        assert d.label in ("cat", "dog")
        assert d.box.x >= 0 and d.box.right <= 300 and d.box.y >= 0 and d.box.bottom <= 200
        assert d.score >= 0.15  # candidates from half the threshold up, for evidence of near misses


def test_the_verifier_counts_a_generated_group_with_the_owlv2_detector(
    owlv2: Detector, ocr, plan_of, constraints_of, span
) -> None:
    group = ObjectGroup(id="apples", box=GROUP_BOX, object_class="apple", count=3, look="generated")
    plan = plan_of([group], size=(512, 512))
    recording = RecordingDetector(owlv2)
    constraints = constraints_of(RequiredCount(id="c", object_class="apple", count=3, source=span))
    check = RenderVerifier(ocr, detector=recording).verify(_poster(), plan, constraints).checks[0]

    # what the verifier should keep from what the model returned (crop pixels; the crop starts one margin early)
    assert len(recording.images) == 1
    margin = round(MARGIN_FRACTION * min(GROUP_BOX.w, GROUP_BOX.h))
    x0, y0 = GROUP_BOX.x - margin, GROUP_BOX.y - margin
    inside = [
        d for d in recording.returned
        if d.score >= owlv2.threshold
        and GROUP_BOX.x <= x0 + d.box.center[0] <= GROUP_BOX.right
        and GROUP_BOX.y <= y0 + d.box.center[1] <= GROUP_BOX.bottom
    ]  # fmt: skip
    kept, _ = deduplicate(inside)
    assert kept, "the tiny model's patch grid puts a few confident boxes inside the group box"
    assert check.verified
    assert check.measured == f"{len(kept)} apple counted"
    assert check.passed == (len(kept) == 3)
    assert f"found by {owlv2.name} at score ≥ 0.30" in check.evidence
    assert f"{len(kept)} instance(s) in group 'apples'" in check.evidence


def test_a_tiny_grounding_dino_counts_a_generated_group_through_the_same_path(
    grounding_dino_folder: Path, ocr, plan_of, constraints_of, span
) -> None:
    detector = load_detector(DetectorConfig(backend="grounding-dino", model=str(grounding_dino_folder), device="cpu"))
    assert detector is not None
    detections = detector.detect(Image.new("RGB", (300, 200), "#808080"), ["cat", "dog"])
    assert detections and {d.label for d in detections} <= {"cat", "dog"}
    group = ObjectGroup(id="cats", box=GROUP_BOX, object_class="cat", count=3, look="generated")
    constraints = constraints_of(RequiredCount(id="c", object_class="cat", count=3, source=span))
    check = RenderVerifier(ocr, detector=detector).verify(_poster(), plan_of([group], size=(512, 512)), constraints)
    [count] = check.checks
    assert count.verified and count.measured.endswith(" cat counted")
    assert f"found by grounding-dino ({grounding_dino_folder})" in count.evidence


def test_one_model_per_configuration_is_shared_even_when_threads_load_it_at_once(owlv2_folder: Path) -> None:
    config = DetectorConfig(backend="owlv2", model=str(owlv2_folder), threshold=0.42, device="cpu")
    loaded: list[Detector | None] = []
    threads = [threading.Thread(target=lambda: loaded.append(load_detector(config))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loaded) == 4 and all(d is loaded[0] for d in loaded)
    assert load_detector(config.model_copy()) is loaded[0]


def test_missing_weights_raise_a_setup_error_naming_the_model_and_the_setting(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(SetupError, match=r"could not load the owlv2 detector .*no-such-model.*TESSERA_DETECTOR_MODEL"):
        load_detector(DetectorConfig(backend="owlv2", model=str(missing)))


def test_weights_of_another_family_are_refused(owlv2_folder: Path) -> None:
    with pytest.raises(SetupError, match="is a 'owlv2' model, not grounding-dino: set TESSERA_DETECTOR"):
        load_detector(DetectorConfig(backend="grounding-dino", model=str(owlv2_folder), device="cpu"))


def test_a_detector_without_weights_is_a_setup_error_and_none_loads_nothing() -> None:
    assert load_detector(DetectorConfig()) is None
    with pytest.raises(SetupError, match="set TESSERA_DETECTOR_MODEL"):
        load_detector(DetectorConfig(backend="owlv2"))


def test_an_engine_asked_for_a_detector_it_cannot_load_stops_at_start(tmp_path: Path) -> None:
    from tessera.agents import Settings
    from tessera.agents.engine import Engine

    settings = Settings(
        home=tmp_path / "home", detector=DetectorConfig(backend="owlv2", model=str(tmp_path / "absent"))
    )
    with pytest.raises(SetupError, match="TESSERA_DETECTOR_MODEL"):
        Engine(settings)


def test_an_engine_configured_with_owlv2_verifies_with_it(tmp_path: Path, owlv2_folder: Path) -> None:
    from tessera.agents import Settings
    from tessera.agents.engine import Engine

    settings = Settings(home=tmp_path / "home", detector=DetectorConfig(backend="owlv2", model=str(owlv2_folder)))
    engine = Engine(settings)
    try:
        assert isinstance(engine.verifier, RenderVerifier)
        assert engine.verifier.detector is not None and engine.verifier.detector.name == f"owlv2 ({owlv2_folder})"
    finally:
        getattr(engine, "close", lambda: None)()
