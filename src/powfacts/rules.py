"""Load and validate the pattern files under ``patterns/<lang>/``.

Every rule is one JSON line ``{"id", "label", "pattern"}`` where ``pattern``
is a spaCy Matcher token pattern. A bad line raises :class:`PatternError`
naming its file and line; nothing is skipped silently.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .errors import PatternError, UsageError

try:  # the regular expression parser, to see a pattern's structure
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

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
            if "OP" in token:
                check_op(token["OP"])
            for regex in _regexes(token):
                check_regex(regex)
        return pattern


#: the largest count a token quantifier may give (``{"OP": "{0,16}"}``): spaCy copies the token that many times
MAX_REPEAT = 16
_OP_COUNT = re.compile(r"^\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}$")


def check_op(op: object) -> None:
    """Refuse a token quantifier over :data:`MAX_REPEAT` (``{0,100000}`` makes a pattern of 100,000 tokens).

    >>> check_op("+"), check_op("{2,5}")
    (None, None)
    >>> check_op("{0,100000}")
    Traceback (most recent call last):
    ValueError: OP '{0,100000}': a count over 16 (use "*" or "+" for any number)
    """
    match = _OP_COUNT.match(op) if isinstance(op, str) else None
    if match is None:
        return
    if any(n and int(n) > MAX_REPEAT for n in match.groups()):
        raise ValueError(f'OP {op!r}: a count over {MAX_REPEAT} (use "*" or "+" for any number)')


def _regexes(value: object) -> list[str]:
    """Every ``REGEX`` value in a token pattern, ``_`` attributes too."""
    found: list[str] = []
    if isinstance(value, dict):
        for name, item in value.items():
            if name == "REGEX":
                found.append(item)
            else:
                found += _regexes(item)
    elif isinstance(value, list):
        for item in value:
            found += _regexes(item)
    return found


def check_regex(regex: object) -> None:
    """Compile a ``REGEX`` predicate now (not when the first document runs), and refuse nested quantifiers.

    An unbounded repeat that holds a repeat of variable length (``(a+)+``,
    ``(\\w*)*``, ``(\\d{1,3})+``) can take exponential time on a line that
    almost matches; a fixed count inside (``(,\\d{3})+``) is fine.

    >>> check_regex("^prisoner")
    >>> check_regex("(a+)+$")
    Traceback (most recent call last):
    ValueError: REGEX '(a+)+$': nested quantifier (a repeated group holding a repeat) can take exponential time
    >>> check_regex("^(")
    Traceback (most recent call last):
    ValueError: REGEX '^(': not a valid regular expression (missing ), unterminated subpattern at position 1)
    """
    if not isinstance(regex, str):
        raise ValueError(f"REGEX {regex!r}: must be a string")
    try:
        parsed = _parser.parse(regex)
        re.compile(regex)
    except re.error as exc:
        raise ValueError(f"REGEX {regex!r}: not a valid regular expression ({exc})") from None
    if _nested_repeat(parsed, inside=False):
        raise ValueError(f"REGEX {regex!r}: nested quantifier (a repeated group holding a repeat) can take exponential time")


_REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT}
if hasattr(_constants, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_constants.POSSESSIVE_REPEAT)


def _nested_repeat(items, inside: bool) -> bool:
    for op, arg in items:
        if op in _REPEATS:
            low, high, body = arg
            unbounded = high == _constants.MAXREPEAT or high > MAX_REPEAT
            if inside and low != high:  # a repeat of variable length inside an unbounded one
                return True
            if _nested_repeat(body, inside or unbounded):
                return True
        elif op is _constants.SUBPATTERN:
            if _nested_repeat(arg[-1], inside):
                return True
        elif op is _constants.BRANCH:
            if any(_nested_repeat(branch, inside) for branch in arg[1]):
                return True
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            if _nested_repeat(arg[1], inside):
                return True
    return False


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
    file that is not a known concern (a typo would otherwise be ignored), and
    :class:`UsageError` for a language folder powfacts does not ship (``fr/``)
    or a pattern file outside a language folder.
    """
    if patterns is None:
        return str(shipped)
    folder = Path(patterns)
    if not folder.is_dir():
        raise PatternError(f"{folder}: pattern folder not found")
    languages = available_languages(shipped)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir() and entry.name not in languages:
            raise UsageError(f"{entry}: no shipped patterns for language {entry.name!r} (have: {', '.join(languages)}); a --patterns folder adds rules to these")
        if entry.is_file() and entry.suffix == ".jsonl":
            raise UsageError(f"{entry}: a pattern file must stand in a language folder ({folder}/<lang>/{entry.name})")
    for path in sorted(folder.glob("*/*.jsonl")):
        if path.stem not in CONCERNS:
            raise PatternError(f"{path}: unknown concern {path.stem!r} (one of {', '.join(CONCERNS)})")
        read_rules(path)  # validate every line now, with file and line in the error
    return os.pathsep.join([str(shipped), str(folder.resolve())])
