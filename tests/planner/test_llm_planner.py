"""The LLM planner against a fake OpenAI-compatible server: what it sends, what it keeps, and how it recovers.

The fake answers through httpx's MockTransport, so these tests are about the planner's own logic; the real
server (vLLM with SmolLM2) runs in tests/agents/test_llm_planner_integration.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest

from tessera.contract import (
    Canvas,
    ConstraintCheck,
    Constraints,
    Frame,
    LayoutPlan,
    LlmError,
    RequiredStructure,
    SourceSpan,
    StructureItem,
    VerificationReport,
)
from tessera.planner import LlmOptions, LlmPlanner, RulePlanner, check_llm, check_plan, extract_constraints
from tessera.planner._llm_schema import FRAME_DEPTH, llm_plan_schema
from tessera.planner._prompts import example_plan, plan_json

BRIEF = "A poster on a white background with the headline 'HELLO' and exactly 3 red balloons."
CANVAS = Canvas(width=768, height=1024)

HEADLINE = {
    "kind": "text", "id": "headline", "role": "title", "text": "HELLO", "family": "display", "font_weight": "bold",
    "color": "#111111", "align": "center", "width": "fill", "height": 160, "box": None,
}  # fmt: skip
BALLOONS = {
    "kind": "objects", "id": "balloons", "object_class": "balloon", "count": 3, "arrangement": "row",
    "color": "#dd2222", "look": "sprite", "prompt": None, "width": "fill", "height": "fill", "box": None,
}  # fmt: skip


def _tree(*children: dict[str, Any], background: str = "#ffffff") -> dict[str, Any]:
    """A reply as the schema asks for it: every field written, the root a padded column."""
    root = {
        "kind": "frame", "id": "root", "layout": "column", "gap": 48, "padding": 64, "align": "stretch",
        "justify": "start", "columns": [], "children": list(children),
    }  # fmt: skip
    return {"background": {"kind": "solid", "color": background}, "root": root, "rationale": "Headline, balloons."}


GOOD_PLAN = _tree(HEADLINE, BALLOONS)


def _without_headline(background: str = "#123456") -> dict[str, Any]:
    return _tree(BALLOONS, background=background)


class FakeServer:
    """Answers chat requests with scripted replies, one per request, and keeps every request body."""

    def __init__(self, *replies: dict[str, Any] | Callable[[httpx.Request], httpx.Response]) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append(body)
        reply = self.replies.pop(0)
        if callable(reply):
            return reply(request)
        if body.get("stream"):
            return _sse(reply)
        return httpx.Response(200, json=_completion(**reply))

    def client(self) -> openai.OpenAI:
        transport = httpx.MockTransport(self)
        return openai.OpenAI(
            base_url="http://fake/v1", api_key="x", max_retries=0, http_client=httpx.Client(transport=transport)
        )


def _completion(
    content: str | dict, reasoning_field: str = "reasoning", reasoning: str | None = None, finish: str = "stop"
) -> dict:
    text = content if isinstance(content, str) else json.dumps(content)
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if reasoning is not None:
        message[reasoning_field] = reasoning
    return {
        "id": "c1", "object": "chat.completion", "created": 0, "model": "fake",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }  # fmt: skip


def _sse(reply: dict[str, Any]) -> httpx.Response:
    """The reply cut into small deltas, reasoning first, then usage, as a server-sent event stream."""
    content = reply["content"] if isinstance(reply["content"], str) else json.dumps(reply["content"])
    field = reply.get("reasoning_field", "reasoning")
    deltas = [{field: piece} for piece in _pieces(reply.get("reasoning") or "")]
    deltas += [{"content": piece} for piece in _pieces(content)]
    events = [
        {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "fake",
         "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
        for delta in deltas
    ]  # fmt: skip
    events.append({"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})  # fmt: skip
    events.append({"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "fake", "choices": [],
                   "usage": {"prompt_tokens": 100, "completion_tokens": 60, "total_tokens": 160}})  # fmt: skip
    body = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
    return httpx.Response(200, content=body.encode(), headers={"content-type": "text/event-stream"})


def _pieces(text: str, size: int = 7) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@pytest.fixture
def constraints() -> Constraints:
    return extract_constraints(BRIEF)


def _planner(fake: FakeServer, **options: Any) -> LlmPlanner:
    return LlmPlanner(LlmOptions(base_url="http://fake/v1", model="fake", **options), client=fake.client())


def _user_text(body: dict[str, Any], index: int = -1) -> str:
    return [m for m in body["messages"] if m["role"] == "user"][index]["content"]


def test_a_schema_valid_plan_is_accepted_as_written(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    result = _planner(server).plan(constraints, CANVAS)
    assert result.planner == "llm" and result.fallback is None
    assert [e.id for e in result.plan.elements] == ["headline", "balloons"]
    assert result.plan.canvas == CANVAS
    assert check_plan(result.plan, constraints) == []
    assert len(result.calls) == 1 and result.calls[0].output == json.dumps(GOOD_PLAN)
    assert result.calls[0].usage is not None and result.calls[0].usage.completion_tokens == 50


def test_the_request_carries_the_plan_schema_bounded_to_the_canvas(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    _planner(server).plan(constraints, CANVAS)
    response_format = server.requests[0]["response_format"]
    assert response_format["type"] == "json_schema" and response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    box = schema["$defs"]["Box"]["properties"]
    assert box["x"]["maximum"] == CANVAS.width - 1 and box["h"]["maximum"] == CANVAS.height
    assert schema["$defs"]["Width"]["anyOf"][0]["maximum"] == CANVAS.width
    assert schema["$defs"]["TextElement"]["properties"]["text"]["maxLength"] == 500
    assert schema["properties"]["root"] == {"$ref": "#/$defs/Frame0"}


def _references(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[1]} if "$ref" in node else set()
        return found.union(*(_references(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_references(item) for item in node))
    return set()


def test_the_schema_is_a_tree_of_frames_unrolled_to_a_fixed_depth() -> None:
    definitions = llm_plan_schema(CANVAS, 20)["$defs"]
    leaves = {"TextElement", "ObjectGroup", "PictureElement", "ShapeElement", "ListElement", "TableElement"}
    leaves |= {"ChartElement", "IconElement", "QrElement", "ControlElement", "AssetElement"}
    for depth in range(FRAME_DEPTH + 1):
        children = _references(definitions[f"Frame{depth}"]["properties"]["children"])
        deeper = {f"Frame{depth + 1}"} if depth < FRAME_DEPTH else set()
        assert children == leaves | deeper, depth
    assert f"Frame{FRAME_DEPTH + 1}" not in definitions
    assert all(not _references(definitions[leaf]) & {f"Frame{d}" for d in range(FRAME_DEPTH + 1)} for leaf in leaves)


def test_the_schema_bounds_every_frames_children_by_the_node_limit() -> None:
    schema = llm_plan_schema(CANVAS, 10)
    limits = [schema["$defs"][f"Frame{depth}"]["properties"]["children"]["maxItems"] for depth in range(4)]
    assert all(1 <= limit <= 9 for limit in limits)
    assert schema["properties"]["rationale"]["maxLength"] <= 300


def test_every_property_of_the_schema_is_required_and_nothing_else_is_allowed() -> None:
    definitions = llm_plan_schema(CANVAS, 20)["$defs"]
    objects = [d for d in definitions.values() if "properties" in d]
    assert objects and all(d["required"] == list(d["properties"]) for d in objects)
    assert all(d["additionalProperties"] is False for d in objects)


def test_the_schema_compiles_to_an_xgrammar_grammar() -> None:
    xgrammar = pytest.importorskip("xgrammar")
    grammar = xgrammar.Grammar.from_json_schema(json.dumps(llm_plan_schema(CANVAS, 20)), strict_mode=True)
    assert "root" in str(grammar)


def test_a_tree_reply_becomes_a_plan_with_frames(constraints: Constraints) -> None:
    card = {
        "kind": "frame", "id": "card", "role": "card", "layout": "column", "gap": 16, "padding": 24,
        "align": "center", "justify": "center", "columns": [], "fill": "#f4f4f4", "radius": 16, "width": "fill",
        "height": "hug", "box": None, "children": [HEADLINE],
    }  # fmt: skip
    server = FakeServer({"content": _tree(card, BALLOONS)})
    result = _planner(server).plan(constraints, CANVAS)
    assert result.fallback is None
    assert [f.id for f in result.plan.frames()] == ["root", "card"]
    (card_frame,) = [f for f in result.plan.frames() if f.role == "card"]
    assert [c.id for c in card_frame.children] == ["headline"] and card_frame.radius == 16
    assert result.plan.element("headline").box is None  # the layout engine places it


def test_a_version_1_reply_with_a_flat_element_list_is_accepted(constraints: Constraints) -> None:
    flat = {
        "background": {"kind": "solid", "color": "#ffffff"},
        "elements": [
            {"kind": "text", "id": "headline", "box": {"x": 64, "y": 64, "w": 640, "h": 160}, "text": "HELLO",
             "role": "headline"},
            {"kind": "objects", "id": "balloons", "box": {"x": 64, "y": 400, "w": 640, "h": 300},
             "object_class": "balloon", "count": 3},
        ],
        "rationale": "A version 1 plan.",
    }  # fmt: skip
    result = _planner(FakeServer({"content": flat})).plan(constraints, CANVAS)
    assert result.fallback is None and result.plan.schema_version == 2
    assert result.plan.element("headline").box is not None and result.plan.texts()[0].role == "title"


def test_a_tree_over_the_node_limit_is_sent_back_for_repair(constraints: Constraints) -> None:
    extra = [{**HEADLINE, "id": f"extra-{n}", "text": f"Line {n}"} for n in range(12)]
    server = FakeServer({"content": _tree(HEADLINE, BALLOONS, *extra)}, {"content": GOOD_PLAN})
    result = _planner(server).plan(constraints, CANVAS)
    assert "nodes but at most" in _user_text(server.requests[1])
    assert result.fallback is None and len(result.calls) == 2


def test_the_system_prompt_shows_an_example_tree_that_validates() -> None:
    server = FakeServer({"content": GOOD_PLAN})
    _planner(server).plan(extract_constraints(BRIEF), CANVAS)
    system = server.requests[0]["messages"][0]["content"]
    example = plan_json(example_plan())
    assert example in system and '"fill"' in system and '"hug"' in system
    assert any(isinstance(f, Frame) and f.layout == "row" for f in LayoutPlan.model_validate_json(example).frames())


def test_the_rendered_prompt_states_every_hard_constraint(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    result = _planner(server).plan(constraints, CANVAS)
    user = _user_text(server.requests[0])
    assert '"HELLO" (title)' in user and '3 x "balloon"' in user and "768 x 1024" in user and BRIEF in user
    assert result.calls[0].messages == server.requests[0]["messages"]


@pytest.mark.parametrize("field", ["reasoning", "reasoning_content"])
def test_the_models_reasoning_is_kept_apart_from_the_plan(constraints: Constraints, field: str) -> None:
    server = FakeServer({"content": GOOD_PLAN, "reasoning": "Balloons below the headline.", "reasoning_field": field})
    result = _planner(server).plan(constraints, CANVAS)
    assert result.reasoning == "Balloons below the headline."
    assert result.calls[0].reasoning == "Balloons below the headline."
    assert "Balloons below" not in result.calls[0].output


@pytest.mark.parametrize("field", ["reasoning", "reasoning_content"])
def test_streamed_deltas_are_accumulated(constraints: Constraints, field: str) -> None:
    reply = {"content": GOOD_PLAN, "reasoning": "First the headline, then three balloons.", "reasoning_field": field}
    server = FakeServer(reply)
    result = _planner(server, stream=True).plan(constraints, CANVAS)
    assert server.requests[0]["stream"] is True
    call = result.calls[0]
    assert call.streamed and json.loads(call.output) == GOOD_PLAN
    assert call.reasoning == "First the headline, then three balloons."
    assert call.finish_reason == "stop" and call.usage is not None and call.usage.completion_tokens == 60
    assert result.fallback is None


def test_invalid_json_gets_one_repair_then_the_repaired_plan_is_used(constraints: Constraints) -> None:
    server = FakeServer({"content": '{"background": {"kind": "solid", "color": "#ff'}, {"content": GOOD_PLAN})
    result = _planner(server).plan(constraints, CANVAS)
    assert [c.purpose for c in result.calls] == ["plan", "repair"]
    assert result.fallback is None and result.planner == "llm"
    repair = server.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": '{"background": {"kind": "solid", "color": "#ff'}
    assert "not valid JSON" in repair[-1]["content"]
    assert "not valid JSON" in result.calls[0].problems[0]


def test_a_reply_cut_at_the_token_limit_says_so(constraints: Constraints) -> None:
    server = FakeServer({"content": '{"root": {"children": [', "finish": "length"}, {"content": GOOD_PLAN})
    result = _planner(server).plan(constraints, CANVAS)
    assert "cut off at the token limit" in result.calls[0].problems[0]


def test_a_missing_required_string_is_named_in_the_repair(constraints: Constraints) -> None:
    server = FakeServer({"content": _without_headline()}, {"content": GOOD_PLAN})
    result = _planner(server).plan(constraints, CANVAS)
    assert "'HELLO'" in _user_text(server.requests[1])
    assert result.fallback is None and check_plan(result.plan, constraints) == []


def test_a_box_off_the_canvas_is_named_in_the_repair(constraints: Constraints) -> None:
    wide = _tree(HEADLINE, {**BALLOONS, "box": {"x": 64, "y": 400, "w": 760, "h": 300}})
    server = FakeServer({"content": wide}, {"content": GOOD_PLAN})
    _planner(server).plan(constraints, CANVAS)
    assert "'balloons'" in _user_text(server.requests[1]) and "canvas" in _user_text(server.requests[1])


def test_a_failed_repair_keeps_the_models_background_and_adds_what_was_missing() -> None:
    constraints = extract_constraints("A poster with the headline 'HELLO' and exactly 3 red balloons.")
    server = FakeServer({"content": _without_headline("#123456")}, {"content": _without_headline("#123456")})
    result = _planner(server).plan(constraints, CANVAS)
    assert result.fallback is not None and result.fallback.startswith("merged:")
    assert "#123456" in result.fallback and "HELLO" in result.fallback
    assert result.planner == "llm+rules"
    assert check_plan(result.plan, constraints) == []
    own = RulePlanner().plan(constraints, CANVAS).plan.background
    assert result.plan.background != own  # the rule planner's palette took the model's colour
    assert [c.purpose for c in result.calls] == ["plan", "repair"]


def test_a_background_the_brief_names_wins_over_the_models_in_a_merge(constraints: Constraints) -> None:
    server = FakeServer({"content": _without_headline("#123456")}, {"content": _without_headline("#123456")})
    result = _planner(server).plan(constraints, CANVAS)
    assert "#123456" not in result.plan.background.model_dump_json()
    assert "rule planner wrote the plan" in (result.fallback or "")


def test_two_unreadable_replies_fall_back_to_the_rule_planner(constraints: Constraints) -> None:
    server = FakeServer({"content": "I cannot do that."}, {"content": "Still no."})
    result = _planner(server).plan(constraints, CANVAS)
    assert result.fallback is not None and "rule planner wrote the plan" in result.fallback
    assert check_plan(result.plan, constraints) == []
    assert [c.output for c in result.calls] == ["I cannot do that.", "Still no."]


def _status(code: int) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(code, json={"error": {"message": "engine dead"}})


def _timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


def test_a_server_error_falls_back_to_rules_and_says_why(constraints: Constraints) -> None:
    result = _planner(FakeServer(_status(500))).plan(constraints, CANVAS)
    assert result.fallback is not None and "HTTP 500" in result.fallback and "rule planner" in result.fallback
    assert result.planner == "rules" and check_plan(result.plan, constraints) == []
    assert result.calls[0].error is not None


def test_a_server_error_stops_the_run_when_asked_to(constraints: Constraints) -> None:
    with pytest.raises(LlmError, match="TESSERA_LLM_BASE_URL") as raised:
        _planner(FakeServer(_status(500)), on_error="fail").plan(constraints, CANVAS)
    assert "HTTP 500" in str(raised.value) and "tessera llm serve" in str(raised.value)


def test_a_timeout_is_reported_as_one(constraints: Constraints) -> None:
    result = _planner(FakeServer(_timeout), timeout_s=2).plan(constraints, CANVAS)
    assert result.fallback is not None and "did not answer within 2 s" in result.fallback


def test_a_repair_request_that_fails_on_the_server_falls_back(constraints: Constraints) -> None:
    result = _planner(FakeServer({"content": "nope"}, _status(503))).plan(constraints, CANVAS)
    assert [c.purpose for c in result.calls] == ["plan", "repair"]
    assert result.fallback is not None and "HTTP 503" in result.fallback


def _report() -> VerificationReport:
    return VerificationReport(
        checks=[
            ConstraintCheck(constraint_id="text-1", kind="text", passed=True, expected="'HELLO'", measured="'HELLO'"),
            ConstraintCheck(
                constraint_id="count-1", kind="count", passed=False, expected="3 balloon", measured="2 balloon"
            ),
        ]
    )


def _laid_out() -> LayoutPlan:
    """GOOD_PLAN as the renderer hands it to a revision: a box on every node."""
    boxes = {"headline": {"x": 64, "y": 64, "w": 640, "h": 160}, "balloons": {"x": 64, "y": 272, "w": 640, "h": 688}}
    children = [{**child, "box": boxes[child["id"]]} for child in GOOD_PLAN["root"]["children"]]
    root = {**GOOD_PLAN["root"], "box": {"x": 0, "y": 0, "w": CANVAS.width, "h": CANVAS.height}, "children": children}
    return LayoutPlan.model_validate({**GOOD_PLAN, "canvas": CANVAS.model_dump(), "root": root})


def test_the_revise_prompt_puts_the_verifiers_failures_first(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    result = _planner(server).revise(_laid_out(), constraints, _report(), attempt=1)
    user = _user_text(server.requests[0])
    assert "count count-1: expected 3 balloon; measured 2 balloon" in user
    assert user.index("count-1") < user.index("text-1")
    assert '"HELLO"' in user  # the current plan is in the prompt
    assert result.calls[0].purpose == "revise" and result.fallback is None


def test_a_revision_the_model_cannot_repair_is_made_by_the_rule_planner(constraints: Constraints) -> None:
    server = FakeServer({"content": "?"}, {"content": "?"})
    result = _planner(server).revise(_laid_out(), constraints, _report(), attempt=1)
    assert result.fallback is not None and "revised the current plan" in result.fallback
    assert check_plan(result.plan, constraints) == []


@pytest.mark.parametrize(
    ("effort", "thinking"),
    [("low", False), ("medium", True), ("high", True)],
)
def test_effort_sets_the_thinking_switch_and_token_limit(constraints: Constraints, effort: str, thinking: bool) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    _planner(server, effort=effort, thinking=True).plan(constraints, CANVAS)
    body = server.requests[0]
    assert body["chat_template_kwargs"] == {"enable_thinking": thinking}
    assert "min_tokens" not in body
    assert body.get("thinking_token_budget") == ({"low": None, "medium": 512, "high": 2048}[effort])
    limits = {"low": 0, "medium": 512, "high": 2048}
    assert body["max_completion_tokens"] > limits[effort]


def test_the_answer_token_limit_can_be_set(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    _planner(server, answer_tokens=48).plan(constraints, CANVAS)
    assert server.requests[0]["max_completion_tokens"] == 48


def test_forced_thinking_sets_min_tokens_above_the_budget(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    _planner(server, thinking=True, force_thinking=True, thinking_tokens=64).plan(constraints, CANVAS)
    assert server.requests[0]["thinking_token_budget"] == 64
    assert server.requests[0]["min_tokens"] > 64


def test_a_model_that_does_not_think_gets_no_thinking_budget(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    _planner(server, effort="high").plan(constraints, CANVAS)
    assert server.requests[0]["chat_template_kwargs"] == {"enable_thinking": False}
    assert "thinking_token_budget" not in server.requests[0]


def test_the_openai_server_kind_sends_only_standard_fields(constraints: Constraints) -> None:
    server = FakeServer({"content": GOOD_PLAN})
    _planner(server, server="openai", thinking=True, effort="high", force_thinking=True).plan(constraints, CANVAS)
    body = server.requests[0]
    assert not {"chat_template_kwargs", "min_tokens", "thinking_token_budget"} & body.keys()
    assert body["reasoning_effort"] == "high"


def test_without_structured_output_the_schema_goes_into_the_system_prompt(constraints: Constraints) -> None:
    server = FakeServer({"content": "```json\n" + json.dumps(GOOD_PLAN) + "\n```"})
    result = _planner(server, structured_output=False).plan(constraints, CANVAS)
    assert "response_format" not in server.requests[0]
    assert '"maxItems"' in server.requests[0]["messages"][0]["content"]
    assert result.fallback is None  # the fenced JSON was read


def test_check_llm_names_an_unreachable_server() -> None:
    problem = check_llm(LlmOptions(base_url="http://127.0.0.1:9/v1", model="m"), timeout_s=1)
    assert problem is not None and "cannot reach the model server at http://127.0.0.1:9/v1" in problem


def test_what_the_plan_leaves_out_of_the_reading_is_sent_back_then_merged_with_the_rules_plan(
    constraints: Constraints,
) -> None:
    bullets = RequiredStructure(
        id="structure-1",
        structure="bullets",
        items=[StructureItem(label="Free entry"), StructureItem(label="Live music")],
        source=SourceSpan(start=0, end=0, quote="bullets: Free entry, Live music"),
    )
    reading = constraints.model_copy(update={"items": [*constraints.items, bullets], "document": "poster"})
    server = FakeServer({"content": GOOD_PLAN}, {"content": GOOD_PLAN})
    result = _planner(server).plan(reading, CANVAS)
    first = _user_text(server.requests[0], 0)
    assert "Document kind: poster." in first
    assert '- bullets: "Free entry"; "Live music"' in first
    repair = _user_text(server.requests[1])
    assert "leaves out 'bullets: Free entry, Live music'" in repair
    assert result.planner == "llm+rules"
    assert [c.purpose for c in result.calls] == ["plan", "repair"]
