"""The JSON the part services take and give: the embedded calls' own pydantic models, wrapped in request bodies.

An image travels either as a reference into the artifact store every service shares (`ImageRef`, with
TESSERA_ARTIFACT_DIR set on all of them) or, without one, as base64 PNG inside the JSON, so that every body is one
typed model either way. Every image read from a body or the store is checked against the pixel budget and the
plan's canvas from its header, before its pixels are decoded. Errors travel as `ErrorBody` and turn back into the
same `TesseraError` type on the client side.
"""

from __future__ import annotations

import base64
import io
from pathlib import PurePosixPath
from typing import Literal, Self, cast

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tessera.agents.request import Effort, PlannerChoice
from tessera.contract import (
    ERROR_TYPES,
    MAX_EDGE,
    MAX_INSTRUCTION_CHARS,
    Canvas,
    Constraints,
    LayoutPlan,
    RenderManifest,
    RenderProgress,
    RequestError,
    ServiceError,
    SuppliedFiles,
    TesseraError,
    TooLargeError,
    VerificationReport,
    has_alpha,
)
from tessera.contract.material import MAX_MATERIAL_BYTES

# The most pixels an image crossing the wire may have: the largest canvas a plan can ask for.
MAX_IMAGE_PIXELS = MAX_EDGE * MAX_EDGE
# The formats an image on the wire may be in: PNG, and the gateway's other raster outputs. Each states its size in
# its header, which is all that is read before the size is checked.
_IMAGE_FORMATS = ("PNG", "JPEG", "WEBP")

_MIB = 1024 * 1024
_JSON_BYTES = 4 * _MIB  # a brief, plans, constraints, reports: far below this
_MATERIAL_BASE64_BYTES = MAX_MATERIAL_BYTES * 4 // 3  # the user's images and fonts, in base64
# The largest PNG of the largest canvas: RGBA stored uncompressed (a filter byte per row), with room for chunks.
MAX_PNG_BYTES = (1 + 4 * MAX_EDGE) * MAX_EDGE + _MIB
_IMAGE_BASE64_BYTES = MAX_PNG_BYTES * 4 // 3


def max_body_bytes(*, images_by_reference: bool) -> int:
    """The largest request body any role reads (the gateway, each part, and `all`): the same limit everywhere.

    A body holds JSON plus at most one large thing: the user's files (a generation, a render) or, when images do
    not travel by reference, the image to verify in base64. With TESSERA_ARTIFACT_DIR that is 36 MiB; without it a
    verify body may carry a 3840x3840 PNG, so 80 MiB.
    """
    image = 0 if images_by_reference else _IMAGE_BASE64_BYTES
    return _JSON_BYTES + max(_MATERIAL_BASE64_BYTES, image)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanBody(_Body):
    """POST /v1/plan: a first plan for these constraints."""

    constraints: Constraints
    canvas: Canvas
    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    style_seed: int | None = Field(
        default=None, ge=0, le=2**32 - 1, description="the seed the look is picked by (variants share it); None: seed"
    )
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


class EditBody(_Body):
    """POST /v1/edit: the edit of a run's kept plan (as planned) that an instruction asks for; the reply is a
    `PlanEdit`, or a 422 edit_error saying why the instruction cannot be applied."""

    plan: LayoutPlan
    constraints: Constraints = Field(description="what the run was verified against")
    instruction: str = Field(min_length=1, max_length=MAX_INSTRUCTION_CHARS)
    planner: PlannerChoice = Field(default="auto", description="rules, llm, or auto: the model when it answers")


class RenderBody(_Body):
    """POST /v1/render: draw a plan."""

    plan: LayoutPlan
    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    svg: bool = Field(default=False, description="also return the image as an SVG document (live text)")
    files: SuppliedFiles | None = Field(
        default=None, description="the user's images the plan's assets name and the brand's fonts (base64)"
    )
    image_by_reference: bool = Field(
        default=False,
        description="answer with `image_ref` (the PNG written to the artifact store, TESSERA_ARTIFACT_DIR, which "
        "this service and the caller share) instead of `image_png_b64`",
    )


class ImageRef(_Body):
    """A PNG in the artifact store every service shares (TESSERA_ARTIFACT_DIR), in place of its bytes in a body.

    The reader checks the bytes it finds against `sha256` and refuses them when they differ.
    """

    key: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9_./-]+$",
        description="where the PNG is, relative to the store, e.g. hops/4f0c….png; never absolute, never '..'",
    )
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the PNG's bytes, in hex")
    width: int = Field(ge=1, le=MAX_EDGE)
    height: int = Field(ge=1, le=MAX_EDGE)

    @field_validator("key")
    @classmethod
    def _inside_the_store(cls, key: str) -> str:
        path = PurePosixPath(key)
        if path.is_absolute() or any(part in ("", ".", "..") for part in key.split("/")):
            raise ValueError(f"{key!r} is not a path inside the artifact store: use a relative path without '..'")
        return key


class _CarriesImage(_Body):
    """A body with one image: base64 PNG in the body, or a reference into the artifact store; exactly one."""

    image_png_b64: str | None = Field(default=None, description="the image as base64 PNG")
    image_ref: ImageRef | None = Field(
        default=None, description="the image in the artifact store (TESSERA_ARTIFACT_DIR), instead of image_png_b64"
    )

    @model_validator(mode="after")
    def _exactly_one_image(self) -> Self:
        if (self.image_png_b64 is None) == (self.image_ref is None):
            raise ValueError("send exactly one of image_png_b64 and image_ref")
        return self


class RenderedImage(_CarriesImage):
    """The last line of the render stream: the image and what was drawn."""

    manifest: RenderManifest
    timings: dict[str, float] = Field(default_factory=dict)
    svg: str | None = Field(default=None, description="the image as an SVG document, when asked for")


class RenderLine(_Body):
    """One line of the render stream (NDJSON): progress while drawing, then the result or an error."""

    progress: RenderProgress | None = None
    result: RenderedImage | None = None
    error: ErrorBody | None = None


class VerifyBody(_CarriesImage):
    """POST /v1/verify: check an image against its plan and the brief's constraints.

    The image must be exactly the plan's canvas size: it is refused from its header otherwise.
    """

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
    "edit_error",
    "too_large",
    "rate_limited",
    "request_error",
    "llm_error",
    "search_error",
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


def png_bytes(image: Image.Image) -> bytes:
    """An image as PNG (fast compression: these images cross a local network or a shared folder)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def encode_png(image: Image.Image) -> str:
    """An image as base64 PNG text."""
    return base64.b64encode(png_bytes(image)).decode("ascii")


def decode_png(text: str, *, canvas: Canvas | None = None) -> Image.Image:
    """The image in base64 PNG text, as `read_image` reads it; RequestError when the text is not base64."""
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError as err:
        raise RequestError(f"image_png_b64 is not a base64-encoded image ({err}); send PNG bytes in base64") from err
    return read_image(data, canvas=canvas, source="image_png_b64")


def read_image(data: bytes, *, canvas: Canvas | None, source: str) -> Image.Image:
    """An RGB image (RGBA when it has transparency) from PNG (JPEG, WebP) bytes.

    Its size is read from the header first (Pillow opens lazily) and checked before any pixel is decoded: over
    `MAX_IMAGE_PIXELS` is a TooLargeError, and given `canvas`, any other size is a RequestError naming both. So a
    small file that claims a huge image (a decompression bomb) costs no memory. `source` names the image in errors.
    """
    try:
        image = Image.open(io.BytesIO(data), formats=_IMAGE_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise TooLargeError(f"{source} is over the pixel budget ({err}); send at most {_budget()}") from err
    except Exception as err:  # noqa: BLE001 - Pillow raises many types for bytes that are not an image
        raise RequestError(f"{source} is not a PNG image ({err}); send PNG bytes") from err
    with image:
        _check_size(image.size, canvas, source)
        try:
            return image.convert("RGBA" if has_alpha(image) else "RGB")
        except Exception as err:  # noqa: BLE001 - a header that reads but pixel data that does not
            raise RequestError(f"{source} is a damaged image ({err}); send the PNG as it was written") from err


def _check_size(size: tuple[int, int], canvas: Canvas | None, source: str) -> None:
    width, height = size
    if width * height > MAX_IMAGE_PIXELS:
        raise TooLargeError(f"{source} is {width}x{height}, over the pixel budget; send at most {_budget()}")
    if canvas is not None and (width, height) != (canvas.width, canvas.height):
        raise RequestError(
            f"{source} is {width}x{height} but the plan's canvas is {canvas.width}x{canvas.height}; "
            "send the image rendered from this plan"
        )


def _budget() -> str:
    return f"{MAX_IMAGE_PIXELS:,} pixels ({MAX_EDGE}x{MAX_EDGE})"
