"""Tessera's error types. Each message tells the user what to change.

Every package raises these; the CLI and services map them to exit codes and
HTTP statuses in one place each.
"""


class TesseraError(Exception):
    """Base of every error Tessera reports to a user."""


class BriefError(TesseraError):
    """The brief cannot be used as written (empty, too long, contradictory)."""


class PlanError(TesseraError):
    """A layout plan is invalid or cannot satisfy the brief's constraints."""


class RenderError(TesseraError):
    """A plan could not be drawn (missing font for a script, bad sprite)."""


class VerificationError(TesseraError):
    """The render could not be checked (OCR engine or language data missing)."""


class SetupError(TesseraError):
    """Something the machine needs is missing: a system package, a font, a data file."""


class RunNotFoundError(TesseraError):
    """No run with that id is stored."""


class RequestError(TesseraError):
    """A request's options are invalid: size, effort, output path or format."""


class LlmError(TesseraError):
    """The language model server could not be reached, failed, or did not answer in time."""


class ServiceError(TesseraError):
    """Another Tessera service (planner, renderer, verifier) could not be reached, failed, or timed out."""
