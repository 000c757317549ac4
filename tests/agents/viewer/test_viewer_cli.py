"""`tessera view` as a user starts it: a real process serving the runs under TESSERA_HOME on loopback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.agents.viewer.conftest import Runs
from tests.service_fixtures import REPO, free_port, service_env

pytestmark = pytest.mark.slow


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"tessera view exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail(f"tessera view did not answer within 60 s:\n{log.read_text(errors='replace')}")


def test_view_serves_the_run_list_and_leads_home_to_it(runs: Runs, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "view.log"
    command = [sys.executable, "-m", "tessera", "view", "--port", str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=service_env(runs.home), stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/runs", process, log)
        home = httpx.get(f"{base}/", follow_redirects=False)
        assert home.status_code == 303 and home.headers["location"] == "/runs"
        listed = httpx.get(f"{base}/", follow_redirects=True)
        assert listed.status_code == 200 and '<table id="runs">' in listed.text
        assert f'data-run-id="{runs.revised}"' in listed.text
        assert httpx.get(f"{base}/runs/{runs.revised}").status_code == 200
        assert httpx.get(f"{base}/runs/nothing-here").status_code == 404
        assert f"{base}/runs" in log.read_text()  # it says where to look
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def test_view_refuses_a_public_address_without_keys(runs: Runs) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tessera", "view", "--host", "0.0.0.0", "--port", str(free_port())],
        cwd=REPO, env=service_env(runs.home), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "TESSERA_API_KEYS" in result.stderr
