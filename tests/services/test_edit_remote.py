"""The planner service's POST /v1/edit over real HTTP: a real `tessera serve --role planner` process gives the same
PlanEdit as the rules editor in this process, an instruction it cannot apply comes back as 422 edit_error (the same
EditError through the client), and an engine whose planner is that service edits its runs through it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tessera.agents import Engine, RunRequest, Settings
from tessera.agents.remote import HttpPlanner
from tessera.agents.settings import ServiceSettings
from tessera.contract import Canvas, EditError, EditEvent, PlanEdit
from tessera.planner import RulePlanner, RulesEditor, extract_constraints
from tests.service_fixtures import Service, free_port, service_env

pytestmark = pytest.mark.slow

CONSTRAINTS = extract_constraints("A poster with the headline 'TEAM ALPHA' and exactly 3 stars")
PLAN = RulePlanner().plan(CONSTRAINTS, Canvas(width=768, height=768)).plan
INSTRUCTION = "change 'TEAM ALPHA' to 'TEAM OMEGA'"
IMPOSSIBLE = "remove the second balloon"


@pytest.fixture(scope="module")
def planner_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("edit-planner")
    service = Service("planner", free_port(), service_env(root / "home"), root / "planner.log").start()
    try:
        yield service
    finally:
        service.stop()


def _body(instruction: str) -> dict[str, object]:
    return {
        "plan": PLAN.model_dump(mode="json"),
        "constraints": CONSTRAINTS.model_dump(mode="json"),
        "instruction": instruction,
        "planner": "rules",
    }


def test_the_service_edits_like_the_rules_editor_in_process(planner_service: Service) -> None:
    response = httpx.post(f"{planner_service.url}/v1/edit", json=_body(INSTRUCTION), timeout=60)
    assert response.status_code == 200, response.text
    remote = PlanEdit.model_validate_json(response.text)
    assert remote == RulesEditor().edit(PLAN, CONSTRAINTS, INSTRUCTION)
    assert remote.planner == "rules" and remote.patch


def test_an_instruction_the_service_cannot_apply_is_a_422_edit_error(planner_service: Service) -> None:
    response = httpx.post(f"{planner_service.url}/v1/edit", json=_body(IMPOSSIBLE), timeout=60)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["type"] == "edit_error" and "balloon" in error["message"]
    with pytest.raises(EditError, match="balloon"):
        HttpPlanner(planner_service.url).editor("rules").edit(PLAN, CONSTRAINTS, IMPOSSIBLE)


def test_an_engine_with_a_planner_service_edits_through_it(planner_service: Service, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", services=ServiceSettings(planner_url=planner_service.url))
    engine = Engine(settings)  # the renderer and the verifier in this process, the planner (and editor) there
    brief = "A poster with the headline 'TEAM ALPHA'"
    parent = engine.generate(RunRequest(brief=brief, planner="rules", effort="low"))
    outcome = engine.edit(parent.run_id, INSTRUCTION, planner="rules")
    edit = engine.store.open(outcome.run_id).read_trace()[0]
    assert isinstance(edit, EditEvent) and edit.outputs.planner == "rules"
    assert outcome.planner == "rules edit" and outcome.parent_run_id == parent.run_id
    assert outcome.passed and [p.text for p in outcome.drawn if p.kind == "text"] == ["TEAM OMEGA"]
