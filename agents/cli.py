"""The `tessera` command line: generate images, list runs, read traces, resume runs, serve the API.

Exit codes: 0 the image passed verification; 3 an image was written but some
constraints failed (the report says which); 2 the input needs changing; 1 an
unexpected fault (the run folder keeps what happened).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from PIL import Image
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from tessera.agents._llm._cli import llm_app
from tessera.agents.context import Progress
from tessera.agents.engine import Engine, RunOutcome
from tessera.agents.request import (
    OutputFormat,
    RunRequest,
    check_brief,
    check_output_path,
    parse_effort,
    parse_planner,
    parse_size,
)
from tessera.agents.runs import RunStore, TraceEvent
from tessera.agents.settings import Settings
from tessera.evals.cli import eval_command
from tessera.contract import LayoutPlan, RequestError, TesseraError

EXIT_FAILED_CHECKS = 3
EXIT_BAD_INPUT = 2

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Plan-then-render images with exact text and counts.")
_err = Console(stderr=True)
_out = Console()


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    _err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _read_brief(brief: str) -> str:
    return sys.stdin.read() if brief == "-" else brief


def _load_plan(path: Path) -> LayoutPlan:
    try:
        return LayoutPlan.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise RequestError(f"cannot read plan {path}: {err.strerror}") from err
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RequestError(f"plan {path} is not a valid layout plan: {where}: {first['msg']}") from err


def _save(source: Path, target: Path, output_format: OutputFormat) -> None:
    with Image.open(source) as image:
        rgb = image.convert("RGB")
    options: dict[str, Any] = {"png": {"optimize": False}, "jpeg": {"quality": 92}, "webp": {"quality": 90}}[output_format]
    rgb.save(target, format=output_format.upper(), **options)


def _outcome_json(outcome: RunOutcome, out: Path) -> dict[str, Any]:
    return {
        "run_id": outcome.run_id,
        "image": str(out.resolve()),
        "plan": str(outcome.plan_path),
        "run_folder": str(outcome.folder),
        "planner": outcome.planner,
        "verification": {
            "passed": outcome.passed,
            "summary": outcome.summary,
            "checks": [
                {
                    "id": c.constraint_id,
                    "kind": c.kind,
                    "passed": c.passed,
                    "verified": c.verified,
                    "expected": c.expected,
                    "measured": c.measured,
                }
                for c in outcome.report.checks
            ],
            "lint": [{"code": f.code, "severity": f.severity, "message": f.message} for f in outcome.report.lint],
        },
        "revisions": outcome.revisions,
        "notices": outcome.notices,
        "timings": outcome.timings,
    }


def _show_outcome(outcome: RunOutcome, out: Path) -> None:
    table = Table(title=f"run {outcome.run_id}: {outcome.summary}", show_lines=False)
    for column in ("", "constraint", "expected", "measured"):
        table.add_column(column)
    for check in outcome.report.checks:
        mark = "[yellow]?[/]" if not check.verified else ("[green]✓[/]" if check.passed else "[red]✗[/]")
        table.add_row(mark, f"{check.kind} {check.constraint_id}", check.expected, check.measured)
    for finding in outcome.report.lint:
        mark = "[red]✗[/]" if finding.severity == "error" else "[yellow]![/]"
        table.add_row(mark, f"lint {finding.code}", finding.element_id, finding.message)
    _err.print(table)
    for notice in outcome.notices:
        _err.print(f"[yellow]notice:[/] {notice}", highlight=False)
    _err.print(f"revisions: {outcome.revisions}   time: {outcome.timings['total']:.2f} s   trace: tessera trace {outcome.run_id}")
    _out.print(str(out), highlight=False, soft_wrap=True)


@app.command()
def generate(
    brief: Annotated[str, typer.Argument(help="what to make, in words; '-' reads it from standard input")],
    size: Annotated[str | None, typer.Option(help="WIDTHxHEIGHT, multiples of 16, 256-3840 per side (default: as the brief says, else 1024x1024)")] = None,
    effort: Annotated[str, typer.Option(help="low (no revision), medium (up to 2), high (up to 4)")] = "medium",
    out: Annotated[Path | None, typer.Option(help="image file to write (default: ./<run id>.png)")] = None,
    format: Annotated[str | None, typer.Option("--format", help="png, jpeg or webp (default: from --out's suffix)")] = None,
    seed: Annotated[int, typer.Option(help="seed for every random choice", min=0)] = 0,
    plan: Annotated[Path | None, typer.Option(help="render this (edited) plan.json instead of planning")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a table")] = False,
    planner: Annotated[str, typer.Option(help="llm, rules, or auto: the LLM when TESSERA_LLM_BASE_URL answers, else rules")] = "auto",
) -> None:
    """Make an image from a brief, verify it, and revise it until it passes or the effort runs out."""
    try:
        text = check_brief(_read_brief(brief))
        if format is not None and format not in ("png", "jpeg", "webp"):
            raise RequestError(f"format {format!r} is unknown; use png, jpeg or webp")
        request = RunRequest(
            brief=text,
            canvas=parse_size(size) if size else None,
            effort=parse_effort(effort),
            seed=seed,
            plan=_load_plan(plan) if plan else None,
            planner=parse_planner(planner),
        )
        # Without --out the file name needs the run id; check now that the current folder takes it.
        output_format = check_output_path(out or Path("tessera.png"), format)  # type: ignore[arg-type]
        engine = Engine(Settings())
        outcome = _run_with_progress(engine, request, show=not as_json)
        final = out or Path(f"{outcome.run_id}.{'jpg' if output_format == 'jpeg' else output_format}")
        _save(outcome.image, final, output_format)
    except TesseraError as err:
        raise _fail(str(err)) from None
    if as_json:
        print(json.dumps(_outcome_json(outcome, final), ensure_ascii=False))
    else:
        _show_outcome(outcome, final)
    if not outcome.passed:
        raise typer.Exit(EXIT_FAILED_CHECKS)


def _run_with_progress(engine: Engine, request: RunRequest, *, show: bool) -> RunOutcome:
    if not (show and _err.is_terminal):
        return engine.generate(request)
    with _err.status("starting") as status:

        def on_progress(event: Progress) -> None:
            status.update(f"[bold]{event.node}[/]: {event.message}")

        return engine.generate(request, on_progress=on_progress)


@app.command()
def resume(run_id: Annotated[str, typer.Argument(help="the run to carry on")]) -> None:
    """Carry an interrupted run on from its last checkpoint."""
    try:
        outcome = Engine(Settings()).resume(run_id)
    except TesseraError as err:
        raise _fail(str(err)) from None
    _show_outcome(outcome, outcome.image)


@app.command()
def runs(limit: Annotated[int, typer.Option(help="how many of the newest runs", min=1)] = 20) -> None:
    """List stored runs, newest first."""
    table = Table()
    table.add_column("run", no_wrap=True)
    for column in ("status", "passed", "size", "revisions", "brief"):
        table.add_column(column)
    for record in RunStore(Settings().runs_dir).records(limit):
        passed = "" if record.passed is None else ("yes" if record.passed else "no")
        brief = record.brief if len(record.brief) <= 60 else record.brief[:57] + "..."
        table.add_row(record.run_id, record.status, passed, record.canvas or "", str(max(record.iterations - 1, 0)), brief)
    _out.print(table)


def _describe(event: TraceEvent) -> list[str]:
    outputs = event.outputs
    lines: list[str] = []
    if event.node == "understand":
        for item in outputs["constraints"]["items"]:
            detail = {k: v for k, v in item.items() if k not in ("kind", "id", "source") and v is not None}
            lines.append(f"{item['kind']} {item['id']}: {json.dumps(detail, ensure_ascii=False)}  <- \"{item['source']['quote']}\"")
    elif event.node in ("plan", "revise"):
        plan = outputs["plan"]
        lines.append(f"planner: {outputs['planner']}  canvas {plan['canvas']['width']}x{plan['canvas']['height']}")
        for element in plan["elements"]:
            box = element["box"]
            what = element.get("text") or element.get("prompt") or element.get("shape") or ""
            if element["kind"] == "objects":
                what = f"{element['count']} x {element['object_class']} ({element['look']}{': ' + element['prompt'] if element.get('prompt') else ''})"
            lines.append(f"{element['kind']:7} {element['id']:14} ({box['x']},{box['y']} {box['w']}x{box['h']}) z{element['z']}  {what}")
        for call in outputs.get("calls") or []:
            lines.extend(_describe_call(call))
        if outputs.get("reasoning") and not outputs.get("calls"):
            lines.append(f"reasoning: {outputs['reasoning']}")
        if outputs.get("fallback"):
            lines.append(f"fallback: {outputs['fallback']}")
    elif event.node == "render":
        lines.append(f"image: {outputs['image']}")
        for item in outputs["manifest"]["items"]:
            if item.get("generator"):
                steps = [s for s in outputs.get("progress", []) if s["element_id"] == item["element_id"]]
                took = f", {len(steps)} steps, done at {steps[-1]['seconds']:.2f} s" if steps else ""
                lines.append(f"generated {item['element_id']} with {item['generator']}{took}")
    elif event.node == "verify":
        report = outputs["report"]
        for check in report["checks"]:
            verdict = "n/v " if not check.get("verified", True) else ("pass" if check["passed"] else "FAIL")
            lines.append(f"{verdict} {check['kind']} {check['constraint_id']}: expected {check['expected']}; measured {check['measured']}")
            if check.get("evidence"):
                lines.append(f"     {check['evidence']}")
        for finding in report["lint"]:
            lines.append(f"{finding['severity']} {finding['code']} {finding['element_id']}: {finding['message']}")
    elif event.node == "finish":
        lines.append(f"best attempt {outputs['best_attempt']}: {outputs['summary']}")
    return lines


def _describe_call(call: dict[str, Any]) -> list[str]:
    """A model call in a few lines: purpose, cost, the prompt's last message, reasoning, the raw reply, problems."""
    usage = call.get("usage") or {}
    head = f"model call ({call['purpose']}): {call['model']}, {usage.get('prompt_tokens', 0)}+{usage.get('completion_tokens', 0)} tokens, {call['seconds']:.1f} s"
    lines = [head + (", streamed" if call.get("streamed") else "")]
    if call.get("messages"):
        lines.append(f"  prompt ({call['messages'][-1]['role']}): {_clip(call['messages'][-1]['content'])}")
    if call.get("reasoning"):
        lines.append(f"  reasoning: {_clip(call['reasoning'])}")
    if call.get("output"):
        lines.append(f"  reply: {_clip(call['output'])}")
    lines.extend(f"  problem: {problem}" for problem in call.get("problems") or [])
    if call.get("error"):
        lines.append(f"  error: {call['error']}")
    return lines


def _clip(text: str, limit: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else f"{flat[:limit]}... ({len(flat)} characters; --json shows all)"


@app.command()
def trace(
    run_id: Annotated[str, typer.Argument(help="the run to show")],
    as_json: Annotated[bool, typer.Option("--json", help="print the raw trace, one JSON event a line")] = False,
) -> None:
    """Show what each step of a run saw, decided and measured."""
    try:
        folder = RunStore(Settings().runs_dir).open(run_id)
    except TesseraError as err:
        raise _fail(str(err)) from None
    record = folder.read_record()
    events = folder.read_trace()
    if as_json:
        for event in events:
            print(event.model_dump_json())
        return
    _out.print(f"[bold]run {record.run_id}[/] ({record.status}) effort {record.effort}, seed {record.seed}", highlight=False)
    _out.print(f"brief: {record.brief}", highlight=False)
    for event in events:
        _out.print(f"\n[bold cyan]{event.node}[/] attempt {event.attempt}  {event.seconds:.3f} s", highlight=False)
        for line in _describe(event):
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
    role: Annotated[str, typer.Option(help="planner, renderer, verifier, gateway, or all (the gateway with every part in-process)")] = "all",
    host: Annotated[str, typer.Option(help="address to listen on; 0.0.0.0 in a container")] = "127.0.0.1",
    port: Annotated[int | None, typer.Option(help="port (default: gateway/all 8000, planner 8001, renderer 8002, verifier 8003)", min=1, max=65535)] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level: critical, error, warning, info, debug")] = "info",
) -> None:
    """Run one part of Tessera as an HTTP service (the gateway speaks OpenAI's Images API at /v1/images/generations)."""
    # Imported here: the web stack is only needed by this command.
    import uvicorn

    from tessera.agents.services import DEFAULT_PORTS, ROLES, create_app

    if role not in ROLES:
        raise _fail(f"role {role!r} is unknown; use one of: {', '.join(ROLES)}")
    if log_level not in ("critical", "error", "warning", "info", "debug"):
        raise _fail(f"log level {log_level!r} is unknown; use critical, error, warning, info or debug")
    try:
        service = create_app(role, Settings())  # type: ignore[arg-type]
    except TesseraError as err:
        raise _fail(str(err)) from None
    uvicorn.run(service, host=host, port=port or DEFAULT_PORTS[role], log_level=log_level, timeout_graceful_shutdown=10)


app.command("eval")(eval_command)
app.add_typer(llm_app, name="llm")


def main() -> None:
    """Entry point for `python -m tessera`."""
    app()
