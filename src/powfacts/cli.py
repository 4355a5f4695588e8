"""The command line: parse options, call one library function, print with Rich.

Exit codes: 0 every document processed; 1 some documents skipped or failed,
or ``check`` found differences (output for the others is complete), or the
output could not be written (disk full); 2 usage error (bad option, missing
path, invalid pattern file, an -o that is not a regular file); 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from powfacts.errors import OutputError, PatternError, PowfactsError, UsageError
from powfacts.run.work import DEFAULT_DOC_MEMORY, DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_BYTES

# Help texts are Rich markup: a literal square bracket is written \\[ (text\\[start:end], powfacts\\[dask]),
# or Rich takes it for a style tag and drops it (tests/test_help.py renders every help and checks).
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Dated, normalised, cited facts about prisoners of war, from news articles and resolutions.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line, however long
out = Console(highlight=False, soft_wrap=True)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    for line in message.splitlines() or [""]:  # several problems (a pattern file's bad lines): one line each
        err.print(f"error: {line}", markup=False, soft_wrap=True)
    return typer.Exit(code)


def _pattern_root(patterns: Path | None) -> str | None:
    """The pattern root for ``--patterns DIR`` (shipped + the user's rules), checked now; None for the shipped ones."""
    from powfacts.pipeline.rules import patterns_root, user_root

    return user_root(patterns_root(), patterns) if patterns else None


def parse_size(value: str) -> int:
    """A memory size: bytes, or a number with KB, MB, GB (powers of 1024).

    >>> parse_size("2GB"), parse_size("512 MB"), parse_size("1048576")
    (2147483648, 536870912, 1048576)
    """
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*", value, re.IGNORECASE)
    if match is None or float(match.group(1)) <= 0:
        raise UsageError(f"invalid --doc-memory {value!r}: expected a size such as 2GB or 500MB")
    scale = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[match.group(2).upper()]
    return int(float(match.group(1)) * scale)


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (every .txt, .md, .html, .htm and .pdf below, sorted) or - for stdin.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSONL here: complete or not at all (see --resume).")] = None,
    published: Annotated[Optional[str], typer.Option(help="The documents' date (YYYY-MM-DD); wins over --manifest, a page's metadata and a date in the text.")] = None,
    language: Annotated[Optional[str], typer.Option(help="Language of the documents (en, uk, ru, es); wins over --manifest; detected per document by default.")] = None,
    manifest: Annotated[Optional[Path], typer.Option(help="CSV of metadata per document: path, and any of url, title, published, outlet, language; wins over what the documents say.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for a batch (default: the number of CPUs).")] = os.cpu_count() or 1,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run into the same -o FILE, skipping documents already written.")] = False,
    max_bytes: Annotated[int, typer.Option(min=1, help="Skip files larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    doc_timeout: Annotated[float, typer.Option(min=0.1, help="Abandon a document after this many seconds (every run: one file, stdin, a batch, Dask).")] = DEFAULT_DOC_TIMEOUT,
    doc_memory: Annotated[str, typer.Option(help="Abandon a document that needs more memory than this (e.g. 2GB, 500MB), beyond the worker's own; every run.")] = f"{DEFAULT_DOC_MEMORY // 1024**3}GB",
    patterns: Annotated[Optional[Path], typer.Option(help="Folder of your own patterns (<lang>/<concern>.jsonl), added to the shipped ones.")] = None,
    strict: Annotated[bool, typer.Option(help="Treat any skipped document as a failure (exit 1 and say so).")] = False,
    scheduler: Annotated[Optional[str], typer.Option(help="Run on a Dask cluster: the scheduler's address (tcp://host:8786); needs powfacts\\[dask].")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="jsonl (one record a line) or csv (one row per fact, flat columns).")] = OutputFormat.jsonl,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Extract facts from documents as JSONL, one fact a line, sorted by path then offset.

    Exit codes: 0 every document processed; 1 some documents skipped or
    failed (the output holds every other document), or the output could not
    be written (disk full: -o FILE is left as it was); 2 usage error (bad
    option, missing path, invalid pattern file, -o not a regular file, --resume
    with other options); 130 interrupted (Ctrl-C or SIGTERM: -o FILE was not
    written; --resume continues).
    """
    import signal

    from powfacts.api import parse_published
    from powfacts.run.batch import extract_batch
    from powfacts.inputs.manifest import check_languages, read_manifest
    from powfacts.inputs.readers import STDIN, scan
    from powfacts.pipeline.rules import available_languages, patterns_root, user_root
    from powfacts.run.work import Options
    from powfacts.run.writers import JournaledOutput

    try:
        day = parse_published(published)
        memory = parse_size(doc_memory)
        root = user_root(patterns_root(), patterns) if patterns else None
        rows = read_manifest(manifest) if manifest else None
        if rows is not None and language is None:
            check_languages(rows, available_languages())
    except PowfactsError as exc:
        raise _fail(str(exc)) from None
    if language is not None and language not in available_languages():
        raise _fail(f"no patterns for language {language!r} (have: {', '.join(available_languages())})")
    for path in paths:
        if path != STDIN and not Path(path).exists() and not Path(path).is_symlink():
            raise _fail(f"{path}: no such file or folder")
    if resume and output is None:
        raise _fail("--resume needs -o FILE")
    if scheduler is not None and STDIN in paths:
        raise _fail("standard input (-) cannot be sent to a Dask cluster: save it to a file the workers can read")
    found = scan(paths)
    files = found.files
    folder_run = any(p != STDIN and Path(p).is_dir() for p in paths)
    if rows is not None:
        _unmatched_rows(rows, files)
    options = Options(
        published=day, language=language, max_bytes=max_bytes, doc_timeout=doc_timeout, doc_memory=memory,
        patterns=root, format=output_format.value, manifest=rows,
    )
    if scheduler is not None:
        from powfacts.run.cluster import DaskEngine

        engine = DaskEngine(scheduler)
    else:
        from powfacts.run.local import LocalEngine

        engine = LocalEngine(workers)
    signal.signal(signal.SIGTERM, _interrupt)
    show = folder_run and not quiet
    try:
        sink = JournaledOutput(output, resume=resume) if output else sys.stdout
        with _progress(len(files), enabled=show) as advance:

            def on_result(result) -> None:
                if result.reason:
                    err.print(f"skipped: {result.message}", markup=False)
                for warning in result.warnings:
                    err.print(f"partly read: {warning}", markup=False)
                advance()

            summary = extract_batch(files, options, sink, engine, resume=resume, on_result=on_result)
            if not output:
                sys.stdout.flush()
    except (PatternError, UsageError) as exc:
        raise _fail(str(exc)) from None
    except OutputError as exc:
        raise _fail(str(exc), EXIT_PARTIAL) from None
    except OSError as exc:  # standard output: a full disk, a closed pipe
        raise _fail(f"{output or 'standard output'}: cannot write ({exc.strerror or exc})", EXIT_PARTIAL) from None
    except KeyboardInterrupt:
        err.print("interrupted: the output file was not written; run again with --resume to continue", markup=False)
        raise typer.Exit(130) from None
    if show:
        _summary(summary, others=len(found.skipped))
    skipped = sum(len(v) for v in summary.skipped.values())
    if skipped or summary.partly:
        if strict:
            err.print(f"error: {skipped} document(s) skipped, {len(summary.partly)} partly read (--strict)" if summary.partly else f"error: {skipped} document(s) skipped (--strict)", markup=False)
        raise typer.Exit(EXIT_PARTIAL)


#: at most this many manifest rows that match no document are named, then a count
UNMATCHED_SHOWN = 20


def _unmatched_rows(manifest, files: list[str]) -> None:
    """Name on stderr each manifest row that matches no document of the run (a typo, a path outside the folders run)."""
    used = {id(manifest.row_for(path)) for path in files}
    unmatched = sorted({id(row): row for row in manifest.values() if id(row) not in used}.values(), key=lambda row: int(row.source.rsplit(":", 1)[1]))
    for row in unmatched[:UNMATCHED_SHOWN]:
        err.print(f"warning: {row.source}: {row.path!r} matches no document of this run (its metadata is not used)", markup=False)
    if len(unmatched) > UNMATCHED_SHOWN:
        err.print(f"warning: {manifest.path}: {len(unmatched) - UNMATCHED_SHOWN} more rows match no document of this run", markup=False)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


class _progress:
    """A Rich progress bar on stderr (documents/s and time left), or nothing."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.bar = total, enabled, None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("extract", total=self.total, rate="-")
        started = time.monotonic()

        def advance() -> None:
            self.bar.advance(task)
            done = self.bar.tasks[0].completed
            self.bar.update(task, rate=f"{done / max(time.monotonic() - started, 1e-9):.1f}")

        return advance

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()
        return False


def _summary(summary, others: int = 0) -> None:
    table = Table(title="powfacts extract", show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("documents", str(summary.documents))
    table.add_row("other files in the folders (not read)", str(others))
    if summary.resumed:
        table.add_row("documents already written (--resume)", str(summary.resumed))
    table.add_row("documents written", str(summary.written))
    if summary.partly:
        table.add_row("written, partly read (pages left out)", str(len(summary.partly)))
    from powfacts.run.work import REASONS

    order = {reason: i for i, reason in enumerate(REASONS)}
    for reason, paths in sorted(summary.skipped.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
        table.add_row(f"skipped: {reason}", str(len(paths)))
    for measure, count in sorted(summary.measures.items()):
        table.add_row(f"facts: {measure}", str(count))
    table.add_row("facts: all", str(summary.facts))
    rate = (summary.written + sum(len(v) for v in summary.skipped.values())) / summary.seconds if summary.seconds else 0.0
    table.add_row("documents/s", f"{rate:.1f}")
    err.print(table)


@app.command(name="text")
def text_(
    path: Annotated[str, typer.Argument(help="A document (text, HTML or PDF), or - for stdin.")],
) -> None:
    """Print the text that records' offsets index into: text\\[start:end] == figure.text, for HTML and PDF too."""
    from powfacts.inputs.readers import STDIN, read_document

    if path != STDIN and not Path(path).exists():
        raise _fail(f"{path}: no such file or folder")
    try:
        document = read_document(path)
    except PowfactsError as exc:
        raise _fail(str(exc), EXIT_PARTIAL) from None
    sys.stdout.flush()
    sys.stdout.buffer.write(document.text.encode("utf-8"))
    sys.stdout.buffer.flush()


@app.command()
def check(
    folder: Annotated[Path, typer.Argument(help="Folder of <case>.txt (or .md, .html, .htm, .pdf) beside <case>.jsonl.")] = Path("fixtures"),
    update: Annotated[bool, typer.Option("--update", help="Rewrite the expected JSONL files (read the diff before committing).")] = False,
    patterns: Annotated[Optional[Path], typer.Option(help="Folder of your own patterns (<lang>/<concern>.jsonl), added to the shipped ones.")] = None,
) -> None:
    """Re-extract every fixture and compare with its expected JSONL; exit 1 on any difference."""
    from powfacts.checks import golden

    try:
        root = _pattern_root(patterns)
        if update:
            written, unchanged = golden.update(folder, root)
            for path in written:
                out.print(f"wrote {path}", markup=False)
            out.print(f"{len(written)} expected file(s) written, {unchanged} unchanged", markup=False)
            for orphan in golden.orphans(folder):
                err.print(f"warning: {orphan}: expected facts without a document (not removed)", markup=False)
            return
        differences = golden.check(folder, root)
    except PowfactsError as exc:
        raise _fail(str(exc)) from None
    if not differences:
        out.print(f"ok: {len(golden.cases(folder))} fixtures produce their expected facts", markup=False)
        return
    for difference in differences:
        out.print(difference.describe(), markup=False)
    out.print(f"{len(differences)} difference(s); run `powfacts check --update {folder}` if they are intended", markup=False)
    raise typer.Exit(EXIT_PARTIAL)


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.jsonl files.")],
    docs_dir: Annotated[Path, typer.Argument(help="Folder of the documents the gold names.")],
    show: Annotated[bool, typer.Option("--show", help="List every miss, extra and wrong field.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    patterns: Annotated[Optional[Path], typer.Option(help="Folder of your own patterns (<lang>/<concern>.jsonl), added to the shipped ones.")] = None,
) -> None:
    """Score extraction against a gold corpus (precision, recall, F1; accuracy per field)."""
    from powfacts.api import extract_document
    from powfacts.checks.evaluate import evaluate
    from powfacts.inputs.readers import read_document

    def predict(path: Path) -> list[dict]:
        document = read_document(str(path))
        return [f.model_dump(mode="json") for f in extract_document(document, patterns=root)]

    try:
        root = _pattern_root(patterns)
        report = evaluate(gold_dir, docs_dir, predict)
    except PowfactsError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        out.print_json(json.dumps(report.as_dict(show=show)))
        return
    _print_report(report, show)


def _print_report(report, show: bool) -> None:
    table = Table(title=f"powfacts eval: {report.documents} documents")
    for column in ("measure", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    for measure, counts in sorted(report.measures.items()):
        table.add_row(measure, str(counts.tp), str(counts.fp), str(counts.fn), f"{counts.precision:.3f}", f"{counts.recall:.3f}", f"{counts.f1:.3f}")
    o, s = report.overall, report.strict
    table.add_row("overall", str(o.tp), str(o.fp), str(o.fn), f"{o.precision:.3f}", f"{o.recall:.3f}", f"{o.f1:.3f}", style="bold")
    table.add_row("overall, strict", str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", style="bold")
    out.print(table)
    fields = Table(title="accuracy per field (matched pairs)")
    for column in ("field", "correct", "judged", "accuracy"):
        fields.add_column(column, justify="right" if column != "field" else "left")
    for name, correct, judged in report.field_tallies():
        fields.add_row(name, str(correct), str(judged), f"{correct / judged:.3f}" if judged else "-")
    out.print(fields)
    if show:
        for name, wrong, groups in report.families():
            out.print(f"{name}: {wrong} wrong — " + ", ".join(f"{rules} ×{count}" for rules, count in groups), markup=False)
        for item in report.misses:
            out.print(f"miss  {item['doc']} {item['figure']['text']!r}@{item['figure']['start']} {item['measure']} {item['value']}", markup=False)
        for item in report.extras:
            out.print(f"extra {item['doc']} {item['figure']['text']!r}@{item['figure']['start']} {item['measure']} {item['value']}", markup=False)
        for item in report.wrong:
            out.print(f"wrong {item['doc']} {item['figure']['text']!r}@{item['figure']['start']} {item['measure']} {item['field']}: gold {item['gold']!r} predicted {item['predicted']!r}", markup=False)


patterns_app = typer.Typer(no_args_is_help=True, help="Check pattern files, and print the format of a rule.")
app.add_typer(patterns_app, name="patterns")


@patterns_app.command("check")
def patterns_check(
    folder: Annotated[Optional[Path], typer.Argument(help="A folder laid out as <lang>/<concern>.jsonl; the shipped patterns by default.")] = None,
    examples: Annotated[bool, typer.Option("--examples/--no-examples", help="Run every rule's example sentences.")] = True,
) -> None:
    """Check every rule of a folder (format, labels, word lists, spaCy's own validation) and run its examples; exit 1 on any problem."""
    from powfacts.pipeline.pattern_check import check_patterns, describe

    if folder is not None and not folder.is_dir():
        raise _fail(f"{folder}: pattern folder not found")
    report = check_patterns(folder, run_examples=examples)
    for problem in report.problems:
        out.print(problem, markup=False)
    out.print(describe(report), markup=False)
    if report.problems:
        raise typer.Exit(EXIT_PARTIAL)


@patterns_app.command("schema")
def patterns_schema() -> None:
    """Print the JSON Schema of one line of a pattern file."""
    from powfacts.pipeline.pattern_check import rule_schema

    out.print_json(json.dumps(rule_schema()))


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record."""
    from powfacts.facts.records import record_schema

    out.print_json(json.dumps(record_schema()))


# -- timeline, report, explain -------------------------------------------------



class TimelineFormat(str, Enum):
    """How ``powfacts timeline`` writes its result."""

    table = "table"
    json = "json"
    csv = "csv"


class Period(str, Enum):
    """How ``powfacts timeline --by`` groups events."""

    month = "month"
    year = "year"


@app.command()
def timeline(
    facts: Annotated[Path, typer.Argument(help="JSONL file of facts (powfacts extract ... -o facts.jsonl).")],
    measure: Annotated[Optional[str], typer.Option(help="Only this measure (released, exchanges, executions, ...); with --by, the measure summed (default released).")] = None,
    nationality: Annotated[Optional[str], typer.Option(help="Only the facts about these people: UA or RU (per-side figures count for both).")] = None,
    fmt: Annotated[TimelineFormat, typer.Option("--format", help="table (on screen), json or csv (UTF-8 with a BOM, for spreadsheets).")] = TimelineFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the JSON or CSV here (atomically) instead of stdout.")] = None,
    by: Annotated[Optional[Period], typer.Option("--by", help="Sum the events per month or year (each event once, planned ones left out).")] = None,
    since: Annotated[Optional[str], typer.Option(help="With --by: events from this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="With --by: events up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
) -> None:
    """Merge the facts into a timeline: each figure once with all its sources, the events they tell of, and the conflicts.

    With --by month|year (or --since/--until): per period, the sum over events of one measure, with its events and sources.
    """
    from powfacts.answers.events import answer
    from powfacts.answers.tables import PERIOD_COLUMNS, csv_text, period_rows, spreadsheet_text
    from powfacts.answers.timeline import timeline_file
    from powfacts.run.writers import atomic_text

    if output is not None and fmt is TimelineFormat.table:
        raise _fail("--output needs --format json or csv")
    periods = by is not None or since is not None or until is not None
    try:
        result = timeline_file(facts, measure=measure, nationality=nationality)
        summed = answer(result.events, measure or "released", result_nationality(nationality), (by or Period.month).value, since, until) if periods else None
    except PowfactsError as exc:
        raise _fail(str(exc)) from None
    if fmt is TimelineFormat.table:
        if summed is not None:
            _print_answer(summed)
        else:
            _print_timeline(result)
        return
    if fmt is TimelineFormat.json:
        text = json.dumps(summed.as_dict(), ensure_ascii=False, indent=2) + "\n" if summed is not None else result.to_json()
    else:
        text = spreadsheet_text(csv_text(PERIOD_COLUMNS, period_rows(summed)) if summed is not None else result.to_csv())
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with atomic_text(output) as sink:
            sink.write(text)
    except UsageError as exc:
        raise _fail(str(exc)) from None
    except OutputError as exc:
        raise _fail(str(exc), EXIT_PARTIAL) from None


def result_nationality(nationality: str | None) -> str | None:
    return nationality.upper() if nationality else None


def _print_timeline(result) -> None:
    from rich.text import Text

    from powfacts.answers.timeline import date_text, figure_text, label

    if not result.entries:
        out.print("no facts", markup=False)
        return
    in_events = {m.fact.id for e in result.events for m in e.mentions}
    groups = (
        ("cumulative totals and standing figures", ("cumulative", "state")),
        ("totals for a period", ("period_total",)),
        ("other single figures (plans, other measures)", ("event",)),
    )
    for title, kinds in groups:
        entries = [e for e in result.entries if e.kind in kinds and not {c.fact for c in e.citations} <= in_events]
        if not entries:
            continue
        table = Table(title=title)
        for column in ("date", "kind", "what", "figure", "sources", "conflicts"):
            table.add_column(column, overflow="fold")
        for e in entries:
            sources = "\n".join(f"{c.path}@{c.figure['start']}" for c in e.citations)
            table.add_row(*(Text(v) for v in (date_text(e), e.kind, label(e), figure_text(e), sources, " ".join(e.conflicts))), style="red" if e.conflicts else None)
        out.print(table)
    if result.events:
        table = Table(title="events")
        for column in ("date", "event", "figures", "sources", "conflicts"):
            table.add_column(column, overflow="fold")
        for event in result.events:
            table.add_row(*(Text(v) for v in _event_cells(event)), style="red" if event.conflicts else None)
        out.print(table)
    out.print(f"{len(result.conflicts)} conflict(s)" if result.conflicts else "no conflicts between sources", markup=False)
    for c in result.conflicts:
        out.print(f"{c.id} {c.kind}: {c.message}", markup=False)


def _event_cells(event) -> tuple[str, str, str, str, str]:
    from powfacts.answers.events import event_summary

    when = (event.start if event.start == event.end else f"{event.start} → {event.end}") if event.dated else f"no date{' (' + event.date_text + ')' if event.date_text else ''}"
    lines = []
    for group in event.sources:
        paths = {d.source.path for d in group.documents}
        cited = ", ".join(f"{m.fact.source.path}@{m.fact.figure.start}" for m in event.mentions if m.fact.source.path in paths)
        named = group.label if group.label not in paths else ""
        copies = f" ({len(group.documents)} copies)" if len(group.documents) > 1 else ""
        lines.append(f"{named}{copies}{': ' if named or copies else ''}{cited}")
    sources = "\n".join(lines)
    return when, f"{event.type} {event.id}", event_summary(event), sources, " ".join(event.conflicts)


def _print_answer(summed) -> None:
    from rich.text import Text

    from powfacts.answers.events import event_summary

    side = f" {summed.nationality}" if summed.nationality else ""
    table = Table(title=f"{summed.measure}{side} per {summed.by}, summed over events")
    for column in ("period", "value", "events", "sources"):
        table.add_column(column, overflow="fold")
    for p in summed.periods:
        events = "\n".join(f"{e.start} {e.id}: {v:,}{' (derived)' if any(f.derived or f.from_each for f in figs) else ''}" for e, v, figs in p.events)
        table.add_row(Text(p.period), Text(f"{p.value:,}"), Text(events), Text("\n".join(p.sources)))
    out.print(table)
    out.print(f"total: {sum(p.value for p in summed.periods):,} in {sum(len(p.events) for p in summed.periods)} event(s)", markup=False)
    if summed.undated:
        out.print(f"{len(summed.undated)} event(s) with no date, not in any period:", markup=False)
        for event, value, _ in summed.undated:
            docs = ", ".join(sorted({m.fact.source.path for m in event.mentions}))
            out.print(f"  {event.id}{' (' + event.date_text + ')' if event.date_text else ''}: {value:,} — {event_summary(event)} — {docs}", markup=False)


@app.command()
def report(
    facts: Annotated[Path, typer.Argument(help="JSONL file of facts (powfacts extract ... -o facts.jsonl).")],
    docs: Annotated[list[str], typer.Argument(help="The documents the facts came from: files, or folders (every document below).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write (one file, works offline).")],
) -> None:
    """Write one offline HTML page to review the facts: chart over time, conflicts, timeline, documents with every fact marked."""
    from powfacts.answers.report import write_report

    for path in docs:
        if not Path(path).exists():
            raise _fail(f"{path}: no such file or folder") from None
    try:
        summary = write_report(facts, docs, output)
    except OutputError as exc:
        raise _fail(str(exc), EXIT_PARTIAL) from None
    except PowfactsError as exc:
        raise _fail(str(exc)) from None
    out.print(
        f"wrote {output}: {summary.facts} facts ({summary.highlighted} marked in {summary.documents} documents), "
        f"{summary.entries} timeline entries, {summary.points} chart points, {summary.conflicts} conflicts",
        markup=False,
    )
    for line in summary.unplaced:
        err.print(f"not placed: {line}", markup=False)
    if summary.unplaced:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def explain(
    sentence: Annotated[Optional[str], typer.Argument(help="The sentence to explain (or use --file and --offset).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Explain a sentence of this document (read whole, so its dates resolve).")] = None,
    offset: Annotated[Optional[int], typer.Option("--offset", min=0, help="With --file: a character offset inside the sentence to explain.")] = None,
    published: Annotated[Optional[str], typer.Option(help="The document's date (YYYY-MM-DD); wins over a date in the text.")] = None,
    language: Annotated[Optional[str], typer.Option(help="Language of the text (en, uk, ru, es); detected by default.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
    patterns: Annotated[Optional[Path], typer.Option(help="Folder of your own patterns (<lang>/<concern>.jsonl), added to the shipped ones.")] = None,
) -> None:
    """Show how powfacts reads a sentence: tokens, every pattern match with its rule id, the facts, and why a figure made none."""
    from powfacts.checks.explain import explain_file, explain_text

    if sentence is not None and file is not None:
        raise _fail("give a SENTENCE or --file with --offset, not both")
    if file is None and offset is not None:
        raise _fail("--offset needs --file")
    if sentence is None and file is None:
        raise _fail("give a SENTENCE, or --file with --offset")
    if file is not None and offset is None:
        raise _fail("--file needs --offset (a character offset inside the sentence)")
    try:
        root = _pattern_root(patterns)
        result = explain_text(sentence, published, language, root) if file is None else explain_file(file, offset, published, language, root)
    except PowfactsError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        sys.stdout.write(result.to_json())
        return
    _print_explanation(result)


def _print_explanation(result) -> None:
    from rich.text import Text

    source = {"text": f"from the text: {result.published_text}", "option": "from --published", "none": "none: relative dates stay unresolved"}
    out.print(f"language {result.language} · document date {result.published or '-'} ({source[result.published_from]})", markup=False)
    s = result.sentence
    out.print(f"sentence {s['start']}-{s['end']}: {s['text']}", markup=False)

    tokens = Table(title="tokens")
    for column in ("#", "token", "chars", "number", "figure", "date"):
        tokens.add_column(column, overflow="fold")
    for t in result.tokens:
        shown = t["text"] if t["text"].strip() else t["text"].replace("\n", "⏎").replace(" ", "·")
        tokens.add_row(*(Text(str(v)) for v in (t["i"], shown, f"{t['start']}-{t['end']}", t["number"] or "", t["figure"] or "", "yes" if t["date"] else "")))
    out.print(tokens)

    matches = Table(title="pattern matches")
    for column in ("concern", "rule", "label", "text", "chars"):
        matches.add_column(column, overflow="fold")
    for m in result.spans:
        matches.add_row(*(Text(str(v)) for v in (m["concern"], m["rule"], m["label"], m["text"], f"{m['start']}-{m['end']}")))
    out.print(matches)

    for number, fact in enumerate(result.facts, start=1):
        figure = fact["figure"]
        table = Table(title=f"fact {number}: {figure['text']} ({figure['start']}-{figure['end']})", show_header=False)
        table.add_column("field")
        table.add_column("value", overflow="fold")
        date = fact["date"]
        when = "null" if date is None else f"{date['start']} → {date['end']}" + (f" ({date['text']})" if date["text"] else "")
        for name in ("measure", "value", "low", "high", "unit", "qualifier", "per_side", "status", "population", "nationality"):
            table.add_row(Text(name), Text(json.dumps(fact[name], ensure_ascii=False)))
        table.add_row(Text("date"), Text(when))
        table.add_row(Text("rules"), Text(", ".join(fact["rules"])))
        out.print(table)
    if not result.facts:
        out.print("no facts", markup=False)
    for item in result.rejected:
        figure = item["figure"]
        rule = f" (rule {item['rule']})" if item["rule"] else ""
        out.print(f"no fact: {figure['text']} ({figure['start']}-{figure['end']}): {item['reason']}{rule}", markup=False)


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="powfacts")
