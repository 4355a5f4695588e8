"""The local engine: documents run in worker processes on this machine, each with the time and memory limits.

- Workers are separate processes (forked once the imports are warm). A
  document that runs past ``--doc-timeout`` has its worker killed and
  replaced; it is reported as ``timeout``. A worker's address space may grow
  by ``--doc-memory`` (``RLIMIT_AS``).
- Results are yielded in input order, whatever order the workers finish in,
  so the output is byte-identical with any number of workers. At most
  ``4 × workers`` results wait in memory (and two documents in each worker's queue).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait

from powfacts.errors import PatternError
from powfacts.inputs.readers import STDIN
from powfacts.run.work import DocResult, Options, die_with_parent, limit_memory, out_of_memory, process, shown, timeout_result

#: tasks waiting in each worker's pipe, so it never waits for this process between documents
QUEUED = 2


class LocalEngine:
    """Run documents in ``workers`` worker processes (:class:`powfacts.run.work.Engine`)."""

    def __init__(self, workers: int = 1):
        self.workers = workers

    def run(self, paths: list[str], options: Options, start: int = 0, stdin: bytes | None = None) -> Iterator[DocResult]:
        """Process ``paths[start:]``; yield results in input order.

        Every document, a single one too, runs in a worker with the
        ``doc_timeout`` and ``doc_memory`` limits; ``stdin`` holds the bytes of
        standard input for a ``-`` in ``paths`` (a worker's standard input is not ours).
        """
        context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        warm_up(options)
        todo = list(range(start, len(paths)))  # the documents before ``start`` are already written (--resume)
        slots = [_Slot(context, options) for _ in range(max(1, min(self.workers, len(todo) or 1)))]
        pending = deque((i, paths[i], stdin if paths[i] == STDIN else None) for i in todo)
        expected = todo
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
                        ready[index] = timeout_result(index, path, options)
                        slots[n] = _replace(slot, context, options, pending)
                while position < len(expected) and expected[position] in ready:
                    yield ready.pop(expected[position])
                    position += 1
        finally:
            for slot in slots:
                slot.stop(kill=bool(slot.queue))


def warm_up(options: Options) -> None:
    """Import what every worker needs (spaCy, dateparser, the pipeline) and check the patterns, before workers are forked.

    The imports are shared by the forked workers. Each worker builds the
    pipeline of a language when it first meets a document in it: the
    workers build in parallel, and a batch in one language never builds the
    others. A bad pattern in the user's files (``--patterns``) stops the run
    here, before any document; the shipped files are checked by the tests, and
    a worker that meets a bad pattern sends the error back.
    """
    from powfacts import api, pipeline  # noqa: F401  (imported for the workers)
    from powfacts.pipeline.extensions import register
    from powfacts.pipeline.matching import check_rules
    from powfacts.pipeline.rules import CONCERNS, available_languages, load_rules

    if options.patterns is None:
        return
    register()
    for lang in available_languages(options.patterns):
        for concern in CONCERNS:
            check_rules(load_rules(options.patterns, lang, concern), f"{lang}/{concern}.jsonl")


def _close_outputs() -> None:
    """Close the output files this forked worker inherited: only the parent writes them."""
    from powfacts.run.writers import OPEN_FDS

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
            conn.send(out_of_memory(index, path, options))


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


def _replace(slot: _Slot, context, options: Options, pending: deque[Task]) -> _Slot:
    """A new worker for one that died or ran out of time; the tasks queued behind its first go back to ``pending``."""
    slot.stop(kill=True)
    pending.extendleft(reversed(list(slot.queue)[1:]))
    return _Slot(context, options)


