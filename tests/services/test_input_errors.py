"""Input the services cannot use, sent to real `tessera serve` processes over HTTP: a NUL, a lone surrogate or a
control character anywhere in a request is a 400 naming the field (the gateway on PostgreSQL, which cannot store
NUL; `all`; a part service); `n` must be an integer; unknown routes, wrong methods and bodies that are not JSON get
OpenAI's error shape, never FastAPI's {"detail": ...}; the OpenAPI document lists the replies each route can give.

The in-process tests at the end cover what no request from outside can provoke: an unexpected fault answers with a
request id and no internals, and overload and authentication errors carry their headers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tessera.agents.services._common import install_error_handlers
from tessera.contract import OverloadedError, UnauthorizedError
from tests.service_fixtures import Postgres, Service, free_port, postgres, service_env

__all__ = ["postgres"]

GENERATIONS = "/v1/images/generations"
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory, postgres: Postgres) -> Iterator[dict[str, Service]]:
    """A gateway on PostgreSQL, an `all` on SQLite and a planner part, each its own process."""
    root = tmp_path_factory.mktemp("input-errors")
    started = {
        "gateway": Service(
            "gateway", free_port(), service_env(root / "gateway", database_url=postgres.url), root / "gateway.log"
        ),
        "all": Service("all", free_port(), service_env(root / "all"), root / "all.log"),
        "planner": Service("planner", free_port(), service_env(root / "planner"), root / "planner.log"),
    }
    try:
        for service in started.values():
            service.start()
        yield started
    finally:
        for service in started.values():
            service.stop()


@pytest.fixture(params=["gateway", "all"])
def images_api(request: pytest.FixtureRequest, services: dict[str, Service]) -> Iterator[httpx.Client]:
    """The Images API of the gateway role and of the all role."""
    with httpx.Client(base_url=services[request.param].url, timeout=60) as client:
        yield client


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    """The error of a reply that must be `status` in OpenAI's shape (and nothing else: no FastAPI `detail`)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"message", "type", "param", "code"}
    return body["error"]


def _raw_json(text: str) -> bytes:
    """A JSON body as a client would escape it (`\\u0000`, `\\ud800`): httpx cannot encode a lone surrogate itself."""
    return text.encode("ascii")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "param", "problem"),
    [
        ('{"prompt": "A poster \\u0000 with \'HI\'"}', "prompt", "NUL character"),
        ('{"prompt": "A poster \\ud800 with \'HI\'"}', "prompt", "lone surrogate (U+D800)"),
        ('{"prompt": "A poster \\u001b[31m \'HI\'"}', "prompt", "control character (U+001B)"),
        ('{"prompt": "x", "user": "ab\\u0000"}', "user", "NUL character"),
        ('{"prompt": "x", "assets": {"lo\\u0000go": "AAAA"}}', "assets", "NUL character"),
        ('{"prompt": "x", "data": {"sales": [{"month": "Jan\\u0000"}]}}', "data.sales.0.month", "NUL character"),
        (
            '{"prompt": "x", "plan": {"root": {"children": [{"kind": "text", "text": "a\\udc00"}]}}}',
            "plan.root.children.0.text",
            "lone surrogate",
        ),
    ],
)
def test_unusable_text_anywhere_in_the_body_is_a_400_naming_the_field(
    images_api: httpx.Client, body: str, param: str, problem: str
) -> None:
    error = _error(images_api.post(GENERATIONS, content=_raw_json(body), headers=JSON), 400)
    assert (error["type"], error["param"]) == ("request_error", param)
    assert problem in error["message"]


@pytest.mark.slow
def test_a_multipart_field_with_a_nul_is_refused_like_the_json_body(images_api: httpx.Client) -> None:
    error = _error(images_api.post(GENERATIONS, data={"prompt": "A poster \x00 'HI'"}, files={"x": ("", b"")}), 400)
    assert error["param"] == "prompt" and "NUL" in error["message"]


@pytest.mark.slow
def test_a_nul_in_a_run_id_or_query_is_a_400_not_a_database_error(images_api: httpx.Client) -> None:
    assert _error(images_api.get("/v1/runs/abc%00def"), 400)["param"] == "path"
    assert _error(images_api.get("/v1/runs", params={"limit": "1\x00"}), 400)["param"] == "limit"


@pytest.mark.slow
@pytest.mark.parametrize("n", ["2", True, 2.0])
def test_n_must_be_a_json_integer(images_api: httpx.Client, n: object) -> None:
    error = _error(images_api.post(GENERATIONS, json={"prompt": "A poster 'HI'", "n": n}), 400)
    assert error["param"] == "n" and "valid integer" in error["message"]


@pytest.mark.slow
def test_multipart_integers_are_read_as_integers(images_api: httpx.Client) -> None:
    # Form fields are text: '11' reaches the schema as 11 (over the limit), 'two' as text (not an integer).
    over = _error(images_api.post(GENERATIONS, data={"prompt": "x", "n": "11"}, files={"x": ("", b"")}), 400)
    assert over["param"] == "n" and "less than or equal to 10" in over["message"]
    text = _error(images_api.post(GENERATIONS, data={"prompt": "x", "n": "two"}, files={"x": ("", b"")}), 400)
    assert text["param"] == "n" and "valid integer" in text["message"]


@pytest.mark.slow
def test_unknown_routes_wrong_methods_and_bodies_that_are_not_json_answer_in_openais_shape(
    images_api: httpx.Client,
) -> None:
    assert _error(images_api.get("/v2/nothing"), 404)["code"] == "unknown_route"
    wrong = images_api.delete(GENERATIONS)
    assert _error(wrong, 405)["code"] == "bad_method" and wrong.headers["allow"] == "POST"
    malformed = _error(images_api.post(GENERATIONS, content=b'{"prompt": ', headers=JSON), 400)
    assert "not valid JSON" in malformed["message"]
    plain = _error(images_api.post(GENERATIONS, content=b"a poster", headers={"content-type": "text/plain"}), 400)
    assert "application/json" in plain["message"]
    not_utf8 = _error(images_api.post(GENERATIONS, content=b'{"prompt": "\xff"}', headers=JSON), 400)
    assert "UTF-8" in not_utf8["message"]


@pytest.mark.slow
def test_the_llm_planner_without_a_model_server_is_a_400_naming_the_settings(images_api: httpx.Client) -> None:
    error = _error(images_api.post(GENERATIONS, json={"prompt": "A poster 'HI'", "planner": "llm"}), 400)
    assert "TESSERA_LLM_BASE_URL" in error["message"] and "TESSERA_LLM_MODEL" in error["message"]


@pytest.mark.slow
def test_a_part_service_refuses_unusable_text_too(services: dict[str, Service]) -> None:
    body = _raw_json('{"constraints": {"brief": "x\\u0000"}, "canvas": {"width": 512, "height": 512}}')
    response = httpx.post(f"{services['planner'].url}/v1/plan", content=body, headers=JSON, timeout=30)
    assert _error(response, 400)["param"] == "constraints.brief"


@pytest.mark.slow
def test_the_openapi_document_lists_each_routes_error_replies(services: dict[str, Service]) -> None:
    document = httpx.get(f"{services['gateway'].url}/openapi.json", timeout=30).json()
    reply = {"$ref": "#/components/schemas/ErrorReply"}

    def statuses(path: str, method: str) -> set[str]:
        responses = document["paths"][path][method]["responses"]
        for status, response in responses.items():
            if status[0] in "45":
                assert response["content"]["application/json"]["schema"] == reply, (path, status)
        return set(responses)

    assert {"400", "401", "413", "422", "429", "500", "502"} <= statuses(GENERATIONS, "post")
    assert {"400", "401", "404", "409", "429"} <= statuses("/v1/runs/{run_id}/resume", "post")
    assert {"400", "401", "404"} <= statuses("/v1/runs/{run_id}", "get")
    assert "Retry-After" in document["paths"][GENERATIONS]["post"]["responses"]["429"]["headers"]
    assert "HTTPValidationError" not in json.dumps(document)
    assert document["components"]["schemas"]["ErrorReply"]["required"] == ["error"]


def _faulty_app(fault: Exception) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/fault")
    async def fault_route() -> None:
        raise fault

    return TestClient(app, raise_server_exceptions=False)


def test_an_unexpected_fault_answers_with_a_request_id_and_no_internals(caplog: pytest.LogCaptureFixture) -> None:
    secret = Path("/srv/tessera/private/state.db")
    response = _faulty_app(KeyError(f"{secret}: column 'x' of psycopg")).get("/fault")
    error = _error(httpx.Response(response.status_code, content=response.content), 500)
    request_id = response.headers["x-request-id"]
    assert error["type"] == "internal_error" and request_id in error["message"]
    assert str(secret) not in response.text and "KeyError" not in response.text and "psycopg" not in response.text
    assert any(request_id in record.getMessage() for record in caplog.records)  # the operator can find it


def test_overload_and_authentication_errors_carry_their_headers() -> None:
    overloaded = _faulty_app(OverloadedError("the queue is full", retry_after_s=7)).get("/fault")
    assert overloaded.status_code == 429 and overloaded.headers["retry-after"] == "7"
    unauthorized = _faulty_app(UnauthorizedError("send a key")).get("/fault")
    assert unauthorized.status_code == 401 and unauthorized.headers["www-authenticate"] == "Bearer"
