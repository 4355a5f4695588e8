"""Find figures and read their values: ``4 757``, ``95%``, ``15-20%``,
``One hundred and one``, ``1,000 for 1,000``, ``the 69th``, ``thousands``.

Two pattern files drive it: ``numbers.jsonl`` gives number words their
values (label ``cardinal:7``, ``scale:1000``, ``ordinal:7`` or ``glue``),
``figures.jsonl`` says which token runs are figures and of what kind.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from powfacts.pipeline.extensions import mark, marked
from powfacts.facts.numbers import compose, parse_digits, parse_ordinal
from powfacts.pipeline.components.rule_state import RuleState


#: the figure kinds of a swap formula and of a plain count
SWAP, CARDINAL = "swap", "cardinal"
#: the number kind of a word that only ends a compound ordinal ("first" in "seventy-first", "перший" in "сімдесят перший")
ORDINAL_END = "first"
#: the kinds of number words that make a number's value
NUMBER_WORDS = ("cardinal", "scale", "ordinal", ORDINAL_END)
#: the smallest tens an ordinal's end may follow ("twenty-first")
TENS = 20


@Language.factory(
    "powfacts_figures",
    default_config={"lang": "en", "root": ""},
    requires=["token._.in_date"],
    assigns=["doc.spans", "token._.in_figure", "token._.figure_kind", "token._.num_kind", "token._.num_value", "token._.num_glue"],
)
def make_figures(nlp: Language, name: str, lang: str, root: str) -> "FigureFinder":
    return FigureFinder(nlp, lang, root)


class FigureFinder(RuleState):
    """Write ``doc.spans["figures"]``; each span's ``_.info`` holds its reading."""

    def __init__(self, nlp: Language, lang: str, root: str):
        # labels are checked when the files load (powfacts.pipeline.rules.LABELS)
        self._setup_rules(nlp, lang, root, ("numbers", "figures"))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        """Figure spans not inside a date, each read into ``_.info``."""
        self._mark_number_words(doc)
        found = []
        in_date = marked(doc, "in_date")
        for span in self.matchers["figures"].longest(doc, keep=lambda s: not any(i in in_date for i in range(s.start, s.end))):
            parts = _unequal_sides(span) if span.label_ == SWAP else [span]
            for n, part in enumerate(parts):
                info = read_figure(part)
                if info is not None:
                    # one side of an uneven swap counts what a swap counts, not per side; the second names the first
                    info["paired"] = len(parts) > 1
                    info["paired_with"] = parts[0].start_char if n else None
                    part._.info = info
                    found.append(part)
        return found

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        doc.spans["figures"] = spans
        for span in spans:
            for token in span:
                mark(token, "in_figure", True)
                mark(token, "figure_kind", span.label_)
        return doc

    def _mark_number_words(self, doc: Doc) -> None:
        for span in self.matchers["numbers"].longest(doc):
            kind, _, value = span.label_.partition(":")
            for token in span:
                mark(token, "num_kind", kind)
                mark(token, "num_value", value if kind == "glue" else float(value))
        kinds = marked(doc, "num_kind")
        for i in sorted(i for i, kind in kinds.items() if kind == "glue" and 0 < i < len(doc) - 1):
            token, before, after = doc[i], doc[i - 1], doc[i + 1]
            allowed = ("scale",) if token._.num_value == "scale" else ("cardinal", "scale")
            mark(token, "num_glue", before._.num_kind in allowed and after._.num_kind in ("cardinal", "ordinal", ORDINAL_END))


def _groups(span: Span) -> list[list[Token]]:
    """Runs of tokens that make one number: digits (with spaces) and number words."""
    groups: list[list[Token]] = []
    current: list[Token] = []
    for token in span:
        numeric = token.like_num and any(c.isdigit() for c in token.text) or token._.num_kind in NUMBER_WORDS or token._.num_glue
        spacer = token.text.strip() == "" and bool(current)
        if numeric or spacer:
            current.append(token)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return [[t for t in g if t.text.strip()] for g in groups]


def _group_value(tokens: list[Token]) -> int | float | None:
    digits = [t for t in tokens if any(c.isdigit() for c in t.text)]
    parts: list[tuple[str, float]] = []
    try:
        if digits:
            text = "".join(t.text_with_ws for t in tokens[tokens.index(digits[0]) : tokens.index(digits[-1]) + 1]).strip()
            if digits[-1].text[-1:].isalpha() or "-" in digits[-1].text:
                return parse_ordinal(digits[-1].text)
            parts.append(("cardinal", parse_digits(text)))
            parts += [("scale", t._.num_value) for t in tokens if t._.num_kind == "scale"]
        else:
            parts = [(t._.num_kind, t._.num_value) for t in tokens if t._.num_kind in NUMBER_WORDS]
            if parts and parts[-1][0] == ORDINAL_END:
                # "сімдесят перший", "hundred and first": the last word of an ordinal after tens or hundreds, never
                # after units ("the two first exchanges")
                before = compose(parts[:-1])
                if before < TENS or before % 10:
                    return None
                parts[-1] = ("ordinal", parts[-1][1])
        return compose(parts) if parts else None
    except ValueError:
        return None


def _unequal_sides(span: Span) -> list[Span]:
    """A swap formula whose two numbers differ ("1000 на 19": bodies one way, bodies the other) is two counts, one
    for each side; an even one ("1000 на 1000") is one figure for each side.

    >>> import spacy
    >>> doc = spacy.blank("ru")("1000 на 19")
    >>> [s.text for s in _unequal_sides(Span(doc, 0, 3, label="swap"))]
    ['1000', '19']
    """
    groups = _groups(span)
    values = [_group_value(g) for g in groups]
    if len(groups) != 2 or None in values or values[0] == values[1]:
        return [span]
    doc = span.doc
    return [Span(doc, g[0].i, g[-1].i + 1, label=CARDINAL, span_id=span.id_) for g in groups]


def read_figure(span: Span) -> dict | None:
    """The kind, value, low, high and unit of a figure span, or ``None``."""
    kind = span.label_
    info = {"kind": kind, "value": None, "low": None, "high": None, "percent": kind in ("percent", "percent_range")}
    if kind == "vague":
        return info
    values = [_group_value(g) for g in _groups(span)]
    values = [v for v in values if v is not None]
    if not values:
        return None
    if kind in ("range", "percent_range"):
        if len(values) < 2 or values[0] >= values[1]:
            return None
        info["low"], info["high"] = values[0], values[1]
    else:
        info["value"] = values[0]
    return info
