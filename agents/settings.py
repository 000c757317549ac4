"""Tessera's configuration: one pydantic-settings model, read once at the edge (env prefix TESSERA_).

Each part's configuration is its own package's model, nested here: `settings.llm` is the planner's `LlmOptions`,
`settings.generator` the renderer's `GeneratorConfig`, `settings.detector` the verifier's `DetectorConfig`, and
`settings.services` says where the other services are. Their variables keep flat names: `TESSERA_GENERATOR=janus`
sets `settings.generator.kind`, `TESSERA_GENERATOR_MODEL` its `model`, `TESSERA_LLM_BASE_URL` `settings.llm.base_url`,
`TESSERA_PLANNER_URL` `settings.services.planner_url`, `TESSERA_EFFORT_CANDIDATES` `settings.effort.candidates`
(`Settings.variables()` lists them all).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from tessera.contract import ConfigurationError, SearchProviderName, TimeLimit
from tessera.planner import LlmOptions
from tessera.renderer import GeneratorConfig
from tessera.verifier import DetectorConfig


class ServiceSettings(BaseModel):
    """Where the part services and the run database are, and how a gateway drives its runs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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
    gateway_lease_s: float = Field(
        default=60.0,
        ge=2,
        le=86_400,
        description="a gateway that has not renewed its lease in the shared home for this long is presumed gone, and "
        "another gateway sharing the home and the database takes over its queued and running runs",
    )
    api_keys: SecretStr | None = Field(
        default=None,
        description="comma-separated bearer tokens; set: every route but /healthz and /readyz needs one, and each "
        "key sees only the runs it made; unset: no authentication (serve then stays on 127.0.0.1 unless told)",
    )
    public_url: str | None = Field(
        default=None,
        max_length=500,
        description="the base of the URLs replies carry, e.g. https://images.example.com; unset: the address the "
        "server listens on (never the request's Host header)",
    )
    max_queue: int = Field(
        default=64, ge=1, le=100_000, description="runs waiting for a worker, in total; past it: 429 with Retry-After"
    )
    max_queue_per_key: int = Field(
        default=16, ge=1, le=100_000, description="runs waiting for a worker per API key; past it: 429 with Retry-After"
    )
    rate_limit_per_minute: int = Field(
        default=120,
        ge=0,
        le=1_000_000,
        description="images one API key (or, without keys, one client) may ask for per minute; 0: no limit",
    )
    runs_keep_days: float | None = Field(
        default=None,
        gt=0,
        description="delete runs that ended more than this many days ago (never a queued or running one); "
        "unset: keep every run",
    )
    cancel_abandoned: bool = Field(
        default=True,
        description="cancel a queued run whose client hung up before it started (a running run carries on)",
    )
    artifact_dir: Path | None = Field(
        default=None,
        description="a folder every part can read and write (a shared volume): parts hand images to each other "
        "there, by reference with a content hash, instead of base64 in each body; unset: base64",
    )

    def part_key(self) -> str | None:
        """The key this process presents to the part services it calls: the first of `api_keys` (the parts are
        given the same TESSERA_API_KEYS); None without keys."""
        if self.api_keys is None:
            return None
        return next((key.strip() for key in self.api_keys.get_secret_value().split(",") if key.strip()), None)


MAX_CANDIDATES = 5  # first plans one run may render at effort high: the work a request buys stays bounded


class EffortSettings(BaseModel):
    """What the effort levels spend beyond revisions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    candidates: int = Field(
        default=3,
        ge=1,
        le=MAX_CANDIDATES,
        description="at effort high, first plans tried (the planner's at successive seeds), each rendered, verified "
        "and scored; the best is kept",
    )


class SearchSettings(BaseModel):
    """Web grounding's search (TESSERA_SEARCH=ddgs|fixture|off and TESSERA_SEARCH_*)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: SearchProviderName = Field(
        default="ddgs",
        description="ddgs (web text search), fixture (the results in TESSERA_SEARCH_FIXTURE, for offline demos and "
        "tests) or off (never search)",
    )
    fixture: Path | None = Field(
        default=None, description="a JSON file holding a list of {title, url, snippet}, for TESSERA_SEARCH=fixture"
    )
    region: str = Field(default="wt-wt", max_length=12, description="ddgs region, e.g. us-en; wt-wt: any")
    timelimit: TimeLimit | None = Field(default=None, description="only pages of the last d, w, m or y")
    max_results: int = Field(default=5, ge=1, le=10, description="results read per query")
    timeout_s: float = Field(default=8.0, gt=0, le=60, description="seconds one query may take")
    cache_ttl_s: int = Field(
        default=86400, ge=0, description="how long a query's results are reused from the cache under TESSERA_HOME"
    )


@dataclass(frozen=True)
class _Section:
    """How one nested model's fields are named in the environment: PREFIX + FIELD, upper case."""

    model: type[BaseModel]
    prefix: str
    bare: str | None = None  # the field the prefix alone sets: TESSERA_GENERATOR is the generator's kind
    per_run: frozenset[str] = frozenset()  # fields each run sets itself, never read from the environment

    def variables(self) -> dict[str, str]:
        names = {
            f"{self.prefix}{name.upper()}": name
            for name in self.model.model_fields
            if name != self.bare and name not in self.per_run
        }
        if self.bare is not None:
            names[self.prefix.rstrip("_")] = self.bare
        return names


_SECTIONS: dict[str, _Section] = {
    "llm": _Section(LlmOptions, "TESSERA_LLM_", per_run=frozenset({"effort"})),
    "generator": _Section(GeneratorConfig, "TESSERA_GENERATOR_", bare="kind"),
    "detector": _Section(DetectorConfig, "TESSERA_DETECTOR_", bare="backend"),
    "services": _Section(ServiceSettings, "TESSERA_"),
    "effort": _Section(EffortSettings, "TESSERA_EFFORT_"),
    "search": _Section(SearchSettings, "TESSERA_SEARCH_", bare="provider"),
}


class Settings(BaseSettings):
    """Where runs live, where the system data (fonts, OCR language data) is, and each part's configuration.

    Every field can be set from the environment, e.g. `TESSERA_HOME=/data/tessera` or `TESSERA_GENERATOR=janus`.
    """

    model_config = SettingsConfigDict(env_prefix="TESSERA_", extra="forbid")

    home: Path = Field(
        default=Path.home() / ".local" / "share" / "tessera",
        description="folder holding every run (images, plans, reports, traces) and the checkpoint database",
    )
    font_dirs: list[Path] = Field(default=[Path("/usr/share/fonts")], description="folders searched for Noto fonts")
    tessdata: Path = Field(
        default=Path("/usr/share/tesseract-ocr/5/tessdata"), description="tesseract language data folder"
    )
    second_ocr: Literal["rapidocr", "none"] = Field(
        default="rapidocr",
        description="the verifier's second opinion on a text box tesseract does not read exactly: rapidocr "
        "(PP-OCRv4, reads Latin and Chinese; a string passes when either engine reads it exactly) or none",
    )
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "tessera",
        description="folder for things built once and reused: the vLLM venv (~3 GB) and prepared model folders",
    )
    llm: LlmOptions | None = Field(
        default=None,
        description="the model server the LLM planner uses (TESSERA_LLM_*); None: no model, plans use the rules",
    )
    generator: GeneratorConfig | None = Field(
        default=None,
        description="the generative layer for pictures and generated objects: janus (autoregressive image tokens, "
        "transformers) or amused (masked image tokens, diffusers); None (TESSERA_GENERATOR=none): sprites and "
        "styled placeholders, with a notice",
    )
    detector: DetectorConfig = Field(
        default_factory=DetectorConfig,
        description="open-vocabulary detector that counts generated objects (sprites keep their own counter)",
    )
    services: ServiceSettings = Field(default_factory=ServiceSettings)
    effort: EffortSettings = Field(default_factory=EffortSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)

    @field_validator("llm", mode="before")
    @classmethod
    def _no_model_without_server_and_name(cls, value: Any) -> Any:
        # TESSERA_LLM_TIMEOUT_S and the like alone configure no model: `auto` plans with the rules and says why.
        if isinstance(value, dict) and not (value.get("base_url") and value.get("model")):
            return None
        return value

    @field_validator("generator", mode="before")
    @classmethod
    def _generator_none_is_no_generator(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        kind = value.get("kind", "none")
        if kind == "none":
            return None
        kinds = get_args(GeneratorConfig.model_fields["kind"].annotation)
        if kind not in kinds:
            raise ValueError(f"TESSERA_GENERATOR={kind!r} names no generator; use {', '.join(kinds)} or none")
        return value

    @property
    def runs_dir(self) -> Path:
        """One sub-folder per run."""
        return self.home / "runs"

    @property
    def checkpoint_db(self) -> Path:
        """The LangGraph SQLite checkpointer's database."""
        return self.home / "checkpoints.sqlite"

    @classmethod
    def from_environment(cls) -> Settings:
        """The settings the environment gives, or a ConfigurationError naming each variable to fix."""
        try:
            return cls()
        except ValidationError as err:
            variable_of = {field: variable for variable, field in cls.variables().items()}
            problems = []
            for error in err.errors():
                where = ".".join(str(part) for part in error["loc"])
                variable = variable_of.get(where, f"TESSERA_{where.replace('.', '_').upper()}")
                message = error["msg"].removeprefix("Value error, ")
                problems.append(message if variable in message else f"{variable}: {message}")
            raise ConfigurationError("; ".join(problems)) from None

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Every environment variable Settings reads, and the field it sets (`generator.kind` for TESSERA_GENERATOR)."""
        names = {f"TESSERA_{name.upper()}": name for name in cls.model_fields if name not in _SECTIONS}
        for section_name, section in _SECTIONS.items():
            names.update({var: f"{section_name}.{field}" for var, field in section.variables().items()})
        return names

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Keyword arguments first, then the environment under the flat names users set (no .env, no secrets dir)."""
        return init_settings, _TesseraEnvironment(settings_cls)


class _TesseraEnvironment(EnvSettingsSource):
    """TESSERA_* variables: top-level fields by their own names, nested models' fields by their sections' names."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        if field_name in _SECTIONS:
            # Read in __call__: the default lookup would parse TESSERA_GENERATOR=janus as the whole model's JSON.
            return None, field_name, False
        return super().get_field_value(field, field_name)

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        for name, section in _SECTIONS.items():
            found = {field: self.env_vars.get(self._key(variable)) for variable, field in section.variables().items()}
            present = {field: value for field, value in found.items() if value is not None}
            if present:
                values[name] = present
        return values

    def _key(self, variable: str) -> str:
        return variable if self.case_sensitive else variable.lower()  # env_vars holds names as matched
