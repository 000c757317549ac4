"""The run list in a real browser: one row per run with its thumbnail and summary, a status filter, links."""

from __future__ import annotations

import pytest

from tessera.agents.runs import RunStore
from tests.service_fixtures import Service
from tests.viewer_browser.viewer_fixtures import Browsing, LocalRuns, save_for_docs

pytestmark = pytest.mark.slow


def test_the_list_shows_every_run_with_its_thumbnail_and_summary(
    browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    page = browsing.open(viewer.url)
    page.goto("/")
    assert page.url == f"{viewer.url}/runs"  # `tessera view` sends / to the list
    rows = page.locator("#runs tr.run")
    records = RunStore(local_runs.home / "runs").records(limit=None)
    shown = rows.evaluate_all("rows => rows.map(row => row.dataset.runId)")
    assert set(local_runs.all()) <= set(shown)
    assert len(shown) == len(records)
    for record in records:
        row = page.locator(f'#runs tr.run[data-run-id="{record.run_id}"]')
        assert row.get_attribute("data-status") == record.status
        assert row.locator(".brief").inner_text().startswith(record.brief[:40])
        assert row.locator(".status").inner_text().strip()
        assert row.locator(".time").inner_text().strip()
        assert row.locator("a.run-link").get_attribute("href") == f"/runs/{record.run_id}"
    revised = page.locator(f'#runs tr.run[data-run-id="{local_runs.revised}"]')
    assert revised.locator(".revisions").inner_text().strip().startswith("1")
    assert "llm" in page.locator(f'#runs tr.run[data-run-id="{local_runs.slide}"] .planner').inner_text()
    assert revised.locator("td.passed").inner_text().strip()
    thumbs = page.locator("#runs img.thumb")
    assert thumbs.count() == len(records)
    browsing.load_all(page)
    loaded = thumbs.evaluate_all("imgs => imgs.map(img => img.complete && img.naturalWidth > 0)")
    assert all(loaded), loaded
    save_for_docs(page, "viewer-runs.png")


def test_the_status_filter_keeps_only_that_status(browsing: Browsing, viewer: Service, local_runs: LocalRuns) -> None:
    page = browsing.open(viewer.url)
    page.goto("/runs")
    with page.expect_navigation():
        page.locator("#filter select[name=status]").select_option("failed")
        page.locator("#filter").evaluate("form => form.requestSubmit()")
    assert "status=failed" in page.url
    assert page.locator("#runs tr.run").count() == 0
    assert page.locator("#no-runs").is_visible()
    page.goto("/runs?status=done")
    statuses = page.locator("#runs tr.run").evaluate_all("rows => rows.map(row => row.dataset.status)")
    assert statuses and set(statuses) == {"done"}


def test_a_row_links_to_its_run(browsing: Browsing, viewer: Service, local_runs: LocalRuns) -> None:
    page = browsing.open(viewer.url)
    page.goto("/runs")
    with page.expect_navigation():
        page.locator(f'#runs tr.run[data-run-id="{local_runs.menu}"] a.run-link').click()
    assert page.url == f"{viewer.url}/runs/{local_runs.menu}"
    assert "The Copper Kettle" in page.locator("#brief").inner_text()
