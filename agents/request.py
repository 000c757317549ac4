"""What a user asks for: the brief and its options, validated with messages that say what to change."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import (
    MAX_ASPECT,
    MAX_BRIEF_CHARS,
    MAX_EDGE,
    MIN_EDGE,
    Canvas,
    DocumentKind,
    Effort,
    LayoutPlan,
    PlannerChoice,
    RequestError,
    TransparentBackground,
    UserMaterial,
)

OutputFormat = Literal["png", "jpeg", "webp", "svg"]
BackgroundChoice = Literal["auto", "opaque", "transparent"]
"""OpenAI's `background`: transparent (alpha 0 wherever nothing is drawn), opaque, or auto: the plan's (a user's
plan may be transparent; a planned one is painted)."""
TRANSPARENT_JPEG = "a transparent background needs an image format with alpha: use png or webp (jpeg has none)"

# How many plan revisions each effort level may spend after the first render.
MAX_REVISIONS: dict[str, int] = {"low": 0, "medium": 2, "high": 4}
MAX_REVISION_LIMIT = 8
MAX_VARIANTS = 10
MAX_SEED = 2**32 - 1


class RunRequest(BaseModel):
    """One image to make."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    brief: str = Field(min_length=1, max_length=MAX_BRIEF_CHARS)
    canvas: Canvas | None = Field(default=None, description="None: the size the brief names, else 1024x1024")
    effort: Effort = "medium"
    seed: int = Field(default=0, ge=0, le=MAX_SEED, description="picks the layout (template, arrangement)")
    style_seed: int | None = Field(
        default=None,
        ge=0,
        le=MAX_SEED,
        description="picks the look (palette, font families, icon colour, corner radius); None: the seed. "
        "Variants share it",
    )
    variant_group: str | None = Field(
        default=None, description="the first variant's run id, for the other variants of one request"
    )
    variant: int | None = Field(default=None, ge=0, lt=MAX_VARIANTS, description="which variant, from 0")
    plan: LayoutPlan | None = Field(default=None, description="a (user-edited) plan to render instead of planning")
    planner: PlannerChoice = Field(
        default="auto", description="llm, rules, or auto: the LLM when one is configured and answers, else rules"
    )
    revision_limit: int | None = Field(
        default=None,
        ge=0,
        le=MAX_REVISION_LIMIT,
        description="revisions allowed after the first render; None: the effort's",
    )
    background: BackgroundChoice = Field(
        default="auto", description="transparent, opaque, or auto: the plan's (a planned one is painted)"
    )
    kind: DocumentKind | None = Field(
        default=None, description="the document kind to make; None: as the brief says (see `tessera understand`)"
    )
    material: UserMaterial = Field(
        default_factory=UserMaterial, description="the user's own images, brand kit and data (`agents/supplied.py`)"
    )
    strict: bool = Field(
        default=False,
        description="count checks nothing could measure as failed: the run passes only when every check was "
        "measured and passed (`--strict`, the API's `strict: true`)",
    )
    web: bool | None = Field(
        default=None,
        description="may the run search the web for facts the brief asks for and does not give (`--web/--no-web`, "
        "the API's `web`); None: when TESSERA_SEARCH is not off",
    )

    @property
    def max_revisions(self) -> int:
        return self.revision_limit if self.revision_limit is not None else MAX_REVISIONS[self.effort]


def check_variants(n: int) -> int:
    """`n` when it is a number of variants Tessera makes (1 to 10); a RequestError otherwise."""
    if not 1 <= n <= MAX_VARIANTS:
        raise RequestError(f"{n} variants: ask for 1 to {MAX_VARIANTS}")
    return n


def variant_requests(request: RunRequest, n: int, seeds: Sequence[int] | None = None) -> list[RunRequest]:
    """`n` variants of `request` that share its look: variant i is planned at `seeds[i]` (default: the request's
    seed + i) in the style of the request's style seed (else its seed). The first is variant 0; the caller sets
    `variant_group` on the others to the first one's run id once it is started (`Engine.start_variants` does).
    A RequestError for n outside 1 to 10 or a seed past the largest."""
    check_variants(n)
    chosen = list(seeds) if seeds is not None else [request.seed + i for i in range(n)]
    if len(chosen) != n:
        raise ValueError(f"{n} variants need {n} seeds, not {len(chosen)}")
    if max(chosen) > MAX_SEED:
        raise RequestError(f"seed {request.seed} leaves no room for {n} variants; use a seed below {MAX_SEED - n + 1}")
    style_seed = request.seed if request.style_seed is None else request.style_seed
    return [
        request.model_copy(update={"seed": seed, "style_seed": style_seed, "variant": index})
        for index, seed in enumerate(chosen)
    ]


def parse_size(text: str) -> Canvas:
    """A canvas of exactly 'WIDTHxHEIGHT', or a RequestError that names the canvas rule it breaks and a valid size
    nearby."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*", text)
    if not match:
        raise RequestError(f"size {text!r} is not WIDTHxHEIGHT; write it like 1024x1024")
    width, height = int(match.group(1)), int(match.group(2))
    rule = Canvas.broken_rule(width, height)
    if rule is None:
        return Canvas(width=width, height=height)
    nearest = Canvas.nearest(width, height)
    suggestion = f"{nearest.width}x{nearest.height}"
    if rule == "edge":
        raise RequestError(
            f"size {width}x{height}: each side must be between {MIN_EDGE} and {MAX_EDGE} pixels (try {suggestion})"
        )
    raise RequestError(
        f"size {width}x{height}: the long side may be at most {MAX_ASPECT:g} times the short side "
        f"(try {suggestion} or shrink the long side)"
    )


def _one_of(text: str, choices: Any, what: str) -> str:
    """`text` when it is one of the Literal `choices` (so the callers' casts hold), else a RequestError naming
    `what` and listing them."""
    options = get_args(choices)
    if text not in options:
        raise RequestError(f"{what} {text!r} is unknown; use one of: {', '.join(options)}")
    return text


def parse_effort(text: str) -> Effort:
    """The effort level, or a RequestError listing the valid ones."""
    return cast(Effort, _one_of(text, Effort, "effort"))


def parse_planner(text: str) -> PlannerChoice:
    """The planner choice, or a RequestError listing the valid ones."""
    return cast(PlannerChoice, _one_of(text, PlannerChoice, "planner"))


def parse_kind(text: str) -> DocumentKind:
    """The document kind, or a RequestError listing the valid ones."""
    return cast(DocumentKind, _one_of(text, DocumentKind, "kind"))


def parse_background(text: str) -> BackgroundChoice:
    """The background choice, or a RequestError listing the valid ones."""
    return cast(BackgroundChoice, _one_of(text, BackgroundChoice, "background"))


def is_transparent(background: BackgroundChoice, plan: LayoutPlan | None) -> bool:
    """Whether the image will have a transparent background: asked for, or (auto) the user's plan has one."""
    if background == "auto":
        return plan is not None and isinstance(plan.background, TransparentBackground)
    return background == "transparent"


def check_background_format(background: BackgroundChoice, plan: LayoutPlan | None, output_format: str) -> None:
    """A RequestError when a transparent image is to be written as JPEG, which has no alpha."""
    if output_format == "jpeg" and is_transparent(background, plan):
        raise RequestError(TRANSPARENT_JPEG)


def parse_format(text: str) -> OutputFormat:
    """The image format, or a RequestError listing the valid ones."""
    if text not in get_args(OutputFormat):
        raise RequestError(f"format {text!r} is unknown; use png, jpeg, webp or svg")
    return cast(OutputFormat, text)


def check_brief(brief: str) -> str:
    """The brief, stripped; a RequestError when it is empty, too long or has a character no text may have (NUL,
    a lone surrogate, a control character other than tab and line breaks)."""
    stripped = check_text(brief, "the brief").strip()
    if not stripped:
        raise RequestError("the brief is empty; describe the image, e.g. \"A poster with the headline 'HELLO'\"")
    if len(stripped) > MAX_BRIEF_CHARS:
        raise RequestError(
            f"the brief has {len(stripped):,} characters; shorten it to at most {MAX_BRIEF_CHARS:,} "
            "(keep the texts, counts and colours that matter)"
        )
    return stripped


# The file suffixes each format is written under; a suffix outside these is refused, not written as PNG.
_SUFFIX_FORMATS: dict[str, OutputFormat] = {
    ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp", ".svg": "svg"
}  # fmt: skip


def check_output_path(path: Path, output_format: OutputFormat | None) -> OutputFormat:
    """The format to write `path` in (--format, else the suffix's, else png for a name without one); a RequestError
    when the suffix names another format or none Tessera writes, or the file cannot be written."""
    suffix = path.suffix.lower()
    if suffix and suffix not in _SUFFIX_FORMATS:
        raise RequestError(
            f"output path {path.name}: Tessera does not write {suffix} files; end it in .png, .jpg, .webp or .svg"
        )
    named = _SUFFIX_FORMATS.get(suffix)
    if output_format is not None and named is not None and named != output_format:
        raise RequestError(
            f"output path {path.name} names {named} but --format is {output_format}; make them agree "
            f"(e.g. {path.with_suffix('.jpg' if output_format == 'jpeg' else '.' + output_format).name})"
        )
    chosen = output_format or named or "png"
    if path.is_dir():
        raise RequestError(f"output path {path} is a folder; give a file name such as {path / 'image.png'}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise RequestError(f"cannot write {path}: folder {parent} does not exist; create it or choose another --out")
    probe = parent / f".tessera-write-test-{path.name}"
    try:
        probe.touch()
        probe.unlink()
    except OSError as err:
        raise RequestError(f"cannot write {path}: {err.strerror}; choose another --out") from err
    return chosen


# Layout characters text may carry; every other control character (NUL above all) is refused.
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def unusable_character(text: str) -> str | None:
    """What makes `text` unusable, in words (a NUL, a lone surrogate, another control character); None when it is
    clean. Such characters cannot be stored (PostgreSQL refuses NUL), encoded as UTF-8 (surrogates) or drawn."""
    for char in text:
        code = ord(char)
        if code == 0:
            return "a NUL character (U+0000)"
        if 0xD800 <= code <= 0xDFFF:
            return f"a lone surrogate (U+{code:04X})"
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS:
            return f"a control character (U+{code:04X})"
    return None


def unusable_text(value: Any, where: str = "") -> tuple[str, str] | None:
    """The first string in a parsed JSON value with an unusable character: its dotted path (as validation errors
    name fields; for a bad key, the object holding it) and what is wrong with it; None when every string is clean."""
    for path, text in _strings(value, where):
        problem = unusable_character(text)
        if problem is not None:
            return path, problem
    return None


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and unusable_character(key) is not None:
                yield where or "body", key  # a bad name: the field holding it is named, not the bad name itself
            else:
                yield from _strings(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}.{index}" if where else str(index))


def check_text(text: str, what: str) -> str:
    """`text` when it has no unusable character; a RequestError naming `what` otherwise."""
    problem = unusable_character(text)
    if problem is not None:
        raise RequestError(f"{what} contains {problem}; remove it")
    return text
