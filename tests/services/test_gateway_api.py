"""The gateway's HTTP API in-process (`tessera serve --role all`): OpenAI's Images API, runs, events, errors."""

from __future__ import annotations

import base64
import io
import json
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tessera.agents import Settings
from tessera.agents.runs import RunStore
from tessera.agents.services import create_app
from tessera.contract import Box

BRIEF = "A label with the headline 'FRESH BREAD' and exactly 2 apples"


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app("all", settings)) as client:
        yield client


def _generate(api: TestClient, **fields: object) -> dict:
    response = api.post("/v1/images/generations", json={"prompt": BRIEF, "size": "512x512", "quality": "low", **fields})
    assert response.status_code == 200, response.text
    return {"body": response.json(), "headers": response.headers}


def _image(b64: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(b64)))


def test_generations_answers_in_openais_shape_with_the_run_behind_the_image(api: TestClient) -> None:
    result = _generate(api)
    body, run_id = result["body"], result["headers"]["x-tessera-run-id"]
    image = _image(body["data"][0]["b64_json"])
    assert image.format == "PNG" and image.size == (512, 512)
    assert body["size"] == "512x512" and body["output_format"] == "png" and body["quality"] == "low"
    assert body["usage"]["total_tokens"] == 0  # the rules planner spends no tokens
    summary = body["tessera"][0]
    assert summary["run_id"] == run_id and summary["passed"] and summary["revisions"] == 0
    assert {c["constraint_id"] for c in summary["report"]["checks"]}  # every constraint's verdict comes along


def test_each_image_comes_with_the_parts_it_shows_as_the_run_kept_them(api: TestClient, settings: Settings) -> None:
    result = _generate(api, size="1584x396")
    assert _image(result["body"]["data"][0]["b64_json"]).size == (1584, 396)
    drawn = result["body"]["tessera"][0]["drawn"]
    headline = next(part for part in drawn if part["kind"] == "text")
    assert headline["text"] == "FRESH BREAD" and headline["name"] is None
    apples = [part for part in drawn if part["kind"] == "objects"]
    assert [(a["name"], a["text"]) for a in apples] == [("apple", None)] * 2
    assert len({a["id"] for a in apples}) == 2 and all("#" in a["id"] for a in apples)
    for part in drawn:
        assert set(part) == {"kind", "id", "name", "text", "box"} and set(part["box"]) == {"x", "y", "w", "h"}
        assert Box(**part["box"]).inside(1584, 396)
    kept = RunStore(settings.runs_dir).open(result["headers"]["x-tessera-run-id"]).read_drawn(0)
    assert kept is not None and drawn == [part.model_dump(mode="json") for part in kept]


def test_each_image_says_how_the_prompt_was_read_and_what_carries_each_item(api: TestClient) -> None:
    summary = _generate(api, kind="label")["body"]["tessera"][0]
    assert summary["document"] == "label"
    coverage = summary["coverage"]
    assert coverage and all(set(e) == {"clause", "span", "status", "nodes", "reason", "item"} for e in coverage)
    headline = next(e for e in coverage if e["clause"] == "'FRESH BREAD'")
    assert headline["status"] == "planned" and headline["nodes"]
    assert BRIEF[headline["span"][0] : headline["span"][1]] == "'FRESH BREAD'"


def test_each_of_n_images_is_its_own_run_with_the_next_seed(api: TestClient) -> None:
    result = _generate(api, n=2, seed=10)
    run_ids = result["headers"]["x-tessera-run-id"].split(",")
    assert len(run_ids) == 2 and len(set(run_ids)) == 2 and len(result["body"]["data"]) == 2
    seeds = [api.get(f"/v1/runs/{run_id}").json()["run"]["seed"] for run_id in run_ids]
    assert seeds == [10, 11]


def test_jpeg_output_honours_output_compression(api: TestClient) -> None:
    small = _image(_generate(api, output_format="jpeg", output_compression=5)["body"]["data"][0]["b64_json"])
    assert small.format == "JPEG"
    fine = _generate(api, output_format="jpeg", output_compression=95)["body"]["data"][0]["b64_json"]
    coarse = _generate(api, output_format="jpeg", output_compression=5)["body"]["data"][0]["b64_json"]
    assert len(coarse) < len(fine)


def test_url_responses_point_at_the_runs_image(api: TestClient) -> None:
    body = _generate(api, response_format="url", output_format="webp")["body"]
    url = body["data"][0]["url"]
    assert url.endswith("/image.webp") and body["data"][0]["b64_json"] is None
    assert Image.open(io.BytesIO(api.get(url).content)).format == "WEBP"


def test_svg_output_returns_the_image_as_svg_with_its_texts_live(api: TestClient) -> None:
    body = _generate(api, output_format="svg")["body"]
    assert body["output_format"] == "svg"
    document = base64.b64decode(body["data"][0]["b64_json"]).decode("utf-8")
    assert document.startswith("<svg ") and 'width="512" height="512"' in document
    assert "FRESH BREAD" in document  # a live text, not pixels
    linked = _generate(api, output_format="svg", response_format="url")["body"]["data"][0]["url"]
    assert linked.endswith("/image.svg")
    served = api.get(linked)
    assert served.headers["content-type"].startswith("image/svg+xml") and "FRESH BREAD" in served.text


def test_quality_maps_to_effort_and_reasoning_effort_overrides_it(api: TestClient) -> None:
    run_id = _generate(api, quality="hd")["headers"]["x-tessera-run-id"]
    assert api.get(f"/v1/runs/{run_id}").json()["run"]["effort"] == "high"
    run_id = _generate(api, quality="hd", reasoning_effort="low")["headers"]["x-tessera-run-id"]
    assert api.get(f"/v1/runs/{run_id}").json()["run"]["effort"] == "low"


@pytest.mark.parametrize(
    ("fields", "param", "words"),
    [
        ({"prompt": "   "}, None, "the brief is empty"),
        ({"size": "4000x1000"}, None, "between 64 and 3840 pixels (try 3840x1000)"),
        ({"size": "big"}, None, "write it like 1024x1024"),
        ({"n": 11}, "n", "less than or equal to 10"),
        ({"quality": "ultra"}, "quality", "'low'"),
        ({"background": "transparent", "output_format": "jpeg"}, None, "use png or webp (jpeg has none)"),
        ({"stream": True}, "stream", "streaming is not offered"),
        ({"output_format": "gif"}, "output_format", "'png'"),
        ({"sizes": "512x512"}, "sizes", "Extra inputs are not permitted"),
        ({"max_revisions": 99}, "max_revisions", "less than or equal to 8"),
        ({"kind": "brochure"}, "kind", "'poster'"),
    ],
)
def test_bad_requests_get_a_400_that_says_what_to_change(
    api: TestClient, fields: dict, param: str | None, words: str
) -> None:
    response = api.post("/v1/images/generations", json={"prompt": BRIEF, **fields})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "request_error" and words in error["message"]
    if param is not None:
        assert error["param"] == param


def test_a_body_that_is_not_json_is_a_400(api: TestClient) -> None:
    response = api.post("/v1/images/generations", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["type"] == "request_error"


def test_a_run_lists_its_report_plan_and_artifacts(api: TestClient) -> None:
    run_id = _generate(api)["headers"]["x-tessera-run-id"]
    run = api.get(f"/v1/runs/{run_id}").json()
    assert run["run"]["status"] == "done" and run["run"]["planner_choice"] == "auto"
    assert run["plan"]["canvas"] == {"width": 512, "height": 512} and run["report"]["passed"]
    for name in ("run.json", "trace.jsonl", "events.jsonl", "constraints.json", "iter-0/plan.json", "iter-0/image.png"):
        assert api.get(run["artifacts"][name]).status_code == 200, name
    assert [r["run_id"] for r in api.get("/v1/runs").json()] == [run_id]


def test_a_log_that_grows_while_it_is_read_comes_back_whole(api: TestClient, settings: Settings) -> None:
    run_id = _generate(api)["headers"]["x-tessera-run-id"]
    events = RunStore(settings.runs_dir).open(run_id).path / "events.jsonl"
    stop = threading.Event()

    def append() -> None:  # a run still writing its progress while a client polls the log
        with events.open("a", encoding="utf-8") as stream:
            while not stop.is_set():
                stream.write('{"node": "render", "attempt": 0, "message": "step"}\n')
                stream.flush()

    writer = threading.Thread(target=append)
    writer.start()
    try:
        for _ in range(40):
            response = api.get(f"/v1/runs/{run_id}/artifacts/events.jsonl")
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/x-ndjson"
            assert int(response.headers["content-length"]) == len(response.content)
    finally:
        stop.set()
        writer.join()


def test_unknown_runs_and_files_outside_a_run_are_refused(api: TestClient) -> None:
    run_id = _generate(api)["headers"]["x-tessera-run-id"]
    missing = api.get("/v1/runs/20990101-000000-abcdef")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "run_not_found"
    assert api.get(f"/v1/runs/{run_id}/artifacts/..%2F..%2Fcheckpoints.sqlite").status_code == 400
    assert api.get(f"/v1/runs/{run_id}/artifacts/iter-0/nothing.png").status_code == 400


def test_events_replay_a_finished_run_and_end_with_its_status(api: TestClient) -> None:
    run_id = _generate(api)["headers"]["x-tessera-run-id"]
    with api.stream("GET", f"/v1/runs/{run_id}/events") as stream:
        text = "".join(stream.iter_text())
    events = [block for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    names = [
        line.removeprefix("event: ") for block in events for line in block.splitlines() if line.startswith("event:")
    ]
    assert names[:-1] == ["progress"] * (len(names) - 1) and names[-1] == "end"
    nodes = [json.loads(block.split("data: ", 1)[1])["node"] for block in events[:-1]]
    assert nodes[:4] == ["understand", "plan", "render", "verify"] and nodes[-1] == "finish"
    assert json.loads(events[-1].split("data: ", 1)[1])["status"] == "done"


def test_an_edited_plan_is_rendered_as_given(api: TestClient) -> None:
    run_id = _generate(api)["headers"]["x-tessera-run-id"]
    plan = api.get(f"/v1/runs/{run_id}").json()["plan"]
    plan["background"] = {"kind": "solid", "color": "#1F4FFF"}
    body = _generate(api, plan=plan)["body"]
    assert _image(body["data"][0]["b64_json"]).convert("RGB").getpixel((2, 2)) == (0x1F, 0x4F, 0xFF)
    assert body["tessera"][0]["planner"] == "user"


def test_health_readiness_and_openapi(api: TestClient) -> None:
    assert api.get("/healthz").json() == {"status": "ok", "role": "gateway"}
    ready = api.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["checkpoints"] == "ok"
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/v1/images/generations", "/v1/images/edits", "/v1/runs/{run_id}", "/v1/runs/{run_id}/events"} <= set(paths)


def test_a_gateway_whose_parts_are_down_is_not_ready(settings: Settings) -> None:
    services = settings.services.model_copy(
        update={"renderer_url": "http://127.0.0.1:9", "verifier_url": "http://127.0.0.1:9"}
    )
    broken = settings.model_copy(update={"services": services})
    with TestClient(create_app("gateway", broken)) as client:
        ready = client.get("/readyz")
    assert ready.status_code == 503
    assert "renderer service at http://127.0.0.1:9 cannot be reached" in ready.json()["checks"]["renderer"]


def test_a_renderer_that_cannot_be_reached_fails_the_run_with_502_and_keeps_it(settings: Settings) -> None:
    broken = settings.model_copy(
        update={"services": settings.services.model_copy(update={"renderer_url": "http://127.0.0.1:9"})}
    )
    with TestClient(create_app("gateway", broken)) as client:
        response = client.post("/v1/images/generations", json={"prompt": BRIEF, "size": "512x512"})
        run_id = response.headers["x-tessera-run-id"]
        run = client.get(f"/v1/runs/{run_id}").json()["run"]
    assert response.status_code == 502 and response.json()["error"]["type"] == "service_error"
    assert "tessera serve --role renderer" in response.json()["error"]["message"]
    assert run["status"] == "failed" and "renderer service" in run["error"]


class _BrokenRenderer:
    """A renderer with a bug: its exception's text names a server path."""

    def render(self, *args: object, **kwargs: object) -> object:
        raise RuntimeError("cannot open /srv/tessera/secret/fonts.cache")


def test_an_unexpected_fault_in_a_run_shows_neither_its_type_nor_the_servers_paths(settings: Settings) -> None:
    with TestClient(create_app("gateway", settings, renderer=_BrokenRenderer()), raise_server_exceptions=False) as api:
        response = api.post("/v1/images/generations", json={"prompt": BRIEF, "size": "256x256", "quality": "low"})
        assert response.status_code == 500, response.text
        error = response.json()["error"]
        assert error["type"] == "internal_error" and "logged it" in error["message"]
        run_id = response.headers["x-tessera-run-id"]
        assert run_id in error["message"]
        described = api.get(f"/v1/runs/{run_id}").json()
    text = response.text + json.dumps(described)
    assert "RuntimeError" not in response.text
    assert "/srv/tessera" not in text
    assert described["run"]["status"] == "failed"
