"""No request leaves the server: with the browser able to reach the server alone, every page loads whole (its
stylesheet applied, every image drawn), and nothing was even attempted anywhere else."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.service_fixtures import Service
from tests.viewer_browser.viewer_fixtures import Browsing, LocalRuns

pytestmark = pytest.mark.slow

_LOADED = """() => ({
    sheets: [...document.styleSheets].map(sheet => [sheet.href, sheet.cssRules.length]),
    images: [...document.images].map(img => [img.currentSrc, img.complete && img.naturalWidth > 0]),
    matching: [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
        .filter(rule => { try { return document.querySelector(rule.selectorText) !== null } catch { return false } })
        .length,
})"""


@pytest.mark.parametrize("which", ["list", "revised", "slide", "edited"])
def test_a_page_loads_whole_from_the_server_alone(
    which: str, browsing: Browsing, viewer: Service, local_runs: LocalRuns
) -> None:
    path = "/runs" if which == "list" else f"/runs/{getattr(local_runs, which)}"
    page = browsing.open(viewer.url)
    responses: list[tuple[str, int]] = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    page.goto(path)
    browsing.load_all(page)
    loaded = page.evaluate(_LOADED)
    assert loaded["sheets"], "the page has no stylesheet"
    for href, rules in loaded["sheets"]:
        assert href is None or href.startswith(f"{viewer.url}/viewer/static/")
        assert rules > 0, f"{href} applied no rules"
    assert loaded["matching"] >= 5, "the stylesheet styles nothing on the page"
    assert loaded["images"], "the page shows no image"
    assert all(ok for _, ok in loaded["images"]), loaded["images"]
    assert browsing.outside(viewer.url) == []
    assert browsing.failures == []
    assert [(url, status) for url, status in responses if status >= 400] == []


def test_no_page_names_anything_outside_the_server(viewer: Service, local_runs: LocalRuns) -> None:
    """Beyond what the browser happened to fetch: no absolute URL at all in the HTML, CSS or JavaScript."""
    with httpx.Client(base_url=viewer.url, timeout=30) as client:
        html = [client.get(path).text for path in ["/runs", *(f"/runs/{run}" for run in local_runs.all())]]
        assets = re.findall(r'(?:href|src)="(/viewer/static/[^"]+)"', "".join(html))
        assert assets, "the pages load no stylesheet or script of ours"
        texts = html + [client.get(asset).text for asset in sorted(set(assets))]
    for text in texts:
        assert re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, flags=re.IGNORECASE) == []
        assert "@import" not in text


def test_the_browser_cannot_reach_anywhere_else(browsing: Browsing, viewer: Service) -> None:
    """The restriction itself works: a page that asks for an outside address gets nothing, and the attempt shows."""
    page = browsing.open(viewer.url)
    page.goto("/runs")
    reached = page.evaluate("() => fetch('http://example.com/x').then(() => 'reached', () => 'blocked')")
    assert reached == "blocked"
    assert browsing.outside(viewer.url) == ["http://example.com/x"]
    browsing.requests.clear()  # the attempt was this test's own
