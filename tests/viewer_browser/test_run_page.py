"""A run's page in a real browser: the brief's constraints, every attempt's overlay, plan tree and checks linked by
hover, what a revision changed and why, an LLM planner's reasoning and prompts, an edit's patch and lineage."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tessera.agents.runs import RunFolder, RunStore
from tests.service_fixtures import Service
from tests.viewer_browser.viewer_fixtures import REASONING, Browsing, LocalRuns, save_for_docs

pytestmark = pytest.mark.slow


def _folder(runs: LocalRuns, run_id: str) -> RunFolder:
    return RunStore(runs.home / "runs").open(run_id)


def _open(browsing: Browsing, viewer: Service, run_id: str) -> Page:
    page = browsing.open(viewer.url)
    page.goto(f"/runs/{run_id}")
    browsing.load_all(page)
    return page


def test_the_constraints_are_listed_and_marked_in_the_brief(
    browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    folder = _folder(local_runs, local_runs.revised)
    constraints = folder.read_constraints()
    page = _open(browsing, viewer, local_runs.revised)
    assert page.locator("h1").inner_text().strip()
    assert page.locator("#brief").inner_text().count("GRAND OPENING") >= 1
    listed = page.locator("#constraints > li").evaluate_all(
        "items => items.map(item => [item.dataset.item, item.dataset.status])"
    )
    assert [item for item, _ in listed] == [item.id for item in constraints.items]
    assert {status for _, status in listed} == {"passed"}  # the kept attempt passed every check
    marked = set(page.locator("#brief mark.constraint").evaluate_all("marks => marks.map(m => m.dataset.item)"))
    assert {item.id for item in constraints.items if item.source is not None} <= marked
    headline = page.locator('#brief mark.constraint[data-item="text-1"]')
    assert "GRAND OPENING" in headline.first.inner_text()


def test_the_overlay_has_a_labelled_box_per_drawn_item_and_hover_links_box_tree_and_check(
    browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    folder = _folder(local_runs, local_runs.revised)
    page = _open(browsing, viewer, local_runs.revised)
    for attempt in (0, 1):
        drawn = folder.read_drawn(attempt) or []
        section = page.locator(f'section.iteration[data-attempt="{attempt}"]')
        assert section.locator(".overlay img").evaluate("img => img.complete && img.naturalWidth > 0")
        assert section.locator(".overlay .box").count() == len(drawn)
        labels = section.locator(".overlay .box .label").evaluate_all("spans => spans.map(s => s.textContent.trim())")
        assert len(labels) == len(drawn) and all(labels)
    kept = page.locator("section.iteration.kept")
    assert kept.get_attribute("data-attempt") == "1"
    box = kept.locator('.overlay .box[data-node="headline"]').first
    box.scroll_into_view_if_needed()
    box.hover()
    assert "hl" in (box.get_attribute("class") or "").split()
    tree_node = kept.locator('.plan-tree li[data-node="headline"]')
    check_row = kept.locator('table.checks tr[data-node="headline"]').first
    for linked in (tree_node, check_row):
        assert "hl" in (linked.get_attribute("class") or "").split()
    others = kept.locator('.plan-tree li[data-node="body-1"]')
    assert "hl" not in (others.get_attribute("class") or "").split()
    browsing.shoot(page, "hover-headline", full_page=False)
    assert box.locator(".label").is_visible()
    page.mouse.move(0, 0)
    assert "hl" not in (box.get_attribute("class") or "").split()  # leaving puts it out
    check_row.scroll_into_view_if_needed()
    check_row.hover()  # and the other way: a check row lights up its box
    assert "hl" in (box.get_attribute("class") or "").split()


def test_the_revision_shows_what_changed_and_the_failed_checks_that_caused_it(
    browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    folder = _folder(local_runs, local_runs.revised)
    report = folder.read_report(0)
    assert report is not None
    failed = {check.constraint_id for check in report.checks if check.status == "failed"}
    page = _open(browsing, viewer, local_runs.revised)
    first = page.locator('section.iteration[data-attempt="0"]')
    rows = first.locator("table.checks tr[data-check]").evaluate_all(
        "rows => rows.map(row => [row.dataset.check, row.dataset.status])"
    )
    assert {check for check, status in rows if status == "failed"} == failed
    headline_row = first.locator('table.checks tr[data-check="text-1"]')
    assert "GRA" in headline_row.inner_text()  # what OCR read of the covered headline
    assert headline_row.locator("img.evidence").evaluate("img => img.complete && img.naturalWidth > 0")
    diff = page.locator('section.iteration[data-attempt="1"] section.diff')
    assert diff.locator("ins").count() >= 1 and diff.locator("del").count() >= 1
    assert "sticker" in diff.inner_text()  # the occluder the revision moved
    causes = diff.locator("ul.causes").inner_text()
    for check in failed:
        assert check in causes or page.locator(f'ul.causes [data-check="{check}"]').count() == 1
    assert page.locator('section.iteration[data-attempt="0"] section.diff').count() == 0
    assert page.locator("#timings").inner_text().count("render") >= 1
    kept_box = page.locator('section.iteration[data-attempt="1"] .overlay .box[data-node="headline"]')
    kept_box.hover()  # the docs' picture shows the box, its plan node and its checks lit together
    save_for_docs(page, "viewer-run.png", start=page.locator('section.iteration[data-attempt="1"]'), height=1500)


def test_an_llm_run_shows_the_planners_reasoning_and_prompts(
    browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    page = _open(browsing, viewer, local_runs.slide)
    reasoning = page.locator("section.reasoning").first
    assert reasoning.is_visible()
    assert REASONING["slide-chart"][:60] in " ".join(reasoning.inner_text().split())
    prompts = page.locator("section.prompts details").first
    prompts.locator("summary").click()  # the prompts are long: each model call opens on demand
    shown = prompts.locator("pre").all_inner_texts()
    assert len(shown) >= 3  # the system prompt, the user's, the reply
    assert any("Q3 results" in text for text in shown)
    browsing.shoot(page, "prompts", full_page=False)
    assert page.locator('section.iteration.kept .overlay .box[data-node="revenue-chart"]').count() == 1


def test_an_edit_run_shows_its_patch_instruction_and_parent(
    browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    page = _open(browsing, viewer, local_runs.edited)
    edit = page.locator("#edit")
    assert local_runs.instruction in " ".join(edit.inner_text().split())
    patch = edit.locator("pre.patch").inner_text()
    assert '"op"' in patch and "Saturday 9 AM" in patch
    parent = page.locator(f'#lineage a[href="/runs/{local_runs.revised}"]')
    assert parent.count() == 1
    with page.expect_navigation():
        parent.click()
    assert page.locator(f'#lineage a[href="/runs/{local_runs.edited}"]').count() == 1  # the parent lists its child
