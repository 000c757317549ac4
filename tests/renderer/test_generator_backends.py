"""The Janus and aMUSEd backends, loaded from saved tiny random checkpoints through `load_generator`.

Random weights draw noise; these tests are about what the renderer relies on:
the size of what comes back, seeds, progress, and that inpainting keeps known pixels.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tessera.contract import Generator, GeneratorError, RegionRequest
from tessera.renderer import GeneratorConfig, load_generator, open_generator
from tests.generative_models import amused_folder, janus_folder, single_thread_torch  # noqa: F401  (fixtures)

pytest.importorskip("torch")
pytestmark = pytest.mark.usefixtures("single_thread_torch")
KINDS = ["janus", "amused"]


@pytest.fixture(params=KINDS)
def generator(request: pytest.FixtureRequest) -> Generator:
    folder: Path = request.getfixturevalue(f"{request.param}_folder")
    return load_generator(GeneratorConfig(kind=request.param, model=str(folder), steps=4))


def _pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=np.int16)


def _context(width: int, height: int | None = None) -> tuple[Image.Image, Image.Image]:
    """A striped context and a mask asking for new pixels in its middle."""
    height = height or width
    context = Image.new("RGB", (width, height), (240, 200, 120))
    draw = ImageDraw.Draw(context)
    for x in range(0, width, 12):
        draw.rectangle((x, 0, x + 5, height), fill=(40, 90, 160))
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).rectangle((width // 4, height // 4, 3 * width // 4 - 1, 3 * height // 4 - 1), fill=255)
    return context, mask


# The models sample at their own square size; any region, odd or long, comes back at exactly its size.
REGION_SIZES = [(300, 140), (301, 187), (187, 301), (1, 1), (640, 80)]


@pytest.mark.parametrize(("width", "height"), REGION_SIZES)
def test_a_region_comes_back_at_the_requested_size(generator: Generator, width: int, height: int):
    image = generator.generate(RegionRequest(prompt="a red balloon", width=width, height=height, seed=1))
    assert image.size == (width, height)
    assert image.mode == "RGB"


@pytest.mark.parametrize(("width", "height"), [(301, 187), (99, 97)])
def test_an_inpainted_region_of_an_odd_size_comes_back_at_that_size_with_its_context_kept(
    generator: Generator, width: int, height: int
):
    context, mask = _context(width, height)
    request = RegionRequest(prompt="a cat", width=width, height=height, seed=2, context=context, mask=mask)
    image = generator.generate(request)
    assert image.size == (width, height)
    outside = np.asarray(mask) == 0
    assert np.array_equal(_pixels(image)[outside], _pixels(context)[outside])


def test_the_same_seed_gives_the_same_pixels_and_another_seed_others(generator: Generator):
    request = RegionRequest(prompt="a red balloon", width=96, height=96, seed=7)
    first, again = generator.generate(request), generator.generate(request)
    other = generator.generate(RegionRequest(prompt="a red balloon", width=96, height=96, seed=8))
    assert np.array_equal(_pixels(first), _pixels(again))
    assert not np.array_equal(_pixels(first), _pixels(other))


def test_progress_counts_up_to_the_last_step(generator: Generator):
    steps: list[tuple[int, int]] = []
    generator.generate(RegionRequest(prompt="a cat", width=64, height=64, seed=0), lambda s, n: steps.append((s, n)))
    total = steps[-1][1]
    assert [s for s, _ in steps] == list(range(1, total + 1))
    assert total == (4 if generator.name.startswith("amused") else 8)  # aMUSEd: configured steps; Janus: token rows


def test_inpainting_keeps_every_pixel_outside_the_mask_and_changes_inside(generator: Generator):
    context, mask = _context(128)
    image = generator.generate(RegionRequest(prompt="a cat", width=128, height=128, seed=3, context=context, mask=mask))
    outside = np.asarray(mask) == 0
    assert np.array_equal(_pixels(image)[outside], _pixels(context)[outside])
    inside = ~outside
    changed = np.abs(_pixels(image) - _pixels(context)).max(axis=-1)[inside] > 0
    assert changed.mean() > 0.5


def test_janus_samples_the_known_tokens_verbatim(janus_folder: Path):  # noqa: F811
    """The forcing processor pins known positions; only the unknown ones are sampled."""
    import torch
    from transformers import LogitsProcessorList

    from tessera.renderer._janus import _KnownTokens

    janus = load_generator(GeneratorConfig(kind="janus", model=str(janus_folder)))
    grid = janus.grid  # type: ignore[attr-defined]
    known = torch.randint(0, 64, (grid * grid,))
    known[grid * grid // 2 :] = -1  # the lower half is new
    inputs = janus.processor(text="a cat", generation_mode="image", return_tensors="pt")  # type: ignore[attr-defined]
    torch.manual_seed(0)
    with torch.inference_mode():
        ids = janus.model.generate(  # type: ignore[attr-defined]
            **inputs, generation_mode="image", logits_processor=LogitsProcessorList([_KnownTokens(known, grid, None)])
        )[0]
    half = grid * grid // 2
    assert torch.equal(ids[:half], known[:half])
    assert not torch.equal(ids[half:], ids[half:].roll(1))  # the free half was sampled, not a constant


def test_a_missing_folder_is_an_error_naming_the_folder():
    with pytest.raises(GeneratorError, match=r"could not load /no/such/janus: no such folder"):
        load_generator(GeneratorConfig(kind="janus", model="/no/such/janus"))


def test_a_generator_without_weights_says_which_setting_is_missing():
    with pytest.raises(GeneratorError, match="TESSERA_GENERATOR_MODEL"):
        load_generator(GeneratorConfig(kind="amused", model=None))


def test_a_folder_of_the_wrong_kind_is_an_error_not_a_crash(amused_folder: Path):  # noqa: F811
    with pytest.raises(GeneratorError, match=f"could not load {amused_folder}"):
        load_generator(GeneratorConfig(kind="janus", model=str(amused_folder)))


def test_weights_load_once_per_process_and_are_shared(amused_folder: Path):  # noqa: F811
    config = GeneratorConfig(kind="amused", model=str(amused_folder), steps=4)
    assert load_generator(config) is load_generator(config.model_copy())


def test_a_deferred_generator_loads_on_first_use_and_names_itself_from_its_config(amused_folder: Path):  # noqa: F811
    deferred = open_generator(GeneratorConfig(kind="amused", model=str(amused_folder), steps=2))
    assert deferred is not None
    assert deferred.name == f"amused:{amused_folder}"
    assert deferred.generate(RegionRequest(prompt="x", width=32, height=48)).size == (32, 48)
    assert open_generator(None) is None
