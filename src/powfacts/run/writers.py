"""Write records as JSONL: to a stream, or to a file atomically (never a half-written file)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from powfacts.errors import OutputError, UsageError
from powfacts.facts.records import Fact

#: file descriptors of outputs open in this process; a forked worker closes them (it never writes there)
OPEN_FDS: set[int] = set()


def umask_mode() -> int:
    """The mode a new file gets under the process's umask (``0o666 & ~umask``)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def output_target(path: str | Path) -> Path:
    """Where ``-o PATH`` writes: ``path`` itself, or the file a symlink points to.

    Only regular files are written: a device (``/dev/full``, ``/dev/null``), a
    FIFO, a socket or a folder is a :class:`UsageError`, and so is a missing
    parent folder. A symlink is followed (the link stays, its target gets the
    new content); a dangling one names the file to create.
    """
    import stat

    given = Path(path)
    target = Path(os.path.realpath(given))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(f"{given}: cannot write here ({exc.strerror})") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "a FIFO" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        raise UsageError(f"{given}: is {kind}; -o writes only regular files" if kind != "not a regular file" else f"{given}: not a regular file; -o writes only regular files")
    if not target.parent.is_dir():
        raise UsageError(f"{given}: no such folder {str(given.parent)!r}")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise UsageError(f"{given}: cannot write in {str(target.parent)!r} (permission denied)")
    return target


def write_error(path: str | Path, exc: OSError) -> OutputError:
    """An OS error met while writing ``path`` as one line (``FILE: cannot write (No space left on device)``)."""
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def jsonl(facts: Iterable[Fact]) -> str:
    """The facts as JSON lines, each ending in a newline."""
    return "".join(f.to_json() + "\n" for f in facts)


@contextmanager
def atomic_text(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only if the block succeeds.

    ``path`` must be a regular file or absent (see :func:`output_target`; a
    symlink is followed); the new file's mode follows the umask. An OS
    error while writing is an :class:`OutputError` of one line.
    """
    given = Path(path)
    path = output_target(given)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.fchmod(fd, umask_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            raise write_error(given, exc) from None
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

    def __init__(self, path: Path, resume: bool = False, fingerprint: dict | None = None):
        self.given = Path(path)
        self.path = output_target(path)
        self.fingerprint = fingerprint or {}
        self.recorded: dict | None = None  # the fingerprint of the interrupted run (``--resume``)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.entries: list[dict] = []
        try:
            if resume and self.partial.exists() and self.journal_path.exists():
                self.entries = self._read_journal()
            elif not resume:
                for stale in (self.partial, self.journal_path):
                    stale.unlink(missing_ok=True)
        except OSError as exc:
            raise write_error(self.given, exc) from None
        self._data = None
        self._journal = None
        self._synced = 0.0

    def _read_journal(self) -> list[dict]:
        import json

        size = self.partial.stat().st_size
        entries = []
        for number, line in enumerate(self.journal_path.read_text(encoding="utf-8", errors="replace").splitlines()):
            try:
                entry = json.loads(line)
            except ValueError:
                break  # a half-written journal line: the run died while writing it
            if number == 0 and isinstance(entry, dict) and "options" in entry:
                self.recorded = entry["options"]
                continue
            if not isinstance(entry, dict) or "path" not in entry:
                break
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
        try:
            self._data = open(self.partial, "ab")
            OPEN_FDS.add(self._data.fileno())
            self._data.truncate(end)
            self._data.seek(end)
            if end == 0 and header:
                self._data.write((header + "\n").encode("utf-8"))
            self._journal = open(self.journal_path, "w", encoding="utf-8")
            OPEN_FDS.add(self._journal.fileno())
            self._journal.write(json.dumps({"options": self.fingerprint}, sort_keys=True) + "\n")
            for entry in self.entries:
                self._journal.write(json.dumps(entry) + "\n")
            self._journal.flush()
        except OSError as exc:
            raise write_error(self.given, exc) from None
        return self

    def write(self, path: str, sha256: str | None, lines: list[str]) -> None:
        """Append one document's records, then journal it."""
        import json

        try:
            self._data.write("".join(line + "\n" for line in lines).encode("utf-8"))
            self._data.flush()  # in the OS from here: a killed process loses nothing
            now = time.monotonic()
            if now - self._synced > SYNC_SECONDS:  # on disk at least every second: a power cut loses a second at most
                os.fsync(self._data.fileno())
                self._synced = now
            entry = {"path": path, "sha256": sha256, "end": self._data.tell()}
            self._journal.write(json.dumps(entry) + "\n")
            self._journal.flush()
        except OSError as exc:
            raise write_error(self.given, exc) from None

    def close(self, complete: bool) -> None:
        """Finish: on ``complete`` the records become ``FILE``; else they wait for ``--resume``.

        An OS error is an :class:`OutputError` when the run completed (``FILE``
        is then left as it was); after a failed run it is not raised again.
        """
        failure: OSError | None = None
        for handle in (self._data, self._journal):
            if handle is None:
                continue
            OPEN_FDS.discard(handle.fileno())
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                failure = failure or exc
            finally:
                try:
                    handle.close()
                except OSError as exc:
                    failure = failure or exc
        self._data = self._journal = None
        if complete and failure is not None:
            raise write_error(self.given, failure)
        if complete:
            try:
                os.replace(self.partial, self.path)
                self.journal_path.unlink(missing_ok=True)
            except OSError as exc:
                raise write_error(self.given, exc) from None
