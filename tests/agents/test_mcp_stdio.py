"""`tessera mcp` as coding agents run it: a real subprocess spoken to over stdio by the SDK's client, its runs in a
temporary TESSERA_HOME. The same flow as every transport (tests/mcp_flow.py), plus what only stdio gives: the
summary names the file on this disk, and its standard output carries nothing but protocol messages."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters, stdio_client
from mcp.client.session import IncomingMessage

from tests.mcp_flow import Flow, check, walk
from tests.service_fixtures import REPO

pytestmark = pytest.mark.slow


def test_generate_edit_trace_render_over_stdio(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TESSERA_")}
    env.update({"TESSERA_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)})
    server = StdioServerParameters(command=sys.executable, args=["-m", "tessera", "mcp"], env=env, cwd=REPO)
    errors = tmp_path / "stderr.log"

    unreadable: list[Exception] = []

    async def on_message(message: IncomingMessage) -> None:
        if isinstance(message, Exception):  # a line of standard output that is not a protocol message
            unreadable.append(message)

    async def session() -> Flow:
        with errors.open("w") as errlog:
            async with Client(stdio_client(server, errlog=errlog), message_handler=on_message) as client:
                return await walk(client)

    flow = anyio.run(session)
    check(flow)
    assert not unreadable, unreadable
    assert flow.made.path is not None and Path(flow.made.path).is_file()
    assert Path(flow.made.path).is_relative_to(tmp_path / "home")
    assert flow.made.path in flow.summary
    assert (tmp_path / "home" / "runs" / flow.edited.run_id / "run.json").is_file()
