"""Access: API keys on every route but health, runs owned by the key that made them, URLs and errors that show
nothing of the server but what it chooses to.

Most tests talk to one real `tessera serve --role all` process with TESSERA_API_KEYS set to two keys
(A and B), over real HTTP; a few check the pieces (key parsing, the start-up notice, URL building) directly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from starlette.requests import Request
from typer.testing import CliRunner

from tessera.agents import Settings
from tessera.agents.cli import app as cli
from tessera.agents.services import create_app
from tessera.agents.services._access import (
    Caller,
    caller_key,
    exposure_notice,
    install_access,
    key_id,
    public_base,
    without_server_paths,
)
from tessera.contract import ConfigurationError, UnauthorizedError
from tests.service_fixtures import Service, free_port, service_env

KEY_A = "key-a-0123456789abcdef0123456789"
KEY_B = "key-b-fedcba9876543210fedcba9876"
BRIEF = "A label with the headline 'FRESH BREAD'"
OPEN_ROUTES = {"/healthz", "/readyz"}
# Routes that are not in the OpenAPI document but are served all the same.
UNLISTED_ROUTES = [("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/metrics"), ("GET", "/no/such/route")]


def _as(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


def _settings(tmp_path: Path, **services: Any) -> Settings:
    return Settings(home=tmp_path / "home", services={"gateway_id": "test", **services})


# ---- one real server with two keys -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("access")
    env = service_env(root / "home", api_keys=f"{KEY_A}, {KEY_B}")
    service = Service("all", free_port(), env, root / "server.log").start(ready_timeout_s=120)
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="module")
def runs(server: Service) -> dict[str, str]:
    """One finished run of each key: {"A": run id, "B": run id}."""
    made = {}
    for name, key in (("A", KEY_A), ("B", KEY_B)):
        body = {"prompt": BRIEF, "size": "256x256", "quality": "low"}
        response = httpx.post(f"{server.url}/v1/images/generations", json=body, headers=_as(key), timeout=120)
        assert response.status_code == 200, response.text
        made[name] = response.headers["x-tessera-run-id"]
    return made


@pytest.fixture(scope="module")
def openapi(server: Service) -> dict[str, Any]:
    return httpx.get(f"{server.url}/openapi.json", headers=_as(KEY_A), timeout=30).json()


def _routes(openapi: dict[str, Any]) -> list[tuple[str, str]]:
    """(METHOD, path template) of every operation in the OpenAPI document."""
    return [(method.upper(), path) for path, item in openapi["paths"].items() for method in item]


def _filled(path: str, run_id: str) -> str:
    """A path template with its parameters filled: the run, a PNG image, the run's record."""
    values = {"run_id": run_id, "extension": "png", "name": "run.json"}
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values.get(m[1], "x"), path)


def _request(server: Service, method: str, path: str, headers: dict[str, str]) -> httpx.Response:
    body = {} if method in ("POST", "PUT", "PATCH") else None
    return httpx.request(method, f"{server.url}{path}", json=body, headers=headers, timeout=60)


def _assert_refused(response: httpx.Response, what: str) -> None:
    assert response.status_code == 401, f"{what}: {response.status_code} {response.text[:200]}"
    assert response.headers["www-authenticate"] == "Bearer", what
    assert response.json()["error"]["type"] == "unauthorized", what


@pytest.mark.slow
def test_every_route_but_health_refuses_a_request_without_a_key(
    server: Service, openapi: dict[str, Any], runs: dict[str, str]
) -> None:
    routes = [(m, p) for m, p in _routes(openapi) if p not in OPEN_ROUTES] + UNLISTED_ROUTES
    assert ("POST", "/v1/plan") in routes and ("POST", "/v1/render") in routes  # the parts' own routes too
    for method, template in routes:
        path = _filled(template, runs["A"])
        _assert_refused(_request(server, method, path, {}), f"{method} {path} without a key")


@pytest.mark.slow
def test_every_route_but_health_refuses_a_key_the_server_does_not_know(
    server: Service, openapi: dict[str, Any], runs: dict[str, str]
) -> None:
    routes = [(m, p) for m, p in _routes(openapi) if p not in OPEN_ROUTES] + UNLISTED_ROUTES
    wrong = [_as(KEY_A + "x"), _as(KEY_A[:-1]), {"authorization": KEY_A}, {"authorization": f"Basic {KEY_A}"}]
    for method, template in routes:
        path = _filled(template, runs["A"])
        for headers in wrong:
            _assert_refused(_request(server, method, path, headers), f"{method} {path} with {headers}")


@pytest.mark.slow
def test_the_openapi_document_says_which_routes_need_a_key(openapi: dict[str, Any]) -> None:
    assert openapi["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer", "description": "one of TESSERA_API_KEYS"
    }  # fmt: skip
    for method, path in _routes(openapi):
        operation = openapi["paths"][path][method.lower()]
        assert operation.get("security") == (None if path in OPEN_ROUTES else [{"bearer": []}]), (method, path)


def test_without_keys_the_openapi_document_asks_for_none(tmp_path: Path) -> None:
    with TestClient(create_app("planner", _settings(tmp_path))) as client:
        document = client.get("/openapi.json").json()
    assert "securitySchemes" not in document.get("components", {})
    assert all("security" not in op for item in document["paths"].values() for op in item.values())


@pytest.mark.slow
def test_health_and_readiness_answer_without_a_key(server: Service) -> None:
    assert httpx.get(f"{server.url}/healthz", timeout=30).status_code == 200
    assert httpx.get(f"{server.url}/readyz", timeout=30).status_code == 200


@pytest.mark.slow
def test_each_key_lists_only_its_own_runs(server: Service, runs: dict[str, str]) -> None:
    for mine, theirs, key in (("A", "B", KEY_A), ("B", "A", KEY_B)):
        listed = httpx.get(f"{server.url}/v1/runs", headers=_as(key), timeout=30).json()
        assert runs[mine] in [run["run_id"] for run in listed] and runs[theirs] not in [run["run_id"] for run in listed]
        assert {run["key_id"] for run in listed} == {key_id(key)}


@pytest.mark.slow
def test_another_keys_run_answers_404_on_every_run_route_as_a_missing_run_does(
    server: Service, openapi: dict[str, Any], runs: dict[str, str]
) -> None:
    run_routes = [(m, p) for m, p in _routes(openapi) if "{run_id}" in p]
    assert {p.rsplit("/", 1)[-1] for _, p in run_routes} >= {"{run_id}", "events", "resume"}
    missing = "20000101-000000-000000"
    for method, template in run_routes:
        theirs = _request(server, method, _filled(template, runs["B"]), _as(KEY_A))
        absent = _request(server, method, _filled(template, missing), _as(KEY_A))
        assert theirs.status_code == 404, f"{method} {template}: {theirs.status_code} {theirs.text[:200]}"
        assert theirs.json() == json.loads(absent.text.replace(missing, runs["B"])), template
    record = httpx.get(f"{server.url}/v1/runs/{runs['B']}", headers=_as(KEY_B), timeout=30).json()["run"]
    assert record["status"] == "done"  # neither resumed nor cancelled by key A


@pytest.mark.slow
def test_a_key_reads_its_own_run_its_image_artifacts_and_events(server: Service, runs: dict[str, str]) -> None:
    run = f"{server.url}/v1/runs/{runs['A']}"
    described = httpx.get(run, headers=_as(KEY_A), timeout=30)
    assert described.status_code == 200 and described.json()["run"]["run_id"] == runs["A"]
    image = httpx.get(f"{run}/image.png", headers=_as(KEY_A), timeout=30)
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    record = httpx.get(f"{run}/artifacts/run.json", headers=_as(KEY_A), timeout=30)
    assert record.status_code == 200 and record.json()["key_id"] == key_id(KEY_A)
    events = httpx.get(f"{run}/events", headers=_as(KEY_A), timeout=30)
    assert events.status_code == 200 and "event: end" in events.text


@pytest.mark.slow
def test_keys_are_neither_stored_nor_logged(server: Service, runs: dict[str, str]) -> None:
    home = Path(server.env["TESSERA_HOME"])
    stored = [path for path in home.rglob("*") if path.is_file()]
    assert any(path.name == "run.json" for path in stored)
    for path in stored:
        data = path.read_bytes()
        assert KEY_A.encode() not in data and KEY_B.encode() not in data, path
    assert KEY_A not in server.log() and KEY_B not in server.log()


@pytest.mark.slow
def test_returned_urls_and_errors_do_not_echo_the_host_header(server: Service, runs: dict[str, str]) -> None:
    evil = {**_as(KEY_A), "host": "evil.example"}
    body = {"prompt": BRIEF, "size": "256x256", "quality": "low", "response_format": "url"}
    replies = [
        httpx.post(f"{server.url}/v1/images/generations", json=body, headers=evil, timeout=120),
        httpx.get(f"{server.url}/v1/runs/{runs['A']}", headers=evil, timeout=30),
        httpx.get(f"{server.url}/v1/runs/no-such-run", headers=evil, timeout=30),
        httpx.get(f"{server.url}/v1/runs/{runs['A']}/image.gif", headers=evil, timeout=30),
        httpx.get(f"{server.url}/v1/no-such-route", headers=evil, timeout=30),
    ]
    assert [reply.status_code for reply in replies] == [200, 200, 404, 400, 404]
    for reply in replies:
        assert "evil.example" not in reply.text and "evil.example" not in str(reply.headers)
    url = replies[0].json()["data"][0]["url"]
    assert url.startswith(f"{server.url}/v1/runs/")
    assert replies[1].json()["url"] == f"{server.url}/v1/runs/{runs['A']}"


# ---- the pieces --------------------------------------------------------------------------------------------------


def _whoami_app(settings: Settings) -> FastAPI:
    app = FastAPI()

    @app.get("/whoami")
    async def whoami(key: Caller) -> dict[str, str | None]:
        return {"key": key}

    install_access(app, settings)
    return app


def test_without_keys_the_caller_has_no_key_and_nothing_is_refused(tmp_path: Path) -> None:
    with TestClient(_whoami_app(_settings(tmp_path))) as client:
        assert client.get("/whoami").json() == {"key": None}
        assert client.get("/whoami", headers=_as("anything-at-all-12345")).json() == {"key": None}
    request = Request({"type": "http", "app": _whoami_app(_settings(tmp_path)), "headers": []})
    assert caller_key(request) is None


def test_with_keys_the_caller_is_the_id_of_its_key(tmp_path: Path) -> None:
    with TestClient(_whoami_app(_settings(tmp_path, api_keys=f"{KEY_A},{KEY_B}"))) as client:
        assert client.get("/whoami", headers=_as(KEY_B)).json() == {"key": key_id(KEY_B)}
        _assert_refused(client.get("/whoami"), "no key")


def test_the_caller_dependency_refuses_on_its_own_what_the_middleware_would(tmp_path: Path) -> None:
    app = _whoami_app(_settings(tmp_path, api_keys=KEY_A))
    for headers in ([], [(b"authorization", b"Bearer " + KEY_B.encode())], [(b"authorization", KEY_A.encode())]):
        with pytest.raises(UnauthorizedError):
            caller_key(Request({"type": "http", "app": app, "headers": headers}))
    mine = Request({"type": "http", "app": app, "headers": [(b"authorization", b"bearer " + KEY_A.encode())]})
    assert caller_key(mine) == key_id(KEY_A)


def test_a_key_id_is_a_short_digest_that_does_not_contain_the_key() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", key_id(KEY_A))
    assert key_id(KEY_A) != key_id(KEY_B) and key_id(KEY_A) not in KEY_A


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ("", "set but empty"),
        (" , ", "set but empty"),
        (f"{KEY_A},,{KEY_B}", "key 2 of 3 is empty"),
        (f"{KEY_A},", "key 2 of 2 is empty"),
        ("short", "key 1 of 1 is 5 characters long; use at least 16"),
        (f"{KEY_A},with space inside it", "key 2 of 2 has spaces"),
    ],
)
def test_unusable_keys_stop_the_server_with_a_message_naming_the_variable(
    tmp_path: Path, keys: str, problem: str
) -> None:
    with pytest.raises(ConfigurationError, match="TESSERA_API_KEYS") as raised:
        create_app("planner", _settings(tmp_path, api_keys=SecretStr(keys)))
    assert problem in str(raised.value)
    assert KEY_A not in str(raised.value)  # the message names a key by its place, never by its value


def test_a_part_service_with_keys_refuses_callers_without_one(tmp_path: Path) -> None:
    with TestClient(create_app("planner", _settings(tmp_path, api_keys=KEY_A))) as client:
        _assert_refused(client.post("/v1/plan", json={}), "planner without a key")
        assert client.post("/v1/plan", json={}, headers=_as(KEY_A)).status_code in (400, 422)  # past the door
        assert client.get("/readyz").status_code == 200


def test_serve_says_it_is_unauthenticated_on_loopback(tmp_path: Path) -> None:
    notice = exposure_notice(_settings(tmp_path), "127.0.0.1", allow_unauthenticated=False)
    assert "WITHOUT authentication" in notice and "TESSERA_API_KEYS" in notice
    assert "WITHOUT" in exposure_notice(_settings(tmp_path), "::1", allow_unauthenticated=False)
    keyed = exposure_notice(_settings(tmp_path, api_keys=KEY_A), "0.0.0.0", allow_unauthenticated=False)
    assert keyed.startswith("authentication on: 1 API key(s)")


def test_serve_refuses_an_open_non_loopback_address_unless_told(tmp_path: Path) -> None:
    for host in ("0.0.0.0", "::", "192.168.1.10", "tessera.example"):
        with pytest.raises(ConfigurationError, match="--allow-unauthenticated"):
            exposure_notice(_settings(tmp_path), host, allow_unauthenticated=False)
    warning = exposure_notice(_settings(tmp_path), "0.0.0.0", allow_unauthenticated=True)
    assert warning.startswith("WARNING: serving WITHOUT authentication on 0.0.0.0")


def test_the_serve_command_exits_2_before_listening_openly(tmp_path: Path) -> None:
    env = {"TESSERA_HOME": str(tmp_path / "home"), "TESSERA_API_KEYS": None}
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", str(free_port())], env=env)
    assert result.exit_code == 2
    assert "--allow-unauthenticated" in result.output and "Traceback" not in result.output


def _request_to(app: FastAPI, server: tuple[str, int] | None, scheme: str = "http") -> Request:
    scope = {"type": "http", "app": app, "scheme": scheme, "server": server, "headers": [(b"host", b"evil.example")]}
    return Request(scope)


def test_urls_are_built_from_the_listening_address_not_the_host_header(tmp_path: Path) -> None:
    app = _whoami_app(_settings(tmp_path))
    assert public_base(_request_to(app, ("10.0.0.5", 8000))) == "http://10.0.0.5:8000"
    assert public_base(_request_to(app, ("10.0.0.5", 443), "https")) == "https://10.0.0.5"
    assert public_base(_request_to(app, ("::1", 8000))) == "http://[::1]:8000"
    assert public_base(_request_to(app, None)) == ""


def test_urls_use_the_public_url_when_one_is_set(tmp_path: Path) -> None:
    app = _whoami_app(_settings(tmp_path, public_url="https://images.example.com/tessera/"))
    assert public_base(_request_to(app, ("10.0.0.5", 8000))) == "https://images.example.com/tessera"


@pytest.mark.parametrize("url", ["images.example.com", "ftp://images.example.com", "https://x.example/?a=1"])
def test_a_public_url_that_is_no_base_url_stops_the_server(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigurationError, match="TESSERA_PUBLIC_URL"):
        create_app("planner", _settings(tmp_path, public_url=url))


def test_messages_lose_the_servers_paths_but_keep_api_paths_and_urls(tmp_path: Path) -> None:
    assert (
        without_server_paths("no tesseract language data at /usr/share/tesseract-ocr/5/tessdata/eng.traineddata")
        == "no tesseract language data at …/eng.traineddata"
    )
    assert without_server_paths(f"cannot write '{tmp_path}/home/runs/x/run.json'") == "cannot write '…/run.json'"
    kept = "follow it at GET /v1/runs/abc/events; the renderer service at http://renderer:8002/v1 failed"
    assert without_server_paths(kept) == kept


def test_readiness_does_not_show_the_servers_paths(tmp_path: Path) -> None:
    settings = _settings(tmp_path).model_copy(update={"tessdata": tmp_path / "no-tessdata"})
    with TestClient(create_app("verifier", settings)) as client:
        ready = client.get("/readyz")
    assert ready.status_code == 503 and "eng.traineddata" in ready.text
    assert str(tmp_path) not in ready.text and "/no-tessdata" not in ready.text


# ---- a gateway calling part services that want keys --------------------------------------------------------------


@pytest.mark.slow
def test_a_gateway_presents_its_key_to_the_part_services_and_names_the_setting_when_refused(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("part-keys")
    renderer = Service("renderer", free_port(), service_env(root / "r", api_keys=KEY_A), root / "renderer.log")
    renderer.start(ready_timeout_s=120)
    gateways: list[Service] = []
    try:
        for name, keys in (("same", KEY_A), ("other", KEY_B)):
            env = service_env(root / name, api_keys=keys, renderer_url=renderer.url, gateway_id=name)
            gateways.append(Service("gateway", free_port(), env, root / f"{name}.log").start(ready_timeout_s=120))
        body = {"prompt": BRIEF, "size": "256x256", "quality": "low"}
        same, other = gateways
        made = httpx.post(f"{same.url}/v1/images/generations", json=body, headers=_as(KEY_A), timeout=120)
        assert made.status_code == 200, made.text
        refused = httpx.post(f"{other.url}/v1/images/generations", json=body, headers=_as(KEY_B), timeout=120)
        assert refused.status_code == 502, refused.text
        error = refused.json()["error"]
        assert error["type"] == "service_error"
        assert "refused this gateway's key" in error["message"] and "TESSERA_API_KEYS" in error["message"]
    finally:
        for service in (*gateways, renderer):
            service.stop()
