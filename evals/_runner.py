"""Running a suite: each brief through the engine, the eval's OCR and the metrics, in worker processes."""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tessera.agents import Effort, Engine, RunRequest, Settings, parse_size
from tessera.evals._contact_sheet import sample_results, write_contact_sheet
from tessera.evals._metrics import count_scores, score_texts
from tessera.evals._ocr import EvalOcr, OcrReading, RapidEvalOcr
from tessera.evals._results import BriefResult, BriefStatus, EvalConfig, ResultsFolder, write_atomic
from tessera.evals._suite import SuiteEntry, load_suite
from tessera.evals._summary import EvalSummary, summarise, summary_markdown
from tessera.contract import Canvas, LayoutPlan, SetupError, TesseraError, VerificationReport


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
    """Makes one image from a request: `agents.Engine`, or a fake in tests."""

    def generate(self, request: RunRequest) -> EngineOutcome:
        """Plan, render, verify and revise one brief."""
        ...


EngineFactory = Callable[[int], BriefEngine]
"""Builds a worker's engine; gets the worker's slot number (0 .. workers-1)."""

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


@dataclass(frozen=True)
class TesseraEngineFactory:
    """The real engine, one per worker, each in its own home so their checkpoint databases never contend."""

    settings: Settings
    home_root: Path

    def __call__(self, slot: int) -> BriefEngine:
        return Engine(self.settings.model_copy(update={"home": self.home_root / f"worker-{slot}"}))


def default_ocr_factory(workers: int) -> OcrFactory:
    """RapidOCR with the machine's cores shared out between the workers."""
    return partial(RapidEvalOcr, threads=max(1, (os.cpu_count() or 1) // workers))


class _RequestInvalid(Exception):
    """The suite entry does not make a valid request (brief too long, bad size): the brief fails."""


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
            request = self._request(entry)
            outcome = self.engine.generate(request)
            self._keep_files(outcome, brief_dir)
            reading = self.ocr.read(brief_dir / "image.png")
        except _RequestInvalid as err:
            status, error = "failed", str(err)
        except TesseraError as err:
            # The engine refused the brief: a result like any other, scored as nothing read.
            status, error = "failed", f"{type(err).__name__}: {err}"
        except Exception as err:  # noqa: BLE001 - a fault in one brief must not end the eval
            status, error = "error", f"{type(err).__name__}: {err}\n{traceback.format_exc(limit=-6)}"
        if status != "done":
            outcome, reading = None, None
        result = self._result(entry, status, error, outcome, reading, time.perf_counter() - started)
        self.folder.write_result(result)
        return result

    def _request(self, entry: SuiteEntry) -> RunRequest:
        size = self.options.size or entry.size
        try:
            canvas: Canvas | None = parse_size(size) if size else None
            return RunRequest(brief=entry.brief, canvas=canvas, effort=self.options.effort, seed=self.options.seed)
        except (TesseraError, ValidationError) as err:
            raise _RequestInvalid(f"the suite's brief cannot be requested: {err}") from err

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
        )


# The worker process's state, built once by `_start_worker` (spawned processes share nothing).
_WORKER: _Worker | None = None
_WORKER_FAULT: BaseException | None = None


def _start_worker(
    engine_factory: EngineFactory,
    ocr_factory: OcrFactory,
    slots: multiprocessing.Queue,  # type: ignore[type-arg]
    folder_root: Path,
    options: EvalOptions,
) -> None:
    global _WORKER, _WORKER_FAULT
    try:
        _WORKER = _Worker(engine_factory(slots.get()), ocr_factory(), ResultsFolder(folder_root), options)
    except Exception as err:  # noqa: BLE001
        # An initializer that raises breaks the whole pool with no message; keep the error and
        # hand it to the first brief instead, so the user sees what to fix (a SetupError, say).
        _WORKER_FAULT = err


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
        worker = _Worker(engine_factory(0), ocr_factory(), folder, options)
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
    settings: Settings,
    engine_factory: EngineFactory | None = None,
    ocr_factory: OcrFactory | None = None,
    on_result: ResultCallback | None = None,
    contact_sheet_size: int = 24,
) -> EvalRun:
    """Run every brief of a suite not yet finished in `options.out`, then write the summary and contact sheet.

    `settings` configures the real engine (its `home` is replaced by one per worker under the
    results folder) and names the font folders for the contact sheet; `engine_factory` and
    `ocr_factory` replace the engine and the OCR (tests).
    """
    started = time.perf_counter()
    if ocr_factory is None and importlib.util.find_spec("rapidocr_onnxruntime") is None:
        raise SetupError("the eval's OCR is missing: install it with `pip install rapidocr-onnxruntime==1.4.4`")
    entries = load_suite(suite, limit=options.limit)
    folder = ResultsFolder(options.out)
    folder.claim(eval_config(suite, options))
    engines = engine_factory or TesseraEngineFactory(settings, folder.engine_home)
    todo = pending_entries(entries, folder)
    for done, result in enumerate(
        evaluate_entries(todo, options, folder, engine_factory=engines, ocr_factory=ocr_factory or default_ocr_factory(options.workers)),
        start=1,
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
        font_dirs=settings.font_dirs,
    )
    return EvalRun(
        summary=summary,
        results=results,
        folder=folder.root,
        summary_json=summary_json,
        summary_markdown=summary_md,
        contact_sheet=sheet,
    )
