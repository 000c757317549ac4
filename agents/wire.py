"""The JSON the part services take and give: the embedded calls' own pydantic models, wrapped in request bodies.

Images travel as base64 PNG inside JSON so that every body is one typed model; errors
travel as `ErrorBody` and turn back into the same `TesseraError` type on the client side.
"""

from __future__ import annotations

import base64
import io
from typing import Literal, cast

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field

from tessera.agents.request import Effort, PlannerChoice
from tessera.contract import (
    ERROR_TYPES,
    Canvas,
    Constraints,
    LayoutPlan,
    RenderManifest,
    RenderProgress,
    RequestError,
    ServiceError,
    SuppliedFiles,
    TesseraError,
    VerificationReport,
    has_alpha,
)

# Largest body a part service reads: a 3840x3840 PNG in base64 with room to spare.
MAX_PART_BODY_BYTES = 96 * 1024 * 1024


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanBody(_Body):
    """POST /v1/plan: a first plan for these constraints."""

    constraints: Constraints
    canvas: Canvas
    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    planner: PlannerChoice = "auto"
    effort: Effort = "medium"


class ReviseBody(_Body):
    """POST /v1/revise: change a plan where the report says it failed."""

    plan: LayoutPlan
    constraints: Constraints
    report: VerificationReport
    attempt: int = Field(ge=1, le=100)
    planner: PlannerChoice = "auto"
    effort: Effort = "medium"


class RenderBody(_Body):
    """POST /v1/render: draw a plan."""

    plan: LayoutPlan
    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    svg: bool = Field(default=False, description="also return the image as an SVG document (live text)")
    files: SuppliedFiles | None = Field(
        default=None, description="the user's images the plan's assets name and the brand's fonts (base64)"
    )


class RenderedImage(_Body):
    """The last line of the render stream: the image and what was drawn."""

    image_png_b64: str
    manifest: RenderManifest
    timings: dict[str, float] = Field(default_factory=dict)
    svg: str | None = Field(default=None, description="the image as an SVG document, when asked for")


class RenderLine(_Body):
    """One line of the render stream (NDJSON): progress while drawing, then the result or an error."""

    progress: RenderProgress | None = None
    result: RenderedImage | None = None
    error: ErrorBody | None = None


class VerifyBody(_Body):
    """POST /v1/verify: check an image against its plan and the brief's constraints."""

    image_png_b64: str
    plan: LayoutPlan
    constraints: Constraints


# Spelled out for the OpenAPI schema; a test keeps it equal to the wire names of ERROR_TYPES.
ErrorType = Literal[
    "brief_error",
    "plan_error",
    "render_error",
    "verification_error",
    "setup_error",
    "run_not_found",
    "unauthorized",
    "conflict",
    "too_large",
    "rate_limited",
    "request_error",
    "llm_error",
    "service_error",
    "configuration_error",
    "internal_error",
]

_ERRORS: dict[str, type[TesseraError]] = {kind.wire_name: kind for kind in ERROR_TYPES}


class ErrorBody(_Body):
    """An error as services send it: OpenAI's shape ({"error": {...}}) with our type names."""

    message: str
    type: ErrorType
    param: str | None = None
    code: str | None = None

    @classmethod
    def of(cls, err: Exception) -> ErrorBody:
        """The wire form of any exception; unknown ones are internal errors named by their class."""
        if isinstance(err, TesseraError):
            kind = next(kind for kind in ERROR_TYPES if isinstance(err, kind))
            return cls(message=str(err), type=cast(ErrorType, kind.wire_name))
        return cls(message=f"{type(err).__name__}: {err}", type="internal_error")

    @property
    def status(self) -> int:
        """The HTTP status this error type answers with."""
        return _ERRORS[self.type].http_status

    def exception(self, service: str) -> TesseraError:
        """The same error type again, on the calling side; faults of the service itself say which service."""
        kind = _ERRORS[self.type]
        if kind is TesseraError:
            return ServiceError(f"the {service} failed: {self.message}")
        return kind(self.message)


RenderLine.model_rebuild()


def encode_png(image: Image.Image) -> str:
    """An image as base64 PNG text (fast compression: these bodies cross a local network)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def decode_png(text: str) -> Image.Image:
    """An RGB image (RGBA when it has transparency) from base64 PNG (or any format Pillow reads); RequestError when
    it is not one."""
    try:
        data = base64.b64decode(text, validate=True)
        with Image.open(io.BytesIO(data)) as image:
            return image.convert("RGBA" if has_alpha(image) else "RGB")
    except Exception as err:
        raise RequestError(f"image_png_b64 is not a base64-encoded image ({err}); send PNG bytes in base64") from err
