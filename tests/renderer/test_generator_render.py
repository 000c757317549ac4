"""PlanRenderer with the generative layer: pictures and generated object groups in a plan.

Every test compares with the typography-only render (the same plan without its
pictorial elements): only the pictorial boxes may differ. Each runs with the fake
generator (flat colours, so only the renderer's own logic is tested) and with tiny
random Janus and aMUSEd checkpoints.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import ndimage

from tessera.contract import (
    Box,
    Canvas,
    GradientBackground,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    RenderProgress,
    RenderResult,
    ShapeElement,
    TextElement,
)
from tessera.contract.fakes import FakeGenerator
from tessera.renderer import GeneratorConfig, PlanRenderer, open_generator
from tests.generative_models import amused_folder, janus_folder, single_thread_torch  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("single_thread_torch")

HERO = PictureElement(id="hero", box=Box(x=32, y=32, w=288, h=208), prompt="a bowl of ramen on a wooden table")
DUCKS = ObjectGroup(
    id="ducks", box=Box(x=32, y=300, w=448, h=112), object_class="duck", count=3, look="generated",
    prompt="a yellow rubber duck",
)  # fmt: skip
TYPOGRAPHY = [
    ShapeElement(id="panel", box=Box(x=340, y=32, w=140, h=208), fill="#2B6CB0", z=1),
    TextElement(id="title", box=Box(x=350, y=48, w=120, h=80), text="Ramen Night", font_weight="bold", color="#FFFFFF"),
    TextElement(
        id="over", box=Box(x=48, y=180, w=256, h=48), text="Fresh every day", color="#FFFFFF", font_weight="bold", z=12
    ),
    TextElement(id="footer", box=Box(x=32, y=440, w=448, h=48), text="12 Orchard Lane"),
]
BACKGROUND = GradientBackground(start="#FFF1D6", end="#FF9E7A", angle_deg=90)
PLAN = LayoutPlan(canvas=Canvas(width=512, height=512), background=BACKGROUND, elements=[HERO, DUCKS, *TYPOGRAPHY])
TYPOGRAPHY_ONLY = LayoutPlan(canvas=PLAN.canvas, background=BACKGROUND, elements=TYPOGRAPHY)


@pytest.fixture(scope="module")
def typography() -> np.ndarray:
    return _pixels(PlanRenderer().render(TYPOGRAPHY_ONLY))


@pytest.fixture(params=["fake", "janus", "amused"])
def generative(request: pytest.FixtureRequest) -> PlanRenderer:
    if request.param == "fake":
        return PlanRenderer(generator=FakeGenerator())
    folder: Path = request.getfixturevalue(f"{request.param}_folder")
    return PlanRenderer(generator=open_generator(GeneratorConfig(kind=request.param, model=str(folder), steps=3)))


def _pixels(result_or_image: RenderResult | object) -> np.ndarray:
    image = result_or_image.image if isinstance(result_or_image, RenderResult) else result_or_image
    return np.asarray(image, dtype=np.int16)


def _inside(*boxes: Box) -> np.ndarray:
    mask = np.zeros((PLAN.canvas.height, PLAN.canvas.width), dtype=bool)
    for b in boxes:
        mask[b.y : b.bottom, b.x : b.right] = True
    return mask


def _changed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b).max(axis=-1) > 0


def test_pixels_outside_the_pictorial_boxes_equal_the_typography_only_render(generative, typography):
    image = _pixels(generative.render(PLAN, seed=5))
    outside = ~_inside(HERO.box, DUCKS.box)
    assert np.array_equal(image[outside], typography[outside])


def test_the_picture_and_every_instance_are_filled(generative, typography):
    result = generative.render(PLAN, seed=5)
    changed = _changed(_pixels(result), typography)
    assert changed[_inside(HERO.box)].mean() > 0.8
    instances = result.manifest.items[1].instance_boxes
    assert len(instances) == DUCKS.count
    for cell in instances:
        assert changed[_inside(cell)].mean() > 0.5
    # Between the instances the background shows through: the count is the cells', not the model's.
    between = _inside(DUCKS.box) & ~_inside(*instances)
    assert changed[between].mean() == 0.0


def test_typography_is_painted_over_the_picture(generative, typography):
    image = _pixels(generative.render(PLAN, seed=5))
    # The cores of the white glyph strokes (edge pixels blend with what lies beneath).
    white = np.all(typography == 255, axis=-1) & _inside(Box(x=48, y=180, w=256, h=48))
    white_text = ndimage.binary_erosion(white)
    assert white_text.sum() > 50
    assert np.all(image[white_text] == 255)


def test_the_same_seed_reproduces_the_image_and_another_seed_changes_the_regions(generative):
    first, again, other = (_pixels(generative.render(PLAN, seed=s)) for s in (5, 5, 6))
    assert np.array_equal(first, again)
    assert _changed(first, other)[_inside(HERO.box)].mean() > 0.3
    assert _changed(first, other)[_inside(DUCKS.box)].any()


def test_the_manifest_names_the_generator_for_pictorial_elements(generative):
    manifest = generative.render(PLAN, seed=5).manifest
    hero, ducks = manifest.items[0], manifest.items[1]
    assert (hero.kind, hero.generator, hero.fallback) == ("picture", generative.generator.name, False)
    assert (ducks.kind, ducks.generator, ducks.sprite) == ("objects", generative.generator.name, None)
    assert all(item.generator is None for item in manifest.items[2:])
    assert manifest.notices == []


def test_progress_is_reported_step_by_step_for_each_pictorial_element(generative):
    events: list[RenderProgress] = []
    generative.render(PLAN, seed=5, on_progress=events.append)
    by_element = {e: [p for p in events if p.element_id == e] for e in ("hero", "ducks")}
    for element_id, steps in by_element.items():
        assert steps, f"no progress for {element_id}"
        assert [p.step for p in steps] == list(range(1, steps[-1].steps + 1))
    assert by_element["ducks"][-1].message == "generating duck 3 of 3"


def test_pictorial_regions_of_odd_sizes_on_an_odd_canvas_fill_exactly_their_boxes(generative):
    canvas = Canvas(width=333, height=257)
    hero = PictureElement(id="hero", box=Box(x=7, y=5, w=301, h=187), prompt="a bowl of ramen on a wooden table")
    ducks = DUCKS.model_copy(update={"box": Box(x=11, y=199, w=313, h=53)})
    plain = LayoutPlan(canvas=canvas, background=BACKGROUND)
    result = generative.render(LayoutPlan(canvas=canvas, background=BACKGROUND, elements=[hero, ducks]), seed=5)
    assert result.image.size == (333, 257)
    changed = _changed(_pixels(result), _pixels(PlanRenderer().render(plain)))
    inside = np.zeros(changed.shape, dtype=bool)
    for b in (hero.box, ducks.box):
        inside[b.y : b.bottom, b.x : b.right] = True
    assert not changed[~inside].any()
    assert changed[hero.box.y : hero.box.bottom, hero.box.x : hero.box.right].mean() > 0.8
    assert len(result.manifest.items[1].instance_boxes) == ducks.count


# Without a generator -------------------------------------------------------------------------------


def test_without_a_generator_the_picture_is_a_placeholder_and_the_notice_says_what_to_set(typography):
    result = PlanRenderer().render(PLAN, seed=5)
    notices = result.manifest.notices
    assert (
        "picture 'hero' was drawn as a placeholder: no generator is configured (set TESSERA_GENERATOR=janus|amused "
        "and TESSERA_GENERATOR_MODEL=<hub id or folder>)"
    ) in notices
    assert any(
        n.startswith("object group 'ducks' (look 'generated') was drawn with sprites: no generator") for n in notices
    )
    hero = result.manifest.items[0]
    assert (hero.kind, hero.fallback, hero.generator) == ("picture", True, None)
    image = _pixels(result)
    assert np.array_equal(image[~_inside(HERO.box, DUCKS.box)], typography[~_inside(HERO.box, DUCKS.box)])
    assert _changed(image, typography)[_inside(HERO.box)].mean() > 0.9


def test_without_a_generator_a_generated_group_is_drawn_as_sprites_with_its_exact_count():
    ducks = PlanRenderer().render(PLAN).manifest.items[1]
    assert ducks.sprite is not None and ducks.generator is None
    assert len(ducks.instance_boxes) == DUCKS.count


def test_a_generator_that_cannot_load_falls_back_and_says_why(tmp_path, typography):
    missing = tmp_path / "no-weights-here"
    renderer = PlanRenderer(generator=open_generator(GeneratorConfig(kind="janus", model=str(missing))))
    result = renderer.render(PLAN)
    assert f"picture 'hero' was drawn as a placeholder: the generator could not load {missing}: no such folder" in (
        result.manifest.notices
    )
    assert any("could not load" in n and n.startswith("object group 'ducks'") for n in result.manifest.notices)
    assert np.array_equal(_pixels(result), _pixels(PlanRenderer().render(PLAN)))


def test_the_placeholder_is_a_framed_panel_in_the_plans_colours():
    image = _pixels(PlanRenderer().render(PLAN)).astype(np.float32)
    box = HERO.box
    panel = image[box.y + 4 : box.bottom - 4, box.x + 4 : box.right - 4]
    frame = image[box.y, box.x + 10 : box.right - 10]
    # A soft wash (light, a gentle gradient), not a flat fill; a frame darker than the wash.
    assert panel.mean() > 170
    assert 4 < abs(panel[:20, :20].mean() - panel[-20:, -20:].mean()) < 80
    assert frame.mean() < panel.mean() - 40
    # Tinted towards the plan's most colourful colour (the blue panel): blue is the strongest channel.
    r, g, b = panel.reshape(-1, 3).mean(axis=0)
    assert b > r and b > g
