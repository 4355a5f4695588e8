"""Find date expressions and their kind; resolution happens once the document date is known."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from powfacts.pipeline.extensions import mark
from powfacts.pipeline.components.rule_state import RuleState


@Language.factory("powfacts_dates", default_config={"lang": "en", "root": ""}, assigns=["doc.spans", "token._.in_date"])
def make_dates(nlp: Language, name: str, lang: str, root: str) -> "DateFinder":
    return DateFinder(nlp, lang, root)


class DateFinder(RuleState):
    """Mark date expressions (``doc.spans["dates"]``, label = kind) and their tokens."""

    def __init__(self, nlp: Language, lang: str, root: str):
        # kinds are checked when the file loads (powfacts.pipeline.rules.LABELS)
        self._setup_rules(nlp, lang, root, ("dates",))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        return self.matchers["dates"].longest(doc)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        doc.spans["dates"] = spans
        for span in spans:
            for token in span:
                mark(token, "in_date", True)
        return doc
