"""`tessera eval` on a console: a line per brief as it finishes, then the summary table, and the eval's exit codes.

`tessera.agents.cli` registers the command: it checks the options and passes in the engine factory, so the eval
imports no engine. Exit codes: 0 every selected brief has a result; 1 some briefs hit an unexpected fault (their
results say which; re-running retries them); 130 interrupted (finished briefs are kept; the same command resumes).
A Tessera error (a suite that cannot be read, the eval's OCR missing) is raised to the command, which exits with
its type's code (`tessera.contract.ExitCode`: 2 the input needs changing, 4 the machine lacks something, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from tessera.contract import Effort, RequestError
from tessera.evals._results import BriefResult
from tessera.evals._runner import EngineFactory, EvalOptions, EvalRun, run_eval
from tessera.evals._summary import EvalSummary

EXIT_FAULTS = 1
EXIT_INTERRUPTED = 130

_err = Console(stderr=True)


def eval_on_console(
    suite: Path,
    *,
    out: Path | None,
    workers: int,
    limit: int | None,
    effort: Effort,
    size: str | None,
    seed: int,
    sample: int,
    engine_factory: EngineFactory,
    font_dirs: Sequence[Path],
) -> None:
    """Run a suite, printing each brief's result and then the summary; typer.Exit with the eval's exit code.

    `out` None: `out/eval-<suite>-<effort>`. `size` must already be a valid WIDTHxHEIGHT (the command checks it).
    """
    if not suite.is_file():
        raise RequestError(f"suite {suite} is not a file; give a .jsonl file with one brief per line")
    options = EvalOptions(
        out=out or Path("out") / f"eval-{suite.stem}-{effort}",
        workers=workers,
        limit=limit,
        effort=effort,
        size=size,
        seed=seed,
    )
    try:
        run = run_eval(
            suite,
            options,
            engine_factory=engine_factory,
            font_dirs=font_dirs,
            on_result=_print_progress,
            contact_sheet_size=sample,
        )
    except KeyboardInterrupt:
        _err.print("[yellow]interrupted:[/] finished briefs are kept; run the same command again to resume")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    _print_summary(run)
    if run.summary.errors:
        raise typer.Exit(EXIT_FAULTS)


def _print_progress(result: BriefResult, done: int, total: int) -> None:
    accuracy = result.text_accuracy.score
    ned = result.mean_ned
    verdict = "[green]pass[/]" if result.verifier_passed else "[red]FAIL[/]"
    if result.status != "done":
        verdict = f"[red]{result.status}[/]: {(result.error or '').splitlines()[0][:120]}"
    flag = (
        "  [yellow]eval and verifier disagree[/]"
        if result.misread_but_verifier_passed or result.read_but_verifier_failed
        else ""
    )
    if result.ocr_exact and result.text_checks_passed is False:
        flag += "  [red]a text check failed that the eval's OCR reads exactly[/]"
    _err.print(
        f"[{done:>{len(str(total))}}/{total}] {result.id:<8} acc {'-' if accuracy is None else f'{accuracy:.2f}'}"
        f"  ned {'-' if ned is None else f'{ned:.2f}'}  verifier {verdict}"
        f"  rev {result.revisions if result.revisions is not None else '-'}  {result.wall_seconds:.1f} s{flag}",
        highlight=False,
        soft_wrap=True,
    )


def _print_summary(run: EvalRun) -> None:
    summary: EvalSummary = run.summary
    table = Table(title=f"eval of {summary.suite}: {summary.with_result}/{summary.briefs} briefs")
    table.add_column("figure")
    table.add_column("value")
    for row in summary.accuracy:
        table.add_row(
            f"{row.unit} accuracy ({row.language})",
            f"{row.score if row.score is not None else '-'}  ({row.matched}/{row.required})",
        )
    table.add_row("mean NED per string", _fmt(summary.mean_ned))
    if summary.counts:
        table.add_row("count accuracy (verifier evidence)", _fmt(summary.count_accuracy_verifier))
    table.add_row("verifier pass rate", _fmt(summary.verifier_pass_rate))
    table.add_row("first-pass rate", _fmt(summary.first_pass_rate))
    table.add_row("mean revisions", _fmt(summary.mean_revisions))
    table.add_row(
        "engine s/brief median / p95", f"{_fmt(summary.engine_seconds.median)} / {_fmt(summary.engine_seconds.p95)}"
    )
    table.add_row("OCR s/brief median / p95", f"{_fmt(summary.ocr_seconds.median)} / {_fmt(summary.ocr_seconds.p95)}")
    table.add_row("disagreements with the verifier", str(len(summary.disagreements)))
    found = summary.agreement
    table.add_row(
        "(a) text checks pass, of briefs OCR reads exactly",
        f"{_fmt(found.text_pass_rate)}  ({found.ocr_exact_text_passed}/{found.ocr_exact})",
    )
    table.add_row(
        "(b) whole report passes, of those", f"{_fmt(found.pass_rate)}  ({found.ocr_exact_passed}/{found.ocr_exact})"
    )
    table.add_row(
        "converse: OCR misreads, of text checks passed",
        f"{_fmt(found.converse_rate)}  ({found.text_passed_ocr_misread}/{found.text_passed})",
    )
    for total in summary.check_statuses[-1:]:  # every kind together
        table.add_row(
            "checks passed / failed / not verified", f"{total.passed} / {total.failed} / {total.not_verified}"
        )
    if summary.failed or summary.errors:
        table.add_row("refused / faults", f"{summary.failed} / {summary.errors}")
    _err.print(table)
    _err.print(f"summary: {run.summary_markdown}", highlight=False)
    if run.contact_sheet:
        _err.print(f"contact sheet: {run.contact_sheet}", highlight=False)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
