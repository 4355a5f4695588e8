"""Run validated rules over a Doc with spaCy's Matcher; shared by the components."""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .errors import PatternError
from .rules import Rule


class RuleMatcher:
    """A spaCy Matcher over one concern's rules, giving labelled spans.

    Each span carries its rule's label as ``label_`` and the rule id as
    ``id_``, so every fact can name the rules it came from.
    """

    def __init__(self, vocab: Vocab, rules: tuple[Rule, ...], source: str):
        self.matcher = Matcher(vocab, validate=True)
        self.labels: dict[str, str] = {}
        self.order: dict[str, int] = {}
        for position, rule in enumerate(rules):
            try:
                self.matcher.add(rule.id, [rule.pattern], greedy="LONGEST")
            except (ValueError, KeyError) as exc:
                detail = [line.strip("- ") for line in str(exc).splitlines() if line.startswith("- ")]
                reason = "; ".join(detail) or str(exc).strip().splitlines()[0]
                raise PatternError(f"{rule.source or source}: rule {rule.id!r}: invalid spaCy pattern ({reason[:200]})") from exc
            self.labels[rule.id] = rule.label
            self.order[rule.id] = position

    def spans(self, doc: Doc) -> list[Span]:
        """Every match as a Span, in document order (overlaps kept)."""
        found = []
        for match_id, start, end in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            found.append(Span(doc, start, end, label=self.labels[key], span_id=key))
        found.sort(key=lambda s: (s.start, -len(s), self.order[s.id_]))
        return found

    def longest(self, doc: Doc, keep=None) -> list[Span]:
        """Matches without overlaps: the longest wins, then the earlier rule.

        ``keep`` (a predicate on spans) drops matches before overlaps are resolved.
        """
        spans = [s for s in self.spans(doc) if keep is None or keep(s)]
        spans.sort(key=lambda s: (-len(s), s.start, self.order[s.id_]))
        return sorted(filter_spans(spans), key=lambda s: s.start)
