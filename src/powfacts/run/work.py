"""One document's work, wherever it runs: its options, its result, the input checks, the limits of the process it runs in.

:func:`process` reads, checks and extracts one document; an engine runs it
for many (:class:`Engine`): :class:`powfacts.run.local.LocalEngine` in worker
processes here, :class:`powfacts.run.cluster.DaskEngine` on a Dask cluster.
:func:`powfacts.run.batch.extract_batch` writes what an engine yields, in input
order, and knows no engine by name.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from powfacts.errors import InputError, PatternError
from powfacts.inputs.readers import STDIN

if TYPE_CHECKING:
    from powfacts.inputs.manifest import Manifest

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


@dataclass(frozen=True)
class Options:
    """How to run a batch; every field has the value the CLI documents as default."""

    published: dt.date | None = None
    language: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    doc_timeout: float = DEFAULT_DOC_TIMEOUT
    doc_memory: int = DEFAULT_DOC_MEMORY  # bytes of address space a worker may add for one document
    prefilter: bool = True
    patterns: str | None = None  # a pattern root from powfacts.pipeline.rules.user_root
    format: str = "jsonl"  # or "csv": one row per fact (powfacts.answers.tables)
    manifest: Manifest | None = None  # metadata by path (powfacts.inputs.manifest.read_manifest)


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


def out_of_memory(index: int, path: str, options: Options, sha256: str | None = None) -> DocResult:
    return DocResult(index, path, sha256, reason="out of memory", detail=f"{shown(path)}: out of memory (over --doc-memory {_memory_text(options.doc_memory)})")


def process(index: int, path: str, options: Options, data: bytes | None = None, where: str | None = None) -> DocResult:
    """Read, check and extract one document (runs inside a worker).

    ``data`` holds the bytes of standard input (read by the parent); ``where``
    is where to read ``path`` from when it differs (an absolute path on a
    Dask worker, whose working folder is not ours); records name ``path``.
    """
    from powfacts.api import extract_document, load_document
    from powfacts.inputs.readers import from_bytes

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
        return out_of_memory(index, path, options)
    except OSError as exc:
        return DocResult(index, path, reason="failed", detail=f"{shown(path)}: {exc.strerror or exc}")
    try:
        facts = extract_document(document, options.published, options.language, prefilter=options.prefilter, patterns=options.patterns)
    except PatternError:
        raise  # a bad pattern file stops the run: it would fail every document
    except MemoryError:
        return out_of_memory(index, path, options, document.sha256)
    except RecursionError:
        return DocResult(index, path, document.sha256, reason="failed", detail=f"{shown(path)}: failed (nested too deeply: RecursionError)")
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return DocResult(index, path, document.sha256, reason="failed", detail=f"{shown(path)}: {type(exc).__name__}: {exc}")
    if options.format == "csv":
        from powfacts.answers.tables import fact_line

        lines = [fact_line(f) for f in facts]
    else:
        lines = [f.to_json() for f in facts]
    return DocResult(index, path, document.sha256, lines, [f.measure for f in facts], warnings=list(document.warnings))


#: how often a worker checks that its parent is alive (where the OS cannot tell it)
WATCHDOG_SECONDS = 1.0
PR_SET_PDEATHSIG = 1


def prepare(options: Options) -> None:
    """Make now what a worker would make lazily on its first document, so that every process forked after this
    starts warm: the language detector, dateparser's tables and the quick date reader's vocabularies for every
    language (or ``options.language``), and the pipelines themselves.

    A worker that runs many documents makes them once anyway; one that is
    forked for each document (:func:`powfacts.run.cluster.isolated`) made
    them for every document, a fifth of a second each.
    """
    from powfacts import pipeline
    from powfacts.facts.dates import prepare as prepare_dates
    from powfacts.inputs.formats import pdf  # noqa: F401  (the reader imports it on its first document)
    from powfacts.pipeline.language import prepare as prepare_detector
    from powfacts.pipeline.nlp import EXTRA_DATE_LANGUAGES
    from powfacts.pipeline.rules import available_languages

    languages = [options.language] if options.language else list(available_languages())
    for lang in languages:
        pipeline.build(lang, options.patterns).tokenizer.scan()  # the prefilter's scan is compiled on first use too
    if options.language is None:
        prepare_detector()
    prepare_dates(tuple(dict.fromkeys([*languages, *EXTRA_DATE_LANGUAGES])))


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


@runtime_checkable
class Engine(Protocol):
    """Where documents run: many :func:`process` calls, with the ``doc_timeout`` and ``doc_memory`` limits of ``options``."""

    def run(self, paths: list[str], options: Options, start: int = 0, stdin: bytes | None = None) -> Iterator[DocResult]:
        """Process ``paths[start:]`` and yield one result each, in input order.

        ``stdin`` holds the bytes of standard input (read by the caller) for a ``-`` in ``paths``.
        """
        ...


def timeout_result(index: int, path: str, options: Options) -> DocResult:
    """The result of a document abandoned past ``--doc-timeout``."""
    return DocResult(index, path, reason="timeout", detail=f"{shown(path)}: timeout (over --doc-timeout {options.doc_timeout:g} s)")
