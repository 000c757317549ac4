"""Running a suite: each brief through the engine, the eval's OCR and the metrics, in worker processes."""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import Effort, LayoutPlan, SetupError, TesseraError, VerificationReport
from tessera.evals._contact_sheet import sample_results, write_contact_sheet
from tessera.evals._metrics import count_scores, score_texts
from tessera.evals._ocr import EvalOcr, OcrReading, RapidEvalOcr
from tessera.evals._results import BriefResult, BriefStatus, EvalConfig, ResultsFolder, VerifierCheck, write_atomic
from tessera.evals._suite import SuiteEntry, load_suite
from tessera.evals._summary import EvalSummary, summarise, summary_markdown


class BriefRequest(BaseModel):
    """One suite brief, as the eval asks an engine for its image."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    brief: str
    size: str | None = Field(default=None, description="WIDTHxHEIGHT; None: the size the brief names")
    effort: Effort = "medium"
    seed: int = Field(default=0, ge=0, le=2**32 - 1)


class EngineOutcome(Protocol):
    """The parts of `agents.RunOutcome` the eval reads."""

    @property
    def run_id(self) -> str: ...
    @property
    def image(self) -> Path: ...
    @property
    def passed(self) -> bool: ...
    @property
    def report(self) -> VerificationReport: ...
    @property
    def plan(self) -> LayoutPlan: ...
    @property
    def revisions(self) -> int: ...
    @property
    def timings(self) -> Mapping[str, float]: ...


class BriefEngine(Protocol):
    """Makes one image from a request: the agents package's Engine, or a fake in tests."""

    def generate(self, request: BriefRequest) -> EngineOutcome:
        """Plan, render, verify and revise one brief; a TesseraError when it refuses the request."""
        ...


EngineFactory = Callable[[Path], BriefEngine]
"""Builds a worker's engine, given a folder for the engine's own state that no other worker uses.

The eval never builds an engine itself: `tessera.agents` passes its factory in (the eval imports no agents code).
"""

OcrFactory = Callable[[], EvalOcr]
"""Builds a worker's OCR engine."""


class EvalOptions(BaseModel):
    """How to run a suite."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    out: Path = Field(description="results folder; finished briefs in it are skipped")
    workers: int = Field(default=2, ge=1, le=64, description="worker processes, each with one engine")
    limit: int | None = Field(default=None, ge=1, description="only the first N briefs of the suite")
    effort: Effort = "medium"
    size: str | None = Field(default=None, description="WIDTHxHEIGHT for every brief, overriding the suite's")
    seed: int = Field(default=0, ge=0, le=2**32 - 1)


def default_ocr_factory(workers: int) -> OcrFactory:
    """RapidOCR with the machine's cores shared out between the workers."""
    return partial(RapidEvalOcr, threads=max(1, (os.cpu_count() or 1) // workers))


@dataclass
class _Worker:
    """One process's engine and OCR, built once, evaluating briefs one after another."""

    engine: BriefEngine
    ocr: EvalOcr
    folder: ResultsFolder
    options: EvalOptions

    def evaluate(self, entry: SuiteEntry) -> BriefResult:
        started = time.perf_counter()
        brief_dir = self.folder.brief_dir(entry.id)
        brief_dir.mkdir(parents=True, exist_ok=True)
        status: BriefStatus = "done"
        error: str | None = None
        outcome: EngineOutcome | None = None
        reading: OcrReading | None = None
        try:
            outcome = self.engine.generate(self._request(entry))
            self._keep_files(outcome, brief_dir)
            reading = self.ocr.read(brief_dir / "image.png")
        except TesseraError as err:
            # The engine refused the brief (a size it cannot draw, say): a result like any other, read as nothing.
            status, error = "failed", f"{type(err).__name__}: {err}"
        except Exception as err:  # noqa: BLE001 - a fault in one brief must not end the eval
            status, error = "error", f"{type(err).__name__}: {err}\n{traceback.format_exc(limit=-6)}"
        if status != "done":
            outcome, reading = None, None
        result = self._result(entry, status, error, outcome, reading, time.perf_counter() - started)
        self.folder.write_result(result)
        return result

    def _request(self, entry: SuiteEntry) -> BriefRequest:
        size = self.options.size or entry.size
        return BriefRequest(brief=entry.brief, size=size, effort=self.options.effort, seed=self.options.seed)

    @staticmethod
    def _keep_files(outcome: EngineOutcome, brief_dir: Path) -> None:
        shutil.copyfile(outcome.image, brief_dir / "image.png")
        (brief_dir / "report.json").write_text(outcome.report.model_dump_json(indent=2), encoding="utf-8")
        (brief_dir / "plan.json").write_text(outcome.plan.model_dump_json(indent=2), encoding="utf-8")

    def _result(
        self,
        entry: SuiteEntry,
        status: BriefStatus,
        error: str | None,
        outcome: EngineOutcome | None,
        reading: OcrReading | None,
        seconds: float,
    ) -> BriefResult:
        # A brief without an image is scored as if OCR had read nothing in it.
        orders = [reading.texts, reading.texts_by_block] if reading else []
        accuracy, strings, unscored = score_texts(entry, orders, self.ocr.can_read)
        raw, _, _ = score_texts(entry, [reading.raw_texts] if reading else [], self.ocr.can_read)
        canvas = f"{outcome.plan.canvas.width}x{outcome.plan.canvas.height}" if outcome else None
        return BriefResult(
            id=entry.id,
            brief=entry.brief,
            language=entry.language,
            category=entry.category,
            length=entry.length,
            format=entry.format,
            status=status,
            error=error,
            run_id=outcome.run_id if outcome else None,
            image="image.png" if outcome else None,
            canvas=canvas,
            verifier_passed=bool(outcome and outcome.passed),
            verifier_summary=outcome.report.summary() if outcome else "",
            revisions=outcome.revisions if outcome else None,
            engine_seconds=outcome.timings.get("total") if outcome else None,
            ocr_seconds=reading.seconds if reading else None,
            wall_seconds=round(seconds, 3),
            ocr_engine=reading.engine if reading else self.ocr.name,
            ocr_lines=reading.lines if reading else [],
            text_accuracy=accuracy,
            text_accuracy_raw=raw,
            strings=strings,
            unscored_strings=unscored,
            counts=count_scores(entry.counts, outcome.report if outcome else None),
            verifier_checks=[VerifierCheck.of(c, outcome.plan) for c in outcome.report.checks] if outcome else None,
        )


# The worker process's state, built once by `_start_worker` (spawned processes share nothing).
_WORKER: _Worker | None = None
_WORKER_FAULT: BaseException | None = None


def _start_worker(
    engine_factory: EngineFactory,
    ocr_factory: OcrFactory,
    slots: multiprocessing.Queue,
    folder_root: Path,
    options: EvalOptions,
) -> None:
    global _WORKER, _WORKER_FAULT
    try:
        folder = ResultsFolder(folder_root)
        _WORKER = _Worker(engine_factory(_engine_home(folder, slots.get())), ocr_factory(), folder, options)
    except Exception as err:  # noqa: BLE001
        # An initializer that raises breaks the whole pool with no message; keep the error and
        # hand it to the first brief instead, so the user sees what to fix (a SetupError, say).
        _WORKER_FAULT = err


def _engine_home(folder: ResultsFolder, slot: int) -> Path:
    """Worker `slot`'s engine state, kept apart so that the workers' checkpoint databases never contend."""
    return folder.engine_home / f"worker-{slot}"


def _evaluate_in_worker(entry: SuiteEntry) -> BriefResult:
    if _WORKER_FAULT is not None:
        raise _WORKER_FAULT
    assert _WORKER is not None, "worker was not started"
    return _WORKER.evaluate(entry)


def pending_entries(entries: list[SuiteEntry], folder: ResultsFolder) -> list[SuiteEntry]:
    """The entries without a finished result in the folder, in suite order."""
    return [entry for entry in entries if not folder.is_finished(entry)]


def evaluate_entries(
    entries: list[SuiteEntry],
    options: EvalOptions,
    folder: ResultsFolder,
    *,
    engine_factory: EngineFactory,
    ocr_factory: OcrFactory,
) -> Iterator[BriefResult]:
    """Evaluate `entries`, yielding each result as it is stored (in completion order).

    One worker runs in this process; more run as spawned processes, each building its engine
    and OCR once. Stopping the iteration (or Ctrl-C) cancels what has not started; finished
    briefs stay in the folder.
    """
    if not entries:
        return
    if options.workers == 1 or len(entries) == 1:
        worker = _Worker(engine_factory(_engine_home(folder, 0)), ocr_factory(), folder, options)
        for entry in entries:
            yield worker.evaluate(entry)
        return
    workers = min(options.workers, len(entries))
    context = multiprocessing.get_context("spawn")  # no inherited locks, threads or ONNX sessions
    slots = context.Queue()
    for slot in range(workers):
        slots.put(slot)
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(engine_factory, ocr_factory, slots, folder.root, options),
    )
    try:
        running: set[Future[BriefResult]] = {executor.submit(_evaluate_in_worker, entry) for entry in entries}
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def eval_config(suite: Path, options: EvalOptions) -> EvalConfig:
    """What a results folder records about how its results were made."""
    return EvalConfig(suite=str(suite), effort=options.effort, size=options.size, seed=options.seed)


class EvalRun(BaseModel):
    """What `run_eval` produced: the summary, every result of the selected briefs, and the files written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    summary: EvalSummary
    results: list[BriefResult]
    folder: Path
    summary_json: Path
    summary_markdown: Path
    contact_sheet: Path | None


ResultCallback = Callable[[BriefResult, int, int], None]
"""Called after each brief with its result, how many of this run's briefs are done, and how many it has."""


def run_eval(
    suite: Path,
    options: EvalOptions,
    *,
    engine_factory: EngineFactory,
    font_dirs: Sequence[Path],
    ocr_factory: OcrFactory | None = None,
    on_result: ResultCallback | None = None,
    contact_sheet_size: int = 24,
) -> EvalRun:
    """Run every brief of a suite not yet finished in `options.out`, then write the summary and contact sheet.

    `engine_factory` builds each worker's engine (in a home of its own under the results folder);
    `font_dirs` are searched for the contact sheet's label font; `ocr_factory` replaces the eval's OCR (tests).
    """
    started = time.perf_counter()
    if ocr_factory is None and importlib.util.find_spec("rapidocr_onnxruntime") is None:
        raise SetupError("the eval's OCR is missing: install it with `pip install rapidocr-onnxruntime==1.4.4`")
    entries = load_suite(suite, limit=options.limit)
    folder = ResultsFolder(options.out)
    folder.claim(eval_config(suite, options))
    todo = pending_entries(entries, folder)
    ocr = ocr_factory or default_ocr_factory(options.workers)
    for done, result in enumerate(
        evaluate_entries(todo, options, folder, engine_factory=engine_factory, ocr_factory=ocr), start=1
    ):
        if on_result is not None:
            on_result(result, done, len(todo))
    results = [r for r in (folder.read_result(entry.id) for entry in entries) if r is not None]
    summary = summarise(
        str(suite),
        entries,
        results,
        effort=options.effort,
        size=options.size,
        run_briefs=len(todo),
        run_seconds=time.perf_counter() - started,
        workers=min(options.workers, max(len(todo), 1)),
    )
    summary_json = folder.root / "summary.json"
    summary_md = folder.root / "summary.md"
    write_atomic(summary_json, summary.model_dump_json(indent=2))
    write_atomic(summary_md, summary_markdown(summary, results))
    sheet = write_contact_sheet(
        sample_results(results, contact_sheet_size),
        folder.root / "briefs",
        folder.root / "contact_sheet.png",
        font_dirs=font_dirs,
    )
    return EvalRun(
        summary=summary,
        results=results,
        folder=folder.root,
        summary_json=summary_json,
        summary_markdown=summary_md,
        contact_sheet=sheet,
    )
