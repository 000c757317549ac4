"""A brief with a photo region and generated objects, through the whole graph: rules planner, tiny generator,
real verifier with a tiny detector. Random weights paint noise, so the assertions are about plumbing:
what the plan asks for is what gets generated, counted and reported, and nothing is substituted silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import ObjectGroup, PictureElement, RenderEvent, RenderManifest
from tessera.renderer import GeneratorConfig
from tessera.verifier import DetectorConfig
from tests.detector_models import save_tiny_owlv2
from tests.generative_models import amused_folder, single_thread_torch  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("single_thread_torch")

BRIEF = (
    "A poster with the headline 'LAKE DAYS', a photo of a mountain lake filling the top half, "
    "and exactly 3 realistic dogs at the bottom."
)


@pytest.fixture(scope="module")
def owlv2_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_tiny_owlv2(tmp_path_factory.mktemp("owlv2"))


def _generate(settings: Settings) -> tuple[RunOutcome, RenderManifest]:
    engine = Engine(settings)
    outcome = engine.generate(RunRequest(brief=BRIEF, effort="low", seed=5, planner="rules"))
    render = next(e for e in engine.store.open(outcome.run_id).read_trace() if isinstance(e, RenderEvent))
    return outcome, render.outputs.manifest


def test_the_brief_becomes_a_generated_picture_and_three_generated_dogs_counted_by_the_detector(
    settings: Settings,
    amused_folder: Path,  # noqa: F811  (the fixture imported above)
    owlv2_folder: Path,
) -> None:
    configured = settings.model_copy(
        update={
            "generator": GeneratorConfig(kind="amused", model=str(amused_folder), steps=2),
            "detector": DetectorConfig(backend="owlv2", model=str(owlv2_folder)),
        }
    )
    outcome, manifest = _generate(configured)

    picture = next(e for e in outcome.plan.elements if isinstance(e, PictureElement))
    dogs = next(e for e in outcome.plan.elements if isinstance(e, ObjectGroup))
    assert (
        picture.prompt == "a mountain lake" and picture.box.y == 0 and picture.box.h == outcome.plan.canvas.height // 2
    )
    assert dogs.look == "generated" and dogs.count == 3
    drawn = {item.element_id: item for item in manifest.items}
    assert str(drawn[picture.id].generator).startswith("amused") and str(drawn[dogs.id].generator).startswith("amused")
    assert len(drawn[dogs.id].instance_boxes) == 3
    assert not [n for n in outcome.notices if "placeholder" in n or "drawn with sprites" in n]

    checks = {c.kind: c for c in outcome.report.checks}
    assert checks["text"].passed, checks["text"]  # the headline sits below the picture and reads exactly
    count = checks["count"]
    assert count.verified and "owlv2" in count.evidence.lower()
    assert count.measured.split()[0].isdigit()  # a number the detector produced, not the pixel counter's


def test_without_generator_or_detector_the_same_brief_says_what_it_substituted_and_what_it_could_not_check(
    settings: Settings,
) -> None:
    outcome, manifest = _generate(settings)

    assert any(
        n.startswith("picture 'picture' was drawn as a placeholder: no generator is configured")
        for n in outcome.notices
    )
    assert any("(look 'generated') was drawn with sprites" in n for n in outcome.notices)
    # The dogs were drawn as sprites, so they are counted from pixels; the placeholder says what it is.
    count = next(c for c in outcome.report.checks if c.kind == "count")
    assert count.status == "passed" and count.evidence.startswith("counted from pixels"), count.evidence
    picture = next(c for c in outcome.report.checks if c.kind == "picture")
    assert picture.status == "not_verified" and "no generator is configured" in picture.evidence
    assert "not verified 1" in outcome.summary
    assert all(item.generator is None for item in manifest.items)
