"""Write records as JSONL: to a stream, or to a file atomically (never a half-written file)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .records import Fact


def jsonl(facts: Iterable[Fact]) -> str:
    """The facts as JSON lines, each ending in a newline."""
    return "".join(f.to_json() + "\n" for f in facts)


@contextmanager
def atomic_text(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only if the block succeeds."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


#: how often a journaled output is forced to disk
SYNC_SECONDS = 1.0


class JournaledOutput:
    """The ``-o FILE`` of a batch run: complete or absent, never half-written, and resumable.

    Records go to ``FILE.partial``; after each document a line of
    ``FILE.journal`` records its path, sha256 and the byte offset where its
    records end. Only a run that finishes renames ``FILE.partial`` to
    ``FILE`` (atomically). A run that is killed leaves ``FILE`` as it was,
    and ``--resume`` continues from the last journalled document, cutting
    any half-written line.
    """

    def __init__(self, path: Path, resume: bool = False):
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.entries: list[dict] = []
        if resume and self.partial.exists() and self.journal_path.exists():
            self.entries = self._read_journal()
        else:
            for stale in (self.partial, self.journal_path):
                stale.unlink(missing_ok=True)
        self._data = None
        self._journal = None
        self._synced = 0.0

    def _read_journal(self) -> list[dict]:
        import json

        size = self.partial.stat().st_size
        entries = []
        for line in self.journal_path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                break  # a half-written journal line: the run died while writing it
            if entry.get("end", size + 1) > size:
                break  # records the disk did not keep
            entries.append(entry)
        return entries

    def keep_prefix(self, count: int) -> None:
        """Keep the first ``count`` journalled documents; drop what came after them."""
        self.entries = self.entries[:count]

    def open(self, header: str = "") -> "JournaledOutput":
        """Open for appending after the kept prefix (cutting anything beyond it).

        A ``header`` line (CSV) starts a file that has no document yet.
        """
        import json

        end = self.entries[-1]["end"] if self.entries else 0
        self._data = open(self.partial, "ab")
        self._data.truncate(end)
        self._data.seek(end)
        if end == 0 and header:
            self._data.write((header + "\n").encode("utf-8"))
        self._journal = open(self.journal_path, "w", encoding="utf-8")
        for entry in self.entries:
            self._journal.write(json.dumps(entry) + "\n")
        self._journal.flush()
        return self

    def write(self, path: str, sha256: str | None, lines: list[str]) -> None:
        """Append one document's records, then journal it."""
        import json

        self._data.write("".join(line + "\n" for line in lines).encode("utf-8"))
        self._data.flush()  # in the OS from here: a killed process loses nothing
        now = time.monotonic()
        if now - self._synced > SYNC_SECONDS:  # on disk at least every second: a power cut loses a second at most
            os.fsync(self._data.fileno())
            self._synced = now
        entry = {"path": path, "sha256": sha256, "end": self._data.tell()}
        self._journal.write(json.dumps(entry) + "\n")
        self._journal.flush()

    def close(self, complete: bool) -> None:
        """Finish: on ``complete`` the records become ``FILE``; else they wait for ``--resume``."""
        for handle in (self._data, self._journal):
            if handle is not None:
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
        if complete:
            os.replace(self.partial, self.path)
            self.journal_path.unlink(missing_ok=True)
