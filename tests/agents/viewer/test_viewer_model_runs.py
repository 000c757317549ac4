"""What a model's run adds to the page: its reasoning and rendered prompts, and the web grounding step. A real run's
folder with a model call and a grounding step written into its trace, as an LLM planner and a grounder write them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tessera.agents import Settings
from tessera.agents.runs import RunStore
from tessera.agents.viewer import create_viewer_app
from tessera.contract import GroundEvent, GroundInputs, ModelCall, PlanEvent
from tessera.contract.grounding import Fact, FactAsk, Grounding, SearchResult, SearchRun
from tests.agents.viewer.conftest import Runs

pytestmark = pytest.mark.slow

REASONING = "The title goes on top <b>large</b>; the stars sit in a row below it."
SOURCE = "https://example.org/summer-fest"


def _with_model_and_grounding(runs: Runs, home: Path) -> str:
    """A copy of the plain run whose plan came from a model call and whose brief was grounded."""
    target = home / "runs" / runs.plain
    shutil.copytree(runs.home / "runs" / runs.plain, target)
    folder = RunStore(home / "runs").open(runs.plain)
    call = ModelCall(
        purpose="plan",
        model="SmolLM2-test",
        messages=[{"role": "system", "content": "You plan layouts."}, {"role": "user", "content": "Brief: <i>x</i>"}],
        output='{"elements": []}',
        reasoning=REASONING,
    )
    snippet = "Summer Fest is held on June 21 in the park."
    grounding = Grounding(
        needed=True,
        reason="the brief asks for the festival's date",
        provider="fixture",
        asks=[FactAsk(slot="date", subject="Summer Fest", source={"start": 0, "end": 6, "quote": "poster"})],
        searches=[SearchRun(query="Summer Fest date", results=[SearchResult(url=SOURCE, snippet=snippet)])],
        facts=[Fact(slot="date", text="June 21", url=SOURCE, snippet=snippet, query="Summer Fest date", ask=0)],
    )
    events = []
    for event in folder.read_trace():
        if isinstance(event, PlanEvent):
            outputs = event.outputs.model_copy(update={"calls": [call], "reasoning": REASONING})
            event = event.model_copy(update={"outputs": outputs})
        events.append(event)
        if event.node == "understand":
            events.append(
                GroundEvent(seconds=0.5, inputs=GroundInputs(web=True, provider="fixture"), outputs=grounding)
            )
    (target / "trace.jsonl").write_text("".join(e.model_dump_json() + "\n" for e in events), encoding="utf-8")
    return runs.plain


def test_a_model_run_shows_its_reasoning_prompts_and_grounding(runs: Runs, tmp_path: Path) -> None:
    run_id = _with_model_and_grounding(runs, tmp_path / "home")
    with TestClient(create_viewer_app(Settings(home=tmp_path / "home"))) as client:
        html = client.get(f"/runs/{run_id}").text
    iteration = html.split('data-attempt="0"', 1)[1]
    reasoning = iteration.split('<section class="reasoning">', 1)[1].split("</section>", 1)[0]
    assert "The title goes on top &lt;b&gt;large&lt;/b&gt;" in reasoning
    prompts = iteration.split('<section class="prompts">', 1)[1].split("</section>", 1)[0]
    assert "<pre>You plan layouts.</pre>" in prompts and "<pre>Brief: &lt;i&gt;x&lt;/i&gt;</pre>" in prompts
    assert "SmolLM2-test" in prompts
    grounding = html.split('<section id="grounding">', 1)[1].split("</section>", 1)[0]
    assert "Summer Fest date" in grounding and "June 21" in grounding
    assert f'href="{SOURCE}" rel="noopener noreferrer nofollow"' in grounding
    assert "<td>ground</td>" in html.split('<section id="timings">', 1)[1]
