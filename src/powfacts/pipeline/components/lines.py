"""Line breaks end sentences: headlines, datelines and list items stand alone."""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("powfacts_lines", assigns=["token.is_sent_start"])
def make_lines(nlp: Language, name: str) -> "LineBreaks":
    return LineBreaks()


class LineBreaks:
    """Mark the token after every line break as a sentence start.

    spaCy's sentencizer, which runs next, keeps these marks and adds its own.
    """

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[int]:
        """Indices of tokens that follow a line break."""
        return [t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_]

    def set_annotations(self, doc: Doc, starts: list[int]) -> Doc:
        # one write of the column: setting ``Token.is_sent_start`` checks the whole doc each time (quadratic)
        if starts:
            column = doc.to_array(SENT_START)
            column[starts] = 1
            doc.from_array([SENT_START], column)
        return doc
