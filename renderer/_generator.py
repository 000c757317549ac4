"""The Generator seam: what a region request is, how a generator is configured, loaded once and shared.

torch, transformers and diffusers are imported only when a generator loads, so the
renderer works (with placeholders and sprites) where the `generate` extra is not installed.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Literal

import numpy as np
from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import Generator, GeneratorError, RegionRequest, StepCallback

GeneratorKind = Literal["janus", "amused"]


class GeneratorConfig(BaseModel):
    """Which generative model fills pictorial regions, and how it runs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: GeneratorKind
    model: str | None = Field(default=None, description="hub id or local folder of the weights")
    device: str = Field(default="auto", description="torch device; auto: cuda when present, else cpu")
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        default="auto", description="auto: bfloat16 on cuda, float32 on cpu"
    )
    steps: int | None = Field(default=None, ge=1, le=200, description="sampling steps per region; None: the backend's")
    guidance: float | None = Field(default=None, ge=0.0, le=30.0, description="CFG scale; None: the backend's")

    @property
    def name(self) -> str:
        """How the manifest names this generator, e.g. 'janus:deepseek-community/Janus-Pro-1B'."""
        return f"{self.kind}:{self.model}"


def resolve_device(device: str) -> str:
    """'auto' becomes cuda when torch sees a GPU, else cpu; anything else is passed to torch as it is."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def resolve_dtype(dtype: str, device: str) -> Any:
    """The torch dtype: 'auto' is bfloat16 on cuda and float32 elsewhere."""
    import torch

    if dtype == "auto":
        return torch.bfloat16 if device.startswith("cuda") else torch.float32
    return getattr(torch, dtype)


class SerialBackend(ABC):
    """What both backends share: the configuration's name, and one region at a time.

    A pipeline holds per-call state (schedulers, logits processors), so concurrent
    renders take turns. Subclasses set `config` and implement `_generate`.
    """

    config: GeneratorConfig

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.config.name

    def generate(self, request: RegionRequest, on_step: StepCallback | None = None) -> Image.Image:
        """The region at the model's size, cover-cropped to the request (or inpainted into its context)."""
        with self._lock:
            try:
                return self._generate(request, on_step)
            except (RuntimeError, ValueError, IndexError) as error:
                raise GeneratorError(f"{self.name} failed on a region: {error}") from error

    @abstractmethod
    def _generate(self, request: RegionRequest, on_step: StepCallback | None) -> Image.Image:
        """The backend's own sampling, called under the lock."""


_loaded: dict[GeneratorConfig, Generator | GeneratorError] = {}
_load_lock = threading.Lock()


def load_generator(config: GeneratorConfig) -> Generator:
    """The generator `config` names, loaded on the first call in this process and shared after.

    A failure is remembered too (a missing folder or an unreachable hub does not heal
    mid-process, and retrying would cost every render the same wait): restart to retry.
    Raises `GeneratorError` saying what could not load and why.
    """
    with _load_lock:
        if config not in _loaded:
            try:
                _loaded[config] = _load(config)
            except GeneratorError as error:
                _loaded[config] = error
        loaded = _loaded[config]
    if isinstance(loaded, GeneratorError):
        raise loaded
    return loaded


def _load(config: GeneratorConfig) -> Generator:
    if not config.model:
        raise GeneratorError(
            f"the generator {config.kind} has no weights configured (set TESSERA_GENERATOR_MODEL=<hub id or folder>)"
        )
    if _looks_like_a_path(config.model) and not Path(config.model).expanduser().is_dir():
        raise GeneratorError(f"the generator could not load {config.model}: no such folder")
    try:
        _quiet_libraries()
        if config.kind == "janus":
            from tessera.renderer._janus import JanusGenerator

            return JanusGenerator.load(config)
        from tessera.renderer._amused import AmusedGenerator

        return AmusedGenerator.load(config)
    except ImportError as error:
        raise GeneratorError(
            f"the generator could not load {config.model}: {error} (install the generate extra: "
            "pip install -e '.[generate]' in the repository, which ./scripts/bootstrap does)"
        ) from error
    except Exception as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise GeneratorError(f"the generator could not load {config.model}: {reason}") from error


def _quiet_libraries() -> None:
    """No loading bars or deprecation chatter on the user's terminal: what matters reaches the notices."""
    import diffusers
    import transformers

    for library in (diffusers, transformers):
        library.utils.logging.set_verbosity_error()
        library.utils.logging.disable_progress_bar()


def _looks_like_a_path(model: str) -> bool:
    """Hub ids are 'owner/name'; anything absolute, relative-dotted or home-based is meant as a folder."""
    return model.startswith(("/", "./", "../", "~")) or Path(model).expanduser().exists()


class DeferredGenerator:
    """A configured generator that loads its weights when the first region needs them.

    An engine can be built, and plans without pictures rendered, without paying for the
    load; a load failure surfaces as `GeneratorError` on `generate`, which the renderer
    turns into a placeholder and a notice.
    """

    def __init__(self, config: GeneratorConfig) -> None:
        self.config = config

    @property
    def name(self) -> str:
        return self.config.name

    def generate(self, request: RegionRequest, on_step: StepCallback | None = None) -> Image.Image:
        return load_generator(self.config).generate(request, on_step)


def open_generator(config: GeneratorConfig | None) -> Generator | None:
    """The generator for `config`, loaded on first use; None when no generator is configured."""
    return DeferredGenerator(config) if config is not None else None


# Shared image plumbing for the backends --------------------------------------------------------


def cover(image: Image.Image, width: int, height: int) -> Image.Image:
    """`image` scaled to cover `width` x `height` and centre-cropped to it (no distortion)."""
    scale = max(width / image.width, height / image.height)
    scaled_w, scaled_h = max(width, round(image.width * scale)), max(height, round(image.height * scale))
    scaled = image.resize((scaled_w, scaled_h), Image.Resampling.LANCZOS)
    left, top = (scaled_w - width) // 2, (scaled_h - height) // 2
    return scaled.crop((left, top, left + width, top + height))


def token_mask(mask: Image.Image, grid: int) -> np.ndarray:
    """The `grid` x `grid` boolean token mask: a token is regenerated when any pixel it covers is masked.

    `mask` is first resized to a multiple of the grid, so a token's pixels are an exact block.
    """
    cell = max(1, -(-max(mask.width, mask.height) // grid))
    pixels = np.asarray(mask.convert("L").resize((grid * cell, grid * cell), Image.Resampling.BOX)) > 0
    return np.asarray(pixels.reshape(grid, cell, grid, cell).any(axis=(1, 3)))


def keep_context(generated: Image.Image, request: RegionRequest) -> Image.Image:
    """The generated region inside the request's mask, the known pixels exactly outside it.

    Token models re-decode the whole image, which shifts known pixels slightly, and their tokens rarely line up
    with the region's pixels (a 301x187 region on a 24x24 token grid): the mask, not the token grid, decides which
    pixels are new, so any region size keeps its known pixels.
    """
    assert request.context is not None and request.mask is not None
    result = request.context.convert("RGB").copy()
    result.paste(generated, (0, 0), request.mask.convert("L"))
    return result
