"""Check a folder of pattern files as a researcher writes them: every line, every label, every example.

``powfacts patterns check [DIR]`` calls :func:`check_patterns`. A folder is
laid out as the shipped one (``<lang>/<concern>.jsonl``, ``<lang>/lists.jsonl``);
its rules are read together with the shipped ones, as ``--patterns DIR``
reads them, so a rule may use a shipped word list and replaces a shipped
rule of the same id. Every problem is reported, each as ``file:line: reason``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from powfacts.errors import PatternError, PowfactsError
from powfacts.pipeline.rules import CONCERNS, LISTS, Rule, available_languages, load_lists, load_rules, patterns_root, read_rules, user_root


@dataclass
class PatternReport:
    """What :func:`check_patterns` read and the problems it found (empty when all is well)."""

    files: int = 0
    rules: int = 0
    examples: int = 0
    problems: list[str] = field(default_factory=list)


def check_patterns(folder: Path | None = None, run_examples: bool = True) -> PatternReport:
    """Validate every pattern file of ``folder`` (default: the shipped patterns) and run each rule's examples.

    A rule's examples are sentences it must match: each is run through the
    pipeline of the file's language (shipped rules plus the folder's), and
    the rule alone is then matched over the result.

    >>> report = check_patterns(run_examples=False)
    >>> report.problems, report.files > 40
    ([], True)
    """
    shipped = patterns_root()
    report = PatternReport()
    if folder is None:
        root, base = str(shipped), shipped
    else:
        try:
            root = user_root(shipped, folder)
        except PowfactsError as exc:  # a bad line, or a folder laid out wrongly
            report.problems.extend(str(exc).splitlines())
            return report
        base = Path(folder)
    languages = sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    for lang in languages:
        if lang not in available_languages(shipped):
            report.problems.append(f"{base / lang}: no shipped patterns for language {lang!r} (have: {', '.join(available_languages(shipped))})")
            continue
        lists = _lists(root, lang, report)
        for path in sorted((base / lang).glob("*.jsonl")):
            report.files += 1
            if path.stem == LISTS:
                continue
            try:
                rules = read_rules(path, lists, lang)
            except PatternError as exc:
                report.problems.extend(str(exc).splitlines())
                continue
            report.rules += len(rules)
            if path.stem in CONCERNS:
                _check_in_pipeline(root, lang, path.stem, rules, report, run_examples)
    # a bad line in one file also stops every later pipeline of its language: say it once
    report.problems = list(dict.fromkeys(report.problems))
    return report


def _lists(root: str, lang: str, report: PatternReport) -> dict[str, tuple[str, ...]]:
    try:
        return load_lists(root, lang)
    except PatternError as exc:
        report.problems.extend(str(exc).splitlines())
        return {}


def _check_in_pipeline(root: str, lang: str, concern: str, rules: list[Rule], report: PatternReport, run_examples: bool) -> None:
    """spaCy's validation of each pattern, then each example through the pipeline."""
    from powfacts.pipeline.matching import RuleMatcher, check_rules

    try:
        check_rules(tuple(rules), f"{lang}/{concern}.jsonl")
        load_rules(root, lang, concern)
    except PatternError as exc:
        report.problems.extend(str(exc).splitlines())
        return
    if not run_examples:
        return
    from powfacts.pipeline import annotate, build

    nlp = None
    for rule in rules:
        if not rule.examples:
            continue
        if nlp is None:
            try:
                nlp = build(lang, root)
            except PatternError as exc:
                report.problems.extend(str(exc).splitlines())
                return
        alone = RuleMatcher(nlp.vocab, (rule,), rule.source)
        for example in rule.examples:
            report.examples += 1
            doc = annotate(example, lang=lang, root=root, prefilter=False)
            if not alone.spans(doc):
                report.problems.append(f"{rule.source}: rule {rule.id!r}: does not match its example {example!r}")


def rule_schema() -> dict:
    """The JSON Schema of one line of a pattern file (shipped as ``patterns/rule.schema.json``)."""
    from powfacts.pipeline.rules import RuleLine

    return RuleLine.model_json_schema()


def describe(report: PatternReport) -> str:
    """The one-line summary of a report."""
    verdict = "ok" if not report.problems else f"{len(report.problems)} problem(s)"
    return f"{verdict}: {report.files} files, {report.rules} rules, {report.examples} examples"

