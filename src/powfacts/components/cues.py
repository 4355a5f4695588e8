"""Words around a figure that say what it counts, how, whose and when.

One class serves every cue concern (measures, qualifiers, status, sides,
populations, nationalities, blockers, date roles): each is a pattern file,
and each instance writes its matches to ``doc.spans[concern]``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..matching import RuleMatcher
from ..rules import load_rules


@Language.factory("powfacts_cues", default_config={"concern": "measures", "lang": "en", "root": ""})
def make_cues(nlp: Language, name: str, concern: str, lang: str, root: str) -> "CueTagger":
    return CueTagger(nlp, concern, lang, Path(root))


class CueTagger:
    """Tag every match of one concern's patterns; overlapping matches are kept."""

    def __init__(self, nlp: Language, concern: str, lang: str, root: Path):
        self.concern = concern
        self.matcher = RuleMatcher(nlp.vocab, load_rules(root, lang, concern), f"{root / lang / concern}.jsonl")

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        return self.matcher.longest(doc)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        doc.spans[self.concern] = spans
        return doc
