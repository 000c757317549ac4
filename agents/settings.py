"""Tessera's configuration: one pydantic-settings model, read once at the edge (env prefix TESSERA_)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where runs live and where the system data (fonts, OCR language data) is.

    Every field can be set from the environment, e.g. `TESSERA_HOME=/data/tessera`.
    """

    model_config = SettingsConfigDict(env_prefix="TESSERA_", extra="ignore")

    home: Path = Field(
        default=Path.home() / ".local" / "share" / "tessera",
        description="folder holding every run (images, plans, reports, traces) and the checkpoint database",
    )
    font_dirs: list[Path] = Field(default=[Path("/usr/share/fonts")], description="folders searched for Noto fonts")
    tessdata: Path = Field(
        default=Path("/usr/share/tesseract-ocr/5/tessdata"), description="tesseract language data folder"
    )

    @property
    def runs_dir(self) -> Path:
        """One sub-folder per run."""
        return self.home / "runs"

    @property
    def checkpoint_db(self) -> Path:
        """The LangGraph SQLite checkpointer's database."""
        return self.home / "checkpoints.sqlite"
