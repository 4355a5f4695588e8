"""Batch runs: many documents, in parallel worker processes, in a stable order.

- Documents are checked before they are opened (size, symlinks, FIFOs and
  devices are never read) and each problem becomes a :class:`DocResult` with
  a reason: the batch goes on.
- Workers are separate processes. A document that runs past the time limit
  has its worker killed and replaced; it is reported as ``timeout``.
- Results are written in input order (sorted paths), whatever order the
  workers finish in, so the output is byte-identical with any number of
  workers. At most ``4 × workers`` results wait in memory (and two documents in each worker's queue).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING

from .errors import InputError, PatternError
from .readers import STDIN

if TYPE_CHECKING:
    from .manifest import Manifest

#: reasons a document is skipped, in the order the summary lists them
REASONS = (
    "empty file",
    "binary file",
    "file over --max-bytes",
    "permission denied",
    "broken symlink",
    "symlink loop",
    "not a regular file",
    "undecodable text",
    "encrypted PDF",
    "PDF without a text layer (needs OCR)",
    "corrupt PDF",
    "HTML without main text",
    "vanished during the run",
    "timeout",
    "failed",
)
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_DOC_TIMEOUT = 60.0
#: tasks waiting in each worker's pipe, so it never waits for this process between documents
QUEUED = 2


@dataclass(frozen=True)
class Options:
    """How to run a batch; every field has the value the CLI documents as default."""

    published: dt.date | None = None
    language: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    doc_timeout: float = DEFAULT_DOC_TIMEOUT
    prefilter: bool = True
    patterns: str | None = None  # a pattern root from powfacts.rules.user_root
    format: str = "jsonl"  # or "csv": one row per fact (powfacts.tables)
    manifest: Manifest | None = None  # metadata by path (powfacts.manifest.read_manifest)


@dataclass
class DocResult:
    """The outcome of one document: its JSON lines, or why it was skipped."""

    index: int
    path: str
    sha256: str | None = None
    lines: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    reason: str | None = None
    detail: str | None = None

    @property
    def message(self) -> str:
        """One line for stderr: ``<path>: <reason>``."""
        return self.detail or f"{self.path}: {self.reason}"


def inspect(path: str, max_bytes: int) -> str | None:
    """Why ``path`` must not be read, or ``None`` when it can be.

    Never opens the file: FIFOs and devices would block or never end.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "vanished during the run"  # it was listed (or named on the command line) and is gone
    except PermissionError:
        return "permission denied"
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return "broken symlink"
        except OSError as exc:
            return "symlink loop" if exc.errno == 40 else "broken symlink"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size == 0:
        return "empty file"
    if info.st_size > max_bytes:
        return "file over --max-bytes"
    if not os.access(path, os.R_OK):
        return "permission denied"
    return None


def _reason_of(error: InputError) -> str:
    message = str(error)
    for reason, needles in (
        ("encrypted PDF", ("encrypted PDF",)),
        ("PDF without a text layer (needs OCR)", ("no text layer",)),
        ("corrupt PDF", ("corrupt PDF",)),
        ("HTML without main text", ("no main text",)),
        ("empty file", ("empty",)),
        ("binary file", ("binary", "NUL")),
        ("permission denied", ("permission",)),
        ("vanished during the run", ("no such file",)),
        ("undecodable text", ("UTF-8", "encoding", "decode", "byte-order mark")),
    ):
        if any(n in message for n in needles):
            return reason
    return "failed"


def process(index: int, path: str, options: Options) -> DocResult:
    """Read, check and extract one document (runs inside a worker)."""
    from .api import extract_document, load_document

    reason = None if path == STDIN else inspect(path, options.max_bytes)
    if reason is not None:
        return DocResult(index, path, reason=reason)
    try:
        document = load_document(path, options.manifest)
    except InputError as exc:
        return DocResult(index, path, reason=_reason_of(exc), detail=str(exc))
    except OSError as exc:
        return DocResult(index, path, reason="failed", detail=f"{path}: {exc.strerror or exc}")
    try:
        facts = extract_document(document, options.published, options.language, prefilter=options.prefilter, patterns=options.patterns)
    except PatternError:
        raise  # a bad pattern file stops the run: it would fail every document
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return DocResult(index, path, document.sha256, reason="failed", detail=f"{path}: {type(exc).__name__}: {exc}")
    if options.format == "csv":
        from .tables import fact_line

        lines = [fact_line(f) for f in facts]
    else:
        lines = [f.to_json() for f in facts]
    return DocResult(index, path, document.sha256, lines, [f.measure for f in facts])


def warm_up(options: Options) -> None:
    """Import what every worker needs (spaCy, dateparser, the pipeline) and check the patterns, before workers are forked.

    The imports are shared by the forked workers. Each worker builds the
    pipeline of a language when it first meets a document in it: the
    workers build in parallel, and a batch in one language never builds the
    others. A bad pattern in the user's files (``--patterns``) stops the run
    here, before any document; the shipped files are checked by the tests, and
    a worker that meets a bad pattern sends the error back.
    """
    from . import api, pipeline  # noqa: F401  (imported for the workers)
    from .extensions import register
    from .matching import check_rules
    from .rules import CONCERNS, available_languages, load_rules

    if options.patterns is None:
        return
    register()
    for lang in available_languages(options.patterns):
        for concern in CONCERNS:
            check_rules(load_rules(options.patterns, lang, concern), f"{lang}/{concern}.jsonl")


def _worker(conn: Connection, options: Options) -> None:  # pragma: no cover - runs in a child process
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    while True:
        task = conn.recv()
        if task is None:
            return
        index, path = task
        try:
            conn.send(process(index, path, options))
        except PatternError as exc:  # a bad pattern (met when the pipeline is built): the parent stops the run
            conn.send(exc)


class _Slot:
    """One worker process and the tasks sent to it, in the order it runs them.

    Up to :data:`QUEUED` tasks wait in the worker's pipe, so it starts the
    next document while this process handles the last result; the time
    limit runs for the first task only, from the moment it started.
    """

    def __init__(self, context, options: Options):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, options), daemon=True)
        self.process.start()
        child.close()
        self.queue: deque[tuple[int, str]] = deque()
        self.started = 0.0

    @property
    def task(self) -> tuple[int, str] | None:
        """The task the worker is running, if any."""
        return self.queue[0] if self.queue else None

    def give(self, task: tuple[int, str]) -> None:
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append(task)
        try:
            self.conn.send(task)
        except (BrokenPipeError, OSError):
            pass  # the worker died: its end of the pipe reports it, and its queued tasks are given out again

    def done(self) -> tuple[int, str]:
        """The running task has its result: the next one starts now."""
        self.started = time.monotonic()
        return self.queue.popleft()

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def run(paths: list[str], options: Options, workers: int = 1, skip: Callable[[int], bool] | None = None) -> Iterator[DocResult]:
    """Process ``paths`` with ``workers`` processes; yield results in input order.

    ``skip(index)`` tells which documents are already done (``--resume``);
    they are not sent to a worker and yield nothing.
    """
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    warm_up(options)
    slots = [_Slot(context, options) for _ in range(max(1, min(workers, len(paths) or 1)))]
    pending = deque((i, p) for i, p in enumerate(paths) if not (skip and skip(i)))
    expected = [i for i in range(len(paths)) if not (skip and skip(i))]
    ready: dict[int, DocResult] = {}
    position = 0
    limit = 4 * len(slots)
    try:
        while position < len(expected):
            for slot in slots:
                # the document the output waits for is always given out, however many results wait
                while pending and len(slot.queue) < QUEUED and (len(ready) < limit or pending[0][0] == expected[position]):
                    slot.give(pending.popleft())
            busy = [s for s in slots if s.queue]
            for conn in wait([s.conn for s in busy], timeout=0.2):
                slot = next(s for s in busy if s.conn is conn)
                try:
                    result = conn.recv()
                    if isinstance(result, PatternError):
                        raise result
                    slot.done()
                except (EOFError, OSError):  # the worker died (a crash in native code)
                    index, path = slot.task  # type: ignore[misc]
                    result = DocResult(index, path, reason="failed", detail=f"{path}: the worker process died")
                    slots[slots.index(slot)] = _replace(slot, context, options, pending)
                ready[result.index] = result
            now = time.monotonic()
            for n, slot in enumerate(slots):
                if slot.queue and now - slot.started > options.doc_timeout:
                    index, path = slot.queue[0]
                    ready[index] = DocResult(index, path, reason="timeout", detail=f"{path}: timeout (over {options.doc_timeout:g} s)")
                    slots[n] = _replace(slot, context, options, pending)
            while position < len(expected) and expected[position] in ready:
                yield ready.pop(expected[position])
                position += 1
    finally:
        for slot in slots:
            slot.stop(kill=bool(slot.queue))


def _replace(slot: _Slot, context, options: Options, pending: deque[tuple[int, str]]) -> _Slot:
    """A new worker for one that died or ran out of time; the tasks queued behind its first go back to ``pending``."""
    slot.stop(kill=True)
    pending.extendleft(reversed(list(slot.queue)[1:]))
    return _Slot(context, options)


def run_local(paths: list[str], options: Options, start: int = 0) -> Iterator[DocResult]:
    """Process ``paths[start:]`` one after the other in this process (no time limit)."""
    for index in range(start, len(paths)):
        yield process(index, paths[index], options)


@dataclass
class Summary:
    """What a batch run did: documents seen, written and skipped (by reason), facts per measure."""

    documents: int = 0
    written: int = 0
    resumed: int = 0
    skipped: dict[str, list[str]] = field(default_factory=dict)
    measures: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def facts(self) -> int:
        return sum(self.measures.values())

    def add(self, result: DocResult) -> None:
        if result.reason:
            self.skipped.setdefault(result.reason, []).append(result.path)
        else:
            self.written += 1
            for measure in result.measures:
                self.measures[measure] = self.measures.get(measure, 0) + 1


def _same_document(path: str, sha256: str | None) -> bool:
    from .readers import read_document

    if sha256 is None:
        return True  # it was skipped last time and would be again
    try:
        return read_document(path).sha256 == sha256
    except (InputError, OSError):
        return False


def _header(options: Options) -> str:
    if options.format == "csv":
        from .tables import header_line

        return header_line()
    return ""


def extract_batch(
    paths: list[str],
    options: Options,
    sink,
    workers: int = 1,
    resume: bool = False,
    on_result: Callable[[DocResult], None] | None = None,
    scheduler: str | None = None,
) -> Summary:
    """Extract every document of ``paths`` (already expanded and sorted) into ``sink``.

    ``sink`` is a :class:`~powfacts.writers.JournaledOutput` (``-o FILE``,
    resumable) or a text stream (stdout). One document runs in this process;
    more run in ``workers`` worker processes with the ``doc_timeout`` limit.
    ``on_result`` sees every result (for progress and error lines).
    ``scheduler`` runs the documents on a Dask cluster instead
    (:mod:`powfacts.cluster`); the output is the same.
    """
    from .writers import JournaledOutput

    started = time.monotonic()
    summary = Summary(documents=len(paths))
    done = 0
    if isinstance(sink, JournaledOutput):
        if resume:
            for entry, path in zip(sink.entries, paths):
                if entry["path"] != path or not _same_document(path, entry["sha256"]):
                    break
                done += 1
        sink.keep_prefix(done)
        summary.resumed = done
        sink.open(header=_header(options))
    elif _header(options):
        sink.write(_header(options) + "\n")
    if scheduler is not None:
        from .cluster import run_on_cluster

        results = run_on_cluster(paths, options, scheduler, start=done)
    elif len(paths) - done <= 1 or STDIN in paths:  # standard input is read here, not by a worker
        results = run_local(paths, options, start=done)
    else:
        results = run(paths, options, workers, skip=lambda i: i < done)
    complete = False
    try:
        for result in results:
            if isinstance(sink, JournaledOutput):
                sink.write(result.path, result.sha256, result.lines)
            else:
                sink.write("".join(line + "\n" for line in result.lines))
            summary.add(result)
            if on_result is not None:
                on_result(result)
        complete = True
    finally:
        if isinstance(sink, JournaledOutput):
            sink.close(complete)
        summary.seconds = time.monotonic() - started
    return summary
