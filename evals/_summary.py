"""The summary of an eval: suite-level figures from the per-brief results, as JSON and Markdown."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from tessera.evals._agreement import Agreement, CheckStatusCount, TextReading, agreement, check_status_counts
from tessera.evals._results import BriefResult
from tessera.evals._suite import MetricLanguage, SuiteEntry


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeStats(_Model):
    """Seconds per brief: median, 95th percentile (linear interpolation), mean, max."""

    n: int
    median: float | None = None
    p95: float | None = None
    mean: float | None = None
    max: float | None = None


class Accuracy(_Model):
    """LongText-Bench accuracy over briefs: total matched units over total required units."""

    language: MetricLanguage
    unit: str = Field(description="'word' for English, 'character' for Chinese")
    briefs: int
    matched: int
    required: int
    score: float | None


class CategoryRow(_Model):
    """Figures for one category of briefs."""

    category: str
    briefs: int
    accuracy: float | None = Field(description="LongText-Bench accuracy (words or characters, by the briefs' language)")
    mean_ned: float | None
    verifier_pass_rate: float | None


class Disagreement(_Model):
    """A brief where the eval's OCR and the verifier's verdict disagree."""

    id: str
    kind: str = Field(description="'misread_but_verifier_passed' or 'read_but_verifier_failed'")
    detail: str


class EvalSummary(_Model):
    """Suite-level figures. Rates are over briefs with a result; missing briefs are counted apart."""

    suite: str
    effort: str
    size: str | None
    ocr_engines: list[str]
    briefs: int = Field(description="briefs selected from the suite")
    with_result: int
    missing: int = Field(description="briefs without a result yet (an interrupted run)")
    failed: int = Field(description="briefs the engine refused (scored as nothing read)")
    errors: int = Field(description="unexpected faults (scored as nothing read; retried on re-run)")
    accuracy: list[Accuracy] = Field(description="one row per language: word accuracy (en), character accuracy (zh)")
    accuracy_raw: list[Accuracy] = Field(description="the same before the eval restored dropped word gaps")
    strings: int = Field(description="required strings scored by edit distance")
    unscored_strings: int = Field(description="required strings in a script the eval's OCR cannot read")
    mean_ned: float | None
    exact_string_rate: float | None = Field(description="share of required strings OCR found exactly")
    counts: int
    count_accuracy_verifier: float | None = Field(
        description="share of required counts the VERIFIER measured right: verifier evidence, not independent"
    )
    verifier_pass_rate: float | None
    first_pass_rate: float | None = Field(description="passed the verifier with no revision")
    mean_revisions: float | None
    max_revisions: int | None
    engine_seconds: TimeStats
    ocr_seconds: TimeStats
    wall_seconds: TimeStats
    by_category: list[CategoryRow]
    disagreements: list[Disagreement]
    agreement: Agreement = Field(description="the verifier's text checks and whole report against the eval's OCR")
    check_statuses: list[CheckStatusCount] = Field(
        description="the verifier's checks by status, one row per kind and a last row 'all'"
    )
    run_briefs: int = Field(default=0, description="briefs evaluated by this invocation (the rest were resumed)")
    run_seconds: float = Field(default=0.0, description="wall time of this invocation")
    workers: int = 1


def summarise(
    suite: str,
    entries: Sequence[SuiteEntry],
    results: Sequence[BriefResult],
    *,
    effort: str,
    size: str | None,
    run_briefs: int = 0,
    run_seconds: float = 0.0,
    workers: int = 1,
) -> EvalSummary:
    """Aggregate per-brief results (those of `entries` only) into suite-level figures."""
    wanted = {entry.id for entry in entries}
    kept = [result for result in results if result.id in wanted]
    done = [result for result in kept if result.status == "done"]
    strings = [score for result in kept for score in result.strings]
    counts = [score for result in kept for score in result.counts]
    revisions = [result.revisions for result in done if result.revisions is not None]
    return EvalSummary(
        suite=suite,
        effort=effort,
        size=size,
        ocr_engines=sorted({result.ocr_engine for result in kept if result.ocr_engine}),
        briefs=len(wanted),
        with_result=len(kept),
        missing=len(wanted) - len(kept),
        failed=sum(result.status == "failed" for result in kept),
        errors=sum(result.status == "error" for result in kept),
        accuracy=_accuracy(kept, raw=False),
        accuracy_raw=_accuracy(kept, raw=True),
        strings=len(strings),
        unscored_strings=sum(len(result.unscored_strings) for result in kept),
        mean_ned=_mean([score.ned for score in strings]),
        exact_string_rate=_mean([float(score.exact) for score in strings]),
        counts=len(counts),
        count_accuracy_verifier=_mean([float(score.correct) for score in counts]),
        verifier_pass_rate=_mean([float(result.verifier_passed) for result in kept]),
        first_pass_rate=_mean([float(result.first_pass) for result in kept]),
        mean_revisions=_mean([float(r) for r in revisions]),
        max_revisions=max(revisions) if revisions else None,
        engine_seconds=time_stats([r.engine_seconds for r in done if r.engine_seconds is not None]),
        ocr_seconds=time_stats([r.ocr_seconds for r in done if r.ocr_seconds is not None]),
        wall_seconds=time_stats([r.wall_seconds for r in kept]),
        by_category=_categories(kept),
        disagreements=_disagreements(kept),
        agreement=agreement(kept),
        check_statuses=check_status_counts(kept),
        run_briefs=run_briefs,
        run_seconds=round(run_seconds, 2),
        workers=workers,
    )


def time_stats(seconds: Sequence[float]) -> TimeStats:
    """Median, p95 (numpy's linear interpolation), mean and max, rounded to milliseconds."""
    if not seconds:
        return TimeStats(n=0)
    values = np.asarray(seconds, dtype=float)
    return TimeStats(
        n=len(values),
        median=round(float(np.median(values)), 3),
        p95=round(float(np.percentile(values, 95)), 3),
        mean=round(float(values.mean()), 3),
        max=round(float(values.max()), 3),
    )


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _accuracy(results: Sequence[BriefResult], *, raw: bool) -> list[Accuracy]:
    rows: list[Accuracy] = []
    units: tuple[tuple[MetricLanguage, str], ...] = (("en", "word"), ("zh", "character"))
    for language, unit in units:
        scores = [r.text_accuracy_raw if raw else r.text_accuracy for r in results if r.language == language]
        if not scores:
            continue
        matched, required = sum(s.matched for s in scores), sum(s.required for s in scores)
        rows.append(
            Accuracy(
                language=language,
                unit=unit,
                briefs=len(scores),
                matched=matched,
                required=required,
                score=round(matched / required, 4) if required else None,
            )
        )
    return rows


def _categories(results: Sequence[BriefResult]) -> list[CategoryRow]:
    rows: list[CategoryRow] = []
    for category in sorted({r.category for r in results}):
        members = [r for r in results if r.category == category]
        matched = sum(r.text_accuracy.matched for r in members)
        required = sum(r.text_accuracy.required for r in members)
        rows.append(
            CategoryRow(
                category=category or "(none)",
                briefs=len(members),
                accuracy=round(matched / required, 4) if required else None,
                mean_ned=_mean([s.ned for r in members for s in r.strings]),
                verifier_pass_rate=_mean([float(r.verifier_passed) for r in members]),
            )
        )
    return rows


def _disagreements(results: Sequence[BriefResult]) -> list[Disagreement]:
    found: list[Disagreement] = []
    for result in results:
        if result.misread_but_verifier_passed:
            misses = [s for s in result.strings if not s.exact]
            detail = "; ".join(f"{s.expected!r} read as {s.best_match!r} (NED {s.ned:.2f})" for s in misses[:3])
            found.append(Disagreement(id=result.id, kind="misread_but_verifier_passed", detail=detail))
        elif result.read_but_verifier_failed:
            found.append(Disagreement(id=result.id, kind="read_but_verifier_failed", detail=result.verifier_summary))
    return found


def summary_markdown(summary: EvalSummary, results: Sequence[BriefResult]) -> str:
    """The summary as a Markdown page: headline figures, categories, disagreements, every brief."""
    lines = [
        f"# Eval of `{summary.suite}`",
        "",
        f"effort `{summary.effort}`, size `{summary.size or 'as the brief says'}`,"
        f" OCR: {', '.join(summary.ocr_engines) or '-'}",
        "",
        "| figure | value |",
        "|---|---|",
        f"| briefs | {summary.with_result} of {summary.briefs} with a result"
        f" ({summary.failed} refused, {summary.errors} faults, {summary.missing} missing) |",
    ]
    for row, raw in zip(summary.accuracy, summary.accuracy_raw, strict=True):
        name = "word accuracy (en)" if row.language == "en" else "character accuracy (zh)"
        # Restored word gaps only matter to English words; Chinese accuracy ignores whitespace.
        before = f"; {_fmt(raw.score)} before restoring word gaps" if row.language == "en" else ""
        lines.append(
            f"| {name}, LongText-Bench definition | **{_fmt(row.score)}**"
            f" ({row.matched}/{row.required} {row.unit}s{before}) |"
        )
    unscored = (
        f"; {summary.unscored_strings} in scripts the OCR cannot read, not scored" if summary.unscored_strings else ""
    )
    lines += [
        f"| mean normalised edit distance per required string | {_fmt(summary.mean_ned)}"
        f" ({summary.strings} strings{unscored}) |",
        f"| required strings read exactly | {_pct(summary.exact_string_rate)} |",
    ]
    if summary.counts:
        lines.append(
            f"| count accuracy (**verifier evidence, not independent**) | {_pct(summary.count_accuracy_verifier)}"
            f" ({summary.counts} counts) |"
        )
    lines += [
        f"| verifier pass rate | {_pct(summary.verifier_pass_rate)} |",
        f"| first-pass rate (passed, no revision) | {_pct(summary.first_pass_rate)} |",
        f"| revisions used (mean / max) | {_fmt(summary.mean_revisions)} / {_count(summary.max_revisions)} |",
        f"| engine s/brief (median / p95) | {_fmt(summary.engine_seconds.median)}"
        f" / {_fmt(summary.engine_seconds.p95)} |",
        f"| eval OCR s/brief (median / p95) | {_fmt(summary.ocr_seconds.median)} / {_fmt(summary.ocr_seconds.p95)} |",
        f"| wall s/brief (median / p95) | {_fmt(summary.wall_seconds.median)} / {_fmt(summary.wall_seconds.p95)} |",
        f"| this invocation | {summary.run_briefs} briefs in {summary.run_seconds:.1f} s"
        f" with {summary.workers} worker(s) |",
        f"| eval and verifier disagree | {len(summary.disagreements)} brief(s) |",
        *_agreement_rows(summary.agreement),
        *_status_total_row(summary.check_statuses),
        "",
    ]
    if len(summary.by_category) > 1:
        lines += [
            "## By category",
            "",
            "| category | briefs | accuracy | mean NED | verifier pass |",
            "|---|---|---|---|---|",
        ]
        for group in summary.by_category:
            lines.append(
                f"| {group.category} | {group.briefs} | {_fmt(group.accuracy)} | {_fmt(group.mean_ned)} "
                f"| {_pct(group.verifier_pass_rate)} |"
            )
        lines.append("")
    lines += _check_status_lines(summary.check_statuses)
    lines += _text_disagreement_lines(summary.agreement)
    if summary.disagreements:
        lines += ["## Where the eval and the verifier disagree", ""]
        lines += [f"- `{d.id}` {d.kind.replace('_', ' ')}: {_cell(d.detail)}" for d in summary.disagreements]
        lines.append("")
    lines += [
        "## Briefs",
        "",
        "| id | category | status | accuracy | mean NED | verifier | revisions | engine s | worst string (OCR read) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        worst = max(result.strings, key=lambda s: s.ned, default=None)
        worst_text = f"{worst.expected!r} → {worst.best_match!r}" if worst and not worst.exact else ""
        lines.append(
            f"| {result.id} | {result.category} | {result.status} | {_fmt(result.text_accuracy.score)}"
            f" | {_fmt(result.mean_ned)} | {'pass' if result.verifier_passed else 'FAIL'} | {_count(result.revisions)}"
            f" | {_fmt(result.engine_seconds)} | {_cell(worst_text)} |"
        )
    return "\n".join(lines) + "\n"


def _agreement_rows(found: Agreement) -> list[str]:
    return [
        f"| (a) verifier text checks pass, of briefs the eval's OCR reads exactly | **{_pct(found.text_pass_rate)}**"
        f" ({found.ocr_exact_text_passed}/{found.ocr_exact}) |",
        f"| (b) verifier passes the whole report, of those | {_pct(found.pass_rate)}"
        f" ({found.ocr_exact_passed}/{found.ocr_exact}) |",
        f"| converse: eval's OCR misreads a string, of briefs whose text checks pass | {_pct(found.converse_rate)}"
        f" ({found.text_passed_ocr_misread}/{found.text_passed}) |",
    ]


def _status_total_row(rows: Sequence[CheckStatusCount]) -> list[str]:
    # The last row is every kind together.
    return [
        f"| checks passed / failed / not verified | {r.passed} / {r.failed} / {r.not_verified} |" for r in rows[-1:]
    ]


def _check_status_lines(rows: Sequence[CheckStatusCount]) -> list[str]:
    if not rows:
        return []
    lines = ["## The verifier's checks by status", "", "| kind | passed | failed | not verified |", "|---|---|---|---|"]
    lines += [f"| {r.kind} | {r.passed} | {r.failed} | {r.not_verified} |" for r in rows]
    return [*lines, ""]


def _text_disagreement_lines(found: Agreement) -> list[str]:
    if not found.disagreements:
        return []
    lines = [
        "## Where the verifier's text checks and the eval's OCR disagree",
        "",
        f"{found.compared} briefs compared ({found.unscored} the OCR cannot score, {found.not_recorded} without"
        " recorded checks).",
        "",
    ]
    for disagreement in found.disagreements:
        lines.append(f"- `{disagreement.id}` {disagreement.kind.replace('_', ' ')}:")
        lines += [f"  - {_reading_line(reading)}" for reading in disagreement.readings]
    return [*lines, ""]


def _reading_line(reading: TextReading) -> str:
    ocr = "not looked for" if reading.ocr_read is None else f"read {reading.ocr_read!r}"
    text = f"{_cell(repr(reading.text), 300)}: eval's OCR {_cell(ocr, 300)}"
    if reading.check_id is None:
        return text + "; no text check read it"
    return (
        f"{text}; verifier `{reading.check_id}` {reading.verifier_status}: {_cell(reading.verifier_read, 300)}"
        f" ({_cell(reading.verifier_evidence, 300)})"
    )


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _cell(text: str, limit: int = 160) -> str:
    return text.replace("|", "\\|").replace("\n", " ")[:limit]
