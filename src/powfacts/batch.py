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

import dataclasses
import datetime as dt
import errno
import hashlib
import multiprocessing as mp
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING

from .errors import InputError, PatternError, UsageError
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
    "file name not valid UTF-8",
    "symlink to a folder (not followed)",
    "vanished during the run",
    "timeout",
    "out of memory",
    "failed",
)
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_DOC_TIMEOUT = 60.0
#: the memory a worker may take for one document, beyond what it holds when it starts (``--doc-memory``)
DEFAULT_DOC_MEMORY = 2 * 1024**3
#: tasks waiting in each worker's pipe, so it never waits for this process between documents
QUEUED = 2


@dataclass(frozen=True)
class Options:
    """How to run a batch; every field has the value the CLI documents as default."""

    published: dt.date | None = None
    language: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    doc_timeout: float = DEFAULT_DOC_TIMEOUT
    doc_memory: int = DEFAULT_DOC_MEMORY  # bytes of address space a worker may add for one document
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
    warnings: list[str] = field(default_factory=list)  # parts of a written document that could not be read

    @property
    def message(self) -> str:
        """One line for stderr: ``<path>: <reason>``."""
        return self.detail or f"{shown(self.path)}: {self.reason}"


def shown(path: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 (a file name from another system) as ``\\xff``.

    >>> shown("a/b.txt"), shown(b"bad\\xff.txt".decode("utf-8", "surrogateescape"))
    ('a/b.txt', 'bad\\\\xff.txt')
    """
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def valid_name(path: str) -> bool:
    """Whether a path is valid UTF-8 (so it can stand in a UTF-8 record)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def inspect(path: str, max_bytes: int) -> str | None:
    """Why ``path`` must not be read, or ``None`` when it can be.

    Never opens the file: FIFOs and devices would block or never end.
    """
    if not valid_name(path):
        return "file name not valid UTF-8"
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
            return "symlink loop" if exc.errno == errno.ELOOP else "broken symlink"
        if stat.S_ISDIR(info.st_mode):
            return "symlink to a folder (not followed)"
    if stat.S_ISDIR(info.st_mode):
        return "permission denied"  # a folder the walk could not enter
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


def _memory_text(size: int) -> str:
    """
    >>> _memory_text(2 * 1024**3), _memory_text(512 * 1024**2)
    ('2 GB', '512 MB')
    """
    return f"{size / 1024**3:g} GB" if size >= 1024**3 else f"{size / 1024**2:g} MB"


def _out_of_memory(index: int, path: str, options: Options, sha256: str | None = None) -> DocResult:
    return DocResult(index, path, sha256, reason="out of memory", detail=f"{shown(path)}: out of memory (over --doc-memory {_memory_text(options.doc_memory)})")


def process(index: int, path: str, options: Options, data: bytes | None = None, where: str | None = None) -> DocResult:
    """Read, check and extract one document (runs inside a worker).

    ``data`` holds the bytes of standard input (read by the parent); ``where``
    is where to read ``path`` from when it differs (an absolute path on a
    Dask worker, whose working folder is not ours); records name ``path``.
    """
    from .api import extract_document, load_document
    from .readers import from_bytes

    reason = None if path == STDIN else inspect(where or path, options.max_bytes)
    if reason is not None:
        return DocResult(index, path, reason=reason)
    try:
        if data is not None:
            document = from_bytes(data, "<stdin>")
        else:
            document = load_document(where or path, options.manifest)
            if where is not None and where != path:
                document = document.with_metadata(path=path)
    except InputError as exc:
        detail = str(exc) if where is None else str(exc).replace(where, path, 1)
        return DocResult(index, path, reason=_reason_of(exc), detail=detail)
    except MemoryError:
        return _out_of_memory(index, path, options)
    except OSError as exc:
        return DocResult(index, path, reason="failed", detail=f"{shown(path)}: {exc.strerror or exc}")
    try:
        facts = extract_document(document, options.published, options.language, prefilter=options.prefilter, patterns=options.patterns)
    except PatternError:
        raise  # a bad pattern file stops the run: it would fail every document
    except MemoryError:
        return _out_of_memory(index, path, options, document.sha256)
    except RecursionError:
        return DocResult(index, path, document.sha256, reason="failed", detail=f"{shown(path)}: failed (nested too deeply: RecursionError)")
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return DocResult(index, path, document.sha256, reason="failed", detail=f"{shown(path)}: {type(exc).__name__}: {exc}")
    if options.format == "csv":
        from .tables import fact_line

        lines = [fact_line(f) for f in facts]
    else:
        lines = [f.to_json() for f in facts]
    return DocResult(index, path, document.sha256, lines, [f.measure for f in facts], warnings=list(document.warnings))


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


#: how often a worker checks that its parent is alive (where the OS cannot tell it)
WATCHDOG_SECONDS = 1.0
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make this (child) process end when its parent does, even when the parent is killed with SIGKILL.

    On Linux the kernel sends SIGKILL to the child when its parent dies
    (``prctl(PR_SET_PDEATHSIG)``); on every platform a daemon thread also
    checks the parent's pid every :data:`WATCHDOG_SECONDS` and exits when the
    process was handed to another parent.
    """
    import signal
    import sys
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no libc prctl
            pass
    if os.getppid() != parent:  # the parent died before the prctl took effect
        os._exit(1)

    def watch() -> None:  # pragma: no cover - the prctl kills first on Linux
        while True:
            time.sleep(WATCHDOG_SECONDS)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="powfacts-parent-watchdog", daemon=True).start()


def limit_memory(size: int) -> None:
    """Let this process's address space grow by at most ``size`` bytes (``RLIMIT_AS``): beyond it, allocations raise MemoryError."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    current = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = current + size
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):  # pragma: no cover - a platform that refuses it
        pass


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where unknown)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _close_outputs() -> None:
    """Close the output files this forked worker inherited: only the parent writes them."""
    from .writers import OPEN_FDS

    for fd in list(OPEN_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    OPEN_FDS.clear()


def _worker(conn: Connection, options: Options, parent: int) -> None:  # pragma: no cover - runs in a child process
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)
    _close_outputs()
    limit_memory(options.doc_memory)
    while True:
        task = conn.recv()
        if task is None:
            return
        index, path, data = task
        try:
            conn.send(process(index, path, options) if data is None else process(index, path, options, data))
        except PatternError as exc:  # a bad pattern (met when the pipeline is built): the parent stops the run
            conn.send(exc)
        except MemoryError:  # past the limit outside a document's own work (sending a huge result)
            conn.send(_out_of_memory(index, path, options))


#: one document for a worker: its index, its path, and the bytes of standard input (else ``None``)
Task = tuple[int, str, "bytes | None"]


class _Slot:
    """One worker process and the tasks sent to it, in the order it runs them.

    Up to :data:`QUEUED` tasks wait in the worker's pipe, so it starts the
    next document while this process handles the last result; the time
    limit runs for the first task only, from the moment it started.
    """

    def __init__(self, context, options: Options):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, options, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.queue: deque[Task] = deque()
        self.started = 0.0

    @property
    def task(self) -> Task | None:
        """The task the worker is running, if any."""
        return self.queue[0] if self.queue else None

    def give(self, task: Task) -> None:
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append(task)
        try:
            self.conn.send(task)
        except (BrokenPipeError, OSError):
            pass  # the worker died: its end of the pipe reports it, and its queued tasks are given out again

    def done(self) -> Task:
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


def run(
    paths: list[str], options: Options, workers: int = 1, skip: Callable[[int], bool] | None = None, stdin: bytes | None = None
) -> Iterator[DocResult]:
    """Process ``paths`` with ``workers`` processes; yield results in input order.

    ``skip(index)`` tells which documents are already done (``--resume``);
    they are not sent to a worker and yield nothing. ``stdin`` holds the
    bytes of standard input for a ``-`` in ``paths``. Every document, a single
    one too, runs in a worker with the ``doc_timeout`` and ``doc_memory`` limits.
    """
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    warm_up(options)
    todo = [i for i in range(len(paths)) if not (skip and skip(i))]
    slots = [_Slot(context, options) for _ in range(max(1, min(workers, len(todo) or 1)))]
    pending = deque((i, paths[i], stdin if paths[i] == STDIN else None) for i in todo)
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
                    index, path, _ = slot.task  # type: ignore[misc]
                    slot.process.join(timeout=1)
                    if slot.process.exitcode in (-6, -9):  # an abort (std::bad_alloc) or a kill, at the memory limit most often
                        result = DocResult(index, path, reason="failed", detail=f"{shown(path)}: the worker process died (signal {-slot.process.exitcode}; out of memory? see --doc-memory)")
                    else:
                        result = DocResult(index, path, reason="failed", detail=f"{shown(path)}: the worker process died")
                    slots[slots.index(slot)] = _replace(slot, context, options, pending)
                ready[result.index] = result
            now = time.monotonic()
            for n, slot in enumerate(slots):
                if slot.queue and now - slot.started > options.doc_timeout:
                    index, path, _ = slot.queue[0]
                    ready[index] = DocResult(index, path, reason="timeout", detail=f"{shown(path)}: timeout (over --doc-timeout {options.doc_timeout:g} s)")
                    slots[n] = _replace(slot, context, options, pending)
            while position < len(expected) and expected[position] in ready:
                yield ready.pop(expected[position])
                position += 1
    finally:
        for slot in slots:
            slot.stop(kill=bool(slot.queue))


def _replace(slot: _Slot, context, options: Options, pending: deque[Task]) -> _Slot:
    """A new worker for one that died or ran out of time; the tasks queued behind its first go back to ``pending``."""
    slot.stop(kill=True)
    pending.extendleft(reversed(list(slot.queue)[1:]))
    return _Slot(context, options)


def run_local(paths: list[str], options: Options, start: int = 0) -> Iterator[DocResult]:
    """Process ``paths[start:]`` one after the other in this process (no time or memory limit: for tests and debugging)."""
    for index in range(start, len(paths)):
        yield process(index, paths[index], options)


@dataclass
class Summary:
    """What a batch run did: documents seen, written and skipped (by reason), facts per measure."""

    documents: int = 0
    written: int = 0
    resumed: int = 0
    skipped: dict[str, list[str]] = field(default_factory=dict)
    partly: list[str] = field(default_factory=list)  # documents written with a part that could not be read
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
            if result.warnings:
                self.partly.append(result.path)
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


def _hash_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0" + path.parent.name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _folder_hash(folder: str) -> str:
    return _hash_files(sorted(Path(folder).glob("*/*.jsonl")))


@lru_cache(maxsize=None)
def _shipped_hash(folder: str) -> str:
    return _folder_hash(folder)


def fingerprint(options: Options) -> dict[str, str | None]:
    """What decides a run's output besides the documents: recorded in the journal, checked by ``--resume``.

    The output format, ``--published``, ``--language``, the content of the
    ``--patterns`` folder and of the manifest, powfacts' version and its
    shipped patterns.
    """
    from . import __version__
    from .rules import patterns_root

    roots = str(options.patterns).split(os.pathsep) if options.patterns else []
    manifest = None
    if options.manifest is not None:
        rows = sorted((k, repr(dataclasses.replace(v, source=""))) for k, v in options.manifest.items())
        manifest = hashlib.sha256(repr(rows).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return {
        "format": options.format,
        "published": options.published.isoformat() if options.published else None,
        "language": options.language,
        "patterns": _folder_hash(roots[1]) if len(roots) > 1 else None,
        "manifest": manifest,
        "powfacts": __version__,
        "shipped_patterns": _shipped_hash(str(patterns_root())),
    }


_NAMES = {
    "format": "--format",
    "published": "--published",
    "language": "--language",
    "patterns": "--patterns (the rules in the folder)",
    "manifest": "--manifest (its rows)",
    "powfacts": "powfacts version",
    "shipped_patterns": "the shipped patterns",
}


def check_resume(recorded: dict | None, current: dict, output: str) -> None:
    """Raise :class:`UsageError` (one line) when ``--resume`` would mix two runs' options in one output."""
    again = f"run without --resume to start {output} again"
    if recorded is None:
        raise UsageError(f"--resume: {output}.journal does not say which options the interrupted run used (an older powfacts?); {again}")
    changed = []
    for key, name in _NAMES.items():
        if recorded.get(key) != current.get(key):
            before, now = recorded.get(key), current.get(key)
            if key in ("patterns", "manifest", "shipped_patterns"):
                changed.append(f"{name} changed" if before and now else f"{name} {'given' if now else 'not given'} this time")
            else:
                changed.append(f"{name} was {before or 'not given'}, now {now or 'not given'}")
    if changed:
        raise UsageError(f"--resume: the interrupted run used other options ({'; '.join(changed)}); {again}")


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
    resumable) or a text stream (stdout). Every document runs in one of
    ``workers`` worker processes (one document too), with the
    ``doc_timeout`` and ``doc_memory`` limits; standard input is read here
    and handed to a worker.
    ``on_result`` sees every result (for progress and error lines).
    ``scheduler`` runs the documents on a Dask cluster instead
    (:mod:`powfacts.cluster`), with the same limits; the output is the same.
    A ``--resume`` whose options differ from the interrupted run's
    (:func:`fingerprint`) raises :class:`UsageError` before anything is written.
    """
    from .writers import JournaledOutput

    started = time.monotonic()
    summary = Summary(documents=len(paths))
    done = 0
    if isinstance(sink, JournaledOutput):
        sink.fingerprint = fingerprint(options)
        if resume and (sink.entries or sink.recorded is not None):
            check_resume(sink.recorded, sink.fingerprint, str(sink.given))
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
    else:
        stdin = None
        if STDIN in paths[done:]:
            import sys

            stdin = sys.stdin.buffer.read()  # read here: a worker's standard input is not ours
        results = run(paths, options, workers, skip=lambda i: i < done, stdin=stdin)
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
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stop the workers now, not when the generator is collected
        if isinstance(sink, JournaledOutput):
            sink.close(complete)
        summary.seconds = time.monotonic() - started
    return summary
