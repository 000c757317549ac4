"""The viewer's pieces on their own: the brief's highlights, the plan diff, the session cookie, the `next` check."""

from __future__ import annotations

import time

import pytest
from fastapi import Request

from tessera.agents import Settings
from tessera.agents.viewer._pages import _plan_diff, brief_segments
from tessera.agents.viewer._session import COOKIE, LoginNeeded, ViewerKeys, local_next
from tessera.contract import Box, Canvas, Constraints, CoverageEntry, RequiredText, ShapeElement
from tessera.planner import RulePlanner, extract_constraints

KEY = "pages-test-key-0123456789"


def _request(cookie: str | None = None, authorization: str | None = None) -> Request:
    headers = []
    if cookie is not None:
        headers.append((b"cookie", f"{COOKIE}={cookie}".encode()))
    if authorization is not None:
        headers.append((b"authorization", authorization.encode()))
    return Request({"type": "http", "method": "GET", "path": "/runs", "headers": headers, "query_string": b""})


def test_overlapping_constraints_nest_their_marks_and_cover_the_whole_brief() -> None:
    constraints = extract_constraints("Exactly 5 red balloons across the top. Headline 'HELLO'.")
    segments = brief_segments(constraints, None)
    assert "".join(s.text for s in segments) == constraints.brief
    marked = {mark.item for s in segments for mark in s.marks}
    assert marked == {item.id for item in constraints.items if item.source.end > item.source.start}
    balloons = next(s for s in segments if s.text == "5 red balloons")
    assert len(balloons.marks) >= 2  # the count, its colour and its place share the words
    assert balloons.marks[0].item.startswith("position")  # the longest span is the outermost mark


def test_a_not_planned_clause_is_marked_unplanned() -> None:
    brief = "Title 'A' and a map of the harbour"
    item = RequiredText(id="text-1", text="A", source={"start": 6, "end": 9, "quote": "'A'"})
    entry = CoverageEntry(clause="a map of the harbour", span=(14, 34), status="not_planned", reason="no map drawing")
    segments = brief_segments(Constraints(brief=brief, items=[item], coverage=[entry]), None)
    unplanned = [s for s in segments if any(m.kind == "unplanned" for m in s.marks)]
    assert [s.text for s in unplanned] == ["a map of the harbour"]
    assert "no map drawing" in unplanned[0].marks[0].title


def test_the_plan_diff_names_the_moved_node_and_marks_its_lines() -> None:
    plan = RulePlanner().plan(extract_constraints("Headline 'HELLO'"), Canvas()).plan
    sticker = ShapeElement(id="sticker", box=Box(x=10, y=10, w=50, h=50), fill="#FF0000")
    before = plan.with_elements([*plan.elements, sticker])
    after = plan.with_elements([*plan.elements, sticker.model_copy(update={"box": Box(x=10, y=500, w=50, h=50)})])
    diff = _plan_diff(before, after)
    assert any(change.startswith("sticker: moved from (") for change in diff.changes)
    assert [line.text.strip() for line in diff.lines if line.op == "del"] == ['"y": 10,']
    assert [line.text.strip() for line in diff.lines if line.op == "ins"] == ['"y": 500,']
    assert _plan_diff(before, before).changes == []


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/runs/abc?x=1", "/runs/abc?x=1"),
        ("https://evil.example/", "/runs"),
        ("//evil.example/runs", "/runs"),
        ("/\\evil.example", "/runs"),
        ("javascript:alert(1)", "/runs"),
        ("/runs\r\nSet-Cookie: x=1", "/runs"),
        ("", "/runs"),
    ],
)
def test_next_is_kept_only_when_it_is_a_local_path(target: str, kept: str) -> None:
    assert local_next(target) == kept


def test_a_session_is_signed_without_the_key_and_expires() -> None:
    keys = ViewerKeys.from_settings(Settings(services={"api_keys": KEY}))
    cookie = keys.log_in(KEY)
    assert cookie is not None and KEY not in cookie
    assert keys.caller(_request(cookie)) is not None
    caller, expiry, signature = cookie.split(".")
    forged = f"{caller}.{int(expiry) + 3600}.{signature}"  # a longer life needs a new signature
    for bad in (forged, cookie[:-1] + ("0" if cookie[-1] != "0" else "1"), "", "x.y.z"):
        with pytest.raises(LoginNeeded):
            keys.caller(_request(bad))
    expired = keys.log_in(KEY)
    assert expired is not None
    caller, _, _ = expired.split(".")
    past = int(time.time()) - 1
    stale = f"{caller}.{past}.{keys._signature(caller, past)}"
    with pytest.raises(LoginNeeded):
        keys.caller(_request(stale))
    assert keys.log_in("not-a-key-at-all-000000") is None
    assert keys.caller(_request(authorization=f"Bearer {KEY}")) == caller


def test_without_keys_the_pages_are_open() -> None:
    keys = ViewerKeys.from_settings(Settings())
    assert not keys.required
    assert keys.caller(_request()) is None
