"""Rules as a component's own state, as spaCy's SpanRuler keeps its patterns: not a component itself.

A rule component reads its rules in :meth:`RuleState.initialize` (from the
shipped ``patterns/`` or a ``--patterns`` root, the factory's ``root``),
writes them with ``to_disk``/``to_bytes`` and reads them back with
``from_disk``/``from_bytes``. So ``nlp.to_disk(path)`` saves the rules beside
the config, and ``spacy.load(path)`` on another machine runs exactly the
rules that were saved, whatever patterns that machine has. A component that
was never initialized reads its rules on first use, so ``nlp.add_pipe`` with
the defaults just works.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language

from powfacts.pipeline import rules as pattern_files
from powfacts.pipeline.matching import RuleMatcher
from powfacts.pipeline.rules import Rule, load_rules, read_rules


class RuleState:
    """The rules of one or more concerns (``numbers.jsonl``, ``figures.jsonl`` ...) and their matchers."""

    def _setup_rules(self, nlp: Language, lang: str, root: str, concerns: tuple[str, ...]) -> None:
        self.vocab = nlp.vocab
        self.lang = lang
        self.root = root
        self.concerns = concerns
        self._rules: dict[str, tuple[Rule, ...]] | None = None
        self._matchers: dict[str, RuleMatcher] = {}

    # -- the rules -----------------------------------------------------------

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Read the rules from the factory's ``root`` (the shipped patterns when it is empty)."""
        root = self.root or str(pattern_files.patterns_root())
        self.set_rules({concern: load_rules(root, self.lang, concern) for concern in self.concerns})

    def set_rules(self, rules: dict[str, tuple[Rule, ...]]) -> None:
        """Use these rules (one tuple per concern), each concern in its own :class:`RuleMatcher`."""
        self._matchers = {concern: RuleMatcher(self.vocab, tuple(rules[concern]), f"{self.lang}/{concern}.jsonl") for concern in self.concerns}
        self._rules = {concern: tuple(rules[concern]) for concern in self.concerns}

    @property
    def rules(self) -> dict[str, tuple[Rule, ...]]:
        """The component's rules by concern, read on first use when the component was not initialized."""
        if self._rules is None:
            self.initialize()
        return self._rules  # type: ignore[return-value]

    @property
    def matchers(self) -> dict[str, RuleMatcher]:
        """A matcher per concern."""
        if self._rules is None:
            self.initialize()
        return self._matchers

    # -- serialization ---------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        """Write ``<concern>.jsonl`` files, one rule a line, in the shipped format."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for concern, rules in self.rules.items():
            lines = [json.dumps(_line(rule), ensure_ascii=False) for rule in rules]
            (folder / f"{concern}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> "RuleState":
        """Read the rules :meth:`to_disk` wrote (validated as any pattern file is)."""
        folder = Path(path)
        self.set_rules({concern: tuple(read_rules(folder / f"{concern}.jsonl", lists={}, lang=self.lang)) for concern in self.concerns})
        return self

    def to_bytes(self, *, exclude: tuple = ()) -> bytes:
        """The rules as bytes (for ``nlp.to_bytes``)."""
        return srsly.msgpack_dumps({concern: [_line(rule) for rule in rules] for concern, rules in self.rules.items()})

    def from_bytes(self, data: bytes, *, exclude: tuple = ()) -> "RuleState":
        """Read the rules :meth:`to_bytes` wrote."""
        saved = srsly.msgpack_loads(data)
        self.set_rules({concern: tuple(Rule(**line) for line in saved[concern]) for concern in self.concerns})
        return self


def _line(rule: Rule) -> dict[str, Any]:
    """A rule as one line of a pattern file (its pattern spelled out, word lists included)."""
    line: dict[str, Any] = {"id": rule.id, "label": rule.label, "pattern": rule.pattern}
    if rule.note:
        line["note"] = rule.note
    if rule.examples:
        line["examples"] = list(rule.examples)
    return line
