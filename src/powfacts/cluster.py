"""Run a batch on a Dask distributed cluster (``pip install powfacts[dask]``).

Each task is one document: the worker reads it from the path (so paths must
be visible to the workers, e.g. a shared file system) and returns its
records; results come back in input order, so the output is byte-identical
to a local run. At most ``window`` tasks are in flight at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from .batch import DocResult, Options, process
from .errors import UsageError


def run_on_cluster(paths: list[str], options: Options, address: str, window: int = 256, start: int = 0) -> Iterator[DocResult]:
    """Process ``paths[start:]`` on the Dask scheduler at ``address``; yield results in input order.

    A document that fails on a worker is reported like a local failure; the
    per-document time limit is the cluster's business (Dask restarts a
    worker that dies).
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise UsageError("--scheduler needs the dask extra: pip install 'powfacts[dask]'") from exc
    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc
    try:
        futures: deque = deque()
        tasks = iter(range(start, len(paths)))
        for index in tasks:
            futures.append(client.submit(process, index, paths[index], options, pure=False, key=f"powfacts-{index}"))
            if len(futures) >= window:
                break
        while futures:
            future = futures.popleft()
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker must not stop the batch
                index = int(future.key.rsplit("-", 1)[1])
                result = DocResult(index, paths[index], reason="failed", detail=f"{paths[index]}: failed on the cluster ({type(exc).__name__})")
            yield result
            following = next(tasks, None)
            if following is not None:
                futures.append(client.submit(process, following, paths[following], options, pure=False, key=f"powfacts-{following}"))
    finally:
        client.close()
