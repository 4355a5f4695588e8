"""Find the document's own date in its text (dateline, "Published:", "Text adopted ... on")."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span

from powfacts.facts.dates import WAR_START, YEAR, resolve
from powfacts.pipeline.components.rule_state import RuleState
from powfacts.pipeline.extensions import text_of
from powfacts.pipeline.table_cells import table_lines

_STRONG = "dateline"
_WEAK = "fallback"
_CITED = "cited"
#: a copyright notice ("© 2025", "(c) EFE 2025", "© 1999–2026"): its last year is a year the text states
_COPYRIGHT = "copyright"
#: the label of "last year" in every language's date rules
_LAST_YEAR = "relative_year@last year"


@Language.factory(
    "powfacts_published",
    default_config={"lang": "en", "root": "", "fallback_chars": 600, "languages": ["en"]},
    requires=["token._.in_date", "doc.spans"],
    assigns=["doc._.published", "doc.spans"],
)
def make_published(nlp: Language, name: str, lang: str, root: str, fallback_chars: int, languages: list[str]) -> "PublishedFinder":
    return PublishedFinder(nlp, lang, root, fallback_chars, tuple(languages))


class PublishedFinder(RuleState):
    """Find the document's date in its text, unless one was given with the document.

    Rules labelled ``dateline`` win wherever they stand (the first one in the
    text); rules labelled ``fallback`` (a lone full date) count only in the
    first ``fallback_chars`` characters; a date inside a match of a rule
    labelled ``cited`` (an act cited by its date and number) dates nothing.
    The date itself is the first date expression inside the match. A date
    given by the caller (``--published``, a manifest, an HTML page's
    metadata) is kept: it wins over the text's.
    """

    def __init__(self, nlp: Language, lang: str, root: str, fallback_chars: int, languages: tuple[str, ...]):
        self._setup_rules(nlp, lang, root, ("published",))
        self.fallback_chars = fallback_chars
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> tuple[dt.date, Span, bool] | None:
        """The first resolvable dateline, else a dateline without a year placed in the latest
        year the text states ("KYIV, Jan 3 (Reuters) -" in a story that speaks of 2024), else
        the first early lone full date.

        Returns the date, its span and whether it was a dateline.
        """
        spans = self.matchers["published"].spans(doc)
        cited = [(span.start, span.end) for span in spans if span.label_ == _CITED]
        tables: list[tuple[int, int]] | None = None  # the table lines, found once, when a lone date first asks
        yearless: tuple[dt.date, Span, bool] | None = None
        for label in (_STRONG, _WEAK):
            if label == _WEAK and yearless is not None:
                return yearless  # a dateline's day with the text's year beats a date that merely stands early
            for span in spans:
                if span.label_ != label or (label == _WEAK and span.start_char > self.fallback_chars):
                    continue
                for date in doc.spans["dates"]:
                    inside = date.start >= span.start and date.end <= span.end and date.label_.partition("@")[0] in ("day", "iso")
                    if not inside or any(a <= date.start and date.end <= b for a, b in cited):
                        continue
                    if label == _WEAK and self._war_start(date):
                        continue  # "the war has gone on since 24 February 2022" early in a text is not its date
                    if label == _WEAK:
                        tables = table_lines(text_of(doc)) if tables is None else tables
                        if any(a <= date.start_char < b for a, b in tables):
                            continue  # a table's row ("03.01.2024   49   230") dates its figures, not the text
                    resolved = resolve(date.text, date.label_, None, self.languages)
                    if resolved and len(resolved[0]) == 10:
                        return dt.date.fromisoformat(resolved[0]), date, label == _STRONG
                    if label == _STRONG and yearless is None and span.start_char <= self.fallback_chars:
                        yearless = self._placed(doc, date)  # a dateline without a year stands at the top
        return yearless

    def _placed(self, doc: Doc, date: Span) -> tuple[dt.date, Span, bool] | None:
        """A dateline's day without a year, in the latest year the text's dates state; None when they state none."""
        # the start of the full-scale war ("the largest since February 2022") says nothing of when the text was written
        years = [int(m.group(0)) for span in doc.spans["dates"] if not self._war_start(span) for m in YEAR.finditer(span.text)]
        years += [int(m.group(0)) for span in self.matchers["published"].spans(doc) if span.label_ == _COPYRIGHT for m in YEAR.finditer(span.text)][-1:]
        if not years:
            return None  # no year anywhere: the document's date stays unknown (GUIDELINES: never a year guessed from nothing)
        year = max(years)
        if self._called_last_year(doc, year):
            year += 1  # "the results of last year: in 2025 ..." under "МОСКВА, 5 февраля": the page is from 2026
        resolved = resolve(date.text, date.label_, dt.date(year, 6, 30), self.languages)
        if not resolved or len(resolved[0]) != 10:
            return None
        month, day = int(resolved[0][5:7]), int(resolved[0][8:10])
        latest = self._latest_stated_day(doc, date)
        if latest is not None and (month, day) < (latest.month, latest.day) and latest.year == year:
            year += 1  # "Kiev, 24 feb" over a story that tells of 17 March 2022: the page is from 2023
        try:
            return dt.date(year, month, day), date, True
        except ValueError:  # 29 February of a year without one
            return None

    def _war_start(self, span: Span) -> bool:
        """Whether a date names the start of the full-scale war: 24 February 2022 or February 2022 ("the last swap of
        2022" names the text's own year)."""
        resolved = resolve(span.text, span.label_, None, self.languages) if span.label_.partition("@")[0] in ("day", "iso", "month") else None
        return resolved is not None and resolved[0] in (WAR_START, WAR_START[:7]) and resolved[0] == resolved[1]

    def _called_last_year(self, doc: Doc, year: int) -> bool:
        """Whether a sentence that says "last year" states ``year`` too, or the sentence before or after it does."""
        for span in doc.spans["dates"]:
            if span.label_ != _LAST_YEAR:
                continue
            sentence = span.sent
            start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
            end = doc[sentence.end].sent.end if sentence.end < len(doc) else sentence.end
            if str(year) in doc[start:end].text:
                return True
        return False

    def _latest_stated_day(self, doc: Doc, dateline: Span) -> dt.date | None:
        """The latest day the text states with its year (a month with its year from its first day), the dateline's own
        aside: "the first swap since October 2025" under "Kiev, 6 mar" puts the page in 2026."""
        days = []
        for span in doc.spans["dates"]:
            if span.start == dateline.start or span.label_.partition("@")[0] not in ("day", "iso", "month") or not YEAR.search(span.text) or self._war_start(span):
                continue
            resolved = resolve(span.text, span.label_, None, self.languages)
            if resolved and len(resolved[0]) in (7, 10):
                days.append(dt.date.fromisoformat(resolved[0] if len(resolved[0]) == 10 else resolved[0] + "-01"))
        return max(days, default=None)

    def set_annotations(self, doc: Doc, found: tuple[dt.date, Span, bool] | None) -> Doc:
        if found is not None:
            given = doc._.published
            doc._.published, date, dateline = found
            if given is not None:
                doc._.published = given  # a date given with the document (command line, manifest, page metadata) wins
            if dateline:
                # a dateline dates the document, not the figures that share its line
                doc.spans["dates"] = [d for d in doc.spans["dates"] if (d.start, d.end) != (date.start, date.end)]
        return doc
