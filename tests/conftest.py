"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose runs and checkpoints live in a fresh temporary folder."""
    return Settings(home=tmp_path / "home")
