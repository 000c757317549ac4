"""Tiny random detector weights for tests, saved the way a real checkpoint is and loaded back through `from_pretrained`.

No detector weights can be downloaded here, so tests build the real classes at toy sizes.
OWLv2 (`Owlv2ForObjectDetection`, `Owlv2Processor`, a CLIP tokenizer, the PIL image
processor): one layer, width 32, 64 px images (16 patches, so 16 candidate boxes, scores
about 0.35-0.55). Grounding DINO (`GroundingDinoForObjectDetection` with a one-block Swin
backbone and a one-layer BERT, no timm or torchvision needed). Their detections are arbitrary:
they prove loading and plumbing, not detection quality. Wrap a builder in a session-scoped
fixture: each takes about a second.
"""

from __future__ import annotations

from pathlib import Path

IMAGE_SIZE = 64
PATCH_SIZE = 16


def clip_tokenizer(max_length: int = 16):
    """A CLIP tokenizer over the 256 byte symbols (alone and word-final) with no merges: built offline."""
    from tokenizers import pre_tokenizers
    from transformers import CLIPTokenizer

    symbols = sorted(pre_tokenizers.ByteLevel.alphabet())
    tokens = [*symbols, *(f"{s}</w>" for s in symbols), "<|startoftext|>", "<|endoftext|>"]
    return CLIPTokenizer(vocab={t: i for i, t in enumerate(tokens)}, merges=[], model_max_length=max_length)


def save_tiny_owlv2(folder: Path, seed: int = 0) -> Path:
    """Write a tiny random OWLv2 (config, safetensors weights, processor, tokenizer) to `folder`; return it."""
    import torch
    from transformers import Owlv2Config, Owlv2ForObjectDetection, Owlv2Processor
    from transformers.models.owlv2 import Owlv2ImageProcessorPil

    tokenizer = clip_tokenizer()
    layers = {"hidden_size": 32, "intermediate_size": 37, "num_hidden_layers": 1, "num_attention_heads": 2}
    config = Owlv2Config(
        text_config={
            **layers,
            "vocab_size": len(tokenizer),
            "max_position_embeddings": tokenizer.model_max_length,
            "bos_token_id": tokenizer.bos_token_id,
            "eos_token_id": tokenizer.eos_token_id,
            "pad_token_id": tokenizer.pad_token_id,
        },
        vision_config={**layers, "image_size": IMAGE_SIZE, "patch_size": PATCH_SIZE},
        projection_dim=32,
        # small initial weights keep the box head near OWLv2's per-patch prior: the random model then
        # proposes one patch-sized box per patch (a 4 x 4 grid over the padded image) instead of boxes
        # collapsed onto an image edge, so a group box holds a few of them and counts are not all zero
        initializer_factor=0.1,
    )
    torch.manual_seed(seed)
    Owlv2ForObjectDetection(config).eval().save_pretrained(folder)
    image_processor = Owlv2ImageProcessorPil(size={"height": IMAGE_SIZE, "width": IMAGE_SIZE})
    Owlv2Processor(image_processor=image_processor, tokenizer=tokenizer).save_pretrained(folder)
    return folder


def save_tiny_grounding_dino(folder: Path, seed: int = 0) -> Path:
    """Write a tiny random Grounding DINO (Swin backbone, BERT text encoder, processor) to `folder`; return it."""
    import torch
    from transformers import (
        BertConfig,
        BertTokenizer,
        GroundingDinoConfig,
        GroundingDinoForObjectDetection,
        GroundingDinoProcessor,
        SwinConfig,
    )
    from transformers.models.grounding_dino import GroundingDinoImageProcessorPil

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "a", "cat", "dog", "apple", "balloon", "photo", "of"]
    tokenizer = BertTokenizer(vocab={w: i for i, w in enumerate([*words, *"abcdefghijklmnopqrstuvwxyz"])})
    backbone = SwinConfig(
        window_size=7, embed_dim=8, depths=[1, 1, 1, 1], num_heads=[1, 1, 1, 1], image_size=32,
        out_features=["stage2", "stage3", "stage4"], out_indices=[2, 3, 4],
    )  # fmt: skip
    text = BertConfig(
        vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37,
        max_position_embeddings=64,
    )  # fmt: skip
    config = GroundingDinoConfig(
        backbone_config=backbone.to_dict(), text_config=text.to_dict(), d_model=32, num_queries=10, max_text_len=32,
        encoder_layers=1, decoder_layers=2, encoder_ffn_dim=32, decoder_ffn_dim=32, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_n_points=2, decoder_n_points=2,  # one decoder layer breaks weight tying
    )  # fmt: skip
    torch.manual_seed(seed)
    GroundingDinoForObjectDetection(config).eval().save_pretrained(folder)
    image_processor = GroundingDinoImageProcessorPil(size={"shortest_edge": 64, "longest_edge": 96})
    GroundingDinoProcessor(image_processor=image_processor, tokenizer=tokenizer).save_pretrained(folder)
    return folder
