"""The LLM planner: a language model behind any OpenAI-compatible server writes and revises the plan.

Hard constraints are never left to the model. Its plan must validate against the plan schema, keep every box on
the canvas and carry every required string and count exactly (`check_plan`); when it does not, the planner asks
once for a repair naming what was wrong, and if that fails too it completes the model's plan element by element
from the model-free planner's, or merges with or falls back to that planner's whole plan. `PlanResult.calls`
holds every request (rendered prompt, raw reply, reasoning, tokens, seconds) and `PlanResult.fallback` says why
the model's plan was not used as written.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from tessera.contract import (
    AssetElement,
    Canvas,
    Constraints,
    CoverageEntry,
    Effort,
    LayoutPlan,
    LlmError,
    ModelCall,
    Planner,
    PlanResult,
    RequiredCount,
    RequiredStructure,
    RequiredText,
    VerificationReport,
)
from tessera.planner._check import check_plan
from tessera.planner._coverage import coverage_map
from tessera.planner._extract import picture_requests
from tessera.planner._llm_client import ChatRequest, Purpose, check_server, complete
from tessera.planner._llm_merge import merge_elements, merge_with_rules
from tessera.planner._llm_schema import llm_plan_schema, node_count_problems, read_plan
from tessera.planner._looks import SpriteLookup
from tessera.planner._prompts import plan_messages, repair_messages, revise_messages
from tessera.planner._restyle import restyled
from tessera.planner._style import style_for
from tessera.planner.rules import RulePlanner

if TYPE_CHECKING:
    from openai import OpenAI

# Thinking tokens per effort level; 0 turns thinking off.
THINKING_TOKENS: dict[str, int] = {"low": 0, "medium": 512, "high": 2048}
MAX_PLAN_NODES = 40
# The nodes one entry of a structure takes when each entry is a part of its own: a KPI card (label, value), a
# pricing tier (name, price, features, a button and its label), a labelled field, a nav item, an icon with its
# name, a step with its icon. Other structures are one leaf (a list, a table, a chart) in a card.
_NODES_PER_ENTRY = {"kpis": 3, "tiers": 6, "fields": 3, "nav": 2, "icons": 2, "steps": 3}
CHARS_PER_TOKEN = 2.5  # a cautious guess for prompts of prose and compact JSON (SmolLM2 measures 2.8 to 3.5)
_ANSWER_TOKENS_BASE, _ANSWER_TOKENS_PER_NODE, _ANSWER_TOKENS_MAX = 256, 128, 6144
_FORCED_ANSWER_TOKENS = 16  # with force_thinking, at least this many answer tokens after the thinking budget
SETUP_HINT = "set TESSERA_LLM_BASE_URL and TESSERA_LLM_MODEL to a running server, or start one with `tessera llm serve`"


class LlmOptions(BaseModel):
    """How to reach the model and how to ask it. Built from settings at the edge (`TESSERA_LLM_*`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str = Field(description="the server's OpenAI-compatible root, e.g. http://127.0.0.1:8000/v1")
    model: str = Field(description="the model name the server knows")
    api_key: SecretStr | None = Field(default=None, description="bearer token; local servers need none")
    timeout_s: float = Field(default=120.0, gt=0, description="longest wait for one reply, retries excluded")
    check_timeout_s: float = Field(
        default=3.0, gt=0, description="how long `check_llm` (choosing a planner, readiness) waits on GET /models"
    )
    max_retries: int = Field(default=1, ge=0, le=5, description="retries of a failed connection or 5xx reply")
    server: Literal["vllm", "openai"] = Field(
        default="vllm", description="vllm: thinking switch and min_tokens via extra_body; openai: standard fields only"
    )
    effort: Effort = Field(default="medium", description="sets the thinking budget and token limits")
    thinking: bool = Field(
        default=False,
        description="the model reasons before answering (vLLM: served with --reasoning-parser); effort sets its budget",
    )
    thinking_tokens: int | None = Field(default=None, ge=0, description="override the effort's thinking budget")
    answer_tokens: int | None = Field(
        default=None, ge=16, description="override the reply's token limit (default: grows with the brief's elements)"
    )
    force_thinking: bool = Field(
        default=False,
        description="vLLM: set min_tokens above the thinking budget, for small models that end right after <think>",
    )
    stream: bool = Field(default=False, description="stream the reply, accumulating content and reasoning deltas")
    structured_output: bool = Field(default=True, description="send the plan's JSON schema as response_format")
    strict_schema: bool = Field(default=True, description="ask for strict schema adherence (OpenAI strict mode)")
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    context_tokens: int = Field(
        default=8192,
        ge=1024,
        description="the model's context window, prompt and reply together: few-shot examples are left out to fit",
    )
    on_error: Literal["fallback", "fail"] = Field(
        default="fallback", description="when the server fails mid-run: plan with the rule planner, or stop the run"
    )


def _max_nodes(constraints: Constraints) -> int:
    """How many nodes the model may write: each thing the brief asks for is a leaf, most in a frame of their own
    (a card, a panel), each structure a leaf in a card or a part per entry, plus room for the frames that arrange
    them."""
    required = sum(isinstance(c, RequiredText | RequiredCount) for c in constraints.items)
    pictures = len(picture_requests(constraints)) + len(constraints.supplied.assets)
    structures = sum(_structure_nodes(c) for c in constraints.items if isinstance(c, RequiredStructure))
    return max(8, min(MAX_PLAN_NODES, 2 * (required + pictures) + structures + 6))


def _structure_nodes(structure: RequiredStructure) -> int:
    per_entry = _NODES_PER_ENTRY.get(structure.structure)
    return per_entry * len(structure.items) if per_entry else 2


class LlmPlanner:
    """Plans with a language model on an OpenAI-compatible server (vLLM, or the hosted OpenAI API).

    `client` replaces the `openai.OpenAI` client built from `options` (tests pass one with a mock transport);
    `rules` is the model-free planner used for merges and fallbacks; without one, a `RulePlanner` that asks
    `sprite_for` which classes the renderer has sprites for.
    """

    name = "llm"

    def __init__(
        self,
        options: LlmOptions,
        *,
        client: OpenAI | None = None,
        rules: Planner | None = None,
        sprite_for: SpriteLookup | None = None,
    ) -> None:
        import openai

        self.options = options
        self._client = client or openai.OpenAI(
            base_url=options.base_url,
            api_key=_key(options),
            timeout=options.timeout_s,
            max_retries=options.max_retries,
        )
        self._rules = rules or RulePlanner(sprite_for=sprite_for)

    def plan(
        self, constraints: Constraints, canvas: Canvas, *, seed: int = 0, style_seed: int | None = None
    ) -> PlanResult:
        """A first plan from the model, repaired once if need be; merged with the rule planner's if still wrong.

        With a `style_seed` (variants sharing one look), the plan, whoever wrote it, is restyled in the style that
        seed picks (`_restyle.py` says why restyling rather than prompting)."""
        result = self._first_plan(constraints, canvas, seed, style_seed)
        if style_seed is None:
            return result
        plan, note = restyled(result.plan, constraints, style_for(constraints, style_seed))
        return result.model_copy(update={"plan": plan, "notes": [*result.notes, note]})

    def _first_plan(self, constraints: Constraints, canvas: Canvas, seed: int, style_seed: int | None) -> PlanResult:
        limit = _max_nodes(constraints)
        schema = llm_plan_schema(canvas, limit, assets=[a.name for a in constraints.supplied.assets])
        structured = None if self.options.structured_output else schema
        prompt_tokens = (
            self.options.context_tokens - _thinking_tokens(self.options) - _answer_tokens(self.options, constraints)
        )
        messages = plan_messages(
            constraints, canvas, limit, structured, budget_chars=int(prompt_tokens * CHARS_PER_TOKEN)
        )
        # A repair carries the first reply, so it asks without the examples: the conversation must fit too.
        plain = plan_messages(constraints, canvas, limit, structured, budget_chars=0)
        calls, model_plan = self._ask("plan", messages, schema, constraints, canvas, seed, repair_from=plain)
        if model_plan is not None:
            return self._result(model_plan, calls)
        if calls[-1].error:
            fallback = partial(self._rules.plan, constraints, canvas, seed=seed, style_seed=style_seed)
            return self._server_failed(calls, fallback)
        last_valid = _last_valid_plan(calls, canvas, constraints)
        rules = self._rules
        by_element = (
            None if last_valid is None else merge_elements(last_valid, constraints, canvas, rules, seed, style_seed)
        )
        merged, kept = by_element or merge_with_rules(last_valid, constraints, canvas, rules, seed, style_seed)
        return self._replaced(merged, calls, kept)

    def revise(
        self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
    ) -> PlanResult:
        """The model's revision of `plan` from the report; the rule planner's revision when the model's is unusable."""
        limit = _max_nodes(constraints)
        schema = llm_plan_schema(plan.canvas, limit, assets=[a.name for a in constraints.supplied.assets])
        structured = None if self.options.structured_output else schema
        messages = revise_messages(plan, constraints, report, attempt, limit, structured)
        calls, model_plan = self._ask("revise", messages, schema, constraints, plan.canvas, attempt)
        if model_plan is not None:
            return self._result(model_plan, calls)
        rules_revision = partial(self._rules.revise, plan, constraints, report, attempt=attempt)
        if calls[-1].error:
            return self._server_failed(calls, rules_revision)
        return self._replaced(rules_revision(), calls, "the rule planner revised the current plan instead")

    def _ask(
        self,
        purpose: Purpose,
        messages: list[dict[str, str]],
        schema: dict,
        constraints: Constraints,
        canvas: Canvas,
        seed: int,
        repair_from: list[dict[str, str]] | None = None,
    ) -> tuple[list[ModelCall], LayoutPlan | None]:
        """One request and at most one repair (continuing `repair_from`, else the request's own messages); the
        calls made and the plan, when one passed every check."""
        calls: list[ModelCall] = []
        for turn in ("first", "repair"):
            call = self._call(purpose if turn == "first" else "repair", messages, schema, constraints, seed)
            if call.error:
                return [*calls, call], None
            plan, problems = _judge(call, canvas, constraints, _max_nodes(constraints))
            calls.append(call.model_copy(update={"problems": problems}))
            if plan is not None and not problems:
                return calls, plan
            messages = repair_messages(repair_from or messages, call.output, problems, constraints, canvas)
        return calls, None

    def _call(
        self, purpose: Purpose, messages: list[dict[str, str]], schema: dict, constraints: Constraints, seed: int
    ) -> ModelCall:
        request = model_request(
            self.options, purpose, messages, schema, answer_tokens=_answer_tokens(self.options, constraints), seed=seed
        )
        return complete(self._client, self.options.model, request, timeout_s=self.options.timeout_s)

    def _result(self, plan: LayoutPlan, calls: list[ModelCall]) -> PlanResult:
        notes = [_calls_note(calls)]
        if len(calls) > 1:
            notes.append(f"The first reply was repaired: {calls[0].problems[0]}")
        return PlanResult(plan=plan, planner=self.name, notes=notes, reasoning=_reasoning(calls), calls=calls)

    def _replaced(self, result: PlanResult, calls: list[ModelCall], kept: str) -> PlanResult:
        problems = calls[-1].problems
        why = (
            f"merged: after one repair the model's plan still had {len(problems)} problem(s) "
            f"(first: {problems[0] if problems else 'none'}); {kept}."
        )
        return result.model_copy(
            update={
                "planner": f"{self.name}+{result.planner}",
                "notes": [_calls_note(calls), why, *result.notes],
                "reasoning": _reasoning(calls),
                "calls": calls,
                "fallback": why,
            }
        )

    def _server_failed(self, calls: list[ModelCall], fallback: Callable[[], PlanResult]) -> PlanResult:
        error = calls[-1].error or "the model server failed"
        if self.options.on_error == "fail":
            raise LlmError(f"{error}; {SETUP_HINT}")
        result = fallback()
        why = f"fallback: {error}, so the rule planner wrote this plan."
        return result.model_copy(
            update={"notes": [why, *result.notes], "calls": calls, "fallback": why, "reasoning": _reasoning(calls)}
        )


def _answer_tokens(options: LlmOptions, constraints: Constraints) -> int:
    """The answer's token limit (after any thinking): it grows with the nodes the plan may have."""
    return options.answer_tokens or min(
        _ANSWER_TOKENS_MAX, _ANSWER_TOKENS_BASE + _ANSWER_TOKENS_PER_NODE * _max_nodes(constraints)
    )


def model_request(
    options: LlmOptions,
    purpose: Purpose,
    messages: list[dict[str, str]],
    schema: dict[str, Any],
    *,
    answer_tokens: int,
    seed: int = 0,
) -> ChatRequest:
    """One structured request as every planner task sends it (plan, revise, edit, ground): the schema as the
    server's structured output when it enforces one, the thinking budget on top of `answer_tokens`, and the
    server's own switches for thinking."""
    thinking = _thinking_tokens(options)
    extra_body: dict[str, Any] = {}
    if options.server == "vllm":
        extra_body["chat_template_kwargs"] = {"enable_thinking": thinking > 0}
        if thinking > 0:
            # vLLM closes the reasoning after this many tokens, so thinking cannot eat the answer's budget.
            extra_body["thinking_token_budget"] = thinking
            if options.force_thinking:
                extra_body["min_tokens"] = thinking + _FORCED_ANSWER_TOKENS
    return ChatRequest(
        purpose=purpose,
        messages=messages,
        schema=schema if options.structured_output else None,
        strict=options.strict_schema,
        max_tokens=thinking + answer_tokens,
        stream=options.stream,
        seed=seed,
        temperature=options.temperature,
        reasoning_effort=options.effort if options.server == "openai" and options.thinking else None,
        extra_body=extra_body,
    )


def _thinking_tokens(options: LlmOptions) -> int:
    if not options.thinking:
        return 0
    return THINKING_TOKENS[options.effort] if options.thinking_tokens is None else options.thinking_tokens


def _judge(
    call: ModelCall, canvas: Canvas, constraints: Constraints, max_nodes: int
) -> tuple[LayoutPlan | None, list[str]]:
    plan, problems = read_plan(call.output, canvas, constraints, cut_off=call.finish_reason == "length")
    if plan is None:
        return None, problems
    return plan, [
        *check_plan(plan, constraints),
        *node_count_problems(plan, max_nodes),
        *asset_problems(plan, constraints),
        *coverage_problems(plan, constraints),
    ]


def asset_problems(plan: LayoutPlan, constraints: Constraints) -> list[str]:
    """An asset leaf naming an image the user did not supply, one sentence each."""
    supplied = [a.name for a in constraints.supplied.assets]
    offered = f"the user supplied {', '.join(repr(n) for n in supplied)}" if supplied else "the user supplied none"
    return [
        f"Asset '{leaf.id}' shows {leaf.name!r}, which is not one of the user's images ({offered}); "
        "use a supplied name or leave it out."
        for leaf in plan.elements
        if isinstance(leaf, AssetElement) and leaf.name not in supplied
    ]


def coverage_problems(plan: LayoutPlan, constraints: Constraints) -> list[str]:
    """What the plan leaves out of the brief, one sentence each, for the model to repair. Texts and counts are
    named by `check_plan` already; a plan still missing anything after the repair is merged with the rule
    planner's, which carries every item."""
    return [
        f"The plan leaves out {entry.clause[:120]!r} from the brief ({entry.reason}); add it."
        for entry in coverage_map(constraints, plan)
        if entry.status == "not_planned" and not _named_by_check_plan(entry, constraints)
    ]


def _named_by_check_plan(entry: CoverageEntry, constraints: Constraints) -> bool:
    kinds = {item.id: item.kind for item in constraints.items}
    return kinds.get(entry.item or "") in ("text", "count")


def _last_valid_plan(calls: list[ModelCall], canvas: Canvas, constraints: Constraints) -> LayoutPlan | None:
    for call in reversed(calls):
        plan, _ = read_plan(call.output, canvas, constraints, cut_off=False)
        if plan is not None:
            return plan
    return None


def _reasoning(calls: list[ModelCall]) -> str | None:
    parts = [(c.purpose, c.reasoning) for c in calls if c.reasoning]
    if len(parts) <= 1:
        return parts[0][1] if parts else None
    return "\n\n".join(f"[{purpose}]\n{text}" for purpose, text in parts)


def _calls_note(calls: list[ModelCall]) -> str:
    tokens = sum(c.usage.completion_tokens for c in calls if c.usage)
    seconds = sum(c.seconds for c in calls)
    return f"Model {calls[0].model}: {len(calls)} call(s), {tokens} completion tokens, {seconds:.1f} s."


def check_llm(options: LlmOptions, timeout_s: float | None = None) -> str | None:
    """Why the configured server cannot plan (unreachable, failing, model not served), or None when it can.

    A quick `GET {base_url}/models`, so choosing a planner never waits long on a dead server.
    """
    return check_server(options.base_url, options.model, _key(options), timeout_s or options.check_timeout_s)


def _key(options: LlmOptions) -> str:
    # the openai client insists on a key; local servers ignore it
    return options.api_key.get_secret_value() if options.api_key else "not-needed"
