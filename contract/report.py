"""The verification report: what the verifier measured for each constraint of the brief and each element of the plan.

It lives beside the plan because three parts share it: the verifier writes it,
the planner revises from it, and agents store and show it.

A check's `origin` says where what it checks came from. "brief": a constraint read from the brief.
"plan": an element of the plan that no brief constraint covers (a text the user's own plan or the LLM added,
a group nobody asked to count), checked as the plan states it, or the plan as a whole (an empty plan fails).
Plan checks count like brief checks: a misspelt line fails the run whoever wrote it.
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
    "asset",
]  # fmt: skip


class ConstraintCheck(_Model):
    """The verdict on one constraint, or on one element of the plan, with the measurement behind it.

    `kind` is the constraint's kind; "picture" (what a picture shows, which nothing measures yet), "part" (a
    container with a role: a card, a button), "icon" (an icon compared with the set's drawing of it), "qr" (a QR
    code decoded from the pixels), "chart" (a chart's title and labels read, its bars, lines or slices measured),
    "asset" (one of the user's images shows in its box) and "plan" (the plan as a whole) come from the plan only.
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
    passed: bool
    expected: str = Field(max_length=600)
    measured: str = Field(max_length=2000)
    evidence: str = Field(default="", max_length=2000, description="how it was measured, in words a user can follow")
    element_ids: list[str] = Field(default_factory=list, max_length=64, description="plan elements the check looked at")
    box: Box | None = Field(default=None, description="where on the canvas the measurement was taken")
    error_rate: float | None = Field(default=None, ge=0.0, description="character error rate for text checks")
    verified: bool = Field(
        default=True,
        description="False when nothing could measure this constraint, e.g. a generated group with no detector "
        "configured; such a check passes (no revision can fix it) and the summary names it",
    )


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
        """True when every check holds and no lint finding is an error (the verifier always reports at least one
        check: an empty plan fails one of its own)."""
        return all(c.passed for c in self.checks) and not any(f.severity == "error" for f in self.lint)

    def failures(self) -> list[ConstraintCheck]:
        """The checks that failed."""
        return [c for c in self.checks if not c.passed]

    def errors(self) -> list[LintFinding]:
        """The lint findings that block a pass."""
        return [f for f in self.lint if f.severity == "error"]

    def unverified(self) -> list[ConstraintCheck]:
        """The checks nothing could measure: they pass, but nobody looked."""
        return [c for c in self.checks if not c.verified]

    def summary(self) -> str:
        """One line: how many checks passed (measured, not merely unverified) and where they came from, those not
        verified, lint errors."""
        ok = sum(c.passed and c.verified for c in self.checks)
        text = f"{ok}/{len(self.checks)} checks passed"
        from_plan = sum(c.origin == "plan" for c in self.checks)
        if from_plan and from_plan == len(self.checks):
            text += " (all from the plan)"
        elif from_plan:
            text += f" ({len(self.checks) - from_plan} from the brief, {from_plan} from the plan)"
        if self.unverified():
            text += f", {len(self.unverified())} not verified"
        if self.errors():
            text += f", {len(self.errors())} layout error(s)"
        return text
