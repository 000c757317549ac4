"""The verification report: what the verifier measured for each constraint of the brief and each element of the plan.

It lives beside the plan because three parts share it: the verifier writes it,
the planner revises from it, and agents store and show it.

A check's `origin` says where what it checks came from. "brief": a constraint read from the brief.
"plan": an element of the plan that no brief constraint covers (a text the user's own plan or the LLM added,
a group nobody asked to count), checked as the plan states it, or the plan as a whole (an empty plan fails).
Plan checks count like brief checks: a misspelt line fails the run whoever wrote it.

A check's `status` is one of three: "passed" (measured and right), "failed" (measured and wrong, or asked for and not
planned) and "not_verified" (nothing could measure it: it blocks nothing, is never shown as passed, and fails a
strict run).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from tessera.contract.plan import MAX_CONSTRAINTS, MAX_ID, MAX_NODES, Box
from tessera.contract.reading import MAX_COVERAGE


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CheckKind = Literal[
    "text", "count", "color", "position", "picture", "part", "icon", "qr", "chart", "plan", "coverage", "structure",
    "asset", "contradiction",
]  # fmt: skip

CheckStatus = Literal["passed", "failed", "not_verified"]
MAX_INSTANCES = 256  # instance boxes one check keeps as evidence
HEX_COLOR = r"^#[0-9A-Fa-f]{6}$"


class ConstraintCheck(_Model):
    """The verdict on one constraint, or on one element of the plan, with the measurement behind it.

    `kind` is the constraint's kind; "picture" (what a picture shows, which nothing measures yet), "part" (a
    container with a role: a card, a button), "icon" (an icon compared with the set's drawing of it), "qr" (a QR
    code decoded from the pixels), "chart" (a chart's title and labels read, its bars, lines or slices measured),
    "asset" (one of the user's images shows in its box) and "plan" (the plan as a whole) come from the plan only;
    "contradiction" names checks that no image can pass together (`conflicts`): a planning error, not revised.

    Built from `status`, or from the verdict `passed` (bool) with `verified` (default true): `verified=False` makes
    the status "not_verified" whatever `passed` says. `passed` and `verified` are also written out (derived from
    `status`) for readers of report.json, and recomputed on load.
    """

    constraint_id: str = Field(
        max_length=MAX_ID,
        description="the brief constraint's id; for a plan check, its (first) element's id, or 'content' for the "
        "plan as a whole",
    )
    kind: CheckKind
    origin: Literal["brief", "plan"] = Field(
        default="brief", description="brief: a constraint read from the brief; plan: an element only the plan has"
    )
    status: CheckStatus = Field(
        description="passed: measured and right; failed: measured and wrong, or not planned; not_verified: nothing "
        "could measure it (never shown as passed; counts as failed with --strict)"
    )
    expected: str = Field(max_length=600)
    measured: str = Field(max_length=2000)
    evidence: str = Field(default="", max_length=2000, description="how it was measured, in words a user can follow")
    element_ids: list[str] = Field(default_factory=list, max_length=64, description="plan elements the check looked at")
    box: Box | None = Field(default=None, description="where on the canvas the measurement was taken")
    error_rate: float | None = Field(default=None, ge=0.0, description="character error rate for text checks")
    fix: str = Field(
        default="",
        max_length=600,
        description="for a failed check: the change to the plan that would make it pass, in words the planner "
        "and a user can act on; empty when no change of the plan can (a contradiction, a missing model)",
    )
    instances: list[Box] = Field(
        default_factory=list,
        max_length=MAX_INSTANCES,
        description="the measured instances' boxes in canvas pixels (counted objects, bars, the ink of a text)",
    )
    measured_color: str | None = Field(
        default=None, pattern=HEX_COLOR, description="the colour measured, as #RRGGBB (colour checks)"
    )
    conflicts: list[str] = Field(
        default_factory=list,
        max_length=8,
        description="for a contradiction: the keys of the checks that cannot all pass (a brief constraint's id, or "
        "'plan:<element id>' for a check of the plan's own element)",
    )
    evidence_image: str | None = Field(
        default=None,
        max_length=300,
        description="the evidence crop (what was read, the counted instances, the measured colour), as a path "
        "relative to the run folder; written by the run, not by the verifier",
    )

    @model_validator(mode="before")
    @classmethod
    def _status_from_verdict(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        passed, verified = data.pop("passed", None), data.pop("verified", True)
        if "status" not in data and passed is not None:
            data["status"] = "not_verified" if verified is False else ("passed" if passed else "failed")
        return data

    @computed_field
    @property
    def passed(self) -> bool:
        """Measured and right (a not-verified check has not passed, nor failed)."""
        return self.status == "passed"

    @computed_field
    @property
    def verified(self) -> bool:
        """Something measured it (it passed or failed)."""
        return self.status != "not_verified"

    @property
    def key(self) -> str:
        """The check's name in a report: a brief constraint's id, or 'plan:<element id>' (an element id may also
        be a constraint's id)."""
        return f"plan:{self.constraint_id}" if self.origin == "plan" else self.constraint_id

    @property
    def failed(self) -> bool:
        """Measured and wrong, or asked for and not planned."""
        return self.status == "failed"


class LintFinding(_Model):
    """A layout problem found in the render regardless of any constraint."""

    code: Literal["text_overlap", "off_canvas", "text_clipped", "low_contrast", "object_overlap"]
    severity: Literal["error", "warning"] = "error"
    element_id: str = Field(max_length=MAX_ID)
    other_id: str | None = Field(default=None, max_length=MAX_ID)
    message: str = Field(max_length=600)
    box: Box | None = None


DesignAspect = Literal[
    "margins", "alignment", "type_scale", "readable_sizes", "contrast", "balance", "emphasis", "overlap"
]


class DesignPart(_Model):
    """One measurable aspect of what a designer checks (see DESIGN-QUALITY.md), scored 0-1 with the reason."""

    aspect: DesignAspect
    score: float = Field(ge=0.0, le=1.0, description="1: as a designer would set it; 0: plainly wrong")
    weight: float = Field(gt=0.0, description="its share of the total")
    reason: str = Field(max_length=600, description="what was measured, naming the worst offender")


class DesignScore(_Model):
    """How well a laid-out plan and its image are set, aspect by aspect, and the weighted total.

    It never decides a pass: it ranks candidate plans that pass (or fail) the same checks, and tells a user
    where a layout is weak.
    """

    total: float = Field(ge=0.0, le=1.0, description="the parts' scores averaged by their weights")
    parts: list[DesignPart] = Field(default_factory=list, max_length=16)

    @classmethod
    def of(cls, parts: list[DesignPart]) -> DesignScore:
        """The score of these parts, their weighted mean as the total (1.0 with no parts)."""
        weight = sum(p.weight for p in parts)
        total = sum(p.score * p.weight for p in parts) / weight if weight else 1.0
        return cls(total=round(min(1.0, max(0.0, total)), 4), parts=parts)

    def part(self, aspect: DesignAspect) -> DesignPart:
        """The part scoring `aspect`; KeyError when it was not scored."""
        found = next((p for p in self.parts if p.aspect == aspect), None)
        if found is None:
            raise KeyError(aspect)
        return found

    def summary(self) -> str:
        """One line: the total and each part's score."""
        return f"design {self.total:.2f} (" + ", ".join(f"{p.aspect} {p.score:.2f}" for p in self.parts) + ")"


class VerificationReport(_Model):
    """Per-constraint pass/fail with evidence, plus layout lint, plus (optionally) the design score."""

    # One check per brief constraint and at most one per plan node, plus the plan as a whole.
    checks: list[ConstraintCheck] = Field(
        default_factory=list, max_length=MAX_CONSTRAINTS + MAX_NODES + MAX_COVERAGE + 1
    )
    lint: list[LintFinding] = Field(default_factory=list, max_length=256)
    design: DesignScore | None = Field(
        default=None,
        description="how well the render is set (margins, alignment, type scale, contrast, balance...); it never "
        "changes `passed`; None: not scored (a verifier that does not score design)",
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_derived_fields(cls, data: Any) -> Any:
        # `passed` is written out for readers of report.json but always recomputed on load.
        if isinstance(data, dict) and "passed" in data:
            data = {k: v for k, v in data.items() if k != "passed"}
        return data

    @computed_field
    @property
    def passed(self) -> bool:
        """True when no check failed and no lint finding is an error; checks nothing could measure block nothing
        (`holds(strict=True)` counts them as failed). The verifier always reports at least one check: an empty
        plan fails one of its own."""
        return not self.failures() and not self.errors()

    def holds(self, *, strict: bool = False) -> bool:
        """Whether the image passes: `passed`, and with `strict` also nothing left not verified."""
        return self.passed and not (strict and self.unverified())

    def failures(self) -> list[ConstraintCheck]:
        """The checks that failed."""
        return [c for c in self.checks if c.failed]

    def revisable(self) -> list[ConstraintCheck]:
        """The failures a revision of the plan may fix: not a contradiction, nor one of the checks it names."""
        contradicted = {cid for c in self.checks if c.kind == "contradiction" for cid in c.conflicts}
        return [c for c in self.failures() if c.kind != "contradiction" and c.key not in contradicted]

    def errors(self) -> list[LintFinding]:
        """The lint findings that block a pass."""
        return [f for f in self.lint if f.severity == "error"]

    def unverified(self) -> list[ConstraintCheck]:
        """The checks nothing could measure: they block nothing, but nobody looked."""
        return [c for c in self.checks if c.status == "not_verified"]

    def counts(self) -> dict[CheckStatus, int]:
        """How many checks have each status."""
        return {
            status: sum(c.status == status for c in self.checks)
            for status in ("passed", "failed", "not_verified")
        }  # fmt: skip

    def summary(self) -> str:
        """One line: "passed N, failed F, not verified M", where the checks came from, lint errors."""
        counts = self.counts()
        text = f"passed {counts['passed']}, failed {counts['failed']}, not verified {counts['not_verified']}"
        from_plan = sum(c.origin == "plan" for c in self.checks)
        if from_plan and from_plan == len(self.checks):
            text += " (all from the plan)"
        elif from_plan:
            text += f" ({len(self.checks) - from_plan} from the brief, {from_plan} from the plan)"
        if self.errors():
            text += f"; {len(self.errors())} layout error(s)"
        return text
