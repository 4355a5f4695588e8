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

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from powfacts.errors import PatternError, UsageError
from powfacts.facts.records import MEASURES, NATIONALITIES, POPULATIONS, QUALIFIERS, SAID_BY, STATUSES

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
    "said_by",
)

_TOKEN_KEYS = {
    "ORTH", "TEXT", "NORM", "LOWER", "LENGTH", "IS_ALPHA", "IS_ASCII", "IS_DIGIT",
    "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP",
    "IS_SENT_START", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "SHAPE", "PREFIX",
    "SUFFIX", "SPACY", "OP", "_",
}


#: every label a concern's rules may give (a rule with another label stops loading, with its file and line)
FIGURE_KINDS = ("cardinal", "percent", "range", "percent_range", "swap", "ordinal", "vague")
NUMBER_KINDS = ("cardinal", "scale", "ordinal", "glue", "first")
#: measure cue labels beyond the measures: a neutral people word, another topic, a reference back, a weak "held", the fallen
#: the nationality label of a cue that names both sides together ("Russia and Ukraine freed 200"): a total of both
BOTH = "both"
#: the status label of a noun of agreement or talks ("deal", "talks", "домовленості"): planned, unless the figure's
#: nearest other cue tells the transfer done ("the swap agreed in the talks was carried out")
AGREEMENT = "agreement"
#: the nationality label of a cue that says the people came home: home is the side of whoever says so
HOME = "home"
#: the nationality label of a cue that says a figure was given in return ("and received 35", "в обмен на 30"):
#: the other side's people than the figure before it in the sentence
COUNTERPART = "counterpart"
#: the nationality labels of a cue that names the side that gives the figure, not the figure's people ("по данным
#: украинской стороны", "Kyiv said"): home ("домой", "наших") is that side's where no known body says so
SPEAKERS = ("speaker:UA", "speaker:RU")
MEASURE_CUES = ("people", "none", "previous", "same", "held_weak", "fallen")
#: a cue label ending so applies only to the first figure inside its match
FIRST = "@first"
#: a side cue that speaks only for the figures after it: a side as the subject of its verb of getting ("Russia received
#: 78"; "Kyiv got 303 back; Moscow says it received as many" leaves the 303 to Kyiv)
AFTER = "@after"
_ISO_DAY = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")


def _number_label(label: str) -> bool:
    kind, _, value = label.partition(":")
    if kind == "glue":
        return value in ("", "scale")
    try:
        float(value)
    except ValueError:
        return False
    return kind in NUMBER_KINDS


def _date_label(label: str) -> bool:
    from powfacts.facts.dates import KINDS

    kind, at, words = label.partition("@")
    if kind == "past_years":
        return words.isdigit()  # the number of years the stretch runs back
    return kind in KINDS and (not at or bool(words.strip()))


def _role_label(label: str) -> bool:
    role, colon, day = label.partition(":")
    return role in ("since", "as_of", "until", "cumulative", "agreed", "aside", "period", "same_day", "then", "said", "previous", "report_period") and (not colon or (role == "since" and bool(_ISO_DAY.match(day))))


def _one_of(*labels: str, first: bool = False, after: tuple[str, ...] = ()):
    allowed = set(labels) | ({label + FIRST for label in labels} if first else set()) | {label + AFTER for label in after}
    return lambda label: label in allowed


#: for each concern: whether a label is allowed, and the labels in words (for the error message)
LABELS: dict[str, tuple] = {
    "published": (_one_of("dateline", "fallback", "cited", "copyright"), "dateline, fallback, cited, copyright"),
    "dates": (_date_label, "a date kind (day, month, year, day_range, month_range, weekday, weekday_day, relative_day, relative_month, relative_year, iso, past_years@N), optionally @words"),
    "date_roles": (_role_label, "since, as_of, until, cumulative, agreed, aside, period, same_day, then, said, previous, report_period, since:YYYY[-MM[-DD]]"),
    "numbers": (_number_label, "cardinal:N, scale:N, ordinal:N, first:1 (the last word of a compound ordinal only), glue or glue:scale"),
    "figures": (_one_of(*FIGURE_KINDS), ", ".join(FIGURE_KINDS)),
    "qualifiers": (_one_of(*QUALIFIERS), ", ".join(QUALIFIERS)),
    "measures": (_one_of(*MEASURES, *MEASURE_CUES), ", ".join(MEASURES + MEASURE_CUES)),
    "blockers": (_one_of("inside", "next", "previous", "year"), "inside, next, previous, year"),
    "status": (_one_of(*STATUSES, AGREEMENT), ", ".join(STATUSES) + f", {AGREEMENT} (planned unless a done transfer is told beside it)"),
    "sides": (_one_of("per_side", "none"), "per_side, none"),
    "populations": (_one_of(*POPULATIONS, "none", first=True), ", ".join(POPULATIONS) + ", none (each may end in @first)"),
    "said_by": (_one_of(*SAID_BY, "none"), ", ".join(SAID_BY) + ", none (attributed to someone else)"),
    "nationalities": (
        _one_of(*NATIONALITIES, BOTH, HOME, COUNTERPART, *SPEAKERS, "none", first=True, after=NATIONALITIES),
        ", ".join(NATIONALITIES) + f", {BOTH}, {HOME} (the side of the body that says so), {COUNTERPART} (the other side than"
        " the figure before it), " + ", ".join(SPEAKERS) + " (the side that gives the figure: whose home is meant),"
        " none (each may end in @first; UA and RU in @after: only for the figures after the cue)",
    ),
}
assert set(LABELS) == set(CONCERNS)

#: the file of shared word lists of a language (``{"list": "months", "words": [...]}``), used as ``"@months"``
LISTS = "lists"
_LIST_REF = "@"


class Rule(BaseModel):
    """One rule, as the pipeline uses it: a stable id, the label it gives, a spaCy token pattern.

    A line of a pattern file may give the pattern as ``pattern`` (spaCy
    token patterns), ``phrase`` (words matched in any case, tokenized as
    the pipeline tokenizes text) or ``words`` (one token, any of these
    words in any case); it is read into this one shape. ``note`` says why
    the rule exists; ``examples`` are sentences it must match (``powfacts
    patterns check`` and the test suite run them).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_.\-]+$")
    label: str = Field(min_length=1)
    pattern: list[dict[str, Any]] = Field(min_length=1)
    note: str | None = None
    examples: tuple[str, ...] = ()
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


class RuleLine(BaseModel):
    """One line of a pattern file as written: exactly one of ``pattern``, ``phrase`` and ``words``.

    ``pattern`` may name a shared word list in an ``IN`` or ``NOT_IN`` list
    (``{"LOWER": {"IN": ["@months", "sept"]}}``) and ``words`` may too.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra={"title": "powfacts rule (one line of patterns/<lang>/<concern>.jsonl)"})

    id: str = Field(pattern=r"^[a-z0-9_.\-]+$", description="stable and unique within its file; facts cite it")
    label: str = Field(min_length=1, description="what a match says; each concern has its own labels")
    pattern: list[dict[str, Any]] | None = Field(default=None, min_length=1, description="a spaCy Matcher token pattern")
    phrase: str | None = Field(default=None, min_length=1, description="words matched in sequence, in any case")
    words: list[str] | None = Field(default=None, min_length=1, description="one token: any of these words, in any case ('@list' names a shared list)")
    note: str | None = Field(default=None, description="why the rule exists, for the next reader")
    examples: list[str] = Field(default_factory=list, description="sentences the rule must match (run by `powfacts patterns check`)")

    @model_validator(mode="after")
    def _one_form(self) -> "RuleLine":
        given = [name for name in ("pattern", "phrase", "words") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of pattern, phrase, words (got {', '.join(given) or 'none'})")
        return self


class WordList(BaseModel):
    """One line of ``lists.jsonl``: a named list of words that rules use as ``"@name"``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str = Field(alias="list", pattern=r"^[a-z0-9_]+$")
    words: list[str] = Field(min_length=1)
    note: str | None = None


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


@lru_cache(maxsize=1)
def patterns_root() -> Path:
    """The folder holding ``<lang>/<concern>.jsonl`` (found once per process: where powfacts is installed does not move).

    An installed wheel ships it as package data (``powfacts/patterns``); a
    source checkout uses the top-level ``patterns/``.
    """
    shipped = Path(str(resources.files("powfacts"))) / "patterns"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "patterns"


def read_rules(path: Path, lists: dict[str, tuple[str, ...]] | None = None, lang: str | None = None) -> list[Rule]:
    """Read and validate one pattern file; every bad line is reported, each as ``file:line: reason``.

    ``lists`` are the shared word lists (default: ``lists.jsonl`` beside
    the file); ``lang`` tokenizes phrases (default: the file's folder name).
    The file's name says its concern, whose labels are checked.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = p.write_text('{"id": "a", "label": "b", "pattern": [{"LOWER": "c"}]}\\n{"id": "d", "label": "e", "words": ["f", "G"]}\\n')
    >>> [(r.id, r.pattern) for r in read_rules(p)]
    [('a', [{'LOWER': 'c'}]), ('d', [{'LOWER': {'IN': ['f', 'g']}}])]
    """
    if lists is None:
        lists = read_lists(path.parent / f"{LISTS}.jsonl") if (path.parent / f"{LISTS}.jsonl").is_file() else {}
    label_ok, allowed = LABELS.get(path.stem, (None, ""))
    rules: list[Rule] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, data in _json_lines(path, errors):
        where = f"{path}:{number}"
        try:
            line = RuleLine.model_validate(data)
            pattern = _expand(line, lists, lang or path.parent.name)
            rule = Rule(id=line.id, label=line.label, pattern=pattern, note=line.note, examples=tuple(line.examples))
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "rule"
            errors.append(f"{where}: {field}: {first['msg']}")
            continue
        except ValueError as exc:
            errors.append(f"{where}: rule {data.get('id')!r}: {exc}")
            continue
        if label_ok is not None and not label_ok(rule.label):
            errors.append(f"{where}: rule {rule.id!r}: unknown {path.stem} label {rule.label!r} (one of: {allowed})")
            continue
        if rule.id in seen:
            errors.append(f"{where}: duplicate id {rule.id!r} (first on line {seen[rule.id]})")
            continue
        seen[rule.id] = number
        rule._source = where
        rules.append(rule)
    if errors:
        raise PatternError("\n".join(errors))
    return rules


def read_lists(path: Path) -> dict[str, tuple[str, ...]]:
    """The shared word lists of one ``lists.jsonl`` (name -> words, as written)."""
    errors: list[str] = []
    found: dict[str, tuple[str, ...]] = {}
    for number, data in _json_lines(path, errors):
        try:
            entry = WordList.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            errors.append(f"{path}:{number}: {'.'.join(str(p) for p in first['loc']) or 'list'}: {first['msg']}")
            continue
        if entry.name in found:
            errors.append(f"{path}:{number}: duplicate list {entry.name!r}")
            continue
        found[entry.name] = tuple(entry.words)  # as written: a list may serve ORTH (case-sensitive) as well as LOWER
    if errors:
        raise PatternError("\n".join(errors))
    return found


def _json_lines(path: Path, errors: list[str]):
    """The JSON objects of a file with their line numbers; blank lines and ``//`` comments are skipped, bad JSON is an error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(f"{path}: cannot read pattern file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise PatternError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{path}:{number}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(data, dict):
            errors.append(f"{path}:{number}: a rule is a JSON object")
            continue
        yield number, data


def _expand(line: RuleLine, lists: dict[str, tuple[str, ...]], lang: str) -> list[dict[str, Any]]:
    """The token pattern a line stands for: phrases tokenized, word lists and ``@list`` names spelled out."""
    if line.words is not None:
        return [{"LOWER": {"IN": _spell(line.words, lists, lower=True)}}]
    if line.phrase is not None:
        words = [t.lower_ for t in _tokenizer(lang)(line.phrase) if not t.is_space]
        return [{"LOWER": word} for word in words]
    pattern = []
    for token in line.pattern or []:
        token = dict(token)
        for key, value in token.items():
            if isinstance(value, dict) and any(op in value for op in ("IN", "NOT_IN")):
                value = dict(value)
                for op in ("IN", "NOT_IN"):
                    if op in value:
                        value[op] = _spell(value[op], lists, lower=False)
                token[key] = value
        pattern.append(token)
    return pattern


def _spell(words, lists: dict[str, tuple[str, ...]], lower: bool) -> list:
    """A word list with each ``"@name"`` replaced by that shared list's words."""
    if isinstance(words, str):
        words = [words]
    out: list = []
    for word in words:
        if isinstance(word, str) and word.startswith(_LIST_REF) and len(word) > 1:
            name = word[1:]
            if name not in lists:
                known = ", ".join(sorted(lists)) or "none"
                raise ValueError(f"unknown word list {word!r} (lists.jsonl has: {known})")
            out.extend(lists[name])
        else:
            out.append(word.lower() if lower and isinstance(word, str) else word)
    return out


@lru_cache(maxsize=None)
def _tokenizer(lang: str):
    """The pipeline's tokenizer for ``lang`` (phrases are split as text is); English for a folder spaCy does not know."""
    import spacy

    from powfacts.pipeline.tokenizer import NAME

    try:
        return spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": NAME, "prefilter": False}}}).tokenizer
    except Exception:  # noqa: BLE001 - not a language code (a test folder): split as English
        return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": NAME, "prefilter": False}}}).tokenizer


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
    lists = load_lists(root, lang)
    merged: dict[str, Rule] = {rule.id: rule for rule in read_rules(first, lists, lang)}
    for extra in roots[1:]:
        path = extra / lang / f"{concern}.jsonl"
        if path.is_file():
            merged.update((rule.id, rule) for rule in read_rules(path, lists, lang))
    return tuple(merged.values())


@lru_cache(maxsize=None)
def load_lists(root: Path | str, lang: str) -> dict[str, tuple[str, ...]]:
    """The shared word lists of a language: the shipped ``lists.jsonl``, then the user's (a list of the same name replaces it)."""
    merged: dict[str, tuple[str, ...]] = {}
    for folder in [Path(r) for r in str(root).split(os.pathsep) if r]:
        path = folder / lang / f"{LISTS}.jsonl"
        if path.is_file():
            merged.update(read_lists(path))
    return merged


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
    root = os.pathsep.join([str(shipped), str(folder.resolve())])
    errors = []
    for path in sorted(folder.glob("*/*.jsonl")):
        if path.stem not in CONCERNS and path.stem != LISTS:
            errors.append(f"{path}: unknown concern {path.stem!r} (one of {', '.join(CONCERNS)}, or {LISTS})")
            continue
        try:  # validate every line now, with file and line in the error
            lists = load_lists(root, path.parent.name)
            if path.stem != LISTS:
                read_rules(path, lists, path.parent.name)
        except PatternError as exc:
            errors.append(str(exc))
    if errors:
        raise PatternError("\n".join(errors))
    return root
