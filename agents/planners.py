"""Choosing the planner for a run: the LLM planner when a model server is configured and answers, else the rules."""

from __future__ import annotations

from tessera.agents.request import Effort, PlannerChoice
from tessera.agents.settings import Settings
from tessera.contract import LlmError, Planner
from tessera.planner import LlmOptions, LlmPlanner, RulePlanner, check_llm

_SERVE_HINT = "set TESSERA_LLM_BASE_URL and TESSERA_LLM_MODEL (`tessera llm serve` starts a server and prints them)"


def llm_options(settings: Settings, effort: Effort) -> LlmOptions | None:
    """The LLM planner's options from settings, or None when no server and model are configured."""
    if not (settings.llm_base_url and settings.llm_model):
        return None
    return LlmOptions(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
        timeout_s=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        server=settings.llm_server,
        effort=effort,
        thinking=settings.llm_thinking,
        force_thinking=settings.llm_force_thinking,
        stream=settings.llm_stream,
        on_error=settings.llm_on_error,
    )


def choose_planner(settings: Settings, choice: PlannerChoice, effort: Effort) -> tuple[Planner, str | None]:
    """The planner for one run and, when `auto` settled on the rules, a one-line notice saying why.

    `llm` insists on the model: an unconfigured or unreachable server is an `LlmError` (exit code 2 in the CLI).
    """
    if choice == "rules":
        return RulePlanner(), None
    options = llm_options(settings, effort)
    if options is None:
        if choice == "llm":
            raise LlmError(f"--planner llm needs a model server: {_SERVE_HINT}")
        return RulePlanner(), f"planner: rules, as no LLM is configured ({_SERVE_HINT} to plan with a model)"
    problem = check_llm(options, settings.llm_check_timeout_s)
    if problem is not None:
        if choice == "llm":
            raise LlmError(
                f"--planner llm: {problem}; check TESSERA_LLM_BASE_URL or start a server with `tessera llm serve`"
            )
        return RulePlanner(), f"planner: rules, as the LLM is not available ({problem})"
    return LlmPlanner(options), None
