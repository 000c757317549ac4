"""How far the verifier's verdicts agree with the independent OCR's reading, and how its checks' statuses add up.

The like-for-like comparison is on texts: a brief the independent OCR scores 1.0 (`BriefResult.ocr_exact`) should
have no failed text check (`BriefResult.text_checks_passed`). The whole report is compared too, and the converse:
briefs whose text checks all pass although the independent OCR misread a required string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import CheckStatus
from tessera.evals._metrics import edit_normalise, string_score
from tessera.evals._ocr import OcrReading
from tessera.evals._results import BriefResult, VerifierCheck

TextDisagreementKind = Literal["ocr_exact_but_text_check_failed", "text_checks_passed_but_ocr_misread"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextReading(_Model):
    """One text as each side read it: what a person needs to explain a disagreement."""

    text: str = Field(
        description="the text in question: the planned text of an element a failed text check read, or a required "
        "string of the suite the independent OCR misread"
    )
    ocr_read: str | None = Field(
        description="the independent OCR's closest substring of the whole image's text; None: there was no planned "
        "text to look for (the check found no element carrying its string)"
    )
    ocr_exact: bool | None = Field(description="the independent OCR read `text` exactly (edit distance 0)")
    check_id: str | None = Field(default=None, description="the verifier's text check; None: no text check read it")
    verifier_status: CheckStatus | None = None
    verifier_read: str = Field(default="", description="the text check's `measured`: what the verifier read")
    verifier_evidence: str = Field(default="", description="the text check's `evidence`: engine, box, confidence")


class TextDisagreement(_Model):
    """A brief where the verifier's text checks and the independent OCR disagree, with both sides' readings."""

    id: str
    kind: TextDisagreementKind = Field(
        description="'ocr_exact_but_text_check_failed': the OCR scores the brief 1.0 and a text check failed (each "
        "planned text of the failed checks is listed); 'text_checks_passed_but_ocr_misread': no text check failed "
        "and the OCR misread a required string (each misread string is listed, with the text check that read it)"
    )
    readings: list[TextReading]


class Agreement(_Model):
    """The verifier against the independent OCR, over the briefs both judged: an image was made, the eval recorded
    the verifier's checks, and the OCR could score every required string (`BriefResult.ocr_exact` is not None)."""

    compared: int = Field(description="briefs both sides judged")
    ocr_exact: int = Field(description="compared briefs the independent OCR scores 1.0: every required string exact")
    ocr_exact_text_passed: int = Field(description="of those, briefs where no text check failed")
    text_pass_rate: float | None = Field(
        description="(a) ocr_exact_text_passed / ocr_exact: the like-for-like agreement on texts"
    )
    ocr_exact_passed: int = Field(description="of the OCR-exact briefs, those the verifier passed as a whole report")
    pass_rate: float | None = Field(description="(b) ocr_exact_passed / ocr_exact: every kind of check, and lint")
    text_passed: int = Field(description="compared briefs where no text check failed")
    text_passed_ocr_misread: int = Field(description="of those, briefs where the OCR misread a required string")
    converse_rate: float | None = Field(description="text_passed_ocr_misread / text_passed")
    unscored: int = Field(
        description="briefs with an image the OCR cannot score: no required string, or one in a script it cannot read"
    )
    not_recorded: int = Field(description="briefs with an image but no recorded checks (an eval before issue 16)")
    disagreements: list[TextDisagreement] = Field(description="both kinds, in the order of the results")


class CheckStatusCount(_Model):
    """How many of the verifier's checks of one kind (or of every kind: 'all') had each status, over the suite."""

    kind: str
    passed: int
    failed: int
    not_verified: int


def agreement(results: Sequence[BriefResult]) -> Agreement:
    """The verifier's text checks and whole report against the independent OCR's exact reading, brief by brief."""
    compared = [r for r in results if r.ocr_exact is not None and r.text_checks_passed is not None]
    exact = [r for r in compared if r.ocr_exact]
    exact_text_passed = sum(bool(r.text_checks_passed) for r in exact)
    exact_passed = sum(r.verifier_passed for r in exact)
    text_passed = [r for r in compared if r.text_checks_passed]
    text_passed_misread = sum(not r.ocr_exact for r in text_passed)
    images = [r for r in results if r.status == "done"]
    return Agreement(
        compared=len(compared),
        ocr_exact=len(exact),
        ocr_exact_text_passed=exact_text_passed,
        text_pass_rate=_share(exact_text_passed, len(exact)),
        ocr_exact_passed=exact_passed,
        pass_rate=_share(exact_passed, len(exact)),
        text_passed=len(text_passed),
        text_passed_ocr_misread=text_passed_misread,
        converse_rate=_share(text_passed_misread, len(text_passed)),
        unscored=sum(r.ocr_exact is None for r in images),
        not_recorded=sum(r.verifier_checks is None for r in images),
        disagreements=[_disagreement(r) for r in compared if r.ocr_exact != r.text_checks_passed],
    )


def check_status_counts(results: Sequence[BriefResult]) -> list[CheckStatusCount]:
    """Checks by status for each kind, then for all kinds together ('all'), over every recorded report."""
    checks = [check for result in results for check in result.verifier_checks or []]
    kinds = sorted({check.kind for check in checks})
    rows = [_row(kind, [c.status for c in checks if c.kind == kind]) for kind in kinds]
    return [*rows, _row("all", [c.status for c in checks])] if checks else []


def _row(kind: str, statuses: Sequence[CheckStatus]) -> CheckStatusCount:
    tally = Counter(statuses)
    return CheckStatusCount(
        kind=kind, passed=tally["passed"], failed=tally["failed"], not_verified=tally["not_verified"]
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _disagreement(result: BriefResult) -> TextDisagreement:
    text_checks = [c for c in result.verifier_checks or [] if c.kind == "text"]
    if result.ocr_exact:
        failed = [c for c in text_checks if c.status == "failed"]
        readings = [reading for check in failed for reading in _check_readings(check, result)]
        return TextDisagreement(id=result.id, kind="ocr_exact_but_text_check_failed", readings=readings)
    misread = [s for s in result.strings if not s.exact]
    readings = [_string_reading(s.expected, s.best_match, text_checks) for s in misread]
    return TextDisagreement(id=result.id, kind="text_checks_passed_but_ocr_misread", readings=readings)


def _check_readings(check: VerifierCheck, result: BriefResult) -> list[TextReading]:
    """Each planned text the check read, with the independent OCR's closest reading of it."""
    if not check.texts:
        return [_reading(check.expected, None, None, check)]
    reading = OcrReading(engine=result.ocr_engine, lines=result.ocr_lines)
    scores = [string_score(text, reading.texts, reading.texts_by_block) for text in check.texts]
    return [_reading(s.expected, s.best_match, s.exact, check) for s in scores]


def _string_reading(expected: str, ocr_read: str, text_checks: Sequence[VerifierCheck]) -> TextReading:
    """A required string the OCR misread, beside the text check that read it: the one whose planned text holds the
    string, else the one with the longest planned text that is part of the string (a string set over two elements);
    none when no planned text overlaps it."""
    wanted = edit_normalise(expected)
    planned = [(edit_normalise(text), check) for check in text_checks for text in check.texts]
    holders = [check for text, check in planned if wanted in text]
    parts = sorted(((text, check) for text, check in planned if text in wanted), key=lambda part: -len(part[0]))
    return _reading(expected, ocr_read, False, next(iter([*holders, *(check for _, check in parts)]), None))


def _reading(text: str, ocr_read: str | None, ocr_exact: bool | None, check: VerifierCheck | None) -> TextReading:
    if check is None:
        return TextReading(text=text, ocr_read=ocr_read, ocr_exact=ocr_exact)
    return TextReading(
        text=text,
        ocr_read=ocr_read,
        ocr_exact=ocr_exact,
        check_id=check.constraint_id,
        verifier_status=check.status,
        verifier_read=check.measured,
        verifier_evidence=check.evidence,
    )
