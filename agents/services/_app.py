"""Building the FastAPI app for one role."""

from __future__ import annotations

from typing import Literal, get_args

from fastapi import FastAPI

from tessera.agents.engine import Engine
from tessera.agents.parts import build_renderer, build_verifier, serial
from tessera.agents.services._common import BodyLimit, add_health, install_error_handlers
from tessera.agents.services._gateway import create_gateway_app
from tessera.agents.services._multipart import MultipartImages
from tessera.agents.services._parts import (
    add_planner_routes,
    add_renderer_routes,
    add_verifier_routes,
    planner_checks,
    renderer_checks,
    verifier_checks,
)
from tessera.agents.settings import Settings
from tessera.agents.wire import MAX_PART_BODY_BYTES
from tessera.contract import Renderer
from tessera.contract.material import MAX_MATERIAL_BYTES

Role = Literal["planner", "renderer", "verifier", "gateway", "all"]
ROLES: tuple[str, ...] = get_args(Role)
DEFAULT_PORTS: dict[str, int] = {"gateway": 8000, "all": 8000, "planner": 8001, "renderer": 8002, "verifier": 8003}

# The gateway takes briefs, (edited) plans and the user's own files (base64, a third larger than the files): less
# than the parts exchange.
_GATEWAY_BODY_BYTES = 4 * 1024 * 1024 + MAX_MATERIAL_BYTES * 4 // 3


def create_app(role: Role, settings: Settings, *, renderer: Renderer | None = None) -> FastAPI:
    """The app `tessera serve --role ROLE` runs; `renderer` replaces the one the settings describe."""
    if role == "planner":
        app = _part_app("planner", settings)
        add_planner_routes(app, settings)
        add_health(app, "planner", planner_checks(settings))
    elif role == "renderer":
        app = _part_app("renderer", settings)
        serving = serial(renderer) if renderer is not None else build_renderer(settings)
        add_renderer_routes(app, settings, serving)
        add_health(app, "renderer", renderer_checks(serving))
    elif role == "verifier":
        app = _part_app("verifier", settings)
        add_verifier_routes(app, settings, build_verifier(settings))
        add_health(app, "verifier", verifier_checks(settings))
    else:
        app = _gateway_app(role, settings, renderer)
    install_error_handlers(app)
    if role in ("gateway", "all"):
        app.add_middleware(MultipartImages)
    limit = MAX_PART_BODY_BYTES if role in ("planner", "renderer", "verifier", "all") else _GATEWAY_BODY_BYTES
    app.add_middleware(BodyLimit, max_bytes=limit)
    return app


def _part_app(role: str, settings: Settings) -> FastAPI:
    return FastAPI(title=f"Tessera {role}", version="1", summary=f"The {role} part of Tessera, as a service")


def _gateway_app(role: Role, settings: Settings, renderer: Renderer | None) -> FastAPI:
    # The gateway's runs share one renderer: a given one draws one plan at a time, as the one built for it does.
    engine = Engine(settings, renderer=serial(renderer) if renderer is not None else None)
    app = create_gateway_app(settings, engine)
    if role == "all":
        add_planner_routes(app, settings)
        add_renderer_routes(app, settings, engine.renderer)
        add_verifier_routes(app, settings, engine.verifier)
    return app
