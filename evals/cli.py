"""The `tessera eval` command. Register it with `app.command("eval")(eval_command)`.

Exit codes: 0 every selected brief has a result; 1 some briefs hit an unexpected fault (their
results say which; re-running retries them); 2 the input needs changing; 130 interrupted
(finished briefs are kept; the same command resumes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tessera.agents import Settings, parse_effort, parse_size
from tessera.evals._results import BriefResult
from tessera.evals._runner import EvalOptions, EvalRun, run_eval
from tessera.evals._summary import EvalSummary
from tessera.contract import RequestError, TesseraError

EXIT_FAULTS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

_err = Console(stderr=True)


def eval_command(
    suite: Annotated[Path, typer.Argument(help="JSON Lines suite: LongText-Bench lines (prompt, text) or Tessera lines (id, brief, texts, counts)")],
    out: Annotated[Path | None, typer.Option(help="results folder; finished briefs in it are skipped (default: out/eval-<suite>-<effort>)")] = None,
    workers: Annotated[int, typer.Option(help="worker processes, each with its own engine", min=1, max=64)] = 2,
    limit: Annotated[int | None, typer.Option(help="only the first N briefs of the suite", min=1)] = None,
    effort: Annotated[str, typer.Option(help="low (no revision), medium (up to 2), high (up to 4)")] = "medium",
    size: Annotated[str | None, typer.Option(help="WIDTHxHEIGHT for every brief (default: as each brief says, else 1024x1024)")] = None,
    seed: Annotated[int, typer.Option(help="seed for every random choice", min=0)] = 0,
    sample: Annotated[int, typer.Option(help="how many results the contact sheet shows", min=1, max=200)] = 24,
) -> None:
    """Run every brief of a suite and measure the images with an OCR that is not the verifier's.

    Writes per-brief images, reports and results, summary.md, summary.json and contact_sheet.png.
    """
    try:
        parse_effort(effort)
        if size is not None:
            parse_size(size)
        if not suite.is_file():
            raise RequestError(f"suite {suite} is not a file; give a .jsonl file with one brief per line")
        options = EvalOptions(
            out=out or Path("out") / f"eval-{suite.stem}-{effort}",
            workers=workers,
            limit=limit,
            effort=effort,  # type: ignore[arg-type]
            size=size,
            seed=seed,
        )
        run = run_eval(suite, options, settings=Settings(), on_result=_print_progress, contact_sheet_size=sample)
    except TesseraError as err:
        _err.print(f"[bold red]error:[/] {err}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
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
    flag = "  [yellow]eval and verifier disagree[/]" if result.misread_but_verifier_passed or result.read_but_verifier_failed else ""
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
        table.add_row(f"{row.unit} accuracy ({row.language})", f"{row.score if row.score is not None else '-'}  ({row.matched}/{row.required})")
    table.add_row("mean NED per string", _fmt(summary.mean_ned))
    if summary.counts:
        table.add_row("count accuracy (verifier evidence)", _fmt(summary.count_accuracy_verifier))
    table.add_row("verifier pass rate", _fmt(summary.verifier_pass_rate))
    table.add_row("first-pass rate", _fmt(summary.first_pass_rate))
    table.add_row("mean revisions", _fmt(summary.mean_revisions))
    table.add_row("engine s/brief median / p95", f"{_fmt(summary.engine_seconds.median)} / {_fmt(summary.engine_seconds.p95)}")
    table.add_row("OCR s/brief median / p95", f"{_fmt(summary.ocr_seconds.median)} / {_fmt(summary.ocr_seconds.p95)}")
    table.add_row("disagreements with the verifier", str(len(summary.disagreements)))
    if summary.failed or summary.errors:
        table.add_row("refused / faults", f"{summary.failed} / {summary.errors}")
    _err.print(table)
    _err.print(f"summary: {run.summary_markdown}", highlight=False)
    if run.contact_sheet:
        _err.print(f"contact sheet: {run.contact_sheet}", highlight=False)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
