"""Real servers, real runs and one real browser for the trace viewer's end-to-end tests (conftest.py registers
the fixtures for tests/viewer_browser).

The browser is Debian's chromium driven by Playwright's sync API (scripts/test installs it; nothing is downloaded).
It resolves no host name but 127.0.0.1, and every page's requests are recorded and, when they go anywhere but the
server the test opened, aborted: a test that finds one fails (`Browsing`).

Two servers, each started once per session on a free loopback port:
- `viewer`: `tessera view --port N` over a TESSERA_HOME filled by the real engine in this process (`LocalRuns`: a
  user's plan that fails its checks and is revised, an edit of it, three LLM runs from recorded replies with
  reasoning);
- `gateway`: `tessera serve --role all` with two API keys, whose runs are made over its bearer API (`GatewayRuns`).

Every page a test opens is saved as a screenshot under a temporary folder, or under $VIEWER_SCREENSHOTS when set.
The README's pictures come from the same tests:

    VIEWER_DOCS=1 .venv/bin/python -m pytest tests/viewer_browser   # writes docs/viewer-runs.png, docs/viewer-run.png
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Route, sync_playwright

from tessera.agents import Engine, RunRequest, Settings
from tessera.contract import Canvas
from tessera.planner import LlmOptions, LlmPlanner
from tests.agents.test_revision import BRIEF as POSTER_BRIEF
from tests.agents.test_revision import _sabotaged_plan
from tests.planner.test_llm_planner import FakeServer
from tests.service_fixtures import REPO, Service, free_port, service_env

CHROMIUM = "/usr/bin/chromium"
WIDTH = 1280
KEY_A = "viewer-key-a-0123456789abcdef0123"
KEY_B = "viewer-key-b-fedcba9876543210fedc"
XSS_BRIEF = "A poster <script>window.__xss=1</script> with the headline 'SAFE & SOUND'"
REPLIES = REPO / "tests" / "data" / "llm_replies"
# What the recorded model says it thought, as a reasoning model's `reasoning` field carries it.
REASONING = {
    "pricing": "Three plan cards side by side at the same size, the middle one, Team, picked out as the one most "
    "teams choose; each price large with its period small beside it.",
    "slide-chart": "A review slide reads left to right: the title on top, the three results as bullets on the left "
    "and the revenue chart on the right, large enough that its bars are readable from the back of the room.",
    "dashboard": "Three KPI cards across the top so the numbers are read first, the daily revenue line chart "
    "below them across the full width.",
    "menu": "A dinner menu: the restaurant's name in a warm serif, a thin copper rule under it, then each dish "
    "with its price in one right-aligned column so the prices line up.",
}


@dataclass(frozen=True)
class LocalRuns:
    """The run ids in the `viewer` server's home."""

    home: Path
    revised: str  # a user's plan whose sticker covers the headline: fails, is revised, passes
    slide: str  # an LLM run (recorded reply with reasoning): a slide with a bar chart
    menu: str  # an LLM run: a menu
    edited: str  # an edit of `revised` by instruction
    instruction: str
    dashboard: str  # an LLM run: a dashboard with a line chart

    def all(self) -> list[str]:
        return [self.revised, self.slide, self.menu, self.edited, self.dashboard]


@dataclass(frozen=True)
class GatewayRuns:
    """Runs made over the gateway's API: the escaping brief and a plain one by key A, one by key B."""

    xss: str
    plain_a: str
    plain_b: str


@dataclass
class Browsing:
    """Opens pages in fresh browser contexts that may reach one server only, and keeps what they asked for."""

    browser: Browser
    screenshots: Path
    name: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)
    origins: set[str] = field(default_factory=set)

    def open(self, origin: str) -> Page:
        """A page in a new context (no cookies) whose requests may go to `origin` (http://127.0.0.1:PORT) only."""
        context = self.browser.new_context(viewport={"width": WIDTH, "height": 900}, base_url=origin)
        context.set_default_timeout(15_000)

        def only_the_server(route: Route) -> None:
            if _origin(route.request.url) == origin:
                route.continue_()
            else:
                route.abort("blockedbyclient")

        context.route("**/*", only_the_server)
        self.origins.add(origin)
        page = context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failures.append(_failure(request)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.contexts.append(context)
        self.pages.append(page)
        return page

    def shoot(self, page: Page, label: str, *, full_page: bool = True) -> Path:
        """Save `page` as PNG (named after the test and `label`) and answer where."""
        path = self.screenshots / f"{self.name}-{label}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    @staticmethod
    def load_all(page: Page) -> None:
        """Bring in everything the page loads lazily: a window as tall as the page, until the network is idle."""
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": WIDTH, "height": min(height, 16_000)})
        page.wait_for_load_state("networkidle")
        page.set_viewport_size({"width": WIDTH, "height": 900})

    def outside(self, origin: str) -> list[str]:
        """The requests pages made to anywhere but `origin`."""
        return [url for url in self.requests if _origin(url) != origin and not _inline(url)]

    def close(self) -> None:
        """Save each page, close them, and fail when any page asked for anything but its server."""
        for index, page in enumerate(self.pages):
            if not page.is_closed():
                self.shoot(page, f"end-{index}")
        for context in self.contexts:
            context.close()
        strays = [url for url in self.requests if _origin(url) not in self.origins and not _inline(url)]
        if strays:
            pytest.fail(f"pages asked for addresses outside the server: {strays}")


def _origin(url: str) -> str:
    match = re.match(r"^([a-z]+://[^/]+)", url)
    return match.group(1) if match else url


def _inline(url: str) -> bool:
    """A URL the page holds itself (data:, blob:), which no network carries."""
    return url.startswith(("data:", "blob:"))


def _failure(request: Request) -> str:
    return f"{request.method} {request.url}: {request.failure}"


# ---- the browser -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless chromium that resolves no name but 127.0.0.1 (anything else fails to resolve, never leaves)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"the viewer's browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--disable-background-networking"],
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests' screenshots go: $VIEWER_SCREENSHOTS, else a temporary folder."""
    chosen = os.environ.get("VIEWER_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("viewer-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browsing(browser: Browser, screenshots: Path, request: pytest.FixtureRequest) -> Iterator[Browsing]:
    """Pages for one test; each is saved as a screenshot when the test ends."""
    session = Browsing(browser, screenshots, re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name))
    try:
        yield session
    finally:
        session.close()


# ---- runs made by the real engine ------------------------------------------------------------------------------


def recorded_planner(name: str) -> tuple[LlmPlanner, dict]:
    """An LLM planner whose server answers with the recorded reply `name` (tests/data/llm_replies) and reasoning."""
    recording = json.loads((REPLIES / f"{name}.json").read_text(encoding="utf-8"))
    reply = {"content": recording["reply"], "reasoning": REASONING[name]}
    server = FakeServer(*(reply for _ in range(6)))  # the plan, and whatever repair or revision asks again
    options = LlmOptions(base_url="http://recorded.invalid/v1", model="recorded-reasoning-model")
    return LlmPlanner(options, client=server.client()), recording


def _llm_run(settings: Settings, name: str) -> str:
    planner, recording = recorded_planner(name)
    engine = Engine(settings, planner=planner)
    try:
        request = RunRequest(brief=recording["brief"], canvas=Canvas(**recording["canvas"]), effort="low")
        return engine.generate(request).run_id
    finally:
        engine.close()


@pytest.fixture(scope="session")
def local_runs(tmp_path_factory: pytest.TempPathFactory) -> LocalRuns:
    """A home with a revised run, two LLM runs with reasoning and an edit, made by the real engine."""
    home = tmp_path_factory.mktemp("viewer-local") / "home"
    settings = Settings(home=home)
    engine = Engine(settings)
    instruction = "change 'Saturday 10 AM' to 'Saturday 9 AM'"
    try:
        revised = engine.generate(RunRequest(brief=POSTER_BRIEF, plan=_sabotaged_plan(), effort="medium"))
        assert revised.revisions >= 1 and revised.passed
        edited = engine.edit(revised.run_id, instruction, planner="rules").run_id
    finally:
        engine.close()
    slide, menu, dashboard = (_llm_run(settings, name) for name in ("slide-chart", "menu", "dashboard"))
    return LocalRuns(home, revised.run_id, slide, menu, edited, instruction, dashboard)


# ---- servers ---------------------------------------------------------------------------------------------------


@dataclass
class ViewServer(Service):
    """`tessera view --port N` on loopback; ready when its run list answers."""

    def wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                pytest.fail(f"tessera view exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/runs", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        pytest.fail(f"tessera view did not answer within {timeout_s} s:\n{self.log()}")


@pytest.fixture(scope="session")
def viewer(local_runs: LocalRuns) -> Iterator[Service]:
    """`tessera view` over the local runs' home."""
    port = free_port()
    service = ViewServer("view", port, service_env(local_runs.home), local_runs.home.parent / "view.log")
    service.program = [sys.executable, "-m", "tessera", "view", "--port", str(port)]
    service.start(ready_timeout_s=60)
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="session")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """`tessera serve --role all` with keys A and B."""
    root = tmp_path_factory.mktemp("viewer-gateway")
    env = service_env(root / "home", api_keys=f"{KEY_A},{KEY_B}")
    service = Service("all", free_port(), env, root / "server.log").start(ready_timeout_s=120)
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="session")
def gateway_runs(gateway: Service) -> GatewayRuns:
    def make(brief: str, key: str) -> str:
        body = {"prompt": brief, "size": "512x512", "quality": "low"}
        headers = {"authorization": f"Bearer {key}"}
        response = httpx.post(f"{gateway.url}/v1/images/generations", json=body, headers=headers, timeout=120)
        assert response.status_code == 200, response.text
        return response.headers["x-tessera-run-id"]

    return GatewayRuns(
        xss=make(XSS_BRIEF, KEY_A),
        plain_a=make("A label with the headline 'FRESH BREAD'", KEY_A),
        plain_b=make("A sign that says 'PRIVATE'", KEY_B),
    )


def save_for_docs(page: Page, name: str, *, start: Locator | None = None, height: int | None = None) -> None:
    """With $VIEWER_DOCS set, save `page` as docs/`name` at the browser's width (the README's screenshots): the
    whole page, or `height` pixels of it from the top of `start` (else from the page's top)."""
    if not os.environ.get("VIEWER_DOCS"):
        return
    clip = None
    if height is not None:
        top = start.evaluate("element => element.getBoundingClientRect().top + window.scrollY") if start else 0
        clip = {"x": 0, "y": max(top - 16, 0), "width": WIDTH, "height": height}
    page.screenshot(path=str(REPO / "docs" / name), full_page=True, clip=clip)


def log_in(page: Page, key: str, next_path: str = "/runs") -> None:
    """Open `next_path` on a fresh page, get the key form, and send `key`."""
    page.goto(next_path)
    page.locator("input[name=key]").fill(key)
    with page.expect_navigation():
        page.locator("input[name=key]").press("Enter")
