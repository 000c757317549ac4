"""The MCP server on a real gateway process (`tessera serve --role all` with two API keys), spoken to over
streamable HTTP by the SDK's client with each key's header: the flow every transport walks (tests/mcp_flow.py),
the image read back through resources/read, and the keys' walls: no key is refused, and one key sees nothing of
another's runs, in tools and resources alike."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import anyio
import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp_types import BlobResourceContents

from tessera.agents.services._access import key_id
from tests.mcp_flow import BRIEF, Flow, check, text_of, walk
from tests.service_fixtures import Service, free_port, service_env

pytestmark = pytest.mark.slow

KEY_A = "key-a-0123456789abcdef0123456789"
KEY_B = "key-b-fedcba9876543210fedcba9876"
T = TypeVar("T")


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("mcp-http")
    env = service_env(root / "home", api_keys=f"{KEY_A},{KEY_B}", gateway_id="mcp-test")
    service = Service("all", free_port(), env, root / "server.log").start(ready_timeout_s=120)
    try:
        yield service
    finally:
        service.stop()


def as_key(gateway: Service, key: str, work: Callable[[Client], Awaitable[T]], *, mode: str = "auto") -> T:
    """`work` done by a client that sends `key` (over the 2026 protocol, or with `mode="legacy"` the initialize
    handshake older clients use)."""

    async def session() -> T:
        headers = {"authorization": f"Bearer {key}"}
        async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30, read=300)) as http:
            transport = streamable_http_client(f"{gateway.url}/mcp", http_client=http)
            async with Client(transport, mode=mode) as client:
                return await work(client)

    return anyio.run(session)


@pytest.fixture(scope="module")
def flow(gateway: Service) -> Flow:
    return as_key(gateway, KEY_A, walk)


def test_generate_edit_trace_render_over_http(flow: Flow, gateway: Service) -> None:
    check(flow)
    # The path alone means nothing to a remote client: the summary gives the resource, not the server's disk.
    assert flow.made.path is None and "file:" not in flow.summary and flow.made.uri in flow.summary
    assert flow.trace.run.key_id == key_id(KEY_A) and flow.trace.run.owner == "mcp-test"


def test_resource_read_returns_the_image_bytes(flow: Flow, gateway: Service) -> None:
    read = as_key(gateway, KEY_A, lambda client: client.read_resource(flow.edited.uri), mode="legacy")
    [contents] = read.contents
    assert isinstance(contents, BlobResourceContents) and contents.mime_type == "image/png"
    served = httpx.get(f"{gateway.url}/v1/runs/{flow.edited.run_id}/image.png", headers=_bearer(KEY_A), timeout=30)
    assert served.status_code == 200 and base64.b64decode(contents.blob) == served.content


def test_no_key_or_a_wrong_key_is_refused(gateway: Service) -> None:
    hello = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    for headers in ({}, _bearer("not-a-key-0123456789abcdef")):
        refused = httpx.post(f"{gateway.url}/mcp", json=hello, headers=headers, timeout=30)
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"


def test_another_key_sees_nothing_of_the_runs(flow: Flow, gateway: Service) -> None:
    async def snoop(client: Client) -> tuple[str, str, list[str]]:
        with pytest.raises(MCPError) as raised:
            await client.read_resource(flow.made.uri)
        traced = await client.call_tool("get_trace", {"run_id": flow.made.run_id})
        assert traced.is_error
        edit = await client.call_tool("edit_image", {"run_id": flow.made.run_id, "instruction": "make it red"})
        assert edit.is_error
        listed = await client.call_tool("list_runs", {"limit": 100})
        runs = [run["run_id"] for run in (listed.structured_content or {})["runs"]]
        return str(raised.value), text_of(traced), runs

    resource_error, trace_error, runs = as_key(gateway, KEY_B, snoop)
    assert "no run" in resource_error and "no run" in trace_error
    assert flow.made.run_id not in runs and flow.edited.run_id not in runs
    # The same words as for a run that does not exist, and nothing of the server's disk.
    assert str(Path(gateway.env["TESSERA_HOME"])) not in resource_error + trace_error


def test_tool_errors_carry_the_message(gateway: Service) -> None:
    result = as_key(gateway, KEY_B, lambda c: c.call_tool("generate_image", {"brief": BRIEF, "size": "9x9"}))
    assert result.is_error and "between 64 and 3840" in text_of(result)


def _bearer(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}
