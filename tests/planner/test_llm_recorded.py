"""The LLM planner on recorded replies of the quality a capable reasoning model writes (tests/data/llm_replies).

Each recording is a one-line brief, its canvas, and the plan a good model wrote for it. A fake server answers
every request with the recording, so these tests show what the planner keeps of a good design, and what the
element-by-element merge adds when a reply leaves something out: exactly the missing items, from the rule planner.
The slow tests run the whole engine (real layout, renderer and verifier) on the recordings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tessera.agents import Engine, RunRequest, Settings
from tessera.contract import Canvas, ChartElement, Constraints, LayoutPlan, ListElement
from tessera.planner import LlmOptions, LlmPlanner, PlanResult, check_plan, extract_constraints
from tessera.planner._coverage import coverage_map
from tessera.planner._llm_examples import examples_for
from tests.planner.test_llm_planner import FakeServer

REPLIES = Path(__file__).resolve().parents[1] / "data" / "llm_replies"
WHOLE_DESIGNS = ("slide-chart", "dashboard", "pricing", "menu")


def _recording(name: str) -> dict[str, Any]:
    return json.loads((REPLIES / f"{name}.json").read_text(encoding="utf-8"))


def _server(recording: dict[str, Any], answers: int = 6) -> FakeServer:
    """A server that answers every request (the plan, a repair, revisions) with the recorded reply."""
    return FakeServer(*({"content": recording["reply"]} for _ in range(answers)))


def _planner(server: FakeServer) -> LlmPlanner:
    return LlmPlanner(LlmOptions(base_url="http://fake/v1", model="recorded"), client=server.client())


def _planned(name: str) -> tuple[PlanResult, Constraints, FakeServer]:
    recording = _recording(name)
    constraints = extract_constraints(recording["brief"])
    server = _server(recording)
    result = _planner(server).plan(constraints, Canvas(**recording["canvas"]))
    return result, constraints, server


def _model_plan(name: str) -> LayoutPlan:
    recording = _recording(name)
    return LayoutPlan.model_validate({**recording["reply"], "canvas": recording["canvas"]})


def _not_planned(plan: LayoutPlan, constraints: Constraints) -> list[str]:
    return [e.clause for e in coverage_map(constraints, plan) if e.status == "not_planned"]


def _node_ids(plan: LayoutPlan) -> list[str]:
    return [n.id for n in [*plan.frames(), *plan.elements]]


@pytest.mark.parametrize("name", WHOLE_DESIGNS)
def test_a_good_design_is_kept_as_the_model_wrote_it(name: str) -> None:
    result, constraints, server = _planned(name)
    assert result.planner == "llm" and result.fallback is None
    assert len(server.requests) == 1
    assert result.plan.root == _model_plan(name).root
    assert _not_planned(result.plan, constraints) == [] and check_plan(result.plan, constraints) == []


@pytest.mark.parametrize("name", WHOLE_DESIGNS)
def test_the_prompt_shows_the_examples_of_the_briefs_document_kind(name: str) -> None:
    _, constraints, server = _planned(name)
    user = [m for m in server.requests[0]["messages"] if m["role"] == "user"][-1]["content"]
    (first, *_) = examples_for(constraints.document)
    assert f"Brief: {first.brief}" in user
    assert user.index(first.brief) < user.index(constraints.brief)  # the examples come before the brief
    assert f"Document kind: {constraints.document}." in user


def test_a_reply_that_leaves_out_a_bullet_gets_it_in_its_own_list() -> None:
    result, constraints, server = _planned("slide-chart-without-bullet")
    assert [c.purpose for c in result.calls] == ["plan", "repair"]
    repair = [m["content"] for m in server.requests[1]["messages"] if m["role"] == "user"]
    assert "New office in Lisbon" in repair[-1]
    assert "Example 1:" not in repair[0]  # the repair carries the first reply, so it leaves the examples out
    assert result.planner == "llm+rules" and result.fallback is not None
    assert "'New office in Lisbon' added to the model's list 'bullets'" in result.fallback
    bullets = result.plan.element("bullets")
    assert isinstance(bullets, ListElement)
    assert bullets.items == ["Revenue up 18%", "Churn down to 2%", "New office in Lisbon"]
    model = _model_plan("slide-chart-without-bullet")
    assert _node_ids(result.plan) == _node_ids(model)  # the model's design, node for node
    assert result.plan.element("revenue-chart") == model.element("revenue-chart")
    assert _not_planned(result.plan, constraints) == [] and check_plan(result.plan, constraints) == []


def test_a_reply_that_leaves_out_the_chart_gets_the_rule_planners_chart_and_nothing_more() -> None:
    result, constraints, _ = _planned("slide-chart-without-chart")
    model = _model_plan("slide-chart-without-chart")
    added = [leaf for leaf in result.plan.elements if leaf.id not in _node_ids(model)]
    assert len(added) == 1  # the chart, perhaps in the rule planner's frame around it
    chart = added[0]
    assert isinstance(chart, ChartElement) and chart.categories == ["Europe", "Americas", "Asia"]
    assert chart.series[0].values == [1.6, 1.4, 0.8]
    for node_id in _node_ids(model):  # everything the model wrote is still there, as it wrote it
        if node_id != "root":
            assert result.plan.node(node_id) == model.node(node_id)
    assert result.plan.background == model.background
    assert result.fallback is not None and "(structure-2) from the rule planner" in result.fallback
    assert _not_planned(result.plan, constraints) == [] and check_plan(result.plan, constraints) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", [*WHOLE_DESIGNS, "slide-chart-without-bullet", "slide-chart-without-chart"])
def test_the_whole_run_on_a_recorded_reply_passes(name: str, tmp_path: Path) -> None:
    recording = _recording(name)
    planner = _planner(_server(recording))
    outcome = Engine(Settings(home=tmp_path / "home"), planner=planner).generate(
        RunRequest(brief=recording["brief"], canvas=Canvas(**recording["canvas"]), effort="low")
    )
    assert outcome.passed, outcome.report.summary()
    assert outcome.planner.startswith("llm")
    assert [e.clause for e in outcome.coverage if e.status == "not_planned"] == []
