"""Each check's status and `strict` through the real gateway over HTTP (`tessera serve --role all`, its own process):
a check nothing could measure is `not_verified`, never passed; it blocks nothing unless the request says
`strict: true`; a `strict` that is not a boolean is a 400 in OpenAI's error shape."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import openai
import pytest

from tests.service_fixtures import Service, free_port, service_env
from tests.status_plans import BRIEF, CRAMPED, PICTURE, TITLE, plan_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One gateway with every part in-process, for the whole module."""
    root = tmp_path_factory.mktemp("status-api")
    service = Service("all", free_port(), service_env(root / "home"), root / "gateway.log")
    service.start(ready_timeout_s=120)
    try:
        yield service
    finally:
        service.stop()


def _generate(gateway: Service, **fields: Any) -> httpx.Response:
    body = {"prompt": BRIEF, "quality": "low", "plan": plan_of(TITLE, PICTURE), **fields}
    return httpx.post(f"{gateway.url}/v1/images/generations", json=body, timeout=300)


def _check(summary: dict[str, Any], check_id: str) -> dict[str, Any]:
    return next(c for c in summary["report"]["checks"] if c["constraint_id"] == check_id)


def test_a_check_nothing_measures_is_not_verified_and_the_image_passes(gateway: Service) -> None:
    response = _generate(gateway)
    assert response.status_code == 200, response.text
    summary = response.json()["tessera"][0]
    hero = _check(summary, "hero")
    assert (hero["status"], hero["passed"], hero["verified"]) == ("not_verified", False, False)
    assert _check(summary, "text-1")["status"] == "passed"
    assert summary["counts"] == {"passed": 1, "failed": 0, "not_verified": 1}
    assert (summary["passed"], summary["strict"]) == (True, False)
    assert summary["summary"].startswith("passed 1, failed 0, not verified 1")


def test_strict_true_from_the_openai_client_fails_the_image_and_the_run_says_so(gateway: Service) -> None:
    client = openai.OpenAI(base_url=f"{gateway.url}/v1", api_key="unused", timeout=300)
    result = client.images.generate(
        prompt=BRIEF, quality="low", extra_body={"strict": True, "plan": plan_of(TITLE, PICTURE)}
    )
    assert base64.b64decode(result.data[0].b64_json or "")  # the image is still made
    summary = (result.model_extra or {})["tessera"][0]
    assert (summary["passed"], summary["strict"]) == (False, True)
    assert summary["counts"] == {"passed": 1, "failed": 0, "not_verified": 1}
    run = httpx.get(summary["run_url"], timeout=30).json()
    assert run["run"]["passed"] is False and run["counts"] == summary["counts"]
    assert run["run"]["strict"] is True  # the stored run says how it was judged
    assert [c["status"] for c in run["report"]["checks"]] == ["passed", "not_verified"]


def test_strict_true_passes_an_image_whose_every_check_was_measured(gateway: Service) -> None:
    response = _generate(gateway, strict=True, plan=plan_of(TITLE))
    assert response.status_code == 200, response.text
    summary = response.json()["tessera"][0]
    assert summary["passed"] and summary["counts"] == {"passed": 1, "failed": 0, "not_verified": 0}


def test_a_failed_check_fails_the_image_with_its_status(gateway: Service) -> None:
    response = _generate(gateway, plan=plan_of(TITLE, CRAMPED))
    assert response.status_code == 200, response.text
    summary = response.json()["tessera"][0]
    when = _check(summary, "when")
    assert (when["status"], when["passed"], when["verified"]) == ("failed", False, True)
    assert not summary["passed"] and summary["counts"]["failed"] >= 1


def test_multipart_takes_strict_as_the_text_true(gateway: Service) -> None:
    form = {"prompt": (None, BRIEF), "quality": (None, "low"), "strict": (None, "true")}
    form["plan"] = (None, json.dumps(plan_of(TITLE, PICTURE)))
    response = httpx.post(f"{gateway.url}/v1/images/generations", files=form, timeout=300)
    assert response.status_code == 200, response.text
    summary = response.json()["tessera"][0]
    assert (summary["passed"], summary["strict"]) == (False, True)


@pytest.mark.parametrize("value", ["yes", "true", 1, None, [True]])
def test_a_strict_that_is_not_a_boolean_is_a_400_naming_it(gateway: Service, value: object) -> None:
    response = _generate(gateway, strict=value)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "request_error" and error["param"] == "strict"
    assert error["message"].startswith("strict: ") and "boolean" in error["message"]


def test_a_multipart_strict_that_is_not_true_or_false_is_a_400(gateway: Service) -> None:
    form = {"prompt": (None, BRIEF), "strict": (None, "maybe")}
    response = httpx.post(f"{gateway.url}/v1/images/generations", files=form, timeout=60)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == "strict"
