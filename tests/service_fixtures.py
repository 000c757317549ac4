"""Real processes for service tests: Debian's PostgreSQL in a temporary data folder, and `tessera serve` processes.

Everything listens on loopback ports picked free at start. PostgreSQL comes from the
Debian package that scripts/test installs; initdb refuses to run as root, so as root
the server runs as the `postgres` user the package creates.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
_ESTABLISHED = "01"  # a connection's state in /proc/net/tcp


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not versions:
        pytest.fail("PostgreSQL is not installed: scripts/test installs it (apt-get install postgresql)")
    return versions[-1].parent


@dataclass
class Postgres:
    """A PostgreSQL server for one test session."""

    url: str
    data_dir: Path
    bin_dir: Path
    user: str | None

    def sql(self, statement: str) -> str:
        """Run SQL with psql and return its unaligned output."""
        command = [str(self.bin_dir / "psql"), self.url, "-At", "-c", statement]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=30).stdout.strip()

    def stop(self) -> None:
        """Stop the server at once, dropping every connection; `restart` brings it back."""
        self._pg_ctl("-m", "fast", "-w", "stop")

    def restart(self) -> None:
        """Start the server again (stopping it first when it runs) with the options it was first started with."""
        self._pg_ctl("-m", "fast", "-w", "-l", str(self.data_dir.parent / "server.log"), "restart")

    def _pg_ctl(self, *arguments: str) -> None:
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *arguments]
        subprocess.run(_as_user(self.user, command), check=True, capture_output=True, timeout=120)


def _as_user(user: str | None, command: list[str]) -> list[str]:
    return ["runuser", "-u", user, "--", *command] if user else command


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """A fresh PostgreSQL cluster on a free loopback port, with a database `tessera`."""
    bin_dir = _postgres_bin()
    user = "postgres" if os.geteuid() == 0 else None
    # Not under pytest's temporary folder: pytest keeps that private to root (0700), and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="tessera-postgres-"))
    root.chmod(0o755)
    data_dir, socket_dir = root / "data", root / "socket"
    data_dir.mkdir()
    socket_dir.mkdir()
    if user:
        account = pwd.getpwnam(user)
        for path in (root, data_dir, socket_dir):
            os.chown(path, account.pw_uid, account.pw_gid)
    subprocess.run(
        _as_user(user, [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "tessera", "--auth=trust", "-E", "UTF8"]),
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    options = f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = root / "server.log"
    if user:
        log.touch()
        os.chown(log, pwd.getpwnam(user).pw_uid, -1)
    subprocess.run(
        _as_user(user, [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-o", options, "-l", str(log), "-w", "start"]),
        check=True,
        capture_output=True,
        timeout=120,
    )
    server = Postgres(
        url=f"postgresql://tessera@127.0.0.1:{port}/postgres", data_dir=data_dir, bin_dir=bin_dir, user=user
    )
    try:
        server.sql("create database tessera")
        server.url = f"postgresql://tessera@127.0.0.1:{port}/tessera"
        yield server
    finally:
        subprocess.run(
            _as_user(user, [str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate", "stop"]),
            check=False,  # stopping a server that already died must not hide the test's own failure
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Service:
    """One `tessera serve --role ROLE` process on loopback."""

    role: str
    port: int
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None
    # Run instead of `tessera serve` (a test's own service script), by every start, restarts included.
    program: list[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        """The same command compose.yaml runs, with a loopback address (or the service's own `program`)."""
        if self.program is not None:
            return self.program
        return [
            sys.executable,
            "-m",
            "tessera",
            "serve",
            "--role",
            self.role,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]

    def start(self, *, command: list[str] | None = None, ready_timeout_s: float = 60.0) -> Service:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command or self.command(),
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready(ready_timeout_s)
        return self

    def wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                pytest.fail(f"{self.role} service exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        pytest.fail(f"{self.role} service was not ready within {timeout_s} s:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to finish anything."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stall(self) -> None:
        """SIGSTOP: the process stays and its port still accepts connections, but it answers nothing until `wake`."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGSTOP)

    def wake(self) -> None:
        """SIGCONT: a stalled process carries on with whatever waited for it."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGCONT)

    def request_waiting(self) -> bool:
        """Whether bytes of a request sit unread at this service's port (a stalled service's in-flight call); from
        the kernel's TCP table (Linux)."""
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            _, local, _, state, queues, *_ = line.split()
            port, unread = int(local.split(":")[1], 16), int(queues.split(":")[1], 16)
            if port == self.port and state == _ESTABLISHED and unread > 0:
                return True
        return False

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGCONT)  # a stalled process cannot act on SIGTERM
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""


def slow_renderer(root: Path, seconds: float, **settings: str) -> Service:
    """A renderer service whose renders take `seconds` longer (tests/services/slow_renderer.py), so that a test can act
    while a render is in flight; not yet started. Its home and log go under `root`."""
    service = Service("renderer", free_port(), service_env(root / "renderer-home", **settings), root / "renderer.log")
    service.program = [sys.executable, str(REPO / "tests/services/slow_renderer.py"), str(service.port), str(seconds)]
    return service


def service_env(home: Path, **settings: str) -> dict[str, str]:
    """The environment of a service process: this one's, offline, with TESSERA_* settings added."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TESSERA_")}
    env.update({"HF_HUB_OFFLINE": "1", "TESSERA_HOME": str(home), "PYTHONPATH": str(REPO)})
    env.update({f"TESSERA_{k.upper()}": v for k, v in settings.items()})
    return env
