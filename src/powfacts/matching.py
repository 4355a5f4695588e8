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

    def spans(self, doc: Doc, regions: list[tuple[int, int]] | None = None) -> list[Span]:
        """Every match as a Span, in document order (overlaps kept).

        ``regions`` (token ranges) limits the search to those parts of the doc.
        """
        found = []
        for first, last in regions if regions is not None else [(0, len(doc))]:
            for match_id, start, end in self.matcher(doc[first:last]):
                key = doc.vocab.strings[match_id]
                found.append(Span(doc, first + start, first + end, label=self.labels[key], span_id=key))
        found.sort(key=lambda s: (s.start, -len(s), self.order[s.id_]))
        return found

    def longest(self, doc: Doc, keep=None, regions: list[tuple[int, int]] | None = None) -> list[Span]:
        """Matches without overlaps: the longest wins, then the earlier rule.

        ``keep`` (a predicate on spans) drops matches before overlaps are resolved.
        """
        spans = [s for s in self.spans(doc, regions) if keep is None or keep(s)]
        spans.sort(key=lambda s: (-len(s), s.start, self.order[s.id_]))
        return sorted(filter_spans(spans), key=lambda s: s.start)


def fact_regions(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges a fact can draw on: sentences with a figure or a date, and the sentence before each.

    The facts component reads cues only there (a figure's own sentence, the
    sentence before it, and dated sentences), so cue rules need not run
    anywhere else. Computed once per document.
    """
    cached = doc.user_data.get("powfacts_regions")
    if cached is not None:
        return cached
    sentences = [(s.start, s.end) for s in doc.sents if s.text.strip()]
    marked = set()
    for span in list(doc.spans["figures"]) + list(doc.spans["dates"]):
        marked.add(span.start)
    keep = [False] * len(sentences)
    for i, (start, end) in enumerate(sentences):
        if any(start <= t < end for t in marked):
            keep[i] = True
            if i > 0:
                keep[i - 1] = True
    regions: list[tuple[int, int]] = []
    for (start, end), kept in zip(sentences, keep, strict=True):
        if not kept:
            continue
        if regions and regions[-1][1] >= start - 1 and _only_space(doc, regions[-1][1], start):
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((start, end))
    doc.user_data["powfacts_regions"] = regions
    return regions


def _only_space(doc: Doc, start: int, end: int) -> bool:
    return all(not t.text.strip() for t in doc[start:end])
