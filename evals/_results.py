"""Per-brief results and the results folder that makes an eval resumable.

Layout of a results folder:

    eval.json                 the options the results were made with (a re-run must match them)
    briefs/<id>/image.png     the image the engine chose (its best iteration)
    briefs/<id>/report.json   the verifier's VerificationReport
    briefs/<id>/plan.json     the layout plan that image was rendered from
    briefs/<id>/result.json   the eval's BriefResult, written last: its presence marks the brief done
    engine/worker-<n>/        each worker's engine home (run folders, checkpoints)
    summary.json, summary.md, contact_sheet.png
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from tessera.contract import CheckStatus, ConstraintCheck, LayoutPlan, RequestError
from tessera.evals._metrics import CountScore, StringScore, TextAccuracy
from tessera.evals._ocr import OcrLine
from tessera.evals._suite import MetricLanguage, SuiteEntry, SuiteFormat

BriefStatus = Literal["done", "failed", "error"]


class VerifierCheck(BaseModel):
    """One check of the verifier's report as the eval keeps it: enough to count statuses and to set a text check's
    reading beside the independent OCR's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    constraint_id: str
    kind: str
    origin: Literal["brief", "plan"]
    status: CheckStatus
    expected: str
    measured: str
    evidence: str = ""
    texts: list[str] = Field(
        default_factory=list,
        description="for a text check: the planned text of each element it read, in the order of its element ids",
    )

    @classmethod
    def of(cls, check: ConstraintCheck, plan: LayoutPlan) -> VerifierCheck:
        """The check as the eval keeps it, with the planned texts of the elements a text check read."""
        planned = {element.id: element.text for element in plan.texts()} if check.kind == "text" else {}
        return cls(
            constraint_id=check.constraint_id,
            kind=check.kind,
            origin=check.origin,
            status=check.status,
            expected=check.expected,
            measured=check.measured,
            evidence=check.evidence,
            texts=[planned[element_id] for element_id in check.element_ids if element_id in planned],
        )


class BriefResult(BaseModel):
    """What the eval measured for one brief.

    status: `done` (the engine made an image), `failed` (the engine refused the brief with a
    Tessera error; scored as nothing read), `error` (an unexpected fault; scored as nothing read,
    and tried again when the eval is re-run).
    """

    # Computed fields are written out for readers of result.json and recomputed when it is read back.
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    brief: str
    language: MetricLanguage
    category: str = ""
    length: str = ""
    format: SuiteFormat
    status: BriefStatus
    error: str | None = None
    run_id: str | None = None
    image: str | None = Field(default=None, description="image file, relative to the brief's folder")
    canvas: str | None = Field(default=None, description="WIDTHxHEIGHT of the image")
    verifier_passed: bool = False
    verifier_summary: str = ""
    revisions: int | None = Field(default=None, ge=0)
    engine_seconds: float | None = Field(default=None, ge=0.0, description="the engine's own total time")
    ocr_seconds: float | None = Field(default=None, ge=0.0)
    wall_seconds: float = Field(ge=0.0, description="the whole brief: engine, OCR, scoring, files")
    ocr_engine: str = ""
    ocr_lines: list[OcrLine] = Field(default_factory=list)
    text_accuracy: TextAccuracy
    text_accuracy_raw: TextAccuracy = Field(
        description="the same measure on the OCR text before word gaps were restored"
    )
    strings: list[StringScore] = Field(default_factory=list)
    unscored_strings: list[str] = Field(
        default_factory=list, description="required strings in a script the eval's OCR cannot read: no edit distance"
    )
    counts: list[CountScore] = Field(default_factory=list, description="verifier evidence, not independent")
    verifier_checks: list[VerifierCheck] | None = Field(
        default=None,
        description="every check of the verifier's report; None: no image, or a result written before the eval "
        "recorded checks",
    )

    @computed_field
    @property
    def first_pass(self) -> bool:
        """The verifier passed the first render, with no revision."""
        return self.verifier_passed and self.revisions == 0

    @computed_field
    @property
    def mean_ned(self) -> float | None:
        """Mean normalised edit distance over the required strings (0 is perfect)."""
        return sum(s.ned for s in self.strings) / len(self.strings) if self.strings else None

    @computed_field
    @property
    def ocr_exact(self) -> bool | None:
        """The independent OCR scores the brief 1.0: every required string found exactly (edit distance 0 after
        `edit_normalise`). None when it cannot score the brief: no image, no required string, or a required string
        in a script it cannot read."""
        if self.status != "done" or not self.strings or self.unscored_strings:
            return None
        return all(s.exact for s in self.strings)

    @computed_field
    @property
    def text_checks_passed(self) -> bool | None:
        """No text check of the verifier's report failed (each passed or was not verified): its verdict on the
        texts alone, like for like with `ocr_exact`. None when there is no report (no image, or not recorded)."""
        if self.status != "done" or self.verifier_checks is None:
            return None
        return not any(c.kind == "text" and c.status == "failed" for c in self.verifier_checks)

    @computed_field
    @property
    def misread_but_verifier_passed(self) -> bool:
        """The eval's OCR did not find some required string exactly, yet the verifier passed the image."""
        return self.verifier_passed and any(not s.exact for s in self.strings)

    @computed_field
    @property
    def read_but_verifier_failed(self) -> bool:
        """The eval's OCR found every required string exactly, yet the verifier failed the image."""
        return (
            self.status == "done"
            and not self.verifier_passed
            and bool(self.strings)
            and all(s.exact for s in self.strings)
        )


class EvalConfig(BaseModel):
    """The options that decide what a result means; a resumed eval must use the same ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    suite: str
    effort: str
    size: str | None = None
    seed: int = 0


class ResultsFolder:
    """The folder an eval writes into, read back to skip finished briefs."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def config_path(self) -> Path:
        """The options the results were made with."""
        return self.root / "eval.json"

    @property
    def engine_home(self) -> Path:
        """Parent of the workers' engine homes."""
        return self.root / "engine"

    def brief_dir(self, entry_id: str) -> Path:
        """The folder of one brief's files."""
        return self.root / "briefs" / entry_id

    def result_path(self, entry_id: str) -> Path:
        """One brief's BriefResult file."""
        return self.brief_dir(entry_id) / "result.json"

    def claim(self, config: EvalConfig) -> None:
        """Create the folder, or check that its results were made with the same options."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise RequestError(
                f"cannot create results folder {self.root}: {err.strerror}; choose another --out"
            ) from err
        if self.config_path.exists():
            stored = EvalConfig.model_validate_json(self.config_path.read_text(encoding="utf-8"))
            for field in ("effort", "size", "seed"):
                if getattr(stored, field) != getattr(config, field):
                    raise RequestError(
                        f"results in {self.root} were made with {field}={getattr(stored, field)!r}, not "
                        f"{getattr(config, field)!r}; use the same options to resume, or another --out"
                    )
        write_atomic(self.config_path, config.model_dump_json(indent=2))

    def read_result(self, entry_id: str) -> BriefResult | None:
        """The stored result of a brief, or None when there is none (or it cannot be read)."""
        path = self.result_path(entry_id)
        try:
            return BriefResult.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return None

    def is_finished(self, entry: SuiteEntry) -> bool:
        """Whether a brief has a result worth keeping: made from the same brief, and not a fault."""
        result = self.read_result(entry.id)
        return result is not None and result.status != "error" and result.brief == entry.brief

    def write_result(self, result: BriefResult) -> None:
        """Store a brief's result; written last and atomically, so a half-done brief is never 'finished'."""
        self.brief_dir(result.id).mkdir(parents=True, exist_ok=True)
        write_atomic(self.result_path(result.id), result.model_dump_json(indent=2))


def write_atomic(path: Path, text: str) -> None:
    """Write a text file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
