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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, cast, get_args

import typer
from PIL import Image
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from tessera.agents._cli_json import (
    CLI_JSON,
    CancelJson,
    GenerateJson,
    IconFileJson,
    PruneJson,
    RunsJson,
    VariantsJson,
    cli_json_schema_text,
    edit_json,
    generate_json,
    print_json,
    run_json,
    understand_json,
)
from tessera.agents._eval import EvalEngines
from tessera.agents._icon_split import split_icons
from tessera.agents._llm._cli import llm_app
from tessera.agents._provenance import provenance_info, read_provenance
from tessera.agents._trace_lines import describe
from tessera.agents._variant_sheet import SheetEntry, write_variant_sheet
from tessera.agents.context import Progress
from tessera.agents.engine import Engine, RunOutcome, Understanding
from tessera.agents.request import (
    MAX_VARIANTS,
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
    DocumentKind,
    ExitCode,
    LayoutPlan,
    RequestError,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    RunRecord,
    RunStatus,
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
_N_HELP = (
    "make N variants (1-10) in one style (palette, fonts, icons, corner radius) that differ in layout, each "
    "verified; written as OUT-1, OUT-2... (exit 3 if any failed)"
)
_SHEET_HELP = "also write a contact sheet of the images side by side with run ids and verdicts: OUT-sheet.png"
_SPLIT_HELP = "for an icon set: also write each icon as its own image, OUT-icon-NAME (listed in --json as icons)"
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
        claim = read_provenance(image)
        kept = for_output(image, output_format)  # a transparent render keeps its alpha in PNG and WebP
    options = dict(_SAVE_OPTIONS[output_format])
    if output_format == "png" and claim is not None and claim.attempt is not None:
        # The copy keeps the run id, so that handing it back (/v1/images/edits) finds its plan.
        options["pnginfo"] = provenance_info(claim.run_id, claim.attempt)
    kept.save(target, format=output_format.upper(), **options)


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


_WEB_HELP = (
    "search the web for facts the brief asks for and does not give (a venue, a date, figures), each kept with its "
    "source; --no-web never searches (default: unless TESSERA_SEARCH=off)"
)


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
    n: Annotated[int, typer.Option("--n", help=_N_HELP, min=1, max=MAX_VARIANTS)] = 1,
    sheet: Annotated[bool, typer.Option("--sheet", help=_SHEET_HELP)] = False,
    split: Annotated[bool, typer.Option("--split", help=_SPLIT_HELP)] = False,
    web: Annotated[bool | None, typer.Option("--web/--no-web", help=_WEB_HELP, show_default=False)] = None,
) -> None:
    """Make an image from a brief, verify it, and revise it until it passes or the effort runs out. With --n, that
    many variants in one style, each verified."""
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
            web=web,
        )
        # Without --out the file name needs the run id; check now that the current folder takes it.
        output_format = check_output_path(out or Path("tessera"), asked_format)
        check_background_format(request.background, request.plan, output_format)
        engine = Engine(Settings.from_environment())
        if n > 1 or sheet:
            _generate_variants(engine, request, n, out, output_format, sheet=sheet, split=split, as_json=as_json)
            return
        outcome = _run_with_progress(engine, request, show=not as_json)
        final = out or Path(f"{outcome.run_id}.{_suffix(output_format)}")
        _write_image(engine, outcome, final, output_format)
        icons = _write_icons(outcome, final, output_format) if split else None
    if as_json:
        print_json(generate_json(outcome, final, icons))
    else:
        _show_outcome(outcome, final)
        _show_icons(outcome, icons)
    _exit_with_verdict(outcome)


def _suffix(output_format: OutputFormat) -> str:
    return "jpg" if output_format == "jpeg" else output_format


def _write_image(engine: Engine, outcome: RunOutcome, target: Path, output_format: OutputFormat) -> None:
    if output_format == "svg":  # the same image with live text; the run folder keeps the PNG it verified
        target.write_text(engine.svg(outcome.run_id), encoding="utf-8")
    else:
        _save(outcome.image, target, output_format)


def _write_icons(outcome: RunOutcome, image: Path, output_format: OutputFormat) -> list[IconFileJson]:
    """Each icon of the image as its own file beside it, `<image stem>-icon-<name>` (PNG for an SVG image)."""
    kept = "png" if output_format == "svg" else output_format
    written = []
    for icon in split_icons(outcome):
        target = image.with_name(f"{image.stem}-icon-{icon.path.stem}.{_suffix(kept)}")
        _save(icon.path, target, kept)
        written.append(IconFileJson(name=icon.name, path=str(target.resolve())))
    return written


def _show_icons(outcome: RunOutcome, icons: list[IconFileJson] | None) -> None:
    if icons is None:
        return
    if not icons:
        _err.print(
            f"[yellow]notice:[/] --split: run {outcome.run_id} shows no icons, so none was written", highlight=False
        )
    for icon in icons:
        _out.print(f"{icon.path}", highlight=False, soft_wrap=True)


def _generate_variants(
    engine: Engine,
    request: RunRequest,
    n: int,
    out: Path | None,
    output_format: OutputFormat,
    *,
    sheet: bool,
    split: bool,
    as_json: bool,
) -> None:
    """`generate --n N`: N variants in one style, written as OUT-1, OUT-2... (without --out, each under its run id),
    with --sheet also OUT-sheet.png; exits 3 when any variant failed."""
    outcomes = _variants_with_progress(engine, request, n, show=not as_json)
    images: list[GenerateJson] = []
    for number, outcome in enumerate(outcomes, start=1):
        target = out.with_name(f"{out.stem}-{number}{out.suffix}") if out else None
        final = target or Path(f"{outcome.run_id}.{_suffix(output_format)}")
        _write_image(engine, outcome, final, output_format)
        icons = _write_icons(outcome, final, output_format) if split else None
        images.append(generate_json(outcome, final, icons))
        if not as_json:
            _show_outcome(outcome, final)
            _show_icons(outcome, icons)
    contact = _write_sheet(engine, request, outcomes, out) if sheet else None
    passed = all(outcome.passed for outcome in outcomes)
    if as_json:
        print_json(VariantsJson(images=images, passed=passed, sheet=str(contact.resolve()) if contact else None))
    elif contact is not None:
        _out.print(str(contact), highlight=False, soft_wrap=True)
    if not passed:
        raise typer.Exit(ExitCode.FAILED_CHECKS)


def _write_sheet(engine: Engine, request: RunRequest, outcomes: list[RunOutcome], out: Path | None) -> Path:
    target = out.with_name(f"{out.stem}-sheet.png") if out else Path(f"{outcomes[0].run_id}-sheet.png")
    entries = [SheetEntry(image=o.image, run_id=o.run_id, passed=o.passed, failures=_failures(o)) for o in outcomes]
    return write_variant_sheet(entries, target, title=request.brief, font_dirs=engine.settings.font_dirs)


def _failures(outcome: RunOutcome) -> str:
    """What failed a variant, shortly: its failed checks by kind and id, else its summary."""
    failed = [f"{check.kind} {check.constraint_id}" for check in outcome.report.failures()]
    return ", ".join(failed) if failed else ("" if outcome.passed else outcome.summary)


def _variants_with_progress(engine: Engine, request: RunRequest, n: int, *, show: bool) -> list[RunOutcome]:
    if not (show and _err.is_terminal):
        return engine.generate_variants(request, n)
    with _err.status("starting") as status:

        def on_progress(event: Progress) -> None:
            status.update(f"[bold]{event.node}[/]: {event.message}")

        return engine.generate_variants(request, n, on_progress=on_progress)


@app.command()
def edit(
    run_id: Annotated[str, typer.Argument(help="the done run whose image to change")],
    instruction: Annotated[
        str,
        typer.Argument(
            help="what to change, in words, e.g. \"change 'TEAM ALPHA' to 'TEAM OMEGA', remove the second balloon\""
        ),
    ],
    out: Annotated[
        Path | None, typer.Option(help="image file to write: .png, .jpg, .webp or .svg (default: ./<new run id>.png)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a table")] = False,
    planner: Annotated[
        str,
        typer.Option(help="rules, llm, or auto: the rules, and the LLM for the rest when TESSERA_LLM_BASE_URL answers"),
    ] = "auto",
    strict: Annotated[
        bool | None, typer.Option("--strict/--no-strict", help=f"{_STRICT_HELP} (default: as the run edited)")
    ] = None,
    max_revisions: Annotated[
        int | None,
        typer.Option(help="revisions allowed after the first render (default: the edited run's effort's)", min=0),
    ] = None,
) -> None:
    """Change a done run's image by instruction: its plan is patched, drawn and verified as a new run linked to it,
    against the edit's own checks and every earlier one it did not touch. The run edited stays as it was; an
    instruction that cannot be applied exits 2 and changes nothing."""
    with _reporting_errors():
        output_format = check_output_path(out or Path("tessera"), None)
        engine = Engine(Settings.from_environment())
        with _progress_display(show=not as_json) as on_progress:
            outcome = engine.edit(
                run_id,
                instruction,
                on_progress,
                planner=parse_planner(planner),
                strict=strict,
                max_revisions=max_revisions,
            )
        final = _write_output(engine, outcome, out, output_format)
    if as_json:
        print_json(edit_json(outcome, final))
    else:
        _show_outcome(outcome, final)
    _exit_with_verdict(outcome)


def _write_output(engine: Engine, outcome: RunOutcome, out: Path | None, output_format: OutputFormat) -> Path:
    """Write the run's kept image to `out` (default ./<run id>.<format>) in `output_format`; answer where."""
    final = out or Path(f"{outcome.run_id}.{_suffix(output_format)}")
    _write_image(engine, outcome, final, output_format)
    return final


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
        print_json(understand_json(reading))
    else:
        _show_understanding(reading)
    if reading.constraints.not_planned():
        raise typer.Exit(ExitCode.FAILED_CHECKS)


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
    with _progress_display(show=show) as on_progress:
        return engine.generate(request, on_progress=on_progress)


@contextmanager
def _progress_display(*, show: bool) -> Iterator[Callable[[Progress], None] | None]:
    """What a run reports its progress to: a status line on a terminal when `show`, else nothing."""
    if not (show and _err.is_terminal):
        yield None
        return
    with _err.status("starting") as status:

        def on_progress(event: Progress) -> None:
            status.update(f"[bold]{event.node}[/]: {event.message}")

        yield on_progress


@app.command()
def resume(
    run_id: Annotated[str, typer.Argument(help="the run to carry on")],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object, as generate's, not a table")] = False,
) -> None:
    """Carry a failed or cancelled run on from its last checkpoint, judged as it was started (with or without
    --strict). A done run is left as it is, and its outcome shown."""
    with _reporting_errors():
        engine = Engine(Settings.from_environment())
        if engine.store.open(run_id).read_record().status == "done":
            _err.print(f"run {run_id} is done: nothing to resume; its outcome as it finished:", highlight=False)
            outcome = engine.outcome(run_id)
        else:
            outcome = engine.resume(run_id)
    if as_json:
        print_json(generate_json(outcome, outcome.image))
    else:
        _show_outcome(outcome, outcome.image)
    _exit_with_verdict(outcome)


@app.command()
def cancel(
    run_id: Annotated[str, typer.Argument(help="the run to cancel")],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a line")] = False,
) -> None:
    """Cancel a run: a queued one at once, a running one before its next step; `tessera resume` carries it on."""
    with _reporting_errors():
        record = RunStore(Settings.from_environment().runs_dir).open(run_id).cancel()
    if as_json:
        print_json(CancelJson(run_id=run_id, status=record.status, cancel_requested=record.cancel_requested))
    else:
        _out.print(f"{run_id} {'cancelled' if record.status == 'cancelled' else 'stops before its next step'}")


@app.command()
def runs(
    limit: Annotated[int, typer.Option(help="how many of the newest runs", min=1)] = 20,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help="only runs with this status: queued, running, done, failed or cancelled; repeatable", metavar="STATUS"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a table")] = False,
) -> None:
    """List stored runs, newest first, with where each came from: the run an edit changed, a variant's group."""
    with _reporting_errors():
        wanted = {_run_status(word) for word in status or []}
        store = RunStore(Settings.from_environment().runs_dir)
        # A filter reads every record, so that --limit counts the runs shown.
        records = [r for r in store.records(None) if r.status in wanted][:limit] if wanted else store.records(limit)
    if as_json:
        print_json(RunsJson(runs=[run_json(record, store.open(record.run_id)) for record in records]))
        return
    lineages = [_lineage(record) for record in records]
    with_lineage = any(lineages)
    table = Table()
    table.add_column("run", no_wrap=True)
    # The "from" column only when some run has a lineage, so that a plain list keeps its room for the briefs.
    for column in ("status", "passed", "size", "revisions", *(["from"] if with_lineage else []), "brief"):
        table.add_column(column)
    for record, lineage in zip(records, lineages, strict=True):
        passed = "" if record.passed is None else ("yes" if record.passed else "no")
        table.add_row(
            record.run_id, record.status, passed, record.canvas or "", str(max(record.iterations - 1, 0)),
            *([lineage] if with_lineage else []), _shortened(record.brief, 60),
        )  # fmt: skip
    _out.print(table)


def _run_status(word: str) -> RunStatus:
    if word not in get_args(RunStatus):
        raise RequestError(f"status {word!r} is unknown; use one of: {', '.join(get_args(RunStatus))}")
    return cast(RunStatus, word)


def _lineage(record: RunRecord) -> str:
    """Where a run came from, for the runs table: the run an edit changed and how, or a variant's place."""
    if record.parent_run_id is not None:
        return f"edit of {record.parent_run_id}: {_shortened(record.instruction or '', 40)}"
    if record.variant is not None:
        group = "" if record.variant_group in (None, record.run_id) else f" of {record.variant_group}"
        return f"variant {record.variant}{group}"
    return ""


def _shortened(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


@app.command()
def prune(
    older_than: Annotated[
        float | None,
        typer.Option(help="days since a run ended (default: TESSERA_RUNS_KEEP_DAYS)", min=0),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object instead of a line")] = False,
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
    if as_json:
        print_json(PruneJson(deleted=deleted, older_than_days=days))
        return
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
def schema(
    command: Annotated[
        str | None,
        typer.Option(
            help=f"instead, the schema of what this command prints with --json ({', '.join(CLI_JSON)}); the same "
            "as docs/cli-json/COMMAND.schema.json"
        ),
    ] = None,
) -> None:
    """Print the layout plan's JSON schema (what --plan files must follow), or a command's --json output's."""
    if command is None:
        print(json.dumps(LayoutPlan.model_json_schema(), indent=2))
        return
    with _reporting_errors():
        if command not in CLI_JSON:
            raise RequestError(f"command {command!r} has no --json output; use one of: {', '.join(CLI_JSON)}")
    print(cli_json_schema_text(command), end="")


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


@app.command()
def view(
    port: Annotated[int, typer.Option(help="port to listen on", min=1, max=65535)] = 8765,
    host: Annotated[
        str, typer.Option(help="address to listen on; any address but loopback needs TESSERA_API_KEYS")
    ] = "127.0.0.1",
) -> None:
    """Browse the runs under TESSERA_HOME in a web browser: the run list at /runs, each run's brief, plans, images
    with their drawn parts, checks, evidence, revisions and timings at /runs/<id>.

    Without TESSERA_API_KEYS it serves this machine only; with them, the pages ask for a key once.
    """
    import uvicorn

    from tessera.agents.services._access import exposure_notice
    from tessera.agents.viewer import create_viewer_app

    with _reporting_errors():
        settings = Settings.from_environment()
        notice = exposure_notice(settings, host, allow_unauthenticated=False)
        viewer = create_viewer_app(settings)
    shown = f"[{host}]" if ":" in host else host
    _err.print(f"{notice}\nthe trace viewer: http://{shown}:{port}/runs", highlight=False, soft_wrap=True)
    uvicorn.run(viewer, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)


@app.command()
def mcp() -> None:
    """Serve Tessera's MCP tools (generate_image, edit_image, render_plan, get_trace, list_runs) over stdio, for
    coding agents: `claude mcp add tessera -- tessera mcp`. Standard output carries the protocol; logs go to
    standard error."""
    from tessera.agents.mcp import serve_stdio

    with _reporting_errors():  # a setting or part that cannot be used stops it before it serves, with the reason
        serve_stdio(Settings.from_environment())


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
