"""Tessera's parts as HTTP services: `create_app(role, settings)` for `tessera serve --role ROLE`.

Roles: planner, renderer, verifier (each one part behind typed JSON), gateway (OpenAI's
Images API and the run API over the LangGraph graph, calling the parts in-process or over
HTTP where TESSERA_PLANNER_URL / _RENDERER_URL / _VERIFIER_URL are set), and all (the
gateway with every part in-process, plus the parts' own endpoints).
"""

from tessera.agents.services._app import DEFAULT_PORTS, ROLES, Role, create_app

__all__ = ["DEFAULT_PORTS", "ROLES", "Role", "create_app"]
