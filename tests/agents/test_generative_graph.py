"""The whole graph with the generative layer: a user's plan with a picture and a generated object group.

The renderer is the real one, built by the Engine from TESSERA-style settings that
point at saved tiny random checkpoints (the way real weights are configured), and so
is the verifier; effort low keeps each run to one render, so these tests are about
rendering inside a run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tessera.agents import Engine, RunRequest, Settings
from tessera.agents.context import Progress
from tessera.contract import (
    Box,
    Canvas,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    RenderEvent,
    SolidBackground,
    TextElement,
)
from tessera.renderer import GeneratorConfig, PlanRenderer
from tests.generative_models import amused_folder, janus_folder, single_thread_torch  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("single_thread_torch")

BRIEF = "A menu card with a photo of ramen, three paper lanterns and the title 'Ramen Night'."
PICTURE = PictureElement(id="photo", box=Box(x=32, y=96, w=448, h=224), prompt="a bowl of ramen, steam rising")
LANTERNS = ObjectGroup(
    id="lanterns", box=Box(x=32, y=336, w=448, h=128), object_class="lantern", count=3, look="generated",
    prompt="a red paper lantern",
)  # fmt: skip
TITLE = TextElement(id="title", box=Box(x=32, y=16, w=448, h=72), text="Ramen Night", font_weight="bold")
BACKGROUND = SolidBackground(color="#FBF4E8")
PLAN = LayoutPlan(canvas=Canvas(width=512, height=512), background=BACKGROUND, elements=[PICTURE, LANTERNS, TITLE])
TYPOGRAPHY_ONLY = LayoutPlan(canvas=PLAN.canvas, background=BACKGROUND, elements=[TITLE])


def _engine(settings: Settings, generator: GeneratorConfig | None) -> Engine:
    return Engine(settings.model_copy(update={"generator": generator}))


def _run(engine: Engine, seed: int = 0, events: list[Progress] | None = None) -> tuple[np.ndarray, list[str]]:
    request = RunRequest(brief=BRIEF, plan=PLAN, effort="low", seed=seed)
    outcome = engine.generate(request, on_progress=events.append if events is not None else None)
    return np.asarray(Image.open(outcome.image).convert("RGB"), dtype=np.int16), outcome.notices


def _inside(*boxes: Box) -> np.ndarray:
    mask = np.zeros((512, 512), dtype=bool)
    for b in boxes:
        mask[b.y : b.bottom, b.x : b.right] = True
    return mask


@pytest.fixture(scope="module")
def typography() -> np.ndarray:
    return np.asarray(PlanRenderer().render(TYPOGRAPHY_ONLY).image, dtype=np.int16)


@pytest.mark.parametrize("kind", ["janus", "amused"])
def test_a_run_fills_the_pictorial_regions_with_the_configured_generator(
    settings: Settings, kind: str, typography: np.ndarray, request: pytest.FixtureRequest
):
    folder: Path = request.getfixturevalue(f"{kind}_folder")
    engine = _engine(settings, GeneratorConfig.model_validate({"kind": kind, "model": str(folder), "steps": 2}))
    image, notices = _run(engine, seed=11)
    regions = _inside(PICTURE.box, LANTERNS.box)
    assert np.array_equal(image[~regions], typography[~regions])
    assert (np.abs(image - typography).max(axis=-1) > 0)[_inside(PICTURE.box)].mean() > 0.8
    assert not any("placeholder" in n or "sprites" in n for n in notices)


def test_the_runs_progress_reports_each_generated_step(settings: Settings, amused_folder: Path):  # noqa: F811
    engine = _engine(settings, GeneratorConfig(kind="amused", model=str(amused_folder), steps=2))
    events: list[Progress] = []
    _run(engine, events=events)
    messages = [e.message for e in events if e.node == "render"]
    assert "photo: step 2/2 (generating the picture)" in messages
    assert "lanterns: step 6/6 (generating lantern 3 of 3)" in messages
    run_id = engine.store.records(limit=1)[0].run_id
    render = next(e for e in engine.store.open(run_id).read_trace() if isinstance(e, RenderEvent))
    traced = [(s.element_id, s.step, s.steps) for s in render.outputs.progress]
    assert traced[:2] == [("photo", 1, 2), ("photo", 2, 2)] and traced[-1] == ("lanterns", 6, 6)


def test_a_runs_seed_fixes_its_image(settings: Settings, janus_folder: Path):  # noqa: F811
    engine = _engine(settings, GeneratorConfig(kind="janus", model=str(janus_folder)))
    first, again, other = (_run(engine, seed=s)[0] for s in (3, 3, 4))
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_without_a_generator_the_run_shows_placeholders_and_says_what_to_set(settings: Settings):
    _, notices = _run(_engine(settings, None))
    assert (
        "picture 'photo' was drawn as a placeholder: no generator is configured "
        "(set TESSERA_GENERATOR=janus|amused and TESSERA_GENERATOR_MODEL=<hub id or folder>)"
    ) in notices
    assert any(n.startswith("object group 'lanterns' (look 'generated') was drawn with sprites") for n in notices)


def test_weights_that_cannot_load_do_not_stop_the_engine(settings: Settings, tmp_path: Path):
    missing = tmp_path / "janus-pro-1b"
    _, notices = _run(_engine(settings, GeneratorConfig(kind="janus", model=str(missing))))
    assert f"picture 'photo' was drawn as a placeholder: the generator could not load {missing}: no such folder" in (
        notices
    )
