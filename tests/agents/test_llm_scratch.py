"""vLLM binds ZeroMQ sockets under its TMPDIR, and a Unix socket path holds at most 107 bytes."""

from __future__ import annotations

from pathlib import Path

from tessera.agents._llm._server import scratch_dir

SOCKET_NAME = "/1c170d1f-199f-40a8-bd4d-02d3c21c4ba3"


def test_a_short_workdir_keeps_the_servers_temporary_files_inside_it(tmp_path: Path) -> None:
    workdir = Path("/tmp/v")
    assert scratch_dir(workdir) == workdir / "tmp"


def test_a_deep_workdir_gets_a_short_temporary_folder_so_socket_paths_fit(tmp_path: Path) -> None:
    deep = tmp_path / ("test_a_server_killed_mid_run_falls_back_to_rules_within_the_timeout" * 2) / "vllm"
    scratch = scratch_dir(deep)
    assert not scratch.is_relative_to(deep)
    assert len(str(scratch) + SOCKET_NAME) <= 107
    scratch.rmdir()
