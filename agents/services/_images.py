"""OpenAI's Images API as the gateway speaks it: the request body, its mapping to RunRequests, the response."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator

from tessera.agents.request import (
    MAX_REVISION_LIMIT,
    MAX_SEED,
    MAX_VARIANTS,
    TRANSPARENT_JPEG,
    BackgroundChoice,
    Effort,
    PlannerChoice,
    RunRequest,
    check_brief,
    is_transparent,
    parse_size,
)
from tessera.agents.supplied import material_from_api
from tessera.contract import (
    MAX_ASSETS,
    CheckStatus,
    CoverageEntry,
    DocumentKind,
    DrawnPart,
    LayoutPlan,
    PlanEvent,
    TraceEvent,
    VerificationReport,
    for_output,
)

# OpenAI's quality names, mapped to how hard Tessera works (revisions, thinking budget).
EFFORT_OF_QUALITY: dict[str, Effort] = {
    "low": "low",
    "medium": "medium",
    "auto": "medium",
    "standard": "medium",
    "high": "high",
    "hd": "high",
    "xhigh": "high",
    "max": "high",
}


class ImagesRequest(BaseModel):
    """POST /v1/images/generations. OpenAI's fields first, then Tessera's extras."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: str = Field(description="the brief: what to make, with the exact texts, counts and colours")
    model: str | None = Field(default=None, max_length=200, description="accepted and echoed; Tessera has one pipeline")
    n: int = Field(
        default=1,
        ge=1,
        le=MAX_VARIANTS,
        strict=True,
        description="images to make (1-10): variants that share one style (palette, fonts, icons, corner radius) and "
        "differ in layout, each its own run and verified",
    )
    size: str = Field(
        default="auto", description="WIDTHxHEIGHT, exactly as drawn (64-3840 per side, aspect at most 8:1), or auto"
    )
    quality: Literal["auto", "low", "medium", "high", "standard", "hd", "xhigh", "max"] = Field(
        default="auto", description="low: no revision; medium/auto: up to 2; high: up to 4"
    )
    background: BackgroundChoice = Field(
        default="auto",
        description="transparent (alpha 0 where nothing is drawn; png or webp), opaque, or auto: the plan's",
    )
    output_format: Literal["png", "jpeg", "webp", "svg"] = Field(
        default="png", description="svg (Tessera's extension): the same image with its texts as live SVG text"
    )
    output_compression: int | None = Field(
        default=None, ge=0, le=100, strict=True, description="jpeg/webp quality, 0-100"
    )
    response_format: Literal["b64_json", "url"] = "b64_json"
    moderation: Literal["low", "auto"] | None = None
    style: Literal["vivid", "natural"] | None = None
    user: str | None = Field(default=None, max_length=256)
    safety_identifier: str | None = Field(default=None, max_length=256)
    stream: StrictBool = Field(default=False, description="streaming is not offered: read GET /v1/runs/{id}/events")
    partial_images: int | None = Field(default=None, ge=0, le=0, strict=True, description="only 0: no partial images")

    reasoning_effort: Effort | None = Field(default=None, description="overrides the effort that quality implies")
    max_revisions: int | None = Field(default=None, ge=0, le=MAX_REVISION_LIMIT, strict=True)
    planner: PlannerChoice = "auto"
    seed: int = Field(default=0, ge=0, le=MAX_SEED - MAX_VARIANTS, strict=True)
    plan: LayoutPlan | None = Field(default=None, description="render this (edited) plan instead of planning")
    kind: DocumentKind | None = Field(
        default=None, description="the document kind to make (poster, slide, menu...); None: as the prompt says"
    )
    split: StrictBool = Field(
        default=False,
        description="for an icon set: also each icon as its own image, in `tessera[i].icons` (`data` keeps one "
        "entry per image made)",
    )
    strict: StrictBool = Field(
        default=False,
        description="true: a check nothing could measure fails the image (`passed` false), as `--strict` does; "
        "a JSON boolean (multipart: the text true or false)",
    )
    web: StrictBool | None = Field(
        default=None,
        description="true: search the web for facts the prompt asks for and does not give (a venue, a date, "
        "figures), each kept with its source in the plan; false: never; null: unless the server has TESSERA_SEARCH=off",
    )
    assets: dict[str, str] = Field(
        default_factory=dict,
        max_length=MAX_ASSETS,
        description="your own images by name, base64 PNG, JPEG or WebP (multipart: files `asset[NAME]`); the prompt "
        "names them ('our logo top-left') and `drawn` reports each as kind 'asset'",
    )
    data: dict[str, Any] = Field(
        default_factory=dict,
        max_length=MAX_ASSETS,
        description="data for a chart or table the prompt asks for, by name: a list of objects, {header, rows}, or "
        "CSV text (multipart: files `data[NAME]`)",
    )
    brand: dict[str, Any] | None = Field(
        default=None,
        description="a brand kit: name, colors {primary, secondary, accent, text, background}, and base64 files: "
        "logo (an image, the asset 'logo'), heading_font and body_font (TTF/OTF)",
    )

    @field_validator("stream")
    @classmethod
    def _no_streaming(cls, stream: bool) -> bool:
        if stream:
            raise ValueError("streaming is not offered; send false and follow GET /v1/runs/{id}/events")
        return stream

    @model_validator(mode="after")
    def _transparent_needs_alpha(self) -> ImagesRequest:
        if self.output_format == "jpeg" and is_transparent(self.background, self.plan):
            raise ValueError(TRANSPARENT_JPEG)
        return self

    @property
    def transparent(self) -> bool:
        """Whether the images come with a transparent background."""
        return is_transparent(self.background, self.plan)

    @property
    def effort(self) -> Effort:
        return self.reasoning_effort or EFFORT_OF_QUALITY[self.quality]

    def run_request(self) -> RunRequest:
        """The run to make (`n` > 1: the request its variants are made from, `Engine.start_variants`); a
        RequestError for a bad brief or size."""
        return RunRequest(
            brief=check_brief(self.prompt),
            canvas=None if self.size == "auto" else parse_size(self.size),
            effort=self.effort,
            seed=self.seed,
            plan=self.plan,
            planner=self.planner,
            revision_limit=self.max_revisions,
            background=self.background,
            kind=self.kind,
            material=material_from_api(self.assets, self.data, self.brand),
            strict=self.strict,
            web=self.web,
        )


class ImageData(BaseModel):
    """One image of the response."""

    b64_json: str | None = None
    url: str | None = None
    revised_prompt: str | None = None


class InputTokensDetails(BaseModel):
    text_tokens: int = 0
    image_tokens: int = 0


class OutputTokensDetails(BaseModel):
    text_tokens: int = 0
    image_tokens: int = 0


class ImagesUsage(BaseModel):
    """Tokens the planner's language model spent on all images of the request (0 with the rules planner)."""

    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    input_tokens_details: InputTokensDetails = Field(default_factory=InputTokensDetails)
    output_tokens_details: OutputTokensDetails = Field(default_factory=OutputTokensDetails)


class IconImage(BaseModel):
    """One icon of an icon set as its own image (`split: true`): cut from the image with its tile, as drawn."""

    name: str = Field(description="the icon's name as the prompt gives it (home, cart, ...)")
    icon: str = Field(description="the icon set's name for it (Tabler: 'shopping-cart')")
    b64_json: str | None = Field(default=None, description="the image, base64 (PNG for an svg reply)")
    url: str | None = Field(default=None, description="where to GET it (a PNG), with response_format url")


class RunSummary(BaseModel):
    """Tessera's extra per image: the run behind it, what the verifier found, and the parts the image shows."""

    run_id: str
    passed: bool = Field(
        description="no check failed and no layout error; with `strict`, no check left not verified either"
    )
    strict: bool = Field(description="whether checks nothing could measure counted as failed")
    counts: dict[CheckStatus, int] = Field(
        description="how many checks have each status: passed, failed, not_verified (each check's own is "
        "`report.checks[].status`)"
    )
    summary: str
    planner: str
    revisions: int
    notices: list[str]
    report: VerificationReport
    drawn: list[DrawnPart] = Field(description="every part the image shows, in canvas pixels, as in `--json`")
    document: DocumentKind = Field(description="the document kind the brief was read as (or the one asked for)")
    coverage: list[CoverageEntry] = Field(
        description="each item of the brief and the plan nodes carrying it, or why none does (as in `--json`)"
    )
    run_url: str
    variant_group: str | None = Field(
        default=None, description="with n > 1: the first variant's run id, shared by every variant of the request"
    )
    variant: int | None = Field(default=None, description="with n > 1: which variant this is, from 0")
    icons: list[IconImage] = Field(
        default_factory=list, description="with `split: true`: each icon of the image as its own image; else empty"
    )


class ImagesResponse(BaseModel):
    """OpenAI's response shape, plus `tessera` with one RunSummary per image."""

    created: int
    data: list[ImageData]
    background: Literal["opaque", "transparent"] = "opaque"
    output_format: Literal["png", "jpeg", "webp", "svg"]
    quality: str
    size: str
    usage: ImagesUsage
    tessera: list[RunSummary]


@dataclass(frozen=True)
class ImagesReply:
    """How an Images API reply gives its images: their format and compression, inline or as URLs, and what the reply
    says of them (background, quality)."""

    output_format: Literal["png", "jpeg", "webp", "svg"]
    output_compression: int | None
    response_format: Literal["b64_json", "url"]
    transparent: bool
    quality: str
    split: bool = False  # each icon of an icon set also as its own image

    @classmethod
    def of(cls, body: ImagesRequest) -> ImagesReply:
        """The reply a generations request asks for."""
        return cls(
            body.output_format, body.output_compression, body.response_format, body.transparent, body.effort, body.split
        )


def encode_image(path: Path, output_format: str, compression: int | None) -> bytes:
    """The stored PNG in the requested format; jpeg/webp quality from output_compression (default 95). A PNG is the
    stored file as it is, with the text chunks naming its run (`_provenance`), so that an edit can recognise it."""
    if output_format == "png":
        return path.read_bytes()
    with Image.open(path) as stored:
        image = for_output(stored, output_format)  # a transparent render keeps its alpha in WebP
    buffer = io.BytesIO()
    image.save(buffer, format=output_format.upper(), quality=95 if compression is None else compression)
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def usage_of(traces: list[list[TraceEvent]]) -> ImagesUsage:
    """Token counts of every model call in these runs' traces."""
    prompt = completion = 0
    for events in traces:
        for event in events:
            if not isinstance(event, PlanEvent):
                continue
            for call in event.outputs.calls:
                if call.usage is not None:
                    prompt += call.usage.prompt_tokens
                    completion += call.usage.completion_tokens
    return ImagesUsage(
        input_tokens=prompt,
        output_tokens=completion,
        total_tokens=prompt + completion,
        input_tokens_details=InputTokensDetails(text_tokens=prompt),
        output_tokens_details=OutputTokensDetails(text_tokens=completion),
    )
