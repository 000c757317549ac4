"""The verifier against the independent OCR: hand-computed agreement figures, the disagreements listed with both
sides' readings, and the checks counted by status."""

from __future__ import annotations

from typing import Any

import pytest

from tessera.contract import Box, ConstraintCheck, LayoutPlan, SolidBackground, TextElement, root_frame
from tessera.evals import (
    BriefResult,
    OcrLine,
    TextAccuracy,
    VerifierCheck,
    agreement,
    string_score,
    summarise,
    summary_markdown,
)
from tessera.evals._suite import SuiteEntry


def _check(kind: str, status: str, *texts: str, check_id: str = "text-1", measured: str = "") -> VerifierCheck:
    return VerifierCheck(
        constraint_id=check_id,
        kind=kind,
        origin="brief",
        status=status,  # type: ignore[arg-type]
        expected=f"the text {texts[0]!r} (latin), exactly" if texts else "something",
        measured=measured,
        evidence="tesseract eng psm 7" if kind == "text" else "",
        texts=list(texts),
    )


def _result(brief_id: str, read: dict[str, str], checks: list[VerifierCheck] | None, **fields: Any) -> BriefResult:
    """A brief whose required strings are `read`'s keys, which the independent OCR read as `read`'s values."""
    lines = list(read.values())
    return BriefResult(
        id=brief_id,
        brief=f"brief {brief_id}",
        language="en",
        format="tessera",
        status=fields.pop("status", "done"),
        verifier_passed=fields.pop("verifier_passed", True),
        wall_seconds=1.0,
        ocr_lines=[OcrLine(text=line, score=0.9, box=(0, 20 * i, 100, 18)) for i, line in enumerate(lines)],
        text_accuracy=TextAccuracy(language="en", matched=0, required=0),
        text_accuracy_raw=TextAccuracy(language="en", matched=0, required=0),
        strings=[string_score(expected, lines) for expected in read],
        verifier_checks=checks,
        **fields,
    )


OPEN = {"OPEN DAILY": "OPEN DAILY"}
HOURS = {"Open 7 am - 4 pm": "Open 7 am - 4 pm"}
MISREAD = {"FRESH BREWS": "FRESH BRFWS"}
RESULTS = [
    # OCR exact, text check passed, whole report passed
    _result("a", OPEN, [_check("text", "passed", "OPEN DAILY")]),
    # OCR exact, text check not verified (blocks nothing), a position check failed: text agrees, report fails
    _result(
        "b",
        OPEN,
        [_check("text", "not_verified", "OPEN DAILY"), _check("position", "failed", check_id="pos-1")],
        verifier_passed=False,
    ),
    # OCR exact, the verifier's text check failed: the like-for-like disagreement
    _result(
        "c",
        HOURS,
        [_check("text", "failed", "Open 7 am - 4 pm", check_id="text-2", measured="body-1: read 'Open 7am-4pm'")],
        verifier_passed=False,
    ),
    # OCR exact, no text check at all (nothing failed), report passed
    _result("d", OPEN, []),
    # OCR misread, text check passed: the converse
    _result("e", MISREAD, [_check("text", "passed", "FRESH BREWS", measured="headline: read 'FRESH BREWS'")]),
    # OCR misread, text check failed: both sides agree the text is wrong
    _result("f", MISREAD, [_check("text", "failed", "FRESH BREWS")], verifier_passed=False),
    # left out: refused by the engine; a string the OCR cannot read; checks not recorded
    _result("g", OPEN, None, status="failed", verifier_passed=False),
    _result("h", OPEN, [_check("text", "passed", "OPEN DAILY")], unscored_strings=["Добро"]),
    _result("i", OPEN, None),
]


def test_a_brief_is_ocr_exact_only_when_every_required_string_is_scored_and_read_exactly() -> None:
    by_id = {r.id: r for r in RESULTS}
    assert [by_id[i].ocr_exact for i in "acegh"] == [True, True, False, None, None]


def test_text_checks_pass_when_none_failed_and_not_verified_ones_block_nothing() -> None:
    by_id = {r.id: r for r in RESULTS}
    assert [by_id[i].text_checks_passed for i in "abcdfgi"] == [True, True, False, True, False, None, None]


def test_agreement_figures_match_hand_computed_values() -> None:
    found = agreement(RESULTS)
    # compared: a..f (g refused, h unscored, i not recorded); OCR exact: a, b, c, d
    assert (found.compared, found.ocr_exact, found.unscored, found.not_recorded) == (6, 4, 1, 1)
    # (a) text checks pass in a, b, d of the four; (b) the whole report passes in a, d
    assert (found.ocr_exact_text_passed, found.text_pass_rate) == (3, 0.75)
    assert (found.ocr_exact_passed, found.pass_rate) == (2, 0.5)
    # converse: text checks pass in a, b, d, e; the OCR misread e
    assert (found.text_passed, found.text_passed_ocr_misread, found.converse_rate) == (4, 1, 0.25)


def test_each_disagreement_lists_both_sides_readings() -> None:
    found = agreement(RESULTS)
    assert [(d.id, d.kind) for d in found.disagreements] == [
        ("c", "ocr_exact_but_text_check_failed"),
        ("e", "text_checks_passed_but_ocr_misread"),
    ]
    (hours,) = found.disagreements[0].readings
    assert (hours.text, hours.ocr_read, hours.ocr_exact) == ("Open 7 am - 4 pm", "Open 7 am - 4 pm", True)
    assert (hours.check_id, hours.verifier_status, hours.verifier_read) == (
        "text-2",
        "failed",
        "body-1: read 'Open 7am-4pm'",
    )
    assert hours.verifier_evidence == "tesseract eng psm 7"
    (brews,) = found.disagreements[1].readings
    assert (brews.text, brews.ocr_read, brews.ocr_exact) == ("FRESH BREWS", "FRESH BRFWS", False)
    assert (brews.check_id, brews.verifier_status, brews.verifier_read) == (
        "text-1",
        "passed",
        "headline: read 'FRESH BREWS'",
    )


def test_a_misread_string_no_text_check_read_is_listed_without_a_verifier_side() -> None:
    lost = _result("j", {"Since 1998": "Since l998"}, [_check("text", "passed", "OPEN DAILY")])
    (reading,) = agreement([lost]).disagreements[0].readings
    assert (reading.text, reading.ocr_read, reading.check_id, reading.verifier_status) == (
        "Since 1998",
        "Since l998",
        None,
        None,
    )


def test_a_failed_check_with_no_planned_text_is_listed_as_not_looked_for() -> None:
    unplanned = _result("k", OPEN, [_check("text", "failed", measured="not in plan")], verifier_passed=False)
    (reading,) = agreement([unplanned]).disagreements[0].readings
    assert (reading.text, reading.ocr_read, reading.ocr_exact, reading.verifier_read) == (
        "something",
        None,
        None,
        "not in plan",
    )


def test_no_comparable_brief_gives_no_rates() -> None:
    found = agreement([RESULTS[6], RESULTS[8]])
    assert (found.compared, found.text_pass_rate, found.pass_rate, found.converse_rate) == (0, None, None, None)


def _entries() -> list[SuiteEntry]:
    return [
        SuiteEntry(id=r.id, brief=r.brief, language="en", format="tessera", texts=[s.expected for s in r.strings])
        for r in RESULTS
    ]


def test_the_summary_counts_every_check_by_status_per_kind_and_in_all() -> None:
    summary = summarise("suite", _entries(), RESULTS, effort="medium", size=None)
    rows = {row.kind: (row.passed, row.failed, row.not_verified) for row in summary.check_statuses}
    # text: passed a, e, h; failed c, f; not verified b. position: failed b.
    assert rows == {"position": (0, 1, 0), "text": (3, 2, 1), "all": (3, 3, 1)}
    assert summary.check_statuses[-1].kind == "all"
    assert summary.agreement.text_pass_rate == 0.75


def test_the_markdown_summary_shows_the_figures_and_each_disagreement() -> None:
    summary = summarise("suite", _entries(), RESULTS, effort="medium", size=None)
    page = summary_markdown(summary, RESULTS)
    assert "| (a) verifier text checks pass, of briefs the eval's OCR reads exactly | **75.0%** (3/4) |" in page
    assert "| (b) verifier passes the whole report, of those | 50.0% (2/4) |" in page
    assert "| converse: eval's OCR misreads a string, of briefs whose text checks pass | 25.0% (1/4) |" in page
    assert "| checks passed / failed / not verified | 3 / 3 / 1 |" in page
    assert "| text | 3 | 2 | 1 |" in page
    assert (
        "- `c` ocr exact but text check failed:\n  - 'Open 7 am - 4 pm': eval's OCR read 'Open 7 am - 4 pm';"
        " verifier `text-2` failed: body-1: read 'Open 7am-4pm' (tesseract eng psm 7)"
    ) in page


def test_the_eval_records_each_check_with_the_planned_text_of_the_elements_a_text_check_read() -> None:
    plan = LayoutPlan(
        background=SolidBackground(color="#ffffff"),
        root=root_frame([TextElement(id="headline", text="GRAND OPENING", box=Box(x=0, y=0, w=400, h=80))]),
    )
    check = ConstraintCheck(
        constraint_id="text-1",
        kind="text",
        passed=False,
        expected="the text 'GRAND OPENING' (latin), exactly",
        measured="headline: read 'GRAND 0PENING'",
        element_ids=["headline", "gone"],
    )
    kept = VerifierCheck.of(check, plan)
    assert (kept.status, kept.texts, kept.measured) == ("failed", ["GRAND OPENING"], "headline: read 'GRAND 0PENING'")
    unmeasured = ConstraintCheck(
        constraint_id="count-star", kind="count", passed=True, verified=False, expected="3 star", measured="-"
    )
    assert (VerifierCheck.of(unmeasured, plan).status, VerifierCheck.of(unmeasured, plan).texts) == (
        "not_verified",
        [],
    )


@pytest.mark.parametrize(("read", "exact"), [("OPEN DAILY", True), ("OPEN DAlLY", False)])
def test_one_wrong_letter_takes_a_brief_out_of_the_ocr_exact_set(read: str, exact: bool) -> None:
    result = _result("x", {"OPEN DAILY": read}, [_check("text", "passed", "OPEN DAILY")])
    assert result.ocr_exact is exact
    assert agreement([result]).ocr_exact == int(exact)


def test_a_misread_string_is_set_beside_the_check_whose_planned_text_holds_it() -> None:
    checks = [
        _check("text", "passed", "FitLife", check_id="brand", measured="headline: read 'FitLife'"),
        _check("text", "passed", "Huge thanks to #FitLife!", check_id="body", measured="body: read it"),
    ]
    result = _result("m", {"Huge thanks to #FitLife!": "Hugc thanks to #FitLife!"}, checks)
    (reading,) = agreement([result]).disagreements[0].readings
    assert (reading.check_id, reading.verifier_read) == ("body", "body: read it")
