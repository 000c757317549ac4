"""`n` variants and `split` icon sets through the Images API of a real `tessera serve --role all` process, over real
HTTP: n=3 gives three verified images in one style and three layouts, grouped as variants; `split: true` adds each
icon of an icon set as its own image, inline or by URL, while `data` keeps one entry per image made."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from tessera.contract import LayoutPlan
from tests.service_fixtures import Service, free_port, service_env

POSTER = (
    "A poster for a jazz night with the headline 'BLUE NOTE LIVE', the subtitle 'Friday 9 PM at the Harbor Club' and "
    "the line 'Tickets at bluenote.example'"
)
ICONS = "an icon set of 8 icons: home, search, cart, user, settings, heart, bell, mail"
ICON_NAMES = ["home", "search", "cart", "user", "settings", "heart", "bell", "mail"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root: Path = tmp_path_factory.mktemp("variants-api")
    service = Service("all", free_port(), service_env(root / "home"), root / "all.log").start()
    yield service
    service.stop()


def _generate(server: Service, **fields: Any) -> httpx.Response:
    body = {"quality": "low", "planner": "rules", **fields}
    return httpx.post(f"{server.url}/v1/images/generations", json=body, timeout=300)


def _plan(server: Service, run_id: str) -> LayoutPlan:
    described = httpx.get(f"{server.url}/v1/runs/{run_id}", timeout=30).json()
    return LayoutPlan.model_validate(described["plan"])


@pytest.mark.slow
def test_n_gives_variants_in_one_style_with_distinct_layouts_each_verified(server: Service) -> None:
    reply = _generate(server, prompt=POSTER, n=3, seed=2)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    run_ids = reply.headers["x-tessera-run-id"].split(",")
    assert len(body["data"]) == 3 and len(set(run_ids)) == 3
    summaries = body["tessera"]
    assert [s["variant"] for s in summaries] == [0, 1, 2]
    assert {s["variant_group"] for s in summaries} == {run_ids[0]}
    assert all(s["passed"] and s["report"]["checks"] for s in summaries)
    plans = [_plan(server, run_id) for run_id in run_ids]
    assert len({plan.background.model_dump_json() for plan in plans}) == 1, "one palette's background"
    assert len({plan.model_dump_json(exclude={"rationale"}) for plan in plans}) == 3, "three layouts"
    images = [Image.open(io.BytesIO(base64.b64decode(d["b64_json"]))) for d in body["data"]]
    assert len({image.tobytes() for image in images}) == 3
    assert all(s["icons"] == [] for s in summaries)  # no split asked


@pytest.mark.slow
def test_split_adds_each_icon_of_an_icon_set_as_its_own_image(server: Service) -> None:
    reply = _generate(server, prompt=ICONS, split=True)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert len(body["data"]) == 1, "data keeps one entry per image made: the grid"
    icons = body["tessera"][0]["icons"]
    assert [icon["name"] for icon in icons] == ICON_NAMES
    assert icons[2]["icon"] == "shopping-cart"
    grid = Image.open(io.BytesIO(base64.b64decode(body["data"][0]["b64_json"])))
    drawn = {part["id"]: part["box"] for part in body["tessera"][0]["drawn"] if part["kind"] == "card"}
    for icon, tile in zip(icons, drawn.values(), strict=True):
        image = Image.open(io.BytesIO(base64.b64decode(icon["b64_json"])))
        assert image.format == "PNG" and image.size == (tile["w"], tile["h"])
        # cut from the grid as drawn: the same pixels as the tile there
        box = (tile["x"], tile["y"], tile["x"] + tile["w"], tile["y"] + tile["h"])
        assert image.convert("RGB").tobytes() == grid.convert("RGB").crop(box).tobytes()
    by_url = _generate(server, prompt=ICONS, split=True, response_format="url").json()["tessera"][0]["icons"]
    assert [icon["b64_json"] for icon in by_url] == [None] * 8
    fetched = httpx.get(by_url[0]["url"], timeout=30)
    assert fetched.status_code == 200 and Image.open(io.BytesIO(fetched.content)).format == "PNG"
