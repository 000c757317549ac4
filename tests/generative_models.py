"""Tiny random generative models, built with the real library classes and saved like a hub checkpoint.

The tests load them back through `renderer.load_generator`, i.e. the same
`from_pretrained` path real weights take. Random weights draw noise: these
models prove the plumbing (shapes, seeds, masks, progress), not picture quality.
Each build takes well under a second on a 2-core CPU.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# Janus: a 2-layer text model; a VQ model whose 8x8 token grid decodes to 64 px (8x upsampling).
# (The real Janus-Pro samples 24x24 tokens; 64 keeps a region under a second on a busy 2-core CPU.)
JANUS_IMAGE_SIZE = 64
JANUS_PATCH = 8
JANUS_SPECIAL = {"image_token": "<image_placeholder>", "boi_token": "<begin_of_image>", "eoi_token": "<end_of_image>"}

# aMUSEd: a VQ model of 4 blocks (8x down), transformer sample size 32 tokens -> 256 px, the inpainting minimum.
AMUSED_TOKENS = 32
AMUSED_CODEBOOK = 32

_CORPUS = [
    "a red balloon on a pale sky",
    "a bowl of ramen on a wooden table, photo",
    "mountains at sunrise, illustration",
    "a cat sleeping on a sofa",
    "one yellow rubber duck, whole and centred",
    "a city street at night with neon signs",
] * 20


def build_janus(folder: Path) -> Path:
    """Save a tiny random `JanusForConditionalGeneration` and its `JanusProcessor` to `folder`."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import (
        GenerationConfig,
        JanusConfig,
        JanusForConditionalGeneration,
        JanusImageProcessorPil,
        JanusProcessor,
        LlamaConfig,
        PreTrainedTokenizerFast,
    )

    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    specials = ["<unk>", "<pad>", "<bos>", "<eos>", *JANUS_SPECIAL.values()]
    bpe.train_from_iterator(_CORPUS, trainers.BpeTrainer(vocab_size=300, special_tokens=specials, show_progress=False))
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        unk_token="<unk>",
        pad_token="<pad>",
        bos_token="<bos>",
        eos_token="<eos>",
        extra_special_tokens=JANUS_SPECIAL,
    )
    vocab = len(tokenizer)
    grid = JANUS_IMAGE_SIZE // JANUS_PATCH
    config = JanusConfig(
        text_config=LlamaConfig(
            vocab_size=vocab,
            hidden_size=64,
            intermediate_size=128,
            num_hidden_layers=2,
            num_attention_heads=4,
            num_key_value_heads=2,
            max_position_embeddings=1024,
            pad_token_id=tokenizer.pad_token_id,
            bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id,
        ),
        vision_config={
            "hidden_size": 32,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "image_size": JANUS_IMAGE_SIZE,
            "patch_size": JANUS_PATCH,
            "projection_dim": 64,
            "num_image_tokens": grid * grid,
        },
        vq_config={
            "embed_dim": 8,
            "num_embeddings": 64,
            "latent_channels": 32,
            "base_channels": 32,
            "channel_multiplier": [1, 1, 1, 1],
            "num_res_blocks": 1,
            "projection_dim": 64,
            "image_token_embed_dim": 64,
        },
        image_token_id=tokenizer.convert_tokens_to_ids(JANUS_SPECIAL["image_token"]),
    )
    torch.manual_seed(0)
    model = JanusForConditionalGeneration(config).eval()
    # The default generation config (`_from_model_config`) drops generation_kwargs on reload; image mode needs boi.
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        do_sample=True,
        guidance_scale=5.0,
        generation_kwargs={"boi_token_id": tokenizer.convert_tokens_to_ids(JANUS_SPECIAL["boi_token"])},
    )
    image_processor = JanusImageProcessorPil(
        size={"height": JANUS_IMAGE_SIZE, "width": JANUS_IMAGE_SIZE}, image_mean=[0.5] * 3, image_std=[0.5] * 3
    )
    processor = JanusProcessor(image_processor=image_processor, tokenizer=tokenizer, num_image_tokens=grid * grid)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


def _tiny_clip_tokenizer():
    """A byte-level CLIP tokenizer with no merges: every character is one token (~515 tokens)."""
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import CLIPTokenizer

    chars = sorted(ByteLevel.alphabet())
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for token in chars + [c + "</w>" for c in chars]:
        vocab.setdefault(token, len(vocab))
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def build_amused(folder: Path) -> Path:
    """Save a tiny random aMUSEd pipeline (VQ model, UVit2D transformer, CLIP text encoder) to `folder`."""
    import torch
    from diffusers import AmusedPipeline, AmusedScheduler, UVit2DModel, VQModel
    from transformers import CLIPTextConfig, CLIPTextModelWithProjection

    tokenizer = _tiny_clip_tokenizer()
    torch.manual_seed(0)
    transformer = UVit2DModel(
        hidden_size=8,
        use_bias=False,
        hidden_dropout=0.0,
        cond_embed_dim=8,
        micro_cond_encode_dim=2,
        micro_cond_embed_dim=10,
        encoder_hidden_size=8,
        vocab_size=AMUSED_CODEBOOK + 1,  # the codebook plus the mask token
        codebook_size=AMUSED_CODEBOOK,
        in_channels=8,
        block_out_channels=8,
        num_res_blocks=1,
        downsample=True,
        upsample=True,
        block_num_heads=1,
        num_hidden_layers=1,
        num_attention_heads=1,
        attention_dropout=0.0,
        intermediate_size=8,
        layer_norm_eps=1e-06,
        ln_elementwise_affine=True,
        sample_size=AMUSED_TOKENS,
    )
    vqvae = VQModel(
        act_fn="silu",
        block_out_channels=[8, 8, 8, 8],
        down_block_types=["DownEncoderBlock2D"] * 4,
        in_channels=3,
        latent_channels=8,
        layers_per_block=1,
        norm_num_groups=8,
        num_vq_embeddings=AMUSED_CODEBOOK,
        out_channels=3,
        sample_size=AMUSED_TOKENS * 8,
        up_block_types=["UpDecoderBlock2D"] * 4,
        mid_block_add_attention=False,
        lookup_from_codebook=True,
    )
    text_encoder = CLIPTextModelWithProjection(
        CLIPTextConfig(
            bos_token_id=0,
            eos_token_id=1,
            pad_token_id=1,
            hidden_size=8,
            intermediate_size=8,
            layer_norm_eps=1e-05,
            num_attention_heads=1,
            num_hidden_layers=1,
            vocab_size=len(tokenizer),
            projection_dim=8,
        )
    )
    pipe = AmusedPipeline(
        vqvae=vqvae,
        tokenizer=tokenizer,
        text_encoder=text_encoder,
        transformer=transformer,
        scheduler=AmusedScheduler(mask_token_id=AMUSED_CODEBOOK),
    )
    folder.mkdir(parents=True, exist_ok=True)
    pipe.save_pretrained(folder)
    return folder


# Fixtures: build once per test session (under pytest's session temp folder), shared by every module importing them.


@pytest.fixture(scope="session")
def janus_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved tiny random Janus checkpoint."""
    folder = tmp_path_factory.getbasetemp() / "tiny-janus"
    return folder if (folder / "config.json").exists() else build_janus(folder)


@pytest.fixture(scope="session")
def amused_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved tiny random aMUSEd pipeline."""
    folder = tmp_path_factory.getbasetemp() / "tiny-amused"
    return folder if (folder / "model_index.json").exists() else build_amused(folder)


@pytest.fixture
def single_thread_torch() -> Iterator[None]:
    """Run torch on one thread: tiny models gain nothing from more, and a busy machine's
    spinning OpenMP threads slow them down tenfold."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
