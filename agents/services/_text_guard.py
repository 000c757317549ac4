"""Refusing text no field may carry: a NUL, a lone surrogate or another control character anywhere in a request's
path, query or JSON body is a 400 naming the field, before any route, database or renderer sees it.

PostgreSQL cannot store NUL and UTF-8 cannot encode a lone surrogate, so such text would otherwise fail deep inside
a run as a 500. One check here covers every role and every route; multipart forms reach it as the JSON body they
are turned into (`_multipart.py`), so they are checked too.
"""

from __future__ import annotations

import json
import re

from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from tessera.agents.request import unusable_character, unusable_text
from tessera.agents.services._common import error_response, replayed
from tessera.agents.wire import ErrorBody

# What an unusable character looks like in raw JSON bytes: an escape of a C0 or C1 control or a surrogate, DEL, or a
# C1 control in UTF-8 (raw C0 controls are not JSON at all, and the JSON parser refuses them). A body without any
# is clean and passes unparsed; one with a match is parsed, as a valid surrogate pair (an emoji) matches too.
_SUSPECT = re.compile(
    rb"\\u(?:00[0-1]|00[89]|[dD][89a-fA-F])[0-9a-fA-F]|\\u007[fF]|\x7f|\xc2[\x80-\x9f]",
)


class RefuseUnusableText:
    """A 400 naming the field for a request whose path, query or JSON body has an unusable character."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        found = _in_address(scope)
        if found is not None:
            await _refuse(*found)(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            return  # the client went away before sending its body: nobody is left to answer
        found = _in_body(body)
        if found is not None:
            await _refuse(*found)(scope, receive, send)
            return
        await self.app(scope, replayed(body, receive), send)


def _in_address(scope: Scope) -> tuple[str, str] | None:
    problem = unusable_character(scope.get("path", ""))
    if problem is not None:
        return "path", problem
    for name, value in QueryParams(scope.get("query_string", b"")).multi_items():
        if (problem := unusable_character(name)) is not None:
            return "query", problem
        if (problem := unusable_character(value)) is not None:
            return name, problem
    return None


def _in_body(body: bytes) -> tuple[str, str] | None:
    if not _SUSPECT.search(body):
        return None
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return None  # not JSON, or nested too deep to read: the route's own parsing answers for it
    return unusable_text(parsed)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body (BodyLimit, outside, bounds it); None when the client went away before its end."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _refuse(param: str, problem: str) -> ASGIApp:
    message = f"{param} contains {problem}; remove it" if param else f"the body contains {problem}; remove it"
    return error_response(ErrorBody(message=message, type="request_error", param=param or None))
