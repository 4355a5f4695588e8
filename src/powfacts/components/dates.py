"""Find date expressions and their kind; resolution happens once the document date is known."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import mark
from ..matching import RuleMatcher
from ..rules import load_rules


@Language.factory("powfacts_dates", default_config={"lang": "en", "root": ""})
def make_dates(nlp: Language, name: str, lang: str, root: str) -> "DateFinder":
    return DateFinder(nlp, lang, root)


class DateFinder:
    """Mark date expressions (``doc.spans["dates"]``, label = kind) and their tokens."""

    def __init__(self, nlp: Language, lang: str, root: str):
        # kinds are checked when the file loads (powfacts.rules.LABELS)
        self.matcher = RuleMatcher(nlp.vocab, load_rules(root, lang, "dates"), f"{lang}/dates.jsonl")

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        return self.matcher.longest(doc)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        doc.spans["dates"] = spans
        for span in spans:
            for token in span:
                mark(token, "in_date", True)
        return doc
