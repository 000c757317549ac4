"""One chat request to an OpenAI-compatible server, recorded as a `ModelCall` whether it succeeds or not.

Streaming and non-streaming replies end the same way: the reply text, the reasoning text kept apart (vLLM's
`reasoning`, or the older `reasoning_content`), the finish reason, token usage and the seconds it took.
A whole call, retries included, is bounded by a deadline, so a server that stops answering cannot hang a run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

# openai is imported where a request is made: importing it costs ~0.8 s, which every
# `tessera` command would otherwise pay even when it plans without a model.
if TYPE_CHECKING:
    from openai import OpenAI

from tessera.contract import ModelCall, TokenUsage

Purpose = Literal["plan", "repair", "revise", "edit", "ground"]


@dataclass(frozen=True)
class ChatRequest:
    """What to send: the messages, the output schema (None: free text) and the sampling options."""

    purpose: Purpose
    messages: list[dict[str, str]]
    schema: dict[str, Any] | None
    strict: bool
    max_tokens: int
    stream: bool
    seed: int | None = None
    temperature: float | None = None
    reasoning_effort: str | None = None
    extra_body: dict[str, Any] = field(default_factory=dict)


def _reasoning_of(part: Any) -> str | None:
    """The reasoning text of a message or a stream delta, under either name vLLM has used."""
    # Fields the client library does not declare still arrive as attributes (its models allow extras).
    return getattr(part, "reasoning", None) or getattr(part, "reasoning_content", None) or None


def _usage_of(usage: Any) -> TokenUsage | None:
    if usage is None:
        return None
    details = getattr(usage, "completion_tokens_details", None)
    return TokenUsage(
        prompt_tokens=usage.prompt_tokens or 0,
        completion_tokens=usage.completion_tokens or 0,
        reasoning_tokens=getattr(details, "reasoning_tokens", None) if details else None,
    )


def _arguments(model: str, request: ChatRequest) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "model": model,
        "messages": request.messages,
        "max_completion_tokens": request.max_tokens,
    }
    if request.schema is not None:
        arguments["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": "layout_plan", "schema": request.schema, "strict": request.strict},
        }
    if request.seed is not None:
        arguments["seed"] = request.seed
    if request.temperature is not None:
        arguments["temperature"] = request.temperature
    if request.reasoning_effort is not None:
        arguments["reasoning_effort"] = request.reasoning_effort
    if request.extra_body:
        arguments["extra_body"] = request.extra_body
    if request.stream:
        arguments["stream"] = True
        arguments["stream_options"] = {"include_usage": True}
    return arguments


def _recorded_options(request: ChatRequest) -> dict[str, object]:
    options: dict[str, object] = {
        "max_completion_tokens": request.max_tokens,
        "structured_output": request.schema is not None,
        "stream": request.stream,
    }
    if request.seed is not None:
        options["seed"] = request.seed
    if request.temperature is not None:
        options["temperature"] = request.temperature
    if request.reasoning_effort is not None:
        options["reasoning_effort"] = request.reasoning_effort
    if request.extra_body:
        options["extra_body"] = request.extra_body
    return options


def _describe_error(err: Exception, base_url: str, timeout_s: float) -> str:
    import openai

    if isinstance(err, openai.APITimeoutError):
        return f"the model server at {base_url} did not answer within {timeout_s:g} s"
    if isinstance(err, openai.APIConnectionError):
        return f"cannot reach the model server at {base_url} ({err.__cause__ or err})"
    if isinstance(err, openai.APIStatusError):
        return f"the model server at {base_url} answered HTTP {err.status_code}: {_short(str(err.message))}"
    return f"the model server at {base_url} failed: {type(err).__name__}: {_short(str(err))}"


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _DeadlinePassed(Exception):
    pass


def complete(client: OpenAI, model: str, request: ChatRequest, *, timeout_s: float) -> ModelCall:
    """Send one request and record it; a failed request comes back with `error` set instead of raising."""
    import openai

    started = time.perf_counter()
    record: dict[str, Any] = {
        "purpose": request.purpose,
        "model": model,
        "messages": request.messages,
        "options": _recorded_options(request),
        "streamed": request.stream,
    }
    try:
        if request.stream:
            record.update(_streamed(client, model, request, started + timeout_s))
        else:
            record.update(_whole(client, model, request))
    except _DeadlinePassed as err:
        record["error"] = f"the model server at {client.base_url} did not finish its reply within {timeout_s:g} s"
        record.update(err.args[0] if err.args else {})
    except (openai.OpenAIError, OSError) as err:
        record["error"] = _describe_error(err, str(client.base_url), timeout_s)
    record["seconds"] = round(time.perf_counter() - started, 3)
    return ModelCall(**record)


def _whole(client: OpenAI, model: str, request: ChatRequest) -> dict[str, Any]:
    completion = client.chat.completions.create(**_arguments(model, request))
    if not completion.choices:
        return {"output": "", "usage": _usage_of(completion.usage), "finish_reason": "no choices"}
    choice = completion.choices[0]
    return {
        "output": choice.message.content or "",
        "reasoning": _reasoning_of(choice.message),
        "finish_reason": choice.finish_reason,
        "usage": _usage_of(completion.usage),
    }


def _streamed(client: OpenAI, model: str, request: ChatRequest, deadline: float) -> dict[str, Any]:
    content: list[str] = []
    reasoning: list[str] = []
    result: dict[str, Any] = {}
    stream = client.chat.completions.create(**_arguments(model, request))
    try:
        for chunk in stream:
            if time.perf_counter() > deadline:
                partial = {"output": "".join(content), "reasoning": "".join(reasoning) or None}
                raise _DeadlinePassed(partial)
            if chunk.usage is not None:
                result["usage"] = _usage_of(chunk.usage)
            for choice in chunk.choices:
                if choice.delta.content:
                    content.append(choice.delta.content)
                thought = _reasoning_of(choice.delta)
                if thought:
                    reasoning.append(thought)
                if choice.finish_reason:
                    result["finish_reason"] = choice.finish_reason
    finally:
        stream.close()
    return {**result, "output": "".join(content), "reasoning": "".join(reasoning) or None}


def check_server(base_url: str, model: str, api_key: str, timeout_s: float) -> str | None:
    """Why the server cannot serve `model` (unreachable, failing, model not listed), or None when it can."""
    import openai

    client = openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout_s, max_retries=0)
    try:
        served = [m.id for m in client.models.list()]
    except (openai.OpenAIError, OSError) as err:
        return _describe_error(err, base_url, timeout_s)
    finally:
        client.close()
    if served and model not in served:
        return f"the model server at {base_url} does not serve {model!r} (it serves {', '.join(served[:5])})"
    return None
