"""Where every part comes from: which implementation each part gets, and with which configuration.

The CLI and the eval workers (through `Engine`), the gateway and the part services all get their parts here. A part
runs in this process unless the settings name its service (`TESSERA_PLANNER_URL`, `TESSERA_RENDERER_URL`,
`TESSERA_VERIFIER_URL`); the renderer draws with the configured generator, the verifier counts with the configured
detector, and the planner is chosen per run (`auto`, `llm` or `rules`, at the run's effort), asking the renderer
which classes it has sprites for.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from tessera.agents._artifacts import ArtifactStore, HandedImages
from tessera.agents.remote import HttpPlanner, HttpRenderer, HttpVerifier
from tessera.agents.request import PlannerChoice
from tessera.agents.settings import Settings
from tessera.contract import (
    ConfigurationError,
    Effort,
    Grounder,
    LayoutPlan,
    LlmError,
    PlanEditor,
    Planner,
    ProgressCallback,
    Renderer,
    RenderResult,
    RequestError,
    SearchOptions,
    SearchProvider,
    SuppliedFiles,
    Verifier,
)
from tessera.planner import (
    DdgsSearch,
    FixtureSearch,
    LlmEditor,
    LlmGrounder,
    LlmOptions,
    LlmPlanner,
    RulePlanner,
    RulesEditor,
    RulesGrounder,
    SearchCache,
    check_llm,
)
from tessera.renderer import PlanRenderer, open_generator, sprite_for
from tessera.verifier import RapidOcr, RenderVerifier, TesseractOcr, load_detector

_SERVE_HINT = "set TESSERA_LLM_BASE_URL and TESSERA_LLM_MODEL (`tessera llm serve` starts a server and prints them)"


class Planners:
    """Chooses each run's planner, and each edit's editor, from the request (`auto`, `llm` or `rules`; effort) and the
    settings.

    `fixed` is used for every run instead, and `fixed_editor` for every edit (tests, benchmarks).
    """

    def __init__(
        self, settings: Settings, *, fixed: Planner | None = None, fixed_editor: PlanEditor | None = None
    ) -> None:
        self._settings = settings
        self._fixed = fixed
        self._fixed_editor = fixed_editor
        services = settings.services
        # One client for every run: its connections stay open, and making one costs more than a plan by the rules.
        self._remote = (
            HttpPlanner(services.planner_url, timeout_s=services.service_timeout_s, api_key=services.part_key())
            if services.planner_url
            else None
        )

    def for_run(self, choice: PlannerChoice, effort: Effort, *, needed: bool = True) -> tuple[Planner, str | None]:
        """The planner for one run and, when `auto` settled on the rules, a one-line notice saying why.

        With `TESSERA_PLANNER_URL` the planner service chooses between model and rules itself, from its own
        settings. `needed=False` (the run brings its own plan) skips the model probe for `auto`.
        """
        if self._fixed is not None:
            return self._fixed, None
        if not needed and choice == "auto":
            return self.rules(), None  # a user's plan is rendered as it is; revisions need no model probe
        if self._remote is not None:
            return self._remote.for_run(choice, effort), None
        return self.in_process(choice, effort)

    def in_process(self, choice: PlannerChoice, effort: Effort) -> tuple[Planner, str | None]:
        """The planner this process runs for one run (what the planner service answers with), and a notice.

        `llm` insists on the model: without one configured it is a `RequestError` naming the settings (the request
        asks for what this server does not offer), with one that does not answer an `LlmError`.
        """
        llm, notice = self._model(choice)
        if llm is None:
            return self.rules(), notice
        return LlmPlanner(llm.model_copy(update={"effort": effort}), sprite_for=sprite_for), None

    def in_process_editor(self, choice: PlannerChoice) -> PlanEditor:
        """The editor this process runs for one edit (what the planner service answers /v1/edit with): the rules
        editor, or where `in_process` would plan with the model, the LLM editor (the rules for what they read, the
        model for the rest). `llm` insists on the model as `in_process` does."""
        llm, _ = self._model(choice)
        return RulesEditor() if llm is None else LlmEditor(llm)

    def _model(self, choice: PlannerChoice) -> tuple[LlmOptions | None, str | None]:
        """The model a run of `choice` plans with; or None, and for `auto` a notice of why the rules plan instead.
        RequestError (none configured) or LlmError (it does not answer) when `llm` insists on it."""
        if choice == "rules":
            return None, None
        llm = self._settings.llm
        if llm is None:
            if choice == "llm":
                raise RequestError(f"planner 'llm' needs a model server and none is configured: {_SERVE_HINT}")
            return None, f"planner: rules, as no LLM is configured ({_SERVE_HINT} to plan with a model)"
        problem = check_llm(llm)
        if problem is not None:
            if choice == "llm":
                raise LlmError(
                    f"--planner llm: {problem}; check TESSERA_LLM_BASE_URL or start a server with `tessera llm serve`"
                )
            return None, f"planner: rules, as the LLM is not available ({problem})"
        return llm, None

    def editor(self, choice: PlannerChoice) -> PlanEditor:
        """The editor of an edit's instruction, chosen as `for_run` chooses a planner: with `TESSERA_PLANNER_URL`
        the planner service's, else `in_process_editor`'s."""
        if self._fixed_editor is not None:
            return self._fixed_editor
        if self._remote is not None:
            return self._remote.editor(choice)
        return self.in_process_editor(choice)

    def rules(self) -> RulePlanner:
        """The model-free planner, knowing which classes the renderer draws with sprites."""
        return RulePlanner(sprite_for=sprite_for)

    def llm_problem(self) -> str | None:
        """Why the configured model server cannot plan; None when it can, or when no model is configured."""
        llm = self._settings.llm
        if llm is None:
            return None  # the rules planner is always ready
        problem = check_llm(llm)
        return f"the LLM at {llm.base_url} is not ready: {problem}" if problem else None


@dataclass(frozen=True)
class Parts:
    """What an engine runs with: the planners its runs choose from, its renderer, its verifier, and the web search
    its runs ground with (None: they never search)."""

    planners: Planners
    renderer: Renderer
    verifier: Verifier
    search: SearchProvider | None = None


def build_parts(
    settings: Settings,
    *,
    planner: Planner | None = None,
    renderer: Renderer | None = None,
    verifier: Verifier | None = None,
    editor: PlanEditor | None = None,
    search: SearchProvider | None = None,
) -> Parts:
    """The engine's parts: each one given, else the client of the service the settings name, else in this process;
    the web search given, else the one TESSERA_SEARCH names (`search_provider`).

    With TESSERA_ARTIFACT_DIR the service clients pass images through it by reference, not as base64.
    """
    services = settings.services
    images = _handed_images(settings) if renderer is None or verifier is None else None
    if renderer is None:
        renderer = (
            HttpRenderer(
                services.renderer_url, timeout_s=services.service_timeout_s, images=images, api_key=services.part_key()
            )
            if services.renderer_url
            else build_renderer(settings)
        )
    if verifier is None:
        verifier = (
            HttpVerifier(
                services.verifier_url, timeout_s=services.service_timeout_s, images=images, api_key=services.part_key()
            )
            if services.verifier_url
            else build_verifier(settings)
        )
    return Parts(
        planners=Planners(settings, fixed=planner, fixed_editor=editor),
        renderer=renderer,
        verifier=verifier,
        search=search if search is not None else search_provider(settings),
    )


def search_options(settings: Settings) -> SearchOptions:
    """How each query of a run is searched (TESSERA_SEARCH_REGION, _TIMELIMIT, _MAX_RESULTS, _TIMEOUT_S)."""
    search = settings.search
    return SearchOptions(
        max_results=search.max_results, region=search.region, timelimit=search.timelimit, timeout_s=search.timeout_s
    )


def grounder_for(settings: Settings, planner: Planner, search: SearchProvider | None) -> Grounder | None:
    """The grounder of a run that plans with `planner`: None when the run cannot search (TESSERA_SEARCH=off); the
    LLM grounder (the model writes the queries and picks the facts) where the run plans with a model, with that
    model's options; else the rules grounder (asks read from the brief, template queries, facts by pattern)."""
    if search is None:
        return None
    if isinstance(planner, LlmPlanner):
        return LlmGrounder(planner.options, search, search_options(settings))
    return RulesGrounder(search, search_options(settings))


def search_provider(settings: Settings) -> SearchProvider | None:
    """The web search grounding uses (TESSERA_SEARCH): ddgs with its answers cached under TESSERA_HOME, the
    fixture file's results, or None for `off`. A fixture that is not set or cannot be read is a ConfigurationError
    here, when the parts are built, not at the first search."""
    search = settings.search
    if search.provider == "off":
        return None
    if search.provider == "fixture":
        if search.fixture is None:
            raise ConfigurationError("TESSERA_SEARCH=fixture needs TESSERA_SEARCH_FIXTURE: a JSON file of results")
        return FixtureSearch(search.fixture)
    return DdgsSearch(SearchCache(settings.home / "search-cache", search.cache_ttl_s))


def _handed_images(settings: Settings) -> HandedImages | None:
    services = settings.services
    if services.artifact_dir is None or not (services.renderer_url or services.verifier_url):
        return None
    # Each run verifies what it rendered before rendering again: a render per worker (and its SVG twin) waits at most.
    keep = 2 * services.gateway_workers if services.renderer_url and services.verifier_url else 0
    return HandedImages(ArtifactStore(services.artifact_dir), keep=keep)


def build_renderer(settings: Settings) -> Renderer:
    """The renderer in this process: Noto fonts from the font folders, and the configured generator.

    The generator loads when the first picture needs it (a load failure becomes a notice). It draws one plan at a
    time whichever thread asks, so a gateway's runs and a renderer service's requests can share it.
    """
    return serial(PlanRenderer(font_dirs=settings.font_dirs, generator=open_generator(settings.generator)))


def build_verifier(settings: Settings) -> RenderVerifier:
    """The verifier in this process: tesseract with the configured language data, the configured second opinion
    on text (RapidOCR, loaded at its first read), and the configured detector.

    A detector asked for but not loadable is a SetupError here, at start, not at the first count.
    """
    return RenderVerifier(
        ocr=TesseractOcr(tessdata=settings.tessdata),
        detector=load_detector(settings.detector),
        second_ocr=RapidOcr() if settings.second_ocr == "rapidocr" else None,
    )


class _SerialRenderer:
    """One render at a time: the renderer's font and sprite caches are not shared across threads."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer
        self._lock = threading.Lock()

    def render(
        self,
        plan: LayoutPlan,
        *,
        seed: int = 0,
        on_progress: ProgressCallback | None = None,
        svg: bool = False,
        files: SuppliedFiles | None = None,
    ) -> RenderResult:
        with self._lock:
            return self._renderer.render(plan, seed=seed, on_progress=on_progress, svg=svg, files=files)


def serial(renderer: Renderer) -> Renderer:
    """`renderer`, drawing one plan at a time whichever thread asks."""
    return _SerialRenderer(renderer)
