"""Tessera's configuration: one pydantic-settings model, read once at the edge (env prefix TESSERA_)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
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
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "tessera",
        description="folder for things built once and reused: the vLLM venv (~3 GB) and prepared model folders",
    )

    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible server the LLM planner uses, e.g. http://127.0.0.1:8000/v1"
    )
    llm_model: str | None = Field(default=None, description="model name on that server")
    llm_api_key: SecretStr | None = Field(default=None, description="bearer token; local vLLM needs none")
    llm_timeout_s: float = Field(default=120.0, gt=0, description="longest wait for one model reply")
    llm_max_retries: int = Field(default=1, ge=0, le=5, description="retries of a failed connection or 5xx reply")
    llm_server: Literal["vllm", "openai"] = Field(
        default="vllm", description="vllm adds its thinking switches via extra_body; openai sends standard fields only"
    )
    llm_thinking: bool = Field(
        default=False, description="the model reasons first (vLLM: --reasoning-parser); effort sets its thinking budget"
    )
    llm_stream: bool = Field(default=False, description="stream model replies")
    llm_force_thinking: bool = Field(
        default=False, description="vLLM: min_tokens above the thinking budget (small test models)"
    )
    llm_on_error: Literal["fallback", "fail"] = Field(
        default="fallback", description="when the model server fails mid-run: plan with rules, or stop the run"
    )
    llm_check_timeout_s: float = Field(default=3.0, gt=0, description="how long choosing a planner waits on GET /models")

    generator: Literal["none", "janus", "amused"] = Field(
        default="none",
        description="the generative layer for pictures and generated objects: janus (autoregressive image tokens, "
        "transformers), amused (masked image tokens, diffusers), or none (sprites and styled placeholders, with a notice)",
    )
    generator_model: str | None = Field(
        default=None, description="hub id or local folder of the generator's weights, e.g. deepseek-community/Janus-Pro-1B"
    )
    generator_device: str = Field(default="auto", description="torch device: auto (cuda when present), cpu, cuda, cuda:1")
    generator_dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        default="auto", description="auto: bfloat16 on cuda, float32 on cpu"
    )
    generator_steps: int | None = Field(
        default=None, ge=1, le=200, description="sampling steps per region (aMUSEd); None: the backend's default"
    )
    generator_guidance: float | None = Field(
        default=None, ge=0.0, le=30.0, description="classifier-free guidance scale; None: the backend's default"
    )
    detector: Literal["none", "owlv2", "grounding-dino"] = Field(
        default="none", description="open-vocabulary detector that counts generated objects (sprites keep their own counter)"
    )
    detector_model: str | None = Field(
        default=None, description="hub id or local folder of the detector's weights, e.g. google/owlv2-base-patch16-ensemble"
    )
    detector_threshold: float = Field(default=0.3, gt=0.0, lt=1.0, description="lowest score a detection counts at")

    database_url: SecretStr | None = Field(
        default=None,
        description="Postgres URL for run state (LangGraph checkpoints), e.g. postgresql://tessera@db/tessera; "
        "unset: SQLite under home",
    )
    planner_url: str | None = Field(default=None, description="planner service; unset: plan in this process")
    renderer_url: str | None = Field(default=None, description="renderer service; unset: render in this process")
    verifier_url: str | None = Field(default=None, description="verifier service; unset: verify in this process")
    service_timeout_s: float = Field(default=600.0, gt=0, description="longest wait for one call to another service")
    gateway_id: str = Field(
        default_factory=socket.gethostname,
        min_length=1,
        max_length=100,
        description="names the runs this gateway drives, so that after a restart it resumes them; "
        "give each gateway replica its own",
    )
    gateway_workers: int = Field(default=4, ge=1, le=64, description="runs one gateway drives at once; more wait")

    @property
    def runs_dir(self) -> Path:
        """One sub-folder per run."""
        return self.home / "runs"

    @property
    def checkpoint_db(self) -> Path:
        """The LangGraph SQLite checkpointer's database."""
        return self.home / "checkpoints.sqlite"
