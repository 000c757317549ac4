"""Suites: JSON Lines files of briefs with what the image must contain.

Two line formats are read, and may not be mixed in one file:

- LongText-Bench (X-Omni-Team/X-Omni `textbench/text_prompts*.jsonl`): `prompt`, `text`
  (the required strings), `prompt_id`, `category`, `length` (and `text_length`, unused).
- Tessera's own: `id`, `brief`, optional `size` ("WIDTHxHEIGHT"), `texts` (strings the image
  must show exactly), `counts` ({"object class": n}), optional `language` ("en" or "zh": which
  LongText-Bench accuracy applies; guessed from the texts when absent), optional `category`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tessera.contract import RequestError

SuiteFormat = Literal["longtext-bench", "tessera"]
MetricLanguage = Literal["en", "zh"]

# LongText-Bench's own test for "Chinese": its normalisation keeps exactly this Han block.
_HAN = re.compile(r"[\u4e00-\u9fa5]")


class SuiteEntry(BaseModel):
    """One brief of a suite and what its image must contain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(
        pattern=r"^[A-Za-z0-9_.-]{1,80}$", description="unique in the suite; names the brief's result folder"
    )
    brief: str = Field(min_length=1)
    size: str | None = Field(default=None, description="WIDTHxHEIGHT for this brief; --size overrides it")
    texts: list[str] = Field(default_factory=list, description="strings the image must show exactly")
    counts: dict[str, int] = Field(default_factory=dict, description="object class -> exact count")
    language: MetricLanguage = Field(description="en: word accuracy; zh: character accuracy (LongText-Bench)")
    category: str = ""
    length: str = Field(default="", description="LongText-Bench's short/long split")
    format: SuiteFormat


class _LongTextLine(BaseModel):
    model_config = ConfigDict(extra="ignore")

    prompt_id: int
    prompt: str
    text: list[str]
    category: str = ""
    length: str = ""


class _TesseraLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    brief: str
    size: str | None = None
    texts: list[str] = Field(default_factory=list)
    counts: dict[str, Annotated[int, Field(ge=1, le=100)]] = Field(default_factory=dict)
    language: MetricLanguage | None = None
    category: str = ""


def metric_language(texts: list[str]) -> MetricLanguage:
    """'zh' when any required string has a Han character, else 'en' (LongText-Bench's two modes)."""
    return "zh" if any(_HAN.search(text) for text in texts) else "en"


def load_suite(path: Path, *, limit: int | None = None) -> list[SuiteEntry]:
    """The entries of a suite file in file order (the first `limit` when given).

    Raises RequestError naming the line and field to fix.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise RequestError(f"cannot read suite {path}: {err.strerror}") from err
    entries: list[SuiteEntry] = []
    seen: dict[str, int] = {}
    formats: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        entry = _parse_line(path, number, line)
        if entry.id in seen:
            raise RequestError(
                f"{path}:{number}: id {entry.id!r} is already used on line {seen[entry.id]}; ids must be unique"
            )
        seen[entry.id] = number
        formats.add(entry.format)
        entries.append(entry)
    if not entries:
        raise RequestError(f"suite {path} has no briefs; write one JSON object per line")
    if len(formats) > 1:
        raise RequestError(f"suite {path} mixes LongText-Bench and Tessera lines; keep one format per file")
    return entries[:limit] if limit is not None else entries


def _parse_line(path: Path, number: int, line: str) -> SuiteEntry:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as err:
        raise RequestError(f"{path}:{number}: not valid JSON ({err.msg} at column {err.colno})") from err
    if not isinstance(raw, dict):
        raise RequestError(f"{path}:{number}: each line must be a JSON object")
    try:
        if "prompt" in raw:
            bench = _LongTextLine.model_validate(raw)
            return SuiteEntry(
                id=str(bench.prompt_id),
                brief=bench.prompt,
                texts=bench.text,
                language=metric_language(bench.text),
                category=bench.category,
                length=bench.length,
                format="longtext-bench",
            )
        ours = _TesseraLine.model_validate(raw)
        return SuiteEntry(
            id=ours.id,
            brief=ours.brief,
            size=ours.size,
            texts=ours.texts,
            counts=ours.counts,
            language=ours.language or metric_language(ours.texts),
            category=ours.category,
            format="tessera",
        )
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "line"
        hint = "" if "prompt" in raw or "brief" in raw else " (a line needs 'prompt' and 'text', or 'id' and 'brief')"
        raise RequestError(f"{path}:{number}: {where}: {first['msg']}{hint}") from err
