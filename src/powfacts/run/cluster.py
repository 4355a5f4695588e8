"""The Dask engine: documents run on a Dask distributed cluster (``pip install powfacts[dask]``).

Each task is one document: the worker reads it from the path (so paths must
be visible to the workers, e.g. a shared file system; relative paths are
made absolute here, since a worker's working folder is its own) and returns
its records; results come back in input order, so the output is
byte-identical to a local run. At most ``window`` tasks are in flight at once.

On the worker, each document runs in a forked child process with the same
limits as a local run: ``--doc-timeout`` (the child is killed) and
``--doc-memory`` (``RLIMIT_AS`` in the child), so a runaway document costs
the cluster neither a worker nor its memory.
"""

from __future__ import annotations

import os
import pickle
import select
import time
from collections import deque
from collections.abc import Iterator

from powfacts.errors import PatternError, UsageError
from powfacts.inputs.readers import STDIN
from powfacts.run.work import DocResult, Options, die_with_parent, limit_memory, prepare, process, shown, timeout_result


#: the (language, patterns) this worker process has prepared for
_PREPARED: set[tuple[str | None, str | None]] = set()


def _prepare(options: Options) -> None:
    """Import and build what a document needs once per worker process (:func:`powfacts.run.work.prepare`), so each forked child starts warm."""
    key = (options.language, options.patterns)
    if key not in _PREPARED:
        prepare(options)
        _PREPARED.add(key)


def isolated(index: int, path: str, options: Options, where: str | None = None) -> DocResult:
    """:func:`powfacts.run.work.process` in a forked child with the time and memory limits of ``options``.

    Runs on a Dask worker (any thread of it). The child sends its pickled
    result through a pipe; a child past ``doc_timeout`` is killed.
    """
    try:
        _prepare(options)
    except PatternError:
        raise
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(read)
            die_with_parent(parent)
            limit_memory(options.doc_memory)
            try:
                result: object = process(index, path, options, where=where)
            except PatternError as exc:
                result = exc
            payload = pickle.dumps(result)
            view = memoryview(payload)
            while view:
                view = view[os.write(write, view[: 1 << 16]):]
        except BaseException:  # noqa: BLE001 - the parent reports a child that sent nothing
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    chunks: list[bytes] = []
    deadline = time.monotonic() + options.doc_timeout
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(read, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read)
        if timed_out:
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
    if timed_out:
        return timeout_result(index, path, options)
    try:
        result = pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - nothing or half a result: the child died
        signal = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        why = f" (signal {signal}; out of memory? see --doc-memory)" if signal in (6, 9) else ""
        return DocResult(index, path, reason="failed", detail=f"{shown(path)}: the worker process died{why}")
    if isinstance(result, PatternError):
        raise result
    return result


class DaskEngine:
    """Run documents on the Dask scheduler at ``address`` (:class:`powfacts.run.work.Engine`), at most ``window`` at once."""

    def __init__(self, address: str, window: int = 256):
        self.address = address
        self.window = window

    def run(self, paths: list[str], options: Options, start: int = 0, stdin: bytes | None = None) -> Iterator[DocResult]:
        """Process ``paths[start:]`` on the cluster; yield results in input order.

        A document that fails on a worker, or whose worker is lost, is reported
        like a local failure; the time and memory limits are those of a local
        run. ``stdin`` is not used: the workers read every document from its path.
        """
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - depends on the extra
            raise UsageError("--scheduler needs the dask extra: pip install 'powfacts[dask]'") from exc
        try:
            client = Client(self.address, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {self.address} ({exc})") from exc

        def submit(index: int):
            path = paths[index]
            where = os.path.abspath(path) if path != STDIN else None
            return client.submit(isolated, index, path, options, where, pure=False, key=f"powfacts-{index}")

        try:
            futures: deque = deque()
            tasks = iter(range(start, len(paths)))
            for index in tasks:
                futures.append(submit(index))
                if len(futures) >= self.window:
                    break
            while futures:
                future = futures.popleft()
                try:
                    result = future.result()
                except PatternError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a lost worker must not stop the batch
                    index = int(future.key.rsplit("-", 1)[1])
                    result = DocResult(index, paths[index], reason="failed", detail=f"{shown(paths[index])}: failed on the cluster ({type(exc).__name__})")
                yield result
                following = next(tasks, None)
                if following is not None:
                    futures.append(submit(following))
        finally:
            client.close()
