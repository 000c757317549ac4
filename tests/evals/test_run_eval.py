"""`run_eval` on a small suite with a fake engine and a fake OCR: figures match hand-computed values."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from PIL import Image

from tessera.agents import Settings
from tessera.contract import ConstraintCheck, RequestError, SetupError
from tessera.evals import EvalOptions, EvalRun, run_eval
from tessera.evals import cli as eval_cli

BRIEFS = {
    "a": {
        "brief": "Poster: 'GRAND OPENING', 'Since 1998', three stars.",
        "texts": ["GRAND OPENING", "Since 1998"],
        "counts": {"star": 3},
    },
    "b": {"brief": "Sign: 'FRESH BREWS'.", "texts": ["FRESH BREWS"]},
    "c": {"brief": "路牌：“中央公园”。", "texts": ["中央公园"]},
    "d": {"brief": "Banner: 'OPEN DAILY'.", "texts": ["OPEN DAILY"]},
    "e": {"brief": "Sticker: 'SALE'.", "texts": ["SALE"]},
}
STAR_CHECK = ConstraintCheck(
    constraint_id="count-star", kind="count", passed=True, expected="3 star", measured="3 instance(s) in group 'stars'"
)
ANSWERS: dict[str, dict[str, Any]] = {
    BRIEFS["a"]["brief"]: {"passed": True, "revisions": 0, "seconds": 2.0, "checks": [STAR_CHECK]},
    BRIEFS["b"]["brief"]: {"passed": True, "revisions": 1, "seconds": 4.0},  # verifier passes, OCR misreads
    BRIEFS["c"]["brief"]: {"passed": False, "revisions": 2, "seconds": 6.0},  # verifier fails, OCR reads all
    BRIEFS["d"]["brief"]: {"refuse": True},  # the engine refuses the brief
    BRIEFS["e"]["brief"]: {"crash": True},  # an unexpected fault
}
OCR_LINES = {"a": ["GRAND OPENING", "Since 1998"], "b": ["FRESH BRFWS"], "c": ["中央公园"]}


@pytest.fixture
def suite(write_suite: Callable[..., Path]) -> Path:
    return write_suite([json.dumps({"id": key, **value}, ensure_ascii=False) for key, value in BRIEFS.items()])


Engines = Callable[[dict[str, dict[str, Any]]], Any]


@pytest.fixture
def evaluate(settings: Settings, fake_ocr: Callable[..., Any]) -> Callable[..., EvalRun]:
    """Run the eval in-process with a given fake engine and the fake OCR reading OCR_LINES."""

    def evaluate(suite: Path, out: Path, engine: Any, **options: Any) -> EvalRun:
        return run_eval(
            suite,
            EvalOptions(out=out, workers=1, **options),
            engine_factory=lambda home: engine,
            font_dirs=settings.font_dirs,
            ocr_factory=lambda: fake_ocr(OCR_LINES),
        )

    return evaluate


@pytest.fixture
def run(suite: Path, tmp_path: Path, evaluate: Callable[..., EvalRun], fake_engine: Engines) -> EvalRun:
    return evaluate(suite, tmp_path / "results", fake_engine(ANSWERS))


def test_per_brief_scores_match_hand_computed_values(run: EvalRun) -> None:
    by_id = {r.id: r for r in run.results}
    assert [r.id for r in run.results] == ["a", "b", "c", "d", "e"]
    assert (by_id["a"].text_accuracy.matched, by_id["a"].text_accuracy.required) == (4, 4)
    assert (by_id["b"].text_accuracy.matched, by_id["b"].text_accuracy.required) == (1, 2)  # "brews" misread
    assert by_id["b"].strings[0].ned == pytest.approx(1 / 11)
    assert (by_id["c"].language, by_id["c"].text_accuracy.score) == ("zh", 1.0)
    assert by_id["a"].first_pass and not by_id["b"].first_pass
    assert by_id["a"].counts[0].correct and by_id["a"].counts[0].source == "verifier"


def test_the_eval_reports_a_misread_even_though_the_verifier_passed(run: EvalRun) -> None:
    b = next(r for r in run.results if r.id == "b")
    assert b.verifier_passed and b.misread_but_verifier_passed
    assert b.strings[0].best_match == "FRESH BRFWS"
    (disagreement,) = [d for d in run.summary.disagreements if d.id == "b"]
    assert disagreement.kind == "misread_but_verifier_passed"
    assert "'FRESH BREWS' read as 'FRESH BRFWS'" in disagreement.detail
    assert "FRESH BRFWS" in run.summary_markdown.read_text(encoding="utf-8")


def test_a_verifier_failure_the_eval_reads_perfectly_is_also_a_disagreement(run: EvalRun) -> None:
    assert ("c", "read_but_verifier_failed") in {(d.id, d.kind) for d in run.summary.disagreements}


def test_refused_and_crashed_briefs_score_as_nothing_read(run: EvalRun) -> None:
    by_id = {r.id: r for r in run.results}
    assert (by_id["d"].status, by_id["e"].status) == ("failed", "error")
    assert "the brief names no text to draw" in (by_id["d"].error or "")
    assert "renderer exploded" in (by_id["e"].error or "")
    assert by_id["d"].strings[0].ned == 1.0 and by_id["d"].text_accuracy.matched == 0


def test_suite_figures_are_micro_averages_over_every_brief_with_a_result(run: EvalRun) -> None:
    summary = run.summary
    english, chinese = summary.accuracy
    # en: a 4/4 + b 1/2 + d 0/2 + e 0/1 = 5/9 (not the mean of per-brief ratios); zh: c 4/4.
    assert (english.language, english.matched, english.required, english.score) == ("en", 5, 9, round(5 / 9, 4))
    assert (chinese.language, chinese.score) == ("zh", 1.0)
    assert summary.mean_ned == round((0 + 0 + 1 / 11 + 0 + 1 + 1) / 6, 4)
    assert summary.exact_string_rate == 0.5
    assert summary.count_accuracy_verifier == 1.0
    assert (summary.verifier_pass_rate, summary.first_pass_rate) == (0.4, 0.2)
    assert (summary.mean_revisions, summary.max_revisions) == (1.0, 2)
    assert (summary.failed, summary.errors, summary.missing) == (1, 1, 0)


def test_time_per_brief_has_median_and_p95_of_the_engine_and_the_ocr(run: EvalRun) -> None:
    engine, ocr = run.summary.engine_seconds, run.summary.ocr_seconds
    assert (engine.n, engine.median, engine.p95) == (3, 4.0, 5.8)  # numpy's linear p95 of 2, 4, 6
    assert (ocr.n, ocr.median) == (3, 0.5)


def test_the_results_folder_holds_images_reports_summaries_and_a_contact_sheet(run: EvalRun) -> None:
    brief = run.folder / "briefs" / "a"
    assert {p.name for p in brief.iterdir()} >= {"image.png", "report.json", "plan.json", "result.json"}
    assert json.loads((run.folder / "summary.json").read_text())["briefs"] == 5
    assert "| word accuracy (en), LongText-Bench definition | **0.556**" in run.summary_markdown.read_text(
        encoding="utf-8"
    )
    assert run.contact_sheet is not None
    with Image.open(run.contact_sheet) as sheet:
        assert sheet.size == (6 * 256 + 7 * 6, 256 + 44 + 2 * 6)  # five thumbnails fit one row of six


def test_a_rerun_skips_finished_briefs_and_retries_faults(
    suite: Path, run: EvalRun, evaluate: Callable[..., EvalRun], fake_engine: Engines
) -> None:
    again = fake_engine(ANSWERS)
    second = evaluate(suite, run.folder, again)
    assert again.calls == [BRIEFS["e"]["brief"]]  # only the crashed brief runs again
    assert second.summary.run_briefs == 1
    assert second.summary.accuracy == run.summary.accuracy


def test_a_rerun_with_other_options_is_refused(
    suite: Path, run: EvalRun, evaluate: Callable[..., EvalRun], fake_engine: Engines
) -> None:
    with pytest.raises(RequestError, match="effort='medium', not 'low'"):
        evaluate(suite, run.folder, fake_engine(ANSWERS), effort="low")


def test_limit_runs_only_the_first_briefs(
    suite: Path, tmp_path: Path, evaluate: Callable[..., EvalRun], fake_engine: Engines
) -> None:
    engine = fake_engine(ANSWERS)
    limited = evaluate(suite, tmp_path / "limited", engine, limit=2)
    assert [r.id for r in limited.results] == ["a", "b"] and len(engine.calls) == 2
    assert limited.summary.briefs == 2


def test_strings_the_ocr_cannot_read_are_left_unscored_not_called_misreads(
    write_suite: Callable[..., Path],
    tmp_path: Path,
    settings: Settings,
    fake_engine: Engines,
    fake_ocr: Callable[..., Any],
) -> None:
    brief = "Poster: 'Весна' and 'SPRING'."
    suite = write_suite(
        [json.dumps({"id": "f", "brief": brief, "texts": ["Весна", "SPRING"]}, ensure_ascii=False)], "f.jsonl"
    )
    run = run_eval(
        suite,
        EvalOptions(out=tmp_path / "f", workers=1),
        engine_factory=lambda home: fake_engine({brief: {"passed": True}}),
        font_dirs=settings.font_dirs,
        ocr_factory=lambda: fake_ocr({"f": ["SPRING"]}),  # the fake cannot read Cyrillic
    )
    (result,) = run.results
    assert [s.expected for s in result.strings] == ["SPRING"] and result.unscored_strings == ["Весна"]
    assert not result.misread_but_verifier_passed
    assert (run.summary.strings, run.summary.unscored_strings) == (1, 1)


def test_a_worker_that_cannot_start_reports_why(suite: Path, tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(SetupError, match="tessdata is missing"):
        run_eval(
            suite,
            EvalOptions(out=tmp_path / "broken", workers=2),
            engine_factory=_BrokenEngineFactory(),
            font_dirs=settings.font_dirs,
            ocr_factory=_BrokenEngineFactory(),
        )


class _BrokenEngineFactory:
    """Fails in the worker process, as an engine without its language data would."""

    def __call__(self, *home: Path) -> Any:
        raise SetupError("tessdata is missing")


def test_the_summary_sets_the_verifier_beside_the_eval_ocr(run: EvalRun) -> None:
    # OCR exact: a and c; no text check failed in either (a), the verifier passed a only (b);
    # text checks pass in a, b, c, and the OCR misread b (converse).
    found = json.loads(run.summary_json.read_text(encoding="utf-8"))["agreement"]
    assert (found["ocr_exact"], found["text_pass_rate"], found["pass_rate"]) == (2, 1.0, 0.5)
    assert (found["text_passed"], found["text_passed_ocr_misread"], found["converse_rate"]) == (3, 1, 0.3333)
    assert [(d["id"], d["kind"]) for d in found["disagreements"]] == [("b", "text_checks_passed_but_ocr_misread")]
    assert run.summary.check_statuses[-1].model_dump() == {"kind": "all", "passed": 1, "failed": 0, "not_verified": 0}


def test_the_console_summary_prints_the_agreement(
    suite: Path,
    tmp_path: Path,
    settings: Settings,
    fake_engine: Engines,
    fake_ocr: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def with_fake_ocr(suite: Path, options: EvalOptions, **parts: Any) -> EvalRun:
        return run_eval(suite, options, ocr_factory=lambda: fake_ocr(OCR_LINES), **parts)

    monkeypatch.setattr(eval_cli, "run_eval", with_fake_ocr)
    with pytest.raises(typer.Exit):  # brief e crashed: exit code 1
        eval_cli.eval_on_console(
            suite,
            out=tmp_path / "console",
            workers=1,
            limit=None,
            effort="medium",
            size=None,
            seed=0,
            sample=4,
            engine_factory=lambda home: fake_engine(ANSWERS),
            font_dirs=settings.font_dirs,
        )
    printed = capsys.readouterr().err
    assert "1.000  (2/2)" in printed and "0.500  (1/2)" in printed and "0.333  (1/3)" in printed
    assert "1 / 0 / 0" in printed
