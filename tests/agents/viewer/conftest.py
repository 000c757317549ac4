"""One runs folder for the viewer's tests, made by the real engine: a plain run, a run with a revision, an edit of
the plain run, a run whose brief holds markup (made with an API key), a run still running and one that failed
before it planned."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tessera.agents import Engine, Progress, RunRequest, Settings
from tessera.agents.services._access import key_id
from tessera.contract import Box, Canvas, LayoutPlan, ShapeElement
from tessera.planner import RulePlanner, extract_constraints
from tessera.renderer import PlanRenderer

PLAIN_BRIEF = 'A poster titled "Summer Fest" with 3 red stars and the text "June 21"'
REVISED_BRIEF = (
    "A launch poster on a deep blue background. Headline 'GRAND OPENING'. "
    "Below it 'Saturday 10 AM'. Exactly 5 red balloons across the top."
)
HOSTILE_BRIEF = 'A card with the title "<script>alert(1)</script>" and the text "say \\"hi\\" & \'bye\'"'
KEY_A = "viewer-key-a-0123456789abcdef"
KEY_B = "viewer-key-b-0123456789abcdef"


@dataclass(frozen=True)
class Runs:
    """The runs folder and the ids of its runs."""

    home: Path
    plain: str
    revised: str
    edited: str
    hostile: str
    running: str
    failed: str


def _covered_headline_plan() -> LayoutPlan:
    """The rule planner's plan with a sticker over the headline and a patch over the third balloon: the verifier
    fails both, so the run revises once (as tests/agents/test_revision.py)."""
    plan = RulePlanner().plan(extract_constraints(REVISED_BRIEF), Canvas()).plan
    headline = next(t for t in plan.texts() if t.text == "GRAND OPENING")
    balloons = plan.object_groups()[0]
    third = PlanRenderer().render(plan).manifest.items[plan.elements.index(balloons)].instance_boxes[2]
    box = headline.placed_box
    sticker = ShapeElement(
        id="sticker", box=Box(x=box.x + box.w // 4, y=box.y - 10, w=box.w // 2, h=box.h + 20), z=50, fill="#F2C14E"
    )
    patch = ShapeElement(
        id="patch", box=Box(x=third.x - 4, y=third.y - 4, w=third.w + 8, h=third.h + 8), z=50, fill="#7A8B99"
    )
    return plan.with_elements([*plan.elements, sticker, patch])


@pytest.fixture(scope="package")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    home = tmp_path_factory.mktemp("viewer") / "home"
    engine = Engine(Settings(home=home))
    try:
        plain = engine.generate(RunRequest(brief=PLAIN_BRIEF, planner="rules")).run_id
        revised = engine.generate(RunRequest(brief=REVISED_BRIEF, plan=_covered_headline_plan())).run_id
        edited = engine.edit(plain, "make the title red").run_id
        hostile = engine.run(engine.start(RunRequest(brief=HOSTILE_BRIEF, planner="rules"), key_id=key_id(KEY_A)))
        running = engine.store.create(brief="A poster still being made", effort="low", seed=0, canvas=None)
        running.update_record(status="running")
        running.append_event(Progress(node="plan", attempt=0, message="planning the layout"))
        failed = engine.store.create(brief="A poster that never got made", effort="low", seed=0, canvas=None)
        failed.update_record(status="failed", error=f"cannot read {home}/assets/logo.png: no such file")
    finally:
        engine.close()
    yield Runs(home, plain, revised, edited, hostile.run_id, running.run_id, failed.run_id)
