"""CPU time and peak memory of the generative layer, beside the typography-only render in the same run.

Two parts, each case in a fresh child process (so its peak resident memory is its own):

1. Region fill with the tiny random test models (tests/generative_models.py) through
   PlanRenderer: a 512x512 plan with one picture and a generated group of 3 instances
   (4 regions), against the same plan without its pictorial elements.
2. One region with the FULL-SIZE architectures and random weights, built from their
   published configurations (values below): Janus-Pro-1B (576 image tokens at 384 px)
   and aMUSEd-256 (16x16 tokens at 256 px, 12 steps by default). Random weights cost the
   same arithmetic as trained ones. Full runs are slow on a 2-core CPU, so `--janus-tokens`
   samples only that many tokens through the real `generate` loop and `--amused-steps`
   runs fewer steps; the script then reports the time per token/step and the full-region
   time extrapolated from it, and says so.

    PYTHONPATH=. .venv/bin/python bench/bench_generative.py [--janus-tokens 24] [--amused-steps 3] [--skip-full]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Janus-Pro-1B, as transformers' convert_janus_weights_to_hf.py builds it from deepseek-ai/Janus-Pro-1B:
# JanusVisionConfig / JanusVQVAEConfig defaults (documented against that checkpoint) and the
# DeepSeek-LLM 1.3B language config (hidden 2048, 24 layers, 16 heads, FFN 5632, vocab 102400).
JANUS_PRO_1B = {
    "text_config": {
        "vocab_size": 102400,
        "hidden_size": 2048,
        "intermediate_size": 5632,
        "num_hidden_layers": 24,
        "num_attention_heads": 16,
        "num_key_value_heads": 16,
        "max_position_embeddings": 16384,
        "pad_token_id": 100002,
        "bos_token_id": 100000,
        "eos_token_id": 100001,
    },
    "vision_config": {"image_size": 384, "patch_size": 16, "projection_dim": 2048, "depth": 2, "num_image_tokens": 576},
    "vq_config": {
        "embed_dim": 8,
        "num_embeddings": 16384,
        "projection_dim": 2048,
        "image_token_embed_dim": 2048,
        "channel_multiplier": [1, 1, 2, 2, 4],
        "base_channels": 128,
        "latent_channels": 256,
        "num_res_blocks": 2,
    },
    "image_token_id": 100581,
}
JANUS_BOI = 100016  # any id below the vocabulary size: random weights do not care which

# aMUSEd-256: the VQ model of diffusers' scripts/convert_amused.py, the UVit2D transformer of
# openMUSE/muse-256 (UVit2DModel's defaults, 16x16 tokens, no down/upsampling), CLIP ViT-L/14's text tower.
AMUSED_VQ = {
    "act_fn": "silu",
    "block_out_channels": [128, 256, 256, 512, 768],
    "down_block_types": ["DownEncoderBlock2D"] * 5,
    "up_block_types": ["UpDecoderBlock2D"] * 5,
    "in_channels": 3,
    "out_channels": 3,
    "latent_channels": 64,
    "layers_per_block": 2,
    "norm_num_groups": 32,
    "num_vq_embeddings": 8192,
    "sample_size": 32,
    "mid_block_add_attention": False,
    "lookup_from_codebook": True,
}
AMUSED_TRANSFORMER = {"sample_size": 16, "downsample": False, "upsample": False}  # the rest: UVit2DModel defaults
CLIP_L14_TEXT = {
    "vocab_size": 49408,
    "hidden_size": 768,
    "intermediate_size": 3072,
    "num_hidden_layers": 12,
    "num_attention_heads": 12,
    "projection_dim": 768,
    "max_position_embeddings": 77,
}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    return time.process_time()


def _typography_only() -> tuple[float, float]:
    """Wall and CPU seconds of rendering the benchmark plan without its pictorial elements."""
    from tessera.renderer import PlanRenderer
    from tests.renderer.test_generator_render import TYPOGRAPHY_ONLY

    renderer = PlanRenderer()
    renderer.render(TYPOGRAPHY_ONLY)  # fonts load once per process
    wall, cpu = time.perf_counter(), _cpu()
    renderer.render(TYPOGRAPHY_ONLY)
    return time.perf_counter() - wall, _cpu() - cpu


# Cases (each runs in its own child) --------------------------------------------------------------------


def case_tiny(kind: str, threads: int) -> dict:
    import torch

    torch.set_num_threads(threads)  # tiny models gain nothing from more; on a shared machine spinning threads cost

    from tessera.renderer import GeneratorConfig, PlanRenderer, load_generator
    from tests.generative_models import build_amused, build_janus
    from tests.renderer.test_generator_render import PLAN

    typography_wall, typography_cpu = _typography_only()
    before = _peak_mib()
    with tempfile.TemporaryDirectory() as folder:
        model = (build_janus if kind == "janus" else build_amused)(Path(folder) / kind)
        config = GeneratorConfig(kind=kind, model=str(model))  # aMUSEd: its default 12 steps
        wall, cpu = time.perf_counter(), _cpu()
        generator = load_generator(config)
        load_s = time.perf_counter() - wall
        renderer = PlanRenderer(generator=generator)
        renderer.render(PLAN, seed=1)  # warm-up
        wall, cpu = time.perf_counter(), _cpu()
        runs = 3
        for seed in range(runs):
            renderer.render(PLAN, seed=seed)
        render_wall, render_cpu = (time.perf_counter() - wall) / runs, (_cpu() - cpu) / runs
    regions = 4
    return {
        "case": f"tiny {kind}",
        "threads": torch.get_num_threads(),
        "load_s": round(load_s, 3),
        "render_wall_s": round(render_wall, 3),
        "render_cpu_s": round(render_cpu, 3),
        "cpu_per_region_s": round(render_cpu / regions, 3),
        "typography_wall_s": round(typography_wall, 4),
        "typography_cpu_s": round(typography_cpu, 4),
        "peak_mib": round(_peak_mib(), 1),
        "peak_before_model_mib": round(before, 1),
    }


class _StopAfter(Exception):
    pass


def case_full_janus(tokens: int) -> dict:
    import torch
    from transformers import GenerationConfig, JanusConfig, JanusForConditionalGeneration, LogitsProcessor

    typography_wall, typography_cpu = _typography_only()
    wall = time.perf_counter()
    torch.manual_seed(0)
    model = JanusForConditionalGeneration(JanusConfig(**JANUS_PRO_1B)).eval()
    build_s = time.perf_counter() - wall
    text = JANUS_PRO_1B["text_config"]
    model.generation_config = GenerationConfig(
        bos_token_id=text["bos_token_id"],
        pad_token_id=text["pad_token_id"],
        eos_token_id=text["eos_token_id"],
        do_sample=True,
        guidance_scale=5.0,
        generation_kwargs={"boi_token_id": JANUS_BOI},
    )
    params = sum(p.numel() for p in model.parameters())
    stamps: list[float] = []

    class Clock(LogitsProcessor):
        def __call__(self, input_ids, scores):
            stamps.append(time.perf_counter())
            if len(stamps) > tokens:
                raise _StopAfter
            return scores

    prompt = torch.randint(1000, 90000, (1, 40))
    prompt[0, 0], prompt[0, -1] = text["bos_token_id"], JANUS_BOI
    cpu = _cpu()
    with torch.inference_mode():
        try:
            model.generate(
                input_ids=prompt,
                attention_mask=torch.ones_like(prompt),
                generation_mode="image",
                logits_processor=[Clock()],
            )
        except _StopAfter:
            pass
        sample_cpu = _cpu() - cpu
        # stamps[0] comes after the prompt's prefill; each later stamp is one more image token.
        per_token = (stamps[tokens] - stamps[0]) / tokens
        codes = torch.randint(0, 16384, (1, 576))
        wall, cpu = time.perf_counter(), _cpu()
        model.decode_image_tokens(codes)
        decode_s, decode_cpu = time.perf_counter() - wall, _cpu() - cpu
    return {
        "case": "full-size Janus-Pro-1B (random weights, float32)",
        "threads": torch.get_num_threads(),
        "parameters_m": round(params / 1e6),
        "build_s": round(build_s, 1),
        "tokens_sampled": tokens,
        "cpu_s_for_sampled_tokens_incl_prefill": round(sample_cpu, 1),
        "wall_s_per_token": round(per_token, 3),
        "decode_wall_s": round(decode_s, 2),
        "decode_cpu_s": round(decode_cpu, 2),
        "region_wall_s_extrapolated": round(576 * per_token + decode_s, 1),
        "typography_wall_s": round(typography_wall, 4),
        "typography_cpu_s": round(typography_cpu, 4),
        "peak_mib": round(_peak_mib(), 1),
    }


def case_full_amused(steps: int) -> dict:
    import torch
    from diffusers import AmusedInpaintPipeline, AmusedPipeline, AmusedScheduler, UVit2DModel, VQModel
    from PIL import Image, ImageDraw
    from transformers import CLIPTextConfig, CLIPTextModelWithProjection

    from tests.generative_models import _tiny_clip_tokenizer

    typography_wall, typography_cpu = _typography_only()
    wall = time.perf_counter()
    torch.manual_seed(0)
    pipe = AmusedPipeline(
        vqvae=VQModel(**AMUSED_VQ),
        tokenizer=_tiny_clip_tokenizer(),  # the tokenizer's size costs nothing; the encoder is full-size
        text_encoder=CLIPTextModelWithProjection(CLIPTextConfig(**CLIP_L14_TEXT)),
        transformer=UVit2DModel(**AMUSED_TRANSFORMER),
        scheduler=AmusedScheduler(mask_token_id=8255),
    )
    build_s = time.perf_counter() - wall
    pipe.set_progress_bar_config(disable=True)
    inpaint = AmusedInpaintPipeline(**pipe.components)
    inpaint.set_progress_bar_config(disable=True)
    params = sum(p.numel() for m in (pipe.vqvae, pipe.text_encoder, pipe.transformer) for p in m.parameters())
    out = {}
    generator = torch.Generator().manual_seed(0)
    wall, cpu = time.perf_counter(), _cpu()
    pipe("a bowl of ramen", num_inference_steps=steps, generator=generator)
    out["t2i"] = (time.perf_counter() - wall, _cpu() - cpu)
    image = Image.new("RGB", (256, 256), (200, 180, 150))
    mask = Image.new("L", (256, 256), 0)
    ImageDraw.Draw(mask).rectangle((64, 64, 191, 191), fill=255)
    wall, cpu = time.perf_counter(), _cpu()
    inpaint("a bowl of ramen", image=image, mask_image=mask, num_inference_steps=steps, generator=generator)
    out["inpaint"] = (time.perf_counter() - wall, _cpu() - cpu)
    result = {
        "case": "full-size aMUSEd-256 (random weights, float32)",
        "threads": torch.get_num_threads(),
        "parameters_m": round(params / 1e6),
        "build_s": round(build_s, 1),
        "steps_run": steps,
    }
    for name, (seconds, cpu_s) in out.items():
        result[f"{name}_wall_s"] = round(seconds, 1)
        result[f"{name}_cpu_s"] = round(cpu_s, 1)
        result[f"{name}_wall_s_per_step"] = round(seconds / steps, 2)  # includes text encoding and VQ decode
        result[f"{name}_wall_s_12_steps_extrapolated"] = round(seconds / steps * 12, 1)
    result.update(
        typography_wall_s=round(typography_wall, 4),
        typography_cpu_s=round(typography_cpu, 4),
        peak_mib=round(_peak_mib(), 1),
    )
    return result


def _child(args: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error"}
    done = subprocess.run(
        [sys.executable, __file__, "--case", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"case": " ".join(args), "error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--janus-tokens", type=int, default=24, help="image tokens to sample (of 576) at full size")
    parser.add_argument("--amused-steps", type=int, default=12, help="aMUSEd steps at full size (12 is the default)")
    parser.add_argument("--tiny-threads", type=int, default=1, help="torch threads for the tiny models")
    parser.add_argument("--skip-full", action="store_true", help="only the tiny models")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        name, *rest = args.case
        if name == "tiny":
            print(json.dumps(case_tiny(rest[0], int(rest[1]))))
        elif name == "full-janus":
            print(json.dumps(case_full_janus(int(rest[0]))))
        else:
            print(json.dumps(case_full_amused(int(rest[0]))))
        return
    cases = [["tiny", "janus", str(args.tiny_threads)], ["tiny", "amused", str(args.tiny_threads)]]
    if not args.skip_full:
        cases += [["full-janus", str(args.janus_tokens)], ["full-amused", str(args.amused_steps)]]
    for case in cases:
        print(json.dumps(_child(case)), flush=True)


if __name__ == "__main__":
    main()
