"""The verifier seam (`Verifier`) and its implementation from pixels (`RenderVerifier`)."""

from __future__ import annotations

from PIL import Image

from tessera.contract import (
    Constraint,
    ConstraintCheck,
    Constraints,
    CoverageEntry,
    Detector,
    LayoutPlan,
    OcrEngine,
    RequestError,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    VerificationReport,
)
from tessera.verifier._asset_checks import asset_checks
from tessera.verifier._chart_checks import chart_checks
from tessera.verifier._checks import check_color, check_count, check_position, check_text
from tessera.verifier._contradictions import contradiction_checks
from tessera.verifier._control_checks import control_checks
from tessera.verifier._coverage_checks import check_structure, coverage_checks, unplanned_items
from tessera.verifier._design_score import design_score
from tessera.verifier._fixes import lint_with_fixes, with_fixes
from tessera.verifier._icon_checks import icon_checks
from tessera.verifier._lint import lint
from tessera.verifier._ocr import TesseractOcr
from tessera.verifier._part_checks import part_checks
from tessera.verifier._plan_checks import nothing_measured_check, plan_checks
from tessera.verifier._qr_checks import qr_checks
from tessera.verifier._relations import without_asked_overlaps
from tessera.verifier._scene import Scene


class RenderVerifier:
    """Judges a render from its pixels, using the plan only as the map of where things should be.

    Text is read by OCR box by box, sprite objects are counted as alike blobs inside their
    group box and generated objects by the detector, colours are measured in Lab, positions
    from measured boxes. Without a detector, counts of generated objects are reported as not
    verified. A text box `ocr` does not read exactly is read again by `second_ocr` (when given), and
    passes when an engine that reads all its letters reads it exactly. Every element of the plan is
    checked: those no brief constraint covers against what the plan itself says (see `_plan_checks`).
    It never sees the renderer's manifest.
    Safe to share between threads when its OCR engine and detector are.
    """

    def __init__(
        self, ocr: OcrEngine | None = None, detector: Detector | None = None, second_ocr: OcrEngine | None = None
    ) -> None:
        self.ocr: OcrEngine = ocr if ocr is not None else TesseractOcr()
        self.detector = detector
        self.second_ocr = second_ocr

    def verify(self, image: Image.Image, plan: LayoutPlan, constraints: Constraints) -> VerificationReport:
        """Check every constraint, then every element of `plan` no constraint covers, against `image` (rendered
        from `plan`), lint the layout and score its design. An image of another size than the plan's canvas is a
        RequestError: every box of the plan would be measured in the wrong place."""
        canvas = plan.canvas
        if image.size != (canvas.width, canvas.height):
            raise RequestError(
                f"the image is {image.width}x{image.height} but the plan's canvas is {canvas.width}x{canvas.height}; "
                "verify the image rendered from this plan"
            )
        scene = Scene(image, plan, self.ocr, self.detector, self.second_ocr)
        unplanned = unplanned_items(constraints)
        checks = coverage_checks(constraints)
        coverage = {entry.item: entry for entry in constraints.coverage if entry.item}
        checks += [
            self._check(constraint, scene, coverage.get(constraint.id))
            for constraint in constraints.items
            if constraint.id not in unplanned
        ]
        own = plan_checks(scene, constraints) + part_checks(scene) + icon_checks(scene) + qr_checks(scene)
        own += chart_checks(scene, self.ocr) + control_checks(scene) + asset_checks(scene)
        checks += own
        if plan.elements and not checks:
            checks.append(nothing_measured_check(plan))
        # Checks no image can pass are reported as planning errors; then every failure gets the change that fixes it.
        checks += contradiction_checks(constraints, checks, plan)
        return VerificationReport(
            checks=with_fixes(checks, plan, constraints),
            lint=lint_with_fixes(without_asked_overlaps(lint(scene), constraints, plan)),
            design=design_score(scene.canvas, plan, constraints, scene.ink),
        )

    @staticmethod
    def _check(constraint: Constraint, scene: Scene, coverage: CoverageEntry | None) -> ConstraintCheck:
        if isinstance(constraint, RequiredText):
            return check_text(constraint, scene)
        if isinstance(constraint, RequiredCount):
            return check_count(constraint, scene)
        if isinstance(constraint, RequiredColor):
            return check_color(constraint, scene)
        if isinstance(constraint, RequiredPosition):
            return check_position(constraint, scene)
        return check_structure(constraint, scene, coverage)
