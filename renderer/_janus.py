"""Janus (transformers): a region's image tokens predicted one after another, then decoded by the VQ model.

Janus always samples every token of its square grid. To continue known pixels
(inpainting), the known pixels are encoded to tokens and those tokens are forced
while sampling, in raster order. That is causal: a new token sees the known tokens
above it and to its left, not those after it; the renderer pastes the known
pixels back afterwards, so only the new tokens' pixels are used.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from PIL import Image
from transformers import (
    JanusForConditionalGeneration,
    JanusProcessor,
    JanusVisionConfig,
    LogitsProcessor,
    LogitsProcessorList,
)

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

_FORBIDDEN = -1e9  # finite: -inf turns into NaN in the classifier-free guidance that follows


class _KnownTokens(LogitsProcessor):
    """Forces the known token at each position that has one, and reports progress a token row at a time.

    Janus calls the processors once per image token, in raster order, with the prompt as
    `input_ids` (it does not grow), so the position is counted here.
    """

    def __init__(self, known: torch.Tensor | None, grid: int, on_step: StepCallback | None) -> None:
        self.known = known
        self.grid = grid
        self.on_step = on_step
        self.position = 0

    def __call__(self, input_ids: torch.LongTensor, scores: torch.Tensor) -> torch.Tensor:
        position = self.position
        self.position += 1
        if self.known is not None and int(self.known[position]) >= 0:
            # Both halves of the guidance batch get the same one-hot row, so guidance keeps it.
            forbidden = max(_FORBIDDEN, torch.finfo(scores.dtype).min / 2)
            forced = torch.full_like(scores, forbidden)
            forced[:, int(self.known[position])] = 0.0
            scores = forced
        if self.on_step is not None and (position + 1) % self.grid == 0:
            self.on_step((position + 1) // self.grid, self.grid)
        return scores


class JanusGenerator(SerialBackend):
    """A Janus checkpoint (e.g. deepseek-community/Janus-Pro-1B) drawing regions at its own square size."""

    def __init__(
        self, config: GeneratorConfig, model: JanusForConditionalGeneration, processor: JanusProcessor
    ) -> None:
        self.config = config
        self.model = model
        self.processor = processor
        self.device = model.device
        vision = model.config.vision_config
        assert isinstance(vision, JanusVisionConfig), "a Janus checkpoint's config holds its vision config"
        assert isinstance(vision.image_size, int), "Janus draws square images"
        self.side = vision.image_size
        self.grid = math.isqrt(int(vision.num_image_tokens))
        super().__init__()

    @classmethod
    def load(cls, config: GeneratorConfig) -> JanusGenerator:
        """Model and processor from a hub id or a local folder, on the configured device and dtype."""
        assert config.model is not None
        device = resolve_device(config.device)
        processor = JanusProcessor.from_pretrained(config.model)
        dtype = resolve_dtype(config.dtype, device)
        model = JanusForConditionalGeneration.from_pretrained(config.model, dtype=dtype, device_map=device)
        model.eval()
        # Janus keeps its image-mode token ids in a config entry that GenerationConfig does not declare.
        extra = dict(getattr(model.generation_config, "generation_kwargs", None) or {})
        if "boi_token_id" not in extra:
            # Checkpoints saved with a default generation config lose it; image mode cannot start without it.
            tokenizer = processor.tokenizer
            extra["boi_token_id"] = tokenizer.convert_tokens_to_ids(tokenizer.boi_token)
            model.generation_config.update(allow_custom_entries=True, generation_kwargs=extra)
        if model.generation_config.pad_token_id is None:
            model.generation_config.pad_token_id = processor.tokenizer.pad_token_id
        return cls(config, model, processor)

    def _generate(self, request: RegionRequest, on_step: StepCallback | None) -> Image.Image:
        tokens = None
        if request.context is not None and request.mask is not None:  # inpainting
            tokens = token_mask(request.mask, self.grid)
        forks = [self.device] if self.device.type == "cuda" else []
        with torch.inference_mode(), torch.random.fork_rng(devices=forks):
            torch.manual_seed(request.seed)
            known = self._known_tokens(request.context, tokens) if tokens is not None else None
            inputs = self.processor(text=self._prompt(request.prompt), generation_mode="image", return_tensors="pt")
            guidance = request.guidance if request.guidance is not None else self.config.guidance
            options: dict[str, Any] = {"guidance_scale": guidance} if guidance is not None else {}
            ids = self.model.generate(
                **inputs.to(self.device),
                generation_mode="image",
                do_sample=True,
                logits_processor=LogitsProcessorList([_KnownTokens(known, self.grid, on_step)]),
                **options,
            )
            pixels = self.model.decode_image_tokens(ids)[0]
        array = ((pixels.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).cpu().numpy()
        square = Image.fromarray(array)
        if tokens is None:
            return cover(square, request.width, request.height)
        generated = square.resize((request.width, request.height), Image.Resampling.LANCZOS)
        return keep_context(generated, request)

    def _prompt(self, prompt: str) -> str:
        if not self.processor.chat_template:
            return prompt
        # Any: transformers annotates a message's content as a string, but its processors take (and document) parts.
        messages: list[Any] = [{"role": "user", "content": [{"type": "text", "text": prompt}]}]
        return self.processor.apply_chat_template(messages, add_generation_prompt=True)

    def _known_tokens(self, context: Image.Image | None, tokens: np.ndarray) -> torch.Tensor:
        """The VQ tokens of the context, with -1 where new tokens are wanted."""
        assert context is not None
        square = np.array(context.convert("RGB").resize((self.side, self.side), Image.Resampling.LANCZOS))
        pixels = torch.from_numpy(square).permute(2, 0, 1)[None].float() / 127.5 - 1
        vq = self.model.model.vqmodel
        codes = vq.encode(pixels.to(self.device, vq.dtype)).image_tokens.reshape(-1)
        wanted = torch.from_numpy(tokens.reshape(-1)).to(codes.device)
        return torch.where(wanted, torch.full_like(codes, -1), codes)
