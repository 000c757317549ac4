"""The viewer's pages over real run folders (tests/agents/viewer/conftest.py), as `tessera view` serves them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from tessera.agents import Settings
from tessera.agents.runs import RunStore
from tessera.agents.viewer import create_viewer_app
from tests.agents.viewer.conftest import Runs

pytestmark = pytest.mark.slow  # the runs behind these pages take a few seconds to make

_EXTERNAL = re.compile(r"""https?://""")


@pytest.fixture(scope="module")
def client(runs: Runs) -> Iterator[TestClient]:
    with TestClient(create_viewer_app(Settings(home=runs.home)), base_url="http://testserver") as client:
        yield client


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, in order, and the page's text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def having(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        """The tags named `tag` whose attributes include `attrs` (for `class`, one of its classes)."""
        found = []
        for name, present in self.tags:
            if name != tag:
                continue
            matched = True
            for key, value in attrs.items():
                key = key.rstrip("_").replace("_", "-")
                if key == "class":
                    matched &= value in present.get("class", "").split()
                else:
                    matched &= present.get(key) == value
            if matched:
                found.append(present)
        return found


def _page(client: TestClient, path: str) -> _Elements:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return _Elements(response.text)


def test_the_list_shows_every_run_with_its_links_and_filters_by_status(client: TestClient, runs: Runs) -> None:
    page = _page(client, "/runs")
    rows = page.having("tr", class_="run")
    listed = {row["data-run-id"] for row in rows}
    assert listed == {runs.plain, runs.revised, runs.edited, runs.hostile, runs.running, runs.failed}
    assert {row["data-status"] for row in rows} == {"done", "running", "failed"}
    for run_id in (runs.plain, runs.revised, runs.edited):
        assert page.having("a", class_="run-link", href=f"/runs/{run_id}")
        assert page.having("img", class_="thumb", src=f"/runs/{run_id}/thumb.png")
    assert page.having("form", id="filter") and page.having("select", name="status")
    running = _page(client, "/runs?status=running")
    assert [row["data-run-id"] for row in running.having("tr", class_="run")] == [runs.running]
    cancelled = _page(client, "/runs?status=cancelled")
    assert not cancelled.having("tr", class_="run") and cancelled.having("p", id="no-runs")


def test_a_bad_status_filter_gets_a_clear_400_page(client: TestClient) -> None:
    response = client.get("/runs?status=<b>nope</b>")
    assert response.status_code == 400
    assert "is unknown; use one of: queued, running, done, failed, cancelled" in response.text
    assert "<b>nope</b>" not in response.text


@pytest.mark.parametrize(
    "path",
    ["/runs/no-such-run", "/runs/.hidden", "/runs/no-such-run/thumb.png", "/runs/no-such-run/image/0.png"],
)
def test_unknown_runs_get_a_404_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "no run" in response.text


def test_bad_attempts_and_evidence_names_are_4xx(client: TestClient, runs: Runs) -> None:
    assert client.get(f"/runs/{runs.plain}/image/abc.png").status_code == 400
    assert client.get(f"/runs/{runs.plain}/image/7.png").status_code == 404
    assert client.get(f"/runs/{runs.plain}/evidence/run.json").status_code == 404
    assert client.get(f"/runs/{runs.plain}/evidence/iter-0/evidence/..%2F..%2Frun.json").status_code == 404
    assert client.get(f"/runs/{runs.plain}/image/0.png").headers["content-type"] == "image/png"
    assert client.get(f"/runs/{runs.plain}/thumb.png").headers["content-type"] == "image/png"


def test_the_run_page_shows_the_brief_constraints_and_each_attempt(client: TestClient, runs: Runs) -> None:
    folder = RunStore(runs.home / "runs").open(runs.revised)
    page = _page(client, f"/runs/{runs.revised}")
    assert page.having("h1") and page.having("section", id="brief")
    constraints = folder.read_constraints()
    items = {li["data-item"]: li["data-status"] for li in page.having("li") if "data-item" in li}
    assert set(items) == {item.id for item in constraints.items}
    assert set(items.values()) == {"passed"}  # the kept attempt passes every one
    marked = {mark["data-item"] for mark in page.having("mark", class_="constraint")}
    assert marked == {item.id for item in constraints.items}
    sections = page.having("section", class_="iteration")
    assert [s["data-attempt"] for s in sections] == ["0", "1"]
    assert "kept" in sections[1]["class"].split() and "kept" not in sections[0]["class"].split()
    for section_id in ("timings", "notices", "lineage"):
        assert page.having("section", id=section_id)
    assert not page.having("section", id="edit") and not page.having("div", id="live")


def test_the_overlay_has_a_labelled_box_per_drawn_part(client: TestClient, runs: Runs) -> None:
    folder = RunStore(runs.home / "runs").open(runs.revised)
    html = client.get(f"/runs/{runs.revised}").text
    for attempt in (0, 1):
        section = html.split(f'data-attempt="{attempt}"', 1)[1].split('<section class="iteration', 1)[0]
        part = _Elements(section)
        drawn = folder.read_drawn(attempt) or []
        boxes = part.having("div", class_="box")
        assert len(boxes) == len(drawn) > 0
        assert {b["data-node"] for b in boxes} == {d.id.split("#")[0] for d in drawn}
        assert len(part.having("span", class_="label")) == len(drawn)
        assert all("left:" in b["style"] and "%" in b["style"] for b in boxes)
        tree_nodes = {li["data-node"] for li in part.having("li") if "data-node" in li}
        assert {b["data-node"] for b in boxes} <= tree_nodes
        checks = part.having("tr")
        statuses = [c["data-status"] for c in checks if "data-check" in c]
        report = folder.read_report(attempt)
        assert report is not None and statuses == [c.status for c in report.checks]
        assert part.having("img", class_="evidence")


def test_the_revision_shows_its_diff_and_the_failures_that_caused_it(client: TestClient, runs: Runs) -> None:
    html = client.get(f"/runs/{runs.revised}").text
    first, second = html.split('data-attempt="1"', 1)
    assert '<section class="diff">' not in first
    diff = second.split('<section class="diff">', 1)[1].split("</section>", 1)[0]
    assert "<ins>" in diff and "<del>" in diff
    assert "sticker: moved from (" in diff
    causes = _Elements(diff.split('<ul class="causes">', 1)[1].split("</ul>", 1)[0])
    assert {c["data-check"] for c in causes.having("li") if "data-check" in c} >= {"text-1", "count-balloon"}
    assert '<section class="reasoning">' in second  # the rules planner's notes on what it moved


def test_the_edit_run_shows_its_patch_and_lineage(client: TestClient, runs: Runs) -> None:
    page = client.get(f"/runs/{runs.edited}").text
    edit = page.split('<section id="edit">', 1)[1].split("</section>", 1)[0]
    patch = edit.split('<pre class="patch">', 1)[1].split("</pre>", 1)[0]
    operation = json.loads(patch.splitlines()[0].replace("&#34;", '"'))
    assert operation["op"] == "replace" and operation["path"].endswith("/color")
    assert "make the title red" in edit
    lineage = page.split('<section id="lineage">', 1)[1]
    assert f'href="/runs/{runs.plain}"' in lineage
    parent = client.get(f"/runs/{runs.plain}").text.split('<section id="lineage">', 1)[1]
    assert f'href="/runs/{runs.edited}"' in parent


def test_a_brief_with_markup_shows_as_text(client: TestClient, runs: Runs) -> None:
    for path in ("/runs", f"/runs/{runs.hostile}"):
        html = client.get(path).text
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "say &#34;hi&#34; &amp; &#39;bye&#39;" in html or "say \\&#34;hi\\&#34;" in html


def test_a_running_run_follows_its_events(client: TestClient, runs: Runs) -> None:
    page = _page(client, f"/runs/{runs.running}")
    live = page.having("div", id="live")
    assert live and live[0]["data-state"] == "running" and live[0]["data-from"] == "1"
    assert page.having("ol", id="live-log")
    ended = RunStore(runs.home / "runs").open(runs.plain)
    with client.stream("GET", f"/runs/{ended.run_id}/events") as stream:
        text = "".join(stream.iter_text())
    assert "event: progress" in text and "event: end" in text and '"status": "done"' in text


def test_a_run_that_failed_before_planning_shows_why_without_server_paths(client: TestClient, runs: Runs) -> None:
    page = client.get(f"/runs/{runs.failed}")
    assert page.status_code == 200
    assert "Stopped: cannot read …/logo.png: no such file" in page.text
    assert str(runs.home) not in page.text
    assert 'class="iteration' not in page.text and 'id="live"' not in page.text


def test_no_page_or_asset_names_another_server(client: TestClient, runs: Runs) -> None:
    ids = (runs.plain, runs.revised, runs.edited, runs.hostile, runs.running, runs.failed)
    paths = ["/runs", *(f"/runs/{run_id}" for run_id in ids)]
    paths += ["/viewer/static/viewer.css", "/viewer/static/viewer.js", "/runs/none"]
    for path in paths:
        body = client.get(path).text
        assert not _EXTERNAL.search(body), path
    html = client.get(f"/runs/{runs.revised}").text
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    for tag, attrs in _Elements(html).tags:
        for name in ("src", "href", "action"):
            value = attrs.get(name, "")
            # Paths on this server, or the empty favicon that keeps the browser from asking for /favicon.ico.
            assert not value or value.startswith(("/", "#")) or value == "data:,", (tag, name, value)


def test_view_redirects_home_to_the_run_list(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (303, 307) and response.headers["location"] == "/runs"
