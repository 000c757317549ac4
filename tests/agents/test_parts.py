"""The one builder of parts: service clients where the settings name services, in-process parts otherwise."""

from __future__ import annotations

import socket

import pytest

import tessera.agents.parts as parts_module
from tessera.agents import Settings
from tessera.agents.parts import Planners, build_parts
from tessera.agents.remote import HttpPlanner, HttpRenderer, HttpVerifier
from tessera.agents.settings import ServiceSettings
from tessera.contract import Canvas, Constraints, LlmError, PlanResult, RequestError
from tessera.planner import LlmOptions, LlmPlanner, RulePlanner, extract_constraints
from tessera.verifier import RenderVerifier

SQUARE = Canvas(width=512, height=512)
# No sprite draws a narwhal: with the renderer's sprite lookup the group is generated, without it badged sprites.
SUBMARINES = "A poster with 3 small narwhals and the headline 'DIVE'."


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _with_services(settings: Settings) -> Settings:
    services = ServiceSettings(
        planner_url="http://planner:8001", renderer_url="http://renderer:8002", verifier_url="http://verifier:8003"
    )
    return settings.model_copy(update={"services": services})


def _with_llm(settings: Settings, **options: object) -> Settings:
    llm = LlmOptions(base_url=f"http://127.0.0.1:{_closed_port()}/v1", model="m", check_timeout_s=1, **options)
    return settings.model_copy(update={"llm": llm})


def _look(planner: object) -> str:
    assert isinstance(planner, RulePlanner | LlmPlanner)
    (group,) = planner.plan(extract_constraints(SUBMARINES), SQUARE).plan.object_groups()
    return group.look


class _Planner:
    name = "fixed"

    def plan(
        self, constraints: Constraints, canvas: Canvas, *, seed: int = 0, style_seed: int | None = None
    ) -> PlanResult:
        raise AssertionError("not called")

    def revise(self, *args: object, **kwargs: object) -> PlanResult:
        raise AssertionError("not called")


def test_named_services_give_their_http_clients(settings: Settings) -> None:
    parts = build_parts(_with_services(settings))
    assert isinstance(parts.renderer, HttpRenderer) and isinstance(parts.verifier, HttpVerifier)
    planner, notice = parts.planners.for_run("llm", "high")
    assert isinstance(planner, HttpPlanner) and (planner.choice, planner.effort, notice) == ("llm", "high", None)


def test_without_service_urls_the_parts_run_in_this_process(settings: Settings) -> None:
    parts = build_parts(settings)
    assert isinstance(parts.verifier, RenderVerifier)
    assert not isinstance(parts.renderer, HttpRenderer)
    image = parts.renderer.render(RulePlanner().plan(extract_constraints("Headline 'HI'"), SQUARE).plan).image
    assert image.size == (512, 512)
    planner, _ = parts.planners.for_run("rules", "medium")
    assert isinstance(planner, RulePlanner)


def test_given_parts_win_over_the_services_the_settings_name(settings: Settings) -> None:
    fixed, verifier = _Planner(), RenderVerifier()
    parts = build_parts(_with_services(settings), planner=fixed, verifier=verifier)
    assert parts.verifier is verifier and parts.planners.for_run("auto", "low") == (fixed, None)


def test_the_rules_planner_asks_the_renderer_which_classes_have_sprites(settings: Settings) -> None:
    assert _look(Planners(settings).rules()) == "generated"
    assert _look(RulePlanner()) == "sprite"  # without the lookup every class is assumed to have a sprite


def test_the_llm_planner_plans_at_the_runs_effort_and_falls_back_to_rules_with_the_sprite_lookup(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parts_module, "check_llm", lambda options: None)  # the probe passes; the server then fails
    planner, notice = Planners(_with_llm(settings, max_retries=0)).for_run("llm", "high")
    assert isinstance(planner, LlmPlanner) and planner.options.effort == "high" and notice is None
    assert _look(planner) == "generated"


def test_auto_without_a_model_server_plans_with_rules_and_says_what_to_set(settings: Settings) -> None:
    planner, notice = Planners(settings).for_run("auto", "medium")
    assert isinstance(planner, RulePlanner)
    assert notice is not None and "TESSERA_LLM_BASE_URL" in notice


def test_llm_without_a_model_server_is_a_request_error_naming_the_settings(settings: Settings) -> None:
    with pytest.raises(RequestError, match="TESSERA_LLM_BASE_URL and TESSERA_LLM_MODEL"):
        Planners(settings).for_run("llm", "medium")


def test_auto_with_a_server_that_does_not_answer_plans_with_rules_and_says_why(settings: Settings) -> None:
    planner, notice = Planners(_with_llm(settings)).for_run("auto", "medium")
    assert isinstance(planner, RulePlanner)
    assert notice is not None and notice.startswith("planner: rules, as the LLM is not available")


def test_llm_with_a_server_that_does_not_answer_is_an_error(settings: Settings) -> None:
    with pytest.raises(LlmError, match="tessera llm serve"):
        Planners(_with_llm(settings)).for_run("llm", "medium")


def test_a_run_that_brings_its_plan_needs_no_model_probe(settings: Settings) -> None:
    planner, notice = Planners(_with_services(_with_llm(settings))).for_run("auto", "medium", needed=False)
    assert isinstance(planner, RulePlanner) and notice is None


def test_the_planner_service_plans_in_its_own_process_whatever_urls_it_has(settings: Settings) -> None:
    planner, _ = Planners(_with_services(settings)).in_process("rules", "medium")
    assert isinstance(planner, RulePlanner)


def test_readiness_names_a_model_server_that_does_not_answer(settings: Settings) -> None:
    assert Planners(settings).llm_problem() is None
    problem = Planners(_with_llm(settings)).llm_problem()
    assert problem is not None and problem.startswith("the LLM at http://127.0.0.1:")
