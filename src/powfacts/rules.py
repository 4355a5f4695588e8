"""Load and validate the pattern files under ``patterns/<lang>/``.

Every rule is one JSON line ``{"id", "label", "pattern"}`` where ``pattern``
is a spaCy Matcher token pattern. A bad line raises :class:`PatternError`
naming its file and line; nothing is skipped silently.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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
        rules.append(rule)
    return rules


def available_languages(root: Path | None = None) -> tuple[str, ...]:
    """The languages that have a pattern folder (``patterns/<lang>/``)."""
    base = root or patterns_root()
    return tuple(sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))))


@lru_cache(maxsize=None)
def load_rules(root: Path, lang: str, concern: str) -> tuple[Rule, ...]:
    """The rules of one concern for one language (cached per process)."""
    path = root / lang / f"{concern}.jsonl"
    if not path.is_file():
        raise PatternError(f"{path}: pattern file is missing")
    return tuple(read_rules(path))
