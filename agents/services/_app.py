"""Building the FastAPI app for one role."""

from __future__ import annotations

from typing import Literal, get_args

from fastapi import FastAPI

from tessera.agents.engine import Engine
from tessera.agents.parts import build_renderer, build_verifier, serial
from tessera.agents.services._access import install_access
from tessera.agents.services._common import BodyLimit, add_health, install_error_handlers
from tessera.agents.services._gateway import create_gateway_app
from tessera.agents.services._metrics import count_requests
from tessera.agents.services._multipart import MultipartImages
from tessera.agents.services._parts import (
    add_planner_routes,
    add_renderer_routes,
    add_verifier_routes,
    artifact_store,
    planner_checks,
    renderer_checks,
    verifier_checks,
)
from tessera.agents.services._text_guard import RefuseUnusableText
from tessera.agents.settings import Settings
from tessera.agents.wire import max_body_bytes
from tessera.contract import Renderer

Role = Literal["planner", "renderer", "verifier", "gateway", "all"]
ROLES: tuple[str, ...] = get_args(Role)
DEFAULT_PORTS: dict[str, int] = {"gateway": 8000, "all": 8000, "planner": 8001, "renderer": 8002, "verifier": 8003}


def create_app(role: Role, settings: Settings, *, renderer: Renderer | None = None) -> FastAPI:
    """The app `tessera serve --role ROLE` runs; `renderer` replaces the one the settings describe."""
    if role == "planner":
        app = _part_app("planner", settings)
        add_planner_routes(app, settings)
        add_health(app, "planner", planner_checks(settings))
    elif role == "renderer":
        app = _part_app("renderer", settings)
        serving = serial(renderer) if renderer is not None else build_renderer(settings)
        add_renderer_routes(app, settings, serving, artifact_store(settings))
        add_health(app, "renderer", renderer_checks(serving))
    elif role == "verifier":
        app = _part_app("verifier", settings)
        add_verifier_routes(app, settings, build_verifier(settings), artifact_store(settings))
        add_health(app, "verifier", verifier_checks(settings))
    else:
        app = _gateway_app(role, settings, renderer)
    install_error_handlers(app)
    app.add_middleware(RefuseUnusableText)  # inside MultipartImages: a form is checked as the JSON it becomes
    if role in ("gateway", "all"):
        app.add_middleware(MultipartImages)
    # One limit for every role, so that the same body is accepted or refused alike whichever process takes it.
    limit = max_body_bytes(images_by_reference=settings.services.artifact_dir is not None)
    app.add_middleware(BodyLimit, max_bytes=limit)
    install_access(app, settings)  # a caller without a key is refused before its body is read
    if role in ("gateway", "all"):
        # Outermost: the replies the middlewares above give before any route runs (401, 413) are counted too.
        count_requests(app, app.state.gateway.metrics)
    return app


def _part_app(role: str, settings: Settings) -> FastAPI:
    return FastAPI(title=f"Tessera {role}", version="1", summary=f"The {role} part of Tessera, as a service")


def _gateway_app(role: Role, settings: Settings, renderer: Renderer | None) -> FastAPI:
    # The gateway's runs share one renderer: a given one draws one plan at a time, as the one built for it does.
    engine = Engine(settings, renderer=serial(renderer) if renderer is not None else None)
    app = create_gateway_app(settings, engine)
    if role == "all":
        add_planner_routes(app, settings)
        store = artifact_store(settings)
        add_renderer_routes(app, settings, engine.renderer, store)
        add_verifier_routes(app, settings, engine.verifier, store)
    return app
