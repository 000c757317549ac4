"""A bounded fuzz run of the gateway's OpenAPI document with schemathesis: whatever a client sends to any operation,
valid or not, the gateway never answers 5xx, and its replies match the schemas the document gives for them.

The app is the gateway as `tessera serve --role gateway` builds it (every middleware, the error handlers, the rules
planner), in-process over ASGI for speed; its renderer and verifier are the contract's fakes, so a request that
passes validation costs milliseconds, not a render and an OCR pass. Examples per operation are bounded; the whole run
takes well under two minutes on two cores.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tessera.agents import Settings
from tessera.agents.services import create_app
from tessera.contract.fakes import FakeRenderer, FakeVerifier

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 25
EDITS = "/v1/images/edits"


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    app = create_app("gateway", Settings(home=tmp_path_factory.mktemp("fuzz") / "home"), renderer=FakeRenderer())
    app.state.gateway.engine.verifier = FakeVerifier()  # passes every check: no revision loop, no OCR
    yield app
    app.state.gateway.close()


def test_no_request_to_any_operation_makes_the_gateway_answer_5xx(gateway: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", gateway)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9 and EDITS in {op.path for op in operations}  # the Images API, the run API, health
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def no_server_error(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        no_server_error()
