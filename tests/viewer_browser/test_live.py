"""A run opened while it runs: its page follows the events stream and turns into the finished view by itself."""

from __future__ import annotations

import json
import threading

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import Canvas
from tests.service_fixtures import Service
from tests.services.slow_renderer import SlowRenderer
from tests.viewer_browser.viewer_fixtures import Browsing, LocalRuns, recorded_planner

pytestmark = pytest.mark.slow

RENDER_DELAY_S = 5.0  # long enough for the page to be watching while the run plans and renders
# Notes every data-state #live takes, across the page's own reload, in the tab's sessionStorage.
_WATCH_LIVE_STATE = """
addEventListener("DOMContentLoaded", () => {
  const live = document.getElementById("live");
  const seen = JSON.parse(sessionStorage.getItem("live-states") || "[]");
  seen.push(live ? live.dataset.state : "(no #live)");
  sessionStorage.setItem("live-states", JSON.stringify(seen));
  if (!live) return;
  new MutationObserver(() => {
    const now = JSON.parse(sessionStorage.getItem("live-states"));
    now.push(live.dataset.state);
    sessionStorage.setItem("live-states", JSON.stringify(now));
  }).observe(live, {attributes: true, attributeFilter: ["data-state"]});
});
"""


def test_a_running_run_updates_live_and_becomes_the_finished_page(
    browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    planner, recording = recorded_planner("pricing")
    engine = Engine(Settings(home=local_runs.home), planner=planner, renderer=SlowRenderer(RENDER_DELAY_S))
    outcome: list[RunOutcome] = []
    started = engine.start(RunRequest(brief=recording["brief"], canvas=Canvas(**recording["canvas"]), effort="low"))
    worker = threading.Thread(target=lambda: outcome.append(engine.run(started)), daemon=True)
    try:
        page = browsing.open(viewer.url)
        page.context.add_init_script(_WATCH_LIVE_STATE)
        page.goto(f"/runs/{started.run_id}")
        live = page.locator("#live")
        assert live.get_attribute("data-state") in {"queued", "running"}
        worker.start()
        page.locator("#live-log li").first.wait_for(timeout=15_000)  # while the render is in flight
        assert not outcome, "the run ended before the page showed any of its progress"
        assert page.locator("#run-status").inner_text() == "running"  # the heading follows the run, not the load
        running = browsing.open(viewer.url)
        running.goto("/runs?status=running")
        assert running.locator("#runs tr.run").evaluate_all("rows => rows.map(row => row.dataset.runId)") == [
            started.run_id
        ]
        browsing.shoot(page, "running")
        page.locator("section.iteration.kept").wait_for(timeout=60_000)
        page.wait_for_load_state("load")
    finally:
        worker.join(timeout=60)
        engine.close()
    assert outcome and outcome[0].passed
    states = json.loads(page.evaluate("sessionStorage.getItem('live-states')"))
    assert states[0] in {"queued", "running"} and "done" in states, states
    assert page.locator("#live").count() == 0 or live.get_attribute("data-state") == "done"
    folder = engine.store.open(started.run_id)
    kept = folder.best()
    assert kept is not None and kept.drawn
    assert page.locator("section.iteration.kept .overlay .box").count() == len(kept.drawn)
    assert page.locator("#constraints > li").count() == len(folder.read_constraints().items)
    browsing.shoot(page, "finished")
