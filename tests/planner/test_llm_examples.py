"""The few-shot examples and the plan request: examples of the brief's document kind, the reading with purposes
and styles, and the user's own images, brand kit and data, all within the prompt's budget."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest

from tessera.contract import (
    AssetInfo,
    BrandColors,
    BrandKit,
    Canvas,
    Constraints,
    DataTable,
    DocumentKind,
    Frame,
    LayoutPlan,
    SourceSpan,
    StyleCue,
    Supplied,
)
from tessera.planner import LlmOptions, LlmPlanner, extract_constraints
from tessera.planner._coverage import coverage_map
from tessera.planner._llm_example_making import EXAMPLE_CHARS, MAX_EXAMPLE_NODES, example_data, gallery_examples
from tessera.planner._llm_examples import EXAMPLES_FOR, examples_dir, examples_for, load_example
from tessera.planner._llm_schema import FRAME_DEPTH, FRAME_FIELDS, LEAF_FIELDS, PART_FIELDS, ROOT_FIELDS
from tessera.planner._prompts import plan_json, plan_messages
from tests.planner.test_llm_planner import FakeServer

GALLERY = Path(__file__).resolve().parents[2] / "docs" / "gallery"
SHOWN = sorted({name for names in EXAMPLES_FOR.values() for name in names})
# A brief per document kind that shows examples, as a user would write it.
BRIEFS: dict[str, str] = {
    "slide": "A slide titled 'Q3 results' with bullets: Revenue up 18%, Churn down to 2%, New office in Lisbon",
    "dashboard": "A sales dashboard titled 'Sales overview' with KPI cards Revenue $1.2M, Orders 3,410, Refunds 12 "
    "and a line chart of daily revenue: Mon 120, Tue 140, Wed 90, Thu 160, Fri 200",
    "infographic": "A process infographic 'How delivery works' with steps: Order, Pack, Ship, Deliver",
    "pricing": "A pricing page titled 'Simple pricing' with three plans: Starter $9/month, Team $29/month and "
    "Business $79/month",
    "login": "A login screen for 'Ledgerly' with email and password fields and a 'Sign in' button",
    "menu": "A dinner menu titled 'The Copper Kettle' listing Burrata $9.50, Grilled Octopus $12.00, Roast Cod "
    "$21.00 and Lemon Posset $7.00",
    "label": "A product label for 'Highland Roasters' coffee 'Ethiopia Yirgacheffe', net weight '250 g'",
    "poster": "A poster for 'Midnight Jazz' on 'Friday 9 PM' at 'Pier 4' with 'Get tickets'",
    "flyer": "A flyer for the 'Seed Swap' on 'Saturday 10 AM' at 'Oak Street Garden'",
    "banner": "A LinkedIn banner for 'Northwind Analytics' saying 'We are hiring engineers'",
    "sign": "A sign reading 'Staff only'",
    "card": "A business card for 'Mara Quinn', 'Landscape designer', 'mara@fernhill.studio'",
    "certificate": "A certificate of completion awarded to 'Amelia Hartley' by 'Riverside College of Design'",
    "icon_set": "An icon set of home, search, settings and profile icons, each with a label",
    "product": "A product page for the 'Aero 2 headphones' at '$199' with a 'Buy now' button",
    "paper": "The first page of a paper titled 'Ridership after the fare cut' by 'J. Okafor'",
}


def _nodes(data: dict[str, Any]) -> list[tuple[dict[str, Any], int]]:
    found = [(data, 0)]
    for child in data.get("children", []):
        found += [(node, depth + 1) for node, depth in _nodes(child)]
    return found


@pytest.mark.parametrize("name", SHOWN)
def test_every_example_is_a_plan_the_model_could_write(name: str) -> None:
    example = load_example(name)
    written = json.loads(plan_json(example.plan))
    assert LayoutPlan.model_validate({**written, "canvas": example.plan.canvas.model_dump()}) == example.plan
    assert len(plan_json(example.plan)) <= EXAMPLE_CHARS
    assert len(example.plan.frames()) + len(example.plan.elements) <= MAX_EXAMPLE_NODES
    for node, depth in _nodes(written["root"]):  # only the fields the model's schema has, no deeper than it
        if node["kind"] == "frame":
            allowed = set(ROOT_FIELDS if depth == 0 else FRAME_FIELDS)
            assert depth <= FRAME_DEPTH, node["id"]
        else:
            allowed = set(LEAF_FIELDS[type(example.plan.element(node["id"])).__name__])
        assert set(node) <= allowed, (node["id"], set(node) - allowed)
    assert set(written["background"]) <= set(PART_FIELDS[type(example.plan.background).__name__])


@pytest.mark.parametrize("name", SHOWN)
def test_every_examples_plan_carries_its_whole_reading(name: str) -> None:
    example = load_example(name)
    assert example.reading.items
    assert [e.clause for e in coverage_map(example.reading, example.plan) if e.status == "not_planned"] == []


def test_the_shipped_examples_are_what_the_gallery_makes() -> None:
    made = {example.name: example_data(example) for example in gallery_examples(GALLERY)}
    shipped = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in examples_dir().glob("*.json")}
    assert made == shipped  # run `python -m tessera.planner._llm_example_making docs/gallery` after a gallery change


def test_the_examples_keep_the_gallerys_design() -> None:
    dashboard = load_example("dashboard-kpi").plan
    roles = [f.role for f in dashboard.frames()]
    assert "sidebar" in roles and roles.count("card") >= 3  # KPI cards and the chart's card
    assert dashboard.root.layout == "row"
    kpis = dashboard.node("kpis")
    assert isinstance(kpis, Frame) and kpis.layout == "row" and len(kpis.children) >= 2


def test_every_document_kind_with_a_gallery_design_has_examples() -> None:
    assert set(EXAMPLES_FOR) <= set(get_args(DocumentKind))
    assert set(get_args(DocumentKind)) - set(EXAMPLES_FOR) == {"scene", "document"}
    assert all(1 <= len(names) <= 2 for names in EXAMPLES_FOR.values())


def _request(brief: str, canvas: Canvas | None = None, **options: Any) -> dict[str, Any]:
    server = FakeServer({"content": "{}"}, {"content": "{}"})
    planner = LlmPlanner(LlmOptions(base_url="http://fake/v1", model="fake", **options), client=server.client())
    planner.plan(extract_constraints(brief), canvas or Canvas(width=1920, height=1080))
    return server.requests[0]


def _user(request: dict[str, Any]) -> str:
    return request["messages"][-1]["content"]


@pytest.mark.parametrize("document", sorted(BRIEFS))
def test_the_plan_request_shows_the_examples_of_its_kind_within_the_budget(document: str) -> None:
    constraints = extract_constraints(BRIEFS[document])
    assert constraints.document == document
    request = _request(BRIEFS[document])
    user = _user(request)
    shown = [example for example in examples_for(constraints.document) if f"Brief: {example.brief}" in user]
    assert shown, "no example fits"
    others = [name for name in SHOWN if name not in EXAMPLES_FOR[constraints.document]]
    assert not [name for name in others if f"Brief: {load_example(name).brief}" in user]
    prompt_chars = sum(len(m["content"]) for m in request["messages"])
    reply_tokens = request["max_completion_tokens"]
    assert prompt_chars / 2.5 + reply_tokens <= 8192


def test_a_small_context_leaves_the_examples_out_but_never_the_reading() -> None:
    brief = BRIEFS["dashboard"]
    roomy, tight = _user(_request(brief)), _user(_request(brief, context_tokens=3000))
    assert "Example 1:" in roomy and "Example 1:" not in tight
    assert tight.startswith("Plan this image.") and '"Sales overview" (title)' in tight


@pytest.mark.parametrize("brief", ["A red apple on a wooden table", "The words 'HELLO WORLD' in the middle"])
def test_a_brief_of_a_kind_without_a_gallery_design_gets_no_examples(brief: str) -> None:
    user = _user(_request(brief))
    assert "Example 1:" not in user and user.startswith("Plan this image.")


def _material_reading() -> Constraints:
    base = extract_constraints("A product page for the 'Aero 2 headphones' at '$199' with our logo top-left")
    data = DataTable(name="sales", header=["Month", "Units"], rows=[[f"M{n}", str(n * 10)] for n in range(1, 16)])
    supplied = Supplied(
        assets=[AssetInfo(name="logo", width=512, height=256)],
        brand=BrandKit(name="Aero", colors=BrandColors(primary="#0EA5A4", accent="#F59E0B"), logo="logo"),
        data=[data],
    )
    styles = [StyleCue(style="hand_drawn", source=SourceSpan(start=0, end=0, quote="hand-drawn"))]
    return base.model_copy(update={"supplied": supplied, "styles": styles})


def test_the_request_carries_the_users_assets_brand_and_data() -> None:
    reading = _material_reading()
    (system, user) = plan_messages(reading, Canvas(width=1200, height=900), 20, None)
    text = user["content"]
    assert 'asset "logo": 512 x 256 pixels' in text and '"kind": "asset"' in text
    assert "primary #0EA5A4 for headlines, buttons and accents" in text and "accent #F59E0B" in text
    assert 'logo: the asset "logo"' in text
    assert 'data "sales", columns ["Month", "Units"]: ["M1", "10"]' in text and "and 3 more rows" in text
    assert "Style: hand-drawn" in text
    assert '"asset"' in system["content"]


def test_a_texts_purpose_is_named_when_it_says_more_than_its_role() -> None:
    reading = extract_constraints("A poster with the headline 'HELLO'")
    text = reading.items[0].model_copy(update={"purpose": "brand"})
    (_, user) = plan_messages(reading.model_copy(update={"items": [text]}), Canvas(width=800, height=800), 8, None)
    assert '"HELLO" (title), the brand' in user["content"]


def test_the_schema_offers_only_the_users_own_assets() -> None:
    reading = _material_reading()
    server = FakeServer({"content": "{}"}, {"content": "{}"})
    planner = LlmPlanner(LlmOptions(base_url="http://fake/v1", model="fake"), client=server.client())
    planner.plan(reading, Canvas(width=1200, height=900))
    schema = server.requests[0]["response_format"]["json_schema"]["schema"]
    assert schema["$defs"]["AssetElement"]["properties"]["name"] == {"type": "string", "enum": ["logo"]}


def test_an_asset_the_user_did_not_supply_is_sent_back_for_repair() -> None:
    constraints = extract_constraints("A poster with the headline 'HELLO'")
    title = {"kind": "text", "id": "title", "text": "HELLO", "role": "title"}
    logo = {"kind": "asset", "id": "logo", "name": "logo", "width": 200, "height": 100}
    root = {"kind": "frame", "id": "root", "layout": "column", "children": [logo, title]}
    reply = {"background": {"kind": "solid", "color": "#FFFFFF"}, "root": root, "rationale": "r"}
    server = FakeServer({"content": reply}, {"content": reply})
    planner = LlmPlanner(LlmOptions(base_url="http://fake/v1", model="fake"), client=server.client())
    result = planner.plan(constraints, Canvas(width=800, height=800))
    assert "not one of the user's images (the user supplied none)" in result.calls[0].problems[0]
