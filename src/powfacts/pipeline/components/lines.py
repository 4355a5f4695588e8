"""Line breaks end sentences: headlines, datelines and list items stand alone; a table's line is one sentence."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from powfacts.pipeline.extensions import text_of
from powfacts.pipeline.table_cells import table_lines


@Language.factory("powfacts_lines", assigns=["token.is_sent_start"])
def make_lines(nlp: Language, name: str) -> "LineBreaks":
    return LineBreaks()


class LineBreaks:
    """Mark the token after every line break as a sentence start, and the other tokens of a table's lines as none.

    spaCy's sentencizer, which runs next, keeps these marks and adds its own
    where none is set: a table's header ("Date   Swap no.   Returned") or row
    ("05.01.2025   60   25   incl. 3 civilians") is not cut at its full stops,
    so its header cells are read together over its rows.
    """

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> tuple[list[int], list[int]]:
        """Indices of tokens that follow a line break, and of tokens inside a table's line that start none."""
        starts = [t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_]
        inside: list[int] = []
        lines = table_lines(text_of(doc))
        if lines:
            edges = [start for start, _ in lines]
            for token in doc:
                n = bisect_right(edges, token.idx) - 1
                if n >= 0 and lines[n][0] < token.idx < lines[n][1]:
                    inside.append(token.i)
        return starts, inside

    def set_annotations(self, doc: Doc, found: tuple[list[int], list[int]]) -> Doc:
        starts, inside = found
        # one write of the column: setting ``Token.is_sent_start`` checks the whole doc each time (quadratic)
        if starts or inside:
            column = doc.to_array(SENT_START).view("int64")  # -1 (no start) is stored in an unsigned column
            column[inside] = -1
            column[starts] = 1
            doc.from_array([SENT_START], column.view("uint64"))
        return doc
