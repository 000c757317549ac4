"""Tessera's error types. Each message tells the user what to change.

Every package raises these. Each type carries what it means to a caller: the CLI's exit code, the HTTP status
a service answers with, and the name it crosses the wire under. The CLI and the services read them in one
place each (`ExitCode` below lists the codes).
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar


class ExitCode(IntEnum):
    """What `tessera` exits with; README lists the same table."""

    PASSED = 0
    """The image was written and passed verification (unmeasurable checks are listed as not verified)."""
    FAULT = 1
    """An unexpected fault; the run folder keeps what happened."""
    BAD_INPUT = 2
    """The input needs changing: the message says how."""
    FAILED_CHECKS = 3
    """The image was written, but a check failed or something asked for was not planned."""
    SETUP = 4
    """The machine lacks something it needs: a system package, a font, language data, model weights."""
    PART_FAILED = 5
    """A part service or a model failed or could not be reached."""


class TesseraError(Exception):
    """Base of every error Tessera reports to a user; on its own, an unexpected fault."""

    exit_code: ClassVar[ExitCode] = ExitCode.FAULT
    http_status: ClassVar[int] = 500
    wire_name: ClassVar[str] = "internal_error"


class BriefError(TesseraError):
    """The brief cannot be used as written (empty, too long, contradictory)."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 400
    wire_name = "brief_error"


class RequestError(TesseraError):
    """A request's options are invalid: size, effort, output path or format."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 400
    wire_name = "request_error"


class PlanError(TesseraError):
    """A layout plan is invalid or cannot satisfy the brief's constraints."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 422
    wire_name = "plan_error"


class RunNotFoundError(TesseraError):
    """No run with that id is stored."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 404
    wire_name = "run_not_found"


class UnauthorizedError(TesseraError):
    """The request carries no API key, or one the server does not know (TESSERA_API_KEYS)."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 401
    wire_name = "unauthorized"


class ConflictError(TesseraError):
    """The request does not fit the state of what it names: resuming a finished run, cancelling an ended one."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 409
    wire_name = "conflict"


class EditError(TesseraError):
    """An edit instruction that cannot be applied to the run's plan: the message says which part and why; nothing
    was changed and no run was made."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 422
    wire_name = "edit_error"


class TooLargeError(TesseraError):
    """The request asks for more work than one request may have: a body, an image or a render over its budget."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 413
    wire_name = "too_large"


class OverloadedError(TesseraError):
    """The server has no room for the request now (queue full, rate limit): try again after `retry_after_s`."""

    exit_code = ExitCode.PART_FAILED
    http_status = 429
    wire_name = "rate_limited"

    def __init__(self, message: str, *, retry_after_s: int = 1) -> None:
        super().__init__(message)
        self.retry_after_s = max(1, retry_after_s)


class ConfigurationError(TesseraError):
    """A TESSERA_* setting has a value that cannot be used; the message names the variable and what it takes."""

    exit_code = ExitCode.BAD_INPUT
    http_status = 500  # a server's own configuration, not the client's request
    wire_name = "configuration_error"


class SetupError(TesseraError):
    """Something the machine needs is missing: a system package, a font, a data file, model weights."""

    exit_code = ExitCode.SETUP
    http_status = 503
    wire_name = "setup_error"


class LlmError(TesseraError):
    """The language model server could not be reached, failed, or did not answer in time."""

    exit_code = ExitCode.PART_FAILED
    http_status = 502
    wire_name = "llm_error"


class SearchError(TesseraError):
    """A web search failed: `reason` says how (rate limited, timed out, no network, or another failure). A run never
    fails for it: it goes on ungrounded, with a notice."""

    exit_code = ExitCode.PART_FAILED
    http_status = 502
    wire_name = "search_error"

    def __init__(self, message: str, *, reason: str = "failed") -> None:
        super().__init__(message)
        self.reason = reason  # "rate_limited", "timeout", "offline" or "failed"


class ServiceError(TesseraError):
    """Another Tessera service (planner, renderer, verifier) could not be reached, failed, or timed out."""

    exit_code = ExitCode.PART_FAILED
    http_status = 502
    wire_name = "service_error"


class RenderError(TesseraError):
    """A plan could not be drawn (missing font for a script, bad sprite)."""

    exit_code = ExitCode.PART_FAILED
    http_status = 500
    wire_name = "render_error"


class VerificationError(TesseraError):
    """The render could not be checked (OCR engine or language data failed)."""

    exit_code = ExitCode.PART_FAILED
    http_status = 500
    wire_name = "verification_error"


ERROR_TYPES: tuple[type[TesseraError], ...] = (
    BriefError,
    RequestError,
    PlanError,
    RunNotFoundError,
    UnauthorizedError,
    ConflictError,
    EditError,
    TooLargeError,
    OverloadedError,
    ConfigurationError,
    SetupError,
    LlmError,
    SearchError,
    ServiceError,
    RenderError,
    VerificationError,
    TesseraError,
)
"""Every error type, the most specific first, as the wire and the CLI look them up."""
