"""Brief -> constraints -> layout plan. Also home of the contract every package shares.

Public face: the plan schema (`LayoutPlan` and its parts), the constraint models,
the verification report, the error types, and the `Planner` Protocol.
"""

from planner._check import check_plan
from planner._extract import extract_constraints
from planner.errors import (
    BriefError,
    PlanError,
    RenderError,
    RequestError,
    RunNotFoundError,
    SetupError,
    TesseraError,
    VerificationError,
)
from planner.plan import (
    MAX_ASPECT,
    MAX_BRIEF_CHARS,
    MAX_EDGE,
    MIN_EDGE,
    SCHEMA_VERSION,
    Background,
    Box,
    Canvas,
    Constraint,
    Constraints,
    Element,
    GradientBackground,
    LayoutPlan,
    ObjectGroup,
    Region,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    Script,
    ShapeElement,
    SolidBackground,
    SourceSpan,
    TextElement,
)
from planner.protocols import Planner, PlanResult
from planner.report import ConstraintCheck, LintFinding, VerificationReport
from planner.rules import RulePlanner
from planner.scripts import detect_script, language_of

__all__ = [
    "MAX_ASPECT",
    "MAX_BRIEF_CHARS",
    "MAX_EDGE",
    "MIN_EDGE",
    "SCHEMA_VERSION",
    "Background",
    "Box",
    "BriefError",
    "Canvas",
    "Constraint",
    "ConstraintCheck",
    "Constraints",
    "Element",
    "GradientBackground",
    "LayoutPlan",
    "LintFinding",
    "ObjectGroup",
    "PlanError",
    "PlanResult",
    "Planner",
    "Region",
    "RenderError",
    "RequestError",
    "RequiredColor",
    "RequiredCount",
    "RequiredPosition",
    "RequiredText",
    "RulePlanner",
    "RunNotFoundError",
    "Script",
    "SetupError",
    "ShapeElement",
    "SolidBackground",
    "SourceSpan",
    "TesseraError",
    "TextElement",
    "VerificationError",
    "VerificationReport",
    "check_plan",
    "detect_script",
    "extract_constraints",
    "language_of",
]
