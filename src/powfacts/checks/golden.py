"""Golden files: every ``fixtures/<case>.<txt|md|html|htm|pdf>`` beside its reviewed ``<case>.jsonl``.

:func:`check` re-extracts each case and lists what changed, fact by fact and
field by field; :func:`update` rewrites the expected files (only on request).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from powfacts.api import extract_document
from powfacts.errors import InputError
from powfacts.inputs.readers import DOCUMENT_SUFFIXES, read_document
from powfacts.run.writers import atomic_text, jsonl


@dataclass(frozen=True)
class Difference:
    """One change against a golden file: a fact ``missing`` or ``new``, or a ``changed`` field."""

    case: str
    kind: str
    fact: str
    field: str | None = None
    old: object = None
    new: object = None

    def describe(self) -> str:
        """One readable line.

        >>> Difference("a", "changed", "f-1 released '205'@834", "status", "reported", "planned").describe()
        "a: f-1 released '205'@834: status 'reported' -> 'planned'"
        """
        if self.kind == "changed":
            return f"{self.case}: {self.fact}: {self.field} {self.old!r} -> {self.new!r}"
        if self.kind == "unreviewed":
            return f"{self.case}: no expected file {self.fact} yet"
        if self.kind == "orphan":
            return f"{self.case}: expected facts, but no document {self.fact} (deleted or renamed?)"
        return f"{self.case}: {self.kind} fact {self.fact}"


def cases(folder: Path) -> list[Path]:
    """The fixture documents of ``folder``, sorted."""
    if not folder.is_dir():
        raise InputError(f"{folder}: fixtures folder not found")
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
    if not found:
        raise InputError(f"{folder}: no fixture documents ({', '.join('*' + s for s in DOCUMENT_SUFFIXES)})")
    return found


def _facts(path: Path, root: Path, patterns: str | None = None) -> list[dict]:
    document = read_document(str(path)).with_metadata(path=path.relative_to(root).as_posix())
    return [f.model_dump(mode="json") for f in extract_document(document, patterns=patterns)]


def _label(fact: dict) -> str:
    return f"{fact['id']} {fact['measure']} {fact['figure']['text']!r}@{fact['figure']['start']}"


def compare(case: str, expected: list[dict], actual: list[dict]) -> list[Difference]:
    """Fact-by-fact, field-by-field differences between two lists of records."""
    old = {f["id"]: f for f in expected}
    new = {f["id"]: f for f in actual}
    out: list[Difference] = []
    for fid in sorted(old.keys() | new.keys(), key=lambda k: ((old.get(k) or new.get(k))["figure"]["start"], k)):
        if fid not in new:
            out.append(Difference(case, "missing", _label(old[fid])))
        elif fid not in old:
            out.append(Difference(case, "new", _label(new[fid])))
        else:
            for name in sorted(old[fid].keys() | new[fid].keys()):
                if old[fid].get(name) != new[fid].get(name):
                    out.append(Difference(case, "changed", _label(new[fid]), name, old[fid].get(name), new[fid].get(name)))
    return out


def orphans(folder: Path) -> list[Path]:
    """Expected files (``<case>.jsonl``) whose document is gone."""
    folder = Path(folder)
    stems = {p.stem for p in cases(folder)}
    return sorted(p for p in folder.glob("*.jsonl") if p.is_file() and p.stem not in stems)


def check(folder: Path, patterns: str | None = None) -> list[Difference]:
    """Re-extract every case of ``folder`` and compare with its expected JSONL; an expected file without its document is a difference.

    ``patterns`` is a pattern root from :func:`powfacts.pipeline.rules.user_root` (shipped + user rules).
    """
    folder = Path(folder)
    differences: list[Difference] = [Difference(p.name, "orphan", f"{p.stem}.*") for p in orphans(folder)]
    for path in cases(folder):
        expected_path = path.with_suffix(".jsonl")
        if not expected_path.is_file():
            differences.append(Difference(path.name, "unreviewed", expected_path.name))
            continue
        expected = [json.loads(line) for line in expected_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        differences += compare(path.name, expected, _facts(path, folder, patterns))
    return differences


def update(folder: Path, patterns: str | None = None) -> tuple[list[Path], int]:
    """Rewrite the expected JSONL files of ``folder`` whose content changes; returns the files written and how many were unchanged."""
    from powfacts.facts.records import Fact

    folder = Path(folder)
    written = []
    unchanged = 0
    for path in cases(folder):
        facts = [Fact.model_validate(f) for f in _facts(path, folder, patterns)]
        target = path.with_suffix(".jsonl")
        text = jsonl(facts)
        try:
            if target.read_text(encoding="utf-8") == text:
                unchanged += 1
                continue
        except (OSError, UnicodeDecodeError):
            pass
        with atomic_text(target) as handle:
            handle.write(text)
        written.append(target)
    return written, unchanged
