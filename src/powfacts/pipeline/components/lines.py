"""Line breaks end sentences: headlines, datelines and list items stand alone; a table's line is one sentence."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from powfacts.pipeline.extensions import text_of
from powfacts.pipeline.table_cells import table_lines


#: the shortest line a wrap leaves: a PDF's or a typed report's text runs its lines to about this width or beyond
WRAP_WIDTH = 60


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
        text = text_of(doc)
        starts, inside = [], []
        for t in doc[:-1]:
            if "\n" in t.text or "\n" in t.whitespace_:
                (inside if self._wrapped(text, doc[t.i + 1]) else starts).append(t.i + 1)
        lines = table_lines(text)
        if lines:
            edges = [start for start, _ in lines]
            for token in doc:
                n = bisect_right(edges, token.idx) - 1
                if n >= 0 and lines[n][0] < token.idx < lines[n][1]:
                    inside.append(token.i)
        return starts, inside

    @staticmethod
    def _wrapped(text: str, token) -> bool:
        """Whether the line ``token`` opens continues the sentence of the line before: a line wrapped as a PDF's text
        wraps it ("під час яких додому повернулися\\n1358 громадян"): the line before long and ending in a lower-case
        letter or a word's hyphen ("унаслі-\\nдок"), one line break between them, this one opening with a lower-case letter or a figure, neither a table's."""
        start = token.idx
        before_end = text.rfind("\n", 0, start)
        if before_end < 0 or text[before_end + 1 : start].strip():
            return False
        line_start = text.rfind("\n", 0, before_end) + 1
        before = text[line_start:before_end].rstrip()
        hyphenated = before[-1:] in ("-", "\u00ad") and before[-2:-1].isalpha()  # "унаслі-" / "док": a word cut in two
        if len(before) < WRAP_WIDTH or not (before[-1].islower() or hyphenated) or "|" in before:
            return False  # a stop, a name, a figure or a table's cell ends the line before
        end = text.find("\n", start)
        after = text[start : end if end >= 0 else len(text)]
        # a figure goes on with the sentence ("1358 громадян"); a list's number ("2. Belarus") or a time ("17:40") does not
        figure = token.text.isdigit() and after[len(token.text) : len(token.text) + 1] not in (".", ")", ":")
        return (token.text[:1].islower() or figure) and "|" not in after

    def set_annotations(self, doc: Doc, found: tuple[list[int], list[int]]) -> Doc:
        starts, inside = found
        # one write of the column: setting ``Token.is_sent_start`` checks the whole doc each time (quadratic)
        if starts or inside:
            column = doc.to_array(SENT_START).view("int64")  # -1 (no start) is stored in an unsigned column
            column[inside] = -1
            column[starts] = 1
            doc.from_array([SENT_START], column.view("uint64"))
        return doc
