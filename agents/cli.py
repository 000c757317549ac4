"""The `tessera` command line: generate images, list runs, read traces, resume runs, serve the API.

Exit codes (`tessera.contract.ExitCode`):
    0  The image was written and no check failed (checks nothing could measure are listed as not verified).
    1  An unexpected fault; the run folder keeps what happened.
    2  The input needs changing: the message says how.
    3  The image was written, but a check failed, something asked for was not planned, or (--strict) a check
       could not be verified.
    4  The machine lacks something it needs: a system package, a font, language data, model weights.
    5  A part service or a model failed or could not be reached.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, cast, get_args

import typer
from PIL import Image
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from tessera.agents._eval import EvalEngines
from tessera.agents._llm._cli import llm_app
from tessera.agents._trace_lines import describe
from tessera.agents.context import Progress
from tessera.agents.engine import Engine, RunOutcome, Understanding
from tessera.agents.request import (
    OutputFormat,
    RunRequest,
    check_background_format,
    check_brief,
    check_output_path,
    parse_background,
    parse_effort,
    parse_format,
    parse_kind,
    parse_planner,
    parse_size,
    unusable_text,
)
from tessera.agents.runs import RunStore
from tessera.agents.settings import Settings
from tessera.agents.supplied import material_from_files
from tessera.contract import (
    CheckStatus,
    Constraint,
    ConstraintCheck,
    DocumentKind,
    ExitCode,
    LayoutPlan,
    RequestError,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    TesseraError,
    for_output,
)
from tessera.evals.cli import eval_on_console

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Plan-then-render images with exact text and counts."
)
_KIND_HELP = f"the document kind to make, overriding the brief's ({', '.join(get_args(DocumentKind))})"
_ASSET_HELP = "NAME=PATH: your own image (PNG, JPEG or WebP) the brief can name, e.g. logo=./logo.png; repeatable"
_DATA_HELP = "NAME=PATH: a CSV or JSON data file for a chart or table the brief asks for; repeatable"
_BRAND_HELP = "brand.json: name, colors {primary, secondary, accent, text, background}, heading_font, body_font, logo"
_err = Console(stderr=True)
_out = Console()


_EFFORT_HELP = "low (no revision), medium (up to 2 revisions), high (the best of 3 first plans, up to 4 revisions)"
_STRICT_HELP = "count checks nothing could measure as failed: exit 3 unless every check was measured and passed"
# A check's status in the table: a mark and a word, so that a not-verified check never reads as passed.
_STATUS_MARKS: dict[CheckStatus, str] = {
    "passed": "[green]✓ passed[/]",
    "failed": "[bold red]✗ FAILED[/]",
    "not_verified": "[yellow]? not verified[/]",
}


@contextmanager
def _reporting_errors() -> Iterator[None]:
    """A TesseraError becomes one line on stderr and the exit code its type carries, never a traceback."""
    try:
        yield
    except TesseraError as err:
        _err.print(f"[bold red]error:[/] {err}", highlight=False, soft_wrap=True)
        raise typer.Exit(err.exit_code) from None


def _read_brief(brief: str) -> str:
    """The brief as given, or standard input's for '-'; a RequestError when standard input is not UTF-8 text."""
    if brief != "-":
        return brief
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as err:
        raise RequestError(f"standard input is not UTF-8 text (byte {err.start}); pipe the brief in as UTF-8") from None


def _load_plan(path: Path) -> LayoutPlan:
    """A plan file, version 2 or version 1 (read as a root stack whose children keep their boxes)."""
    try:
        text = path.read_text(encoding="utf-8")
        _check_plan_text(path, text)
        return LayoutPlan.model_validate_json(text)
    except OSError as err:
        raise RequestError(f"cannot read plan {path}: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise RequestError(f"plan {path} is not UTF-8 text (byte {err.start}); save it as UTF-8 JSON") from None
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        # A version 1 plan's elements are checked as the root's children: say so, or the path would puzzle.
        hint = " (a version 1 plan: its 'elements' are read as 'root.children')" if '"elements"' in text else ""
        raise RequestError(f"plan {path} is not a valid layout plan: {where}: {first['msg']}{hint}") from err


def _check_plan_text(path: Path, text: str) -> None:
    """A RequestError naming the field when the plan's JSON has a string no text may have (NUL, a lone surrogate, a
    control character); JSON that does not parse is left for the plan's own validation to explain."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return
    found = unusable_text(parsed)
    if found is not None:
        where, problem = found
        raise RequestError(f"plan {path}: {where or 'the plan'} contains {problem}; remove it")


_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "png": {"optimize": False},
    "jpeg": {"quality": 92},
    "webp": {"quality": 90},
}


def _save(source: Path, target: Path, output_format: OutputFormat) -> None:
    with Image.open(source) as image:
        kept = for_output(image, output_format)  # a transparent render keeps its alpha in PNG and WebP
    kept.save(target, format=output_format.upper(), **_SAVE_OPTIONS[output_format])


def _outcome_json(outcome: RunOutcome, out: Path) -> dict[str, Any]:
    return {
        "run_id": outcome.run_id,
        "image": str(out.resolve()),
        "plan": str(outcome.plan_path),
        "run_folder": str(outcome.folder),
        "planner": outcome.planner,
        "verification": {
            "passed": outcome.passed,
            "strict": outcome.strict,
            "counts": outcome.report.counts(),
            "summary": outcome.summary,
            "checks": [_check_json(check, outcome.folder) for check in outcome.report.checks],
            "lint": [{"code": f.code, "severity": f.severity, "message": f.message} for f in outcome.report.lint],
            "design": outcome.report.design.model_dump(mode="json") if outcome.report.design else None,
        },
        "drawn": [part.model_dump(mode="json") for part in outcome.drawn],
        "document": outcome.document,
        "coverage": [entry.model_dump(mode="json") for entry in outcome.coverage],
        "revisions": outcome.revisions,
        "notices": outcome.notices,
        "timings": outcome.timings,
    }


def _check_json(check: ConstraintCheck, folder: Path) -> dict[str, Any]:
    """One check as `--json` prints it: `status` (with `passed` and `verified`, kept for older readers), and the
    measurement's extras only where the verifier set them."""
    entry: dict[str, Any] = {
        "id": check.constraint_id,
        "kind": check.kind,
        "origin": check.origin,
        "element_ids": check.element_ids,
        "status": check.status,
        "passed": check.passed,
        "verified": check.verified,
        "expected": check.expected,
        "measured": check.measured,
        "evidence": check.evidence,
    }
    if check.fix:
        entry["fix"] = check.fix
    if check.instances:
        entry["instances"] = [box.model_dump(mode="json") for box in check.instances]
    if check.measured_color:
        entry["measured_color"] = check.measured_color
    if check.conflicts:
        entry["conflicts"] = check.conflicts
    if check.evidence_image:
        entry["evidence_image"] = str((folder / check.evidence_image).resolve())
    return entry


def _verdict(outcome: RunOutcome) -> str:
    """One line: whether the image passes and, when it does not, what blocks it."""
    report, unverified = outcome.report, len(outcome.report.unverified())
    if outcome.passed:
        left = f" ({unverified} not verified: not counted as failed without --strict)" if unverified else ""
        return f"[bold green]passed[/]{left}"
    blocking = [f"{len(report.failures())} failed"] if report.failures() else []
    blocking += [f"{len(report.errors())} layout error(s)"] if report.errors() else []
    blocking += [f"{unverified} not verified (--strict)"] if outcome.strict and unverified else []
    return "[bold red]FAILED[/]: " + (", ".join(blocking) or outcome.summary)


def _show_outcome(outcome: RunOutcome, out: Path) -> None:
    table = Table(title=f"run {outcome.run_id}: {outcome.summary}", show_lines=False)
    table.add_column("status", no_wrap=True)
    for column in ("from", "check", "expected", "measured"):
        table.add_column(column)
    for check in outcome.report.checks:
        table.add_row(
            _STATUS_MARKS[check.status], check.origin, f"{check.kind} {check.constraint_id}", check.expected,
            check.measured,
        )  # fmt: skip
    for finding in outcome.report.lint:
        mark = "[bold red]✗ error[/]" if finding.severity == "error" else "[yellow]! warning[/]"
        table.add_row(mark, "layout", f"lint {finding.code}", finding.element_id, finding.message)
    _err.print(table)
    if outcome.report.design is not None:
        _err.print(outcome.report.design.summary(), highlight=False)
    for check in outcome.report.unverified():
        why = (check.evidence or check.measured).removeprefix("not verified: ")
        _err.print(f"[yellow]not verified:[/] {check.kind} {check.constraint_id}: {why}", highlight=False)
    for check in outcome.report.failures():
        if check.fix:
            _err.print(f"[red]to fix[/] {check.kind} {check.constraint_id}: {check.fix}", highlight=False)
    for notice in outcome.notices:
        _err.print(f"[yellow]notice:[/] {notice}", highlight=False)
    _err.print(_verdict(outcome), highlight=False)
    took = f"time: {outcome.timings['total']:.2f} s"
    _err.print(f"revisions: {outcome.revisions}   {took}   trace: tessera trace {outcome.run_id}")
    _out.print(str(out), highlight=False, soft_wrap=True)


@app.command()
def generate(
    brief: Annotated[str, typer.Argument(help="what to make, in words; '-' reads it from standard input")],
    size: Annotated[
        str | None,
        typer.Option(
            help="WIDTHxHEIGHT, exactly as drawn: 64-3840 per side, aspect at most 8:1 "
            "(default: as the brief says, else 1024x1024)"
        ),
    ] = None,
    effort: Annotated[str, typer.Option(help=_EFFORT_HELP)] = "medium",
    out: Annotated[Path | None, typer.Option(help="image file to write (default: ./<run id>.png)")] = None,
    format: Annotated[
        str | None, typer.Option("--format", help="png, jpeg, webp or svg (texts live) (default: from --out's suffix)")
    ] = None,
    seed: Annotated[int, typer.Option(help="seed for every random choice", min=0)] = 0,
    plan: Annotated[Path | None, typer.Option(help="render this (edited) plan.json instead of planning")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a table")] = False,
    planner: Annotated[
        str, typer.Option(help="llm, rules, or auto: the LLM when TESSERA_LLM_BASE_URL answers, else rules")
    ] = "auto",
    background: Annotated[
        str,
        typer.Option(
            help="transparent (alpha 0 where nothing is drawn; png or webp), opaque, or auto: the plan's "
            "(a planned one is painted)"
        ),
    ] = "auto",
    kind: Annotated[str | None, typer.Option(help=_KIND_HELP)] = None,
    asset: Annotated[list[str] | None, typer.Option(help=_ASSET_HELP, metavar="NAME=PATH")] = None,
    data: Annotated[list[str] | None, typer.Option(help=_DATA_HELP, metavar="NAME=PATH")] = None,
    brand: Annotated[Path | None, typer.Option(help=_BRAND_HELP)] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_STRICT_HELP)] = False,
) -> None:
    """Make an image from a brief, verify it, and revise it until it passes or the effort runs out."""
    with _reporting_errors():
        text = check_brief(_read_brief(brief))
        asked_format = parse_format(format) if format is not None else None
        request = RunRequest(
            material=material_from_files(asset or [], data or [], brand),
            brief=text,
            canvas=parse_size(size) if size else None,
            effort=parse_effort(effort),
            seed=seed,
            plan=_load_plan(plan) if plan else None,
            planner=parse_planner(planner),
            background=parse_background(background),
            kind=parse_kind(kind) if kind else None,
            strict=strict,
        )
        # Without --out the file name needs the run id; check now that the current folder takes it.
        output_format = check_output_path(out or Path("tessera"), asked_format)
        check_background_format(request.background, request.plan, output_format)
        engine = Engine(Settings.from_environment())
        outcome = _run_with_progress(engine, request, show=not as_json)
        final = out or Path(f"{outcome.run_id}.{'jpg' if output_format == 'jpeg' else output_format}")
        if output_format == "svg":  # the same image with live text; the run folder keeps the PNG it verified
            final.write_text(engine.svg(outcome.run_id), encoding="utf-8")
        else:
            _save(outcome.image, final, output_format)
    if as_json:
        print(json.dumps(_outcome_json(outcome, final), ensure_ascii=False))
    else:
        _show_outcome(outcome, final)
    _exit_with_verdict(outcome)


@app.command()
def understand(
    brief: Annotated[str, typer.Argument(help="what to make, in words; '-' reads it from standard input")],
    kind: Annotated[str | None, typer.Option(help=_KIND_HELP)] = None,
    size: Annotated[str | None, typer.Option(help="WIDTHxHEIGHT (default: as the brief says)")] = None,
    planner: Annotated[str, typer.Option(help="llm, rules, or auto (as for generate)")] = "auto",
    seed: Annotated[int, typer.Option(help="seed for every random choice", min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of tables")] = False,
    asset: Annotated[list[str] | None, typer.Option(help=_ASSET_HELP, metavar="NAME=PATH")] = None,
    data: Annotated[list[str] | None, typer.Option(help=_DATA_HELP, metavar="NAME=PATH")] = None,
    brand: Annotated[Path | None, typer.Option(help=_BRAND_HELP)] = None,
) -> None:
    """Show how a brief is read (document kind, texts, things, relations, structure) and what the planner would
    plan for it, before anything is drawn. Exits 3 when something the brief asks for would not be planned."""
    with _reporting_errors():
        request = RunRequest(
            brief=check_brief(_read_brief(brief)),
            material=material_from_files(asset or [], data or [], brand),
            canvas=parse_size(size) if size else None,
            seed=seed,
            planner=parse_planner(planner),
            kind=parse_kind(kind) if kind else None,
        )
        reading = Engine(Settings.from_environment()).understand(request)
    if as_json:
        print(json.dumps(_understanding_json(reading), ensure_ascii=False))
    else:
        _show_understanding(reading)
    if reading.constraints.not_planned():
        raise typer.Exit(ExitCode.FAILED_CHECKS)


def _understanding_json(reading: Understanding) -> dict[str, Any]:
    constraints = reading.constraints
    return {
        "document": constraints.document,
        "document_source": constraints.document_source.model_dump() if constraints.document_source else None,
        "canvas": {"width": reading.canvas.width, "height": reading.canvas.height},
        "planner": reading.planner,
        "items": [item.model_dump(mode="json") for item in constraints.items],
        "styles": [cue.model_dump(mode="json") for cue in constraints.styles],
        "supplied": constraints.supplied.model_dump(mode="json"),
        "coverage": [entry.model_dump(mode="json") for entry in constraints.coverage],
        "plan": reading.plan.model_dump(mode="json", exclude_none=True),
        "notices": reading.notices,
    }


def _describe_item(item: Constraint) -> str:
    if isinstance(item, RequiredText):
        how = "quoted" if item.quoted else "unquoted"
        on = f", on the {item.carrier}" if item.carrier else ""
        purpose = f", {item.purpose}" if item.purpose and item.purpose != item.role else ""
        return f"{item.role or 'text'} ({how}{purpose}{on}): {item.text!r}"
    if isinstance(item, RequiredCount):
        looks = " ".join(a.word for a in item.attributes)
        return f"{item.count} x {item.object_class}" + (f" ({looks})" if looks else "")
    if isinstance(item, RequiredColor):
        return f"{item.target} colour {item.color}" + (f" for {item.subject!r}" if item.subject else "")
    if isinstance(item, RequiredPosition):
        where: str = item.region or ""
        if item.relation:
            refs = " and ".join(r for r in (item.reference, item.second_reference) if r)
            where = f"{where} {item.relation.replace('_', ' ')} {refs}".strip()
        return f"{item.subject!r} {where}"
    entries = "; ".join(e.label + (f" = {e.value}" if e.value else "") for e in item.items) or "no entries given"
    return f"{item.structure}" + (f" ({item.chart})" if item.chart else "") + f": {entries}"


def _show_understanding(reading: Understanding) -> None:
    constraints = reading.constraints
    named = f" (from {constraints.document_source.quote!r})" if constraints.document_source else ""
    _err.print(
        f"document: [bold]{constraints.document}[/]{named}   canvas: {reading.canvas.width}x{reading.canvas.height}"
        f"   planner: {reading.planner}",
        highlight=False,
    )
    if constraints.styles:
        looks = ", ".join(f"{cue.style} ({cue.source.quote!r})" for cue in constraints.styles)
        _err.print(f"style: {looks}", highlight=False)
    items = Table(title="the reading", show_lines=False)
    for column in ("id", "kind", "what", "brief words"):
        items.add_column(column)
    for item in constraints.items:
        items.add_row(item.id, item.kind, _describe_item(item), item.source.quote[:80])
    _err.print(items)
    coverage = Table(title="coverage", show_lines=False)
    for column in ("", "clause", "nodes", "reason"):
        coverage.add_column(column)
    for entry in constraints.coverage:
        mark = "[green]✓[/]" if entry.status == "planned" else "[red]✗[/]"
        coverage.add_row(mark, entry.clause[:80], ", ".join(entry.nodes[:6]), entry.reason)
    _err.print(coverage)
    for notice in reading.notices:
        _err.print(f"[yellow]notice:[/] {notice}", highlight=False)
    missing = len(constraints.not_planned())
    _out.print(f"{missing} not planned" if missing else "everything planned", highlight=False)


def _exit_with_verdict(outcome: RunOutcome) -> None:
    if not outcome.passed:
        raise typer.Exit(ExitCode.FAILED_CHECKS)


def _run_with_progress(engine: Engine, request: RunRequest, *, show: bool) -> RunOutcome:
    if not (show and _err.is_terminal):
        return engine.generate(request)
    with _err.status("starting") as status:

        def on_progress(event: Progress) -> None:
            status.update(f"[bold]{event.node}[/]: {event.message}")

        return engine.generate(request, on_progress=on_progress)


@app.command()
def resume(run_id: Annotated[str, typer.Argument(help="the run to carry on")]) -> None:
    """Carry a failed or cancelled run on from its last checkpoint, judged as it was started (with or without
    --strict). A done run is left as it is, and its outcome shown."""
    with _reporting_errors():
        engine = Engine(Settings.from_environment())
        if engine.store.open(run_id).read_record().status == "done":
            _err.print(f"run {run_id} is done: nothing to resume; its outcome as it finished:", highlight=False)
            outcome = engine.outcome(run_id)
        else:
            outcome = engine.resume(run_id)
    _show_outcome(outcome, outcome.image)
    _exit_with_verdict(outcome)


@app.command()
def cancel(run_id: Annotated[str, typer.Argument(help="the run to cancel")]) -> None:
    """Cancel a run: a queued one at once, a running one before its next step; `tessera resume` carries it on."""
    with _reporting_errors():
        record = RunStore(Settings.from_environment().runs_dir).open(run_id).cancel()
    _out.print(f"{run_id} {'cancelled' if record.status == 'cancelled' else 'stops before its next step'}")


@app.command()
def runs(limit: Annotated[int, typer.Option(help="how many of the newest runs", min=1)] = 20) -> None:
    """List stored runs, newest first."""
    table = Table()
    table.add_column("run", no_wrap=True)
    for column in ("status", "passed", "size", "revisions", "brief"):
        table.add_column(column)
    for record in RunStore(Settings.from_environment().runs_dir).records(limit):
        passed = "" if record.passed is None else ("yes" if record.passed else "no")
        brief = record.brief if len(record.brief) <= 60 else record.brief[:57] + "..."
        table.add_row(
            record.run_id, record.status, passed, record.canvas or "", str(max(record.iterations - 1, 0)), brief
        )
    _out.print(table)


@app.command()
def prune(
    older_than: Annotated[
        float | None,
        typer.Option(help="days since a run ended (default: TESSERA_RUNS_KEEP_DAYS)", min=0),
    ] = None,
) -> None:
    """Delete runs that ended more than --older-than days ago, with their checkpoints; queued and running runs stay."""
    from tessera.agents.checkpoints import open_checkpoints
    from tessera.agents.retention import prune_runs

    with _reporting_errors():
        settings = Settings.from_environment()
        days = older_than if older_than is not None else settings.services.runs_keep_days
        if days is None:
            raise RequestError("say how old a run must be to go: --older-than DAYS, or set TESSERA_RUNS_KEEP_DAYS")
        checkpoints = open_checkpoints(settings)
        try:
            deleted = prune_runs(RunStore(settings.runs_dir), checkpoints.saver, days)
        finally:
            checkpoints.close()
    _out.print(f"deleted {len(deleted)} run{'' if len(deleted) == 1 else 's'} that ended more than {days:g} days ago")


@app.command()
def trace(
    run_id: Annotated[str, typer.Argument(help="the run to show")],
    as_json: Annotated[bool, typer.Option("--json", help="print the raw trace, one JSON event a line")] = False,
) -> None:
    """Show what each step of a run saw, decided and measured."""
    with _reporting_errors():
        folder = RunStore(Settings.from_environment().runs_dir).open(run_id)
    record = folder.read_record()
    events = folder.read_trace()
    if as_json:
        for event in events:
            print(event.model_dump_json())
        return
    _out.print(
        f"[bold]run {record.run_id}[/] ({record.status}) effort {record.effort}, seed {record.seed}", highlight=False
    )
    _out.print(f"brief: {record.brief}", highlight=False)
    for event in events:
        _out.print(f"\n[bold cyan]{event.node}[/] attempt {event.attempt}  {event.seconds:.3f} s", highlight=False)
        for line in describe(event):
            _out.print(f"  {line}", highlight=False, soft_wrap=True)
        for note in event.notes:
            _out.print(f"  [yellow]note:[/] {note}", highlight=False, soft_wrap=True)
    if record.error:
        _out.print(f"\n[red]error:[/] {record.error}", highlight=False)


@app.command()
def schema() -> None:
    """Print the layout plan's JSON schema (what --plan files must follow)."""
    print(json.dumps(LayoutPlan.model_json_schema(), indent=2))


@app.command()
def serve(
    role: Annotated[
        str, typer.Option(help="planner, renderer, verifier, gateway, or all (the gateway with every part in-process)")
    ] = "all",
    host: Annotated[
        str,
        typer.Option(
            help="address to listen on; 0.0.0.0 in a container (any address but loopback needs TESSERA_API_KEYS "
            "or --allow-unauthenticated)"
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int | None,
        typer.Option(
            help="port (default: gateway/all 8000, planner 8001, renderer 8002, verifier 8003)", min=1, max=65535
        ),
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level: critical, error, warning, info, debug")] = "info",
    allow_unauthenticated: Annotated[
        bool,
        typer.Option(
            help="listen on a non-loopback address without TESSERA_API_KEYS: anyone who reaches the port can read "
            "and start every run"
        ),
    ] = False,
) -> None:
    """Run one part of Tessera as an HTTP service (the gateway speaks OpenAI's Images API at /v1/images/generations).

    With TESSERA_API_KEYS set, every route but /healthz and /readyz needs `Authorization: Bearer KEY`.
    """
    # Imported here: the web stack is only needed by this command.
    import uvicorn

    from tessera.agents.services import DEFAULT_PORTS, ROLES, Role, create_app
    from tessera.agents.services._access import exposure_notice

    with _reporting_errors():
        if role not in ROLES:
            raise RequestError(f"role {role!r} is unknown; use one of: {', '.join(ROLES)}")
        if log_level not in ("critical", "error", "warning", "info", "debug"):
            raise RequestError(f"log level {log_level!r} is unknown; use critical, error, warning, info or debug")
        settings = Settings.from_environment()
        notice = exposure_notice(settings, host, allow_unauthenticated=allow_unauthenticated)
        service = create_app(cast(Role, role), settings)  # one of ROLES, as checked
    _err.print(notice, style="bold red" if notice.startswith("WARNING") else None, highlight=False, soft_wrap=True)
    uvicorn.run(service, host=host, port=port or DEFAULT_PORTS[role], log_level=log_level, timeout_graceful_shutdown=10)


@app.command("eval")
def eval_suite(
    suite: Annotated[
        Path,
        typer.Argument(
            help="JSON Lines suite: LongText-Bench lines (prompt, text) or Tessera lines (id, brief, texts, counts)"
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(help="results folder; finished briefs in it are skipped (default: out/eval-<suite>-<effort>)"),
    ] = None,
    workers: Annotated[int, typer.Option(help="worker processes, each with its own engine", min=1, max=64)] = 2,
    limit: Annotated[int | None, typer.Option(help="only the first N briefs of the suite", min=1)] = None,
    effort: Annotated[str, typer.Option(help=_EFFORT_HELP)] = "medium",
    size: Annotated[
        str | None, typer.Option(help="WIDTHxHEIGHT for every brief (default: as each brief says, else 1024x1024)")
    ] = None,
    seed: Annotated[int, typer.Option(help="seed for every random choice", min=0)] = 0,
    sample: Annotated[int, typer.Option(help="how many results the contact sheet shows", min=1, max=200)] = 24,
) -> None:
    """Run every brief of a suite and measure the images with an OCR that is not the verifier's.

    Writes per-brief images, reports and results, summary.md, summary.json and contact_sheet.png. Exits 1 when
    some briefs hit an unexpected fault (re-running retries them) and 130 when interrupted (the same command resumes).
    """
    with _reporting_errors():
        checked_effort = parse_effort(effort)
        if size is not None:
            parse_size(size)
        settings = Settings.from_environment()
        eval_on_console(
            suite,
            out=out,
            workers=workers,
            limit=limit,
            effort=checked_effort,
            size=size,
            seed=seed,
            sample=sample,
            engine_factory=EvalEngines(settings),
            font_dirs=settings.font_dirs,
        )


app.add_typer(llm_app, name="llm")


def main() -> None:
    """Entry point for `python -m tessera`."""
    app()
