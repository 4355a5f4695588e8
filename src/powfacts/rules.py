"""Load and validate the pattern files under ``patterns/<lang>/``.

Every rule is one JSON line ``{"id", "label", "pattern"}`` where ``pattern``
is a spaCy Matcher token pattern. A bad line raises :class:`PatternError`
naming its file and line; nothing is skipped silently.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .errors import PatternError

#: The concerns the English pipeline reads, one pattern file each.
CONCERNS = (
    "published",
    "dates",
    "date_roles",
    "numbers",
    "figures",
    "qualifiers",
    "measures",
    "blockers",
    "status",
    "sides",
    "populations",
    "nationalities",
)

_TOKEN_KEYS = {
    "ORTH", "TEXT", "NORM", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT",
    "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP",
    "IS_SENT_START", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "SHAPE", "PREFIX",
    "SUFFIX", "OP", "_",
}


class Rule(BaseModel):
    """One pattern: a stable id, the label it gives, a spaCy token pattern."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_.\-]+$")
    label: str = Field(min_length=1)
    pattern: list[dict[str, Any]] = Field(min_length=1)
    _source: str = PrivateAttr(default="")

    @property
    def source(self) -> str:
        """Where the rule was read: ``<file>:<line>``."""
        return self._source

    @field_validator("pattern")
    @classmethod
    def _known_keys(cls, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for token in pattern:
            unknown = set(token) - _TOKEN_KEYS
            if unknown:
                raise ValueError(f"unknown token attribute(s) {sorted(unknown)}")
        return pattern


def patterns_root() -> Path:
    """The folder holding ``<lang>/<concern>.jsonl``.

    An installed wheel ships it as package data (``powfacts/patterns``); a
    source checkout uses the top-level ``patterns/``.
    """
    shipped = Path(str(resources.files("powfacts"))) / "patterns"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "patterns"


def read_rules(path: Path) -> list[Rule]:
    """Read and validate one pattern file.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = p.write_text('{"id": "a", "label": "b", "pattern": [{"LOWER": "c"}]}\\n')
    >>> [r.id for r in read_rules(p)]
    ['a']
    """
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(f"{path}: cannot read pattern file ({exc.strerror})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rule = Rule.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "rule"
            raise PatternError(f"{path}:{number}: {where}: {first['msg']}") from exc
        if rule.id in seen:
            raise PatternError(f"{path}:{number}: duplicate id {rule.id!r} (first on line {seen[rule.id]})")
        seen[rule.id] = number
        rule._source = f"{path}:{number}"
        rules.append(rule)
    return rules


def available_languages(root: Path | None = None) -> tuple[str, ...]:
    """The languages that have a pattern folder (``patterns/<lang>/``)."""
    base = Path(str(root or patterns_root()).split(os.pathsep)[0])
    return tuple(sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))))


@lru_cache(maxsize=None)
def load_rules(root: Path | str, lang: str, concern: str) -> tuple[Rule, ...]:
    """The rules of one concern for one language (cached per process).

    ``root`` may list several folders joined by ``os.pathsep``: the first
    holds the shipped patterns and must have the file; the others are the
    user's (``--patterns DIR``) and may. A user's rule with the id of a
    shipped rule replaces it; new ids are added after the shipped ones.
    """
    roots = [Path(r) for r in str(root).split(os.pathsep) if r]
    first = roots[0] / lang / f"{concern}.jsonl"
    if not first.is_file():
        raise PatternError(f"{first}: pattern file is missing")
    merged: dict[str, Rule] = {rule.id: rule for rule in read_rules(first)}
    for extra in roots[1:]:
        path = extra / lang / f"{concern}.jsonl"
        if path.is_file():
            merged.update((rule.id, rule) for rule in read_rules(path))
    return tuple(merged.values())


def user_root(shipped: Path, patterns: str | Path | None) -> str:
    """The ``root`` value for the shipped patterns plus a user's folder.

    Raises :class:`PatternError` when the folder does not exist or holds a
    file that is not a known concern (a typo would otherwise be ignored).
    """
    if patterns is None:
        return str(shipped)
    folder = Path(patterns)
    if not folder.is_dir():
        raise PatternError(f"{folder}: pattern folder not found")
    for path in sorted(folder.glob("*/*.jsonl")):
        if path.stem not in CONCERNS:
            raise PatternError(f"{path}: unknown concern {path.stem!r} (one of {', '.join(CONCERNS)})")
        read_rules(path)  # validate every line now, with file and line in the error
    return os.pathsep.join([str(shipped), str(folder.resolve())])
