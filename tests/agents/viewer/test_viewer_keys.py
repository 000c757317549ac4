"""The viewer in the gateway with TESSERA_API_KEYS: a key asked for once, kept as a signed HttpOnly session cookie
that never holds the key; each key sees only its own runs; the bearer API is unchanged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tessera.agents import Settings
from tessera.agents.services import create_app
from tests.agents.viewer.conftest import KEY_A, KEY_B, Runs

pytestmark = pytest.mark.slow  # the runs behind these pages take a few seconds to make


@pytest.fixture(scope="module")
def gateway(runs: Runs) -> Iterator[TestClient]:
    settings = Settings(home=runs.home, services={"gateway_id": "viewer-test", "api_keys": f"{KEY_A},{KEY_B}"})
    # No lifespan: the gateway's workers and leases are not needed to read runs.
    yield TestClient(create_app("gateway", settings), base_url="http://testserver")


def _log_in(client: TestClient, key: str, next_path: str = "/runs") -> None:
    client.cookies.clear()
    response = client.post("/viewer/login", data={"key": key, "next": next_path}, follow_redirects=False)
    assert response.status_code == 303, response.text


def test_a_page_without_a_session_leads_to_the_key_form(gateway: TestClient, runs: Runs) -> None:
    gateway.cookies.clear()
    response = gateway.get(f"/runs/{runs.hostile}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/viewer/login?next=/runs/{runs.hostile}"
    form = gateway.get(response.headers["location"])
    assert form.status_code == 200 and 'name="key"' in form.text and f'value="/runs/{runs.hostile}"' in form.text
    assert gateway.get(f"/runs/{runs.hostile}/image/0.png").status_code == 401
    assert gateway.get(f"/runs/{runs.hostile}/events").status_code == 401


def test_a_wrong_key_gets_the_form_again_with_401(gateway: TestClient) -> None:
    gateway.cookies.clear()
    response = gateway.post("/viewer/login", data={"key": "not-one-of-the-keys-123456", "next": "/runs"})
    assert response.status_code == 401
    assert "not one this server accepts" in response.text and 'name="key"' in response.text
    assert "set-cookie" not in response.headers


def test_the_right_key_sets_an_http_only_cookie_without_the_key(gateway: TestClient, runs: Runs) -> None:
    gateway.cookies.clear()
    target = f"/runs/{runs.hostile}"
    response = gateway.post("/viewer/login", data={"key": KEY_A, "next": target}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == target
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("tessera_session=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert KEY_A not in cookie
    page = gateway.get(target)
    assert page.status_code == 200 and 'data-attempt="0"' in page.text
    assert gateway.get(f"{target}/image/0.png").status_code == 200
    listed = gateway.get("/runs").text
    assert f'data-run-id="{runs.hostile}"' in listed and f'data-run-id="{runs.plain}"' not in listed


def test_another_keys_run_is_not_found(gateway: TestClient, runs: Runs) -> None:
    _log_in(gateway, KEY_B)
    assert gateway.get(f"/runs/{runs.hostile}").status_code == 404
    assert gateway.get(f"/runs/{runs.hostile}/thumb.png").status_code == 404
    assert gateway.get(f"/runs/{runs.hostile}/events").status_code == 404
    assert f'data-run-id="{runs.hostile}"' not in gateway.get("/runs").text


@pytest.mark.parametrize("target", ["https://evil.example/runs", "//evil.example/runs", "/\\evil.example"])
def test_next_cannot_lead_off_the_server(gateway: TestClient, target: str) -> None:
    gateway.cookies.clear()
    response = gateway.post("/viewer/login", data={"key": KEY_A, "next": target}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/runs"


def test_a_bearer_key_may_view_pages_and_the_api_still_needs_one(gateway: TestClient, runs: Runs) -> None:
    gateway.cookies.clear()
    bearer = {"Authorization": f"Bearer {KEY_A}"}
    assert gateway.get(f"/runs/{runs.hostile}", headers=bearer).status_code == 200
    _log_in(gateway, KEY_A)
    assert gateway.get("/v1/runs").status_code == 401  # a session cookie is not a key for the API
    assert gateway.get("/v1/runs", headers=bearer).status_code == 200


def test_logging_out_ends_the_session(gateway: TestClient) -> None:
    _log_in(gateway, KEY_A)
    assert gateway.get("/runs", follow_redirects=False).status_code == 200
    response = gateway.post("/viewer/logout", follow_redirects=False)
    assert response.status_code == 303 and 'tessera_session=""' in response.headers["set-cookie"]
    gateway.cookies.clear()
    assert gateway.get("/runs", follow_redirects=False).status_code == 303
    assert gateway.get("/viewer/logout").status_code == 405  # only POST: a link cannot log anyone out
