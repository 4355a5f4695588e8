"""Batch runs: the documents an engine runs, written in a stable order, resumable.

- Every document runs through :func:`powfacts.run.work.process` (input checks,
  then extraction, with the time and memory limits) on the engine it is given
  (:class:`powfacts.run.work.Engine`): :class:`powfacts.run.local.LocalEngine` (worker
  processes) or :class:`powfacts.run.cluster.DaskEngine` (a Dask cluster). A
  problem with one document becomes a :class:`~powfacts.run.work.DocResult` with
  a reason: the batch goes on.
- Results are written in input order (sorted paths), as every engine yields
  them, so the output is byte-identical with any engine and any number of workers.
- ``-o FILE`` is journaled: ``--resume`` continues an interrupted run, once
  its options are checked to be the same (:func:`fingerprint`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from powfacts.errors import InputError, UsageError
from powfacts.inputs.readers import STDIN
from powfacts.run.work import DocResult, Engine, Options


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
    from powfacts.inputs.readers import read_document

    if sha256 is None:
        return True  # it was skipped last time and would be again
    try:
        return read_document(path).sha256 == sha256
    except (InputError, OSError):
        return False


def _header(options: Options) -> str:
    if options.format == "csv":
        from powfacts.answers.tables import header_line

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
    from powfacts import __version__
    from powfacts.pipeline.rules import patterns_root

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
    engine: Engine,
    resume: bool = False,
    on_result: Callable[[DocResult], None] | None = None,
) -> Summary:
    """Extract every document of ``paths`` (already expanded and sorted) into ``sink``.

    ``sink`` is a :class:`~powfacts.run.writers.JournaledOutput` (``-o FILE``,
    resumable) or a text stream (stdout). ``engine`` runs the documents
    (:class:`powfacts.run.work.Engine`: ``LocalEngine(workers)`` from
    :mod:`powfacts.run.local`, ``DaskEngine(scheduler)`` from
    :mod:`powfacts.run.cluster`), every one with the ``doc_timeout`` and
    ``doc_memory`` limits; the output is the same on each. Standard input is
    read here and handed to the engine.
    ``on_result`` sees every result (for progress and error lines).
    A ``--resume`` whose options differ from the interrupted run's
    (:func:`fingerprint`) raises :class:`UsageError` before anything is written.
    """
    from powfacts.run.writers import JournaledOutput

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
    stdin = None
    if STDIN in paths[done:]:
        import sys

        stdin = sys.stdin.buffer.read()  # read here: a worker's standard input is not ours
    results = engine.run(paths, options, start=done, stdin=stdin)
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
