"""aMUSEd (diffusers): masked image tokens filled in parallel over a few steps; true region inpainting.

`AmusedPipeline` draws a region from its prompt; `AmusedInpaintPipeline`, sharing the
same components, regenerates only the masked tokens of a context image. The mask is
snapped to the VQ token grid here, and since the pipeline re-decodes the whole
image, the known pixels are pasted back afterwards.
"""

from __future__ import annotations

import numpy as np
import torch

# The defining modules: through diffusers' lazy top level, type checkers see placeholder classes instead.
from diffusers.pipelines.deprecated.amused.pipeline_amused import AmusedPipeline
from diffusers.pipelines.deprecated.amused.pipeline_amused_inpaint import AmusedInpaintPipeline
from PIL import Image

from tessera.contract import RegionRequest, StepCallback
from tessera.renderer._generator import (
    GeneratorConfig,
    SerialBackend,
    cover,
    keep_context,
    resolve_device,
    resolve_dtype,
    token_mask,
)

DEFAULT_STEPS = 12  # the aMUSEd model card's default
DEFAULT_GUIDANCE = 10.0
_MIN_INPAINT_SIDE = 256  # smaller inputs break the VQ encoder's 16x token grid in the published checkpoints


class AmusedGenerator(SerialBackend):
    """An aMUSEd checkpoint (e.g. amused/amused-256) drawing square regions at its own size."""

    def __init__(self, config: GeneratorConfig, text_to_image: AmusedPipeline, device: str) -> None:
        self.config = config
        self.text_to_image = text_to_image
        self.inpaint = AmusedInpaintPipeline(**text_to_image.components)
        for pipe in (self.text_to_image, self.inpaint):
            pipe.set_progress_bar_config(disable=True)
        self.device = device
        self.grid = int(text_to_image.transformer.config["sample_size"])
        self.side = self.grid * text_to_image.vae_scale_factor
        super().__init__()

    @classmethod
    def load(cls, config: GeneratorConfig) -> AmusedGenerator:
        """The pipeline from a hub id or a local folder, on the configured device and dtype."""
        assert config.model is not None
        device = resolve_device(config.device)
        pipe = AmusedPipeline.from_pretrained(config.model, dtype=resolve_dtype(config.dtype, device))
        # The model cards keep the VQ model in float32: it produces NaNs in float16.
        pipe.vqvae.float()
        return cls(config, pipe.to(device), device)

    def _generate(self, request: RegionRequest, on_step: StepCallback | None) -> Image.Image:
        steps = request.steps or self.config.steps or DEFAULT_STEPS
        guidance = next(g for g in (request.guidance, self.config.guidance, DEFAULT_GUIDANCE) if g is not None)

        def report(step: int, _timestep: object, _latents: object) -> None:
            if on_step is not None:
                on_step(step + 1, steps)

        options = {
            "num_inference_steps": steps,
            "guidance_scale": guidance,
            "generator": torch.Generator(device=self.device).manual_seed(request.seed),
            "callback": report,
            "callback_steps": 1,
        }
        if request.context is None or request.mask is None:
            image = self.text_to_image(request.prompt, height=self.side, width=self.side, **options).images[0]
            return cover(image, request.width, request.height)
        side = max(self.side, _MIN_INPAINT_SIDE)
        grid = side // self.text_to_image.vae_scale_factor
        tokens = token_mask(request.mask, grid)
        context = request.context.convert("RGB").resize((side, side), Image.Resampling.LANCZOS)
        mask = Image.fromarray((tokens * 255).astype(np.uint8))  # already on the token grid: no resampling blur
        image = self.inpaint(request.prompt, image=context, mask_image=mask, **options).images[0]
        generated = image.resize((request.width, request.height), Image.Resampling.LANCZOS)
        return keep_context(generated, request)
