"""Words around a figure that say what it counts, how, whose and when.

One class serves every cue concern (measures, qualifiers, status, sides,
populations, nationalities, blockers, date roles): each is a pattern file,
and each instance writes its matches to ``doc.spans[concern]``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from powfacts.pipeline.matching import fact_regions
from powfacts.pipeline.components.rule_state import RuleState

#: concerns matched over the whole text rather than only near figures and dates
WHOLE_TEXT = ("blockers",)


@Language.factory(
    "powfacts_cues",
    default_config={"concern": "measures", "lang": "en", "root": "", "overlaps": False},
    requires=["doc.spans", "token._.in_figure", "token._.in_date"],
    assigns=["doc.spans"],
)
def make_cues(nlp: Language, name: str, concern: str, lang: str, root: str, overlaps: bool) -> "CueTagger":
    return CueTagger(nlp, concern, lang, root, overlaps)


class CueTagger(RuleState):
    """Tag every match of one concern's patterns.

    Overlapping matches are resolved longest-first, unless ``overlaps`` keeps
    them all (for cues that apply to one figure of a match only, such as
    ``mixed@first``).
    """

    def __init__(self, nlp: Language, concern: str, lang: str, root: str, overlaps: bool = False):
        self.concern = concern
        self.overlaps = overlaps
        self._setup_rules(nlp, lang, root, (concern,))

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Span]:
        # blockers may span lines ("Related:" boxes): they read the whole text; other cues only where facts look
        # a cue tagger run alone (no figures or dates found before it) reads the whole text
        alone = "figures" not in doc.spans and "dates" not in doc.spans
        regions = None if self.concern in WHOLE_TEXT or alone else fact_regions(doc)
        matcher = self.matchers[self.concern]
        return matcher.spans(doc, regions) if self.overlaps else matcher.longest(doc, regions=regions)

    def set_annotations(self, doc: Doc, spans: list[Span]) -> Doc:
        doc.spans[self.concern] = spans
        return doc
