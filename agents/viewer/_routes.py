"""The viewer's routes: the run list, a run's page, its images and evidence, its live events, and the key form."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from PIL import Image
from sse_starlette import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from tessera.agents.runs import RunFolder, RunStore
from tessera.agents.services._access import open_owned, owned_records, without_server_paths
from tessera.agents.services._run_events import follow_run
from tessera.agents.settings import Settings
from tessera.agents.viewer._pages import RUN_STATUSES, image_attempt, run_page, run_rows
from tessera.agents.viewer._session import LoginNeeded, ViewerKeys, end_session, local_next, set_session
from tessera.contract import RunNotFoundError, TesseraError

_HERE = Path(__file__).parent
LIST_LIMIT = 200  # the run list's newest lines; older runs stay a link away (`tessera runs`)
# The newest runs a page reads records of (the list's filter and total, a run's edits and variants): a page view
# never reads every run.json of a large store.
SCAN_LIMIT = 2000
THUMB_SIDE = 160
_ATTEMPT_PNG = re.compile(r"(?P<attempt>\d{1,3})\.png")
_EVIDENCE = re.compile(r"iter-\d{1,3}/evidence/[A-Za-z0-9_.-]+\.png")
_STATUS_WORDS = {"passed": "passed", "failed": "FAILED", "not_verified": "not verified", "not_planned": "not planned"}


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=True,  # every page is HTML: every value a run holds is escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["status_word"] = lambda status: _STATUS_WORDS.get(status, status)
    # Errors and notices a run wrote may name the server's files: a page shows their last parts only.
    environment.filters["hide_paths"] = without_server_paths
    return environment


class _Viewer:
    """The pages over one run store, for the callers `keys` admits."""

    def __init__(self, store: RunStore, keys: ViewerKeys) -> None:
        self.store = store
        self.keys = keys
        self.templates = _environment()

    def page(self, request: Request, template: str, http_status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("title", "Tessera runs")
        html = self.templates.get_template(template).render(
            request_path=request.url.path, login=self.keys.required, **values
        )
        return HTMLResponse(html, status_code=http_status, headers={"Cache-Control": "no-store"})

    def problem(self, request: Request, status: int, message: str) -> HTMLResponse:
        """A page saying what was wrong with the request (never the server's paths)."""
        headings = {400: "Bad request", 401: "Key needed", 404: "Not found", 503: "Try again"}
        return self.page(
            request,
            "problem.html",
            status,
            title=headings.get(status, "Error"),
            heading=headings.get(status, "Error"),
            message=without_server_paths(message),
        )

    def folder(self, run_id: str, caller: str | None) -> RunFolder:
        return open_owned(self.store, run_id, caller)


def add_viewer_routes(app: FastAPI, store: RunStore, settings: Settings) -> None:
    """Serve the trace viewer's pages over `store` on `app`: `/runs`, `/runs/<id>` and their images and events,
    the key form at `/viewer/login` when TESSERA_API_KEYS is set, and the CSS and JS at `/viewer/static/`."""
    viewer = _Viewer(store, ViewerKeys.from_settings(settings))
    app.mount("/viewer/static", StaticFiles(directory=_HERE / "static"), name="viewer-static")

    async def caller_or_login(request: Request) -> str | None | Response:
        try:
            return viewer.keys.caller(request)
        except LoginNeeded:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/viewer/login?next={quote(target, safe='/')}", status_code=303)

    async def caller_or_401(request: Request) -> str | None | Response:
        try:
            return viewer.keys.caller(request)
        except LoginNeeded:
            return PlainTextResponse("log in at /viewer/login first", status_code=401)

    async def owned_folder(request: Request, run_id: str) -> RunFolder | Response:
        """The run's folder for the caller of a file or stream route, or the 401/404 to answer instead."""
        caller = await caller_or_401(request)
        if isinstance(caller, Response):
            return caller
        try:
            return viewer.folder(run_id, caller)
        except RunNotFoundError as err:
            return viewer.problem(request, 404, str(err))

    @app.get("/runs", include_in_schema=False)
    async def runs(request: Request, status: str = "") -> Response:
        caller = await caller_or_login(request)
        if isinstance(caller, Response):
            return caller
        if status and status not in RUN_STATUSES:
            return viewer.problem(request, 400, f"status {status!r} is unknown; use one of: {', '.join(RUN_STATUSES)}")
        records = await run_in_threadpool(owned_records, store, SCAN_LIMIT, caller)
        shown = [r for r in records if not status or r.status == status][:LIST_LIMIT]
        rows = await run_in_threadpool(run_rows, store, shown)
        return viewer.page(
            request,
            "runs.html",
            rows=rows,
            statuses=RUN_STATUSES,
            status=status,
            total=len(records),
            scan_limit=SCAN_LIMIT,
        )

    @app.get("/runs/{run_id}", include_in_schema=False)
    async def run(request: Request, run_id: str) -> Response:
        caller = await caller_or_login(request)
        if isinstance(caller, Response):
            return caller
        try:
            folder = viewer.folder(run_id, caller)
            visible = await run_in_threadpool(owned_records, store, SCAN_LIMIT, caller)
            page = await run_in_threadpool(run_page, store, folder, visible)
            events = await run_in_threadpool(folder.read_events) if page.live else []
        except RunNotFoundError as err:
            return viewer.problem(request, 404, str(err))
        except ValueError:  # a file the run is writing right now, read half-written
            return viewer.problem(request, 503, f"run {run_id} is writing its files; reload the page in a moment")
        visible_ids = {r.run_id for r in visible}
        return viewer.page(
            request, "run.html", title=f"Run {run_id}", page=page, events=events, visible_ids=visible_ids
        )

    @app.get("/runs/{run_id}/image/{name}", include_in_schema=False)
    async def image(request: Request, run_id: str, name: str) -> Response:
        matched = _ATTEMPT_PNG.fullmatch(name)
        if matched is None:
            return viewer.problem(request, 400, f"image {name!r}: ask for <attempt>.png, e.g. 0.png")
        folder = await owned_folder(request, run_id)
        if isinstance(folder, Response):
            return folder
        path = folder.image_path(int(matched["attempt"]))
        if not path.is_file():
            return viewer.problem(request, 404, f"run {run_id} has no image for attempt {matched['attempt']}")
        return FileResponse(path, media_type="image/png")

    @app.get("/runs/{run_id}/evidence/{name:path}", include_in_schema=False)
    async def evidence(request: Request, run_id: str, name: str) -> Response:
        folder = await owned_folder(request, run_id)
        if isinstance(folder, Response):
            return folder
        path = folder.path / name
        # The name is checked against the folder's own layout: no `..`, no other file of the run folder.
        if _EVIDENCE.fullmatch(name) is None or not path.is_file():
            return viewer.problem(request, 404, f"run {run_id} has no evidence picture {name!r}")
        return FileResponse(path, media_type="image/png")

    @app.get("/runs/{run_id}/thumb.png", include_in_schema=False)
    async def thumb(request: Request, run_id: str) -> Response:
        folder = await owned_folder(request, run_id)
        if isinstance(folder, Response):
            return folder
        attempt = await run_in_threadpool(image_attempt, folder)
        if attempt is None:
            return viewer.problem(request, 404, f"run {run_id} has no image yet")
        data = await run_in_threadpool(_thumbnail, folder.image_path(attempt))
        return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=60"})

    @app.get("/runs/{run_id}/events", include_in_schema=False)
    async def events(request: Request, run_id: str, start: int = 0) -> Response:
        caller = await caller_or_401(request)
        if isinstance(caller, Response):
            return caller
        try:
            folder = viewer.folder(run_id, caller)
        except RunNotFoundError as err:
            return PlainTextResponse(str(err), status_code=404)
        return EventSourceResponse(follow_run(folder, request, max(start, 0)))

    @app.get("/viewer/login", include_in_schema=False)
    async def login_form(request: Request, next: str = "") -> Response:  # noqa: A002 - the parameter's public name
        if not viewer.keys.required:
            return RedirectResponse(local_next(next), status_code=303)
        return viewer.page(request, "login.html", title="Log in", next=local_next(next), message="")

    @app.post("/viewer/login", include_in_schema=False)
    async def log_in(request: Request) -> Response:
        form = await request.form()
        target = local_next(str(form.get("next", "")))
        if not viewer.keys.required:
            return RedirectResponse(target, status_code=303)
        cookie = viewer.keys.log_in(str(form.get("key", "")))
        if cookie is None:
            message = "That key is not one this server accepts. Paste one of the keys of TESSERA_API_KEYS."
            return viewer.page(request, "login.html", 401, title="Log in", next=target, message=message)
        response = RedirectResponse(target, status_code=303)
        set_session(response, cookie, secure=request.url.scheme == "https")
        return response

    @app.post("/viewer/logout", include_in_schema=False)
    async def log_out(request: Request) -> Response:
        response = RedirectResponse("/viewer/login", status_code=303)
        end_session(response, secure=request.url.scheme == "https")
        return response


def create_viewer_app(settings: Settings) -> FastAPI:
    """The viewer on its own, as `tessera view` serves it: the pages over TESSERA_HOME's runs, `/` leading to
    `/runs`; keys only when TESSERA_API_KEYS is set."""
    app = FastAPI(title="Tessera trace viewer", docs_url=None, redoc_url=None, openapi_url=None)
    add_viewer_routes(app, RunStore(settings.runs_dir), settings)

    @app.get("/", include_in_schema=False)
    async def home() -> RedirectResponse:
        return RedirectResponse("/runs", status_code=303)

    @app.exception_handler(TesseraError)
    async def _error(request: Request, err: TesseraError) -> Response:
        return PlainTextResponse(without_server_paths(str(err)), status_code=err.http_status)

    return app


def _thumbnail(path: Path) -> bytes:
    with Image.open(path) as image:
        image.thumbnail((THUMB_SIDE, THUMB_SIDE))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
    return buffer.getvalue()
