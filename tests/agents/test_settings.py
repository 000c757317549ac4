"""Settings: each part's configuration is its package's own model, set from the flat TESSERA_* names users know."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from tessera.agents import Settings
from tessera.planner import LlmOptions
from tessera.renderer import GeneratorConfig
from tessera.verifier import DetectorConfig

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", ROOT / "docs" / "deploy.md", ROOT / "compose.yaml"]

# A model server and a generator, so that each of their other variables has something to configure.
_BASE = {
    "TESSERA_LLM_BASE_URL": "http://vllm:8000/v1",
    "TESSERA_LLM_MODEL": "tessera-llm",
    "TESSERA_GENERATOR": "janus",
}

# (variable, value, where Settings keeps it, what it reads there)
DOCUMENTED: list[tuple[str, str, Callable[[Settings], object], object]] = [
    ("TESSERA_HOME", "/data/tessera", lambda s: s.home, Path("/data/tessera")),
    ("TESSERA_FONT_DIRS", '["/fonts", "/more"]', lambda s: s.font_dirs, [Path("/fonts"), Path("/more")]),
    ("TESSERA_TESSDATA", "/tessdata", lambda s: s.tessdata, Path("/tessdata")),
    ("TESSERA_CACHE_DIR", "/cache", lambda s: s.cache_dir, Path("/cache")),
    ("TESSERA_SECOND_OCR", "none", lambda s: s.second_ocr, "none"),
    ("TESSERA_EFFORT_CANDIDATES", "5", lambda s: s.effort.candidates, 5),
    ("TESSERA_LLM_BASE_URL", "http://llm:9000/v1", lambda s: s.llm and s.llm.base_url, "http://llm:9000/v1"),
    ("TESSERA_LLM_MODEL", "Qwen3-8B", lambda s: s.llm and s.llm.model, "Qwen3-8B"),
    (
        "TESSERA_LLM_API_KEY",
        "sk-test",
        lambda s: s.llm and s.llm.api_key and s.llm.api_key.get_secret_value(),
        "sk-test",
    ),
    ("TESSERA_LLM_TIMEOUT_S", "600", lambda s: s.llm and s.llm.timeout_s, 600.0),
    ("TESSERA_LLM_MAX_RETRIES", "3", lambda s: s.llm and s.llm.max_retries, 3),
    ("TESSERA_LLM_SERVER", "openai", lambda s: s.llm and s.llm.server, "openai"),
    ("TESSERA_LLM_THINKING", "true", lambda s: s.llm and s.llm.thinking, True),
    ("TESSERA_LLM_STREAM", "true", lambda s: s.llm and s.llm.stream, True),
    ("TESSERA_LLM_FORCE_THINKING", "true", lambda s: s.llm and s.llm.force_thinking, True),
    ("TESSERA_LLM_ON_ERROR", "fail", lambda s: s.llm and s.llm.on_error, "fail"),
    ("TESSERA_LLM_CHECK_TIMEOUT_S", "0.5", lambda s: s.llm and s.llm.check_timeout_s, 0.5),
    ("TESSERA_GENERATOR", "amused", lambda s: s.generator and s.generator.kind, "amused"),
    ("TESSERA_GENERATOR_MODEL", "amused/amused-256", lambda s: s.generator and s.generator.model, "amused/amused-256"),
    ("TESSERA_GENERATOR_DEVICE", "cuda:1", lambda s: s.generator and s.generator.device, "cuda:1"),
    ("TESSERA_GENERATOR_DTYPE", "float16", lambda s: s.generator and s.generator.dtype, "float16"),
    ("TESSERA_GENERATOR_STEPS", "12", lambda s: s.generator and s.generator.steps, 12),
    ("TESSERA_GENERATOR_GUIDANCE", "4.5", lambda s: s.generator and s.generator.guidance, 4.5),
    ("TESSERA_DETECTOR", "owlv2", lambda s: s.detector.backend, "owlv2"),
    (
        "TESSERA_DETECTOR_MODEL",
        "google/owlv2-base-patch16-ensemble",
        lambda s: s.detector.model,
        "google/owlv2-base-patch16-ensemble",
    ),
    ("TESSERA_DETECTOR_THRESHOLD", "0.45", lambda s: s.detector.threshold, 0.45),
    (
        "TESSERA_DATABASE_URL",
        "postgresql://tessera@db/tessera",
        lambda s: s.services.database_url and s.services.database_url.get_secret_value(),
        "postgresql://tessera@db/tessera",
    ),
    ("TESSERA_PLANNER_URL", "http://planner:8001", lambda s: s.services.planner_url, "http://planner:8001"),
    ("TESSERA_RENDERER_URL", "http://renderer:8002", lambda s: s.services.renderer_url, "http://renderer:8002"),
    ("TESSERA_VERIFIER_URL", "http://verifier:8003", lambda s: s.services.verifier_url, "http://verifier:8003"),
    ("TESSERA_SERVICE_TIMEOUT_S", "30", lambda s: s.services.service_timeout_s, 30.0),
    ("TESSERA_GATEWAY_ID", "gateway-2", lambda s: s.services.gateway_id, "gateway-2"),
    ("TESSERA_GATEWAY_WORKERS", "8", lambda s: s.services.gateway_workers, 8),
    (
        "TESSERA_API_KEYS",
        "key-one-0123456789abcdef,key-two-0123456789abcdef",
        lambda s: s.services.api_keys and s.services.api_keys.get_secret_value(),
        "key-one-0123456789abcdef,key-two-0123456789abcdef",
    ),
    ("TESSERA_PUBLIC_URL", "https://images.example.com", lambda s: s.services.public_url, "https://images.example.com"),
    ("TESSERA_MAX_QUEUE", "8", lambda s: s.services.max_queue, 8),
    ("TESSERA_GATEWAY_LEASE_S", "30", lambda s: s.services.gateway_lease_s, 30.0),
    ("TESSERA_MAX_QUEUE_PER_KEY", "2", lambda s: s.services.max_queue_per_key, 2),
    ("TESSERA_RATE_LIMIT_PER_MINUTE", "0", lambda s: s.services.rate_limit_per_minute, 0),
    ("TESSERA_RUNS_KEEP_DAYS", "30", lambda s: s.services.runs_keep_days, 30.0),
    ("TESSERA_CANCEL_ABANDONED", "false", lambda s: s.services.cancel_abandoned, False),
    ("TESSERA_ARTIFACT_DIR", "/data/hops", lambda s: s.services.artifact_dir, Path("/data/hops")),
    ("TESSERA_SEARCH", "fixture", lambda s: s.search.provider, "fixture"),
    ("TESSERA_SEARCH_FIXTURE", "/data/results.json", lambda s: s.search.fixture, Path("/data/results.json")),
    ("TESSERA_SEARCH_REGION", "de-de", lambda s: s.search.region, "de-de"),
    ("TESSERA_SEARCH_TIMELIMIT", "y", lambda s: s.search.timelimit, "y"),
    ("TESSERA_SEARCH_MAX_RESULTS", "8", lambda s: s.search.max_results, 8),
    ("TESSERA_SEARCH_TIMEOUT_S", "4.5", lambda s: s.search.timeout_s, 4.5),
    ("TESSERA_SEARCH_CACHE_TTL_S", "0", lambda s: s.search.cache_ttl_s, 0),
]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the variables a test sets: not this shell's TESSERA_* ones."""
    for name in [name for name in os.environ if name.startswith("TESSERA_")]:
        monkeypatch.delenv(name)


@pytest.mark.parametrize(("variable", "value", "read", "expected"), DOCUMENTED, ids=[row[0] for row in DOCUMENTED])
def test_each_documented_variable_sets_its_field_in_the_nested_settings(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, read: Callable[[Settings], object], expected: object
) -> None:
    for name, base in _BASE.items():
        monkeypatch.setenv(name, base)
    monkeypatch.setenv(variable, value)
    assert read(Settings()) == expected


def test_every_variable_the_documents_name_is_a_setting_and_tested_here() -> None:
    named = {name for path in DOCUMENTS for name in re.findall(r"\bTESSERA_[A-Z0-9_]*[A-Z0-9]\b", path.read_text())}
    assert named - set(Settings.variables()) == set()
    assert named <= {row[0] for row in DOCUMENTED}


def test_the_package_configs_are_the_sub_models(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _BASE.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert isinstance(settings.llm, LlmOptions)
    assert isinstance(settings.generator, GeneratorConfig)
    assert isinstance(settings.detector, DetectorConfig)


def test_without_variables_there_is_no_model_server_no_generator_and_no_detector() -> None:
    settings = Settings()
    assert settings.llm is None and settings.generator is None and settings.detector.backend == "none"
    assert settings.services.planner_url is None and settings.services.database_url is None


def test_an_unknown_generator_kind_fails_naming_the_variable_and_the_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_GENERATOR", "janos")
    with pytest.raises(
        ValidationError, match=r"TESSERA_GENERATOR='janos' names no generator; use janus, amused or none"
    ):
        Settings()


def test_generator_none_means_no_generator_whatever_else_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_GENERATOR", "none")
    monkeypatch.setenv("TESSERA_GENERATOR_MODEL", "amused/amused-256")
    assert Settings().generator is None


def test_an_unknown_detector_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_DETECTOR", "yolo")
    with pytest.raises(ValidationError, match="owlv2"):
        Settings()


def test_a_model_server_needs_both_its_url_and_its_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_LLM_BASE_URL", "http://vllm:8000/v1")
    monkeypatch.setenv("TESSERA_LLM_TIMEOUT_S", "600")
    assert Settings().llm is None  # runs plan with the rules and say which variable to set


def test_the_runs_effort_is_not_a_variable() -> None:
    assert "TESSERA_LLM_EFFORT" not in Settings.variables()


def test_the_nested_delimiter_form_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_GENERATOR__KIND", "janus")
    assert Settings().generator is None


def test_keyword_sub_models_replace_the_environments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_GENERATOR", "janus")
    monkeypatch.setenv("TESSERA_DETECTOR", "owlv2")
    settings = Settings(generator=None, detector=DetectorConfig())
    assert settings.generator is None and settings.detector.backend == "none"


def test_old_flat_keywords_are_refused() -> None:
    with pytest.raises(ValidationError, match="generator_model"):
        Settings(generator_model="amused/amused-256")


def test_secrets_stay_out_of_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _BASE.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TESSERA_LLM_API_KEY", "sk-secret")
    monkeypatch.setenv("TESSERA_DATABASE_URL", "postgresql://tessera:pw@db/tessera")
    shown = repr(Settings())
    assert "sk-secret" not in shown and "pw@db" not in shown
