"""The command line: parse options, call one library function, print with Rich.

Exit codes: 0 every document processed; 1 some documents skipped or failed,
or ``check`` found differences (output for the others is complete); 2 usage
error (bad option, missing path, invalid pattern file).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import PatternError, PowfactsError, UsageError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Dated, normalised, cited facts about prisoners of war, from news articles and resolutions.",
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (every *.txt below, sorted) or - for stdin.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSONL here (atomically) instead of stdout.")] = None,
    published: Annotated[Optional[str], typer.Option(help="Document date (YYYY-MM-DD) to use when the text gives none.")] = None,
    language: Annotated[Optional[str], typer.Option(help="Language of the documents (en, uk, ru, es); detected per document by default.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Extract facts from documents as JSONL, one fact a line, sorted by path then offset."""
    from .api import extract_paths, parse_published
    from .readers import STDIN, expand
    from .writers import atomic_text

    from .rules import available_languages

    try:
        day = parse_published(published)
    except UsageError as exc:
        raise _fail(str(exc)) from None
    if language is not None and language not in available_languages():
        raise _fail(f"no patterns for language {language!r} (have: {', '.join(available_languages())})") from None
    for path in paths:
        if path != STDIN and not Path(path).exists() and not Path(path).is_symlink():
            raise _fail(f"{path}: no such file or folder") from None
    files = expand(paths)
    folder_run = any(p != STDIN and Path(p).is_dir() for p in paths)
    per_measure: Counter[str] = Counter()
    failed: list[str] = []
    try:
        with (atomic_text(output) if output else _stdout()) as sink:
            with _progress(len(files), enabled=folder_run and not quiet) as advance:
                for outcome in extract_paths(files, published=day, language=language):
                    if outcome.error:
                        failed.append(outcome.error)
                        err.print(f"skipped: {outcome.error}", markup=False)
                    for fact in outcome.facts:
                        sink.write(fact.to_json() + "\n")
                        per_measure[fact.measure] += 1
                    advance()
    except PatternError as exc:
        raise _fail(str(exc)) from None
    except PowfactsError as exc:
        raise _fail(str(exc), EXIT_PARTIAL) from None
    if folder_run and not quiet:
        _summary(len(files), per_measure, failed)
    if failed:
        raise typer.Exit(EXIT_PARTIAL)


class _stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc):
        sys.stdout.flush()
        return False


class _progress:
    """A Rich progress bar on stderr, or nothing."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.bar = total, enabled, None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True)
        self.bar.start()
        task = self.bar.add_task("extract", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc):
        if self.bar:
            self.bar.stop()
        return False


def _summary(documents: int, per_measure: Counter[str], failed: list[str]) -> None:
    table = Table(title="powfacts extract", show_header=True)
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("documents", str(documents))
    table.add_row("documents that failed", str(len(failed)))
    for measure, count in sorted(per_measure.items()):
        table.add_row(f"facts: {measure}", str(count))
    table.add_row("facts: all", str(sum(per_measure.values())))
    err.print(table)


@app.command()
def check(
    folder: Annotated[Path, typer.Argument(help="Folder of <case>.txt beside <case>.jsonl.")] = Path("fixtures"),
    update: Annotated[bool, typer.Option("--update", help="Rewrite the expected JSONL files (read the diff before committing).")] = False,
) -> None:
    """Re-extract every fixture and compare with its expected JSONL; exit 1 on any difference."""
    from . import golden

    try:
        if update:
            for path in golden.update(folder):
                out.print(f"wrote {path}", markup=False)
            return
        differences = golden.check(folder)
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
) -> None:
    """Score extraction against a gold corpus (precision, recall, F1; accuracy per field)."""
    from .api import extract_document
    from .evaluate import evaluate
    from .readers import read_document

    def predict(path: Path) -> list[dict]:
        document = read_document(str(path))
        return [f.model_dump(mode="json") for f in extract_document(document)]

    try:
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
    o = report.overall
    table.add_row("overall", str(o.tp), str(o.fp), str(o.fn), f"{o.precision:.3f}", f"{o.recall:.3f}", f"{o.f1:.3f}", style="bold")
    out.print(table)
    fields = Table(title="accuracy per field (matched pairs)")
    for column in ("field", "correct", "judged", "accuracy"):
        fields.add_column(column, justify="right" if column != "field" else "left")
    for name, (correct, judged) in report.fields.items():
        fields.add_row(name, str(correct), str(judged), f"{correct / judged:.3f}" if judged else "-")
    out.print(fields)
    if show:
        for item in report.misses:
            out.print(f"miss  {item['doc']} {item['figure']['text']!r}@{item['figure']['start']} {item['measure']} {item['value']}", markup=False)
        for item in report.extras:
            out.print(f"extra {item['doc']} {item['figure']['text']!r}@{item['figure']['start']} {item['measure']} {item['value']}", markup=False)
        for item in report.wrong:
            out.print(f"wrong {item['doc']} {item['figure']['text']!r}@{item['figure']['start']} {item['measure']} {item['field']}: gold {item['gold']!r} predicted {item['predicted']!r}", markup=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output record."""
    from .records import record_schema

    out.print_json(json.dumps(record_schema()))


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="powfacts")
