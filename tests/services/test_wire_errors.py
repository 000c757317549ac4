"""Errors cross the wire under their type's name and HTTP status, and come back as the same type."""

from __future__ import annotations

from typing import get_args

import pytest

from tessera.agents.wire import ErrorBody, ErrorType
from tessera.contract import ERROR_TYPES, GeneratorError, ServiceError, SetupError, TesseraError


def test_the_wire_knows_every_error_type_by_its_name() -> None:
    assert set(get_args(ErrorType)) == {kind.wire_name for kind in ERROR_TYPES}
    assert len(get_args(ErrorType)) == len(ERROR_TYPES)


@pytest.mark.parametrize("kind", [k for k in ERROR_TYPES if k is not TesseraError], ids=lambda k: k.__name__)
def test_an_error_answers_with_its_types_status_and_comes_back_as_that_type(kind: type[TesseraError]) -> None:
    body = ErrorBody.of(kind("what to change"))
    assert body.type == kind.wire_name and body.status == kind.http_status
    back = body.exception("renderer service at http://renderer:8002")
    assert type(back) is kind and str(back) == "what to change"


def test_a_subclass_travels_as_the_listed_type_it_extends() -> None:
    body = ErrorBody.of(GeneratorError("no weights at /models/janus"))
    assert body.type == "setup_error" and body.status == SetupError.http_status == 503


def test_an_unexpected_fault_is_an_internal_error_that_names_the_failing_service_on_return() -> None:
    body = ErrorBody.of(KeyError("glyph"))
    assert body.type == "internal_error" and body.status == 500 and body.message.startswith("KeyError")
    back = body.exception("renderer service at http://renderer:8002")
    assert isinstance(back, ServiceError) and "the renderer service at http://renderer:8002 failed" in str(back)
